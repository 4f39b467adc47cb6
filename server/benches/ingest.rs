//! End-to-end ingest throughput: a ≥50 MB corpus generated from the seeds (paragraphs
//! shuffled across articles, figures perturbed, so no two files are alike and dedup never
//! short-circuits) ingested into a fresh SQLite file. Prints MB/s and peak memory.
//!
//! `cargo bench -p server --bench ingest [-- MB]` (default 50).

use std::{path::Path, time::Instant};

use server::ingest::{self, report::Silent};
use store::Db;

fn main() {
    let megabytes: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let bytes = generate(&corpus, megabytes * 1_000_000);
    let rss_before = peak_rss_kib();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (summary, secs) = runtime.block_on(async {
        let db = Db::open(&dir.path().join("bench.db")).await.unwrap();
        let start = Instant::now();
        let summary = ingest::ingest_paths(
            &db,
            std::slice::from_ref(&corpus),
            ingest::DEFAULT_MAX_BYTES,
            &mut Silent,
        )
        .await
        .unwrap();
        (summary, start.elapsed().as_secs_f64())
    });
    assert_eq!(summary.failed, 0);
    println!(
        "ingest: {} files, {:.1} MB, {} facts in {:.2} s = {:.1} MB/s; peak RSS {} MiB (before ingest {} MiB)",
        summary.ingested,
        bytes as f64 / 1e6,
        summary.facts,
        secs,
        bytes as f64 / 1e6 / secs,
        peak_rss_kib() / 1024,
        rss_before / 1024,
    );
}

/// Writes articles of ~100 KB until `target` bytes; returns the bytes written.
fn generate(dir: &Path, target: usize) -> usize {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        paragraphs.extend(
            text.split("\n\n")
                .filter(|p| p.trim().chars().count() > 20)
                .map(str::to_owned),
        );
    }
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut written = 0;
    let mut n = 0;
    while written < target {
        let mut article = String::with_capacity(110_000);
        while article.len() < 100_000 {
            let p = &paragraphs[(next() % paragraphs.len() as u64) as usize];
            // Shift every digit by a per-paragraph amount: new figures, same shapes.
            let shift = (next() % 10) as u32;
            article.extend(p.chars().map(|c| match c.to_digit(10) {
                Some(d) => char::from_digit((d + shift) % 10, 10).unwrap(),
                None => c,
            }));
            article.push_str("\n\n");
        }
        std::fs::write(dir.join(format!("gen_{n:05}.txt")), &article).unwrap();
        written += article.len();
        n += 1;
    }
    written
}

/// Peak resident set size of this process (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
