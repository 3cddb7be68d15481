//! The matcher measured on the evaluation set (issue 12): accuracy@1, accuracy@3 and mean
//! reciprocal rank, overall and for each kind of difficulty, then every need whose expected
//! capability did not come first (need → what came first → what was expected, each with its
//! score and reasons).
//!
//!   cargo run --release -p qianshou-core --example eval_matcher \
//!       [-- [--all] [PROGRAMME.json EXPECTATIONS.json]]
//!
//! With `--all`, every need is listed, hits too. With no files it reads core/eval/programme.json
//! and core/eval/expectations.json (rebuilt by `python3 scripts/gen_eval.py`). The programme is
//! read with the app's own import, so it is checked against FORMAT.md first. With
//! `QIANSHOU_LEXICON=DIR` set, the lexicon is read from DIR/lexicon.txt and DIR/pinyin.txt at run
//! time instead of the one compiled in (to try an edit of scripts/lexicon/domain.txt without
//! building again: `QIANSHOU_LEXICON=core/data` after running scripts/gen_lexicon.py). A developer's tool:
//! its output is not translated.

use qianshou_core::exchange::import;
use qianshou_core::matching::evaluation::{evaluate, read_expectations, Difficulty, Figures};
use qianshou_core::matching::score::Matcher;
use qianshou_core::model::records::{Capability, Organization};
use qianshou_core::storage::repo::Records;
use std::collections::HashMap;
use std::process::ExitCode;

fn row(name: &str, f: &Figures) {
    println!(
        "| {name} | {} | {:.3} | {:.3} | {:.3} |",
        f.needs,
        f.accuracy_at_1(),
        f.accuracy_at_3(),
        f.mean_reciprocal_rank()
    );
}

fn main() -> ExitCode {
    if let Ok(dir) = std::env::var("QIANSHOU_LEXICON") {
        let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect("lexicon file");
        let lex = qianshou_core::matching::lexicon::Lexicon::parse(
            &read("lexicon.txt"),
            &read("pinyin.txt"),
        );
        qianshou_core::matching::lexicon::Lexicon::install(lex);
    }
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let all = args.iter().any(|a| a == "--all");
    args.retain(|a| a != "--all");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/eval");
    let (programme, expectations) = match args.as_slice() {
        [p, e] => (p.clone(), e.clone()),
        [] => (
            format!("{dir}/programme.json"),
            format!("{dir}/expectations.json"),
        ),
        _ => {
            eprintln!("usage: eval_matcher [--all] [PROGRAMME.json EXPECTATIONS.json]");
            return ExitCode::FAILURE;
        }
    };
    let bytes = match std::fs::read(&programme) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{programme}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let records = match import::read(&bytes, &Records::default()) {
        Ok(incoming) => incoming.records,
        Err(e) => {
            eprintln!("{programme}: not a valid file: {e:?}");
            return ExitCode::FAILURE;
        }
    };
    let expected = match std::fs::read_to_string(&expectations)
        .map_err(|e| e.to_string())
        .and_then(|t| read_expectations(&t).map_err(|e| format!("{e:?}")))
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{expectations}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = match evaluate(&records, &expected) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("the set and its records disagree: {e:?}");
            return ExitCode::FAILURE;
        }
    };

    let orgs = records.organizations.len();
    let caps: HashMap<&str, (&Organization, &Capability)> = records
        .organizations
        .values()
        .flat_map(|o| o.capabilities.iter().map(move |c| (c.id.as_str(), (o, c))))
        .collect();
    println!(
        "{} needs of {} villages; {} capabilities of {orgs} organisations\n",
        report.overall.needs,
        records.villages.len(),
        caps.len()
    );
    println!("| kind | needs | acc@1 | acc@3 | MRR |");
    println!("|---|---:|---:|---:|---:|");
    row("overall", &report.overall);
    for kind in Difficulty::ALL {
        row(kind.code(), &report.kind(kind));
    }

    let matcher = Matcher::new(&records);
    let name = |id: &str| {
        caps.get(id).map_or(format!("? {id}"), |(o, c)| {
            format!("{}「{}」({})", o.name, c.description, c.category.code())
        })
    };
    let misses: Vec<_> = if all {
        println!("\nEvery need ({} missed at 1):", report.misses().count());
        report.outcomes.iter().collect()
    } else {
        let misses: Vec<_> = report.misses().collect();
        println!("\nMisses at 1 ({}):", misses.len());
        misses
    };
    for o in misses {
        let e = &o.expectation;
        let need = records
            .villages
            .get(&o.village_id)
            .and_then(|v| v.needs.iter().find(|n| n.id == e.need_id));
        let (text, category) = need.map_or(("?".into(), "?"), |n| {
            (n.description.clone(), n.category.code())
        });
        let kinds: Vec<&str> = e.kinds.iter().map(|k| k.code()).collect();
        let rank = o
            .rank
            .map_or("not in the top 5".into(), |r| format!("rank {r}"));
        println!(
            "\n- {} [{}] ({category}) 「{text}」 — {rank}",
            e.key,
            kinds.join(", ")
        );
        match o.suggestions.first() {
            Some(s) => {
                let reasons: Vec<String> = s.reasons.iter().map(|r| r.code()).collect();
                println!(
                    "    first:    {} {:.3} [{}]",
                    name(&s.capability_id),
                    s.score,
                    reasons.join(", ")
                );
            }
            None => println!("    first:    nothing suggested"),
        }
        for id in &e.expected {
            // What it scored and why, to see what beat it.
            let scored = caps.get(id.as_str()).and_then(|(org, cap)| {
                let v = records.villages.get(&o.village_id)?;
                matcher.score(v, need?, org, cap)
            });
            match scored {
                Some(s) => {
                    let reasons: Vec<String> = s.reasons.iter().map(|r| r.code()).collect();
                    println!(
                        "    expected: {} {:.3} [{}]",
                        name(id),
                        s.score,
                        reasons.join(", ")
                    );
                }
                None => println!("    expected: {} (no match)", name(id)),
            }
        }
    }
    ExitCode::SUCCESS
}
