//! The dashboard's data: the serde types every layer speaks ([`model`]) and,
//! with the `db` feature, their SQLite persistence ([`Db`]).
//!
//! The browser build uses only [`model`]; the server uses both.

pub mod model;

#[cfg(feature = "db")]
mod db;
#[cfg(feature = "db")]
mod error;

#[cfg(feature = "db")]
pub use db::{Db, DEFAULT_DB_PATH};
#[cfg(feature = "db")]
pub use error::StoreError;
