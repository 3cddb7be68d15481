//! Small hand-made survey data for behaviour tests.
#![allow(dead_code)]

use qianshou_core::exchange::interchange::Header;
use qianshou_core::model::records::*;
use qianshou_core::storage::repo::Records;
use qianshou_core::storage::{KeyValueStore, MemoryStore};
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub fn at(s: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

/// Ids that are valid UUIDs and readable: the label's bytes in the last group.
pub fn id(label: &str) -> String {
    let hex: String = label.bytes().take(6).map(|b| format!("{b:02x}")).collect();
    format!("00000000-0000-4000-8000-{hex:0<12}")
}

#[derive(Debug, Clone)]
pub struct Data {
    pub records: Records,
}

impl Data {
    pub fn new() -> Data {
        Data {
            records: Records::default(),
        }
    }

    /// A village at `county`/`township` of 镇江市, with `income` 万元 and the needs given as
    /// (label, category, description, priority).
    pub fn village(
        &mut self,
        label: &str,
        county: &str,
        township: &str,
        income: Option<f64>,
        needs: &[(&str, Category, &str, Priority)],
    ) -> &mut Self {
        let mut v = Village::new(id(label), at("2026-11-01T09:00:00+08:00"));
        v.name = label.into();
        v.region = Region {
            province: "江苏省".into(),
            city: "镇江市".into(),
            county: county.into(),
            township: township.into(),
        };
        v.collective_income_wan = income;
        for (nl, cat, desc, pri) in needs {
            let mut n = Need::new(id(nl), *cat);
            n.description = (*desc).into();
            n.priority = *pri;
            v.needs.push(n);
        }
        self.records.villages.insert(v.id.clone(), v);
        self
    }

    /// An organisation with `capacity`, at `county` (empty for city-wide) with capabilities
    /// (label, category, description).
    pub fn org(
        &mut self,
        label: &str,
        name: &str,
        county: &str,
        capacity: i64,
        caps: &[(&str, Category, &str)],
    ) -> &mut Self {
        let mut o = Organization::new(id(label), at("2026-11-01T09:00:00+08:00"));
        o.name = name.into();
        o.region = Region {
            province: "江苏省".into(),
            city: "镇江市".into(),
            county: county.into(),
            township: String::new(),
        };
        o.capacity = capacity;
        for (cl, cat, desc) in caps {
            let mut c = Capability::new(id(cl), *cat);
            c.description = (*desc).into();
            o.capabilities.push(c);
        }
        self.records.organizations.insert(o.id.clone(), o);
        self
    }

    pub fn pairing(
        &mut self,
        label: &str,
        village: &str,
        org: &str,
        status: PairingStatus,
    ) -> &mut Self {
        let now = at("2026-11-02T09:00:00+08:00");
        let mut p = Pairing::new(id(label), id(village), id(org), now);
        p.status = status;
        self.records.pairings.insert(p.id.clone(), p);
        self
    }
}

/// The header of every file these tests export: 张三's device, one morning.
pub fn header() -> Header {
    Header {
        exported_at: at("2026-11-22T09:30:00+08:00"),
        device_id: "6f9619ff-8b86-4d01-b42d-00cf4fc964ff".into(),
        surveyor: "张三".into(),
    }
}

/// The shipped JSON Schema of the file, compiled once.
pub fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../public/qianshou-survey.schema.json"
        );
        let text = std::fs::read_to_string(path).expect("the shipped schema");
        let value: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&value)
            .expect("the schema compiles")
    })
}

/// 马埂村 with two needs, 镇江市中药材协会 with one capability, a signed pairing covering n1.
pub fn herbs_programme() -> Data {
    let mut d = Data::new();
    d.village(
        "maggeng",
        "句容市",
        "宝华镇",
        Some(8.5),
        &[
            (
                "n1",
                Category::Agritech,
                "需要中草药种植专家指导",
                Priority::High,
            ),
            ("n2", Category::Sales, "蜂蜜销路", Priority::Medium),
        ],
    )
    .org(
        "herbs",
        "镇江市中药材协会",
        "句容市",
        2,
        &[("c1", Category::Agritech, "中草药种植技术指导")],
    )
    .pairing("p1", "maggeng", "herbs", PairingStatus::Signed);
    let p = d.records.pairings.get_mut(&id("p1")).unwrap();
    p.need_ids = vec![id("n1")];
    p.capability_ids = vec![id("c1")];
    d
}

/// Every key and value in `store`, to compare before and after.
pub fn snapshot(store: &MemoryStore) -> BTreeMap<String, String> {
    store
        .keys()
        .unwrap()
        .into_iter()
        .map(|k| {
            let v = store.get(&k).unwrap().unwrap();
            (k, v)
        })
        .collect()
}

/// Every organisation scored, best capability each, ranked: what `best` must return, however it
/// skips organisations.
pub fn every_organisation(
    m: &qianshou_core::matching::score::Matcher,
    v: &Village,
    n: &Need,
    top: usize,
) -> Vec<(f64, String, String)> {
    let mut all: Vec<(f64, String, String)> = m
        .records()
        .organizations
        .values()
        .filter(|o| !o.deleted && m.has_room(o, v))
        .filter_map(|o| {
            o.capabilities
                .iter()
                .filter_map(|c| {
                    m.score_value(v, n, o, c)
                        .map(|s| (s, o.id.clone(), c.id.clone()))
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.2.cmp(&a.2)))
        })
        .collect();
    all.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    all.truncate(top);
    all
}
