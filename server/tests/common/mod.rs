//! A database ingested from `seeds/` in a temporary folder, shared by the integration tests.

#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};

use server::ingest::{self, report::Silent, Summary};
use store::Db;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The admin token the write tests use.
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

pub struct Seeded {
    pub db: Db,
    pub summary: Summary,
    // Dropped last: the database lives in it.
    pub dir: tempfile::TempDir,
}

pub async fn seeded() -> Seeded {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("dashboard.db")).await.unwrap();
    let summary = ingest::ingest_paths(
        &db,
        &[repo_root().join("seeds")],
        ingest::DEFAULT_MAX_BYTES,
        &mut Silent,
    )
    .await
    .unwrap();
    assert_eq!(summary.failed, 0, "{:?}", summary.files);
    Seeded { db, summary, dir }
}
