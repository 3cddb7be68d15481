//! Faults and load, with a real server process on loopback: killed (SIGKILL) in the middle of a
//! large upload it keeps all of it or none, and the phone's retry completes it exactly once;
//! fifty surveyors uploading at once leave every record there once.

mod common;

use common::*;
use std::io::Write;
use std::net::TcpStream;

const KEY: &str = "6f9619ff-8b86-4d01-b42d-00cf4fc96411";

fn wait_for_log(server: &Server, text: &str) {
    // Bounded: the upload reaches the hook in well under this many polls.
    for _ in 0..6000 {
        if server.log_text().contains(text) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the server never logged {text:?}:\n{}", server.log_text());
}

fn big_file() -> String {
    file(&villages(0, 2000, 5, "2026-11-01T09:00:00+08:00"))
}

#[test]
fn killed_while_writing_an_upload_the_server_keeps_none_of_it_and_the_retry_applies_it_once() {
    let db = Database::fresh();
    let token = db.token("张三", "surveyor");
    let coordinator = db.token("李四", "coordinator");
    let body = big_file();
    let mut server = db.serve(&[], &[("QIANSHOU_TEST_PAUSE_BEFORE_COMMIT_MS", "600000")]);
    let addr = server.addr.clone();
    let (t, b) = (token.clone(), body.clone());
    let phone = std::thread::spawn(move || {
        let mut s = TcpStream::connect(&addr).unwrap();
        let head = format!(
            "POST /api/v1/uploads HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {t}\r\n\
             Idempotency-Key: {KEY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            b.len()
        );
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(b.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = std::io::Read::read_to_end(&mut s, &mut out);
        out
    });
    // Every record is written inside the transaction; the commit has not happened.
    wait_for_log(&server, "pausing before commit");
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    assert!(phone.join().unwrap().is_empty(), "the phone got no answer");

    let server = db.serve(&[], &[]);
    assert!(
        server.programme(&coordinator).villages.is_empty(),
        "none of it"
    );
    let retry = server.upload(&token, KEY, body.as_bytes());
    assert_eq!(retry.status, 200);
    assert_eq!(retry.json()["villages"]["new"], 2000);
    assert_eq!(server.programme(&coordinator).villages.len(), 2000);
    // And once only: another retry is answered as the first.
    assert_eq!(server.upload(&token, KEY, body.as_bytes()).body, retry.body);
}

#[test]
fn killed_just_after_answering_the_server_keeps_all_of_it_and_the_retry_is_not_applied_again() {
    let db = Database::fresh();
    let token = db.token("张三", "surveyor");
    let coordinator = db.token("李四", "coordinator");
    let body = big_file();
    let mut server = db.serve(&[], &[]);
    let first = server.upload(&token, KEY, body.as_bytes());
    assert_eq!(first.status, 200);
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let server = db.serve(&[], &[]);
    assert_eq!(
        server.programme(&coordinator).villages.len(),
        2000,
        "all of it"
    );
    // The phone never heard the answer and retries: the first answer, "new: 2000", not a
    // second application that would say "unchanged: 2000".
    let retry = server.upload(&token, KEY, body.as_bytes());
    assert_eq!(retry.body, first.body);
}

#[test]
fn killed_while_the_file_is_still_arriving_nothing_is_kept() {
    let db = Database::fresh();
    let token = db.token("张三", "surveyor");
    let coordinator = db.token("李四", "coordinator");
    let body = big_file();
    let mut server = db.serve(&[], &[]);
    let mut s = TcpStream::connect(&server.addr).unwrap();
    let head = format!(
        "POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Idempotency-Key: {KEY}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&body.as_bytes()[..body.len() / 2]).unwrap();
    s.flush().unwrap();
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    drop(s);
    let server = db.serve(&[], &[]);
    assert!(server.programme(&coordinator).villages.is_empty());
    assert_eq!(
        server.upload(&token, KEY, body.as_bytes()).json()["villages"]["new"],
        2000
    );
}

#[test]
fn fifty_surveyors_uploading_at_once_leave_every_record_there_once() {
    const SURVEYORS: u64 = 50;
    const UPLOADS: u64 = 20;
    const PER_UPLOAD: u64 = 2;
    let db = Database::fresh();
    let coordinator = db.token("协调人", "coordinator");
    let tokens: Vec<String> = (0..SURVEYORS)
        .map(|n| db.token(&format!("调研员{n}"), "surveyor"))
        .collect();
    let server = db.serve(&[], &[]);
    let addr = server.addr.clone();
    let threads: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let n = n as u64;
                for u in 0..UPLOADS {
                    let start = (n * UPLOADS + u) * PER_UPLOAD;
                    // Each upload also carries the surveyor's first village again, as an
                    // outbox does when a record changes after it was sent.
                    let mut records = villages(start, PER_UPLOAD, 1, "2026-11-01T09:00:00+08:00");
                    let first = n * UPLOADS * PER_UPLOAD;
                    if u > 0 {
                        records.villages.append(
                            &mut villages(first, 1, 1, "2026-11-01T09:00:00+08:00").villages,
                        );
                    }
                    let key = nid(0x100 + n as u16, u);
                    let auth = format!("Bearer {token}");
                    let headers = [
                        ("Authorization", auth.as_str()),
                        ("Idempotency-Key", key.as_str()),
                    ];
                    let reply = request(
                        &addr,
                        "POST",
                        "/api/v1/uploads",
                        &headers,
                        file(&records).as_bytes(),
                    );
                    assert_eq!(
                        reply.status,
                        200,
                        "{}",
                        String::from_utf8_lossy(&reply.body)
                    );
                    // A lost answer, retried: the same answer.
                    if u == UPLOADS - 1 {
                        let again = request(
                            &addr,
                            "POST",
                            "/api/v1/uploads",
                            &headers,
                            file(&records).as_bytes(),
                        );
                        assert_eq!(again.body, reply.body);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let reply = server.get("/api/v1/programme", Some(&coordinator));
    let text = reply.json();
    let listed = text["villages"].as_array().unwrap();
    let ids: std::collections::BTreeSet<&str> =
        listed.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(listed.len() as u64, SURVEYORS * UPLOADS * PER_UPLOAD);
    assert_eq!(ids.len(), listed.len(), "each record once");
    let expected: std::collections::BTreeSet<String> = (0..SURVEYORS * UPLOADS * PER_UPLOAD)
        .map(|i| nid(1, i))
        .collect();
    assert!(expected.iter().all(|id| ids.contains(id.as_str())));
}

#[test]
fn a_coordinator_pulling_during_an_upload_misses_nothing_on_the_next_pull() {
    let db = Database::fresh();
    let token = db.token("张三", "surveyor");
    let coordinator = db.token("李四", "coordinator");
    // The upload chooses its time and writes, then waits a little before committing.
    let server = db.serve(&[], &[("QIANSHOU_TEST_PAUSE_BEFORE_COMMIT_MS", "1500")]);
    let records = villages(0, 3, 1, "2026-11-01T09:00:00+08:00");
    let (addr, t, body) = (server.addr.clone(), token.clone(), file(&records));
    let phone = std::thread::spawn(move || {
        let auth = format!("Bearer {t}");
        let headers = [("Authorization", auth.as_str()), ("Idempotency-Key", KEY)];
        request(&addr, "POST", "/api/v1/uploads", &headers, body.as_bytes()).status
    });
    wait_for_log(&server, "pausing before commit");
    let first = server.get("/api/v1/programme", Some(&coordinator)).json();
    assert_eq!(phone.join().unwrap(), 200);
    let since = first["exported_at"].as_str().unwrap().replace('+', "%2B");
    let next = server
        .get(
            &format!("/api/v1/programme?since={since}"),
            Some(&coordinator),
        )
        .json();
    let mut seen: Vec<&str> = [&first, &next]
        .iter()
        .flat_map(|f| f["villages"].as_array().unwrap())
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        records
            .villages
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
}
