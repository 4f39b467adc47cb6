//! Scores the extractor on the seed articles against the hand-labelled gold file.
//!
//! cargo run -p extractor --release --example eval -- /work/shared/eval/gold.jsonl /work/main/seeds [--verbose] [--no-meta]
//!
//! Core precision/recall match on (file, metric, city, period, value within 0.5%).
//! Borderline gold rows may be matched but are never counted as misses.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use extractor::{catalog, extract, ArticleMeta};
use serde_json::Value;

#[path = "../tests/common/mod.rs"]
mod common;

/// Metadata the ingest takes from seeds/manifest.toml.
fn meta_for(file: &str, with_meta: bool) -> ArticleMeta {
    let table: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        (
            "000_",
            "全市优化营商环境加快项目建设大会召开",
            Some("2023-02-02"),
            Some("siping"),
        ),
        (
            "001_",
            "四平市委八届六次全会总结上半年工作",
            Some("2023-08-04"),
            Some("siping"),
        ),
        (
            "002_",
            "统筹推进“1158”工作矩阵 奋力挺进国家级开发区方阵——访临汾经济开发区党工委书记白建成",
            Some("2023-02-20"),
            Some("linfen"),
        ),
        (
            "003_",
            "营口市以项目攻坚推动全面振兴新突破",
            Some("2023-04-03"),
            Some("yingkou"),
        ),
        ("004_", "关于优化营商环境的大会讲话合集", None, None),
    ];
    let mut m = ArticleMeta {
        file_name: file.to_string(),
        ..Default::default()
    };
    if let Some((_, title, date, city)) = table.iter().find(|t| file.starts_with(t.0)) {
        m.published = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if with_meta {
            m.title = Some(title.to_string());
            m.city_hint = city.map(str::to_string);
        }
    }
    m
}

#[derive(Debug, Clone)]
struct Row {
    file: String,
    metric: String,
    city: Option<String>,
    period: String,
    value: f64,
    quote: String,
    borderline: bool,
}

