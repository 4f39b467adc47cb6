//! What happened to each file, the run's summary, and how progress is shown.

use serde::Serialize;

/// The result of ingesting one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileOutcome {
    /// A new article (its id) with this many facts.
    Ingested { id: i64, facts: usize },
    /// Known file name with new content: the old article was replaced by article `id`.
    Replaced { id: i64, facts: usize },
    /// Same file, same content, extracted again (`--reextract`): the article kept its id,
    /// its facts were replaced and their reviews re-applied.
    Reextracted { id: i64, facts: usize },
    /// Same file, same content: nothing to do.
    Unchanged,
    /// The same content is already stored under another file name.
    Duplicate { of: String },
    /// Not ingested, and why.
    Failed { reason: String },
}

impl FileOutcome {
    pub fn failed(reason: impl Into<String>) -> Self {
        Self::Failed {
            reason: reason.into(),
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub ingested: usize,
    pub replaced: usize,
    pub reextracted: usize,
    pub skipped: usize,
    pub failed: usize,
    pub facts: usize,
    pub files: Vec<FileReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileReport {
    pub file: String,
    #[serde(flatten)]
    pub outcome: FileOutcome,
}

impl Summary {
    pub fn add(&mut self, file: String, outcome: FileOutcome) {
        match &outcome {
            FileOutcome::Ingested { facts, .. } => {
                self.ingested += 1;
                self.facts += facts;
            }
            FileOutcome::Replaced { facts, .. } => {
                self.replaced += 1;
                self.facts += facts;
            }
            FileOutcome::Reextracted { facts, .. } => {
                self.reextracted += 1;
                self.facts += facts;
            }
            FileOutcome::Unchanged | FileOutcome::Duplicate { .. } => self.skipped += 1,
            FileOutcome::Failed { .. } => self.failed += 1,
        }
        self.files.push(FileReport { file, outcome });
    }

    pub fn line(&self) -> String {
        format!(
            "{} ingested, {} replaced, {} re-extracted, {} skipped, {} failed, {} facts",
            self.ingested, self.replaced, self.reextracted, self.skipped, self.failed, self.facts
        )
    }
}

impl std::fmt::Display for FileOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileOutcome::Ingested { facts, .. } => write!(f, "ingested, {facts} facts"),
            FileOutcome::Replaced { facts, .. } => {
                write!(f, "replaced (content changed), {facts} facts")
            }
            FileOutcome::Reextracted { facts, .. } => {
                write!(f, "re-extracted, {facts} facts (reviews kept)")
            }
            FileOutcome::Unchanged => write!(f, "unchanged, skipped"),
            FileOutcome::Duplicate { of } => write!(f, "same content as {of}, skipped"),
            FileOutcome::Failed { reason } => write!(f, "FAILED: {reason}"),
        }
    }
}

/// How a run reports progress: a bar on a terminal, lines in logs, nothing for `--json`.
pub trait Progress: Send {
    fn start(&mut self, _files: usize) {}
    fn file_done(&mut self, file: &str, outcome: &FileOutcome);
    fn finish(&mut self, _summary: &Summary) {}
}

/// One log line per file, for logs and non-terminal output.
pub struct LogProgress;

impl Progress for LogProgress {
    fn file_done(&mut self, file: &str, outcome: &FileOutcome) {
        match outcome {
            FileOutcome::Failed { .. } => tracing::warn!("{file}: {outcome}"),
            _ => tracing::info!("{file}: {outcome}"),
        }
    }
    fn finish(&mut self, summary: &Summary) {
        tracing::info!("ingest done: {}", summary.line());
    }
}

/// Prints nothing (the caller prints the summary itself).
pub struct Silent;

impl Progress for Silent {
    fn file_done(&mut self, _: &str, _: &FileOutcome) {}
}

/// A progress bar for interactive use; failures are printed above it as they happen.
#[derive(Default)]
pub struct BarProgress(Option<indicatif::ProgressBar>);

impl Progress for BarProgress {
    fn start(&mut self, files: usize) {
        let bar = indicatif::ProgressBar::new(files as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        self.0 = Some(bar);
    }
    fn file_done(&mut self, file: &str, outcome: &FileOutcome) {
        if let Some(bar) = &self.0 {
            if matches!(outcome, FileOutcome::Failed { .. }) {
                bar.println(format!("{file}: {outcome}"));
            }
            bar.set_message(file.to_owned());
            bar.inc(1);
        }
    }
    fn finish(&mut self, _: &Summary) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}
