//! Spreadsheets for the office: the records as five tables (villages, needs, organisations,
//! capabilities, pairings) with Chinese headers, written as CSV (UTF-8 with a byte-order mark, so
//! spreadsheet programs show Chinese) or as one `.xlsx` workbook with a sheet per table and a
//! summary sheet first.
//!
//! Tombstones are left out: a spreadsheet shows what is, not what was deleted. Codes are written
//! as their Chinese names (产销对接, not `sales`), since people read these files. Each table starts
//! with 序号 and the record's name and ends with the ids, which people do not read but a
//! coordinator needs to find a record again; every table says who made the file (调研员, 调研员单位).
//!
//! The workbook is made to be read and printed in Excel, WPS and LibreOffice Calc: columns as wide
//! as their text (a Chinese character counted as two), a bold header with a filter, dates and
//! times as real dates (serial numbers with a date format) in the device's zone, and each sheet
//! printed landscape on A4, fitted to the page's width, with the header row repeated.
//! `tests/office/` opens it with a real LibreOffice.

use crate::model::records::{Location, PairingStatus, Timestamp};
use crate::reports::dashboard::{self, Filter};
use crate::storage::repo::Records;
use crate::words::{self, Lang};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, Timelike};

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A day: a date cell in a workbook, `2026-03-01` in a CSV file.
    Date(NaiveDate),
    /// A moment to the minute, in the zone it is shown in: a date-time cell in a workbook,
    /// `2026-03-01 09:30` in a CSV file.
    Time(NaiveDateTime),
    /// Not recorded.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<Option<f64>> for Cell {
    fn from(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Number)
    }
}
impl From<Option<i64>> for Cell {
    fn from(n: Option<i64>) -> Cell {
        // Counts of people and villages: far below 2^53, so exact as f64.
        n.map_or(Cell::Empty, |n| Cell::Number(n as f64))
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Number(n as f64)
    }
}
impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// One table: a sheet of the workbook, or one CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Its name: the sheet's name and the CSV file's name.
    pub name: &'static str,
    /// The column headers.
    pub header: &'static [&'static str],
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// Who made the spreadsheets, and when: every table names the surveyor, and times are shown in
/// the zone of `made_at`, the device's (the app passes its clock in; the core reads none).
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The surveyor's name as set in Settings; may be empty.
    pub surveyor: String,
    /// The surveyor's unit as set in Settings; may be empty.
    pub unit: String,
    /// When the file was made, with the device's offset.
    pub made_at: Timestamp,
}

/// The name of the summary sheet.
pub const SUMMARY: &str = "汇总";

const WHO: [&str; 2] = ["调研员", "调研员单位"];

const VILLAGE_HEADER: &[&str] = &[
    "序号",
    "村名",
    "省",
    "市",
    "县（区）",
    "乡镇（街道）",
    "纬度",
    "经度",
    "户籍人口",
    "户数",
    "村集体经济年收入（万元）",
    "耕地（亩）",
    "林地（亩）",
    "特色产业",
    "资源",
    "联系人",
    "职务",
    "电话",
    "调研日期",
    "待对接需求数",
    "备注",
    "修改时间",
    WHO[0],
    WHO[1],
    "编号",
];
const NEED_HEADER: &[&str] = &[
    "序号",
    "村名",
    "类别",
    "描述",
    "紧急程度",
    "数量",
    "单位",
    "状态",
    WHO[0],
    WHO[1],
    "需求编号",
    "村庄编号",
];
const ORG_HEADER: &[&str] = &[
    "序号",
    "名称",
    "组织类型",
    "省",
    "市",
    "县（区）",
    "乡镇（街道）",
    "会员/员工数",
    "可结对村数",
    "联系人",
    "职务",
    "电话",
    "备注",
    "修改时间",
    WHO[0],
    WHO[1],
    "编号",
];
const CAPABILITY_HEADER: &[&str] = &[
    "序号",
    "组织名称",
    "类别",
    "描述",
    "数量",
    "单位",
    WHO[0],
    WHO[1],
    "能力编号",
    "组织编号",
];
const PAIRING_HEADER: &[&str] = &[
    "序号",
    "村名",
    "组织名称",
    "状态",
    "签约日期",
    "金额（万元）",
    "受益人数",
    "覆盖的需求",
    "备注",
    "修改时间",
    WHO[0],
    WHO[1],
    "编号",
    "村庄编号",
    "组织编号",
];
const SUMMARY_HEADER: &[&str] = &["项目", "数量", "金额（万元）", "受益人数"];

/// A moment as a sheet shows it, to the minute: in `zone` when one is given (the device's), else
/// in the offset it was written with.
fn moment(t: &Timestamp, zone: Option<FixedOffset>) -> Cell {
    let local = match zone {
        Some(z) => t.with_timezone(&z).naive_local(),
        None => t.naive_local(),
    };
    // Whole minutes, as the CSV writes them: a spreadsheet shows 09:30 either way, and a cell
    // holding 09:30:59 would not equal the CSV's.
    Cell::Time(
        local
            .with_second(0)
            .unwrap_or(local)
            .with_nanosecond(0)
            .unwrap_or(local),
    )
}

