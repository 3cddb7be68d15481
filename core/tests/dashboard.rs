//! The dashboard's figures for a known data set: counts, sums, coverage, funnel, attention.

mod common;

use chrono::NaiveDate;
use common::{at, id, Data};
use qianshou_core::model::records::*;
use qianshou_core::reports::dashboard::{self, Coverage, Filter};

/// Four villages in two counties of 镇江市, three organisations, four pairings.
///
/// | village | county/township | income | needs (priority, status) | pairings |
/// |---|---|---|---|---|
/// | 马埂村 | 句容市 宝华镇 | 8.5 (weak) | agritech high open, sales medium matched | p1 herbs signed 390 万元 210 人 |
/// | 东岗村 | 句容市 下蜀镇 | 30 | tourism low met | p2 chamber completed 40 万元 30 人 |
/// | 西岗村 | 丹徒区 高资街道 | 5 (weak) | health high open, training medium open | none |
/// | 南山村 | 丹徒区 高资街道 | unknown | finance medium open | p3 bank intent; p4 chamber cancelled |
fn programme() -> Data {
    let mut d = Data::new();
    d.village(
        "maggeng",
        "句容市",
        "宝华镇",
        Some(8.5),
        &[
            ("n1", Category::Agritech, "中草药种植指导", Priority::High),
            ("n2", Category::Sales, "蜂蜜销路", Priority::Medium),
        ],
    )
    .village(
        "donggang",
        "句容市",
        "下蜀镇",
        Some(30.0),
        &[("n3", Category::Tourism, "民宿运营", Priority::Low)],
    )
    .village(
        "xigang",
        "丹徒区",
        "高资街道",
        Some(5.0),
        &[
            ("n4", Category::Health, "乡村诊所", Priority::High),
            ("n5", Category::Training, "电商培训", Priority::Medium),
        ],
    )
    .village(
        "nanshan",
        "丹徒区",
        "高资街道",
        None,
        &[("n6", Category::Finance, "小额贷款", Priority::Medium)],
    )
    .org(
        "herbs",
        "镇江市中药材协会",
        "句容市",
        2,
        &[("c1", Category::Agritech, "种植技术")],
    )
    .org(
        "chamber",
        "镇江市某商会",
        "",
        3,
        &[("c2", Category::Sales, "收购农产品")],
    )
    .org(
        "bank",
        "农商银行",
        "丹徒区",
        1,
        &[("c3", Category::Finance, "小额信贷")],
    )
    .pairing("p1", "maggeng", "herbs", PairingStatus::Signed)
    .pairing("p2", "donggang", "chamber", PairingStatus::Completed)
    .pairing("p3", "nanshan", "bank", PairingStatus::Intent)
    .pairing("p4", "nanshan", "chamber", PairingStatus::Cancelled);
    let r = &mut d.records;
    let v = r.villages.get_mut(&id("maggeng")).unwrap();
    v.needs[1].status = NeedStatus::Matched;
    v.surveyed_on = NaiveDate::from_ymd_opt(2026, 9, 1);
    r.villages.get_mut(&id("donggang")).unwrap().needs[0].status = NeedStatus::Met;
    r.villages.get_mut(&id("xigang")).unwrap().surveyed_on = NaiveDate::from_ymd_opt(2026, 11, 10);
    r.villages.get_mut(&id("nanshan")).unwrap().surveyed_on = NaiveDate::from_ymd_opt(2026, 10, 1);
    r.villages.get_mut(&id("donggang")).unwrap().surveyed_on = NaiveDate::from_ymd_opt(2026, 8, 15);
    let p1 = r.pairings.get_mut(&id("p1")).unwrap();
    p1.amount_wan = Some(390.0);
    p1.beneficiaries = Some(210);
    p1.signed_on = NaiveDate::from_ymd_opt(2026, 9, 20);
    let p2 = r.pairings.get_mut(&id("p2")).unwrap();
    p2.amount_wan = Some(40.0);
    p2.beneficiaries = Some(30);
    p2.signed_on = NaiveDate::from_ymd_opt(2026, 8, 30);
    // Money on an intent or a cancelled pairing is not committed.
    r.pairings.get_mut(&id("p3")).unwrap().amount_wan = Some(1000.0);
    r.pairings.get_mut(&id("p4")).unwrap().amount_wan = Some(500.0);
    // A deleted village counts nowhere.
    let mut gone = Village::new(id("gone"), at("2026-11-01T09:00:00+08:00"));
    gone.name = "已删村".into();
    gone.deleted = true;
    gone.collective_income_wan = Some(1.0);
    r.villages.insert(gone.id.clone(), gone);
    d
}

fn count(f: &dashboard::Figures, c: Category) -> usize {
    f.by_category.iter().find(|(x, _)| *x == c).unwrap().1
}

#[test]
fn headline_figures_of_the_whole_programme() {
    let f = dashboard::figures(&programme().records, &Filter::default());
    assert_eq!(f.villages, 4);
    assert_eq!(f.weak_villages, 2);
    assert_eq!(f.organizations, 3);
    assert_eq!((f.needs.open, f.needs.matched, f.needs.met), (4, 1, 1));
    assert_eq!(
        f.pairings,
        vec![
            (PairingStatus::Intent, 1),
            (PairingStatus::Signed, 1),
            (PairingStatus::InProgress, 0),
            (PairingStatus::Completed, 1),
            (PairingStatus::Cancelled, 1),
        ]
    );
    assert_eq!(f.amount_wan, 430.0);
    assert_eq!(f.beneficiaries, 240);
    // Reached intent: 3 (not the cancelled one); signed or later: 2; in progress or later: 1.
    assert_eq!(f.funnel, [3, 2, 1, 1]);
}

