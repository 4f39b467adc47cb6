use std::path::PathBuf;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the database folder {path}: {source} (check the path passed to --db and its permissions)")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source} (is the file a SQLite database, and is the folder writable?)")]
    Open { path: PathBuf, source: sqlx::Error },
    #[error("cannot migrate the database {path}: {source} (was it created by a newer version of this program?)")]
    Migrate {
        path: PathBuf,
        source: sqlx::migrate::MigrateError,
    },
    #[error(
        "{file_name} has the same content as the stored article {existing}; nothing was written"
    )]
    DuplicateContent { file_name: String, existing: String },
    #[error("cannot back up to {path}: {reason}")]
    BackupTarget { path: String, reason: String },
    #[error("cannot review the figure: {field} {message}")]
    InvalidReview {
        field: &'static str,
        message: String,
    },
    #[error("figure {fact_id} is at revision {current}, not {expected}: someone reviewed it meanwhile; reload it and review again")]
    StaleRevision {
        fact_id: i64,
        expected: i64,
        current: i64,
    },
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
    #[error("database export failed: {0}")]
    Read(#[from] rusqlite::Error),
}
