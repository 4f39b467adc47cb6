//! The HTTP API over a real SQLite file ingested from `seeds/`.

mod common;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use serde_json::Value;
use server::api::{self, ApiState};
use tower::ServiceExt;

struct Api {
    router: Router,
    state: ApiState,
    _seeded: common::Seeded,
}

async fn api() -> Api {
    let seeded = common::seeded().await;
    let state = ApiState::new(
        seeded.db.clone(),
        std::sync::Arc::new(server::auth::Auth::new(common::ADMIN_TOKEN)),
    )
    .await
    .unwrap();
    let router = Router::new().nest("/api/v1", api::router(state.clone()));
    Api {
        router,
        state,
        _seeded: seeded,
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

impl Api {
    async fn get(&self, uri: &str) -> Reply {
        let uri = uri.replace(' ', "%20");
        let res = self
            .router
            .clone()
            .oneshot(Request::get(uri.as_str()).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    async fn ok(&self, uri: &str) -> Value {
        let r = self.get(uri).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{uri}: {}",
            String::from_utf8_lossy(&r.body)
        );
        r.json()
    }

    async fn error(&self, uri: &str, status: StatusCode, code: &str) -> String {
        let r = self.get(uri).await;
        assert_eq!(
            r.status,
            status,
            "{uri}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let v = r.json();
        assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        v["error"]["message"].as_str().unwrap().to_owned()
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn catalogue_endpoints() {
    let api = api().await;
    let cities = api.ok("/api/v1/cities").await;
    let names: Vec<_> = cities
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name_zh"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["四平", "营口", "临汾"]);
    assert!(cities[0]["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "双辽市"));

    let metrics = api.ok("/api/v1/metrics").await;
    let keys: Vec<_> = metrics
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect();
    for key in [
        "gdp_growth_pct",
        "gdp_total_yi",
        "fixed_asset_investment_yi",
        "fixed_asset_investment_growth_pct",
        "project_investment_yi",
        "project_count",
        "funds_in_place_yi",
        "funds_in_place_growth_pct",
        "trade_growth_pct",
        "foreign_capital_10k_usd",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

#[tokio::test]
async fn facts_filter_by_city_name_or_key_and_metric() {
    let api = api().await;
    let by_name = api
        .ok(&format!(
            "/api/v1/facts?city={}&metric=gdp_growth_pct",
            enc("四平")
        ))
        .await;
    let by_key = api
        .ok("/api/v1/facts?city=siping&metric=gdp_growth_pct")
        .await;
    assert_eq!(by_name, by_key);
    let items = by_name["items"].as_array().unwrap();
    let h1 = items
        .iter()
        .find(|f| f["period"] == "2023-H1")
        .expect("四平 2023-H1 GDP growth");
    assert_eq!(h1["value"], 5.3);
    assert_eq!(h1["city"], "四平");
    assert!(h1["quote"].as_str().unwrap().contains("5.3%"));
    assert!(items
        .iter()
        .all(|f| f["metric"] == "gdp_growth_pct" && f["city_key"] == "siping"));

    // Repeated and comma-separated lists mean the same.
    let a = api
        .ok("/api/v1/facts?city=siping&city=yingkou&limit=1000")
        .await;
    let b = api
        .ok(&format!(
            "/api/v1/facts?city=siping,{}&limit=1000",
            enc("营口")
        ))
        .await;
    assert_eq!(a["total"], b["total"]);
    assert!(a["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["city_key"] == "siping" || f["city_key"] == "yingkou"));
}

#[tokio::test]
async fn facts_pagination_sorting_periods_bounds_targets_scope() {
    let api = api().await;
    let all = api.ok("/api/v1/facts?limit=1000&scope=all").await;
    let total = all["total"].as_i64().unwrap();
    assert!(total > 10, "seeds give more than 10 facts, got {total}");
    assert_eq!(all["items"].as_array().unwrap().len() as i64, total);

    let p1 = api.ok("/api/v1/facts?limit=3&offset=0&scope=all").await;
    let p2 = api.ok("/api/v1/facts?limit=3&offset=3&scope=all").await;
    assert_eq!(p1["total"], total);
    let ids = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&p1).len(), 3);
    assert!(ids(&p1).iter().all(|id| !ids(&p2).contains(id)));
    assert!(ids(&p1).iter().max() < ids(&p2).iter().min());

    let by_value = api
        .ok("/api/v1/facts?sort=-value&limit=1000&scope=all")
        .await;
    let values: Vec<f64> = by_value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_f64().unwrap())
        .collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]));

    let h1 = api
        .ok("/api/v1/facts?from=2023-H1&to=2023-H1&limit=1000&scope=all")
        .await;
    assert!(h1["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["period"].as_str().unwrap().starts_with("2023")));
    assert!(h1["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["period"] != "2023"));

    let targets = api
        .ok("/api/v1/facts?bound=target&limit=1000&scope=all")
        .await;
    assert!(targets["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["bound"] == "target"));
    let no_targets = api
        .ok("/api/v1/facts?include_targets=false&limit=1000&scope=all")
        .await;
    assert!(no_targets["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["bound"] != "target"));
    assert_eq!(
        no_targets["total"].as_i64().unwrap() + targets["total"].as_i64().unwrap(),
        total,
        "targets and non-targets partition the facts"
    );

    let city_only = api.ok("/api/v1/facts?scope=city&limit=1000").await;
    assert!(city_only["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["scope"].is_null()));
    let article = all["items"][0]["article_id"].as_i64().unwrap();
    let of_article = api
        .ok(&format!(
            "/api/v1/facts?article={article}&limit=1000&scope=all"
        ))
        .await;
    assert!(of_article["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["article_id"] == article));
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_value() {
    let api = api().await;
    let m = api
        .error(
            "/api/v1/facts?city=atlantis",
            StatusCode::BAD_REQUEST,
            "unknown_city",
        )
        .await;
    assert!(m.contains("atlantis") && m.contains("siping (四平)"), "{m}");
    let m = api
        .error(
            "/api/v1/facts?metric=gdp",
            StatusCode::BAD_REQUEST,
            "unknown_metric",
        )
        .await;
    assert!(m.contains("\"gdp\"") && m.contains("gdp_growth_pct"), "{m}");
    let m = api
        .error(
            "/api/v1/facts?from=2023-Q5",
            StatusCode::BAD_REQUEST,
            "bad_period",
        )
        .await;
    assert!(m.contains("2023-Q5") && m.contains("YYYY-H1"), "{m}");
    api.error(
        "/api/v1/facts?from=2024&to=2023",
        StatusCode::BAD_REQUEST,
        "bad_period",
    )
    .await;
    api.error(
        "/api/v1/facts?scope=world",
        StatusCode::BAD_REQUEST,
        "bad_scope",
    )
    .await;
    api.error(
        "/api/v1/facts?bound=maybe",
        StatusCode::BAD_REQUEST,
        "bad_bound",
    )
    .await;
    api.error(
        "/api/v1/facts?sort=colour",
        StatusCode::BAD_REQUEST,
        "bad_sort",
    )
    .await;
    api.error(
        "/api/v1/facts?limit=0",
        StatusCode::BAD_REQUEST,
        "bad_limit",
    )
    .await;
    api.error(
        "/api/v1/facts?limit=abc",
        StatusCode::BAD_REQUEST,
        "bad_query",
    )
    .await;
    api.error(
        "/api/v1/facts?citty=siping",
        StatusCode::BAD_REQUEST,
        "bad_query",
    )
    .await;
    api.error(
        "/api/v1/series?city=siping",
        StatusCode::BAD_REQUEST,
        "bad_metric",
    )
    .await;
    api.error("/api/v1/articles/99999", StatusCode::NOT_FOUND, "not_found")
        .await;
    api.error("/api/v1/articles/abc", StatusCode::BAD_REQUEST, "bad_id")
        .await;
    api.error("/api/v1/nothing-here", StatusCode::NOT_FOUND, "not_found")
        .await;
    // SQL in a filter value is a value like any other.
    api.error(
        &format!("/api/v1/facts?city={}", enc("x' OR '1'='1")),
        StatusCode::BAD_REQUEST,
        "unknown_city",
    )
    .await;
}

#[tokio::test]
async fn series_picks_one_point_per_city_period_and_thing_counted() {
    let api = api().await;
    let s = api
        .ok("/api/v1/series?metric=project_count&city=yingkou")
        .await;
    assert_eq!(s["metric"], "project_count");
    let points = s["points"].as_array().unwrap();
    let q1 = points
        .iter()
        .find(|p| p["period"] == "2023-Q1" && p["counted"] == "项目集中开工")
        .expect("营口 2023-Q1 projects started");
    assert_eq!(q1["value"], 138.0);
    assert!(q1["fact_ids"].as_array().unwrap().contains(&q1["fact_id"]));
    // Counts of different things in one quarter are separate points (签约 is not 开工).
    assert!(points.iter().any(|p| p["period"] == "2023-Q1"
        && p["counted"] == "民营资本投资项目"
        && p["value"] == 101.0));
    let mut keys: Vec<_> = points
        .iter()
        .map(|p| {
            (
                p["city_key"].as_str().unwrap(),
                p["period"].as_str().unwrap(),
                p["counted"].as_str().unwrap(),
            )
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        n,
        "one point per city, period and thing counted"
    );

    let gdp = api.ok("/api/v1/series?metric=gdp_growth_pct").await;
    assert!(gdp["points"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["city"] == "四平" && p["period"] == "2023-H1" && p["value"] == 5.3));
    assert!(gdp["points"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["bound"] != "target"));
}

#[tokio::test]
async fn summary_gives_latest_core_metrics_per_city() {
    let api = api().await;
    let s = api.ok("/api/v1/summary").await;
    let siping = s
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["city_key"] == "siping")
        .unwrap();
    let gdp = siping["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "gdp_growth_pct")
        .unwrap();
    assert_eq!(gdp["point"]["value"], 5.3);
    assert_eq!(gdp["point"]["period"], "2023-H1");
    let only = api.ok("/api/v1/summary?city=linfen").await;
    assert_eq!(only.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn articles_list_and_detail_with_spans() {
    let api = api().await;
    let list = api.ok("/api/v1/articles").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    let with_facts = list
        .iter()
        .find(|a| a["file_name"] == "001_7ebea61fa912b90f.txt")
        .unwrap();
    assert!(with_facts["fact_count"].as_i64().unwrap() > 3);
    assert_eq!(with_facts["published"], "2023-08-04");

    let detail = api
        .ok(&format!("/api/v1/articles/{}", with_facts["id"]))
        .await;
    let text: Vec<char> = detail["text"].as_str().unwrap().chars().collect();
    let facts = detail["facts"].as_array().unwrap();
    assert_eq!(
        facts.len() as i64,
        with_facts["fact_count"].as_i64().unwrap()
    );
    for f in facts {
        let (s, e) = (
            f["span_start"].as_u64().unwrap() as usize,
            f["span_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            f["quote"].as_str().unwrap()
        );
    }
}

#[tokio::test]
async fn facts_csv_opens_like_excel_would() {
    let api = api().await;
    let r = api
        .get(&format!(
            "/api/v1/facts.csv?city={}&metric=gdp_growth_pct",
            enc("四平")
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = r.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.contains("filename=\"facts_siping_gdp_growth_pct.csv\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''facts_%E5%9B%9B%E5%B9%B3_gdp_growth_pct.csv"),
        "{disposition}"
    );
    assert!(r.body.starts_with(b"\xEF\xBB\xBF"), "BOM first");
    let mut reader = csv::Reader::from_reader(&r.body[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        &header[..10],
        [
            "article", "city", "scope", "period", "metric", "value", "unit", "bound", "label",
            "quote"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows
        .iter()
        .any(|r| &r[1] == "四平" && &r[3] == "2023-H1" && &r[5] == "5.3"));

    let all = api.get("/api/v1/facts.csv").await;
    let n = csv::Reader::from_reader(&all.body[3..]).records().count() as i64;
    let total = api.ok("/api/v1/facts?scope=all").await["total"]
        .as_i64()
        .unwrap();
    let default_total = api.ok("/api/v1/facts").await["total"].as_i64().unwrap();
    assert_eq!(
        n, default_total,
        "CSV has every row the filter matches, not one page"
    );
    assert!(total >= default_total);

    let series = api.get("/api/v1/series.csv?metric=project_count").await;
    assert_eq!(series.status, StatusCode::OK);
    assert!(series.body.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&series.body).contains("138"));
}

#[tokio::test]
async fn openapi_lists_every_endpoint() {
    let api = api().await;
    let doc = api.ok("/api/v1/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/cities",
        "/api/v1/metrics",
        "/api/v1/facts",
        "/api/v1/facts.csv",
        "/api/v1/series",
        "/api/v1/series.csv",
        "/api/v1/summary",
        "/api/v1/articles",
        "/api/v1/articles/{id}",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
}

#[tokio::test]
async fn cached_responses_follow_writes_from_other_processes() {
    let api = api().await;
    let before = api.ok("/api/v1/articles").await.as_array().unwrap().len();
    // A write through another connection, as `server ingest` beside a running server does.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("new.txt"),
        "2023年，临汾市全年地区生产总值增长5.0%。",
    )
    .unwrap();
    let other = store::Db::open(&api._seeded.dir.path().join("dashboard.db"))
        .await
        .unwrap();
    let s = server::ingest::ingest_paths(
        &other,
        &[dir.path().to_owned()],
        1 << 20,
        &mut server::ingest::report::Silent,
    )
    .await
    .unwrap();
    assert_eq!(s.ingested, 1);
    let mut after = before;
    for _ in 0..40 {
        after = api.ok("/api/v1/articles").await.as_array().unwrap().len();
        if after != before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(after, before + 1, "the cache noticed the external write");
    let _ = &api.state;
}

#[tokio::test]
async fn chart_images_svg_and_png() {
    let seeded = common::seeded().await;
    let state = ApiState::new(
        seeded.db.clone(),
        std::sync::Arc::new(server::auth::Auth::new(common::ADMIN_TOKEN)),
    )
    .await
    .unwrap();
    let router: Router = api::charts_router(state);
    let get = |uri: String| {
        let router = router.clone();
        async move {
            let res = router
                .oneshot(Request::get(uri.as_str()).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = res.status();
            let ctype = res
                .headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (
                status,
                ctype,
                res.into_body().collect().await.unwrap().to_bytes().to_vec(),
            )
        }
    };

    let (status, ctype, svg) = get("/charts/gdp_growth_pct.svg".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("image/svg+xml"));
    let svg = String::from_utf8(svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(
        texts.contains("地区生产总值（GDP）增长"),
        "Chinese title in the SVG"
    );
    assert!(
        texts.contains("四平") && texts.contains("营口") && texts.contains("临汾"),
        "legend"
    );
    assert!(texts.contains("5.3%"), "value label");
    assert!(
        texts.contains("来源") && texts.contains("生成于"),
        "source and date lines"
    );
    assert!(svg.contains("/articles/"), "points link to their article");

    let (status, _, en) =
        get("/charts/gdp_growth_pct.svg?lang=en&city=siping&type=line".into()).await;
    assert_eq!(status, StatusCode::OK);
    let en = String::from_utf8(en).unwrap();
    assert!(en.contains("GDP growth") && en.contains("Siping") && !en.contains("营口"));

    let (status, ctype, png) = get("/charts/project_count.png?width=800&height=450".into()).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&png));
    assert_eq!(ctype, "image/png");
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let reader = decoder.read_info().expect("a PNG");
    assert_eq!((reader.info().width, reader.info().height), (800, 450));

    let (status, _, body) = get("/charts/project_count.png?width=10".into()).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let (status, _, _) = get("/charts/project_count.gif".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get("/charts/nonsense.svg".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get("/charts/gdp_growth_pct.svg?lang=fr".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// Any order gives the same rows, and no cell of a hostile article runs as a formula.
#[tokio::test]
async fn facts_csv_neutralises_formulas_in_any_order() {
    let api = api().await;
    let nasty = extractor::Fact {
        city: Some("siping".into()),
        scope: Some("-scope".into()),
        period: "2023".into(),
        metric: "project_count".into(),
        value: -12.5,
        unit: "个".into(),
        bound: extractor::Bound::Exact,
        label: "+cmd|' /C calc'!A0".into(),
        quote: "=HYPERLINK(\"http://x\",\"a, \"\"b\"\"\n c\")".into(),
        span: (0, 5),
        rule: "@rule".into(),
        confidence: 0.5,
    };
    let article = store::articles::NewArticle {
        file_name: "=evil.txt",
        title: None,
        source: None,
        url: None,
        published: None,
        main_city: None,
        text: "=evil text",
        encoding: "UTF-8",
        content_hash: "evil-hash",
        added_by: None,
    };
    api._seeded
        .db
        .store_article(&article, &[nasty])
        .await
        .unwrap();
    api.state.cache.invalidate();

    let parse = |body: &[u8]| -> Vec<csv::StringRecord> {
        assert!(body.starts_with(b"\xEF\xBB\xBF"));
        csv::Reader::from_reader(&body[3..])
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let lean = parse(&api.get("/api/v1/facts.csv?scope=all").await.body);
    let rows = parse(
        &api.get("/api/v1/facts.csv?scope=all&sort=-value")
            .await
            .body,
    );
    assert_eq!(lean.len(), rows.len());
    assert!(lean.len() > 10);
    for a in &lean {
        let b = rows
            .iter()
            .find(|b| b[10] == a[10])
            .expect("same ids in both");
        for i in 0..a.len() {
            if i == 5 || i == 16 {
                let (x, y) = (a[i].parse::<f64>().unwrap(), b[i].parse::<f64>().unwrap());
                assert!(
                    (x - y).abs() <= 1e-12 * x.abs().max(1.0),
                    "column {i}: {x} vs {y}"
                );
            } else {
                assert_eq!(&a[i], &b[i], "column {} of fact {}", i, &a[10]);
            }
        }
    }
    let evil = lean.iter().find(|r| r[0].contains("evil")).unwrap();
    assert_eq!(&evil[0], "'=evil.txt");
    assert_eq!(&evil[2], "'-scope");
    assert_eq!(&evil[5], "-12.5", "numbers stay numbers");
    assert_eq!(&evil[8], "'+cmd|' /C calc'!A0");
    assert!(
        evil[9].starts_with("'=HYPERLINK(\"http://x\",\"a, \"\"b\"\"\n c\")"),
        "{}",
        &evil[9]
    );
    assert_eq!(&evil[15], "'@rule");
}

/// Lines stored with the facts and lines formatted from the columns (rows stored before
/// the column existed) are byte for byte the same.
#[tokio::test]
async fn stored_and_rebuilt_csv_lines_agree() {
    let api = api().await;
    let stored = api.get("/api/v1/facts.csv?scope=all").await.body;
    let (with_line,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM facts WHERE csv_line IS NOT NULL")
            .fetch_one(api._seeded.db.pool())
            .await
            .unwrap();
    assert!(with_line > 10);
    sqlx::query("UPDATE facts SET csv_line = NULL")
        .execute(api._seeded.db.pool())
        .await
        .unwrap();
    api.state.cache.invalidate();
    let rebuilt = api.get("/api/v1/facts.csv?scope=all").await.body;
    assert_eq!(
        String::from_utf8(stored).unwrap(),
        String::from_utf8(rebuilt).unwrap()
    );
}
