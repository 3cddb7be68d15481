//! Times the list search and orders natively (not a test: it prints figures, nothing fails):
//!   cargo run --release -p qianshou-core --example bench_search -- [VILLAGES]
//! Villages get made-up names of common place-name characters (two or three and 村) in made-up
//! townships, so that pinyin queries have something to walk; 马埂村 is among them.
use qianshou_core::model::records::Village;
use qianshou_core::model::search::PinyinTable;
use qianshou_core::model::survey::{list_villages, ListOrder, SearchKeys, VillageFilter};
use std::time::Instant;

const CHARS: &str = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤东西南北上下大小新老长安平和兴隆丰家山河湖塘桥岗埂坝湾庄店集沟岭冲洼圩铺寨堡";

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let chars: Vec<char> = CHARS.chars().collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut pick = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        chars[((seed >> 33) as usize) % chars.len()]
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:00:00+08:00").unwrap();
    let villages: Vec<Village> = (0..n)
        .map(|i| {
            let mut v = Village::new(format!("v{i:05}"), at + chrono::Duration::minutes(i as i64));
            v.name = if i == n / 2 {
                "马埂村".into()
            } else {
                let len = 2 + i % 2;
                (0..len).map(|_| pick()).chain(['村']).collect()
            };
            v.region.township = format!("{}{}镇", pick(), pick());
            v.region.county = "句容市".into();
            v
        })
        .collect();

    let t = Instant::now();
    let table = PinyinTable::parse(include_str!("../core/data/pinyin.txt"));
    println!("parse the pinyin table: {:?}", t.elapsed());
    let t = Instant::now();
    let keys = SearchKeys::villages(&villages, Some(&table));
    println!(
        "keys of {n} villages (once per records version): {:?}",
        t.elapsed()
    );

    let rounds = 50;
    for query in [
        "马埂",
        "m",
        "mgc",
        "magengcun",
        "ma geng",
        "zhangjia",
        "xyzq",
    ] {
        let filter = VillageFilter {
            query: query.into(),
            ..Default::default()
        };
        let t = Instant::now();
        let mut shown = 0;
        for _ in 0..rounds {
            shown = list_villages(&villages, &filter, ListOrder::Recent, &keys).len();
        }
        println!(
            "query {query:>10}: {:?} a keystroke ({shown} shown)",
            t.elapsed() / rounds
        );
    }
    for order in ListOrder::ALL {
        let t = Instant::now();
        for _ in 0..rounds {
            list_villages(&villages, &VillageFilter::default(), order, &keys);
        }
        println!(
            "all {n} in order {:>8}: {:?}",
            order.code(),
            t.elapsed() / rounds
        );
    }
}
