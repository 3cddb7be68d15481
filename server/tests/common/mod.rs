//! The real `qianshou-server` binary, started on loopback for each test with a fresh database:
//! SQLite in a temporary folder, or a new PostgreSQL database when `QIANSHOU_TEST_POSTGRES` names
//! a server (scripts/test-server.sh starts a throwaway one). A tiny HTTP/1.1 client over a
//! socket talks to it, so the tests see exactly what a phone sees.
#![allow(dead_code)]

use qianshou_core::exchange::interchange::{self, Header, Scope};
use qianshou_core::model::records::*;
use qianshou_core::storage::repo::Records;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_qianshou-server");

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let dir = std::env::temp_dir().join(format!(
            "qianshou-server-test-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Where a test's data lives: the environment the binary runs with.
pub struct Database {
    pub dir: TempDir,
    /// `DATABASE_URL` for PostgreSQL; `None` for SQLite in `dir`.
    pub url: Option<String>,
}

impl Database {
    /// A fresh, empty database of the kind the test run asks for.
    pub fn fresh() -> Database {
        let dir = TempDir::new();
        let url = std::env::var("QIANSHOU_TEST_POSTGRES")
            .ok()
            .filter(|u| !u.is_empty())
            .map(|base| {
                let name = format!(
                    "t_{}",
                    dir.0
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .replace('-', "_")
                );
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::Connection;
                    let mut c = sqlx::PgConnection::connect(&base).await.unwrap();
                    sqlx::query(&format!("CREATE DATABASE {name}"))
                        .execute(&mut c)
                        .await
                        .unwrap();
                });
                let (root, _) = base.rsplit_once('/').unwrap();
                format!("{root}/{name}")
            });
        Database { dir, url }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.is_some()
    }

    /// A command of the binary on this database.
    pub fn command(&self) -> Command {
        let mut c = Command::new(BIN);
        c.arg("--db").arg(self.dir.0.join("qianshou.db"));
        match &self.url {
            Some(url) => c.env("DATABASE_URL", url),
            None => c.env_remove("DATABASE_URL"),
        };
        c
    }

    /// `token add`: the token printed.
    pub fn token(&self, name: &str, role: &str) -> String {
        let out = self
            .command()
            .args(["token", "add", "--name", name, "--role", role])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// Revokes token number `id`.
    pub fn revoke(&self, id: i64) {
        let out = self
            .command()
            .args(["token", "revoke", &id.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }

    /// The built app the server is given: an index.html with the app's policy, a service
    /// worker, and a hashed script.
    pub fn dist(&self) -> PathBuf {
        let dist = self.dir.0.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        let index = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html"),
        )
        .unwrap();
        std::fs::write(dist.join("index.html"), index).unwrap();
        std::fs::write(dist.join("sw.js"), "// sw").unwrap();
        std::fs::write(dist.join("boot-0123456789abcdef.js"), "// boot").unwrap();
        dist
    }

    /// Starts `serve` with `args` and `env`; returns once it listens.
    pub fn serve(&self, args: &[&str], env: &[(&str, &str)]) -> Server {
        let dist = self.dist();
        let log = self
            .dir
            .0
            .join(format!("log-{}", NEXT.fetch_add(1, Ordering::SeqCst)));
        let mut c = self.command();
        c.arg("serve")
            .arg("--dist")
            .arg(&dist)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap());
        for (k, v) in env {
            c.env(k, v);
        }
        let mut child = c.spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Server { child, addr, log }
    }
}

/// A running server process.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

impl Server {
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        request(&self.addr, method, path, headers, body)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![];
        if let Some(a) = &auth {
            headers.push(("Authorization", a.as_str()));
        }
        self.request("GET", path, &headers, b"")
    }

    pub fn upload(&self, token: &str, key: &str, body: &[u8]) -> Reply {
        let auth = format!("Bearer {token}");
        self.request(
            "POST",
            "/api/v1/uploads",
            &[("Authorization", &auth), ("Idempotency-Key", key)],
            body,
        )
    }

    /// The merged programme, read with a coordinator token.
    pub fn programme(&self, coordinator: &str) -> Records {
        let reply = self.get("/api/v1/programme", Some(coordinator));
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        qianshou_core::exchange::import::read(&reply.body, &Records::default())
            .expect("the programme is a valid file")
            .records
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// One HTTP/1.1 request on a new connection (`Connection: close`), read to the end.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) and close before it has read all of a large body.
    let _ = s.write_all(body);
    read_reply(s)
}

pub fn read_reply(mut s: TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply: {}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

/// A readable UUID: `label`'s bytes in the last group.
pub fn id(label: &str) -> String {
    let hex: String = label.bytes().take(6).map(|b| format!("{b:02x}")).collect();
    format!("00000000-0000-4000-8000-{hex:0<12}")
}

/// A UUID made from a number (for keys and generated records).
pub fn nid(group: u16, n: u64) -> String {
    format!(
        "00000000-0000-4000-{:04x}-{n:012x}",
        0x8000 | (group & 0x0fff)
    )
}

pub fn at(s: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

/// A small programme: a village with two needs, an organisation, a pairing of them; the
/// village's contact has a phone number (which must never reach the log).
pub fn small() -> Records {
    let t = at("2026-11-01T09:00:00+08:00");
    let mut r = Records::default();
    let mut v = Village::new(id("maggeng"), t);
    v.name = "马埂村".into();
    v.contact.name = "李书记".into();
    v.contact.phone = "13800138000".into();
    for (label, cat) in [("herb", Category::Agritech), ("sell", Category::Sales)] {
        let mut n = Need::new(id(label), cat);
        n.description = "需要中草药种植专家指导".into();
        v.needs.push(n);
    }
    let mut o = Organization::new(id("assoc"), t);
    o.name = "镇江市中药材协会".into();
    o.capacity = 2;
    let mut c = Capability::new(id("cap"), Category::Agritech);
    c.description = "提供中草药种植技术指导".into();
    o.capabilities.push(c);
    let mut p = Pairing::new(id("pair"), id("maggeng"), id("assoc"), t);
    p.need_ids = vec![id("herb")];
    p.capability_ids = vec![id("cap")];
    r.villages.insert(v.id.clone(), v);
    r.organizations.insert(o.id.clone(), o);
    r.pairings.insert(p.id.clone(), p);
    r
}

/// The file a device would upload for `records`.
pub fn file(records: &Records) -> String {
    let selection = interchange::select(records, &Scope::All);
    let header = Header {
        exported_at: at("2026-11-22T09:30:00+08:00"),
        device_id: "6f9619ff-8b86-4d01-b42d-00cf4fc964ff".into(),
        surveyor: "张三".into(),
    };
    interchange::to_json(&selection, &header)
}

/// `villages` generated villages with `needs` needs each, ids from `start`.
pub fn villages(start: u64, villages: u64, needs: u64, updated: &str) -> Records {
    let t = at(updated);
    let mut r = Records::default();
    for i in start..start + villages {
        let mut v = Village::new(nid(1, i), t);
        v.name = format!("第{i}村");
        v.region.province = "江苏省".into();
        v.region.county = format!("第{}县", i % 7);
        v.collective_income_wan = Some((i % 40) as f64);
        for k in 0..needs {
            let mut n = Need::new(
                nid(2, i * 10 + k),
                Category::ALL[(i + k) as usize % Category::ALL.len()],
            );
            n.description = format!("需要茶叶加工和电商平台支持，第{k}项");
            v.needs.push(n);
        }
        r.villages.insert(v.id.clone(), v);
    }
    r
}
