//! Reads a file of the interchange format (FORMAT.md) and writes it back with the matcher's
//! suggestions for every open need, through the same code as the Data screen's export with
//! suggestions: for coordinators and servers, outside a browser.
//!
//!   cargo run --release -p qianshou-core --example suggest -- IN.json OUT.json
//!
//! The file is checked as the app's import checks it; a file that fails is refused with the same
//! problems and nothing is written. The header (device, surveyor, time of export) is kept. A
//! developer's and coordinator's tool: its messages are not translated.

use qianshou_core::exchange::import;
use qianshou_core::exchange::interchange::{select, to_json, Scope};
use qianshou_core::matching::score::Matcher;
use qianshou_core::storage::repo::Records;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: suggest IN.json OUT.json");
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let incoming = match import::read(&bytes, &Records::default()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{input}: not a valid file: {e:?}");
            return ExitCode::FAILURE;
        }
    };
    let mut selection = select(&incoming.records, &Scope::All);
    selection.add_suggestions(&Matcher::new(&incoming.records));
    if let Err(e) = std::fs::write(output, to_json(&selection, &incoming.header)) {
        eprintln!("{output}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "{} villages, {} organisations, {} suggestions → {output}",
        selection.villages.len(),
        selection.organizations.len(),
        selection.suggestions.len()
    );
    ExitCode::SUCCESS
}
