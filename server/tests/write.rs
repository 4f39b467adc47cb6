//! Adding and deleting articles over HTTP (the whole application router, a real SQLite file):
//! access control, limits, bad input, escaping, audit log, backup.

mod common;

use std::time::Instant;

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
};
use common::http::{app, BEARER};
use serde_json::json;

const ARTICLE: &str = "四平日报讯 今年一季度，四平市地区生产总值同比增长6.1%，\
固定资产投资完成额达到85.2亿元。全市新签约项目42个，到位资金33.5亿元。";

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "XyZboundary7319";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/plain\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn every_write_needs_the_token() {
    let app = app().await;
    let before = app.article_count().await;
    let body = json!({ "text": ARTICLE });

    let none = app.post_json(&body, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED, "{}", none.text());
    assert!(none.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Bearer"));
    let wrong = app.post_json(&body, Some("Bearer not-the-token")).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let malformed = app.post_json(&body, Some("Basic abc")).await;
    assert_eq!(malformed.status, StatusCode::UNAUTHORIZED);

    let delete = app
        .send(
            Request::delete("/api/v1/articles/1")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(delete.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get("/api/v1/audit").await.status,
        StatusCode::UNAUTHORIZED
    );
    // A cookie that is not a live session is no login either.
    let forged = app
        .send(
            Request::delete("/api/v1/articles/1")
                .header(header::COOKIE, "dashboard_session=0000")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.article_count().await, before, "nothing was written");
}

#[tokio::test]
async fn adding_an_article_shows_its_figures_at_once_and_is_audited() {
    let app = app().await;
    let added = app
        .post_json(
            &json!({ "text": ARTICLE, "title": "四平一季度经济", "published": "2024-04-20", "source": "四平日报", "city": "四平" }),
            Some(BEARER),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let a = added.json();
    let id = a["id"].as_i64().unwrap();
    assert_eq!(a["page"], format!("/articles/{id}"));
    let gdp = a["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["metric"] == "gdp_growth_pct")
        .expect("GDP figure found");
    assert_eq!(gdp["value"], 6.1);
    assert_eq!(gdp["period"], "2024-Q1");
    assert_eq!(gdp["city_key"], "siping");
    assert!(gdp["quote"].as_str().unwrap().contains("6.1%"));

    // The read side sees it immediately (the response cache was dropped).
    let series = app
        .get("/api/v1/series?metric=gdp_growth_pct&city=siping")
        .await
        .json();
    assert!(series["points"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["period"] == "2024-Q1" && p["value"] == 6.1));

    // Same text again: 409 naming the stored article.
    let again = app
        .post_json(&json!({ "text": ARTICLE }), Some(BEARER))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "duplicate");
    assert!(
        again.text().contains(&format!("/articles/{id}")),
        "{}",
        again.text()
    );

    let audit = app.admin(Method::GET, "/api/v1/audit", None).await.json();
    let entry = &audit[0];
    assert_eq!(entry["action"], "article.add");
    assert_eq!(entry["actor"], "测试员");
    assert_eq!(entry["article_id"], id);
}

#[tokio::test]
async fn gb18030_uploads_work_and_bad_files_store_nothing() {
    let app = app().await;
    let (gbk, _, _) = encoding_rs::GB18030.encode(ARTICLE);
    let (ct, body) = multipart(&[
        ("file", Some("yingkou-q1.txt"), &gbk),
        ("title", None, "上传测试".as_bytes()),
        ("published", None, b"2024-04-20"),
    ]);
    let r = app.post_raw(&ct, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(r.json()["encoding"]
        .as_str()
        .unwrap()
        .eq_ignore_ascii_case("gb18030"));
    assert_eq!(r.json()["file_name"], "yingkou-q1.txt");
    assert!(r.json()["text"].as_str().unwrap().contains("地区生产总值"));

    let before = app.article_count().await;
    let cases: Vec<(&str, Upload, StatusCode)> = vec![
        (
            "binary",
            multipart(&[(
                "file",
                Some("x.txt"),
                &[0u8, 159, 146, 150, 0, 1, 2, 255, 0, 0],
            )]),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "empty",
            multipart(&[("file", Some("empty.txt"), b"")]),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "no text",
            multipart(&[("title", None, b"only a title")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "../ name",
            multipart(&[("file", Some("../../etc/passwd"), ARTICLE.as_bytes())]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "NUL name",
            multipart(&[
                ("file_name", None, b"a\0b.txt"),
                ("text", None, ARTICLE.as_bytes()),
            ]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "bad date",
            multipart(&[
                ("text", None, ARTICLE.as_bytes()),
                ("published", None, b"2024-13-45"),
            ]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "js url",
            multipart(&[
                ("text", None, ARTICLE.as_bytes()),
                ("url", None, b"javascript:alert(1)"),
            ]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "unknown city",
            multipart(&[
                ("text", None, ARTICLE.as_bytes()),
                ("city", None, "北京".as_bytes()),
            ]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "truncated",
            (
                ct_for("XyZboundary7319"),
                b"--XyZboundary7319\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nabc"
                    .to_vec(),
            ),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, (ct, body), want) in cases {
        let r = app.post_raw(&ct, body).await;
        assert_eq!(r.status, want, "{what}: {}", r.text());
        assert!(
            !r.code().is_empty(),
            "{what}: an error body names the problem"
        );
    }
    assert_eq!(
        app.article_count().await,
        before,
        "no bad upload stored anything"
    );
}

/// A multipart body with its content type.
type Upload = (String, Vec<u8>);

fn ct_for(boundary: &str) -> String {
    format!("multipart/form-data; boundary={boundary}")
}

#[tokio::test]
async fn malformed_requests_are_4xx_never_5xx() {
    let app = app().await;
    let before = app.article_count().await;
    let cases: Vec<(&str, &str, Vec<u8>, StatusCode)> = vec![
        (
            "malformed JSON",
            "application/json",
            b"{\"text\": ".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "invalid UTF-8",
            "application/json",
            b"{\"text\": \"\xff\xfe\"}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "wrong field",
            "application/json",
            br#"{"txt": "x"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "empty text",
            "application/json",
            br#"{"text": ""}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "text/plain",
            "text/plain",
            ARTICLE.as_bytes().to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "too many",
            "application/json",
            serde_json::to_vec(&vec![json!({"text": "x"}); 21]).unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "too large",
            "application/json",
            serde_json::to_vec(&json!({"text": "增".repeat(3_000_000)})).unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (what, ct, body, want) in cases {
        let r = app.post_raw(ct, body).await;
        assert_eq!(r.status, want, "{what}: {}", r.text());
        assert!(!r.code().is_empty(), "{what}: {}", r.text());
    }
    assert_eq!(app.article_count().await, before);
    // Writes are not reachable by GET: a GET with the fields is just the list.
    let listed = app.get("/api/v1/articles?text=abc").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(app.article_count().await, before);
}

#[tokio::test]
async fn article_text_is_escaped_on_pages_charts_and_csv() {
    let app = app().await;
    let nasty = "营口日报讯 <script>alert('x')</script><img src=x onerror=alert(1)> \"引号\" \
一季度，营口市地区生产总值同比增长4.4%<b>粗体</b>。=HYPERLINK(\"http://evil\")全市签约项目12个。";
    let r = app
        .post_json(&json!({ "text": nasty, "title": "<script>alert('t')</script>", "published": "2024-04-20" }), Some(BEARER))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();

    for page in [
        format!("/articles/{id}"),
        "/articles".to_owned(),
        "/?table=gdp".to_owned(),
        "/".to_owned(),
    ] {
        let html = app.get(&page).await.text();
        assert!(
            !html.contains("<script>alert"),
            "{page} has raw script from the article"
        );
        assert!(
            !html.contains("<img src=x"),
            "{page} has raw HTML from the article"
        );
        assert!(
            !html.contains("<b>粗体"),
            "{page} has raw HTML from the article"
        );
    }
    let article_page = app.get(&format!("/articles/{id}")).await.text();
    assert!(
        article_page.contains("&lt;script&gt;alert"),
        "the text is shown, escaped"
    );

    let svg = app
        .get("/charts/gdp_growth_pct.svg?city=yingkou")
        .await
        .text();
    assert!(svg.contains("4.4"), "the new figure is charted");
    assert!(
        !svg.contains("<script>") && !svg.contains("<b>"),
        "tooltips are escaped in SVG"
    );
    roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");

    let csv = app
        .get(&format!("/api/v1/facts.csv?article={id}"))
        .await
        .text();
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with('='), "formula not neutralised: {line}");
        }
    }
}

#[tokio::test]
async fn deleting_removes_the_article_and_its_facts_and_is_audited() {
    let app = app().await;
    let id = app
        .post_json(&json!({ "text": ARTICLE }), Some(BEARER))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let del = app
        .send(
            Request::delete(format!("/api/v1/articles/{id}"))
                .header(header::AUTHORIZATION, BEARER)
                .header("x-reviewer", "审核员")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(del.status, StatusCode::OK, "{}", del.text());
    assert_eq!(
        app.get(&format!("/api/v1/articles/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let facts = app.get(&format!("/api/v1/facts?article={id}")).await.json();
    assert_eq!(facts["total"], 0);
    let again = app
        .admin(Method::DELETE, &format!("/api/v1/articles/{id}"), None)
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let log = app.seeded.db.audit_log(10).await.unwrap();
    assert_eq!(log[0].action, "article.delete");
    assert_eq!(log[0].actor, "审核员");
    assert_eq!(log[0].article_id, Some(id));
    assert!(log[0].detail.contains("facts"));
}

#[tokio::test]
async fn a_pathological_article_is_bounded() {
    let app = app().await;
    // 5 MB of digits: one enormous "number".
    let digits: String = "1234567890".repeat(500_000);
    let started = Instant::now();
    let r = app
        .post_json(&json!({ "text": digits }), Some(BEARER))
        .await;
    let took = started.elapsed();
    assert!(
        r.status.is_success() || r.status.is_client_error(),
        "{}",
        r.status
    );
    println!(
        "5 MB of digits: {} in {:.2} s",
        r.status,
        took.as_secs_f64()
    );
}

#[tokio::test]
async fn backup_is_a_consistent_copy() {
    let app = app().await;
    let copy = app.seeded.dir.path().join("backup.db");
    app.seeded.db.backup_to(&copy).await.unwrap();
    let restored = store::Db::open(&copy).await.unwrap();
    assert_eq!(
        restored.articles().await.unwrap().len(),
        app.article_count().await
    );
    let (ok,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(ok, "ok");
    // An existing file is never overwritten.
    let err = app.seeded.db.backup_to(&copy).await.unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}
