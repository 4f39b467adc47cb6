//! Extracts and scores in one command, the way the hidden evaluation ingests:
//! a labelled set's target documents get their city as a hint and nothing else
//! (no title, no date); the seeds get their `manifest.toml`.
//!
//! ```sh
//! cargo run -p extractor --release --example eval                 # seeds + dev train
//! cargo run -p extractor --release --example eval -- --split test # dev test (at the end only)
//! cargo run -p extractor --release --example eval -- --doc d13 -v # one document, every row
//! ```
//!
//! Options: `--split train|test|holdout|all`, `--labels FILE` (eval/dev/labels.jsonl),
//! `--texts DIR` (eval/dev/texts), `--gold FILE` (../shared/eval/gold.jsonl),
//! `--no-seeds`, `--doc ID`, `--genre G`, `-v` (list misses, spurious figures and
//! wrong periods), `--pred-out FILE` (CSV for `score.py`).

mod score;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use extractor::{extract, ArticleMeta, Gazetteer};
use score::{Gold, Outcome, Pred, Scored, Tally};
use serde_json::Value;

#[path = "../../tests/common/mod.rs"]
mod common;

struct Opts {
    split: String,
    labels: PathBuf,
    texts: PathBuf,
    gold: PathBuf,
    seeds: bool,
    doc: Option<String>,
    genre: Option<String>,
    verbose: bool,
    pred_out: Option<PathBuf>,
}

fn opts() -> Opts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut o = Opts {
        split: "train".into(),
        labels: root.join("eval/dev/labels.jsonl"),
        texts: root.join("eval/dev/texts"),
        gold: root.join("../shared/eval/gold.jsonl"),
        seeds: true,
        doc: None,
        genre: None,
        verbose: false,
        pred_out: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .unwrap_or_else(|| die(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--split" => o.split = val(),
            "--labels" => o.labels = val().into(),
            "--texts" => o.texts = val().into(),
            "--gold" => o.gold = val().into(),
            "--no-seeds" => o.seeds = false,
            "--doc" => o.doc = Some(val()),
            "--genre" => o.genre = Some(val()),
            "-v" | "--verbose" => o.verbose = true,
            "--pred-out" => o.pred_out = Some(val().into()),
            _ => die(&format!(
                "unknown option {a}; see the doc comment of examples/eval/main.rs"
            )),
        }
    }
    if !["train", "test", "holdout", "all"].contains(&o.split.as_str()) {
        die("--split is train, test, holdout or all");
    }
    o
}

fn die(msg: &str) -> ! {
    eprintln!("eval: {msg}");
    std::process::exit(2)
}

/// One document to extract: its text, the metadata it is ingested with, and its labels.
struct Doc {
    id: String,
    genre: String,
    traditional: bool,
    text: String,
    meta: ArticleMeta,
}

struct Set {
    name: String,
    docs: Vec<Doc>,
    gold: Vec<Gold>,
    distractors: HashSet<String>,
}

fn city_name_to_key(gaz: &Gazetteer) -> HashMap<String, String> {
    gaz.cities()
        .iter()
        .map(|c| (c.name_zh.clone(), c.key.clone()))
        .collect()
}

fn gold_row(doc: &str, f: &Value) -> Gold {
    let city = f["city"]
        .as_str()
        .map(|c| c.trim_end_matches('市').to_string());
    Gold {
        doc: doc.to_string(),
        metric: f["metric"].as_str().unwrap_or("").to_string(),
        city: city.filter(|c| ["四平", "营口", "临汾"].contains(&c.as_str())),
        scope: f["scope"].as_str().unwrap_or("").trim().to_string(),
        period: f["period"].as_str().unwrap_or("").to_string(),
        value: f["value"].as_f64().unwrap_or(f64::NAN),
        quote: f["quote"].as_str().unwrap_or("").to_string(),
        borderline: f["borderline"].as_bool().unwrap_or(false),
    }
}

