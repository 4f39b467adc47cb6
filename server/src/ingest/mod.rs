//! The ingestion job: article files → decoded text → extracted facts → SQLite.
//!
//! Each file is handled on its own: a bad file is reported with its reason and does not
//! stop the others, and each article is written in one transaction (all in or all out).

pub mod decode;
pub mod manifest;
pub mod report;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
};

use extractor::{ArticleMeta, Gazetteer};
use sha2::{Digest, Sha256};
use store::{articles::NewArticle, Db, StoreError};

pub use decode::{decode, DecodeError};
pub use report::{FileOutcome, Progress, Summary};

/// Files larger than this are refused: no real article is, and extraction memory grows with size.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One file to ingest and the folder manifest that describes it.
struct Job {
    path: PathBuf,
    meta: manifest::Entry,
}

/// Ingests files and folders of `.txt` articles. Errors only for problems that concern the
/// whole run (an unreadable folder or manifest, the database going away); a bad file is a
/// [`FileOutcome::Failed`] in the summary.
pub async fn ingest_paths(
    db: &Db,
    paths: &[PathBuf],
    max_bytes: u64,
    progress: &mut dyn Progress,
) -> anyhow::Result<Summary> {
    let options = Options {
        max_bytes,
        reextract: false,
    };
    ingest_paths_with(db, paths, &options, progress).await
}

/// How a run treats its files.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// Extract articles whose text is already stored again, replacing their facts (after
    /// the extractor changed); reviews of their figures are kept.
    pub reextract: bool,
}

/// [`ingest_paths`] with every option.
pub async fn ingest_paths_with(
    db: &Db,
    paths: &[PathBuf],
    options: &Options,
    progress: &mut dyn Progress,
) -> anyhow::Result<Summary> {
    let jobs = collect(paths)?;
    let context = Context::load(db).await?;
    progress.start(jobs.len());
    let mut summary = Summary::default();
    for job in jobs {
        let name = job.path.display().to_string();
        let outcome = ingest_file(db, &context, &job, options).await?;
        progress.file_done(&name, &outcome);
        summary.add(name, outcome);
    }
    progress.finish(&summary);
    Ok(summary)
}

/// What extraction needs from the database, loaded once per run.
#[derive(Clone)]
pub struct Context {
    gazetteer: Arc<Gazetteer>,
    city_keys: Vec<String>,
}

impl Context {
    pub async fn load(db: &Db) -> Result<Self, StoreError> {
        Ok(Self {
            gazetteer: Arc::new(db.gazetteer().await?),
            city_keys: db.cities().await?.into_iter().map(|c| c.key).collect(),
        })
    }
}

async fn ingest_file(
    db: &Db,
    context: &Context,
    job: &Job,
    options: &Options,
) -> anyhow::Result<FileOutcome> {
    let max_bytes = options.max_bytes;
    let size = match tokio::fs::metadata(&job.path).await {
        Ok(m) => m.len(),
        Err(e) => return Ok(FileOutcome::failed(format!("cannot read: {e}"))),
    };
    if size > max_bytes {
        return Ok(FileOutcome::failed(format!(
            "too large: {size} bytes, the limit is {max_bytes} (raise it with --max-bytes)"
        )));
    }
    let bytes = match tokio::fs::read(&job.path).await {
        Ok(b) => b,
        Err(e) => return Ok(FileOutcome::failed(format!("cannot read: {e}"))),
    };
    let file_name = job
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let request = Request {
        file_name: &file_name,
        bytes: &bytes,
        meta: &job.meta,
        added_by: None,
        reextract: options.reextract,
    };
    ingest_bytes(db, context, &request).await
}

/// One article to ingest, given as bytes (files and uploads share this).
pub struct Request<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub meta: &'a manifest::Entry,
    /// Who added it through the server (audited with the article, in its transaction).
    pub added_by: Option<&'a str>,
    /// See [`Options::reextract`].
    pub reextract: bool,
}

/// Decodes, extracts and stores one article.
pub async fn ingest_bytes(
    db: &Db,
    context: &Context,
    request: &Request<'_>,
) -> anyhow::Result<FileOutcome> {
    let Request {
        file_name, meta, ..
    } = *request;
    let decoded = match decode(request.bytes) {
        Ok(d) => d,
        Err(e) => return Ok(FileOutcome::failed(e.to_string())),
    };
    let hash = content_hash(&decoded.text);
    let existing = db.article_with_hash(&hash).await?;
    match existing {
        Some(existing) if existing.file_name != file_name => {
            return Ok(FileOutcome::Duplicate {
                of: existing.file_name,
            })
        }
        Some(_) if !request.reextract => return Ok(FileOutcome::Unchanged),
        _ => {}
    }

    let city_hint = meta
        .city
        .clone()
        .filter(|key| context.city_keys.contains(key));
    let article_meta = ArticleMeta {
        file_name: file_name.to_owned(),
        title: meta.title.clone(),
        published: meta.published,
        city_hint,
    };
    // Extraction is CPU-bound: keep it off the async workers so serving stays responsive.
    let (text, extraction) = {
        let gazetteer = Arc::clone(&context.gazetteer);
        let text = decoded.text;
        tokio::task::spawn_blocking(move || {
            let extraction = extractor::extract(&text, &article_meta, &gazetteer);
            (text, extraction)
        })
        .await?
    };

    if let Some(existing) = existing {
        let facts = extraction.facts.len();
        return Ok(
            if db
                .replace_facts(
                    existing.id,
                    extraction.main_city.as_deref(),
                    &extraction.facts,
                )
                .await?
            {
                FileOutcome::Reextracted {
                    id: existing.id,
                    facts,
                }
            } else {
                FileOutcome::failed("the article was deleted while it was being extracted")
            },
        );
    }
    let article = NewArticle {
        file_name,
        title: meta.title.as_deref(),
        source: meta.source.as_deref(),
        url: meta.url.as_deref(),
        // A date the text prints is better than none: relative periods were read against it.
        published: meta.published.or(extraction.published),
        main_city: extraction.main_city.as_deref(),
        text: &text,
        encoding: decoded.encoding,
        content_hash: &hash,
        added_by: request.added_by,
    };
    match db.store_article(&article, &extraction.facts).await {
        Ok(store::articles::Stored::Inserted { id, facts }) => {
            Ok(FileOutcome::Ingested { id, facts })
        }
        Ok(store::articles::Stored::Replaced { id, facts }) => {
            Ok(FileOutcome::Replaced { id, facts })
        }
        Err(StoreError::DuplicateContent { existing, .. }) => {
            Ok(FileOutcome::Duplicate { of: existing })
        }
        Err(e) => Err(e.into()),
    }
}

/// Expands folders into their `.txt` files (recursively, sorted) and attaches manifest entries.
fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<Job>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            // A file named explicitly is taken whatever its extension; a missing one fails later
            // with its own reason rather than aborting the run.
            files.push(path.clone());
        }
    }
    let mut manifests: HashMap<PathBuf, manifest::Manifest> = HashMap::new();
    let mut jobs = Vec::with_capacity(files.len());
    for path in files {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if !manifests.contains_key(&folder) {
            manifests.insert(folder.clone(), manifest::load(&folder)?);
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = manifests[&folder].get(&name).cloned().unwrap_or_default();
        jobs.push(Job { path, meta });
    }
    Ok(jobs)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// How stored articles are told apart: the SHA-256 of their decoded text, in hex.
pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
