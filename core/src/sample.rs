//! Generated survey data of any size, the same every time: for benchmarks (native and wasm).
//! Built only with the `sample` feature, so the app never ships it.

use crate::model::records::*;
use crate::storage::repo::Records;

const WORDS: &[&str] = &[
    "中草药种植",
    "蜂蜜销售",
    "电商平台",
    "小额贷款",
    "民宿开发",
    "宽带升级",
    "道路硬化",
    "垃圾处理",
    "技能培训",
    "务工岗位",
    "助学金",
    "医疗设备",
    "法律咨询",
    "矛盾调解",
    "茶叶加工",
    "水果采摘",
    "鱼塘养殖",
    "红色旅游",
];

/// A small deterministic generator, so every run measures the same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn id(kind: u64, n: u64) -> String {
    format!("00000000-0000-4000-8{kind:03x}-{n:012x}")
}

/// A generated programme: `villages` villages and `orgs` organisations, three needs or
/// capabilities each, over a few counties, the same every time.
pub fn programme(villages: u64, orgs: u64) -> Records {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap();
    let counties: Vec<String> = (0..(villages / 16).max(4))
        .map(|i| format!("第{i}县"))
        .collect();
    let mut r = Records::default();
    for i in 0..villages {
        let mut v = Village::new(id(1, i), now);
        v.name = format!("第{i}村");
        v.region = Region {
            province: "江苏省".into(),
            city: format!("第{}市", i % 13),
            county: counties[(rng.next() % counties.len() as u64) as usize].clone(),
            township: format!("第{}镇", i % 97),
        };
        v.collective_income_wan = Some((rng.next() % 50) as f64);
        v.industries = vec![rng.pick(WORDS).into()];
        for k in 0..3 {
            let mut n = Need::new(id(2, i * 3 + k), rng.pick(Category::ALL));
            n.description = format!("需要{}和{}", rng.pick(WORDS), rng.pick(WORDS));
            n.priority = rng.pick(Priority::ALL);
            v.needs.push(n);
        }
        r.villages.insert(v.id.clone(), v);
    }
    for i in 0..orgs {
        let mut o = Organization::new(id(3, i), now);
        o.name = format!("第{i}协会");
        o.region = Region {
            province: "江苏省".into(),
            city: format!("第{}市", i % 13),
            county: counties[(rng.next() % counties.len() as u64) as usize].clone(),
            township: String::new(),
        };
        o.capacity = 1 + (rng.next() % 3) as i64;
        for k in 0..3 {
            let mut c = Capability::new(id(4, i * 3 + k), rng.pick(Category::ALL));
            c.description = format!("提供{}", rng.pick(WORDS));
            o.capabilities.push(c);
        }
        r.organizations.insert(o.id.clone(), o);
    }
    r
}
