//! The faults an adversarial test found in the import (issue 11), one specification each:
//! nothing lost, nothing bad let in, and nothing accepted that the app's own export could not
//! write back.

mod common;

use common::{at, header, herbs_programme, id, snapshot};
use qianshou_core::exchange::import::{self, ImportError, Incoming, UndoKept};
use qianshou_core::exchange::interchange::{self, Scope};
use qianshou_core::model::records::*;
use qianshou_core::model::validate::{self, Field, ProblemKind};
use qianshou_core::storage::repo::{self, Record, Records};
use qianshou_core::storage::{KeyValueStore, MemoryStore};
use qianshou_core::words::{self, Lang};

/// 马埂村 with two needs, 镇江市中药材协会 with one capability, a signed pairing covering n1.
fn programme() -> Records {
    herbs_programme().records
}

fn file_of(records: &Records) -> String {
    interchange::to_json(&interchange::select(records, &Scope::All), &header())
}

/// The programme's file with `change` made to its JSON.
fn hostile(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&file_of(&programme())).unwrap();
    change(&mut v);
    v.to_string()
}

fn read(json: &str, local: &Records) -> Result<Incoming, ImportError> {
    import::read(json.as_bytes(), local)
}

/// The problem lines of a refusal, in `lang`.
fn lines_in(lang: Lang, json: &str, local: &Records) -> Vec<String> {
    let e = read(json, local).expect_err("the file must be refused");
    words::import_error(lang, &e).1
}

fn lines(json: &str, local: &Records) -> Vec<String> {
    lines_in(Lang::Zh, json, local)
}

fn stored(records: &Records) -> MemoryStore {
    let store = MemoryStore::new();
    save_all(&store, records);
    store
}

