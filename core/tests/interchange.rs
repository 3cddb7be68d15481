//! Export, import and merge, as FORMAT.md and the interchange issue specify them: files that
//! round-trip, merges that do not depend on order, hostile files refused with words that say
//! which record and which field, and every export valid against the shipped schema.

mod common;

use chrono::{FixedOffset, TimeZone};
use common::{at, header, herbs_programme, id, schema, snapshot, Data};
use proptest::prelude::*;
use qianshou_core::exchange::import::{self, ImportError, Incoming};
use qianshou_core::exchange::interchange::{self, LeftOutWhy, RecordKind, Scope, Selection};
use qianshou_core::matching::score::Matcher;
use qianshou_core::model::records::*;
use qianshou_core::reports::sheets;
use qianshou_core::storage::repo::{self, Records};
use qianshou_core::storage::MemoryStore;
use qianshou_core::words::{self, Lang};
use std::collections::BTreeSet;

/// Every file these tests export goes through here: it must satisfy the shipped schema.
fn export(records: &Records, scope: &Scope, suggestions: bool) -> (Selection, String) {
    let mut selection = interchange::select(records, scope);
    if suggestions {
        selection.add_suggestions(&Matcher::new(records));
    }
    let json = interchange::to_json(&selection, &header());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the export breaks the schema: {errors:#?}"
    );
    (selection, json)
}

fn read(json: &str, local: &Records) -> Result<Incoming, ImportError> {
    import::read(json.as_bytes(), local)
}

/// 马埂村 with two needs, 镇江市中药材协会, and a signed pairing between them.
fn programme() -> Data {
    let mut d = herbs_programme();
    let p = d.records.pairings.get_mut(&id("p1")).unwrap();
    p.amount_wan = Some(390.0);
    p.beneficiaries = Some(210);
    p.signed_on = chrono::NaiveDate::from_ymd_opt(2024, 11, 21);
    d
}

fn maggeng(records: &mut Records) -> &mut Village {
    records.villages.get_mut(&id("maggeng")).unwrap()
}

/// Imports `incoming` into `local` and `store`, as the app does on "import".
fn apply(
    store: &MemoryStore,
    local: &mut Records,
    incoming: &Incoming,
) -> Result<import::Preview, qianshou_core::storage::StorageError> {
    import::apply(store, local, incoming, at("2026-11-22T10:00:00+08:00")).map(|a| a.preview)
}

#[test]
fn the_file_has_the_top_level_of_the_format() {
    let (_, json) = export(&programme().records, &Scope::All, true);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "qianshou-survey");
    assert_eq!(v["version"], 1);
    assert_eq!(v["exported_at"], "2026-11-22T09:30:00+08:00");
    assert_eq!(v["surveyor"], "张三");
    assert_eq!(v["villages"][0]["name"], "maggeng");
    assert_eq!(v["pairings"][0]["amount_wan"], 390.0);
    assert_eq!(v["pairings"][0]["signed_on"], "2024-11-21");
    // The suggestions are the matcher's, for the open need left (n2 is open, n1 is open too:
    // the pairing's status sync is the app's, not the file's).
    let s = v["suggestions"].as_array().unwrap();
    assert!(!s.is_empty());
    assert_eq!(s[0]["rank"], 1);
    // Each id written as the record's id, a string, as FORMAT.md shows.
    assert_eq!(s[0]["need_id"], id("n1"));
    assert_eq!(s[0]["village_id"], id("maggeng"));
    let org = &v["organizations"][0];
    assert_eq!(s[0]["organization_id"], org["id"]);
    assert_eq!(s[0]["capability_id"], org["capabilities"][0]["id"]);
}

