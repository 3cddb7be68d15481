//! API version 1 as a phone and a coordinator see it: uploads merged and acknowledged, retries
//! answered the same and applied once, hostile files refused in the app's own words with nothing
//! stored, tokens and roles enforced, and the app served with its security headers.

mod common;

use common::*;
use qianshou_core::exchange::import;
use qianshou_core::storage::repo::{Record, Records};
use qianshou_core::words::{self, Lang};

const KEY1: &str = "6f9619ff-8b86-4d01-b42d-00cf4fc96401";
const KEY2: &str = "6f9619ff-8b86-4d01-b42d-00cf4fc96402";

struct Setup {
    db: Database,
    server: Server,
    surveyor: String,
    coordinator: String,
}

fn setup(args: &[&str]) -> Setup {
    let db = Database::fresh();
    let surveyor = db.token("张三", "surveyor");
    let coordinator = db.token("李四", "coordinator");
    let server = db.serve(args, &[]);
    Setup {
        db,
        server,
        surveyor,
        coordinator,
    }
}

#[test]
fn an_upload_is_merged_acknowledged_and_a_retry_applies_nothing_twice() {
    let s = setup(&[]);
    let records = small();
    let reply = s
        .server
        .upload(&s.surveyor, KEY1, file(&records).as_bytes());
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let answer = reply.json();
    assert_eq!(answer["upload"], KEY1);
    assert_eq!(answer["villages"]["new"], 1);
    assert_eq!(answer["organizations"]["new"], 1);
    assert_eq!(answer["pairings"]["new"], 1);
    assert_eq!(
        answer["acknowledged"]["villages"],
        serde_json::json!([id("maggeng")])
    );
    assert_eq!(
        answer["acknowledged"]["pairings"],
        serde_json::json!([id("pair")])
    );
    assert_eq!(s.server.programme(&s.coordinator), records);

    // The phone did not hear the answer and sends the same item again: the same answer, word
    // for word, and nothing applied again (a second application would count "unchanged").
    let again = s
        .server
        .upload(&s.surveyor, KEY1, file(&records).as_bytes());
    assert_eq!(again.status, 200);
    assert_eq!(again.body, reply.body);
    assert_eq!(s.server.programme(&s.coordinator), records);

    // The same file under a new key is a new upload: everything unchanged.
    let other = s
        .server
        .upload(&s.surveyor, KEY2, file(&records).as_bytes())
        .json();
    assert_eq!(other["villages"]["unchanged"], 1);
    assert_eq!(other["villages"]["new"], 0);
}

#[test]
fn the_later_copy_wins_whichever_arrives_first() {
    let s = setup(&[]);
    let older = small();
    let mut newer = small();
    let v = newer.villages.get_mut(&id("maggeng")).unwrap();
    v.notes = "第二次调研".into();
    v.touch(at("2026-11-20T09:00:00+08:00"));
    let first = s
        .server
        .upload(&s.surveyor, KEY1, file(&newer).as_bytes())
        .json();
    assert_eq!(first["villages"]["new"], 1);
    let second = s
        .server
        .upload(&s.surveyor, KEY2, file(&older).as_bytes())
        .json();
    assert_eq!(second["villages"]["kept_server_newer"], 1);
    assert_eq!(second["villages"]["updated"], 0);
    let held = s.server.programme(&s.coordinator);
    assert_eq!(held.villages[&id("maggeng")].notes, "第二次调研");

    // A later tombstone deletes; the programme still carries it so other devices delete too.
    let mut gone = newer.clone();
    let v = gone.villages.get_mut(&id("maggeng")).unwrap();
    v.deleted = true;
    v.touch(at("2026-11-21T09:00:00+08:00"));
    let p = gone.pairings.get_mut(&id("pair")).unwrap();
    p.deleted = true;
    p.touch(at("2026-11-21T09:00:00+08:00"));
    let third = s
        .server
        .upload(
            &s.surveyor,
            "6f9619ff-8b86-4d01-b42d-00cf4fc96403",
            file(&gone).as_bytes(),
        )
        .json();
    assert_eq!(third["villages"]["deleted"], 1);
    assert!(s.server.programme(&s.coordinator).villages[&id("maggeng")].deleted);
}