fn save_all(store: &MemoryStore, records: &Records) {
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

// ---- 1. Far-future timestamps ----

#[test]
fn times_and_dates_outside_2000_to_2100_are_refused_in_words() {
    let file = hostile(|v| {
        v["villages"][0]["updated_at"] = "9999-12-31T23:59:59.999+08:00".into();
        v["villages"][0]["surveyed_on"] = "1999-12-31".into();
        v["pairings"][0]["signed_on"] = "2101-01-01".into();
    });
    assert_eq!(
        lines(&file, &Records::default()),
        vec![
            "村庄 1「maggeng」 · 调研日期：须在 2000 年至 2100 年之间",
            "村庄 1「maggeng」 · 修改时间：须在 2000 年至 2100 年之间",
            "结对 1「maggeng」 · 签约日期：须在 2000 年至 2100 年之间",
        ]
    );
    assert_eq!(
        lines_in(Lang::En, &file, &Records::default())[1],
        "Village 1「maggeng」 · Updated at: must be between the years 2000 and 2100"
    );
    let file = hostile(|v| v["exported_at"] = "2150-01-01T00:00:00+08:00".into());
    assert_eq!(lines(&file, &Records::default()).len(), 1);
}

#[test]
fn editing_a_record_stamped_at_the_end_of_time_keeps_it_readable() {
    // Stored before imports refused such times: 9999-12-31T23:59:59.999, edited once.
    let mut v = programme().villages[&id("maggeng")].clone();
    v.updated_at = at("9999-12-31T23:59:59.999+08:00");
    v.notes = "改".into();
    v.touch(at("2026-11-22T10:00:00+08:00"));
    let raw = serde_json::to_string(&v).unwrap();
    let back: Village = serde_json::from_str(&raw).expect("the edit reads back");
    // Brought back to the last moment the format carries, in the same offset, and exportable.
    assert_eq!(back.updated_at, at("2100-12-31T23:59:59.999+08:00"));
    assert_eq!(validate::village(&back), vec![]);
    // Editing again there keeps that time: later ones cannot be written.
    let mut again = back.clone();
    again.touch(at("2026-11-22T10:00:01+08:00"));
    assert_eq!(again.updated_at, back.updated_at);
}

#[test]
fn touching_stays_after_the_last_change_and_within_the_years() {
    let before = at("2026-11-22T10:00:00+08:00");
    assert_eq!(
        repo::touched(before, at("2026-11-22T11:00:00+08:00")),
        at("2026-11-22T11:00:00+08:00")
    );
    // A clock set back: a millisecond after the last change.
    assert_eq!(
        repo::touched(before, at("2020-01-01T00:00:00+08:00")),
        at("2026-11-22T10:00:00.001+08:00")
    );
    // A phone whose clock was reset to 1970 stamps the first moment of 2000 at the earliest.
    assert_eq!(
        repo::touched(
            at("1970-01-01T00:00:00+00:00"),
            at("1970-01-01T00:05:00+00:00")
        ),
        at("2000-01-01T00:00:00+00:00")
    );
}

// ---- 4. Undo within the quota ----

/// `n` villages with some notes each, made at 09:00, and the same villages edited at 11:00 by a
/// colleague (the population filled in, one industry named otherwise).
fn many_villages(n: usize) -> (Records, Records) {
    let mut mine = Records::default();
    for i in 0..n {
        let mut v = Village::new(id(&format!("v{i:05}")), at("2026-11-01T09:00:00+08:00"));
        v.name = format!("村{i}");
        v.notes = "村里有四百五十亩闲置林地，适合种植中草药。".repeat(6);
        v.industries = vec!["中草药".into(), "蜂蜜".into()];
        mine.villages.insert(v.id.clone(), v);
    }
    let mut theirs = mine.clone();
    for v in theirs.villages.values_mut() {
        v.population = Some(2100);
        v.industries[1] = "茶".into();
        v.updated_at = at("2026-11-22T11:00:00+08:00");
    }
    (mine, theirs)
}

#[test]
fn an_import_that_updates_every_record_fits_when_storage_is_half_used() {
    let (mine, theirs) = many_villages(200);
    let used = stored(&mine).used_units();
    // Half used: the records take half the quota, and the import rewrites every one.
    let store = MemoryStore::with_quota(used * 2 - 1);
    save_all(&store, &mine);
    let before = snapshot(&store);
    let mut local = mine.clone();
    let incoming = read(&file_of(&theirs), &local).unwrap();
    import::apply(
        &store,
        &mut local,
        &incoming,
        at("2026-11-22T12:00:00+08:00"),
    )
    .expect("the import fits");
    assert_eq!(local, theirs);
    assert_eq!(repo::load(&store).unwrap().records, theirs);
    // The undo record holds what changed, not a second copy of every village.
    let undo = store.get(import::UNDO_KEY).unwrap().unwrap();
    assert!(undo.len() * 2 < used, "undo {} of {used}", undo.len());
    // And undo gives back exactly what was stored.
    let u = import::undo(&store, &mut local).unwrap();
    assert_eq!((u.restored, u.kept), (200, 0));
    assert_eq!(snapshot(&store), before);
    assert_eq!(local, mine);
}

#[test]
fn without_room_for_undo_the_import_is_made_and_says_it_cannot_be_undone() {
    let (mine, theirs) = many_villages(50);
    let mut local = mine.clone();
    // Each village grows by two characters: the records fit, and an earlier import's undo
    // record takes the room left.
    let used = stored(&mine).used_units();
    let store = MemoryStore::with_quota(used + 200);
    save_all(&store, &mine);
    store.set(import::UNDO_KEY, &"x".repeat(60)).unwrap();
    let incoming = read(&file_of(&theirs), &local).unwrap();
    let applied = import::apply(
        &store,
        &mut local,
        &incoming,
        at("2026-11-22T12:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(applied.undo, UndoKept::Dropped);
    assert_eq!(applied.changes(), 50);
    assert_eq!(repo::load(&store).unwrap().records, theirs);
    assert_eq!(store.get(import::UNDO_KEY).unwrap(), None);
    assert_eq!(
        words::t(Lang::Zh, words::Key::ImportUndoDropped),
        "存储空间不足以保存撤销信息：导入已完成，但这次导入不能撤销。"
    );
    // With room, the same import keeps its undo.
    let store = stored(&mine);
    let mut local = mine.clone();
    let applied = import::apply(
        &store,
        &mut local,
        &incoming,
        at("2026-11-22T12:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(applied.undo, UndoKept::Kept);
}

#[test]
fn an_import_whose_records_do_not_fit_even_without_undo_changes_nothing() {
    let (mine, mut theirs) = many_villages(50);
    for v in theirs.villages.values_mut() {
        v.notes.push_str("补充说明补充说明");
    }
    let used = stored(&mine).used_units();
    let store = MemoryStore::with_quota(used + 60);
    save_all(&store, &mine);
    store.set(import::UNDO_KEY, "{}").unwrap();
    let before = snapshot(&store);
    let mut local = mine.clone();
    let incoming = read(&file_of(&theirs), &local).unwrap();
    assert!(import::apply(
        &store,
        &mut local,
        &incoming,
        at("2026-11-22T12:00:00+08:00")
    )
    .is_err());
    assert_eq!(snapshot(&store), before);
    assert_eq!(local, mine);
}

// ---- 6. Ids reused across records ----

#[test]
fn a_new_village_reusing_the_need_ids_of_a_village_here_is_refused() {
    let here = programme();
    let file = hostile(|v| {
        let mut village = v["villages"][0].clone();
        village["id"] = id("dg").into();
        village["name"] = "东岗村".into();
        v["villages"] = serde_json::json!([village]);
        v["organizations"] = serde_json::json!([]);
        v["pairings"] = serde_json::json!([]);
    });
    assert_eq!(
        lines(&file, &here),
        vec![
            "村庄 1「东岗村」 · 需求 1 · 编号：编号与本机另一条记录重复",
            "村庄 1「东岗村」 · 需求 2 · 编号：编号与本机另一条记录重复",
        ]
    );
    assert_eq!(
        lines_in(Lang::En, &file, &here)[0],
        "Village 1「东岗村」 · Need 1 · ID: the ID is already used by another record on this device"
    );
    // A device without 马埂村 takes it.
    assert!(read(&file, &Records::default()).is_ok());
}

#[test]
fn a_village_the_file_updates_keeps_its_own_need_ids() {
    let here = programme();
    let mut theirs = programme();
    let v = theirs.villages.get_mut(&id("maggeng")).unwrap();
    v.notes = "对方补充".into();
    v.updated_at = at("2026-11-22T09:00:00+08:00");
    assert!(read(&file_of(&theirs), &here).is_ok());
}

#[test]
fn the_same_uuid_in_other_letters_is_the_same_id() {
    let here = programme();
    let upper = id("maggeng").to_uppercase();
    let file = hostile(|v| {
        v["villages"][0]["id"] = upper.clone().into();
        v["villages"][0]["needs"] = serde_json::json!([]);
        v["pairings"] = serde_json::json!([]);
    });
    assert_eq!(
        lines(&file, &here),
        vec!["村庄 1「maggeng」 · 编号：编号与本机另一条记录重复"]
    );
    // Within one file too.
    let file = hostile(|v| {
        let mut copy = v["villages"][0].clone();
        copy["id"] = upper.clone().into();
        copy["needs"] = serde_json::json!([]);
        v["villages"].as_array_mut().unwrap().push(copy);
    });
    assert_eq!(
        lines(&file, &Records::default()),
        vec!["村庄 2「maggeng」 · 编号：编号与文件中另一条记录重复"]
    );
}

#[test]
fn the_nil_uuid_is_not_an_id() {
    let nil = "00000000-0000-0000-0000-000000000000";
    let file = hostile(|v| {
        v["villages"][0]["needs"][1]["id"] = nil.into();
    });
    assert_eq!(
        lines(&file, &Records::default()),
        vec!["村庄 1「maggeng」 · 需求 2 · 编号：不是有效的编号"]
    );
}

#[test]
fn one_id_in_two_tables_is_refused() {
    // An organisation with the village's id, in the file…
    let file = hostile(|v| {
        v["organizations"][0]["id"] = id("maggeng").into();
        v["pairings"] = serde_json::json!([]);
    });
    assert_eq!(
        lines(&file, &Records::default()),
        vec!["组织 1「镇江市中药材协会」 · 编号：编号与文件中另一条记录重复"]
    );
    // …and against this device: a pairing with the id of a village here.
    let here = programme();
    let file = hostile(|v| {
        v["pairings"][0]["id"] = id("maggeng").into();
        v["villages"] = serde_json::json!([]);
        v["organizations"] = serde_json::json!([]);
    });
    assert_eq!(
        lines(&file, &here),
        vec!["结对 1 · 编号：编号与本机另一条记录重复"]
    );
}

// ---- 7. References against the copies the merge keeps ----

#[test]
fn a_pairing_is_checked_against_the_village_the_merge_keeps() {
    // Here, need n1 was removed from 马埂村 after the colleague's file was made: the file's
    // pairing covers a need the village kept here no longer has.
    let mut here = programme();
    here.pairings.clear();
    let v = here.villages.get_mut(&id("maggeng")).unwrap();
    v.needs.remove(0);
    v.updated_at = at("2026-11-25T09:00:00+08:00");
    let file = file_of(&programme());
    assert_eq!(
        lines(&file, &here),
        vec!["结对 1「maggeng」 · 覆盖的需求：包含该村没有的需求"]
    );
    // The same for a capability of an organisation kept here.
    let mut here = programme();
    here.pairings.clear();
    let o = here.organizations.get_mut(&id("herbs")).unwrap();
    o.capabilities.clear();
    o.updated_at = at("2026-11-25T09:00:00+08:00");
    assert_eq!(
        lines(&file, &here),
        vec!["结对 1「maggeng」 · 使用的能力：包含该组织没有的能力"]
    );
    // A pairing whose village here is later and still has the need is taken.
    let mut here = programme();
    here.pairings.clear();
    here.villages.get_mut(&id("maggeng")).unwrap().updated_at = at("2026-11-25T09:00:00+08:00");
    assert!(read(&file, &here).is_ok());
}

// ---- 8. Linear checks, bounded pairings ----

/// A village with `n` needs and one pairing naming them all, written by hand (this app's export
/// leaves such a pairing out).
fn village_with_needs(n: usize) -> String {
    let need_id = |i: usize| format!("{i:08x}-0000-4000-8000-00000000000a");
    let needs: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"{}","category":"sales","description":"需求{i}","priority":"medium","quantity":null,"unit":"","status":"open"}}"#,
                need_id(i)
            )
        })
        .collect();
    let ids: Vec<String> = (0..n).map(|i| format!("\"{}\"", need_id(i))).collect();
    let mut file: serde_json::Value = serde_json::from_str(&file_of(&programme())).unwrap();
    file["villages"][0]["needs"] = serde_json::json!("NEEDS");
    file["pairings"][0]["need_ids"] = serde_json::json!("IDS");
    file.to_string()
        .replace("\"NEEDS\"", &format!("[{}]", needs.join(",")))
        .replace("\"IDS\"", &format!("[{}]", ids.join(",")))
}