#[test]
fn a_file_imported_into_an_empty_device_gives_the_same_records() {
    let records = programme().records;
    let (_, json) = export(&records, &Scope::All, false);
    let incoming = read(&json, &Records::default()).unwrap();
    assert_eq!(incoming.records, records);
    assert_eq!(incoming.header, header());
    let store = MemoryStore::new();
    let mut local = Records::default();
    let preview = apply(&store, &mut local, &incoming).unwrap();
    assert_eq!(preview.villages.new, 1);
    assert_eq!(preview.organizations.new, 1);
    assert_eq!(preview.pairings.new, 1);
    assert_eq!(local, records);
    assert_eq!(repo::load(&store).unwrap().records, records);
}

#[test]
fn changes_since_the_last_export_bring_their_partners() {
    let mut records = programme().records;
    let last = at("2026-11-10T00:00:00+08:00");
    assert_eq!(interchange::changed_since(&records, Some(last)), 0);
    assert_eq!(interchange::changed_since(&records, None), 3);
    let (s, _) = export(&records, &Scope::ChangedSince(last), false);
    assert!(s.is_empty());
    // The pairing changes: the file carries it with its village and organisation.
    records.pairings.get_mut(&id("p1")).unwrap().updated_at = at("2026-11-20T00:00:00+08:00");
    assert_eq!(interchange::changed_since(&records, Some(last)), 1);
    let (s, json) = export(&records, &Scope::ChangedSince(last), false);
    assert_eq!(
        (s.villages.len(), s.organizations.len(), s.pairings.len()),
        (1, 1, 1)
    );
    // So the file imports on a device that has never seen them.
    assert!(read(&json, &Records::default()).is_ok());
}

#[test]
fn chosen_villages_come_with_their_pairings_only() {
    let mut d = programme();
    d.village(
        "other",
        "丹徒区",
        "",
        None,
        &[("n9", Category::Health, "乡村诊所", Priority::Low)],
    );
    let chosen: BTreeSet<String> = [id("other")].into();
    let (s, _) = export(&d.records, &Scope::Villages(chosen), true);
    assert_eq!(s.villages.len(), 1);
    assert_eq!(s.villages[0].id, id("other"));
    assert!(s.pairings.is_empty() && s.organizations.is_empty());
    assert!(s.suggestions.iter().all(|x| x.village_id == id("other")));
    let chosen: BTreeSet<String> = [id("maggeng")].into();
    let (s, _) = export(&d.records, &Scope::Villages(chosen), false);
    assert_eq!(
        (s.villages.len(), s.organizations.len(), s.pairings.len()),
        (1, 1, 1)
    );
}

#[test]
fn incomplete_records_are_left_out_and_listed_with_what_to_fix() {
    let mut records = programme().records;
    maggeng(&mut records).name.clear();
    let (s, json) = export(&records, &Scope::All, false);
    assert!(s.villages.is_empty());
    assert_eq!(s.organizations.len(), 1);
    assert!(s.pairings.is_empty());
    assert_eq!(s.left_out.len(), 2);
    assert_eq!(
        words::left_out(Lang::Zh, &s.left_out[0]),
        "村庄「（未命名）」：名称：不能为空"
    );
    assert_eq!(s.left_out[1].kind, RecordKind::Pairing);
    assert_eq!(s.left_out[1].why, LeftOutWhy::PartnerLeftOut);
    assert!(read(&json, &Records::default()).is_ok());
}

#[test]
fn a_pairing_forgets_needs_removed_from_its_village() {
    let mut records = programme().records;
    maggeng(&mut records).needs.remove(0);
    let (s, json) = export(&records, &Scope::All, false);
    assert!(s.pairings[0].need_ids.is_empty());
    assert!(read(&json, &Records::default()).is_ok());
}

