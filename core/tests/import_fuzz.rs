//! A fuzz target over the import, run for a bounded time in the normal test command: every file
//! of `tests/corpus/` (one or more for each fault of issue 11) and, with a fixed seed, a few
//! hundred hostile changes to them, each tried on an empty device, on a device that already has
//! the programme (in other copies), and on one whose storage is half full.
//!
//! The laws: the import never panics; a refused import (a file refused, or storage full)
//! changes nothing; whatever is accepted exports valid against the shipped schema, the export
//! re-imports as the same records, and undo gives back exactly what was stored.
//!
//! The corpus is written by `write_corpus` below:
//! `cargo test -p qianshou-core --test import_fuzz -- --ignored write_corpus`.

mod common;

use common::{at, header, herbs_programme, id, schema, snapshot};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use qianshou_core::exchange::import;
use qianshou_core::exchange::interchange::{self, Scope};
use qianshou_core::storage::repo::{self, Records};
use qianshou_core::storage::MemoryStore;
use serde_json::{json, Value};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::OnceLock;

thread_local! {
    /// How many files an empty device accepted, so that a run shows it reached the export laws.
    static ACCEPTED: Cell<usize> = const { Cell::new(0) };
}

/// 马埂村 with two needs, 镇江市中药材协会 with one capability, a signed pairing covering n1.
fn programme() -> Records {
    let mut d = herbs_programme();
    d.village("zhuang", "丹徒区", "", None, &[]);
    d.records
}

fn file_of(records: &Records) -> String {
    interchange::to_json(&interchange::select(records, &Scope::All), &header())
}

fn base() -> Value {
    serde_json::from_str(&file_of(&programme())).unwrap()
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"))
}

/// The corpus: a name saying which fault of issue 11 it holds, and the file.
fn corpus_files() -> Vec<(String, Value)> {
    let with = |change: &dyn Fn(&mut Value)| {
        let mut v = base();
        change(&mut v);
        v
    };
    let mut later = programme();
    for v in later.villages.values_mut() {
        v.population = Some(2100);
        v.updated_at = at("2026-11-22T11:00:00+08:00");
    }
    for o in later.organizations.values_mut() {
        o.members = Some(120);
        o.updated_at = at("2026-11-22T11:00:00+08:00");
    }
    let many_needs = with(&|v| {
        let needs: Vec<Value> = (0..1001)
            .map(|i| {
                json!({"id": format!("{i:08x}-0000-4000-8000-00000000000a"), "category": "sales",
                       "description": format!("需求{i}"), "priority": "medium", "quantity": null,
                       "unit": "", "status": "open"})
            })
            .collect();
        let ids: Vec<Value> = needs.iter().map(|n| n["id"].clone()).collect();
        v["villages"][0]["needs"] = needs.into();
        v["pairings"][0]["need_ids"] = ids.into();
    });
    vec![
        ("00-programme".into(), base()),
        (
            "01-updated-at-in-year-9999".into(),
            with(&|v| v["villages"][0]["updated_at"] = "9999-12-31T23:59:59.999+08:00".into()),
        ),
        (
            "01-surveyed-in-1999".into(),
            with(&|v| v["villages"][0]["surveyed_on"] = "1999-12-31".into()),
        ),
        (
            "04-updates-every-record".into(),
            serde_json::from_str(&file_of(&later)).unwrap(),
        ),
        (
            "06-new-village-reuses-need-ids".into(),
            with(&|v| {
                let mut copy = v["villages"][0].clone();
                copy["id"] = id("copy").into();
                copy["name"] = "东岗村".into();
                v["villages"] = json!([copy]);
                v["pairings"] = json!([]);
            }),
        ),
        (
            "06-id-in-upper-case".into(),
            with(&|v| {
                v["villages"][1]["id"] = id("maggeng").to_uppercase().into();
            }),
        ),
        (
            "06-nil-id".into(),
            with(&|v| {
                v["villages"][0]["needs"][1]["id"] = "00000000-0000-0000-0000-000000000000".into()
            }),
        ),
        (
            "06-one-id-in-two-tables".into(),
            with(&|v| v["organizations"][0]["id"] = id("zhuang").into()),
        ),
        (
            "07-pairing-covers-a-need-of-another-copy".into(),
            with(&|v| v["pairings"][0]["need_ids"] = json!([id("n1"), id("n2")])),
        ),
        ("08-pairing-names-1001-needs".into(), many_needs),
        (
            "09-surveyed-in-year-12345".into(),
            with(&|v| v["villages"][0]["surveyed_on"] = "+12345-01-01".into()),
        ),
        (
            "09-created-in-year-0".into(),
            with(&|v| v["villages"][0]["created_at"] = "0000-01-01T00:00:00+08:00".into()),
        ),
        (
            "09-second-60-at-noon".into(),
            with(&|v| v["pairings"][0]["updated_at"] = "2026-11-22T12:30:60+08:00".into()),
        ),
        (
            "09-leap-second-of-a-utc-day".into(),
            with(&|v| v["pairings"][0]["updated_at"] = "2016-12-31T07:59:60+08:00".into()),
        ),
        (
            "09-loose-dates".into(),
            with(&|v| {
                v["villages"][0]["surveyed_on"] = "2024-2-3".into();
                v["pairings"][0]["signed_on"] = " 2024-11-21 ".into();
            }),
        ),
        (
            "09-deleted-pairing-names-no-uuid".into(),
            with(&|v| {
                v["pairings"][0]["deleted"] = true.into();
                v["pairings"][0]["need_ids"] = json!(["n1"]);
            }),
        ),
        (
            "10-invisible-names".into(),
            with(&|v| {
                v["villages"][0]["name"] = "\u{200B}\u{180E}".into();
                v["villages"][1]["name"] = "\u{3164}\u{2800}\u{FEFF}".into();
                v["villages"][0]["needs"][0]["description"] = "\u{2060}".into();
            }),
        ),
        (
            "11-unreadable-village".into(),
            with(&|v| v["villages"][0]["name"] = 5.into()),
        ),
        (
            "11-deleted-pairing-names-unknown-records".into(),
            with(&|v| {
                v["pairings"][0]["deleted"] = true.into();
                v["pairings"][0]["village_id"] = id("gone").into();
                v["pairings"][0]["organization_id"] = id("goneorg").into();
                v["villages"] = json!([]);
                v["organizations"] = json!([]);
            }),
        ),
    ]
}

