//! Reviews on a real SQLite file: revisions keep the original, reads use the reviewed
//! figure, re-ingesting the same text keeps the reviews, bad reviews write nothing.

use extractor::ArticleMeta;
use store::{
    articles::NewArticle,
    facts::FactFilter,
    model::FactRow,
    reviews::{Action, Correction, Review},
    Db, StoreError,
};

const TEXT: &str = "四平市统计局7月发布：上半年，四平市地区生产总值同比增长5.3%。\n全市固定资产投资完成额186.2亿元。\n营口市一季度138个项目集中开工，总投资258亿元。";
const HASH: &str = "hash-of-the-review-test-article";

async fn open() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("d.db")).await.unwrap();
    (dir, db)
}

async fn ingest(db: &Db, file_name: &str) -> i64 {
    let meta = ArticleMeta {
        file_name: file_name.into(),
        title: None,
        published: chrono::NaiveDate::from_ymd_opt(2023, 7, 20),
        city_hint: None,
    };
    let extraction = extractor::extract(TEXT, &meta, &db.gazetteer().await.unwrap());
    let stored = db
        .store_article(
            &NewArticle {
                file_name,
                title: None,
                source: None,
                url: None,
                published: meta.published,
                main_city: extraction.main_city.as_deref(),
                text: TEXT,
                encoding: "UTF-8",
                content_hash: HASH,
                added_by: Some("测试"),
            },
            &extraction.facts,
        )
        .await
        .unwrap();
    match stored {
        store::articles::Stored::Inserted { id, .. }
        | store::articles::Stored::Replaced { id, .. } => id,
    }
}

async fn facts_of(db: &Db, article_id: i64) -> Vec<FactRow> {
    db.facts(&FactFilter {
        article_id: Some(article_id),
        ..FactFilter::all()
    })
    .await
    .unwrap()
}

fn find<'a>(facts: &'a [FactRow], metric: &str) -> &'a FactRow {
    facts
        .iter()
        .find(|f| f.metric == metric)
        .unwrap_or_else(|| panic!("no {metric} in {facts:#?}"))
}

fn correct_value(value: f64, expected_revision: Option<i64>) -> Review<'static> {
    Review {
        action: Action::Correct,
        correction: Correction {
            value: Some(value),
            ..Correction::default()
        },
        reason: "原文图片为5.4%",
        reviewer: "张三",
        expected_revision,
    }
}

