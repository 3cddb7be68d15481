//! The built app's files sent compressed. A first install in a village downloads the whole app
//! over whatever signal there is: about 3 MB raw (the wasm alone 2 MB, the list of places 0.7 MB),
//! about 1 MB in brotli. Each file of `dist` worth compressing is compressed once, on a thread of
//! its own when the server starts, smallest first (the wasm, the largest, takes some seconds);
//! until its turn, a file goes out as it is. A file that changed on disk since, or is new (a new
//! build copied in), also goes out as it is, and is compressed then for the next request: a copy
//! is only used for exactly the bytes it was made from (the request has read the file anyway, and
//! comparing a few megabytes costs less than a millisecond; a file's length and modification time
//! can stay the same when it is rewritten within one tick of a coarse clock).

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// Smaller files gain less than the header costs.
const MIN_BYTES: u64 = 1024;
/// Brotli's strongest quality (11) takes seconds for a few hundred kilobytes; above this size
/// quality 9 is used, about a tenth of the time for a tenth more bytes (the 2 MB wasm: 698 KB
/// against 620 KB; the 742 KB list of places: 244 KB against 223 KB), so that a server (or a
/// test) that starts spends seconds of a core on it, not a minute.
const STRONGEST_UP_TO: usize = 256 << 10;

/// The encodings sent, best first, in the order of [`Copy::bodies`].
const ENCODINGS: [&str; 2] = ["br", "gzip"];

/// Whether a file of this name is worth compressing (images and icons are compressed already).
pub fn compressible(name: &str) -> bool {
    matches!(
        name.rsplit('.').next().unwrap_or(""),
        "html" | "js" | "mjs" | "css" | "wasm" | "json" | "webmanifest" | "svg" | "txt"
    )
}

/// One file's compressed copies and what it was made from.
struct Copy {
    /// The file's bytes it was made from.
    raw: Bytes,
    /// Brotli, then gzip.
    bodies: [Bytes; 2],
}

/// The compressed copies of `dist`'s files, by path relative to `dist` (`/` separated).
#[derive(Clone, Default)]
pub struct Compressed {
    copies: Arc<RwLock<HashMap<String, Copy>>>,
    /// Files waiting for their turn or being compressed.
    pending: Arc<Mutex<HashSet<String>>>,
}

impl Compressed {
    /// Starts compressing `dist`'s files on a thread of its own and returns at once.
    pub fn start(dist: &Path) -> Compressed {
        let me = Compressed::default();
        let mut files = Vec::new();
        walk(dist, dist, &mut files);
        files.sort_by_key(|(_, _, len)| *len);
        me.compress_later(files);
        me
    }

    /// Compresses a file that was not there, or has changed, since the start (a new build
    /// copied in): the next request for it gets the copy.
    pub fn refresh(&self, name: &str, path: &Path, raw: &[u8]) {
        let fresh = {
            let copies = self.copies.read().unwrap_or_else(|e| e.into_inner());
            copies.get(name).is_some_and(|c| c.raw == raw)
        };
        let len = raw.len() as u64;
        if !fresh && len >= MIN_BYTES && compressible(name) {
            self.compress_later(vec![(name.to_owned(), path.to_owned(), len)]);
        }
    }

    fn compress_later(&self, files: Vec<(String, PathBuf, u64)>) {
        let files: Vec<_> = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            files
                .into_iter()
                .filter(|(name, _, _)| pending.insert(name.clone()))
                .collect()
        };
        if files.is_empty() {
            return;
        }
        let me = self.clone();
        let spawned = std::thread::Builder::new()
            .name("compress".into())
            .spawn(move || {
                for (name, path, _) in files {
                    if let Some(copy) = compress(&path) {
                        let mut copies = me.copies.write().unwrap_or_else(|e| e.into_inner());
                        copies.insert(name.clone(), copy);
                    }
                    let mut pending = me.pending.lock().unwrap_or_else(|e| e.into_inner());
                    pending.remove(&name);
                }
            });
        if let Err(e) = spawned {
            eprintln!("Files will be sent uncompressed: {e}");
        }
    }

    /// The best encoding of `name` that the request accepts and that is ready for the file as
    /// it is now on disk (`raw`): (Content-Encoding, body).
    pub fn get(&self, name: &str, raw: &[u8], request: &HeaderMap) -> Option<(HeaderValue, Bytes)> {
        let copies = self.copies.read().unwrap_or_else(|e| e.into_inner());
        let copy = copies.get(name)?;
        if copy.raw != raw {
            return None;
        }
        let accepted = accepted(request);
        ENCODINGS
            .iter()
            .zip(&copy.bodies)
            .find(|(encoding, _)| accepted.iter().any(|a| a == *encoding))
            .map(|(encoding, body)| (HeaderValue::from_static(encoding), body.clone()))
    }
}