/// The rows numbered: 序号 1, 2, 3… in front of each.
fn numbered(rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| std::iter::once(Cell::from(i + 1)).chain(row).collect())
        .collect()
}

/// The five tables of the records, tombstones left out, in the order of FORMAT.md, times as
/// written and no surveyor named. The app writes [`tables_from`] instead; this serves a server
/// that merges many surveyors' files.
pub fn tables(records: &Records) -> Vec<Table> {
    build(records, None)
}

/// The five tables of the records, as [`tables`], naming `source`'s surveyor on every row and
/// showing times in `source`'s zone.
pub fn tables_from(records: &Records, source: &Source) -> Vec<Table> {
    build(records, Some(source))
}

fn build(records: &Records, source: Option<&Source>) -> Vec<Table> {
    let zh = Lang::Zh;
    let zone = source.map(|s| *s.made_at.offset());
    let (surveyor, unit) = source.map_or(("", ""), |s| (s.surveyor.trim(), s.unit.trim()));
    let who = || [Cell::from(surveyor), Cell::from(unit)];
    let region_key = |r: &crate::model::records::Region| {
        (
            r.province.clone(),
            r.city.clone(),
            r.county.clone(),
            r.township.clone(),
        )
    };
    // Rows in an order people can follow (by place, then name), not by the random ids.
    let mut live_villages: Vec<_> = records.villages.values().filter(|v| !v.deleted).collect();
    live_villages.sort_by_cached_key(|v| (region_key(&v.region), v.name.clone(), v.id.clone()));
    let mut live_orgs: Vec<_> = records
        .organizations
        .values()
        .filter(|o| !o.deleted)
        .collect();
    live_orgs.sort_by_cached_key(|o| (region_key(&o.region), o.name.clone(), o.id.clone()));

    let (mut villages, mut needs) = (Vec::new(), Vec::new());
    for v in &live_villages {
        let (lat, lon) = v
            .location
            .map_or((None, None), |Location { lat, lon }| (Some(lat), Some(lon)));
        let mut row = vec![
            v.name.as_str().into(),
            v.region.province.as_str().into(),
            v.region.city.as_str().into(),
            v.region.county.as_str().into(),
            v.region.township.as_str().into(),
            lat.into(),
            lon.into(),
            v.population.into(),
            v.households.into(),
            v.collective_income_wan.into(),
            v.arable_land_mu.into(),
            v.forest_land_mu.into(),
            v.industries.join("、").into(),
            v.resources.join("、").into(),
            v.contact.name.as_str().into(),
            v.contact.role.as_str().into(),
            v.contact.phone.as_str().into(),
            v.surveyed_on.into(),
            v.open_needs().into(),
            v.notes.as_str().into(),
            moment(&v.updated_at, zone),
        ];
        row.extend(who());
        row.push(v.id.as_str().into());
        villages.push(row);
        for n in &v.needs {
            let mut row = vec![
                v.name.as_str().into(),
                words::category(zh, n.category).into(),
                n.description.as_str().into(),
                words::priority(zh, n.priority).into(),
                n.quantity.into(),
                n.unit.as_str().into(),
                words::need_status(zh, n.status).into(),
            ];
            row.extend(who());
            row.extend([n.id.as_str().into(), v.id.as_str().into()]);
            needs.push(row);
        }
    }
    let (mut orgs, mut capabilities) = (Vec::new(), Vec::new());
    for o in &live_orgs {
        let mut row = vec![
            o.name.as_str().into(),
            words::organization_kind(zh, o.kind).into(),
            o.region.province.as_str().into(),
            o.region.city.as_str().into(),
            o.region.county.as_str().into(),
            o.region.township.as_str().into(),
            o.members.into(),
            Some(o.capacity).into(),
            o.contact.name.as_str().into(),
            o.contact.role.as_str().into(),
            o.contact.phone.as_str().into(),
            o.notes.as_str().into(),
            moment(&o.updated_at, zone),
        ];
        row.extend(who());
        row.push(o.id.as_str().into());
        orgs.push(row);
        for c in &o.capabilities {
            let mut row = vec![
                o.name.as_str().into(),
                words::category(zh, c.category).into(),
                c.description.as_str().into(),
                c.quantity.into(),
                c.unit.as_str().into(),
            ];
            row.extend(who());
            row.extend([c.id.as_str().into(), o.id.as_str().into()]);
            capabilities.push(row);
        }
    }
    // Pairings in the order of their villages, then by organisation.
    let rank: std::collections::HashMap<&str, usize> = live_villages
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id.as_str(), i))
        .collect();
    let mut live_pairings: Vec<_> = records.pairings.values().filter(|p| !p.deleted).collect();
    live_pairings.sort_by_cached_key(|p| {
        let org = records.organizations.get(&p.organization_id);
        (
            rank.get(p.village_id.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            org.map_or(String::new(), |o| o.name.clone()),
            p.id.clone(),
        )
    });
    let mut pairings = Vec::new();
    for p in live_pairings {
        let village = records.villages.get(&p.village_id);
        let org = records.organizations.get(&p.organization_id);
        let covered: Vec<&str> = p
            .need_ids
            .iter()
            .filter_map(|id| {
                village?
                    .needs
                    .iter()
                    .find(|n| &n.id == id)
                    .map(|n| n.description.as_str())
            })
            .collect();
        let mut row = vec![
            village.map_or("", |v| v.name.as_str()).into(),
            org.map_or("", |o| o.name.as_str()).into(),
            words::pairing_status(zh, p.status).into(),
            p.signed_on.into(),
            p.amount_wan.into(),
            p.beneficiaries.into(),
            covered.join("、").into(),
            p.notes.as_str().into(),
            moment(&p.updated_at, zone),
        ];
        row.extend(who());
        row.extend([
            p.id.as_str().into(),
            p.village_id.as_str().into(),
            p.organization_id.as_str().into(),
        ]);
        pairings.push(row);
    }
    vec![
        Table {
            name: "村庄",
            header: VILLAGE_HEADER,
            rows: numbered(villages),
        },
        Table {
            name: "需求",
            header: NEED_HEADER,
            rows: numbered(needs),
        },
        Table {
            name: "组织",
            header: ORG_HEADER,
            rows: numbered(orgs),
        },
        Table {
            name: "能力",
            header: CAPABILITY_HEADER,
            rows: numbered(capabilities),
        },
        Table {
            name: "结对",
            header: PAIRING_HEADER,
            rows: numbered(pairings),
        },
    ]
}

