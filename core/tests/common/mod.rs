//! Small hand-made survey data for behaviour tests.
#![allow(dead_code)]

use qianshou_core::model::records::*;
use qianshou_core::storage::repo::Records;

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
