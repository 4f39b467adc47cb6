//! Reviews at scale: how long one review takes to commit (revision, fact row, export line
//! and audit entry in one transaction) on a database of 100k facts, and what re-applying
//! reviews adds when an article is stored again.
//!
//! `cargo bench -p store --bench reviews`

use std::time::Instant;

use extractor::{Bound, Fact};
use store::{
    articles::NewArticle,
    reviews::{Action, Correction, Review},
    Db,
};

const ARTICLES: usize = 200;
const FACTS_PER_ARTICLE: usize = 500;
const REVIEWS: usize = 2000;

fn facts(article: usize) -> Vec<Fact> {
    const CITIES: [&str; 3] = ["siping", "yingkou", "linfen"];
    const METRICS: [&str; 3] = ["gdp_growth_pct", "project_count", "funds_in_place_yi"];
    (0..FACTS_PER_ARTICLE)
        .map(|i| Fact {
            city: Some(CITIES[i % 3].to_owned()),
            scope: None,
            period: format!("{}-Q{}", 2015 + article % 9, 1 + i % 4),
            metric: METRICS[i % 3].to_owned(),
            value: (article * 1000 + i) as f64 / 10.0,
            unit: "亿元".to_owned(),
            bound: Bound::Exact,
            label: "到位资金".to_owned(),
            quote: format!("第{i}句：到位资金{}亿元。", article * 1000 + i),
            span: (i * 20, i * 20 + 16),
            rule: "bench".to_owned(),
            confidence: 0.9,
        })
        .collect()
}

async fn store(db: &Db, article: usize, file_name: &str) -> i64 {
    let hash = format!("bench-{article}");
    let stored = db
        .store_article(
            &NewArticle {
                file_name,
                title: None,
                source: None,
                url: None,
                published: None,
                main_city: None,
                text: "…",
                encoding: "UTF-8",
                content_hash: &hash,
                added_by: None,
            },
            &facts(article),
        )
        .await
        .expect("store");
    match stored {
        store::articles::Stored::Inserted { id, .. }
        | store::articles::Stored::Replaced { id, .. } => id,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bench.db")).await.unwrap();
        for a in 0..ARTICLES {
            store(&db, a, &format!("a{a}.txt")).await;
        }
        let (first, last): (i64, i64) = sqlx::query_as("SELECT min(id), max(id) FROM facts")
            .fetch_one(db.pool())
            .await
            .unwrap();

        // Every 97th fact, so reviews spread over all articles; confirm and correct alternate.
        let mut millis = Vec::with_capacity(REVIEWS);
        for n in 0..REVIEWS {
            let id = first + (n as i64 * 97) % (last - first + 1);
            let review = Review {
                action: if n % 2 == 0 { Action::Correct } else { Action::Confirm },
                correction: if n % 2 == 0 {
                    Correction {
                        value: Some(n as f64 + 0.5),
                        ..Correction::default()
                    }
                } else {
                    Correction::default()
                },
                reason: "bench",
                reviewer: "bench",
                expected_revision: None,
            };
            let start = Instant::now();
            db.review_fact(id, &review).await.unwrap().unwrap();
            millis.push(start.elapsed().as_secs_f64() * 1e3);
        }
        let total: f64 = millis.iter().sum();
        millis.sort_by(f64::total_cmp);
        println!(
            "review: {REVIEWS} reviews on {} facts: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {:.0} reviews/s",
            ARTICLES * FACTS_PER_ARTICLE,
            percentile(&millis, 0.5),
            percentile(&millis, 0.99),
            millis[millis.len() - 1],
            REVIEWS as f64 / (total / 1e3)
        );

        // Review every fact of article 0, then time storing it again (delete + store) against
        // an article without reviews.
        let article0: Vec<i64> = sqlx::query_scalar("SELECT id FROM facts WHERE article_id = (SELECT id FROM articles WHERE file_name = 'a0.txt')")
            .fetch_all(db.pool())
            .await
            .unwrap();
        for id in &article0 {
            let confirm = Review {
                action: Action::Confirm,
                correction: Correction::default(),
                reason: "",
                reviewer: "bench",
                expected_revision: None,
            };
            db.review_fact(*id, &confirm).await.unwrap();
        }
        let mut timings = Vec::new();
        for (article, name) in [(0, "a0.txt"), (1, "a1.txt")] {
            let id: i64 = sqlx::query_scalar("SELECT id FROM articles WHERE file_name = ?")
                .bind(name)
                .fetch_one(db.pool())
                .await
                .unwrap();
            db.delete_article(id, "bench").await.unwrap();
            let start = Instant::now();
            store(&db, article, name).await;
            timings.push(start.elapsed().as_secs_f64() * 1e3);
        }
        let reviewed: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM facts f JOIN articles a ON a.id = f.article_id WHERE a.file_name = 'a0.txt' AND f.status <> 'extracted'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(reviewed as usize, FACTS_PER_ARTICLE, "every review came back");
        println!(
            "re-store: an article of {FACTS_PER_ARTICLE} facts, all reviewed: {:.1} ms; without reviews: {:.1} ms",
            timings[0], timings[1]
        );
    });
}
