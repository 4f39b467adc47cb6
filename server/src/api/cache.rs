//! Whole responses kept in memory and dropped on every write to the database.
//!
//! Reads vastly outnumber writes here (articles arrive a few a day; dashboards poll all
//! day), and fetching plus serialising rows through sqlx is what costs per request. So a
//! response is built once per database version and then served as bytes.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        RwLock,
    },
    time::Duration,
};

use axum::body::Bytes;
use store::Db;

/// Beyond this many distinct URLs the cache starts over rather than growing without bound.
const MAX_ENTRIES: usize = 4096;
/// How often to look for writes made by other processes (`server ingest` beside a running server).
const EXTERNAL_WRITE_POLL: Duration = Duration::from_millis(500);

#[derive(Clone, Debug)]
pub struct Cached {
    pub content_type: &'static str,
    pub body: Bytes,
}

#[derive(Default)]
pub struct ResponseCache {
    generation: AtomicU64,
    entries: RwLock<HashMap<String, (u64, Cached)>>,
}

impl ResponseCache {
    /// The current database version as the cache knows it; pass it back to [`Self::put`].
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub fn get(&self, key: &str) -> Option<Cached> {
        let generation = self.generation();
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, c)| c.clone())
    }

    /// Stores a response built while the database was at `generation`; a write that happened
    /// meanwhile makes it stale, and then it is not kept.
    pub fn put(&self, key: String, generation: u64, value: Cached) {
        if generation != self.generation() {
            return;
        }
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (generation, value));
    }

    /// Call after every write to the database.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Watches for commits by other connections (SQLite's `data_version`) and invalidates.
    pub async fn watch_external_writes(
        self: std::sync::Arc<Self>,
        db: &Db,
    ) -> Result<(), store::StoreError> {
        let mut watcher = db.change_watcher().await?;
        tokio::spawn(async move {
            let mut last = None;
            loop {
                match watcher.data_version().await {
                    Ok(v) => {
                        if last.is_some_and(|l| l != v) {
                            self.invalidate();
                        }
                        last = Some(v);
                    }
                    Err(e) => tracing::warn!("cannot check the database for external writes: {e}"),
                }
                tokio::time::sleep(EXTERNAL_WRITE_POLL).await;
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(s: &'static str) -> Cached {
        Cached {
            content_type: "text/plain",
            body: Bytes::from_static(s.as_bytes()),
        }
    }

    #[test]
    fn entries_die_with_their_generation() {
        let cache = ResponseCache::default();
        let g = cache.generation();
        cache.put("a".into(), g, cached("1"));
        assert_eq!(cache.get("a").unwrap().body, "1");
        cache.invalidate();
        assert!(cache.get("a").is_none());
        // A response built before a write must not be stored after it.
        cache.put("a".into(), g, cached("stale"));
        assert!(cache.get("a").is_none());
    }
}
