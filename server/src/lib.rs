//! The dashboard server as a library, so integration tests drive the same code the
//! `server` binary runs: [`ingest`] articles, [`api`] and pages via [`serve::router`],
//! [`export`] facts.

pub mod admin_pages;
pub mod api;
pub mod auth;
pub mod cli;
pub mod export;
pub mod ingest;
pub mod lookup;
pub mod serve;
