//! Engine throughput on a ≥ 50 MB corpus generated from the seeds: paragraphs
//! shuffled across seeds and every number perturbed, so no two articles repeat.
//!
//! cargo bench -p extractor --bench extract
//! (EXTRACT_BENCH_MB=50 and SEEDS_DIR=/work/main/seeds by default)

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use extractor::{extract, ArticleMeta};

#[path = "../tests/common/mod.rs"]
mod common;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn seeds_dir() -> String {
    std::env::var("SEEDS_DIR").unwrap_or_else(|_| {
        let here = concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds");
        here.to_string()
    })
}

/// Articles of 5-60 paragraphs drawn from all seeds, digits replaced at random.
fn corpus(target_bytes: usize) -> Vec<(String, ArticleMeta)> {
    let mut paras: Vec<String> = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(seeds_dir())
        .expect("seeds dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    for p in entries {
        let t = std::fs::read_to_string(p).expect("seed");
        paras.extend(
            t.split("\n\n")
                .filter(|x| !x.trim().is_empty())
                .map(str::to_string),
        );
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let hints = [Some("siping"), Some("yingkou"), Some("linfen"), None];
    let mut out = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let n = 5 + rng.below(56);
        let mut doc = String::new();
        for _ in 0..n {
            let p = &paras[rng.below(paras.len())];
            for c in p.chars() {
                if c.is_ascii_digit() && rng.below(3) == 0 {
                    doc.push(char::from(b'0' + rng.below(10) as u8));
                } else {
                    doc.push(c);
                }
            }
            doc.push_str(if rng.below(4) == 0 { "\n" } else { "\n\n" });
        }
        total += doc.len();
        let year = 2019 + rng.below(6) as i32;
        let meta = ArticleMeta {
            file_name: format!("gen_{}.txt", out.len()),
            title: None,
            published: chrono::NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1),
            city_hint: hints[rng.below(hints.len())].map(str::to_string),
        };
        out.push((doc, meta));
    }
    out
}

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let mb: usize = std::env::var("EXTRACT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let docs = corpus(mb << 20);
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let gaz = common::gazetteer();

    // Plain timed passes first, so the figure is visible without criterion's
    // statistics: the best of five (a shared VM's noise only ever slows a pass
    // down) and the median, plus the number of facts as a sanity check.
    let rss_before = peak_rss_kb();
    let mut facts = 0usize;
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            facts = docs
                .iter()
                .map(|(text, meta)| extract(text, meta, &gaz).facts.len())
                .sum();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} articles, {:.1} MB; best of 5 passes: {:.3} s = {:.1} MB/s (median {:.1} MB/s); {} facts; peak RSS before/after: {:?}/{:?} kB",
        docs.len(),
        mb,
        times[0],
        mb / times[0],
        mb / times[2],
        facts,
        rss_before,
        peak_rss_kb()
    );

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(20));
    g.bench_function("corpus", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, meta) in &docs {
                n += extract(black_box(text), meta, &gaz).facts.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
