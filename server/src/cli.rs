use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

/// 区域经济指标看板 — regional economic indicators dashboard.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// SQLite database file (created with its folder if missing).
    #[arg(long, global = true, env = "DASHBOARD_DB", default_value = store::DEFAULT_DB_PATH)]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the website and API (the default). Ingests the seeds when the database is empty.
    Serve(ServeArgs),
    /// Read article files (.txt, UTF-8 or GB18030) or folders of them into the database.
    Ingest(IngestArgs),
    /// Write stored facts as CSV or JSON.
    Export(ExportArgs),
    /// Write a consistent copy of the live database to a new file (safe while serving).
    /// To restore: stop the server, replace the database file with the copy, start again.
    Backup(BackupArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write; must not exist yet.
    pub path: PathBuf,
}

impl Default for Command {
    fn default() -> Self {
        Command::Serve(ServeArgs::default())
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the URL is printed).
    #[arg(long, env = "DASHBOARD_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site assets (`pkg/app.js`, `pkg/app_bg.wasm`, `pkg/app.css`),
    /// as written by `make build`.
    #[arg(long, env = "DASHBOARD_SITE", default_value = "target/site")]
    pub site: PathBuf,

    /// Articles ingested on first start, when the database has none.
    #[arg(long, env = "DASHBOARD_SEEDS", default_value = "seeds")]
    pub seeds: PathBuf,
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            addr: ([127, 0, 0, 1], 3000).into(),
            site: "target/site".into(),
            seeds: "seeds".into(),
        }
    }
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders (searched recursively for *.txt). A `manifest.toml` in a folder
    /// supplies title, published date, source, url and city hint per file.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Print the summary as JSON on stdout (for scripts) instead of a progress bar.
    #[arg(long)]
    pub json: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,

    /// Extract files whose text is already stored again (after the extractor changed),
    /// replacing their facts. Reviews of their figures are kept; article ids stay.
    #[arg(long)]
    pub reextract: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,

    /// Only these cities (key like `siping` or name like 四平); repeatable.
    #[arg(long)]
    pub city: Vec<String>,

    /// Only these metric keys (e.g. `gdp_growth_pct`); repeatable.
    #[arg(long)]
    pub metric: Vec<String>,

    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}
