//! The HTTP side: the built app and API version 1 (FORMAT.md, "Upload") on one origin, so the
//! app's `connect-src 'self'` holds and no CORS is needed.

use crate::compress::{compressible, Compressed};
use crate::store::{Role, TokenRow};
use crate::tokens;
use crate::upload::{refusal, Outcome, Uploads};
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use qianshou_core::exchange::import::{ImportError, MAX_FILE_BYTES};
use qianshou_core::exchange::interchange;
use qianshou_core::words::Lang;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The policy of index.html's meta tag, used when the built app's own cannot be read.
pub const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built app's folder.
    pub dist: PathBuf,
    /// Uploads a token may make in a burst…
    pub rate_burst: f64,
    /// …and per minute after that.
    pub rate_per_minute: f64,
    /// Whether the server speaks TLS itself (then it sends Strict-Transport-Security).
    pub tls: bool,
}

/// What every request shares.
pub struct App {
    uploads: Uploads,
    config: Config,
    /// The Content-Security-Policy header: the built app's meta policy plus `frame-ancestors`
    /// (which a meta tag cannot carry).
    csp: HeaderValue,
    limiter: Mutex<HashMap<i64, Bucket>>,
    /// The built app's files, compressed in the background.
    compressed: Compressed,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The router, ready to serve.
pub fn router(uploads: Uploads, config: Config) -> Router {
    let csp = format!(
        "{}; frame-ancestors 'none'",
        csp_of(&config.dist).unwrap_or_else(|| DEFAULT_CSP.to_owned())
    );
    let app = Arc::new(App {
        uploads,
        csp: HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static(DEFAULT_CSP)),
        compressed: Compressed::start(&config.dist),
        config,
        limiter: Mutex::new(HashMap::new()),
    });
    Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/uploads", post(upload))
        .route("/api/v1/programme", get(programme))
        .route("/api/{*rest}", any(no_such_api))
        .fallback(static_file)
        // One byte over the limit is read, so a file of exactly 32 MiB passes.
        .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 1))
        .layer(middleware::from_fn_with_state(app.clone(), every_response))
        .with_state(app)
}

/// The policy of `dist/index.html`'s Content-Security-Policy meta tag, so header and tag never
/// disagree.
fn csp_of(dist: &Path) -> Option<String> {
    let html = std::fs::read_to_string(dist.join("index.html")).ok()?;
    let at = html.find("http-equiv=\"Content-Security-Policy\"")?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = rest[start..].find('"')?;
    Some(
        rest[start..start + end]
            .trim()
            .trim_end_matches(';')
            .to_owned(),
    )
}

/// Security headers on every response, and one log line per request: method, path, status,
/// time. No query, no body, no token, no name.
async fn every_response(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, app.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("geolocation=(self), camera=(), microphone=()"),
    );
    if app.config.tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    eprintln!(
        "{} {method} {path} {} {}ms",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        res.status().as_u16(),
        started.elapsed().as_millis()
    );
    res
}