#[test]
fn a_tombstone_deletes_an_older_copy_and_nothing_unmentioned_is_touched() {
    let mut mine = programme();
    mine.village("mine", "丹徒区", "", None, &[]);
    let mut theirs = programme().records;
    let v = theirs.villages.get_mut(&id("maggeng")).unwrap();
    v.deleted = true;
    v.updated_at = at("2026-11-21T00:00:00+08:00");
    let (_, json) = export(&theirs, &Scope::All, false);
    let incoming = read(&json, &mine.records).unwrap();
    let p = import::preview(&mine.records, &incoming.records);
    assert_eq!(p.villages.deleted, 1);
    assert_eq!(p.organizations.unchanged, 1);
    let mut merged = mine.records.clone();
    import::merge(&mut merged, &incoming.records);
    assert!(merged.villages[&id("maggeng")].deleted);
    assert_eq!(
        merged.villages[&id("mine")],
        mine.records.villages[&id("mine")]
    );
}

#[test]
fn the_later_copy_wins_and_the_preview_says_which_were_kept() {
    let mine = programme().records;
    let mut theirs = mine.clone();
    theirs.villages.get_mut(&id("maggeng")).unwrap().updated_at = at("2026-10-01T00:00:00+08:00");
    theirs.villages.get_mut(&id("maggeng")).unwrap().notes = "旧的".into();
    let o = theirs.organizations.get_mut(&id("herbs")).unwrap();
    o.capacity = 5;
    o.updated_at = at("2026-11-30T00:00:00+08:00");
    let (_, json) = export(&theirs, &Scope::All, false);
    let incoming = read(&json, &mine).unwrap();
    let p = import::preview(&mine, &incoming.records);
    assert_eq!(p.villages.kept_yours, 1);
    assert_eq!(p.organizations.updated, 1);
    assert_eq!(p.pairings.unchanged, 1);
    assert_eq!(p.changes(), 1);
}

#[test]
fn an_import_can_be_undone_and_keeps_what_was_changed_since() {
    let store = MemoryStore::new();
    let mut local = Records::default();
    let mut d = Data::new();
    d.village("keep", "丹徒区", "", None, &[]);
    for v in d.records.villages.values() {
        repo::save(&store, v).unwrap();
    }
    local.villages = d.records.villages.clone();
    let before_store = snapshot(&store);
    let mut theirs = programme().records;
    let mut keep = local.villages[&id("keep")].clone();
    keep.notes = "对方改过".into();
    keep.updated_at = at("2026-11-21T00:00:00+08:00");
    theirs.villages.insert(keep.id.clone(), keep);
    let (_, json) = export(&theirs, &Scope::All, false);
    let incoming = read(&json, &local).unwrap();
    apply(&store, &mut local, &incoming).unwrap();
    assert_eq!(local.villages[&id("keep")].notes, "对方改过");
    assert_eq!(local.villages.len(), 2);

    // Undo everything: back to exactly what was stored.
    let mut undone = local.clone();
    let u = import::undo(&store, &mut undone).unwrap();
    assert_eq!((u.restored, u.kept), (4, 0));
    assert_eq!(snapshot(&store), before_store);
    assert_eq!(undone.villages, d.records.villages);
    assert!(undone.organizations.is_empty() && undone.pairings.is_empty());
}

#[test]
fn undo_leaves_a_record_edited_after_the_import() {
    let store = MemoryStore::new();
    let mut local = Records::default();
    let (_, json) = export(&programme().records, &Scope::All, false);
    let incoming = read(&json, &local).unwrap();
    apply(&store, &mut local, &incoming).unwrap();
    let v = local.villages.get_mut(&id("maggeng")).unwrap();
    v.notes = "导入后补充".into();
    repo::Record::touch(v, at("2026-11-22T11:00:00+08:00"));
    repo::save(&store, &local.villages[&id("maggeng")]).unwrap();
    let u = import::undo(&store, &mut local).unwrap();
    assert_eq!((u.restored, u.kept), (2, 1));
    assert_eq!(local.villages[&id("maggeng")].notes, "导入后补充");
    assert!(local.organizations.is_empty());
    assert_eq!(import::ImportUndo::load(&store).unwrap(), None);
}

