//! Who may write. Reading is public; every write needs the admin token, given either as
//! `Authorization: Bearer <token>` (API clients) or once at the login form, which starts a
//! session cookie (pages).
//!
//! The token comes from `DASHBOARD_ADMIN_TOKEN`, or else from `admin_token` beside the
//! database, created with mode 0600 on first start and announced once in the log.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::Context as _;
use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts, HeaderMap, Method, StatusCode},
};
use sha2::{Digest, Sha256};

use crate::api::{error::ApiError, ApiState};

pub const TOKEN_ENV: &str = "DASHBOARD_ADMIN_TOKEN";
pub const TOKEN_FILE: &str = "admin_token";
pub const SESSION_COOKIE: &str = "dashboard_session";
/// Header carrying the session's CSRF token on cookie-authenticated API writes.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Header naming the reviewer on token-authenticated API writes (for the audit log).
pub const REVIEWER_HEADER: &str = "x-reviewer";
const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
const MIN_TOKEN_LEN: usize = 16;

/// Where the token came from (for the log line at start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    Env,
    File { path: PathBuf, created: bool },
}

/// A logged-in browser.
#[derive(Clone, Debug)]
pub struct Session {
    pub reviewer: String,
    /// Must accompany every form post of this session.
    pub csrf: String,
    started: Instant,
}

/// The admin token (kept only as its hash) and the live sessions.
pub struct Auth {
    token_hash: [u8; 32],
    sessions: Mutex<HashMap<String, Session>>,
}

impl Auth {
    pub fn new(token: &str) -> Self {
        Self {
            token_hash: Sha256::digest(token.as_bytes()).into(),
            sessions: Mutex::new(HashMap::new()),
        }
    }