/// The language of the answer's words: English when the client prefers it, else Chinese.
fn lang_of(headers: &HeaderMap) -> Lang {
    let first = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if first.starts_with("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Why a request was not served, in words of both languages (the app maps the code to its
/// own words; the text is for people using curl).
#[derive(Clone, Copy)]
enum Denied {
    NoToken,
    BadToken,
    NotCoordinator,
    TooMany,
    NoKey,
    NoSuchApi,
    BadSince,
    Unavailable,
}

impl Denied {
    fn parts(self) -> (StatusCode, &'static str, &'static str, &'static str) {
        use Denied::*;
        match self {
            NoToken => (
                StatusCode::UNAUTHORIZED,
                "no_token",
                "缺少令牌（Authorization: Bearer …）",
                "No token (Authorization: Bearer …)",
            ),
            BadToken => (
                StatusCode::UNAUTHORIZED,
                "bad_token",
                "令牌无效或已被撤销，请向协调人索取新令牌",
                "The token is unknown or revoked; ask the coordinator for a new one",
            ),
            NotCoordinator => (
                StatusCode::FORBIDDEN,
                "not_coordinator",
                "只有协调人令牌可以下载汇总数据",
                "Only a coordinator token can download the programme",
            ),
            TooMany => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many",
                "上传过于频繁，请稍后再试",
                "Too many uploads; try again shortly",
            ),
            NoKey => (
                StatusCode::BAD_REQUEST,
                "no_idempotency_key",
                "缺少 Idempotency-Key（一个 UUID）",
                "Missing Idempotency-Key (a UUID)",
            ),
            NoSuchApi => (
                StatusCode::NOT_FOUND,
                "no_such_api",
                "没有这个接口",
                "No such API",
            ),
            BadSince => (
                StatusCode::BAD_REQUEST,
                "bad_since",
                "since 须为 RFC 3339 时间",
                "since must be an RFC 3339 time",
            ),
            Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "服务器暂时无法保存，请稍后重试",
                "The server cannot store right now; try again later",
            ),
        }
    }

    fn respond(self, lang: Lang) -> Response {
        let (status, code, zh, en) = self.parts();
        let message = if lang == Lang::En { en } else { zh };
        let mut res = json(
            status,
            serde_json::json!({"error": code, "message": message}).to_string(),
        );
        if matches!(self, Denied::TooMany) {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
        }
        if matches!(self, Denied::NoToken | Denied::BadToken) {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"qianshou\""),
            );
        }
        res
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn health(State(app): State<Arc<App>>) -> Response {
    let db = app.uploads.db();
    let ok = db.ping().await;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    json(
        status,
        serde_json::json!({"ok": ok, "api": 1, "format": interchange::FORMAT,
            "version": interchange::VERSION, "storage": db.kind()})
        .to_string(),
    )
}

async fn no_such_api(headers: HeaderMap) -> Response {
    Denied::NoSuchApi.respond(lang_of(&headers))
}

/// The token of the request, checked: known, not revoked, within its rate.
async fn authorise(app: &App, headers: &HeaderMap) -> Result<TokenRow, Denied> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(Denied::NoToken)?;
    let hash = tokens::hash(token);
    let row = app
        .uploads
        .db()
        .token_by_hash(&hash)
        .await
        .map_err(|e| {
            eprintln!("database: {e}");
            Denied::Unavailable
        })?
        .ok_or(Denied::BadToken)?;
    if !tokens::same_hash(&row.hash, &hash) || row.revoked_at.is_some() {
        return Err(Denied::BadToken);
    }
    if !app.take_one(row.id) {
        return Err(Denied::TooMany);
    }
    Ok(row)
}

