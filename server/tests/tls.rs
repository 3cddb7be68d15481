//! HTTPS from certificate files: the server speaks TLS itself (rustls) and then asks browsers to
//! stay on HTTPS. Uses openssl to make a certificate and curl as the client
//! (scripts/test-server.sh installs both when missing).

mod common;

use common::*;
use std::process::Command;

#[test]
fn with_a_certificate_the_server_speaks_https_and_says_so() {
    let db = Database::fresh();
    let (cert, key) = (db.dir.0.join("cert.pem"), db.dir.0.join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(made.status.success(), "{made:?}");
    let (c, k) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let server = db.serve(&["--tls-cert", c, "--tls-key", k], &[]);
    let out = Command::new("curl")
        .args(["-s", "-D", "-", "--cacert", c, "--resolve"])
        .arg(format!(
            "localhost:{}:127.0.0.1",
            server.addr.rsplit(':').next().unwrap()
        ))
        .arg(format!(
            "https://localhost:{}/api/v1/health",
            server.addr.rsplit(':').next().unwrap()
        ))
        .output()
        .expect("curl");
    let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
    // HTTP/2 where the client offers it (ALPN), else HTTP/1.1.
    assert!(
        text.starts_with("http/2 200") || text.starts_with("http/1.1 200"),
        "{text}\n{out:?}"
    );
    assert!(
        text.contains("strict-transport-security: max-age=31536000"),
        "{text}"
    );
    assert!(text.contains("\"ok\":true"), "{text}");
    // Plain HTTP on the TLS port gets no answer.
    let plain = Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}"])
        .arg(format!("http://{}/api/v1/health", server.addr))
        .output()
        .unwrap();
    assert_ne!(String::from_utf8_lossy(&plain.stdout), "200");
}
