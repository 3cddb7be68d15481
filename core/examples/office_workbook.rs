//! Writes the office's workbook and CSV files of a small programme into a folder, for opening in
//! a spreadsheet program (`tests/office/workbook.test.mjs` opens them with LibreOffice):
//!
//!   cargo run -p qianshou-core --example office_workbook -- DIR
//!
//! The programme: 13 villages of 句容市 with 10 needs each (130 rows, more than one printed page),
//! 13 organisations with 2 capabilities each, and 13 pairings over every stage, with amounts,
//! people reached and signing dates; some records were edited on a device at +00:00, so their
//! times show the zone conversion (01:30 there is 09:30 in the workbook, made at +08:00).
//! Writes DIR/qianshou.xlsx and DIR/<table>.csv, and prints the workbook's size.

use chrono::{DateTime, Duration, NaiveDate};
use qianshou_core::model::records::{
    Capability, Category, Need, Organization, OrganizationKind, Pairing, PairingStatus, Priority,
    Region, Timestamp, Village,
};
use qianshou_core::reports::sheets::{self, Source};
use qianshou_core::storage::repo::Records;
use std::process::ExitCode;

fn at(s: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(s).expect("a time written here")
}

/// Ids that are valid UUIDs, as long as the app's.
fn id(kind: u32, n: usize) -> String {
    format!("{kind:08x}-{n:04x}-4000-8000-3bd0f8861c2d")
}

fn region(township: &str) -> Region {
    Region {
        province: "江苏省".into(),
        city: "镇江市".into(),
        county: "句容市".into(),
        township: township.into(),
    }
}

/// The programme described above.
fn programme() -> Records {
    const VILLAGES: [(&str, &str); 13] = [
        ("马埂村", "宝华镇"),
        ("和平村", "宝华镇"),
        ("仓头村", "宝华镇"),
        ("西冯村", "天王镇"),
        ("戴庄村", "天王镇"),
        ("唐陵村", "天王镇"),
        ("丁庄村", "茅山镇"),
        ("何庄村", "茅山镇"),
        ("李塔村", "茅山镇"),
        ("九龙村", "白兔镇"),
        ("解塘村", "白兔镇"),
        ("东霞村", "后白镇"),
        ("西城村", "后白镇"),
    ];
    const NEEDS: [(Category, &str, Priority); 5] = [
        (
            Category::Agritech,
            "需要中草药种植专家指导，重点是病虫害防治和采收加工",
            Priority::High,
        ),
        (Category::Sales, "蜂蜜、茶叶销路", Priority::Medium),
        (Category::Training, "电商直播培训两期", Priority::Low),
        (
            Category::Infrastructure,
            "村内道路硬化 1.2 公里",
            Priority::Medium,
        ),
        (Category::Health, "老年人义诊", Priority::Low),
    ];
    const ORGS: [(&str, OrganizationKind); 13] = [
        ("镇江市中药材协会", OrganizationKind::IndustryAssociation),
        ("句容市茶叶行业协会", OrganizationKind::IndustryAssociation),
        (
            "江苏丘陵地区镇江农业科学研究所",
            OrganizationKind::ResearchInstitution,
        ),
        ("镇江市电子商务协会", OrganizationKind::IndustryAssociation),
        ("句容农村商业银行", OrganizationKind::FinancialInstitution),
        ("镇江市第一人民医院", OrganizationKind::Other),
        ("镇江市慈善总会", OrganizationKind::SocialOrganization),
        (
            "江苏恒顺集团有限公司",
            OrganizationKind::StateOwnedEnterprise,
        ),
        ("句容市建筑业协会", OrganizationKind::SocialOrganization),
        ("镇江市青年企业家协会", OrganizationKind::SocialOrganization),
        (
            "江苏农林职业技术学院",
            OrganizationKind::ResearchInstitution,
        ),
        ("镇江市律师协会", OrganizationKind::SocialOrganization),
        ("句容市供销合作总社", OrganizationKind::Other),
    ];
    let mut records = Records::default();
    for (i, (name, township)) in VILLAGES.iter().enumerate() {
        // Every third record was last edited on a device at +00:00 (01:30 there).
        let edited = if i % 3 == 0 {
            at("2026-03-01T01:30:00+00:00")
        } else {
            at("2026-03-01T09:30:00+08:00")
        };
        let mut v = Village::new(id(1, i), edited);
        v.name = (*name).into();
        v.region = region(township);
        v.population = Some(1800 + 37 * i as i64);
        v.households = Some(560 + 11 * i as i64);
        v.collective_income_wan = Some(6.5 + i as f64);
        v.arable_land_mu = Some(1200.0 + 50.0 * i as f64);
        v.industries = vec!["中草药".into(), "茶叶".into()];
        v.resources = vec!["450亩闲置林地".into()];
        v.contact.name = "李书记".into();
        v.contact.role = "第一书记".into();
        v.contact.phone = "13800000000".into();
        v.surveyed_on = NaiveDate::from_ymd_opt(2026, 3, 1);
        for (n, (category, description, priority)) in NEEDS.iter().cycle().take(10).enumerate() {
            let mut need = Need::new(id(2, i * 10 + n), *category);
            need.description = (*description).into();
            need.priority = *priority;
            v.needs.push(need);
        }
        records.villages.insert(v.id.clone(), v);
    }
    for (i, (name, kind)) in ORGS.iter().enumerate() {
        let mut o = Organization::new(id(3, i), at("2026-03-01T09:00:00+08:00"));
        o.name = (*name).into();
        o.kind = *kind;
        o.region = region("");
        o.capacity = 3;
        o.members = Some(120);
        for (n, category) in [Category::Agritech, Category::Sales].iter().enumerate() {
            let mut c = Capability::new(id(4, i * 10 + n), *category);
            c.description = "派专家驻村指导，发动会员单位收购农产品".into();
            o.capabilities.push(c);
        }
        records.organizations.insert(o.id.clone(), o);
    }
    for i in 0..13 {
        let status = PairingStatus::ALL[i % PairingStatus::ALL.len()];
        let mut p = Pairing::new(
            id(5, i),
            id(1, i),
            id(3, i),
            at("2026-03-01T09:00:00+08:00") + Duration::hours(i as i64),
        );
        p.status = status;
        p.need_ids = vec![id(2, i * 10)];
        if status != PairingStatus::Intent {
            p.signed_on = NaiveDate::from_ymd_opt(2026, 3, 1 + i as u32);
            p.amount_wan = Some(10.0 + 2.5 * i as f64);
            p.beneficiaries = Some(100 + 10 * i as i64);
        }
        records.pairings.insert(p.id.clone(), p);
    }
    records
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir] = args.as_slice() else {
        eprintln!("usage: office_workbook DIR");
        return ExitCode::FAILURE;
    };
    let dir = std::path::Path::new(dir);
    let records = programme();
    let source = Source {
        surveyor: "张三".into(),
        unit: "宝华镇人民政府".into(),
        made_at: at("2026-03-02T10:00:00+08:00"),
    };
    let workbook = sheets::workbook(&records, &source);
    let mut files = vec![("qianshou.xlsx".to_owned(), workbook.clone())];
    for t in sheets::tables_from(&records, &source) {
        files.push((format!("{}.csv", t.name), sheets::to_csv(&t)));
    }
    for (name, bytes) in files {
        if let Err(e) = std::fs::write(dir.join(&name), bytes) {
            eprintln!("{}: {e}", dir.join(&name).display());
            return ExitCode::FAILURE;
        }
    }
    println!("qianshou.xlsx: {} bytes", workbook.len());
    ExitCode::SUCCESS
}