/// A sum of amounts as a person would write it: float sums such as 0.1 + 0.2 rounded back to
/// the six decimals any amount here carries.
fn rounded(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The summary sheet: how many villages (and weak ones), needs (and open ones), organisations
/// and capabilities; pairings by stage with their 金额 and 受益人数, the 合计 of all stages (the
/// sums of the 结对 sheet's columns), and the committed ones (signed, in progress, completed,
/// which the overview's 金额 and 受益人数 count); then who made the file and when.
pub fn summary(records: &Records, source: &Source) -> Table {
    let mut rows = figures(records);
    rows.push(vec!["调研员".into(), source.surveyor.trim().into()]);
    rows.push(vec!["调研员单位".into(), source.unit.trim().into()]);
    rows.push(vec![
        "导出时间".into(),
        moment(&source.made_at, Some(*source.made_at.offset())),
    ]);
    summary_table(rows)
}

/// The summary sheet of a programme merged from many surveyors' files (a server's): the figures
/// of [`summary`], then that it is the merged programme and when it was written. No surveyor is
/// named, as each row of the other sheets may come from another.
pub fn merged_summary(records: &Records, made_at: &Timestamp) -> Table {
    let mut rows = figures(records);
    rows.push(vec!["来源".into(), "各调研员上传合并".into()]);
    rows.push(vec![
        "导出时间".into(),
        moment(made_at, Some(*made_at.offset())),
    ]);
    summary_table(rows)
}

/// The summary's figures: records, then pairings by stage.
fn figures(records: &Records) -> Vec<Vec<Cell>> {
    let f = dashboard::figures(records, &Filter::default());
    let capabilities: usize = records
        .organizations
        .values()
        .filter(|o| !o.deleted)
        .map(|o| o.capabilities.len())
        .sum();
    let live: Vec<_> = records.pairings.values().filter(|p| !p.deleted).collect();
    let stage = |label: String, chosen: &dyn Fn(PairingStatus) -> bool| {
        let of: Vec<_> = live.iter().filter(|p| chosen(p.status)).collect();
        vec![
            Cell::Text(label),
            of.len().into(),
            Cell::Number(rounded(of.iter().filter_map(|p| p.amount_wan).sum())),
            Cell::Number(of.iter().filter_map(|p| p.beneficiaries).sum::<i64>() as f64),
        ]
    };
    let mut rows = vec![
        vec!["村庄".into(), f.villages.into()],
        vec!["其中薄弱村".into(), f.weak_villages.into()],
        vec!["需求".into(), f.needs.total().into()],
        vec!["其中待对接".into(), f.needs.open.into()],
        vec!["组织".into(), f.organizations.into()],
        vec!["能力".into(), capabilities.into()],
    ];
    for &s in PairingStatus::ALL {
        rows.push(stage(
            format!("结对：{}", words::pairing_status(Lang::Zh, s)),
            &|t| t == s,
        ));
    }
    rows.push(stage("结对合计".into(), &|_| true));
    // What the overview counts as committed money and people reached.
    rows.push(stage(
        "其中已签约、实施中、已完成".into(),
        &|s| {
            matches!(
                s,
                PairingStatus::Signed | PairingStatus::InProgress | PairingStatus::Completed
            )
        },
    ));
    rows
}

fn summary_table(mut rows: Vec<Vec<Cell>>) -> Table {
    for row in &mut rows {
        row.resize(SUMMARY_HEADER.len(), Cell::Empty);
    }
    Table {
        name: SUMMARY,
        header: SUMMARY_HEADER,
        rows,
    }
}

/// The office's workbook: the summary sheet first (the figures a leader asks for, on the sheet
/// a spreadsheet program opens), then the five tables, as [`to_xlsx`] writes them.
pub fn workbook(records: &Records, source: &Source) -> Vec<u8> {
    let mut sheets = vec![summary(records, source)];
    sheets.extend(tables_from(records, source));
    to_xlsx(&sheets)
}

/// A server's workbook of the merged programme: [`merged_summary`] first, then the five tables
/// with no surveyor named.
pub fn merged_workbook(records: &Records, made_at: &Timestamp) -> Vec<u8> {
    let mut sheets = vec![merged_summary(records, made_at)];
    sheets.extend(tables(records));
    to_xlsx(&sheets)
}

/// Text as a spreadsheet cell can safely hold it. Text that begins like a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) would be run by the spreadsheet program when the file is
/// opened, and these files carry text typed by anyone whose file was imported; a leading `'`
/// makes it plain text.
fn safe_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

fn number_text(n: f64) -> String {
    // Whole numbers without ".0"; others with as many digits as they need.
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

const DATE_TEXT: &str = "%Y-%m-%d";
const TIME_TEXT: &str = "%Y-%m-%d %H:%M";

/// A cell as CSV and the column widths show it.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => safe_text(s).into_owned(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => d.format(DATE_TEXT).to_string(),
        Cell::Time(t) => t.format(TIME_TEXT).to_string(),
        Cell::Empty => String::new(),
    }
}

