//! `server export`: all facts (optionally filtered) as CSV or JSON, to stdout or a file.

use std::{
    io::{BufWriter, Write},
    path::{Path, PathBuf},
};

use anyhow::Context;
use futures_util::TryStreamExt;
use store::{facts::FactFilter, Db};

use crate::{cli::ExportArgs, cli::ExportFormat, lookup};

pub async fn run(db: &Db, args: ExportArgs) -> anyhow::Result<()> {
    let filter = FactFilter {
        cities: lookup::city_keys(&db.cities().await?, &args.city)?,
        metrics: lookup::metric_keys(&args.metric)?,
        ..FactFilter::all()
    };
    match &args.out {
        None => {
            let stdout = std::io::stdout().lock();
            write_all(db, filter, args.format, BufWriter::new(stdout)).await?;
        }
        Some(path) => {
            // Written beside the target and renamed at the end: a failed export never
            // leaves a half-written file where a complete one was expected.
            let tmp = temp_path(path);
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            let result = write_all(db, filter, args.format, BufWriter::new(file)).await;
            if let Err(e) = result {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot move the export to {}", path.display()))?;
        }
    }
    Ok(())
}

async fn write_all<W: Write>(
    db: &Db,
    filter: FactFilter,
    format: ExportFormat,
    mut out: W,
) -> anyhow::Result<()> {
    match format {
        ExportFormat::Csv => {
            let mut chunks = Box::pin(db.facts_csv(filter));
            while let Some(chunk) = chunks.try_next().await? {
                out.write_all(&chunk)?;
            }
        }
        ExportFormat::Json => {
            let mut rows = Box::pin(db.facts_stream(filter));
            out.write_all(b"[")?;
            let mut first = true;
            while let Some(row) = rows.try_next().await? {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(b"\n")?;
                serde_json::to_writer(&mut out, &row)?;
            }
            out.write_all(b"\n]\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}