/// Files built to be refused, from the import tests and more.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let good: serde_json::Value = serde_json::from_str(&file(&small())).unwrap();
    let changed = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        v.to_string().into_bytes()
    };
    vec![
        ("empty", b"".to_vec()),
        ("white space", b"  \n ".to_vec()),
        ("not text", vec![0xff, 0xfe, 0x00]),
        (
            "a spreadsheet",
            "村庄,需求\n马埂村,中草药".as_bytes().to_vec(),
        ),
        ("JSON, not a survey", br#"{"villages": []}"#.to_vec()),
        ("a list", b"[1, 2, 3]".to_vec()),
        ("newer version", changed(&|v| v["version"] = 2.into())),
        (
            "too deep",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        (
            "bad category",
            changed(&|v| v["villages"][0]["needs"][0]["category"] = "agri".into()),
        ),
        (
            "bad date",
            changed(&|v| v["villages"][0]["surveyed_on"] = "2024/11/21".into()),
        ),
        (
            "capacity in words",
            changed(&|v| v["organizations"][0]["capacity"] = "三".into()),
        ),
        (
            "negative amount",
            changed(&|v| v["pairings"][0]["amount_wan"] = (-5).into()),
        ),
        (
            "missing status",
            changed(&|v| {
                v["villages"][0]["needs"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("status");
            }),
        ),
        (
            "duplicate village",
            changed(&|v| {
                let copy = v["villages"][0].clone();
                v["villages"].as_array_mut().unwrap().push(copy);
            }),
        ),
        (
            "dangling pairing",
            changed(&|v| v["villages"] = serde_json::json!([])),
        ),
        (
            "unknown need",
            changed(&|v| v["pairings"][0]["need_ids"] = serde_json::json!([id("nope")])),
        ),
        (
            "no device id",
            changed(&|v| v["device_id"] = "phone".into()),
        ),
        (
            "bad export time",
            changed(&|v| v["exported_at"] = "yesterday".into()),
        ),
        (
            "empty name",
            changed(&|v| v["villages"][0]["name"] = "".into()),
        ),
        (
            "bad record id",
            changed(&|v| v["villages"][0]["id"] = "1' OR 1=1 --".into()),
        ),
    ]
}

#[test]
fn hostile_files_are_refused_in_the_apps_words_and_nothing_is_stored() {
    let s = setup(&[]);
    // A programme held before, so "nothing stored" has something to stay the same.
    let mut held = villages(0, 3, 2, "2026-11-01T09:00:00+08:00");
    held.villages.values_mut().next().unwrap().contact.phone = "13912345678".into();
    assert_eq!(
        s.server
            .upload(&s.surveyor, KEY1, file(&held).as_bytes())
            .status,
        200
    );
    let before = s.server.programme(&s.coordinator);
    for (n, (what, bytes)) in hostile_files().into_iter().enumerate() {
        let key = nid(9, n as u64);
        let reply = s.server.upload(&s.surveyor, &key, &bytes);
        assert_eq!(
            reply.status,
            400,
            "{what}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        let e = import::read(&bytes, &before).expect_err(what);
        let (title, problems) = words::import_error(Lang::Zh, &e);
        let body = reply.json();
        assert_eq!(body["error"], "refused", "{what}");
        assert_eq!(body["title"], title, "{what}");
        assert_eq!(body["problems"], serde_json::json!(problems), "{what}");
        assert_eq!(s.server.programme(&s.coordinator), before, "{what}");
    }
    // English on request, in the same words as the app in English.
    let (_, bytes) = &hostile_files()[8];
    let auth = format!("Bearer {}", s.surveyor);
    let reply = s.server.request(
        "POST",
        "/api/v1/uploads",
        &[
            ("Authorization", &auth),
            ("Idempotency-Key", KEY2),
            ("Accept-Language", "en-GB,en"),
        ],
        bytes,
    );
    let e = import::read(bytes, &before).unwrap_err();
    assert_eq!(reply.json()["title"], words::import_error(Lang::En, &e).0);
    // A refusal is not remembered: the fixed file under the same key is applied.
    let fixed = s
        .server
        .upload(&s.surveyor, KEY2, file(&small()).as_bytes());
    assert_eq!(fixed.status, 200);
    assert_eq!(fixed.json()["villages"]["new"], 1);
}

#[test]
fn a_file_over_32_mib_is_refused_with_413() {
    let s = setup(&[]);
    let huge = vec![b' '; import::MAX_FILE_BYTES + 1];
    let reply = s.server.upload(&s.surveyor, KEY1, &huge);
    assert_eq!(reply.status, 413);
    assert_eq!(
        reply.json()["title"],
        words::import_error(
            Lang::Zh,
            &import::ImportError::TooLarge { bytes: huge.len() }
        )
        .0
    );
    assert_eq!(s.server.programme(&s.coordinator), Records::default());
}

#[test]
fn tokens_roles_and_revocation_are_enforced() {
    let s = setup(&[]);
    let body = file(&small());
    let no_token = s.server.request(
        "POST",
        "/api/v1/uploads",
        &[("Idempotency-Key", KEY1)],
        body.as_bytes(),
    );
    assert_eq!(no_token.status, 401);
    assert_eq!(
        s.server
            .upload("0".repeat(64).as_str(), KEY1, body.as_bytes())
            .status,
        401
    );
    assert_eq!(
        s.server
            .upload(&s.surveyor[..63], KEY1, body.as_bytes())
            .status,
        401
    );
    let auth = format!("Bearer {}", s.surveyor);
    let no_key = s.server.request(
        "POST",
        "/api/v1/uploads",
        &[("Authorization", &auth)],
        body.as_bytes(),
    );
    assert_eq!(no_key.status, 400);
    assert_eq!(no_key.json()["error"], "no_idempotency_key");

    // A surveyor uploads but cannot read everyone's work.
    assert_eq!(
        s.server.get("/api/v1/programme", Some(&s.surveyor)).status,
        403
    );
    assert_eq!(s.server.get("/api/v1/programme", None).status, 401);
    assert_eq!(
        s.server
            .get("/api/v1/programme", Some(&s.coordinator))
            .status,
        200
    );

    // Revoked (token 1 is the surveyor's): refused from then on, even a retry of a key it used.
    assert_eq!(
        s.server.upload(&s.surveyor, KEY1, body.as_bytes()).status,
        200
    );
    s.db.revoke(1);
    let refused = s.server.upload(&s.surveyor, KEY1, body.as_bytes());
    assert_eq!(refused.status, 401);
    assert_eq!(refused.json()["error"], "bad_token");
    // The coordinator also uploads.
    assert_eq!(
        s.server
            .upload(&s.coordinator, KEY2, body.as_bytes())
            .status,
        200
    );

    let list = s.db.command().args(["token", "list"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains("张三\tsurveyor"), "{list}");
    assert!(list.contains("revoked"), "{list}");
    assert!(
        !list.contains(&s.surveyor),
        "the token itself is never stored"
    );
}

#[test]
fn past_its_rate_a_token_is_told_to_wait() {
    let s = setup(&["--rate-burst", "3", "--rate-per-minute", "1"]);
    let body = file(&small());
    let statuses: Vec<u16> = (0..5)
        .map(|n| {
            s.server
                .upload(&s.surveyor, &nid(7, n), body.as_bytes())
                .status
        })
        .collect();
    assert_eq!(statuses, vec![200, 200, 200, 429, 429]);
    // Another token has its own allowance.
    assert_eq!(
        s.server
            .upload(&s.coordinator, &nid(7, 9), body.as_bytes())
            .status,
        200
    );
}

#[test]
fn the_log_names_no_one_and_no_phone() {
    let s = setup(&[]);
    s.server
        .upload(&s.surveyor, KEY1, file(&small()).as_bytes());
    s.server.upload(&s.surveyor, KEY2, &hostile_files()[8].1);
    s.server.programme(&s.coordinator);
    let log = s.server.log_text();
    assert!(log.contains("POST /api/v1/uploads 200"), "{log}");
    for private in [
        "13800138000",
        "李书记",
        "张三",
        "李四",
        &s.surveyor,
        &s.coordinator,
    ] {
        assert!(!log.contains(private), "{private} in the log:\n{log}");
    }
}

#[test]
fn the_app_is_served_with_its_policy_and_cache_rules() {
    let s = setup(&[]);
    let index = s.server.get("/", None);
    assert_eq!(index.status, 200);
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = index.header("content-security-policy").unwrap();
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self'") && csp.ends_with("frame-ancestors 'none'"),
        "{csp}"
    );
    // A screen's path gets the app, so a reload works before the service worker is there.
    assert_eq!(s.server.get("/villages/new", None).body, index.body);
    assert_eq!(
        s.server.get("/sw.js", None).header("cache-control"),
        Some("no-cache")
    );
    let boot = s.server.get("/boot-0123456789abcdef.js", None);
    assert_eq!(
        boot.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        boot.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(s.server.get("/missing-file.js", None).status, 404);
    assert_eq!(s.server.get("/../Cargo.toml", None).status, 404);
    assert_eq!(s.server.get("/%2e%2e/Cargo.toml", None).status, 404);
    assert_eq!(s.server.get("/api/v2/uploads", None).status, 404);
    // Every answer, the API's and errors too, carries the headers.
    for reply in [
        s.server.get("/api/v1/health", None),
        s.server.get("/api/v1/programme", None),
        s.server.get("/missing-file.js", None),
    ] {
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
        assert!(reply
            .header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'"));
    }
    let health = s.server.get("/api/v1/health", None);
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["api"], 1);
    assert_eq!(
        health.json()["storage"],
        if s.db.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        }
    );
}

#[test]
fn the_programme_since_a_time_holds_what_changed_after_it() {
    let s = setup(&[]);
    assert_eq!(
        s.server
            .upload(&s.surveyor, KEY1, file(&small()).as_bytes())
            .status,
        200
    );
    let first = s
        .server
        .get("/api/v1/programme", Some(&s.coordinator))
        .json();
    let since = first["exported_at"].as_str().unwrap().to_owned();
    let more = villages(0, 2, 1, "2026-11-02T09:00:00+08:00");
    assert_eq!(
        s.server
            .upload(&s.surveyor, KEY2, file(&more).as_bytes())
            .status,
        200
    );
    let path = format!("/api/v1/programme?since={}", since.replace('+', "%2B"));
    let changed = s.server.get(&path, Some(&s.coordinator)).json();
    let ids: Vec<&str> = changed["villages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        more.villages.keys().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(changed["pairings"], serde_json::json!([]));
    assert_eq!(
        s.server
            .get("/api/v1/programme?since=yesterday", Some(&s.coordinator))
            .status,
        400
    );
}

#[test]
fn export_and_sheets_write_the_merged_programme() {
    let s = setup(&[]);
    assert_eq!(
        s.server
            .upload(&s.surveyor, KEY1, file(&small()).as_bytes())
            .status,
        200
    );
    let out =
        s.db.command()
            .args(["export", "--with-suggestions"])
            .output()
            .unwrap();
    assert!(out.status.success());
    let read = import::read(&out.stdout, &Records::default()).unwrap();
    assert_eq!(read.records, small());
    let text: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!text["suggestions"].as_array().unwrap().is_empty());
    let xlsx = s.db.dir.0.join("programme.xlsx");
    let out = s.db.command().arg("sheets").arg(&xlsx).output().unwrap();
    assert!(out.status.success());
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"));
    // The summary sheet first, as in the app's workbook (the parts are stored uncompressed).
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has(r#"<sheet name="汇总" sheetId="1""#));
    assert!(has("各调研员上传合并"));
}

#[test]
fn two_server_processes_on_one_database_each_see_the_others_uploads() {
    let s = setup(&[]);
    let other = s.db.serve(&[], &[]);
    let older = small();
    let mut newer = small();
    let v = newer.villages.get_mut(&id("maggeng")).unwrap();
    v.notes = "第二次调研".into();
    v.touch(at("2026-11-20T09:00:00+08:00"));
    // The first process holds the records in memory after this upload…
    assert_eq!(
        s.server
            .upload(&s.surveyor, KEY1, file(&older).as_bytes())
            .status,
        200
    );
    // …the second moves the database on…
    let second = other
        .upload(&s.surveyor, KEY2, file(&newer).as_bytes())
        .json();
    assert_eq!(second["villages"]["updated"], 1);
    // …and the first, given the older copy again, knows the database's copy is newer.
    let third = s
        .server
        .upload(
            &s.surveyor,
            "6f9619ff-8b86-4d01-b42d-00cf4fc96403",
            file(&older).as_bytes(),
        )
        .json();
    assert_eq!(third["villages"]["kept_server_newer"], 1);
    // A retry sent to the other process is answered from the database.
    let retry = other.upload(&s.surveyor, KEY1, file(&older).as_bytes());
    assert_eq!(retry.json()["villages"]["new"], 1);
    assert_eq!(
        s.server.programme(&s.coordinator).villages[&id("maggeng")].notes,
        "第二次调研"
    );
}

#[test]
fn the_app_goes_out_compressed_as_the_phone_accepts_and_never_stale() {
    let wasm = table_text(20_000);
    let (_db, dist, server) = serving(|dist| {
        std::fs::write(dist.join(WASM), &wasm).unwrap();
        std::fs::write(dist.join("icon.png"), vec![7u8; 4096]).unwrap();
    });
    let path = format!("/{WASM}");
    let get = |accept: &str| accepting(&server, &path, accept);
    // Compressed on a thread of its own after the start: sent as it is until then.
    let br = until_compressed(&get, wasm.as_bytes());
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.header("vary"), Some("accept-encoding"));
    assert_eq!(br.header("content-type"), Some("application/wasm"));
    assert!(br.body.len() * 4 < wasm.len(), "{} bytes", br.body.len());
    assert_eq!(unbrotli(&br.body), wasm.as_bytes());

    let gz = get("gzip");
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&gz.body[..]),
        &mut unpacked,
    )
    .unwrap();
    assert_eq!(unpacked, wasm.as_bytes());

    for accept in ["identity", "br;q=0, gzip;q=0"] {
        let plain = get(accept);
        assert_eq!(plain.header("content-encoding"), None, "{accept}");
        assert_eq!(plain.body, wasm.as_bytes());
        assert_eq!(plain.header("vary"), Some("accept-encoding"));
    }
    let png = accepting(&server, "/icon.png", "br");
    assert_eq!(
        png.header("content-encoding"),
        None,
        "images are compressed already"
    );
    assert_eq!(png.body.len(), 4096);

    // A new build copied over the running server's: the new file as it is, never the old copy…
    let newer = format!("{wasm}新版\n");
    std::fs::write(dist.join(WASM), &newer).unwrap();
    let reply = get("br");
    assert_eq!(reply.header("content-encoding"), None);
    assert_eq!(reply.body, newer.as_bytes());
    // …compressed in turn for the next requests.
    let br = until_compressed(&get, newer.as_bytes());
    assert_eq!(unbrotli(&br.body), newer.as_bytes());
}

/// The name of the wasm in the tests of compression.
const WASM: &str = "qianshou-0123456789abcdef_bg.wasm";

/// A server started once `prepare` has put its files in the app's folder: (the database, which
/// must outlive the server, the folder, the server).
fn serving(prepare: impl FnOnce(&std::path::Path)) -> (Database, std::path::PathBuf, Server) {
    let db = Database::fresh();
    let dist = db.dist();
    prepare(&dist);
    let server = db.serve(&[], &[]);
    (db, dist, server)
}

/// GET `path` accepting `accept`.
fn accepting(server: &Server, path: &str, accept: &str) -> Reply {
    server.request("GET", path, &[("Accept-Encoding", accept)], b"")
}

/// The first answer to `get` that is compressed; those before must be `plain`.
fn until_compressed(get: &dyn Fn(&str) -> Reply, plain: &[u8]) -> Reply {
    for _ in 0..1200 {
        let reply = get("gzip, deflate, br");
        if reply.header("content-encoding").is_some() {
            return reply;
        }
        assert_eq!(reply.body, plain, "as it is meanwhile");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("never compressed");
}

/// A file like the wasm: large, compressible, no two lines alike.
fn table_text(lines: usize) -> String {
    (0..lines)
        .map(|i| format!("{i} 村庄 {}\n", i * 7919 % 10007))
        .collect()
}

fn unbrotli(body: &[u8]) -> Vec<u8> {
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut unpacked).unwrap();
    unpacked
}

#[test]
fn a_head_request_gets_the_headers_a_get_would() {
    let wasm = table_text(20_000);
    let (_db, dist, server) = serving(|dist| std::fs::write(dist.join(WASM), &wasm).unwrap());
    let path = format!("/{WASM}");
    until_compressed(&|a| accepting(&server, &path, a), wasm.as_bytes());
    let index = std::fs::read(dist.join("index.html")).unwrap();
    until_compressed(&|a| accepting(&server, "/villages/new", a), &index);
    for path in [path.as_str(), "/villages/new", "/sw.js", "/"] {
        for accept in ["br", "gzip", "identity", "gzip, deflate, br"] {
            let headers = [("Accept-Encoding", accept)];
            let full = server.request("GET", path, &headers, b"");
            let head = server.request("HEAD", path, &headers, b"");
            assert_eq!(head.status, full.status, "{path} {accept}");
            assert!(head.body.is_empty(), "{path} {accept}: a HEAD has no body");
            for h in ["content-length", "content-encoding", "content-type", "vary"] {
                assert_eq!(head.header(h), full.header(h), "{path} {accept}: {h}");
            }
            assert_eq!(
                full.header("content-length"),
                Some(full.body.len().to_string().as_str()),
                "{path} {accept}"
            );
        }
    }
}

#[test]
fn a_screens_path_gets_the_app_compressed_and_marked_to_vary() {
    let (_db, dist, server) = serving(|_| {});
    let index = std::fs::read(dist.join("index.html")).unwrap();
    assert!(index.len() >= 1024, "worth compressing");
    let br = until_compressed(&|a| accepting(&server, "/villages/new", a), &index);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.header("vary"), Some("accept-encoding"));
    assert_eq!(br.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(br.header("cache-control"), Some("no-cache"));
    assert_eq!(unbrotli(&br.body), index);
    // Refused paths stay refused, whatever is accepted.
    for path in [
        "/../Cargo.toml",
        "/.hidden.js",
        "/a/../index.html",
        "/a/./b.js",
    ] {
        assert_eq!(accepting(&server, path, "br").status, 404, "{path}");
    }
}

#[test]
fn encodings_accepted_in_any_case_and_over_several_headers() {
    let wasm = table_text(20_000);
    let (_db, _, server) = serving(|dist| std::fs::write(dist.join(WASM), &wasm).unwrap());
    let path = format!("/{WASM}");
    let with = |headers: &[(&str, &str)]| server.request("GET", &path, headers, b"");
    until_compressed(&|a| with(&[("Accept-Encoding", a)]), wasm.as_bytes());
    let encoding = |headers: &[(&str, &str)]| {
        let reply = with(headers);
        let encoding = reply.header("content-encoding").map(str::to_owned);
        match encoding.as_deref() {
            Some("br") => assert_eq!(unbrotli(&reply.body), wasm.as_bytes()),
            Some("gzip") => {}
            _ => assert_eq!(reply.body, wasm.as_bytes()),
        }
        encoding
    };
    let ae = "Accept-Encoding";
    assert_eq!(encoding(&[(ae, "BR")]).as_deref(), Some("br"));
    assert_eq!(
        encoding(&[(ae, " gzip ;  q=0.8 ")]).as_deref(),
        Some("gzip")
    );
    assert_eq!(encoding(&[(ae, "gzip"), (ae, "br")]).as_deref(), Some("br"));
    assert_eq!(encoding(&[(ae, "br;q=0.0, gzip")]).as_deref(), Some("gzip"));
    assert_eq!(encoding(&[(ae, "br;q=0.000, gzip;q=0")]), None);
    assert_eq!(encoding(&[(ae, "identity;q=0")]), None, "nothing better");
    assert_eq!(encoding(&[]), None);
}

#[test]
fn a_symlinked_folder_loop_in_the_app_does_not_stop_the_start() {
    let wasm = table_text(20_000);
    let (_db, _, server) = serving(|dist| {
        std::os::unix::fs::symlink(dist, dist.join("loop")).unwrap();
        std::fs::create_dir_all(dist.join("sub")).unwrap();
        std::os::unix::fs::symlink("..", dist.join("sub/up")).unwrap();
        std::fs::write(dist.join(WASM), &wasm).unwrap();
    });
    let br = until_compressed(
        &|a| accepting(&server, &format!("/{WASM}"), a),
        wasm.as_bytes(),
    );
    assert_eq!(unbrotli(&br.body), wasm.as_bytes());
    assert_eq!(server.get("/", None).status, 200);
}

#[test]
fn a_file_rewritten_with_the_same_length_and_time_is_never_sent_stale() {
    let old = table_text(20_000);
    let name = "data.json";
    let (_db, dist, server) = serving(|dist| std::fs::write(dist.join(name), &old).unwrap());
    let get = |accept: &str| accepting(&server, "/data.json", accept);
    until_compressed(&get, old.as_bytes());
    // The same length, another content, and the time the old one had (as on a file system
    // with coarse times, or a copy that keeps times such as `cp -p` or `rsync -t`).
    let at = std::fs::metadata(dist.join(name))
        .unwrap()
        .modified()
        .unwrap();
    let new = old.replacen('村', "乡", 1);
    assert_eq!(new.len(), old.len());
    let file = std::fs::File::options()
        .write(true)
        .truncate(true)
        .open(dist.join(name))
        .unwrap();
    std::io::Write::write_all(&mut &file, new.as_bytes()).unwrap();
    file.set_modified(at).unwrap();
    drop(file);
    let reply = get("br");
    let body = match reply.header("content-encoding") {
        Some("br") => unbrotli(&reply.body),
        _ => reply.body,
    };
    assert!(body == new.as_bytes(), "the old file's copy was sent");
}