/// A table as CSV: UTF-8 with a byte-order mark, CRLF line ends (what spreadsheet programs
/// expect), every field quoted where it needs to be.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing into memory cannot fail.
        let _ = w.write_record(table.header);
        for row in &table.rows {
            let _ = w.write_record(row.iter().map(cell_text));
        }
        let _ = w.flush();
    }
    out
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 allows no other control characters, not even escaped.
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a character takes two columns: the East Asian wide and full-width blocks (CJK
/// ideographs and punctuation, kana, Hangul, full-width forms), which is every Chinese character
/// and mark these tables hold.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// How many columns text takes (its longest line), a Chinese character counted as two.
fn text_width(s: &str) -> usize {
    s.lines()
        .map(|line| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

/// The widest a column is made, in characters; longer text wraps in its cell, so that a long
/// description does not push the table off the printed page.
const MAX_WIDTH: usize = 50;

/// Each column's width (in characters of the default font): the widest of its header and cells,
/// plus room for the header's filter button (3) and a margin (2), at most [`MAX_WIDTH`] + 2.
fn column_widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| text_width(h) + 3).collect();
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(text_width(&cell_text(cell)));
        }
    }
    widths.into_iter().map(|w| w.min(MAX_WIDTH) + 2).collect()
}

/// The column's letters: 0 → A, 25 → Z, 26 → AA.
fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The day spreadsheet dates count from: serial 1 is 1900-01-01 in Excel's 1900 date system,
/// which counts a 29 February 1900 that never was, so from March 1900 on the serial is the days
/// since 1899-12-30. Every date here is after 2000.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// A day as a spreadsheet's serial number.
fn date_serial(d: NaiveDate) -> f64 {
    (d - epoch()).num_days() as f64
}

/// A moment as a spreadsheet's serial number: the day, plus the time as a fraction of it.
fn time_serial(t: NaiveDateTime) -> f64 {
    date_serial(t.date()) + f64::from(t.num_seconds_from_midnight()) / 86_400.0
}

/// The cell styles of `styles.xml`, by their index in `cellXfs`.
mod style {
    /// The header row: bold.
    pub const HEADER: usize = 1;
    /// A day: `yyyy-mm-dd`.
    pub const DATE: usize = 2;
    /// A moment: `yyyy-mm-dd hh:mm`.
    pub const TIME: usize = 3;
    /// Text longer than its column: wrapped, at the top of its row.
    pub const WRAP: usize = 4;
}

/// The styles: a bold font for the header, the two date formats (ids 164 and 165, the first free
/// for custom formats), and wrapped text.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="yyyy\-mm\-dd\ hh:mm"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="5">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    r#"</cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"</styleSheet>"#
);

/// The range a table covers, `A1:O14`.
fn table_range(table: &Table) -> String {
    let last_column = column_name(table.header.len().max(1) - 1);
    format!("A1:{last_column}{}", table.rows.len() + 1)
}

