//! `server`: the dashboard's one binary. `serve` (default) runs the website and API;
//! later subcommands ingest articles and export facts.

use clap::Parser;

mod cli;
mod serve;

fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    init_tracing();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command.unwrap_or_default() {
            cli::Command::Serve(args) => serve::run(&cli.db, args).await,
        }
    })
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