#[test]
fn needs_by_area_and_by_action_group() {
    let f = dashboard::figures(&programme().records, &Filter::default());
    assert_eq!(f.by_category.len(), 16);
    assert_eq!(count(&f, Category::Agritech), 1);
    assert_eq!(count(&f, Category::Governance), 0);
    let groups: Vec<usize> = f.by_group.iter().map(|(_, n)| *n).collect();
    // Industry: agritech, sales, tourism, finance; environment none; talent: training;
    // relief: health; governance none; other none.
    assert_eq!(groups, vec![4, 0, 1, 1, 0, 0]);
}

#[test]
fn coverage_by_county_then_by_township() {
    let records = programme().records;
    let f = dashboard::figures(&records, &Filter::default());
    assert_eq!(
        f.coverage,
        vec![
            Coverage {
                area: "丹徒区".into(),
                villages: 2,
                covered: 1
            },
            Coverage {
                area: "句容市".into(),
                villages: 2,
                covered: 1
            },
        ]
    );
    let f = dashboard::figures(
        &records,
        &Filter {
            county: "句容市".into(),
            ..Filter::default()
        },
    );
    assert_eq!(f.villages, 2);
    // 镇江市中药材协会 is in 句容市; the chamber (city-wide) is paired with 东岗村.
    assert_eq!(f.organizations, 2);
    assert_eq!(
        f.coverage,
        vec![
            Coverage {
                area: "下蜀镇".into(),
                villages: 1,
                covered: 0
            },
            Coverage {
                area: "宝华镇".into(),
                villages: 1,
                covered: 1
            },
        ]
    );
    assert_eq!(f.coverage[1].share(), 1.0);
}

#[test]
fn dates_choose_villages_by_survey_day_and_pairings_by_signing_day() {
    let records = programme().records;
    let september = Filter {
        from: NaiveDate::from_ymd_opt(2026, 9, 1),
        to: NaiveDate::from_ymd_opt(2026, 9, 30),
        ..Filter::default()
    };
    let f = dashboard::figures(&records, &september);
    assert_eq!(f.villages, 1, "马埂村, surveyed on 1 September");
    assert_eq!(
        f.amount_wan, 390.0,
        "p1 signed on 20 September; p2 in August"
    );
    assert_eq!(f.pairings[1], (PairingStatus::Signed, 1));
    assert_eq!(f.pairings[3], (PairingStatus::Completed, 0));
}

#[test]
fn attention_lists_what_a_coordinator_should_look_at() {
    let records = programme().records;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let a = dashboard::attention(&records, &Filter::default(), today, None);
    // 西岗村 is weak with no partner; 马埂村 is weak but paired.
    assert_eq!(a.weak_unpaired, vec![(id("xigang"), "xigang".to_owned())]);
    // 马埂村's urgent need was recorded 82 days ago and is open; 西岗村's is 12 days old.
    assert_eq!(a.stale_urgent.len(), 1);
    assert_eq!(a.stale_urgent[0].village, "maggeng");
    assert_eq!(a.stale_urgent[0].days, 82);
    // Places left: chamber 3 (its completed and cancelled pairings hold none), herbs 2 - 1;
    // the bank's one place is taken by the intent.
    assert_eq!(
        a.spare_capacity,
        vec![
            (id("chamber"), "镇江市某商会".to_owned(), 3),
            (id("herbs"), "镇江市中药材协会".to_owned(), 1),
        ]
    );
    assert_eq!(
        a.not_exported, 12,
        "5 villages (one deleted), 3 organisations, 4 pairings"
    );
    let since = at("2026-11-01T12:00:00+08:00");
    assert_eq!(
        dashboard::attention(&records, &Filter::default(), today, Some(since)).not_exported,
        4
    );
    assert_eq!(
        dashboard::townships(&records, "丹徒区"),
        vec!["高资街道".to_owned()]
    );
}

#[test]
fn old_short_place_names_and_new_full_ones_are_one_place() {
    // 东岗村 was recorded before the place pickers, with short names; 马埂村 with the full ones.
    let mut records = programme().records;
    let v = records.villages.get_mut(&id("donggang")).unwrap();
    v.region.county = "句容".into();
    v.region.township = "下蜀".into();
    let areas = |f: &dashboard::Figures| {
        f.coverage
            .iter()
            .map(|c| (c.area.clone(), c.villages, c.covered))
            .collect::<Vec<_>>()
    };
    let all = dashboard::figures(&records, &Filter::default());
    assert_eq!(
        areas(&all),
        [("丹徒区".into(), 2, 1), ("句容市".into(), 2, 1)]
    );
    assert_eq!(
        qianshou_core::model::survey::counties(records.villages.values()),
        ["丹徒区", "句容市"]
    );
    for county in ["句容市", "句容"] {
        let filter = Filter {
            county: county.into(),
            ..Filter::default()
        };
        let f = dashboard::figures(&records, &filter);
        assert_eq!(f.villages, 2, "filtered by {county}");
        assert_eq!(f.organizations, 2, "filtered by {county}");
        assert_eq!(
            areas(&f),
            [("下蜀".into(), 1, 0), ("宝华镇".into(), 1, 1)],
            "filtered by {county}"
        );
        assert_eq!(dashboard::townships(&records, county), ["下蜀", "宝华镇"]);
    }
    let filter = Filter {
        county: "句容".into(),
        township: "下蜀镇".into(),
        ..Filter::default()
    };
    assert_eq!(dashboard::figures(&records, &filter).villages, 1);
}
