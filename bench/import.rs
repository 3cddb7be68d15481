//! Times export and the import check natively (not a test):
//!   cargo run --release -p qianshou-core --features sample --example bench_import -- [VILLAGES]
use qianshou_core::exchange::import;
use qianshou_core::exchange::interchange::{self, Header, Scope};
use qianshou_core::sample::programme;
use qianshou_core::storage::repo::Records;
use std::time::Instant;

fn main() {
    let villages = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let records = programme(villages, villages / 2);
    let header = Header {
        exported_at: chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap(),
        device_id: "6f9619ff-8b86-4d01-b42d-00cf4fc964ff".into(),
        surveyor: String::new(),
    };
    let t = Instant::now();
    let selection = interchange::select(&records, &Scope::All);
    let json = interchange::to_json(&selection, &header);
    println!(
        "export {villages} villages: {:?}, {} bytes",
        t.elapsed(),
        json.len()
    );
    let t = Instant::now();
    let incoming = import::read(json.as_bytes(), &Records::default()).unwrap();
    println!("read and check: {:?}", t.elapsed());
    let t = Instant::now();
    let p = import::preview(&Records::default(), &incoming.records);
    println!("preview: {:?} ({} changes)", t.elapsed(), p.changes());
    let t = Instant::now();
    let tables = qianshou_core::reports::sheets::tables(&records);
    let csv: usize = tables
        .iter()
        .map(|t| qianshou_core::reports::sheets::to_csv(t).len())
        .sum();
    let xlsx = qianshou_core::reports::sheets::to_xlsx(&tables).len();
    println!(
        "spreadsheets: {:?}; five CSVs {csv} bytes, workbook {xlsx} bytes",
        t.elapsed()
    );
}
