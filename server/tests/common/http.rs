//! The whole application router over a seeded database, and requests to it.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use serde_json::Value;
use server::{api::ApiState, auth::Auth, cli::ServeArgs};
use tower::ServiceExt;

pub struct App {
    pub router: Router,
    pub seeded: super::Seeded,
}

pub async fn app() -> App {
    let seeded = super::seeded().await;
    let auth = Arc::new(Auth::new(super::ADMIN_TOKEN));
    let state = ApiState::new(seeded.db.clone(), auth).await.unwrap();
    let args = ServeArgs {
        site: super::repo_root().join("target/site"),
        ..ServeArgs::default()
    };
    let router = server::serve::router(seeded.db.clone(), state, &args);
    App { router, seeded }
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

pub const BEARER: &str = "Bearer test-admin-token-0123456789";

impl App {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply { status, body }
    }

    /// A request with the admin token, and a body of the given content type if any.
    pub async fn admin(&self, method: Method, uri: &str, body: Option<(&str, Vec<u8>)>) -> Reply {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, BEARER);
        let req = match body {
            Some((content_type, bytes)) => req
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(bytes)),
            None => req.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post_json(&self, body: &Value, auth: Option<&str>) -> Reply {
        let mut req = Request::post("/api/v1/articles")
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-reviewer", "测试员");
        if let Some(a) = auth {
            req = req.header(header::AUTHORIZATION, a);
        }
        self.send(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    pub async fn post_raw(&self, content_type: &str, body: Vec<u8>) -> Reply {
        self.send(
            Request::post("/api/v1/articles")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::AUTHORIZATION, BEARER)
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    pub async fn article_count(&self) -> usize {
        self.seeded.db.articles().await.unwrap().len()
    }
}
