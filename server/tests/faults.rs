//! The real server process under stress: killed (SIGKILL) in the middle of uploads, and
//! read hard while articles are being added.

mod common;

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader},
    net::TcpStream,
};

const TOKEN: &str = "fault-test-admin-token-000111";

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(db: &Path) -> Self {
        let root = common::repo_root();
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .arg("--site")
            .arg(root.join("target/site"))
            .arg("--seeds")
            .arg(root.join("seeds"))
            .env("DASHBOARD_ADMIN_TOKEN", TOKEN)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(db.with_extension("log")).unwrap())
            .spawn()
            .expect("start the server");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let addr = loop {
            let line = lines
                .next()
                .expect("server exited before listening")
                .unwrap();
            if let Some(url) = line.split("listening on http://").nth(1) {
                break url.trim().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self { child, addr }
    }

    fn kill(mut self) {
        self.child.kill().unwrap(); // SIGKILL
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a fresh connection; returns the status and the raw body.
async fn http(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(b) = body {
        req.push_str(&format!(
            "Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).await?;
    if let Some(b) = body {
        stream.write_all(b.as_bytes()).await?;
    }
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            std::io::Error::other(format!(
                "no status line in {:?}",
                &text[..text.len().min(80)]
            ))
        })?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

fn article(i: usize) -> String {
    serde_json::json!({
        "text": format!("营口日报讯 第{i}期：今年一季度，营口市地区生产总值同比增长{}.{}%，全市签约项目{}个。", 3 + i % 5, i % 10, 10 + i),
        "title": format!("压力测试文章 {i}"),
        "published": "2024-04-20",
        "file_name": format!("load-{i}.txt"),
    })
    .to_string()
}

async fn check_consistent(db_path: &Path) -> (usize, Vec<String>) {
    let db = store::Db::open(db_path).await.unwrap();
    let (ok,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(ok, "ok");
    // An article is stored with all its facts or not at all: every uploaded one has its
    // GDP figure.
    let articles = db.articles().await.unwrap();
    let uploaded: Vec<String> = articles
        .iter()
        .filter(|a| a.file_name.starts_with("load-"))
        .map(|a| a.file_name.clone())
        .collect();
    // …and with its audit entry: the entry is written in the article's transaction.
    let audited: Vec<i64> =
        sqlx::query_scalar("SELECT article_id FROM audit_log WHERE action = 'article.add'")
            .fetch_all(db.pool())
            .await
            .unwrap();
    for a in articles.iter().filter(|a| a.file_name.starts_with("load-")) {
        assert!(
            a.fact_count >= 2,
            "{} stored without its facts",
            a.file_name
        );
        assert!(
            audited.contains(&a.id),
            "{} stored without its audit entry",
            a.file_name
        );
    }
    db.pool().close().await;
    (articles.len(), uploaded)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_uploads_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dashboard.db");
    let server = Server::start(&db);
    let addr = server.addr.clone();

    // Uploads run concurrently; the process is killed while they are in flight.
    let acked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for i in 0..60 {
        let (addr, acked) = (addr.clone(), Arc::clone(&acked));
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(i as u64 * 5)).await;
            if let Ok((201, _)) = http(&addr, "POST", "/api/v1/articles", Some(&article(i))).await {
                acked.lock().unwrap().push(format!("load-{i}.txt"));
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    server.kill();
    for t in tasks {
        t.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();

    let (_, stored) = check_consistent(&db).await;
    for name in &acked {
        assert!(
            stored.contains(name),
            "{name} was acknowledged (201) but is gone"
        );
    }
    println!(
        "killed mid-batch: {} of 60 uploads acknowledged, {} stored",
        acked.len(),
        stored.len()
    );

    // Restart and rerun the batch: everything lands, nothing twice.
    let server = Server::start(&db);
    for i in 0..60 {
        let (status, body) = http(&server.addr, "POST", "/api/v1/articles", Some(&article(i)))
            .await
            .unwrap();
        assert!(
            status == 201 || status == 409,
            "upload {i}: {status} {body}"
        );
    }
    server.kill();
    let (_, stored) = check_consistent(&db).await;
    assert_eq!(stored.len(), 60);
}

/// A keep-alive HTTP/1.1 connection (Content-Length or chunked bodies), so a load test
/// measures the server rather than connection setup.
struct Conn {
    stream: AsyncBufReader<TcpStream>,
}

impl Conn {
    async fn open(addr: &str) -> std::io::Result<Self> {
        Ok(Self {
            stream: AsyncBufReader::new(TcpStream::connect(addr).await?),
        })
    }

    /// Like HTTP clients do, a GET on a kept-alive connection the server has meanwhile
    /// closed is retried on a new connection (counted in `reconnects`).
    async fn get(
        &mut self,
        addr: &str,
        path: &str,
        reconnects: &AtomicU64,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let req = format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut line = String::new();
        let sent = self.stream.get_mut().write_all(req.as_bytes()).await;
        let mut attempts = 0;
        if sent.is_err() || self.stream.read_line(&mut line).await? == 0 {
            while attempts < 3 {
                attempts += 1;
                reconnects.fetch_add(1, Ordering::Relaxed);
                *self = Conn::open(addr).await?;
                self.stream.get_mut().write_all(req.as_bytes()).await?;
                if self.stream.read_line(&mut line).await? > 0 {
                    break;
                }
            }
        }
        let status: u16 = line
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let (mut length, mut chunked) = (None, false);
        loop {
            line.clear();
            self.stream.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse::<usize>().ok();
            }
            if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.stream.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16)
                    .map_err(|_| std::io::Error::other(format!("bad chunk size {line:?}")))?;
                let mut chunk = vec![0; size + 2];
                self.stream.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            self.stream.read_exact(&mut body).await?;
        }
        Ok((status, body))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn readers_are_never_blocked_while_articles_are_added() {
    let seconds: u64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let connections = 64;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dashboard.db");
    let server = Server::start(&db);
    let addr = server.addr.clone();
    let until = Instant::now() + Duration::from_secs(seconds);

    let requests = Arc::new(AtomicU64::new(0));
    let reconnects = Arc::new(AtomicU64::new(0));
    let worst_us = Arc::new(AtomicU64::new(0));
    let paths = [
        "/api/v1/series?metric=gdp_growth_pct",
        "/api/v1/facts?city=yingkou&limit=50",
        "/api/v1/summary",
        "/api/v1/facts.csv?metric=project_count",
        "/",
    ];
    let mut readers = Vec::new();
    for c in 0..connections {
        let (addr, requests, worst_us) =
            (addr.clone(), Arc::clone(&requests), Arc::clone(&worst_us));
        let reconnects = Arc::clone(&reconnects);
        readers.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            let mut n = c;
            let mut conn = Conn::open(&addr).await.unwrap();
            while Instant::now() < until {
                let path = paths[n % paths.len()];
                n += 1;
                let started = Instant::now();
                match conn.get(&addr, path, &reconnects).await {
                    Ok((200, _)) => {}
                    Ok((status, body)) => failures.push(format!(
                        "{path}: {status} {}",
                        String::from_utf8_lossy(&body[..body.len().min(200)])
                    )),
                    Err(e) => {
                        failures.push(format!("{path}: {e}"));
                        conn = Conn::open(&addr).await.unwrap();
                    }
                }
                worst_us.fetch_max(started.elapsed().as_micros() as u64, Ordering::Relaxed);
                requests.fetch_add(1, Ordering::Relaxed);
            }
            failures
        }));
    }
    let writer = {
        let addr = addr.clone();
        tokio::spawn(async move {
            let mut added = 0;
            let mut i = 1000;
            while Instant::now() < until {
                let (status, body) = http(&addr, "POST", "/api/v1/articles", Some(&article(i)))
                    .await
                    .unwrap();
                assert_eq!(status, 201, "{body}");
                added += 1;
                i += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            added
        })
    };
    let mut failures = Vec::new();
    for r in readers {
        failures.extend(r.await.unwrap());
    }
    let added = writer.await.unwrap();
    let total = requests.load(Ordering::Relaxed);
    let worst = Duration::from_micros(worst_us.load(Ordering::Relaxed));
    println!(
        "load: {seconds} s, {connections} connections, {total} reads ({:.0}/s), {added} articles added, slowest read {:.0} ms, {} failures, {} keep-alive reconnects",
        total as f64 / seconds as f64,
        worst.as_secs_f64() * 1000.0,
        failures.len(),
        reconnects.load(Ordering::Relaxed)
    );
    assert!(
        failures.is_empty(),
        "{:?}",
        &failures[..failures.len().min(5)]
    );
    assert!(added > 0);
    // SQLite's busy timeout is 5 s: no reader may wait that long.
    assert!(worst < Duration::from_secs(5), "a read took {worst:?}");
    server.kill();
}
