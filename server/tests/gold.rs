//! Ingests `seeds/` into a temporary database and scores the stored facts against the
//! hand-labelled `../shared/eval/gold.jsonl` (skipped, with a message, when it is absent).

mod common;

use serde::Deserialize;
use store::facts::FactFilter;

#[derive(Deserialize)]
struct Gold {
    file: String,
    city: Option<String>,
    period: String,
    metric: String,
    value: f64,
    #[serde(default)]
    core: bool,
    #[serde(default)]
    borderline: bool,
    quote: String,
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1e-9)
}

#[tokio::test]
async fn seeds_score_against_gold() {
    let path = common::repo_root().join("../shared/eval/gold.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: {} not found (the shared eval folder is not beside the repository)",
            path.display()
        );
        return;
    };
    let gold: Vec<Gold> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let core_keys: Vec<&str> = extractor::catalog::METRICS
        .iter()
        .filter(|m| m.core)
        .map(|m| m.key)
        .collect();

    let seeded = common::seeded().await;
    let facts = seeded.db.facts(&FactFilter::all()).await.unwrap();

    let matches = |f: &store::model::FactRow, g: &Gold| {
        g.file == f.article
            && g.metric == f.metric
            && g.city == f.city
            && g.period == f.period
            && same_value(g.value, f.value)
    };

    let predicted: Vec<_> = facts
        .iter()
        .filter(|f| core_keys.contains(&f.metric.as_str()))
        .collect();
    let false_positives: Vec<_> = predicted
        .iter()
        .filter(|f| !gold.iter().any(|g| matches(f, g)))
        .collect();
    let wanted: Vec<_> = gold.iter().filter(|g| g.core && !g.borderline).collect();
    let misses: Vec<_> = wanted
        .iter()
        .filter(|g| !facts.iter().any(|f| matches(f, g)))
        .collect();

    let precision = 1.0 - false_positives.len() as f64 / predicted.len().max(1) as f64;
    let recall = 1.0 - misses.len() as f64 / wanted.len().max(1) as f64;
    eprintln!(
        "core facts: {} predicted, {} gold; precision {precision:.3}, recall {recall:.3}",
        predicted.len(),
        wanted.len()
    );
    for f in &false_positives {
        eprintln!(
            "  false positive: {} {:?} {} {} {} {:?}",
            f.article, f.city, f.period, f.metric, f.value, f.quote
        );
    }
    for g in &misses {
        eprintln!(
            "  missed: {} {:?} {} {} {} {:?}",
            g.file, g.city, g.period, g.metric, g.value, g.quote
        );
    }

    let leaked: Vec<_> = facts
        .iter()
        .filter(|f| f.article.starts_with("004_") && f.city.is_some())
        .collect();
    assert!(
        leaked.is_empty(),
        "figures of the anonymised compilation attributed to a city: {leaked:#?}"
    );
    let core_from_002: Vec<_> = predicted
        .iter()
        .filter(|f| f.article.starts_with("002_"))
        .collect();
    assert!(
        core_from_002.is_empty(),
        "002 has no core figure: {core_from_002:#?}"
    );
    // The op-ed by a 枣庄薛城区 official fills the end of the 四平 page in 000; it opens a few
    // sentences before its first place name.
    let page = facts
        .iter()
        .find(|f| f.article.starts_with("000_"))
        .map(|f| f.article_id);
    let mut zaozhuang = Vec::new();
    if let Some(id) = page {
        let article = seeded.db.article(id).await.unwrap().unwrap();
        let byte = article
            .text
            .find("山东省枣庄市")
            .expect("the op-ed is in 000");
        let op_ed_start = article.text[..byte].chars().count() as i64 - 120;
        zaozhuang = facts
            .iter()
            .filter(|f| f.article_id == id && f.span_start >= op_ed_start && f.city.is_some())
            .collect();
    }
    assert!(
        zaozhuang.is_empty(),
        "枣庄 op-ed figures attributed to a city: {zaozhuang:#?}"
    );

    assert!(precision >= 0.95, "core precision {precision:.3} < 0.95");
    assert!(recall >= 0.90, "core recall {recall:.3} < 0.90");
}
