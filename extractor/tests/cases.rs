//! Table-driven regression cases: sentences written for this project (never
//! copied from articles), one file per failure class in `tests/cases/*.toml`.
//!
//! A case gives a text, the metadata it is ingested with and the figures it must
//! yield. Every expected figure must be found (metric, value within 0.5 %, city,
//! and whichever of scope, period and bound the case states); with `only = true`
//! (the default) no other figure of a core metric may appear, so a case with no
//! `expect` rows asserts that the text yields nothing.
//!
//! `cargo test -p extractor --test cases` runs them all and lists every failure.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use extractor::{catalog, extract, ArticleMeta, Fact};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "case")]
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    /// Publication date, YYYY-MM-DD.
    published: Option<String>,
    /// City key given as a hint.
    hint: Option<String>,
    title: Option<String>,
    #[serde(default = "yes")]
    only: bool,
    #[serde(default)]
    expect: Vec<Expect>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    metric: String,
    value: f64,
    /// City key; "" (or absent) = no target city.
    #[serde(default)]
    city: String,
    /// "" = city-wide, "*" = any non-empty scope, else the exact scope.
    scope: Option<String>,
    period: Option<String>,
    /// "", "about", "at_least", "at_most", "target".
    bound: Option<String>,
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 0.005 * a.abs().max(b.abs())
}

fn matches(f: &Fact, e: &Expect) -> bool {
    let scope = f.scope.as_deref().unwrap_or("");
    f.metric == e.metric
        && close(f.value, e.value)
        && f.city.as_deref().unwrap_or("") == e.city
        && e.scope.as_deref().is_none_or(|s| match s {
            "*" => !scope.is_empty(),
            s => s == scope,
        })
        && e.period.as_deref().is_none_or(|p| p == f.period)
        && e.bound.as_deref().is_none_or(|b| b == f.bound.as_str())
}

fn show(f: &Fact) -> String {
    format!(
        "{} {} city={} scope={:?} period={:?} bound={:?} 「{}」",
        f.metric,
        f.value,
        f.city.as_deref().unwrap_or(""),
        f.scope.as_deref().unwrap_or(""),
        f.period,
        f.bound.as_str(),
        f.quote
    )
}

fn run_case(c: &Case) -> Result<(), String> {
    let meta = ArticleMeta {
        file_name: "case.txt".into(),
        title: c.title.clone(),
        published: c.published.as_deref().map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .unwrap_or_else(|_| panic!("{}: bad published date {d}", c.name))
        }),
        city_hint: c.hint.clone(),
    };
    let ex = extract(&c.text, &meta, &common::gazetteer());
    let mut used = vec![false; ex.facts.len()];
    let mut problems = Vec::new();
    for e in &c.expect {
        match ex
            .facts
            .iter()
            .enumerate()
            .find(|(i, f)| !used[*i] && matches(f, e))
        {
            Some((i, _)) => used[i] = true,
            None => problems.push(format!(
                "missing {} {} city={} scope={:?} period={:?} bound={:?}",
                e.metric,
                e.value,
                e.city,
                e.scope.as_deref().unwrap_or("(any)"),
                e.period.as_deref().unwrap_or("(any)"),
                e.bound.as_deref().unwrap_or("(any)")
            )),
        }
    }
    if c.only {
        for (i, f) in ex.facts.iter().enumerate() {
            if !used[i] && catalog::is_core(&f.metric) {
                problems.push(format!("unexpected {}", show(f)));
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let got: Vec<String> = ex.facts.iter().map(show).collect();
    Err(format!(
        "{}\n    {}\n    got: {}",
        c.name,
        problems.join("\n    "),
        if got.is_empty() {
            "nothing".to_string()
        } else {
            got.join("\n         ")
        }
    ))
}

#[test]
fn regression_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for path in &files {
        let raw = std::fs::read_to_string(path).expect("case file");
        let file: File = toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for c in &file.cases {
            n += 1;
            if let Err(e) = run_case(c) {
                let stem = path.file_stem().unwrap().to_string_lossy();
                failures.push(format!("[{stem}] {e}"));
            }
        }
    }
    assert!(n >= 150, "only {n} regression cases; the bar is 150");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
