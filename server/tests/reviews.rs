//! Reviewing figures over HTTP (the whole router, a real SQLite file): the API, the review
//! page with its session and CSRF token, what every read shows afterwards, and reviews
//! surviving a re-ingest.

mod common;

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
};
use common::http::{app, App, Reply, BEARER};
use serde_json::{json, Value};
use server::ingest;
use tower::ServiceExt;

impl App {
    async fn review(&self, fact: i64, body: &Value, auth: Option<&str>) -> Reply {
        let mut req = Request::post(format!("/api/v1/facts/{fact}/revisions"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-reviewer", "王审核");
        if let Some(a) = auth {
            req = req.header(header::AUTHORIZATION, a);
        }
        self.send(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// The seeds' 四平 2023-H1 GDP growth (5.3% as extracted), whatever its review.
    async fn siping_gdp(&self) -> Value {
        let facts = self
            .get("/api/v1/facts?city=siping&metric=gdp_growth_pct&scope=city&status=all")
            .await
            .json();
        facts["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["period"] == "2023-H1" && f["quote"].as_str().unwrap().contains("5.3%"))
            .unwrap_or_else(|| panic!("no 四平 2023-H1 5.3 in {facts}"))
            .clone()
    }

    async fn series_value(&self, period: &str) -> Option<(f64, String)> {
        let series = self
            .get("/api/v1/series?metric=gdp_growth_pct&city=siping")
            .await
            .json();
        series["points"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["period"] == period)
            .map(|p| {
                (
                    p["value"].as_f64().unwrap(),
                    p["status"].as_str().unwrap().to_owned(),
                )
            })
    }
}

#[tokio::test]
async fn a_review_needs_the_token_and_every_read_then_shows_the_reviewed_figure() {
    let app = app().await;
    let gdp = app.siping_gdp().await;
    let id = gdp["id"].as_i64().unwrap();
    assert_eq!(
        (gdp["status"].as_str(), gdp["revision"].as_i64()),
        (Some("extracted"), Some(0))
    );
    assert_eq!(
        app.series_value("2023-H1").await,
        Some((5.3, "extracted".into()))
    );

    let correct = json!({"action": "correct", "value": 5.4, "reason": "核对统计公报：5.4%", "expected_revision": 0});
    let none = app.review(id, &correct, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED, "{}", none.text());
    let wrong = app
        .review(id, &correct, Some("Bearer nope-nope-nope-nope"))
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.series_value("2023-H1").await,
        Some((5.3, "extracted".into()))
    );

    let done = app.review(id, &correct, Some(BEARER)).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.text());
    let body = done.json();
    assert_eq!(body["fact"]["value"], 5.4);
    assert_eq!(body["fact"]["status"], "corrected");
    assert_eq!(body["revision"]["revision"], 1);
    assert_eq!(body["revision"]["reviewer"], "王审核");

    // Charts' data, CSV, the SVG chart and the KPI summary all show the reviewed value.
    assert_eq!(
        app.series_value("2023-H1").await,
        Some((5.4, "corrected".into()))
    );
    let csv = app
        .get("/api/v1/facts.csv?city=siping&metric=gdp_growth_pct&scope=city")
        .await
        .text();
    assert!(csv.lines().next().unwrap().ends_with(",status"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.contains(",5.4,") && l.ends_with(",corrected")),
        "{csv}"
    );
    let svg = app
        .get("/charts/gdp_growth_pct.svg?city=siping&from=2023-H1&to=2023-H1")
        .await
        .text();
    assert!(svg.contains("5.4"), "{svg}");
    let summary = app.get("/api/v1/summary?city=siping").await.json();
    let kpi = summary[0]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "gdp_growth_pct")
        .unwrap()
        .clone();
    assert_eq!(kpi["point"]["status"], "corrected", "{kpi}");

    // The history keeps the extracted original.
    let history = app
        .get(&format!("/api/v1/facts/{id}/revisions"))
        .await
        .json();
    let revisions: Vec<_> = history["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["revision"].as_i64().unwrap(),
                r["value"].as_f64().unwrap(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        revisions,
        [
            (0, 5.3, "extracted".to_owned()),
            (1, 5.4, "corrected".to_owned())
        ]
    );

    // A review based on the old revision is refused, not applied over the new one.
    let stale = app.review(id, &correct, Some(BEARER)).await;
    assert_eq!(
        (stale.status, stale.code().as_str()),
        (StatusCode::CONFLICT, "stale_revision")
    );

    // The audit log names the reviewer and the change.
    let audit = app.admin(Method::GET, "/api/v1/audit", None).await.json();
    let entry = &audit[0];
    assert_eq!(
        (entry["actor"].as_str(), entry["action"].as_str()),
        (Some("王审核"), Some("fact.correct"))
    );

    // Rejecting takes it off the charts and default lists; it stays listed as rejected.
    let reject = json!({"action": "reject", "reason": "重复", "expected_revision": 1});
    assert_eq!(
        app.review(id, &reject, Some(BEARER)).await.status,
        StatusCode::CREATED
    );
    assert_ne!(
        app.series_value("2023-H1").await,
        Some((5.4, "corrected".into()))
    );
    let default = app
        .get("/api/v1/facts?city=siping&metric=gdp_growth_pct&scope=city")
        .await
        .json();
    assert!(default["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["id"] != id));
    let rejected = app.get("/api/v1/facts?status=rejected").await.json();
    assert_eq!(rejected["items"][0]["id"], id);
}

#[tokio::test]
async fn bad_reviews_are_4xx_and_change_nothing() {
    let app = app().await;
    let id = app.siping_gdp().await["id"].as_i64().unwrap();
    let cases = [
        (
            json!({"action": "approve"}),
            StatusCode::BAD_REQUEST,
            "bad_action",
        ),
        (
            json!({"action": "correct", "metric": "gdp", "reason": "x"}),
            StatusCode::BAD_REQUEST,
            "bad_review",
        ),
        (
            json!({"action": "correct", "period": "上半年", "reason": "x"}),
            StatusCode::BAD_REQUEST,
            "bad_review",
        ),
        (
            json!({"action": "correct", "city": "北京", "reason": "x"}),
            StatusCode::BAD_REQUEST,
            "unknown_city",
        ),
        (
            json!({"action": "correct", "value": 5.3, "reason": "x"}),
            StatusCode::BAD_REQUEST,
            "bad_review",
        ),
        (
            json!({"action": "reject"}),
            StatusCode::BAD_REQUEST,
            "bad_review",
        ),
        (
            json!({"action": "confirm", "value": 1.0}),
            StatusCode::BAD_REQUEST,
            "bad_review",
        ),
        (
            json!({"action": "confirm", "colour": "red"}),
            StatusCode::BAD_REQUEST,
            "bad_json",
        ),
        (
            json!({"action": "confirm", "value": "5.4"}),
            StatusCode::BAD_REQUEST,
            "bad_json",
        ),
    ];
    for (body, status, code) in cases {
        let r = app.review(id, &body, Some(BEARER)).await;
        assert_eq!(
            (r.status, r.code()),
            (status, code.to_owned()),
            "{body}: {}",
            r.text()
        );
    }
    let missing = app
        .review(999_999, &json!({"action": "confirm"}), Some(BEARER))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let plain = app
        .admin(
            Method::POST,
            &format!("/api/v1/facts/{id}/revisions"),
            Some(("text/plain", b"confirm".to_vec())),
        )
        .await;
    assert_eq!(
        plain.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        plain.text()
    );
    let broken = app
        .admin(
            Method::POST,
            &format!("/api/v1/facts/{id}/revisions"),
            Some(("application/json", b"{\"action\": ".to_vec())),
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    let gdp = app.siping_gdp().await;
    assert_eq!(
        (gdp["revision"].as_i64(), gdp["value"].as_f64()),
        (Some(0), Some(5.3))
    );
}

/// Logs in through the form; returns the `Cookie` header value.
async fn login(app: &App) -> String {
    let res = app
        .router
        .clone()
        .oneshot(
            Request::post("/admin/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "reviewer=%E8%B5%B5%E5%AE%A1%E6%A0%B8&token={}&next=%2F",
                    common::ADMIN_TOKEN
                )))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

fn form_post(uri: &str, cookie: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn the_review_page_corrects_with_a_session_and_its_csrf_token() {
    let app = app().await;
    let gdp = app.siping_gdp().await;
    let (id, article) = (
        gdp["id"].as_i64().unwrap(),
        gdp["article_id"].as_i64().unwrap(),
    );
    let page_uri = format!("/articles/{article}/review");

    let anonymous = app.get(&page_uri).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);

    let cookie = login(&app).await;
    let page = app
        .send(
            Request::get(&page_uri)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains(&format!("action=\"/admin/facts/{id}/review\"")),
        "{html}"
    );
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();

    // Every field of the form is sent, as a browser does; only the value differs.
    let fields = |csrf: &str, action: &str, value: &str, reason: &str| {
        format!(
            "csrf={csrf}&expected_revision=0&city=siping&scope=&period=2023-H1&metric=gdp_growth_pct&value={value}&unit=%25&bound=&reason={reason}&action={action}"
        )
    };
    let uri = format!("/admin/facts/{id}/review");
    let forged = app
        .send(form_post(
            &uri,
            &cookie,
            fields("forged", "correct", "5.4", "x"),
        ))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Confirming after editing a field is refused (the edit would be lost).
    let res = app
        .router
        .clone()
        .oneshot(form_post(
            &uri,
            &cookie,
            fields(&csrf, "confirm", "5.4", ""),
        ))
        .await
        .unwrap();
    let to = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert!(to.contains("error="), "{to}");
    assert_eq!(app.siping_gdp().await["revision"], 0);

    let reason = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%E5%85%AC%E6%8A%A5";
    let res = app
        .router
        .clone()
        .oneshot(form_post(
            &uri,
            &cookie,
            fields(&csrf, "correct", "5.4", reason),
        ))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert_eq!(to, format!("{page_uri}?done={id}#fact-{id}"));
    let now = app.siping_gdp().await;
    assert_eq!(
        (now["value"].as_f64(), now["status"].as_str()),
        (Some(5.4), Some("corrected"))
    );

    // The public history shows both revisions, the reviewer, and the reason escaped.
    let history = app.get(&format!("/facts/{id}/history")).await;
    assert_eq!(history.status, StatusCode::OK);
    let html = history.text();
    assert!(
        html.contains("自动提取") && html.contains("赵审核"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)") && !html.contains("<script>alert"));
}

#[tokio::test]
async fn reviews_survive_deleting_and_adding_the_text_again_and_re_extracting() {
    let app = app().await;
    let gdp = app.siping_gdp().await;
    let (id, article) = (
        gdp["id"].as_i64().unwrap(),
        gdp["article_id"].as_i64().unwrap(),
    );
    let correct = json!({"action": "correct", "value": 5.4, "reason": "核对"});
    assert_eq!(
        app.review(id, &correct, Some(BEARER)).await.status,
        StatusCode::CREATED
    );

    // Re-extracting the seeds in place: same articles, new fact rows, review kept.
    let options = ingest::Options {
        max_bytes: ingest::DEFAULT_MAX_BYTES,
        reextract: true,
    };
    let summary = ingest::ingest_paths_with(
        &app.seeded.db,
        &[common::repo_root().join("seeds")],
        &options,
        &mut ingest::report::Silent,
    )
    .await
    .unwrap();
    assert_eq!(
        summary.reextracted, app.seeded.summary.ingested,
        "{:?}",
        summary.files
    );
    // The server notices writes from other connections within its poll interval (0.5 s).
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let after = app.siping_gdp().await;
    assert_ne!(after["id"], id, "re-extraction writes new fact rows");
    assert_eq!(
        (
            after["value"].as_f64(),
            after["status"].as_str(),
            after["article_id"].as_i64()
        ),
        (Some(5.4), Some("corrected"), Some(article))
    );

    // Deleting the article and adding its text again through the API.
    let text = app.seeded.db.article(article).await.unwrap().unwrap().text;
    let deleted = app
        .admin(Method::DELETE, &format!("/api/v1/articles/{article}"), None)
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let body = json!({"text": text, "published": "2023-07-20"}).to_string();
    let added = app
        .admin(
            Method::POST,
            "/api/v1/articles",
            Some(("application/json", body.into_bytes())),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let again = app.siping_gdp().await;
    assert_eq!(
        (again["value"].as_f64(), again["status"].as_str()),
        (Some(5.4), Some("corrected"))
    );
    let history = app
        .get(&format!("/api/v1/facts/{}/revisions", again["id"]))
        .await
        .json();
    assert_eq!(history["revisions"].as_array().unwrap().len(), 2);
}