/// Writes the corpus (run by hand when the list above changes).
#[test]
#[ignore]
fn write_corpus() {
    std::fs::create_dir_all(corpus_dir()).unwrap();
    for (name, file) in corpus_files() {
        let text = serde_json::to_string_pretty(&file).unwrap();
        std::fs::write(corpus_dir().join(format!("{name}.json")), text + "\n").unwrap();
    }
}

/// The corpus as kept in the repository.
fn corpus() -> &'static Vec<(String, String)> {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files: Vec<(String, String)> = std::fs::read_dir(corpus_dir())
            .expect("tests/corpus")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        files
    })
}

/// The devices each file is tried on: empty; holding the programme in other copies (need n1
/// removed from 马埂村 later, so that the file's pairing meets another copy); and holding the
/// programme with its storage about half full.
fn devices() -> Vec<(&'static str, MemoryStore, Records)> {
    let mut here = programme();
    here.pairings.clear();
    let v = here.villages.get_mut(&id("maggeng")).unwrap();
    v.needs.remove(0);
    v.updated_at = at("2026-11-25T09:00:00+08:00");
    let full = programme();
    let size = {
        let store = MemoryStore::new();
        save(&store, &full);
        store.used_units()
    };
    let mut out = vec![
        ("empty", MemoryStore::new(), Records::default()),
        ("here", MemoryStore::new(), here),
        ("half full", MemoryStore::with_quota(size * 2), full),
    ];
    for (_, store, records) in &mut out {
        save(store, records);
    }
    out
}

fn save(store: &MemoryStore, records: &Records) {
    for v in records.villages.values() {
        repo::save(store, v).unwrap();
    }
    for o in records.organizations.values() {
        repo::save(store, o).unwrap();
    }
    for p in records.pairings.values() {
        repo::save(store, p).unwrap();
    }
}