/// The files under `dir` worth compressing: (name relative to `dist`, path, length).
fn walk(dist: &Path, dir: &Path, out: &mut Vec<(String, PathBuf, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_dir() {
            walk(dist, &path, out);
            continue;
        }
        let Ok(relative) = path.strip_prefix(dist) else {
            continue;
        };
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if meta.len() >= MIN_BYTES && compressible(&name) {
            out.push((name, path, meta.len()));
        }
    }
}

fn compress(path: &Path) -> Option<Copy> {
    let raw = std::fs::read(path).ok()?;
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: if raw.len() <= STRONGEST_UP_TO { 11 } else { 9 },
        lgwin: 24,
        size_hint: raw.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &raw[..], &mut br, &params).ok()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, &raw).ok()?;
    let gz = gz.finish().ok()?;
    Some(Copy {
        raw: Bytes::from(raw),
        bodies: [Bytes::from(br), Bytes::from(gz)],
    })
}

/// The encodings a request accepts (Accept-Encoding), leaving out those it refuses with `q=0`.
fn accepted(request: &HeaderMap) -> Vec<String> {
    let mut out = Vec::new();
    for value in request.get_all(axum::http::header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else {
            continue;
        };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            // A parameter's name is case-insensitive (RFC 9110): `Q=0` refuses too.
            let refused = parts.any(|p| {
                p.split_once('=').is_some_and(|(name, q)| {
                    name.trim().eq_ignore_ascii_case("q")
                        && q.trim().parse::<f32>().ok() == Some(0.0)
                })
            });
            if !name.is_empty() && !refused {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        h
    }

    #[test]
    fn accept_encoding_is_read_with_its_refusals() {
        assert_eq!(
            accepted(&request("gzip, deflate, br, zstd")),
            ["gzip", "deflate", "br", "zstd"]
        );
        assert_eq!(accepted(&request("br;q=0, GZIP;q=0.5")), ["gzip"]);
        assert_eq!(accepted(&request("identity")), ["identity"]);
        assert!(accepted(&HeaderMap::new()).is_empty());
    }

    #[test]
    fn a_refusal_is_read_whatever_its_case_and_spacing() {
        // RFC 9110: parameter names are case-insensitive; `Q=0` refuses as `q=0` does.
        assert_eq!(accepted(&request("br;Q=0, gzip")), ["gzip"]);
        assert_eq!(accepted(&request(" br ; q=0.000 ,gzip;q=1")), ["gzip"]);
        assert_eq!(accepted(&request("br;level=1;q=0")), Vec::<String>::new());
    }

    #[test]
    fn brotli_first_then_gzip_and_only_for_the_file_as_it_was() {
        let c = Compressed::default();
        c.copies.write().unwrap().insert(
            "a.wasm".into(),
            Copy {
                raw: Bytes::from_static(b"0123456789"),
                bodies: [Bytes::from_static(b"B"), Bytes::from_static(b"G")],
            },
        );
        let got = |accept: &str, raw: &[u8]| c.get("a.wasm", raw, &request(accept));
        assert_eq!(got("gzip, br", b"0123456789").unwrap().0, "br");
        assert_eq!(got("gzip, br;q=0", b"0123456789").unwrap().0, "gzip");
        assert!(got("identity", b"0123456789").is_none());
        assert!(got("br", b"0123456780").is_none(), "the file changed since");
        assert!(c.get("b.wasm", b"0123456789", &request("br")).is_none());
    }

    #[test]
    fn only_text_and_wasm_are_compressed() {
        assert!(compressible("qianshou-0123456789abcdef_bg.wasm"));
        assert!(compressible("places-0123456789abcdef.txt"));
        assert!(compressible("index.html"));
        assert!(!compressible("icons/icon-192.png"));
    }
}