async fn csv(db: &Db, filter: FactFilter) -> String {
    use futures_util::StreamExt;
    let mut out = Vec::new();
    let mut chunks = Box::pin(db.facts_csv(filter));
    while let Some(chunk) = chunks.next().await {
        out.extend(chunk.unwrap());
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn a_correction_is_a_new_revision_and_every_read_uses_it() {
    let (_dir, db) = open().await;
    let article = ingest(&db, "a.txt").await;
    let facts = facts_of(&db, article).await;
    let gdp = find(&facts, "gdp_growth_pct");
    assert_eq!(
        (gdp.value, gdp.status.as_str(), gdp.revision),
        (5.3, "extracted", 0)
    );

    let reviewed = db
        .review_fact(gdp.id, &correct_value(5.4, Some(0)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reviewed.fact.value, 5.4);
    assert_eq!(reviewed.fact.status, "corrected");
    assert_eq!(reviewed.revision.revision, 1);
    assert_eq!(reviewed.revision.reviewer, "张三");

    // The original is kept as revision 0; the history is in order.
    let (_, history) = db.fact_history(gdp.id).await.unwrap().unwrap();
    let got: Vec<_> = history
        .iter()
        .map(|r| {
            (
                r.revision,
                r.status.as_str(),
                r.figure.value,
                r.reviewer.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (0, "extracted", 5.3, "extractor"),
            (1, "corrected", 5.4, "张三")
        ]
    );

    // Series (charts), the fact list and CSV read the reviewed value and its status.
    let series = db
        .series(&FactFilter::default(), "gdp_growth_pct")
        .await
        .unwrap();
    assert_eq!(series.points.len(), 1);
    assert_eq!(
        (series.points[0].value, series.points[0].status.as_str()),
        (5.4, "corrected")
    );
    let csv = csv(&db, FactFilter::default()).await;
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",published,status"), "{header}");
    let line = csv.lines().find(|l| l.contains("gdp_growth_pct")).unwrap();
    assert!(
        line.contains(",5.4,") && line.ends_with(",corrected"),
        "{line}"
    );

    // A second reviewer confirms: revision 2, and the audit log names both.
    let confirm = Review {
        action: Action::Confirm,
        correction: Correction::default(),
        reason: "",
        reviewer: "李四",
        expected_revision: Some(1),
    };
    let confirmed = db.review_fact(gdp.id, &confirm).await.unwrap().unwrap();
    assert_eq!(
        (
            confirmed.fact.value,
            confirmed.fact.status.as_str(),
            confirmed.fact.revision
        ),
        (5.4, "confirmed", 2)
    );
    let log = db.audit_log(10).await.unwrap();
    let actions: Vec<_> = log
        .iter()
        .map(|e| (e.actor.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("李四", "fact.confirm"),
            ("张三", "fact.correct"),
            ("测试", "article.add")
        ]
    );
    assert!(log[1].detail.contains("\"before\"") && log[1].detail.contains("5.3"));
}

#[tokio::test]
async fn a_stale_or_invalid_review_writes_nothing() {
    let (_dir, db) = open().await;
    let article = ingest(&db, "a.txt").await;
    let gdp = find(&facts_of(&db, article).await, "gdp_growth_pct").clone();
    db.review_fact(gdp.id, &correct_value(5.4, Some(0)))
        .await
        .unwrap();
    let audit_before = db.audit_log(100).await.unwrap().len();

    // Someone else reviewed since revision 0 was shown.
    let err = db
        .review_fact(gdp.id, &correct_value(5.5, Some(0)))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::StaleRevision { current: 1, .. }),
        "{err}"
    );

    let bad = |correction: Correction, action: Action, reason: &'static str| Review {
        action,
        correction,
        reason,
        reviewer: "张三",
        expected_revision: None,
    };
    let cases = [
        (
            bad(
                Correction {
                    metric: Some("gdp".into()),
                    ..Default::default()
                },
                Action::Correct,
                "r",
            ),
            "metric",
        ),
        (
            bad(
                Correction {
                    period: Some("2023上半年".into()),
                    ..Default::default()
                },
                Action::Correct,
                "r",
            ),
            "period",
        ),
        (
            bad(
                Correction {
                    city: Some("beijing".into()),
                    ..Default::default()
                },
                Action::Correct,
                "r",
            ),
            "city",
        ),
        (
            bad(
                Correction {
                    bound: Some("more".into()),
                    ..Default::default()
                },
                Action::Correct,
                "r",
            ),
            "bound",
        ),
        (
            bad(
                Correction {
                    value: Some(f64::NAN),
                    ..Default::default()
                },
                Action::Correct,
                "r",
            ),
            "value",
        ),
        (
            bad(
                Correction {
                    value: Some(5.4),
                    ..Default::default()
                },
                Action::Correct,
                "r",
            ),
            "correction",
        ),
        (
            bad(
                Correction {
                    value: Some(6.0),
                    ..Default::default()
                },
                Action::Correct,
                " ",
            ),
            "reason",
        ),
        (bad(Correction::default(), Action::Reject, ""), "reason"),
        (
            bad(
                Correction {
                    value: Some(6.0),
                    ..Default::default()
                },
                Action::Confirm,
                "r",
            ),
            "action",
        ),
    ];
    for (review, field) in cases {
        match db.review_fact(gdp.id, &review).await {
            Err(StoreError::InvalidReview {
                field: got,
                message,
            }) => {
                assert_eq!(got, field, "{message}")
            }
            other => panic!("expected InvalidReview({field}), got {other:?}"),
        }
    }
    let now = db.fact(gdp.id).await.unwrap().unwrap();
    assert_eq!((now.value, now.revision), (5.4, 1));
    assert_eq!(db.audit_log(100).await.unwrap().len(), audit_before);
    assert!(db
        .review_fact(999_999, &correct_value(1.0, None))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn rejected_figures_leave_charts_and_default_lists_but_stay_on_the_article() {
    let (_dir, db) = open().await;
    let article = ingest(&db, "a.txt").await;
    let count = find(&facts_of(&db, article).await, "project_count").clone();
    let reject = Review {
        action: Action::Reject,
        correction: Correction::default(),
        reason: "重复计数",
        reviewer: "张三",
        expected_revision: None,
    };
    db.review_fact(count.id, &reject).await.unwrap().unwrap();

    let series = db
        .series(&FactFilter::default(), "project_count")
        .await
        .unwrap();
    assert!(series.points.is_empty(), "{series:?}");
    let listed = db.facts(&FactFilter::default()).await.unwrap();
    assert!(listed.iter().all(|f| f.id != count.id));
    let rejected = db
        .facts(&FactFilter {
            statuses: vec!["rejected".into()],
            ..FactFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(
        rejected.iter().map(|f| f.id).collect::<Vec<_>>(),
        [count.id]
    );
    let detail = db.article(article).await.unwrap().unwrap();
    assert!(detail
        .facts
        .iter()
        .any(|f| f.id == count.id && f.status == "rejected"));
    assert!(!csv(&db, FactFilter::default()).await.contains("重复"));
}

#[tokio::test]
async fn reviews_survive_deleting_and_re_adding_and_re_extracting_the_same_text() {
    let (_dir, db) = open().await;
    let article = ingest(&db, "a.txt").await;
    let facts = facts_of(&db, article).await;
    let gdp = find(&facts, "gdp_growth_pct").clone();
    let city_fix = Review {
        action: Action::Correct,
        correction: Correction {
            city: Some("yingkou".into()),
            period: Some("2023-Q1".into()),
            ..Correction::default()
        },
        reason: "说的是营口",
        reviewer: "张三",
        expected_revision: None,
    };
    let investment = find(&facts, "fixed_asset_investment_yi").clone();
    db.review_fact(gdp.id, &correct_value(5.4, None))
        .await
        .unwrap();
    db.review_fact(investment.id, &city_fix).await.unwrap();

    db.delete_article(article, "张三").await.unwrap().unwrap();
    assert!(db.fact(gdp.id).await.unwrap().is_none());
    let again = ingest(&db, "b.txt").await;
    let facts = facts_of(&db, again).await;
    let gdp2 = find(&facts, "gdp_growth_pct");
    assert_eq!(
        (gdp2.value, gdp2.status.as_str(), gdp2.revision),
        (5.4, "corrected", 1)
    );
    let inv2 = find(&facts, "fixed_asset_investment_yi");
    assert_eq!(
        (inv2.city.as_deref(), inv2.period.as_str()),
        (Some("营口"), "2023-Q1")
    );
    // The export line was written with the reviewed figure too.
    let csv = csv(&db, FactFilter::default()).await;
    assert!(csv.lines().any(|l| l.contains("fixed_asset_investment_yi")
        && l.contains(",营口,")
        && l.ends_with(",corrected")));

    // Re-extracting in place (a newer extractor) keeps article id and reviews; the history
    // continues on the new fact row.
    let extraction = extractor::extract(
        TEXT,
        &ArticleMeta {
            file_name: "b.txt".into(),
            title: None,
            published: chrono::NaiveDate::from_ymd_opt(2023, 7, 20),
            city_hint: None,
        },
        &db.gazetteer().await.unwrap(),
    );
    assert!(db
        .replace_facts(again, extraction.main_city.as_deref(), &extraction.facts)
        .await
        .unwrap());
    let facts = facts_of(&db, again).await;
    let gdp3 = find(&facts, "gdp_growth_pct");
    assert_eq!((gdp3.value, gdp3.revision), (5.4, 1));
    db.review_fact(gdp3.id, &correct_value(5.5, Some(1)))
        .await
        .unwrap();
    let (_, history) = db.fact_history(gdp3.id).await.unwrap().unwrap();
    let values: Vec<_> = history
        .iter()
        .map(|r| (r.revision, r.figure.value))
        .collect();
    assert_eq!(values, [(0, 5.3), (1, 5.4), (2, 5.5)]);
}

#[tokio::test]
async fn older_rows_without_an_export_line_get_the_same_line_the_export_would_format() {
    let (_dir, db) = open().await;
    ingest(&db, "a.txt").await;
    let formatted_by_ingest = csv(&db, FactFilter::all()).await;
    sqlx::query("UPDATE facts SET csv_line = NULL")
        .execute(db.pool())
        .await
        .unwrap();
    // Exports format such rows from the columns: the same bytes.
    assert_eq!(csv(&db, FactFilter::all()).await, formatted_by_ingest);
    let n = db.fill_csv_lines().await.unwrap();
    assert_eq!(n as usize, facts_of(&db, 1).await.len());
    let missing: i64 = sqlx::query_scalar("SELECT count(*) FROM facts WHERE csv_line IS NULL")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(missing, 0);
    assert_eq!(csv(&db, FactFilter::all()).await, formatted_by_ingest);
    assert_eq!(db.fill_csv_lines().await.unwrap(), 0);
}
