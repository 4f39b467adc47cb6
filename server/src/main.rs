//! `server`: the dashboard's one binary — `serve` (default) runs the website and API,
//! `ingest` reads articles into the database, `export` writes the facts out.

use std::io::IsTerminal;

use clap::Parser;
use server::{cli, export, ingest, serve};
use store::Db;

fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    init_tracing();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command.unwrap_or_default() {
            cli::Command::Serve(args) => serve::run(&cli.db, args).await,
            cli::Command::Ingest(args) => run_ingest(&cli.db, args).await,
            cli::Command::Export(args) => export::run(&Db::open(&cli.db).await?, args).await,
            cli::Command::Backup(args) => {
                let db = Db::open(&cli.db).await?;
                db.backup_to(&args.path).await?;
                println!("backed up {} to {}", cli.db.display(), args.path.display());
                Ok(())
            }
        }
    })
}

async fn run_ingest(db_path: &std::path::Path, args: cli::IngestArgs) -> anyhow::Result<()> {
    let db = Db::open(db_path).await?;
    let mut progress: Box<dyn ingest::Progress> = if args.json {
        Box::new(ingest::report::Silent)
    } else if std::io::stderr().is_terminal() {
        Box::new(ingest::report::BarProgress::default())
    } else {
        Box::new(ingest::report::LogProgress)
    };
    let options = ingest::Options {
        max_bytes: args.max_bytes,
        reextract: args.reextract,
    };
    let summary = ingest::ingest_paths_with(&db, &args.paths, &options, progress.as_mut()).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        for file in summary
            .files
            .iter()
            .filter(|f| matches!(f.outcome, ingest::FileOutcome::Failed { .. }))
        {
            eprintln!("failed: {}: {}", file.file, file.outcome);
        }
        eprintln!("{}", summary.line());
    }
    if summary.failed > 0 {
        anyhow::bail!(
            "{} of {} files failed (reasons above)",
            summary.failed,
            summary.files.len()
        );
    }
    Ok(())
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