fn load_dev(o: &Opts, gaz: &Gazetteer) -> Set {
    let keys = city_name_to_key(gaz);
    let raw = std::fs::read_to_string(&o.labels)
        .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", o.labels.display())));
    let mut set = Set {
        name: format!("dev {}", o.split),
        docs: Vec::new(),
        gold: Vec::new(),
        distractors: HashSet::new(),
    };
    let mut missing = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let r: Value = serde_json::from_str(line).unwrap_or_else(|e| die(&format!("labels: {e}")));
        let id = r["id"].as_str().unwrap_or("").to_string();
        let split = r["split"].as_str().unwrap_or("train");
        if o.split != "all" && split != o.split {
            continue;
        }
        if o.doc.as_ref().is_some_and(|d| *d != id) {
            continue;
        }
        let genre = r["genre"].as_str().unwrap_or("?").to_string();
        if o.genre.as_ref().is_some_and(|g| *g != genre) {
            continue;
        }
        let path = o.texts.join(format!("{id}.txt"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            missing.push(id);
            continue;
        };
        let kind = r["kind"].as_str().unwrap_or("target");
        if kind == "distractor" {
            set.distractors.insert(id.clone());
        }
        let hint = (kind == "target")
            .then(|| {
                r["city"]
                    .as_str()
                    .and_then(|c| keys.get(c.trim_end_matches('市')))
            })
            .flatten()
            .cloned();
        for f in r["figures"].as_array().into_iter().flatten() {
            set.gold.push(gold_row(&id, f));
        }
        set.docs.push(Doc {
            meta: ArticleMeta {
                file_name: format!("{id}.txt"),
                title: None,
                published: None,
                city_hint: hint,
            },
            id,
            genre,
            traditional: r["traditional"].as_bool().unwrap_or(false),
            text,
        });
    }
    if !missing.is_empty() {
        eprintln!(
            "eval: {} texts missing from {} (python3 eval/dev/texts_missing.py lists their queries): {}",
            missing.len(),
            o.texts.display(),
            missing.join(" ")
        );
    }
    set
}

fn load_seeds(o: &Opts) -> Set {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let manifest: toml::Table = std::fs::read_to_string(dir.join("manifest.toml"))
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    let mut set = Set {
        name: "seeds".into(),
        docs: Vec::new(),
        gold: Vec::new(),
        distractors: HashSet::new(),
    };
    let Ok(raw) = std::fs::read_to_string(&o.gold) else {
        eprintln!("eval: no seeds gold at {}; seeds skipped", o.gold.display());
        return set;
    };
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| die(&format!("gold: {e}")));
        let file = v["file"].as_str().unwrap_or("").to_string();
        set.gold.push(gold_row(&file, &v));
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_else(|_| Vec::new());
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let m = manifest.get(&name).and_then(|v| v.as_table());
        let get = |k: &str| {
            m.and_then(|t| t.get(k))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        if get("city").is_none() {
            set.distractors.insert(name.clone());
        }
        set.docs.push(Doc {
            meta: ArticleMeta {
                file_name: name.clone(),
                title: get("title"),
                published: get("published")
                    .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                city_hint: get("city"),
            },
            id: name,
            genre: "seed".into(),
            traditional: false,
            text: std::fs::read_to_string(&p).unwrap_or_default(),
        });
    }
    set
}