#[test]
fn an_import_that_does_not_fit_changes_nothing() {
    let mut big = programme().records;
    for i in 0..30 {
        let mut v = Village::new(id(&format!("v{i:04}")), at("2026-11-01T09:00:00+08:00"));
        v.name = format!("村{i}");
        v.notes = "很长的备注".repeat(40);
        big.villages.insert(v.id.clone(), v);
    }
    let (_, json) = export(&big, &Scope::All, false);
    for quota in [3_000, 8_000, 12_000] {
        let store = MemoryStore::with_quota(quota);
        let mut local = Records::default();
        let mut d = Data::new();
        d.village("mine", "丹徒区", "", None, &[]);
        let mine = &d.records.villages[&id("mine")];
        repo::save(&store, mine).unwrap();
        local.villages.insert(mine.id.clone(), mine.clone());
        let before = (snapshot(&store), local.clone());
        let incoming = read(&json, &local).unwrap();
        let result = apply(&store, &mut local, &incoming);
        assert!(result.is_err(), "quota {quota}");
        assert_eq!((snapshot(&store), local), before, "quota {quota}");
    }
}

/// A copy of `programme()`'s file with `change` made to its JSON.
fn hostile(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let (_, json) = export(&programme().records, &Scope::All, false);
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    change(&mut v);
    v.to_string()
}

fn refusal(json: &str) -> (String, Vec<String>) {
    let e = read(json, &Records::default()).expect_err("the file must be refused");
    words::import_error(Lang::Zh, &e)
}