/// The laws of the import, for one file on every device.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    for (device, store, mut local) in devices() {
        let before = (snapshot(&store), local.clone());
        let incoming = match import::read(bytes, &local) {
            Err(_) => {
                prop_assert_eq!(&(snapshot(&store), local), &before, "{}", device);
                continue;
            }
            Ok(incoming) => incoming,
        };
        let now = at("2026-11-26T10:00:00+08:00");
        match import::apply(&store, &mut local, &incoming, now) {
            Err(_) => {
                prop_assert_eq!(&(snapshot(&store), local), &before, "{}", device);
                continue;
            }
            Ok(applied) => {
                prop_assert_eq!(&repo::load(&store).unwrap().records, &local, "{}", device);
                if applied.undo == import::UndoKept::Kept {
                    let mut undone = local.clone();
                    import::undo(&store, &mut undone).unwrap();
                    prop_assert_eq!(&(snapshot(&store), undone), &before, "{}", device);
                    // And again, to export what was imported.
                    import::apply(&store, &mut local, &incoming, now).unwrap();
                }
            }
        }
        let selection = interchange::select(&local, &Scope::All);
        let json = interchange::to_json(&selection, &header());
        let value: Value = serde_json::from_str(&json).unwrap();
        let errors: Vec<String> = schema()
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        prop_assert!(
            errors.is_empty(),
            "{}: export breaks the schema: {:?}",
            device,
            errors
        );
        let again = import::read(json.as_bytes(), &Records::default());
        prop_assert!(
            again.is_ok(),
            "{}: the export is refused: {:?}",
            device,
            again
        );
        if device == "empty" {
            ACCEPTED.with(|n| n.set(n.get() + 1));
            // What an empty device accepted, it writes back whole and reads back the same.
            prop_assert!(selection.left_out.is_empty(), "{:?}", selection.left_out);
            prop_assert_eq!(&again.unwrap().records, &incoming.records);
        }
    }
    Ok(())
}

#[test]
fn the_corpus_holds_a_file_for_every_fault_and_is_as_written() {
    let kept: Vec<&str> = corpus().iter().map(|(n, _)| n.as_str()).collect();
    let mut made = corpus_files();
    made.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        kept,
        made.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
    );
    for item in ["01-", "04-", "06-", "07-", "08-", "09-", "10-", "11-"] {
        assert!(kept.iter().any(|n| n.starts_with(item)), "{item}");
    }
    for ((name, text), (_, value)) in corpus().iter().zip(&made) {
        let kept: Value = serde_json::from_str(text).unwrap();
        assert_eq!(&kept, value, "{name}: run write_corpus");
    }
}

#[test]
fn every_corpus_file_keeps_the_laws() {
    for (name, text) in corpus() {
        if let Err(e) = check(text.as_bytes()) {
            panic!("{name}: {e}");
        }
    }
}

/// What a hostile change puts in a file.
fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("9999-12-31T23:59:59.999+08:00")),
        Just(json!("2100-12-31T23:59:59.999-12:00")),
        Just(json!("0000-01-01T00:00:00+08:00")),
        Just(json!("2026-11-22T12:30:60+08:00")),
        Just(json!("2016-12-31T07:59:60+08:00")),
        Just(json!("2026-11-22t09:30:00.1234567891z")),
        Just(json!("2024-2-3")),
        Just(json!(" 2024-02-03 ")),
        Just(json!("+12345-01-01")),
        Just(json!("1999-12-31")),
        Just(json!("\u{200B}")),
        Just(json!("\u{3164}\u{2800}")),
        Just(json!("00000000-0000-0000-0000-000000000000")),
        Just(json!(id("maggeng").to_uppercase())),
        Just(json!(id("maggeng"))),
        Just(json!(id("n1"))),
        Just(json!(id("c1"))),
        Just(json!(id("herbs"))),
        Just(json!(id("new"))),
        Just(json!([id("n1"), id("n2")])),
        Just(json!([])),
        Just(json!({})),
        Just(json!(null)),
        Just(json!(true)),
        Just(json!("")),
        Just(json!("马埂村")),
        Just(json!(-1)),
        Just(json!(-0.0)),
        Just(json!(1e308)),
        Just(json!(0)),
        Just(json!(3)),
    ]
}