#[test]
fn one_pairing_naming_a_hundred_thousand_needs_is_refused_in_words() {
    // 15 MB of file: refused, and (measured by hand) in well under a second.
    let file = village_with_needs(100_000);
    assert!(file.len() > 10_000_000, "{}", file.len());
    assert_eq!(
        lines(&file, &Records::default()),
        vec!["结对 1「maggeng」 · 覆盖的需求：一个结对最多覆盖 1000 项"]
    );
    assert_eq!(
        lines_in(Lang::En, &file, &Records::default()),
        vec!["Pairing 1「maggeng」 · Needs covered: a pairing may name at most 1,000"]
    );
}

#[test]
fn a_pairing_naming_a_thousand_needs_is_taken() {
    assert!(read(
        &village_with_needs(validate::MAX_PAIRING_IDS),
        &Records::default()
    )
    .is_ok());
    assert!(read(
        &village_with_needs(validate::MAX_PAIRING_IDS + 1),
        &Records::default()
    )
    .is_err());
}

// ---- 9. Nothing accepted that the export cannot write ----

#[test]
fn dates_and_times_the_export_could_not_write_back_are_refused() {
    let file = hostile(|v| {
        v["villages"][0]["surveyed_on"] = "+12345-01-01".into();
        v["villages"][0]["created_at"] = "0000-01-01T00:00:00+08:00".into();
        v["organizations"][0]["updated_at"] = "2026-11-22T12:30:60+08:00".into();
        v["pairings"][0]["need_ids"] = serde_json::json!(["n1"]);
    });
    assert_eq!(
        lines(&file, &Records::default()),
        vec![
            "村庄 1「maggeng」 · 调研日期：须在 2000 年至 2100 年之间",
            "村庄 1「maggeng」 · 创建时间：须在 2000 年至 2100 年之间",
            "组织 1「镇江市中药材协会」 · 修改时间：秒数为 60 的时间只能是协调世界时 23:59:60（闰秒）",
            "结对 1「maggeng」 · 覆盖的需求：不是有效的编号",
        ]
    );
}