fn sheet_xml(table: &Table) -> String {
    // The elements in the order the schema requires (ECMA-376 CT_Worksheet): Excel refuses, or
    // "repairs", a sheet whose elements are out of order.
    let range = table_range(table);
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="{range}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#
    );
    for (i, w) in column_widths(table).into_iter().enumerate() {
        x.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{w}" customWidth="1"/>"#,
            n = i + 1
        ));
    }
    x.push_str("</cols><sheetData>");
    let header: Vec<Cell> = table.header.iter().map(|&h| h.into()).collect();
    for (r, row) in std::iter::once(&header).chain(&table.rows).enumerate() {
        x.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_name(c), r + 1);
            match cell {
                // Text is written inline as it is: a workbook cell of type string is never run.
                Cell::Text(s) if !s.is_empty() => {
                    let style = if r == 0 {
                        format!(" s=\"{}\"", style::HEADER)
                    } else if text_width(s) > MAX_WIDTH || s.contains('\n') {
                        format!(" s=\"{}\"", style::WRAP)
                    } else {
                        String::new()
                    };
                    let space = if s.trim() != s {
                        " xml:space=\"preserve\""
                    } else {
                        ""
                    };
                    x.push_str(&format!(
                        "<c r=\"{at}\"{style} t=\"inlineStr\"><is><t{space}>{}</t></is></c>",
                        xml_escape(s)
                    ))
                }
                Cell::Number(n) => {
                    x.push_str(&format!("<c r=\"{at}\"><v>{}</v></c>", number_text(*n)))
                }
                Cell::Date(d) => x.push_str(&format!(
                    "<c r=\"{at}\" s=\"{}\"><v>{}</v></c>",
                    style::DATE,
                    date_serial(*d)
                )),
                Cell::Time(t) => x.push_str(&format!(
                    "<c r=\"{at}\" s=\"{}\"><v>{}</v></c>",
                    style::TIME,
                    time_serial(*t)
                )),
                // An empty cell is not written: the next one names its own address.
                _ => {}
            }
        }
        x.push_str("</row>");
    }
    // A filter on the header; printed with grid lines, landscape A4 (paper size 9), as many pages
    // down as it takes but one across; the sheet's name above and the page number below.
    x.push_str(&format!(
        concat!(
            r#"</sheetData><autoFilter ref="{range}"/><printOptions gridLines="1"/>"#,
            r#"<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#,
            r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#,
            r#"<headerFooter><oddHeader>&amp;C&amp;A</oddHeader><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>"#,
            r#"</worksheet>"#
        ),
        range = range
    ));
    x
}

/// A sheet's name as a formula names it: in single quotes, a quote doubled.
fn quoted_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// The tables as an `.xlsx` workbook, one sheet per table: header row bold, frozen and filtered,
/// columns sized to their text, dates as dates, printed to the page's width with the header row
/// repeated. The archive is stored without compression: the app carries no compressor, and the
/// office has disk to spare (a workbook is about three times the size of the same CSV files).
pub fn to_xlsx(tables: &[Table]) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut sheets = String::new();
    let mut names = String::new();
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, t) in tables.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        sheets.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            xml_escape(t.name)
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        // The filter's range (Excel keeps it as this hidden name beside the sheet's autoFilter)
        // and the header row printed on every page.
        let sheet = xml_escape(&quoted_sheet(t.name));
        let (last_column, last_row) = (column_name(t.header.len().max(1) - 1), t.rows.len() + 1);
        names.push_str(&format!(
            r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{sheet}!$A$1:${last_column}${last_row}</definedName><definedName name="_xlnm.Print_Titles" localSheetId="{i}">{sheet}!$1:$1</definedName>"#
        ));
    }
    types.push_str("</Types>");
    rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#, tables.len() + 1));
    let names = if names.is_empty() {
        names
    } else {
        format!("<definedNames>{names}</definedNames>")
    };
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets>{names}</workbook>"#
    );
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), root_rels.into()),
        ("xl/workbook.xml".into(), workbook),
        ("xl/_rels/workbook.xml.rels".into(), rels),
        ("xl/styles.xml".into(), STYLES.into()),
    ];
    for (i, t) in tables.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(t)));
    }
    stored_zip(&parts)
}

