//! `manifest.toml` beside the article files: metadata the texts do not print.

use std::{collections::HashMap, path::Path};

use chrono::NaiveDate;
use serde::Deserialize;

pub const MANIFEST_FILE: &str = "manifest.toml";

/// Metadata of one article file; every field optional.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Key of the city the article is about, a hint for passages that name no place.
    pub city: Option<String>,
}

/// File name → metadata, for the files of one folder.
pub type Manifest = HashMap<String, Entry>;

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a valid manifest: {message}(expected tables like [\"file.txt\"] with title, published = \"YYYY-MM-DD\", source, url, city)")]
    Parse { path: String, message: String },
}

/// Reads the manifest of a folder; a folder without one has an empty manifest.
pub fn load(folder: &Path) -> Result<Manifest, ManifestError> {
    let path = folder.join(MANIFEST_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::new()),
        Err(source) => {
            return Err(ManifestError::Read {
                path: path.display().to_string(),
                source,
            });
        }
    };
    parse(&text).map_err(|message| ManifestError::Parse {
        path: path.display().to_string(),
        message,
    })
}

fn parse(text: &str) -> Result<Manifest, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_rejects_typos() {
        let m = parse(
            "[\"a.txt\"]\ntitle = \"标题\"\npublished = \"2023-08-04\"\ncity = \"siping\"\n\n[\"b.txt\"]\n",
        )
        .unwrap();
        assert_eq!(m["a.txt"].published, NaiveDate::from_ymd_opt(2023, 8, 4));
        assert_eq!(m["a.txt"].title.as_deref(), Some("标题"));
        assert_eq!(m["b.txt"], Entry::default());
        let err = parse("[\"a.txt\"]\npublishd = \"2023-08-04\"\n").unwrap_err();
        assert!(err.contains("publishd"), "{err}");
        assert!(parse("[\"a.txt\"]\npublished = \"2023-13-40\"\n").is_err());
    }

    #[test]
    fn the_shipped_seed_manifest_is_valid() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        let m = load(&seeds).unwrap();
        assert_eq!(m.len(), 5);
        assert!(m.values().filter(|e| e.published.is_some()).count() >= 4);
    }
}
