//! The dashboard's data: the serde types every layer speaks ([`model`], [`period`]) and,
//! with the `db` feature, their SQLite persistence ([`Db`]).
//!
//! The browser build uses only the types; the server uses both.

pub mod display;
pub mod model;
pub mod period;

#[cfg(feature = "db")]
pub mod admin;
#[cfg(feature = "db")]
pub mod articles;
#[cfg(feature = "db")]
pub mod csv_export;
#[cfg(feature = "db")]
mod db;
#[cfg(feature = "db")]
mod error;
#[cfg(feature = "db")]
pub mod facts;
#[cfg(feature = "db")]
mod gazetteer;
#[cfg(feature = "db")]
mod queries;
#[cfg(feature = "db")]
pub mod reviews;
pub mod series;

#[cfg(feature = "db")]
pub use db::{ChangeWatcher, Db, DEFAULT_DB_PATH};
#[cfg(feature = "db")]
pub use error::StoreError;
