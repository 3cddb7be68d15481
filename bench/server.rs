//! Benchmarks of the receiving server (not tests: they measure, they assert nothing).
//!
//! 1. One upload of 2,000 villages × 5 needs (about 3.3 MiB), applied to an empty database and
//!    then again as an update of every village: the time `Uploads::upload` takes (check, merge,
//!    one transaction), in process.
//! 2. 50 surveyors uploading at once, 20 uploads each, to the real server process on loopback:
//!    the time each upload takes as the phone sees it (p50, p95, max) and the server's peak
//!    memory (VmHWM).
//!
//! ```sh
//! cargo build --profile server -p qianshou-server --bin qianshou-server --example bench_server
//! target/server/examples/bench_server target/server/qianshou-server [DATABASE_URL]
//! ```
//!
//! With no DATABASE_URL, SQLite in a temporary folder. `bench/run.sh server` runs it on both.

use qianshou_core::exchange::interchange::{self, Header, Scope};
use qianshou_core::model::records::*;
use qianshou_core::storage::repo::{Record, Records};
use qianshou_server::store::Db;
use qianshou_server::upload::{Outcome, Uploads};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nid(group: u16, n: u64) -> String {
    format!(
        "00000000-0000-4000-{:04x}-{n:012x}",
        0x8000 | (group & 0x0fff)
    )
}

fn villages(start: u64, count: u64, needs: u64, hour: u32) -> Records {
    let t =
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-01T{hour:02}:00:00+08:00")).unwrap();
    let mut r = Records::default();
    for i in start..start + count {
        let mut v = Village::new(nid(1, i), t);
        v.name = format!("第{i}村");
        v.region = Region {
            province: "江苏省".into(),
            city: format!("第{}市", i % 13),
            county: format!("第{}县", i % 61),
            township: format!("第{}镇", i % 97),
        };
        v.collective_income_wan = Some((i % 40) as f64);
        v.population = Some(1000 + (i % 3000) as i64);
        v.industries = vec!["茶叶加工".into(), "水果采摘".into()];
        v.resources = vec!["450亩闲置林地".into()];
        v.contact = Contact {
            name: "王书记".into(),
            role: "第一书记".into(),
            phone: "13800138000".into(),
        };
        v.notes = "村集体经济薄弱，劳动力外流，需要产业带动和销售渠道。".into();
        for k in 0..needs {
            let mut n = Need::new(
                nid(2, i * 10 + k),
                Category::ALL[(i + k) as usize % Category::ALL.len()],
            );
            n.description = format!("需要茶叶加工设备和电商平台销售渠道，帮助村民增收，第{k}项");
            n.quantity = Some(40.0);
            n.unit = "万元".into();
            v.needs.push(n);
        }
        r.villages.insert(v.id.clone(), v);
    }
    r
}

fn file(records: &Records) -> String {
    let selection = interchange::select(records, &Scope::All);
    let header = Header {
        exported_at: chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap(),
        device_id: "6f9619ff-8b86-4d01-b42d-00cf4fc964ff".into(),
        surveyor: "张三".into(),
    };
    interchange::to_json(&selection, &header)
}

fn fresh_url(
    base: Option<&str>,
    dir: &std::path::Path,
    name: &str,
    rt: &tokio::runtime::Runtime,
) -> String {
    match base {
        None => format!("sqlite:{}", dir.join(format!("{name}.db")).display()),
        Some(base) => {
            let db = format!("bench_{name}_{}", std::process::id());
            rt.block_on(async {
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(base).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {db}"))
                    .execute(&mut c)
                    .await
                    .unwrap();
            });
            format!("{}/{db}", base.rsplit_once('/').unwrap().0)
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let bin = args.next().expect("the server binary");
    let base = args.next();
    let dir = std::env::temp_dir().join(format!("qianshou-bench-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("dist/index.html"), "<!doctype html>").unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let storage = if base.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };

    // 1. One large upload.
    let big = villages(0, 2000, 5, 9);
    let first = file(&big);
    let mut edited = big.clone();
    for v in edited.villages.values_mut() {
        v.notes.push_str("（复查）");
        v.touch(chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00+08:00").unwrap());
    }
    let second = file(&edited);
    println!(
        "{storage}: file of 2,000 villages x 5 needs: {:.2} MiB",
        first.len() as f64 / 1048576.0
    );
    for round in 0..3 {
        let url = fresh_url(base.as_deref(), &dir, &format!("big{round}"), &rt);
        rt.block_on(async {
            let db = Db::open(&url).await.unwrap();
            let uploads = Uploads::new(db, None);
            for (what, body, key) in [("new", &first, 1), ("all updated", &second, 2)] {
                let started = Instant::now();
                let out = uploads
                    .upload(1, &nid(6, key), body.as_bytes())
                    .await
                    .unwrap();
                let took = started.elapsed();
                assert!(matches!(out, Outcome::Applied(_)));
                println!(
                    "{storage}: upload of 2,000 villages ({what}), round {round}: {:.0} ms",
                    took.as_secs_f64() * 1000.0
                );
            }
        });
    }

    // 2. 50 surveyors at once, 20 uploads each, through the real server.
    let url = fresh_url(base.as_deref(), &dir, "load", &rt);
    let command = |args: &[&str]| {
        let mut c = Command::new(&bin);
        c.args(["--db", &url.replace("sqlite:", "")]).args(args);
        if url.starts_with("postgres") {
            c.env("DATABASE_URL", &url);
        } else {
            c.env_remove("DATABASE_URL");
        }
        c
    };
    let tokens: Vec<String> = (0..50)
        .map(|n| {
            let out = command(&[
                "token",
                "add",
                "--name",
                &format!("调研员{n}"),
                "--role",
                "surveyor",
            ])
            .output()
            .unwrap();
            String::from_utf8(out.stdout).unwrap().trim().to_owned()
        })
        .collect();
    let mut server = command(&[
        "serve",
        "--dist",
        dir.join("dist").to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let started = Instant::now();
    let threads: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut times = Vec::new();
                for u in 0..20u64 {
                    // A day's work: 5 villages with 5 needs each (about 8 KiB).
                    let body = file(&villages((n as u64 * 20 + u) * 5, 5, 5, 9));
                    let t = Instant::now();
                    let mut s = TcpStream::connect(&addr).unwrap();
                    write!(s, "POST /api/v1/uploads HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer {token}\r\nIdempotency-Key: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", nid(0x100 + n as u16, u), body.len()).unwrap();
                    s.write_all(body.as_bytes()).unwrap();
                    let mut reply = Vec::new();
                    s.read_to_end(&mut reply).unwrap();
                    assert!(reply.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&reply));
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut times: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let wall = started.elapsed();
    times.sort();
    let q = |p: f64| {
        times[((times.len() as f64 * p).ceil() as usize).min(times.len()) - 1].as_secs_f64()
            * 1000.0
    };
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: ?")
        .to_owned();
    println!(
        "{storage}: 50 uploaders x 20 uploads: {} uploads in {:.1} s; per upload p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms; server {}",
        times.len(), wall.as_secs_f64(), q(0.5), q(0.95), q(1.0), hwm.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
    );
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