/// A zip archive of `parts` (name, content), stored without compression: the few fixed fields
/// of the format (APPNOTE 6.3, sections 4.3.7, 4.3.12 and 4.3.16), written here rather than
/// carried in as a zip library that would add its compressors' weight to every phone's download.
fn stored_zip(parts: &[(String, String)]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&(n as u16).to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }
    // Version 2.0, names in UTF-8 (flag bit 11), stored (method 0), dated 1980-01-01 00:00.
    const VERSION: usize = 20;
    const UTF8_NAMES: usize = 1 << 11;
    const DOS_DATE: usize = (1 << 5) | 1;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in parts {
        let offset = out.len();
        let crc = crc32fast::hash(body.as_bytes()) as usize;
        let common = |h: &mut Vec<u8>| {
            u16le(h, VERSION);
            u16le(h, UTF8_NAMES);
            u16le(h, 0); // stored
            u16le(h, 0); // time
            u16le(h, DOS_DATE);
            u32le(h, crc);
            u32le(h, body.len());
            u32le(h, body.len());
            u16le(h, name.len());
            u16le(h, 0); // extra field length
        };
        u32le(&mut out, 0x0403_4b50);
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body.as_bytes());

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, VERSION); // made by
        common(&mut central);
        u16le(&mut central, 0); // comment length
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = out.len();
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, parts.len());
    u16le(&mut out, parts.len());
    u32le(&mut out, central.len());
    u32le(&mut out, central_at);
    u16le(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Capability, Category, Need, Organization, Pairing, Village};

    fn at(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 张三 of 宝华镇人民政府, exporting in China (+08:00).
    fn source() -> Source {
        Source {
            surveyor: "张三".into(),
            unit: "宝华镇人民政府".into(),
            made_at: at("2026-03-02T10:00:00+08:00"),
        }
    }

    /// A village edited at 01:30 UTC, an organisation, and one pairing at each stage, each
    /// with an amount and people reached (the cancelled one too), one with neither.
    fn records() -> Records {
        let mut r = Records::default();
        let mut v = Village::new("v".into(), at("2026-03-01T01:30:00+00:00"));
        v.name = "马埂村".into();
        v.surveyed_on = Some(day("2026-03-01"));
        v.needs.push(Need::new("n".into(), Category::Agritech));
        r.villages.insert(v.id.clone(), v);
        let mut o = Organization::new("o".into(), at("2026-03-01T09:00:00+08:00"));
        o.name = "镇江市中药材协会".into();
        o.capabilities
            .push(Capability::new("c".into(), Category::Agritech));
        r.organizations.insert(o.id.clone(), o);
        for (i, &status) in PairingStatus::ALL.iter().enumerate() {
            let mut p = Pairing::new(
                format!("p{i}"),
                "v".into(),
                "o".into(),
                at("2026-03-01T09:00:00+08:00"),
            );
            p.status = status;
            p.amount_wan = Some(0.1 * (i + 1) as f64);
            p.beneficiaries = Some(10 * (i as i64 + 1));
            r.pairings.insert(p.id.clone(), p);
        }
        let mut bare = Pairing::new(
            "q".into(),
            "v".into(),
            "o".into(),
            at("2026-03-01T09:00:00+08:00"),
        );
        bare.status = PairingStatus::Signed;
        r.pairings.insert(bare.id.clone(), bare);
        r
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_chinese_headers() {
        let t = tables(&Records::default());
        let csv = String::from_utf8(to_csv(&t[0])).unwrap();
        assert!(csv.starts_with("\u{feff}序号,村名,省,市,"), "{csv}");
        assert!(
            csv.ends_with("修改时间,调研员,调研员单位,编号\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn every_table_starts_with_its_number_and_name_and_ends_with_its_ids() {
        for t in tables(&records()) {
            assert_eq!(t.header[0], "序号", "{}", t.name);
            assert!(
                ["村名", "名称", "组织名称"].contains(&t.header[1]),
                "{}",
                t.name
            );
            let ids = t.header.iter().position(|h| h.ends_with("编号")).unwrap();
            assert!(
                t.header[ids..].iter().all(|h| h.ends_with("编号")),
                "{}: {:?}",
                t.name,
                t.header
            );
            assert_eq!(t.header[ids - 2..ids], WHO, "{}", t.name);
            for (i, row) in t.rows.iter().enumerate() {
                assert_eq!(row.len(), t.header.len(), "{}", t.name);
                assert_eq!(row[0], Cell::Number((i + 1) as f64), "{}", t.name);
            }
        }
    }

    #[test]
    fn every_row_names_the_surveyor_and_unit() {
        for t in tables_from(&records(), &source()) {
            let at = t.header.iter().position(|h| *h == "调研员").unwrap();
            assert!(!t.rows.is_empty(), "{}", t.name);
            for row in &t.rows {
                assert_eq!(row[at], Cell::from("张三"), "{}", t.name);
                assert_eq!(row[at + 1], Cell::from("宝华镇人民政府"), "{}", t.name);
            }
        }
    }

    #[test]
    fn times_are_shown_in_the_devices_zone_and_dates_stay_dates() {
        let r = records();
        let village = |t: Vec<Table>| t[0].rows[0].clone();
        let column = |name| VILLAGE_HEADER.iter().position(|h| *h == name).unwrap();
        let in_china = village(tables_from(&r, &source()));
        let time = NaiveDateTime::parse_from_str("2026-03-01 09:30", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(in_china[column("修改时间")], Cell::Time(time));
        assert_eq!(in_china[column("调研日期")], Cell::Date(day("2026-03-01")));
        // Without a device, as written (+00:00 here).
        let as_written = village(tables(&r));
        assert_eq!(
            as_written[column("修改时间")],
            Cell::Time(time - chrono::Duration::hours(8))
        );
        let csv = String::from_utf8(to_csv(&tables_from(&r, &source())[0])).unwrap();
        assert!(csv.contains(",2026-03-01,"), "{csv}");
        assert!(
            csv.contains(",2026-03-01 09:30,张三,宝华镇人民政府,v\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn dates_are_serial_numbers_from_1899_12_30() {
        // The serials Excel and LibreOffice give these days.
        assert_eq!(date_serial(day("1900-03-01")), 61.0);
        assert_eq!(date_serial(day("2026-03-01")), 46082.0);
        let t = NaiveDateTime::parse_from_str("2026-03-01 18:00", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(time_serial(t), 46082.75);
    }

    #[test]
    fn date_cells_carry_a_date_style_and_styles_define_it() {
        let xml = sheet_xml(&tables_from(&records(), &source())[0]);
        let surveyed = column_name(
            VILLAGE_HEADER
                .iter()
                .position(|h| *h == "调研日期")
                .unwrap(),
        );
        assert!(
            xml.contains(&format!("<c r=\"{surveyed}2\" s=\"2\"><v>46082</v></c>")),
            "{xml}"
        );
        let edited = column_name(
            VILLAGE_HEADER
                .iter()
                .position(|h| *h == "修改时间")
                .unwrap(),
        );
        // 09:30 is 0.3958333… of a day.
        assert!(
            xml.contains(&format!("<c r=\"{edited}2\" s=\"3\"><v>46082.395833333")),
            "{xml}"
        );
        assert!(STYLES.contains(r#"<numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/>"#));
        assert!(STYLES.contains(r#"<numFmt numFmtId="165" formatCode="yyyy\-mm\-dd\ hh:mm"/>"#));
        let xfs: Vec<&str> = STYLES
            .split("<cellXfs count=\"5\">")
            .nth(1)
            .unwrap()
            .split("</cellXfs>")
            .next()
            .unwrap()
            .split("<xf ")
            .skip(1)
            .collect();
        assert_eq!(xfs.len(), 5, "cellXfs' count");
        assert!(xfs[style::HEADER].contains("fontId=\"1\""));
        assert!(STYLES.contains("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font><font><b/>"));
        assert!(xfs[style::DATE].contains("numFmtId=\"164\""));
        assert!(xfs[style::TIME].contains("numFmtId=\"165\""));
        assert!(xfs[style::WRAP].contains("wrapText=\"1\""));
        // The header row is bold.
        assert!(
            xml.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>序号</t></is></c>"),
            "{xml}"
        );
    }

    #[test]
    fn columns_are_as_wide_as_their_text_a_chinese_character_counting_two() {
        assert_eq!(text_width("乡镇（街道）"), 12);
        assert_eq!(text_width("3bd0f886-1c2d-4e5f-8a9b-0c1d2e3f4a5b"), 36);
        assert_eq!(text_width("a\n马埂村"), 6);
        let table = Table {
            name: "t",
            header: &["乡镇（街道）", "编号", "描述"],
            rows: vec![vec![
                "宝华镇".into(),
                "3bd0f886-1c2d-4e5f-8a9b-0c1d2e3f4a5b".into(),
                "很长".repeat(40).into(),
            ]],
        };
        // The header plus its filter button, the id in full, the long text capped (and wrapped).
        assert_eq!(
            column_widths(&table),
            vec![12 + 3 + 2, 36 + 2, MAX_WIDTH + 2]
        );
        let xml = sheet_xml(&table);
        assert!(
            xml.contains(r#"<cols><col min="1" max="1" width="17" customWidth="1"/><col min="2" max="2" width="38" customWidth="1"/><col min="3" max="3" width="52" customWidth="1"/></cols>"#),
            "{xml}"
        );
        assert!(
            xml.contains("<c r=\"C2\" s=\"4\" t=\"inlineStr\">"),
            "{xml}"
        );
    }

    #[test]
    fn column_names_run_a_to_z_then_aa() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn sheets_print_landscape_to_the_pages_width_with_a_filter_in_schema_order() {
        let table = Table {
            name: "t",
            header: &["a", "b", "c"],
            rows: vec![vec![Cell::Number(1.0), "x".into(), Cell::Empty]],
        };
        let xml = sheet_xml(&table);
        let order = [
            "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>",
            "<dimension ref=\"A1:C2\"/>",
            "<sheetViews>",
            "<cols>",
            "<sheetData>",
            "<autoFilter ref=\"A1:C2\"/>",
            "<printOptions",
            "<pageMargins",
            "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>",
            "<headerFooter>",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|e| xml.find(e).unwrap_or_else(|| panic!("{e} in {xml}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{xml}");
        // An empty cell is left out; the next names its address.
        assert!(xml.contains("<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>x</t></is></c></row>"), "{xml}");
    }

    #[test]
    fn the_header_row_is_printed_on_every_page() {
        let workbook = stored_parts(&to_xlsx(&tables(&records())));
        let wb = &workbook["xl/workbook.xml"];
        assert!(
            wb.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="4">'结对'!$1:$1</definedName>"#),
            "{wb}"
        );
        assert!(
            wb.contains(r#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'村庄'!$A$1:$Y$2</definedName>"#),
            "{wb}"
        );
        assert_eq!(quoted_sheet("it's"), "'it''s'");
    }

    #[test]
    fn the_summary_counts_pairings_by_stage_with_their_money_and_people() {
        let t = summary(&records(), &source());
        let row = |label: &str| {
            t.rows
                .iter()
                .find(|r| r[0] == Cell::from(label))
                .unwrap_or_else(|| panic!("{label}"))
                .clone()
        };
        let n = |x: f64| Cell::Number(x);
        assert_eq!(row("村庄")[1], n(1.0));
        assert_eq!(row("组织")[1], n(1.0));
        assert_eq!(row("能力")[1], n(1.0));
        assert_eq!(row("需求")[1], n(1.0));
        assert_eq!(
            row("结对：意向"),
            vec!["结对：意向".into(), n(1.0), n(0.1), n(10.0)]
        );
        // The bare pairing counts, with nothing to add.
        assert_eq!(row("结对：已签约")[1..], [n(2.0), n(0.2), n(20.0)]);
        // 0.1 + 0.2 + … + 0.5, rounded back from the float sum; the cancelled one included.
        assert_eq!(row("结对合计")[1..], [n(6.0), n(1.5), n(150.0)]);
        assert_eq!(
            row("其中已签约、实施中、已完成")[1..],
            [n(4.0), n(0.9), n(90.0)]
        );
        assert_eq!(row("调研员")[1], "张三".into());
        assert_eq!(row("调研员单位")[1], "宝华镇人民政府".into());
        assert_eq!(
            row("导出时间")[1],
            Cell::Time(
                NaiveDateTime::parse_from_str("2026-03-02 10:00", "%Y-%m-%d %H:%M").unwrap()
            )
        );
        assert!(t.rows.iter().all(|r| r.len() == t.header.len()));
    }

    #[test]
    fn a_merged_programme_has_the_same_figures_and_names_no_surveyor() {
        let mine = summary(&records(), &source());
        let merged = merged_summary(&records(), &source().made_at);
        let figures = mine.rows.len() - 3;
        assert_eq!(merged.rows[..figures], mine.rows[..figures]);
        let labels: Vec<&Cell> = merged.rows[figures..].iter().map(|r| &r[0]).collect();
        assert_eq!(labels, [&"来源".into(), &"导出时间".into()]);
        assert!(!merged.rows.iter().any(|r| r[0] == "调研员".into()));
        let parts = stored_parts(&merged_workbook(&records(), &source().made_at));
        let wb = &parts["xl/workbook.xml"];
        assert_eq!(wb.matches("<sheet name=").count(), 6, "{wb}");
        assert!(wb.contains("<sheet name=\"汇总\" sheetId=\"1\""), "{wb}");
    }

    #[test]
    fn the_workbook_opens_on_the_summary() {
        let parts = stored_parts(&workbook(&records(), &source()));
        let wb = &parts["xl/workbook.xml"];
        let sheets: Vec<&str> = wb
            .split("<sheet name=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(sheets, ["汇总", "村庄", "需求", "组织", "能力", "结对"]);
        assert!(parts["xl/worksheets/sheet1.xml"].contains("<t>结对合计</t>"));
    }

    /// The parts of a stored zip, read back by its local headers (the `zip` crate is only a
    /// dev-dependency of the integration tests).
    fn stored_parts(zip: &[u8]) -> std::collections::HashMap<String, String> {
        let u16at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
        let u32at =
            |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
        let mut parts = std::collections::HashMap::new();
        let mut i = 0;
        while u32at(i) == 0x0403_4b50 {
            let (size, name_len, extra) = (u32at(i + 18), u16at(i + 26), u16at(i + 28));
            let name = String::from_utf8(zip[i + 30..i + 30 + name_len].to_vec()).unwrap();
            let body = i + 30 + name_len + extra;
            parts.insert(
                name,
                String::from_utf8(zip[body..body + size].to_vec()).unwrap(),
            );
            i = body + size;
        }
        parts
    }

    #[test]
    fn text_that_looks_like_a_formula_is_not_one() {
        let table = Table {
            name: "t",
            header: &["a", "b", "c"],
            rows: vec![vec![
                "=HYPERLINK(\"http://x\")".into(),
                Cell::Number(-3.0),
                "a,\"b\"\nc".into(),
            ]],
        };
        let csv = String::from_utf8(to_csv(&table)).unwrap();
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",-3,\"a,\"\"b\"\"\nc\""),
            "{csv}"
        );
    }

    #[test]
    fn xml_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            xml_escape("<a href=\"x\">&\u{0}\u{1}b</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;b&lt;/a&gt;"
        );
    }
}