fn run(set: &Set, gaz: &Gazetteer, o: &Opts, csv: &mut String) {
    let names: HashMap<String, String> = gaz
        .cities()
        .iter()
        .map(|c| (c.key.clone(), c.name_zh.clone()))
        .collect();
    let mut preds = Vec::new();
    let mut bytes = 0usize;
    let t = Instant::now();
    for d in &set.docs {
        bytes += d.text.len();
        let ex = extract(&d.text, &d.meta, gaz);
        for f in ex.facts {
            let city = f.city.as_ref().and_then(|k| names.get(k)).cloned();
            let _ = writeln!(
                csv,
                "{},{},{},{},{},{},{},{},\"{}\"",
                d.meta.file_name,
                city.as_deref().unwrap_or(""),
                f.scope.as_deref().unwrap_or("").replace(',', " "),
                f.period,
                f.metric,
                f.value,
                f.unit,
                f.bound.as_str(),
                f.quote.replace('"', "\"\"")
            );
            preds.push(Pred {
                doc: d.id.clone(),
                metric: f.metric,
                city,
                scope: f.scope.unwrap_or_default(),
                period: f.period,
                value: f.value,
                quote: f.quote,
            });
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let genre: HashMap<&str, (&str, bool)> = set
        .docs
        .iter()
        .map(|d| (d.id.as_str(), (d.genre.as_str(), d.traditional)))
        .collect();
    let docs: HashSet<&str> = genre.keys().copied().collect();
    let gold: Vec<Gold> = set
        .gold
        .iter()
        .filter(|g| docs.contains(g.doc.as_str()))
        .cloned()
        .collect();
    let by_metric = score::score(&preds, &gold, &set.distractors, &|_, m| vec![m.to_string()]);
    let by_genre = score::score(&preds, &gold, &set.distractors, &|d, _| {
        let (g, trad) = genre.get(d).copied().unwrap_or(("?", false));
        let mut v = vec![g.to_string()];
        if trad {
            v.push("(traditional)".into());
        }
        v
    });
    println!(
        "\n== {}: {} documents, {} gold rows ({} core non-borderline); extraction {:.1} ms",
        set.name,
        set.docs.len(),
        gold.len(),
        by_metric.total.n_gold,
        secs * 1e3
    );
    let _ = bytes;
    header("core");
    row("all", &by_metric.total);
    header("per metric");
    for (k, t) in &by_metric.groups {
        row(k, t);
    }
    if set.name != "seeds" {
        header("per genre");
        for (k, t) in &by_genre.groups {
            row(k, t);
        }
    }
    if o.verbose {
        listing(&by_metric, &preds, &gold);
    }
}

fn header(title: &str) {
    println!(
        "  {:<36} {:>6} {:>6} {:>7} {:>9} {:>9} {:>6} {:>6}",
        title, "P", "R", "period", "pred", "gold", "misatt", "level"
    );
}

fn row(k: &str, t: &Tally) {
    println!(
        "  {:<36} {:>6.3} {:>6.3} {:>7.3} {:>9} {:>9} {:>6} {:>6}",
        k,
        t.precision(),
        t.recall(),
        t.period_acc(),
        format!("{}/{}", t.pred_matched, t.n_pred),
        format!("{}/{}", t.gold_matched, t.n_gold),
        t.misattributed,
        t.level_errors
    );
}

fn listing(s: &Scored, preds: &[Pred], gold: &[Gold]) {
    let p = |i: usize| {
        let p = &preds[i];
        format!(
            "{} {} v={} city={} scope={} period={} 「{}」",
            p.doc,
            p.metric,
            p.value,
            p.city.as_deref().unwrap_or("-"),
            p.scope,
            p.period,
            p.quote.replace('\n', "⏎")
        )
    };
    let g = |i: usize| {
        let g = &gold[i];
        format!(
            "{} {} v={} city={} scope={} period={} 「{}」",
            g.doc,
            g.metric,
            g.value,
            g.city.as_deref().unwrap_or("-"),
            g.scope,
            g.period,
            g.quote
        )
    };
    let mut lines: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for o in &s.outcomes {
        match *o {
            Outcome::Hit(pi, gi, false) => lines.entry("wrong period").or_default().push(format!(
                "{}   (gold period {:?})",
                p(pi),
                gold[gi].period
            )),
            Outcome::Hit(..) => {}
            Outcome::Miss(gi) => lines.entry("missed").or_default().push(g(gi)),
            Outcome::Spurious(pi, why) => lines
                .entry("spurious")
                .or_default()
                .push(format!("{}   [{why}]", p(pi))),
            Outcome::Misattributed(pi) => lines.entry("MISATTRIBUTED").or_default().push(p(pi)),
            Outcome::Level(pi, gi) => lines.entry("LEVEL ERROR").or_default().push(format!(
                "{}   (gold scope {:?})",
                p(pi),
                gold[gi].scope
            )),
        }
    }
    for (k, v) in lines {
        println!("  -- {k} ({})", v.len());
        for l in v {
            println!("     {l}");
        }
    }
}

fn main() {
    let o = opts();
    let gaz = common::gazetteer();
    let mut csv = String::from("\u{feff}article,city,scope,period,metric,value,unit,bound,quote\n");
    if o.seeds && o.doc.is_none() && o.genre.is_none() {
        run(&load_seeds(&o), &gaz, &o, &mut csv);
    }
    run(&load_dev(&o, &gaz), &gaz, &o, &mut csv);
    if let Some(p) = &o.pred_out {
        std::fs::write(p, csv).unwrap_or_else(|e| die(&format!("{}: {e}", p.display())));
    }
}