#[test]
fn the_leap_second_of_a_utc_day_is_kept() {
    let file = hostile(|v| v["villages"][0]["updated_at"] = "2016-12-31T07:59:60+08:00".into());
    let incoming = read(&file, &Records::default()).unwrap();
    let again = file_of(&incoming.records);
    assert!(again.contains("2016-12-31T07:59:60+08:00"));
}

#[test]
fn dates_written_loosely_are_imported_as_the_format_writes_them_and_the_preview_says_so() {
    let file = hostile(|v| {
        v["villages"][0]["surveyed_on"] = "2024-2-3".into();
        v["pairings"][0]["signed_on"] = " 2024-11-21 ".into();
    });
    let incoming = read(&file, &Records::default()).unwrap();
    let said: Vec<String> = incoming
        .corrections
        .iter()
        .map(|c| words::correction(Lang::Zh, c))
        .collect();
    assert_eq!(
        said,
        vec![
            "村庄 1「maggeng」 · 调研日期：“2024-2-3”将按 2024-02-03 导入",
            "结对 1「maggeng」 · 签约日期：“ 2024-11-21 ”将按 2024-11-21 导入",
        ]
    );
    assert_eq!(
        words::correction(Lang::En, &incoming.corrections[0]),
        "Village 1「maggeng」 · Survey date: \"2024-2-3\" will be imported as 2024-02-03"
    );
    // A file written as the format writes it has nothing to correct.
    let plain = read(&file_of(&programme()), &Records::default()).unwrap();
    assert!(plain.corrections.is_empty());
}

