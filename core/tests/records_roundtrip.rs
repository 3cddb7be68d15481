//! Any record, written to JSON and read back, is the same record.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use qianshou_core::model::records::*;

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // 2000 to 2100, offsets from UTC-12 to UTC+14 in quarter hours, with or without nanoseconds.
    (
        946_684_800i64..4_102_444_800,
        -48i32..=56,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(secs, quarters, nanos)| {
            let offset = FixedOffset::east_opt(quarters * 900).unwrap();
            offset.timestamp_opt(secs, nanos).unwrap()
        })
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(
        (2000i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    )
}

fn text() -> impl Strategy<Value = String> {
    // Chinese, Latin, quotes, backslashes, HTML and control characters: all must survive.
    "[马埂村中草药銷售<>&\"'\\\\a-z0-9 \\n\\t\u{0}]{0,12}"
}

fn number() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![
        -1e9f64..1e9,
        Just(0.0),
        Just(8.5),
        any::<f64>().prop_filter("finite", |f| f.is_finite())
    ])
}

fn count() -> impl Strategy<Value = Option<i64>> {
    proptest::option::of(any::<i64>())
}

fn region() -> impl Strategy<Value = Region> {
    (text(), text(), text(), text()).prop_map(|(province, city, county, township)| Region {
        province,
        city,
        county,
        township,
    })
}

fn contact() -> impl Strategy<Value = Contact> {
    (text(), text(), text()).prop_map(|(name, role, phone)| Contact { name, role, phone })
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn need() -> impl Strategy<Value = Need> {
    (
        text(),
        pick(Category::ALL),
        text(),
        pick(Priority::ALL),
        number(),
        text(),
        pick(NeedStatus::ALL),
    )
        .prop_map(
            |(id, category, description, priority, quantity, unit, status)| Need {
                id,
                category,
                description,
                priority,
                quantity,
                unit,
                status,
            },
        )
}

fn village() -> impl Strategy<Value = Village> {
    let place = (
        text(),
        region(),
        proptest::option::of(
            (-90.0f64..=90.0, -180.0f64..=180.0).prop_map(|(lat, lon)| Location { lat, lon }),
        ),
    );
    let sizes = (count(), count(), number(), number(), number());
    let lists = (
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..3),
        contact(),
        proptest::collection::vec(need(), 0..4),
    );
    let rest = (text(), date(), timestamp(), timestamp(), any::<bool>());
    (text(), place, sizes, lists, rest).prop_map(
        |(
            id,
            (name, region, location),
            (population, households, income, arable, forest),
            (industries, resources, contact, needs),
            (notes, surveyed_on, created_at, updated_at, deleted),
        )| Village {
            id,
            name,
            region,
            location,
            population,
            households,
            collective_income_wan: income,
            arable_land_mu: arable,
            forest_land_mu: forest,
            industries,
            resources,
            contact,
            needs,
            notes,
            surveyed_on,
            created_at,
            updated_at,
            deleted,
        },
    )
}

fn organization() -> impl Strategy<Value = Organization> {
    let capability = (text(), pick(Category::ALL), text(), number(), text()).prop_map(
        |(id, category, description, quantity, unit)| Capability {
            id,
            category,
            description,
            quantity,
            unit,
        },
    );
    (
        (
            text(),
            text(),
            pick(OrganizationKind::ALL),
            region(),
            count(),
            any::<i64>(),
        ),
        (
            contact(),
            proptest::collection::vec(capability, 0..4),
            text(),
            timestamp(),
            timestamp(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, name, kind, region, members, capacity),
                (contact, capabilities, notes, created_at, updated_at, deleted),
            )| Organization {
                id,
                name,
                kind,
                region,
                members,
                capacity,
                contact,
                capabilities,
                notes,
                created_at,
                updated_at,
                deleted,
            },
        )
}

fn pairing() -> impl Strategy<Value = Pairing> {
    (
        (
            text(),
            text(),
            text(),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
        ),
        (
            pick(PairingStatus::ALL),
            date(),
            number(),
            count(),
            text(),
            timestamp(),
            timestamp(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, village_id, organization_id, need_ids, capability_ids),
                (
                    status,
                    signed_on,
                    amount_wan,
                    beneficiaries,
                    notes,
                    created_at,
                    updated_at,
                    deleted,
                ),
            )| Pairing {
                id,
                village_id,
                organization_id,
                need_ids,
                capability_ids,
                status,
                signed_on,
                amount_wan,
                beneficiaries,
                notes,
                created_at,
                updated_at,
                deleted,
            },
        )
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(record: &T) -> T {
    serde_json::from_str(&serde_json::to_string(record).unwrap()).unwrap()
}

proptest! {
    #[test]
    fn a_village_survives_json(v in village()) {
        prop_assert_eq!(round_trip(&v), v);
    }

    #[test]
    fn an_organization_survives_json(o in organization()) {
        prop_assert_eq!(round_trip(&o), o);
    }

    #[test]
    fn a_pairing_survives_json(p in pairing()) {
        prop_assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn timestamps_are_written_as_rfc3339_with_a_numeric_offset(v in village()) {
        let json = serde_json::to_value(&v).unwrap();
        for (field, value) in [("created_at", v.created_at), ("updated_at", v.updated_at)] {
            let text = json[field].as_str().unwrap();
            prop_assert!(!text.ends_with('Z'), "{}", text);
            let parsed = DateTime::parse_from_rfc3339(text).unwrap();
            prop_assert_eq!(parsed, value);
            prop_assert_eq!(parsed.offset(), value.offset(), "the offset is kept, not only the instant");
        }
    }
}