#[test]
fn files_that_are_not_survey_files_are_refused_in_plain_words() {
    assert_eq!(refusal("").0, "文件是空的。");
    assert!(refusal("村庄,需求\n马埂村,中草药")
        .0
        .starts_with("文件内容不是有效的 JSON（第 1 行"));
    assert_eq!(
        words::import_error(
            Lang::Zh,
            &import::read(&[0xff, 0xfe, 0x00], &Records::default()).unwrap_err()
        )
        .0,
        "这不是文本文件。请选择牵手导出的 .json 文件。"
    );
    assert_eq!(
        refusal(r#"{"villages": []}"#).0,
        "这是 JSON 文件，但不是牵手的调研数据文件。"
    );
    assert_eq!(
        refusal("[1, 2, 3]").0,
        "这是 JSON 文件，但不是牵手的调研数据文件。"
    );
    let newer = hostile(|v| v["version"] = 2.into());
    assert_eq!(
        refusal(&newer).0,
        "这个文件由更新版本的牵手导出（格式版本 2），本机只能读取版本 1。请先更新牵手再导入。"
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(read(&deep, &Records::default()), Err(ImportError::TooDeep));
    let huge = vec![b' '; import::MAX_FILE_BYTES + 1];
    assert!(matches!(
        import::read(&huge, &Records::default()),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn a_byte_order_mark_is_allowed() {
    let (_, json) = export(&programme().records, &Scope::All, false);
    assert!(read(&format!("\u{feff}{json}"), &Records::default()).is_ok());
}

#[test]
fn bad_records_are_named_with_their_field() {
    let file = hostile(|v| {
        v["villages"][0]["needs"][0]["category"] = "agri".into();
        v["villages"][0]["surveyed_on"] = "2024/11/21".into();
        v["organizations"][0]["capacity"] = "三".into();
        v["pairings"][0]["amount_wan"] = (-5).into();
    });
    let (title, lines) = refusal(&file);
    assert_eq!(
        title,
        "文件中有 3 处问题，没有导入任何内容。请让对方修正后重新导出："
    );
    assert_eq!(
        lines,
        vec![
            "村庄 1「maggeng」 · 需求 1 · 类别：“\"agri\"”不是有效的值：不是可用的代码",
            "组织 1「镇江市中药材协会」 · 可结对村数：“\"三\"”不是有效的值：应为整数",
            "结对 1「maggeng」 · 金额：不能为负数",
        ]
    );
    // The date was not reached: serde stops at the first problem in a record. The surveyor
    // fixes one and sees the next; the other records are all checked.
    let file = hostile(|v| v["villages"][0]["surveyed_on"] = "2024/11/21".into());
    assert_eq!(
        refusal(&file).1,
        vec!["村庄 1「maggeng」 · 调研日期：“\"2024/11/21\"”不是有效的值：应为 YYYY-MM-DD 格式的日期"]
    );
    // A file printed over many lines (edited by hand, say) is read the same way.
    let pretty: serde_json::Value = serde_json::from_str(&hostile(|v| {
        v["villages"][0]["needs"][1]["priority"] = "urgent".into();
    }))
    .unwrap();
    assert_eq!(
        refusal(&serde_json::to_string_pretty(&pretty).unwrap()).1,
        vec!["村庄 1「maggeng」 · 需求 2 · 紧急程度：“\"urgent\"”不是有效的值：不是可用的代码"]
    );
    let file = hostile(|v| {
        v["villages"][0]["location"] = serde_json::json!({"lat": "北纬32度", "lon": 119.1});
    });
    assert_eq!(
        refusal(&file).1,
        vec!["村庄 1「maggeng」 · 纬度：“\"北纬32度\"”不是有效的值：应为数字"]
    );
    let file = hostile(|v| {
        v["villages"][0]["needs"][0]
            .as_object_mut()
            .unwrap()
            .remove("status");
    });
    assert_eq!(
        refusal(&file).1,
        vec!["村庄 1「maggeng」 · 需求 1 · 状态：缺少此项"]
    );
    let file = hostile(|v| {
        v["villages"][0].as_object_mut().unwrap().remove("id");
    });
    assert_eq!(refusal(&file).1[0], "村庄 1「maggeng」 · 编号：缺少此项");
}

#[test]
fn duplicate_ids_and_dangling_pairings_are_refused() {
    let file = hostile(|v| {
        let copy = v["villages"][0].clone();
        v["villages"].as_array_mut().unwrap().push(copy);
    });
    let lines = refusal(&file).1;
    assert!(
        lines.contains(&"村庄 2「maggeng」 · 编号：编号与文件中另一条记录重复".to_owned()),
        "{lines:?}"
    );
    // Another village and another organisation reusing a need's and a capability's id.
    let file = hostile(|v| {
        let mut village = v["villages"][0].clone();
        village["id"] = id("copy").into();
        village["name"] = "东岗村".into();
        v["villages"].as_array_mut().unwrap().push(village);
        let mut org = v["organizations"][0].clone();
        org["id"] = id("copyorg").into();
        org["name"] = "另一协会".into();
        v["organizations"].as_array_mut().unwrap().push(org);
    });
    let lines = refusal(&file).1;
    assert!(
        lines.contains(&"村庄 2「东岗村」 · 需求 1 · 编号：编号与文件中另一条记录重复".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines
            .contains(&"组织 2「另一协会」 · 能力 1 · 编号：编号与文件中另一条记录重复".to_owned()),
        "{lines:?}"
    );
    let file = hostile(|v| v["villages"] = serde_json::json!([]));
    assert_eq!(
        refusal(&file).1,
        vec!["结对 1 · 村庄：指向的村庄在文件和本机中都不存在"]
    );
    // The same pairing is fine on a device that has the village.
    let records = programme().records;
    assert!(read(&file, &records).is_ok());
    let file = hostile(|v| v["pairings"][0]["need_ids"] = serde_json::json!([id("nope")]));
    assert_eq!(
        refusal(&file).1,
        vec!["结对 1「maggeng」 · 覆盖的需求：包含该村没有的需求"]
    );
}

#[test]
fn html_and_script_in_text_are_kept_as_text() {
    let evil = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    let file = hostile(|v| v["villages"][0]["name"] = evil.into());
    let incoming = read(&file, &Records::default()).unwrap();
    assert_eq!(incoming.records.villages[&id("maggeng")].name, evil);
}

#[test]
fn spreadsheets_hold_the_live_records_in_chinese() {
    let mut records = programme().records;
    let mut gone = Village::new(id("gone"), at("2026-11-01T09:00:00+08:00"));
    gone.name = "已删村".into();
    gone.deleted = true;
    records.villages.insert(gone.id.clone(), gone);
    let tables = sheets::tables(&records);
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    assert_eq!(names, vec!["村庄", "需求", "组织", "能力", "结对"]);
    assert_eq!(tables[0].rows.len(), 1);
    assert_eq!(tables[1].rows.len(), 2);
    let needs = String::from_utf8(sheets::to_csv(&tables[1])).unwrap();
    assert!(
        needs.contains("种养技术,需要中草药种植专家指导,紧急"),
        "{needs}"
    );
    let pairings = String::from_utf8(sheets::to_csv(&tables[4])).unwrap();
    assert!(
        pairings.contains("已签约,2024-11-21,390,210,需要中草药种植专家指导"),
        "{pairings}"
    );
    for t in &tables {
        assert!(
            t.rows.iter().all(|r| r.len() == t.header.len()),
            "{}",
            t.name
        );
    }
    let xlsx = sheets::to_xlsx(&tables);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    assert_eq!(zip.len(), 10);
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(sheet.contains("<t>maggeng</t>"), "{sheet}");
}

#[test]
fn the_office_workbook_opens_on_a_summary_and_names_the_surveyor_on_every_sheet() {
    let source = sheets::Source {
        surveyor: "张三".into(),
        unit: "宝华镇人民政府".into(),
        made_at: at("2026-11-22T09:30:00+08:00"),
    };
    let xlsx = sheets::workbook(&programme().records, &source);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    // Five parts of the package, the summary and the five tables.
    assert_eq!(zip.len(), 11);
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let workbook = part("xl/workbook.xml");
    assert!(
        workbook.contains(
            r#"<sheets><sheet name="汇总" sheetId="1" r:id="rId1"/><sheet name="村庄" sheetId="2""#
        ),
        "{workbook}"
    );
    assert!(part("xl/worksheets/sheet1.xml").contains("<t>结对合计</t>"));
    for n in 2..=6 {
        let sheet = part(&format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("<t>调研员</t>"), "sheet {n}");
        assert!(sheet.contains("<t>张三</t>"), "sheet {n}");
        assert!(sheet.contains("<t>宝华镇人民政府</t>"), "sheet {n}");
    }
}

// ---- Properties ----

fn uuid(n: u32) -> String {
    format!("{n:08x}-0000-4000-8000-000000000000")
}

fn moment() -> impl Strategy<Value = Timestamp> {
    (
        1_700_000_000i64..1_800_000_000,
        -48i32..=56,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(s, q, n)| {
            FixedOffset::east_opt(q * 900)
                .unwrap()
                .timestamp_opt(s, n)
                .unwrap()
        })
}

fn words() -> impl Strategy<Value = String> {
    "[马埂村中草药銷售<>&\"'\\\\a-z0-9 ]{0,10}"
}

fn name() -> impl Strategy<Value = String> {
    "[马埂村中草药協会a-z0-9]{1,8}"
}

fn amount() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![0.0f64..1e7, Just(8.5)])
}

fn count() -> impl Strategy<Value = Option<i64>> {
    proptest::option::of(0i64..1_000_000)
}

/// A valid programme: every record meets the contract and every pairing's references hold.
fn programme_strategy() -> impl Strategy<Value = Records> {
    let village = (
        (name(), words(), amount(), count(), amount()),
        proptest::collection::vec(
            (
                name(),
                proptest::sample::select(Category::ALL),
                amount(),
                proptest::sample::select(NeedStatus::ALL),
            ),
            0..3,
        ),
        (
            moment(),
            moment(),
            any::<bool>(),
            proptest::option::of((-90.0f64..=90.0, -180.0f64..=180.0)),
        ),
    );
    let org = (
        (
            name(),
            proptest::sample::select(OrganizationKind::ALL),
            1i64..5,
            count(),
        ),
        proptest::collection::vec(
            (name(), proptest::sample::select(Category::ALL), amount()),
            0..3,
        ),
        (moment(), moment(), any::<bool>()),
    );
    let pairing = (
        0usize..8,
        0usize..8,
        proptest::sample::select(PairingStatus::ALL),
        amount(),
        count(),
        moment(),
        any::<bool>(),
    );
    (
        proptest::collection::vec(village, 1..6),
        proptest::collection::vec(org, 1..5),
        proptest::collection::vec(pairing, 0..6),
    )
        .prop_map(|(villages, orgs, pairings)| {
            let mut r = Records::default();
            let mut n = 0u32;
            let mut next = || {
                n += 1;
                uuid(n)
            };
            for (
                (name, notes, income, population, arable),
                needs,
                (created, updated, deleted, loc),
            ) in villages
            {
                let mut v = Village::new(next(), created);
                v.name = name;
                v.notes = notes;
                v.collective_income_wan = income;
                v.population = population;
                v.arable_land_mu = arable;
                v.updated_at = updated;
                v.deleted = deleted;
                v.location = loc.map(|(lat, lon)| Location { lat, lon });
                v.industries = vec!["中草药".into()];
                for (desc, cat, qty, status) in needs {
                    let mut need = Need::new(next(), cat);
                    need.description = desc;
                    need.quantity = qty;
                    need.status = status;
                    v.needs.push(need);
                }
                r.villages.insert(v.id.clone(), v);
            }
            for ((name, kind, capacity, members), caps, (created, updated, deleted)) in orgs {
                let mut o = Organization::new(next(), created);
                o.name = name;
                o.kind = kind;
                o.capacity = capacity;
                o.members = members;
                o.updated_at = updated;
                o.deleted = deleted;
                for (desc, cat, qty) in caps {
                    let mut c = Capability::new(next(), cat);
                    c.description = desc;
                    c.quantity = qty;
                    o.capabilities.push(c);
                }
                r.organizations.insert(o.id.clone(), o);
            }
            let vs: Vec<Village> = r.villages.values().cloned().collect();
            let os: Vec<Organization> = r.organizations.values().cloned().collect();
            for (vi, oi, status, amount, people, when, deleted) in pairings {
                let v = &vs[vi % vs.len()];
                let o = &os[oi % os.len()];
                let mut p = Pairing::new(next(), v.id.clone(), o.id.clone(), when);
                p.status = status;
                p.amount_wan = amount;
                p.beneficiaries = people;
                p.deleted = deleted;
                p.need_ids = v.needs.iter().take(1).map(|n| n.id.clone()).collect();
                p.capability_ids = o
                    .capabilities
                    .iter()
                    .take(1)
                    .map(|c| c.id.clone())
                    .collect();
                r.pairings.insert(p.id.clone(), p);
            }
            r
        })
}

/// Another device's copy of `base`: some records edited (at another time), some deleted.
fn edited(base: &Records, seed: u64) -> Records {
    let mut r = base.clone();
    let mut x = seed;
    let mut roll = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        x >> 33
    };
    for v in r.villages.values_mut() {
        match roll() % 4 {
            0 => {
                v.notes = format!("改{}", roll() % 3);
                v.updated_at = at("2026-11-22T09:00:00+08:00")
                    + chrono::Duration::minutes((roll() % 3) as i64);
            }
            1 => {
                v.deleted = true;
                v.updated_at = at("2026-11-22T09:00:00+08:00")
                    + chrono::Duration::minutes((roll() % 3) as i64);
            }
            _ => {}
        }
    }
    for o in r.organizations.values_mut() {
        if roll() % 2 == 0 {
            o.capacity = 1 + (roll() % 4) as i64;
            o.updated_at =
                at("2026-11-22T09:00:00+08:00") + chrono::Duration::minutes((roll() % 2) as i64);
        }
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_then_import_into_an_empty_device_is_the_identity(records in programme_strategy()) {
        let (selection, json) = export(&records, &Scope::All, false);
        prop_assert!(selection.left_out.is_empty());
        let incoming = read(&json, &Records::default()).unwrap();
        prop_assert_eq!(&incoming.records, &records);
        let store = MemoryStore::new();
        let mut local = Records::default();
        apply(&store, &mut local, &incoming).unwrap();
        prop_assert_eq!(&local, &records);
        prop_assert_eq!(repo::load(&store).unwrap().records, records);
    }

    #[test]
    fn merging_does_not_depend_on_order(base in programme_strategy(), a in any::<u64>(), b in any::<u64>()) {
        let (copy_a, copy_b) = (edited(&base, a), edited(&base, b));
        let mut ab = base.clone();
        import::merge(&mut ab, &copy_a);
        import::merge(&mut ab, &copy_b);
        let mut ba = base.clone();
        import::merge(&mut ba, &copy_b);
        import::merge(&mut ba, &copy_a);
        prop_assert_eq!(&ab, &ba);
        // And merging again changes nothing.
        let again = ab.clone();
        prop_assert!(import::merge(&mut ab, &copy_a).is_empty());
        prop_assert_eq!(ab, again);
    }

    #[test]
    fn random_bytes_are_refused_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        prop_assert!(import::read(&bytes, &Records::default()).is_err());
    }

    #[test]
    fn random_json_is_refused_without_a_panic(value in json_value()) {
        prop_assert!(read(&value.to_string(), &Records::default()).is_err());
    }

    #[test]
    fn damaged_files_never_panic_and_a_refusal_changes_nothing(
        records in programme_strategy(),
        cut in any::<proptest::sample::Index>(),
        at_byte in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let (_, json) = export(&records, &Scope::All, false);
        let store = MemoryStore::new();
        let mut local = Records::default();
        let mut d = Data::new();
        d.village("mine", "丹徒区", "", None, &[]);
        for v in d.records.villages.values() {
            repo::save(&store, v).unwrap();
            local.villages.insert(v.id.clone(), v.clone());
        }
        let before = (snapshot(&store), local.clone());
        let mut damaged = json.clone().into_bytes();
        let i = at_byte.index(damaged.len());
        damaged[i] = byte;
        for file in [&json.as_bytes()[..cut.index(json.len())], &damaged[..]] {
            match import::read(file, &local) {
                Err(_) => prop_assert_eq!(&(snapshot(&store), local.clone()), &before),
                Ok(incoming) => {
                    // Still a valid file (a letter of a name changed, say): it imports.
                    apply(&store, &mut local, &incoming).unwrap();
                }
            }
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-z村\"]{0,6}".prop_map(Value::String),
        Just(Value::String("qianshou-survey".into())),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("format".to_owned()),
                    Just("version".to_owned()),
                    Just("villages".to_owned()),
                    Just("pairings".to_owned()),
                    "[a-z]{1,4}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Writes a workbook (to $XLSX_OUT, or qianshou.xlsx in the temporary directory) for checking by
/// hand in a spreadsheet program (tests/office/ checks a larger one with LibreOffice):
/// `XLSX_OUT=/tmp/t.xlsx cargo test -p qianshou-core --test interchange -- --ignored write_workbook`
#[test]
#[ignore]
fn write_workbook() {
    let source = sheets::Source {
        surveyor: "张三".into(),
        unit: "宝华镇人民政府".into(),
        made_at: at("2026-11-22T09:30:00+08:00"),
    };
    let out = std::env::var_os("XLSX_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("qianshou.xlsx"));
    std::fs::write(out, sheets::workbook(&programme().records, &source)).unwrap();
}
