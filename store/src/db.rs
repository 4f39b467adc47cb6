//! Opening the SQLite file and reading cities.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

use crate::{
    model::{City, Place},
    StoreError,
};

/// Where the database lives unless `--db` says otherwise (relative to the working directory).
pub const DEFAULT_DB_PATH: &str = "data/dashboard.db";

/// How long a writer waits for another writer before giving up; readers never wait in WAL mode.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A handle on the dashboard database. Cheap to clone: it wraps a connection pool.
#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
    path: std::path::PathBuf,
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|source| StoreError::CreateDir {
                    path: parent.to_owned(),
                    source,
                })?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(|source| StoreError::Open {
                path: path.to_owned(),
                source,
            })?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable across application crashes in WAL mode; only an OS crash
            // can lose the last transactions, never corrupt the file.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open {
                path: path.to_owned(),
                source,
            })?;
        // SQLite migrations take no lock: when two processes open a new file at once (a
        // server and an `ingest`), one can trip over the other's half-created tables. The
        // loser retries and then finds the migrations applied.
        let mut attempt = 0;
        loop {
            match sqlx::migrate!("../migrations").run(&pool).await {
                Ok(()) => break,
                Err(_) if attempt < 3 => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
                }
                Err(source) => {
                    return Err(StoreError::Migrate {
                        path: path.to_owned(),
                        source,
                    })
                }
            }
        }
        Ok(Self {
            pool,
            path: path.to_owned(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying pool, for the modules of this crate and for tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A connection of its own that notices commits made by any other connection or process.
    pub async fn change_watcher(&self) -> Result<ChangeWatcher, StoreError> {
        Ok(ChangeWatcher {
            conn: self.pool.acquire().await?.detach(),
        })
    }

    /// All followed cities in display order, each with its places.
    pub async fn cities(&self) -> Result<Vec<City>, StoreError> {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT key, name_zh, name_en, province FROM cities ORDER BY sort_order, key",
        )
        .fetch_all(&self.pool)
        .await?;
        let places: Vec<(String, String, String)> =
            sqlx::query_as("SELECT city_key, name, kind FROM city_places ORDER BY kind, name")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(key, name_zh, name_en, province)| {
                let places = places
                    .iter()
                    .filter(|(city, _, _)| *city == key)
                    .map(|(_, name, kind)| Place {
                        name: name.clone(),
                        kind: kind.clone(),
                    })
                    .collect();
                City {
                    key,
                    name_zh,
                    name_en,
                    province,
                    places,
                }
            })
            .collect())
    }
}

/// See [`Db::change_watcher`].
pub struct ChangeWatcher {
    conn: sqlx::SqliteConnection,
}

impl ChangeWatcher {
    /// SQLite's `data_version`: changes whenever another connection has committed.
    pub async fn data_version(&mut self) -> Result<i64, StoreError> {
        let (v,): (i64,) = sqlx::query_as("PRAGMA data_version")
            .fetch_one(&mut self.conn)
            .await?;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn open_creates_folder_migrates_and_lists_the_three_cities() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/dashboard.db");
        let db = Db::open(&path).await.unwrap();
        assert!(path.exists());
        let cities = db.cities().await.unwrap();
        let names: Vec<_> = cities.iter().map(|c| c.name_zh.as_str()).collect();
        assert_eq!(names, ["四平", "营口", "临汾"]);
        let yingkou = &cities[1];
        assert!(yingkou
            .places
            .iter()
            .any(|p| p.name == "鲅鱼圈区" && p.kind == "district"));

        let mode: (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(mode.0, "wal");
        let fk: (i64,) = sqlx::query_as("PRAGMA foreign_keys")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(fk.0, 1);
    }

    #[tokio::test]
    async fn reopening_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        drop(Db::open(&path).await.unwrap());
        let db = Db::open(&path).await.unwrap();
        assert_eq!(db.cities().await.unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_file_that_is_not_sqlite_gives_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not.db");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        let err = Db::open(&path).await.unwrap_err().to_string();
        assert!(err.contains("not.db"), "{err}");
    }
}
