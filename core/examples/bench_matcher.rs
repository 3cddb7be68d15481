//! Benchmark of the matcher (not a test): all suggestions and the plan on generated programmes.
//!
//!   cargo run --release -p qianshou-core --example bench_matcher -- [VILLAGES ORGS]...
//!
//! With no arguments: 64×29, 1,000×500 and 10,000×5,000, about three needs or capabilities each.
//! Prints wall time of each step and the process's peak memory (VmHWM).

use qianshou_core::matcher::{Matcher, TOP};
use qianshou_core::plan::plan;
use qianshou_core::records::*;
use qianshou_core::repo::Records;
use std::time::Instant;

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

fn programme(villages: u64, orgs: u64) -> Records {
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

fn peak_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
                    / 1024.0
            })
        })
        .map_or("?".into(), |m| format!("{m:.0} MiB"))
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes: Vec<(u64, u64)> = if args.len() >= 2 {
        args.chunks(2).map(|c| (c[0], c[1])).collect()
    } else {
        vec![(64, 29), (1_000, 500), (10_000, 5_000)]
    };
    println!("| villages × organisations | prepare | all suggestions (top {TOP}) | plan | proposals | peak memory |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (v, o) in sizes {
        let records = programme(v, o);
        let t0 = Instant::now();
        let m = Matcher::new(&records);
        let t1 = Instant::now();
        let suggestions = m.suggest_all(TOP);
        let t2 = Instant::now();
        let p = plan(&m);
        let t3 = Instant::now();
        println!(
            "| {v} × {o} | {:.0} ms | {:.0} ms ({} suggestions) | {:.0} ms | {} | {} |",
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            suggestions.len(),
            (t3 - t2).as_secs_f64() * 1e3,
            p.proposals.len(),
            peak_mib()
        );
    }
}
