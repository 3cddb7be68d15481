//! Spreadsheets for the office: the records as five tables (villages, needs, organisations,
//! capabilities, pairings) with Chinese headers, written as CSV (UTF-8 with a byte-order mark, so
//! spreadsheet programs show Chinese) or as one `.xlsx` workbook with a sheet per table.
//!
//! Tombstones are left out: a spreadsheet shows what is, not what was deleted. Codes are written
//! as their Chinese names (产销对接, not `sales`), since people read these files.

use crate::model::records::Location;
use crate::storage::repo::Records;
use crate::words::{self, Lang};
use chrono::NaiveDate;

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
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

const VILLAGE_HEADER: &[&str] = &[
    "编号",
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
];
const NEED_HEADER: &[&str] = &[
    "需求编号",
    "村庄编号",
    "村名",
    "类别",
    "描述",
    "紧急程度",
    "数量",
    "单位",
    "状态",
];
const ORG_HEADER: &[&str] = &[
    "编号",
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
];
const CAPABILITY_HEADER: &[&str] = &[
    "能力编号",
    "组织编号",
    "组织名称",
    "类别",
    "描述",
    "数量",
    "单位",
];
const PAIRING_HEADER: &[&str] = &[
    "编号",
    "村庄编号",
    "村名",
    "组织编号",
    "组织名称",
    "状态",
    "签约日期",
    "金额（万元）",
    "受益人数",
    "覆盖的需求",
    "备注",
    "修改时间",
];

fn ymd(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The five tables of the records, tombstones left out, in the order of FORMAT.md.
pub fn tables(records: &Records) -> Vec<Table> {
    let zh = Lang::Zh;
    let live_villages = records.villages.values().filter(|v| !v.deleted);
    let live_orgs = records.organizations.values().filter(|o| !o.deleted);
    let stamp = |t: &crate::model::records::Timestamp| t.format("%Y-%m-%d %H:%M").to_string();
    let (mut villages, mut needs) = (Vec::new(), Vec::new());
    for v in live_villages {
        let (lat, lon) = v
            .location
            .map_or((None, None), |Location { lat, lon }| (Some(lat), Some(lon)));
        villages.push(vec![
            v.id.as_str().into(),
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
            ymd(v.surveyed_on).into(),
            Some(v.open_needs() as i64).into(),
            v.notes.as_str().into(),
            stamp(&v.updated_at).into(),
        ]);
        for n in &v.needs {
            needs.push(vec![
                n.id.as_str().into(),
                v.id.as_str().into(),
                v.name.as_str().into(),
                words::category(zh, n.category).into(),
                n.description.as_str().into(),
                words::priority(zh, n.priority).into(),
                n.quantity.into(),
                n.unit.as_str().into(),
                words::need_status(zh, n.status).into(),
            ]);
        }
    }
    let (mut orgs, mut capabilities) = (Vec::new(), Vec::new());
    for o in live_orgs {
        orgs.push(vec![
            o.id.as_str().into(),
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
            stamp(&o.updated_at).into(),
        ]);
        for c in &o.capabilities {
            capabilities.push(vec![
                c.id.as_str().into(),
                o.id.as_str().into(),
                o.name.as_str().into(),
                words::category(zh, c.category).into(),
                c.description.as_str().into(),
                c.quantity.into(),
                c.unit.as_str().into(),
            ]);
        }
    }
    let mut pairings = Vec::new();
    for p in records.pairings.values().filter(|p| !p.deleted) {
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
        pairings.push(vec![
            p.id.as_str().into(),
            p.village_id.as_str().into(),
            village.map_or("", |v| v.name.as_str()).into(),
            p.organization_id.as_str().into(),
            org.map_or("", |o| o.name.as_str()).into(),
            words::pairing_status(zh, p.status).into(),
            ymd(p.signed_on).into(),
            p.amount_wan.into(),
            p.beneficiaries.into(),
            covered.join("、").into(),
            p.notes.as_str().into(),
            stamp(&p.updated_at).into(),
        ]);
    }
    vec![
        Table {
            name: "村庄",
            header: VILLAGE_HEADER,
            rows: villages,
        },
        Table {
            name: "需求",
            header: NEED_HEADER,
            rows: needs,
        },
        Table {
            name: "组织",
            header: ORG_HEADER,
            rows: orgs,
        },
        Table {
            name: "能力",
            header: CAPABILITY_HEADER,
            rows: capabilities,
        },
        Table {
            name: "结对",
            header: PAIRING_HEADER,
            rows: pairings,
        },
    ]
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
            let _ = w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => safe_text(s).into_owned(),
                Cell::Number(n) => number_text(*n),
                Cell::Empty => String::new(),
            }));
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

fn sheet_xml(table: &Table) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    let header: Vec<Cell> = table.header.iter().map(|&h| h.into()).collect();
    for (r, row) in std::iter::once(&header).chain(&table.rows).enumerate() {
        x.push_str(&format!("<row r=\"{}\">", r + 1));
        // Every cell is written, empty ones as `<c/>`, so none needs its own address.
        for cell in row {
            match cell {
                // Text is written inline as it is: a workbook cell of type string is never run.
                Cell::Text(s) if !s.is_empty() => {
                    let space = if s.trim() != s {
                        " xml:space=\"preserve\""
                    } else {
                        ""
                    };
                    x.push_str(&format!(
                        "<c t=\"inlineStr\"><is><t{space}>{}</t></is></c>",
                        xml_escape(s)
                    ))
                }
                Cell::Number(n) => x.push_str(&format!("<c><v>{}</v></c>", number_text(*n))),
                _ => x.push_str("<c/>"),
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// The tables as an `.xlsx` workbook, one sheet per table, header row frozen. The archive is
/// stored without compression: the app carries no compressor, and the office has disk to spare
/// (a workbook is about three times the size of the same CSV files).
pub fn to_xlsx(tables: &[Table]) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut sheets = String::new();
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
    }
    types.push_str("</Types>");
    rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#, tables.len() + 1));
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#
    );
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), root_rels.into()),
        ("xl/workbook.xml".into(), workbook),
        ("xl/_rels/workbook.xml.rels".into(), rels),
        ("xl/styles.xml".into(), styles.into()),
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

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_chinese_headers() {
        let t = tables(&Records::default());
        let csv = String::from_utf8(to_csv(&t[0])).unwrap();
        assert!(csv.starts_with("\u{feff}编号,村名,省,市,"));
        assert!(csv.ends_with("修改时间\r\n"));
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