impl App {
    /// Takes one request from token `id`'s bucket; false when it is empty.
    fn take_one(&self, id: i64) -> bool {
        let mut buckets = self.limiter.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let burst = self.config.rate_burst;
        let b = buckets.entry(id).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let refill = now.duration_since(b.at).as_secs_f64() * self.config.rate_per_minute / 60.0;
        b.tokens = (b.tokens + refill).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn upload(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = lang_of(&headers);
    let token = match authorise(&app, &headers).await {
        Ok(t) => t,
        Err(d) => return d.respond(lang),
    };
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|k| k.trim().to_ascii_lowercase())
        .filter(|k| qianshou_core::model::ids::is_uuid(k))
    else {
        return Denied::NoKey.respond(lang);
    };
    let bytes = match body {
        Ok(b) => b,
        Err(BytesRejection::FailedToBufferBody(_)) => {
            let bytes = headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(MAX_FILE_BYTES + 1);
            let e = ImportError::TooLarge { bytes };
            return json(
                StatusCode::PAYLOAD_TOO_LARGE,
                serde_json::to_string(&refusal(lang, &e)).unwrap_or_default(),
            );
        }
        Err(e) => return e.into_response(),
    };
    match app.uploads.upload(token.id, &key, &bytes).await {
        Ok(Outcome::Applied(answer)) | Ok(Outcome::Replayed(answer)) => {
            json(StatusCode::OK, answer)
        }
        Ok(Outcome::Refused(e)) => {
            let status = match e {
                ImportError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::BAD_REQUEST,
            };
            json(
                status,
                serde_json::to_string(&refusal(lang, &e)).unwrap_or_default(),
            )
        }
        Err(e) => {
            eprintln!("database: {e}");
            Denied::Unavailable.respond(lang)
        }
    }
}

#[derive(Deserialize)]
struct ProgrammeQuery {
    since: Option<String>,
}

async fn programme(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<ProgrammeQuery>,
) -> Response {
    let lang = lang_of(&headers);
    let token = match authorise(&app, &headers).await {
        Ok(t) => t,
        Err(d) => return d.respond(lang),
    };
    if token.role != Role::Coordinator {
        return Denied::NotCoordinator.respond(lang);
    }
    let since = match q.since.as_deref().map(chrono::DateTime::parse_from_rfc3339) {
        None => None,
        Some(Ok(t)) => Some(t.timestamp_micros()),
        Some(Err(_)) => return Denied::BadSince.respond(lang),
    };
    let file = match app.uploads.snapshot().await {
        Ok((rows, read_at)) => {
            crate::programme_of(app.uploads.db(), rows, read_at, false, since).await
        }
        Err(e) => Err(e),
    };
    match file {
        Ok(text) => json(StatusCode::OK, text),
        Err(e) => {
            eprintln!("database: {e}");
            Denied::Unavailable.respond(lang)
        }
    }
}

/// The built app: a file of `dist`, or index.html for a screen's path (`/villages/…`) so a
/// reload works before the service worker is installed.
async fn static_file(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    request: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let safe = path
        .split('/')
        .all(|seg| !seg.is_empty() && !seg.starts_with('.') && !seg.contains('\\'));
    if !safe {
        return StatusCode::NOT_FOUND.into_response();
    }
    let dist = &app.config.dist;
    let (name, body) = match tokio::fs::read(dist.join(path)).await {
        Ok(body) => (path, body),
        Err(_) if !path.rsplit('/').next().unwrap_or("").contains('.') => {
            match tokio::fs::read(dist.join("index.html")).await {
                Ok(body) => ("index.html", body),
                Err(_) => return StatusCode::NOT_FOUND.into_response(),
            }
        }
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(name)),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(name)),
    );
    let mut body = Bytes::from(body);
    if compressible(name) {
        // A cache between must keep the encodings apart.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        match app.compressed.get(name, &body, &request) {
            Some((encoding, packed)) => {
                headers.insert(header::CONTENT_ENCODING, encoding);
                body = packed;
            }
            None => app.compressed.refresh(name, &dist.join(name), &body),
        }
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    };
    (headers, body).into_response()
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `sw.js` and `index.html` are checked on every load, so a new build is noticed; files whose
/// name carries a content hash never change and are kept for a year; the rest (icons, the
/// manifest, the schema) are checked too.
pub fn cache_control(name: &str) -> &'static str {
    let file = name.rsplit('/').next().unwrap_or(name);
    if is_hashed(file) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Whether a file name carries a content hash as Trunk and post_build.py write it:
/// `qianshou-0123456789abcdef_bg.wasm`, `boot-0123456789abcdef.js`. Trunk writes its hash in
/// hex without leading zeros (15 digits one build in sixteen); a hash of fewer than 12 digits,
/// one build in 65,536, is only checked on each load like the other files.
fn is_hashed(file: &str) -> bool {
    file.split('-').skip(1).any(|part| {
        let hex: String = part.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        hex.len() >= 12
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_immutable_and_the_rest_checked() {
        assert_eq!(
            cache_control("qianshou-8f3a0c1d2e4b5a69_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_control("boot-0123456789abcdef.js"),
            "public, max-age=31536000, immutable"
        );
        // Trunk's hash without its leading zero.
        assert_eq!(
            cache_control("qianshou-8061566a10b0d63_bg.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("sw.js"), "no-cache");
        assert_eq!(cache_control("index.html"), "no-cache");
        assert_eq!(cache_control("icons/icon-192.png"), "no-cache");
        assert_eq!(cache_control("qianshou-survey.schema.json"), "no-cache");
    }
}
