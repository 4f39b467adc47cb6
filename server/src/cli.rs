use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

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
    /// Serve the website and API (the default).
    Serve(ServeArgs),
}

impl Default for Command {
    fn default() -> Self {
        Command::Serve(ServeArgs::default())
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "DASHBOARD_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site assets (`pkg/app.js`, `pkg/app_bg.wasm`, `pkg/app.css`),
    /// as written by `make build`.
    #[arg(long, env = "DASHBOARD_SITE", default_value = "target/site")]
    pub site: PathBuf,
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            addr: ([127, 0, 0, 1], 3000).into(),
            site: "target/site".into(),
        }
    }
}