    /// Loads the token from the environment, else from the file beside the database,
    /// creating that file (0600) with a fresh random token when there is none.
    pub fn load(db_path: &Path) -> anyhow::Result<(Arc<Self>, TokenSource)> {
        if let Ok(token) = std::env::var(TOKEN_ENV) {
            let token = token.trim().to_owned();
            anyhow::ensure!(
                token.len() >= MIN_TOKEN_LEN,
                "{TOKEN_ENV} is set but shorter than {MIN_TOKEN_LEN} characters; use a long random value"
            );
            return Ok((Arc::new(Self::new(&token)), TokenSource::Env));
        }
        let dir = db_path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let path = dir.join(TOKEN_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let token = text.trim();
                anyhow::ensure!(
                    token.len() >= MIN_TOKEN_LEN,
                    "{} holds a token shorter than {MIN_TOKEN_LEN} characters; delete it to get a new one",
                    path.display()
                );
                Ok((
                    Arc::new(Self::new(token)),
                    TokenSource::File {
                        path,
                        created: false,
                    },
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let token = random_hex(24)?;
                write_private(&path, &token)?;
                Ok((
                    Arc::new(Self::new(&token)),
                    TokenSource::File {
                        path,
                        created: true,
                    },
                ))
            }
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Compares in constant time (over the hashes, so the length does not leak either).
    pub fn token_matches(&self, candidate: &str) -> bool {
        let candidate: [u8; 32] = Sha256::digest(candidate.as_bytes()).into();
        constant_time_eq(&candidate, &self.token_hash)
    }

    /// Starts a session for `reviewer`; returns its id (the cookie value).
    pub fn start_session(&self, reviewer: &str) -> anyhow::Result<(String, Session)> {
        let id = random_hex(32)?;
        let session = Session {
            reviewer: reviewer.to_owned(),
            csrf: random_hex(32)?,
            started: Instant::now(),
        };
        let mut sessions = self.sessions.lock().expect("session table poisoned");
        sessions.retain(|_, s| s.started.elapsed() < SESSION_TTL);
        sessions.insert(id.clone(), session.clone());
        Ok((id, session))
    }

    pub fn session(&self, id: &str) -> Option<Session> {
        let sessions = self.sessions.lock().expect("session table poisoned");
        sessions
            .get(id)
            .filter(|s| s.started.elapsed() < SESSION_TTL)
            .cloned()
    }

    pub fn end_session(&self, id: &str) {
        self.sessions
            .lock()
            .expect("session table poisoned")
            .remove(id);
    }

    /// The session of a request's cookie, if it is live.
    pub fn session_of(&self, headers: &HeaderMap) -> Option<(String, Session)> {
        let id = cookie(headers, SESSION_COOKIE)?;
        self.session(&id).map(|s| (id, s))
    }
}

/// The `Set-Cookie` value of a session: HttpOnly, SameSite=Strict, scoped to the site.
pub fn session_cookie(id: &str) -> String {
    format!(
        "{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}",
        SESSION_TTL.as_secs()
    )
}

pub fn clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The authenticated writer of a request, with the name the audit log records.
#[derive(Clone, Debug)]
pub struct Admin {
    pub reviewer: String,
}

/// API writes: a bearer token, or a session cookie plus its CSRF token in `X-CSRF-Token`.
impl FromRequestParts<ApiState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ApiState,
    ) -> Result<Self, Self::Rejection> {
        let auth = &state.auth;
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .ok_or_else(|| {
                    unauthorized("the Authorization header must be `Bearer <admin token>`")
                })?;
            if !auth.token_matches(token.trim()) {
                return Err(ApiError {
                    status: StatusCode::FORBIDDEN,
                    code: "forbidden",
                    message: "the admin token is wrong".into(),
                });
            }
            let reviewer = parts
                .headers
                .get(REVIEWER_HEADER)
                // Names are often Chinese: read the raw bytes as UTF-8.
                .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
                .map(clean_reviewer)
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| "admin (token)".to_owned());
            return Ok(Admin { reviewer });
        }
        if let Some((_, session)) = auth.session_of(&parts.headers) {
            // A cookie arrives with any request the browser makes; only a page of ours can
            // also send the session's CSRF token.
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if parts.method != Method::GET
                && !constant_time_eq(sent.as_bytes(), session.csrf.as_bytes())
            {
                return Err(ApiError {
                    status: StatusCode::FORBIDDEN,
                    code: "csrf",
                    message: format!(
                        "a session write needs its CSRF token in the {CSRF_HEADER} header"
                    ),
                });
            }
            return Ok(Admin {
                reviewer: session.reviewer,
            });
        }
        Err(unauthorized(
            "writing needs the admin token: send `Authorization: Bearer <token>` or log in at /login",
        ))
    }
}

fn unauthorized(message: &str) -> ApiError {
    ApiError {
        status: StatusCode::UNAUTHORIZED,
        code: "unauthorized",
        message: message.to_owned(),
    }
}

/// Reviewer names are free text for the log: one line, printable, at most 60 characters.
pub fn clean_reviewer(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control())
        .take(60)
        .collect::<String>()
        .trim()
        .to_owned()
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn random_hex(bytes: usize) -> anyhow::Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Creates `path` readable and writable by its owner only, failing if it exists.
fn write_private(path: &Path, token: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    writeln!(file, "{token}").with_context(|| format!("cannot write {}", path.display()))?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_file_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.db");
        std::env::remove_var(TOKEN_ENV);
        let (auth, source) = Auth::load(&db).unwrap();
        let TokenSource::File { path, created } = source else {
            panic!("expected a file token")
        };
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let token = std::fs::read_to_string(&path).unwrap();
        assert!(auth.token_matches(token.trim()));
        assert!(!auth.token_matches("wrong"));
        let (_, again) = Auth::load(&db).unwrap();
        assert!(matches!(again, TokenSource::File { created: false, .. }));
    }

    #[test]
    fn cookies_and_comparison() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; dashboard_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert!(constant_time_eq(b"same", b"same"));
        assert!(!constant_time_eq(b"same", b"sane"));
        assert!(!constant_time_eq(b"short", b"longer"));
        assert_eq!(clean_reviewer(" 张三\n\t "), "张三");
    }
}