fn close(a: f64, b: f64) -> bool {
    if a == b {
        return true;
    }
    let d = (a - b).abs();
    d <= 0.005 * a.abs().max(b.abs())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gold_path = args
        .first()
        .map_or("/work/shared/eval/gold.jsonl", |s| s.as_str());
    let seeds = args.get(1).map_or("/work/main/seeds", |s| s.as_str());
    let verbose = args.iter().any(|a| a == "--verbose");
    let with_meta = !args.iter().any(|a| a == "--no-meta");
    let gaz = common::gazetteer();
    let name_to_key: BTreeMap<String, String> = gaz
        .cities()
        .iter()
        .map(|c| (c.name_zh.clone(), c.key.clone()))
        .collect();

    let gold: Vec<Row> = std::fs::read_to_string(gold_path)
        .expect("read gold")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).expect("gold json"))
        .filter(|v| v["core"].as_bool() == Some(true))
        .map(|v| Row {
            file: v["file"].as_str().unwrap_or("").to_string(),
            metric: v["metric"].as_str().unwrap_or("").to_string(),
            city: v["city"]
                .as_str()
                .map(|c| name_to_key.get(c).cloned().unwrap_or_else(|| c.to_string())),
            period: v["period"].as_str().unwrap_or("").to_string(),
            value: v["value"].as_f64().unwrap_or(f64::NAN),
            quote: v["quote"].as_str().unwrap_or("").to_string(),
            borderline: v["borderline"].as_bool().unwrap_or(false),
        })
        .collect();

    let mut files: Vec<_> = std::fs::read_dir(seeds)
        .expect("read seeds dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();

    let mut pred: Vec<Row> = Vec::new();
    let mut target_city_in_004 = 0;
    let mut core_in_002 = 0;
    let mut bytes = 0usize;
    let t0 = std::time::Instant::now();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).expect("read seed");
        bytes += text.len();
        let meta = meta_for(&name, with_meta);
        let ex = extract(&text, &meta, &gaz);
        if verbose {
            println!("== {name}  main_city={:?}", ex.main_city);
        }
        for f in &ex.facts {
            let q: String = text
                .chars()
                .skip(f.span.0)
                .take(f.span.1 - f.span.0)
                .collect();
            assert_eq!(q, f.quote, "quote must equal text[span]");
            if verbose {
                println!(
                    "  {:<34} {:>10} {:<6} {:<8} city={:<8} scope={:<20} period={:<10} bound={:<8} conf={:.2} label={} | {}",
                    f.metric,
                    f.value,
                    f.unit,
                    "",
                    f.city.as_deref().unwrap_or("-"),
                    f.scope.as_deref().unwrap_or("-"),
                    f.period,
                    f.bound.as_str(),
                    f.confidence,
                    f.label,
                    f.quote.replace('\n', "⏎")
                );
            }
            if name.starts_with("004_") && f.city.is_some() {
                target_city_in_004 += 1;
            }
            if catalog::is_core(&f.metric) {
                if name.starts_with("002_") {
                    core_in_002 += 1;
                }
                pred.push(Row {
                    file: name.clone(),
                    metric: f.metric.clone(),
                    city: f.city.clone(),
                    period: f.period.clone(),
                    value: f.value,
                    quote: f.quote.replace('\n', "⏎"),
                    borderline: false,
                });
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();

    // Greedy one-to-one matching.
    let mut used = vec![false; gold.len()];
    let mut fps = Vec::new();
    let mut tp = 0usize;
    for p in &pred {
        let m = gold.iter().enumerate().position(|(i, g)| {
            !used[i]
                && g.file == p.file
                && g.metric == p.metric
                && g.city == p.city
                && g.period == p.period
                && close(g.value, p.value)
        });
        match m {
            Some(i) => {
                used[i] = true;
                tp += 1;
            }
            None => fps.push(p.clone()),
        }
    }
    let misses: Vec<&Row> = gold
        .iter()
        .enumerate()
        .filter(|(i, g)| !used[*i] && !g.borderline)
        .map(|(_, g)| g)
        .collect();
    let must_find = gold.iter().filter(|g| !g.borderline).count();
    let found = gold
        .iter()
        .enumerate()
        .filter(|(i, g)| used[*i] && !g.borderline)
        .count();
    let precision = if pred.is_empty() {
        1.0
    } else {
        tp as f64 / pred.len() as f64
    };
    let recall = if must_find == 0 {
        1.0
    } else {
        found as f64 / must_find as f64
    };

    println!(
        "core facts predicted: {}  matched: {}  gold (non-borderline): {}  found: {}",
        pred.len(),
        tp,
        must_find,
        found
    );
    println!("core precision: {precision:.3}");
    println!("core recall:    {recall:.3}");
    println!("004 facts attributed to a target city: {target_city_in_004} (must be 0)");
    println!("002 core facts: {core_in_002} (must be 0)");
    println!(
        "extracted {} files, {:.1} KB in {:.2} ms",
        files.len(),
        bytes as f64 / 1024.0,
        secs * 1e3
    );
    println!("-- false positives ({}):", fps.len());
    for p in &fps {
        println!(
            "  FP {} {} city={:?} period={:?} value={} | {}",
            &p.file[..3.min(p.file.len())],
            p.metric,
            p.city,
            p.period,
            p.value,
            p.quote
        );
    }
    println!("-- misses ({}):", misses.len());
    for g in &misses {
        println!(
            "  MISS {} {} city={:?} period={:?} value={} | {}",
            &g.file[..3.min(g.file.len())],
            g.metric,
            g.city,
            g.period,
            g.value,
            g.quote
        );
    }
    let ok = precision >= 0.95 && recall >= 0.90 && target_city_in_004 == 0 && core_in_002 == 0;
    println!("bar: {}", if ok { "PASS" } else { "FAIL" });
    let _ = Path::new(seeds);
}