/// Every place in `v` a change can land: object members and list items, by path.
fn places(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                path.push(json!(k));
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate().take(8) {
                path.push(json!(i));
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        step => &mut v[step.as_u64().unwrap() as usize],
    })
}

/// One hostile change: a value replaced (by anything, or by one of the same kind, which a file
/// may well hold), a member removed, or a record copied into its table.
#[derive(Debug, Clone)]
enum Change {
    Set(proptest::sample::Index, Value),
    Like(proptest::sample::Index, proptest::sample::Index),
    Remove(proptest::sample::Index),
    Copy(proptest::sample::Index),
}

/// A value of the same kind as `old`: text, number or truth value.
fn like(old: &Value, pick: proptest::sample::Index) -> Value {
    let texts = [
        "\u{200B}马埂村\u{FEFF}",
        "<script>alert(1)</script>",
        "2024-2-3",
        "2100-12-31",
        "2000-01-01T00:00:00+14:00",
        "2016-12-31T07:59:60+08:00",
        "2026-11-22 09:30:00Z",
        "open",
        "low",
        "completed",
        "other",
        "万元",
    ];
    let numbers = [json!(0), json!(8.5), json!(1e15), json!(-0.0), json!(1)];
    match old {
        Value::String(_) => json!(texts[pick.index(texts.len())]),
        Value::Number(_) => numbers[pick.index(numbers.len())].clone(),
        Value::Bool(b) => json!(!b),
        other => other.clone(),
    }
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        4 => (any::<proptest::sample::Index>(), hostile_value()).prop_map(|(i, v)| Change::Set(i, v)),
        4 => (any::<proptest::sample::Index>(), any::<proptest::sample::Index>())
            .prop_map(|(i, j)| Change::Like(i, j)),
        1 => any::<proptest::sample::Index>().prop_map(Change::Remove),
        1 => any::<proptest::sample::Index>().prop_map(Change::Copy),
    ]
}

fn changed(mut file: Value, changes: &[Change]) -> Value {
    for c in changes {
        let mut all = Vec::new();
        places(&file, &mut Vec::new(), &mut all);
        if all.is_empty() {
            break;
        }
        match c {
            Change::Set(i, value) => *at_path(&mut file, &all[i.index(all.len())]) = value.clone(),
            Change::Like(i, pick) => {
                let target = at_path(&mut file, &all[i.index(all.len())]);
                *target = like(target, *pick);
            }
            Change::Remove(i) => {
                let path = &all[i.index(all.len())];
                let (last, parent) = path.split_last().unwrap();
                match at_path(&mut file, parent) {
                    Value::Object(m) => {
                        m.remove(last.as_str().unwrap_or_default());
                    }
                    Value::Array(items) => {
                        items.remove(last.as_u64().unwrap() as usize);
                    }
                    _ => {}
                }
            }
            Change::Copy(i) => {
                let table = ["villages", "organizations", "pairings"][i.index(3)];
                if let Some(items) = file[table].as_array_mut() {
                    if let Some(first) = items.first().cloned() {
                        items.push(first);
                    }
                }
            }
        }
    }
    file
}

#[test]
fn hostile_changes_to_the_corpus_keep_the_laws() {
    // A fixed seed and a bounded number of cases: the same run every time, in a few seconds.
    let config = Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(11),
        failure_persistence: None,
        ..Config::default()
    };
    let small: Vec<&(String, String)> = corpus().iter().filter(|(_, t)| t.len() < 20_000).collect();
    let mut runner = TestRunner::new(config);
    let strategy = (0..small.len(), proptest::collection::vec(change(), 1..4));
    let accepted_before = ACCEPTED.with(Cell::get);
    runner
        .run(&strategy, |(which, changes)| {
            let file: Value = serde_json::from_str(&small[which].1).unwrap();
            let text = changed(file, &changes).to_string();
            check(text.as_bytes())
        })
        .unwrap();
    // Hostile, but not all refused: the laws of what is accepted were tried too.
    let accepted = ACCEPTED.with(Cell::get) - accepted_before;
    assert!(
        accepted >= 20,
        "only {accepted} changed files were accepted"
    );
}