// ---- 10. Blank that is not blank ----

#[test]
fn a_name_of_invisible_characters_is_blank() {
    for blank in [
        "\u{200B}",
        "\u{180E}",
        "\u{3164}",
        "\u{2800}",
        "\u{FEFF}",
        "\u{200B}\u{3000}\u{200D}",
        "\u{2060}\u{00A0}",
        "\u{115F}\u{1160}",
        "\u{FE0F}",
        "\u{E0020}",
    ] {
        let mut v = programme().villages[&id("maggeng")].clone();
        v.name = blank.into();
        v.needs[0].description = blank.into();
        let problems = validate::village(&v);
        assert_eq!(problems.len(), 2, "{blank:?}");
        assert!(problems.iter().all(|p| p.kind == ProblemKind::Required));
        assert_eq!(problems[0].field, Field::Name);
        let file = hostile(|v| v["villages"][0]["name"] = blank.into());
        assert_eq!(
            lines(&file, &Records::default()),
            vec!["村庄 1「".to_owned() + blank + "」 · 名称：不能为空"],
            "{blank:?}"
        );
    }
    // Letters with invisible characters around them are a name.
    assert!(!validate::is_blank("\u{200B}马埂村\u{FEFF}"));
}

// ---- 11. No noise in the problem list ----

#[test]
fn an_unreadable_village_is_named_once_and_its_pairing_not_called_missing() {
    let file = hostile(|v| v["villages"][0]["name"] = 5.into());
    assert_eq!(
        lines(&file, &Records::default()),
        vec!["村庄 1 · 名称：“5”不是有效的值：应为文字"]
    );
    // A village that is not even an object, so its id is unknown.
    let file = hostile(|v| v["villages"][0] = 5.into());
    assert_eq!(lines(&file, &Records::default()).len(), 1);
}

#[test]
fn a_deleted_pairing_naming_unknown_records_travels_quietly() {
    let file = hostile(|v| {
        v["pairings"][0]["deleted"] = true.into();
        v["pairings"][0]["village_id"] = id("gone").into();
        v["pairings"][0]["organization_id"] = id("goneorg").into();
        v["villages"] = serde_json::json!([]);
        v["organizations"] = serde_json::json!([]);
    });
    let incoming = read(&file, &Records::default()).unwrap();
    let store = MemoryStore::new();
    let mut local = Records::default();
    import::apply(
        &store,
        &mut local,
        &incoming,
        at("2026-11-22T12:00:00+08:00"),
    )
    .unwrap();
    // The next export writes it as it came, and lists nothing as left out.
    let selection = interchange::select(&local, &Scope::All);
    assert!(selection.left_out.is_empty(), "{:?}", selection.left_out);
    assert_eq!(selection.pairings.len(), 1);
    let again = interchange::to_json(&selection, &header());
    assert_eq!(read(&again, &Records::default()).unwrap().records, local);
}
