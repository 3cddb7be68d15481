//! What the survey lists show: which records match a search and filters, in what order.

use crate::model::records::{Organization, Village};
use crate::model::text::{normalize, place_key};

/// The village list's search box and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VillageFilter {
    /// Text to find in the name, township, county or city (traditional or simplified).
    pub query: String,
    /// Only this county, when not empty.
    pub county: String,
    /// Only economically weak villages.
    pub only_weak: bool,
}

impl VillageFilter {
    /// Whether `v` is shown. Deleted villages never are.
    pub fn matches(&self, v: &Village) -> bool {
        if v.deleted || (self.only_weak && !v.is_weak()) {
            return false;
        }
        if !self.county.is_empty() && v.region.county != self.county {
            return false;
        }
        let query = normalize(self.query.trim());
        query.is_empty()
            || [
                &v.name,
                &v.region.township,
                &v.region.county,
                &v.region.city,
            ]
            .iter()
            .any(|field| normalize(field).contains(&query))
    }
}

/// The villages `filter` shows, most recently changed first (the one being surveyed on top).
pub fn list_villages<'a>(
    villages: impl IntoIterator<Item = &'a Village>,
    filter: &VillageFilter,
) -> Vec<&'a Village> {
    let mut shown: Vec<&Village> = villages.into_iter().filter(|v| filter.matches(v)).collect();
    shown.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    shown
}

/// The counties of the villages that are not deleted, sorted and without repeats, for the filter.
pub fn counties<'a>(villages: impl IntoIterator<Item = &'a Village>) -> Vec<String> {
    let mut all: Vec<String> = villages
        .into_iter()
        .filter(|v| !v.deleted && !v.region.county.is_empty())
        .map(|v| v.region.county.clone())
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The organisations whose name, place or capabilities contain `query`, most recent first.
pub fn list_organizations<'a>(
    organizations: impl IntoIterator<Item = &'a Organization>,
    query: &str,
) -> Vec<&'a Organization> {
    let query = normalize(query.trim());
    let mut shown: Vec<&Organization> = organizations
        .into_iter()
        .filter(|o| !o.deleted)
        .filter(|o| {
            query.is_empty()
                || [
                    &o.name,
                    &o.region.county,
                    &o.region.city,
                    &o.region.township,
                ]
                .into_iter()
                .chain(o.capabilities.iter().map(|c| &c.description))
                .any(|field| normalize(field).contains(&query))
        })
        .collect();
    shown.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    shown
}

/// Another village already recorded under the same name in the same township, or in the same
/// county when either has no township: most likely the same village surveyed twice. Names and
/// places are compared folded (traditional = simplified, 句容 = 句容市, spaces ignored); a
/// village with no name or no county matches nothing.
pub fn same_village<'a>(
    villages: impl IntoIterator<Item = &'a Village>,
    v: &Village,
) -> Option<&'a Village> {
    let name = |x: &Village| normalize(&x.name).replace(char::is_whitespace, "");
    let key = name(v);
    if key.is_empty() || v.region.county.trim().is_empty() {
        return None;
    }
    let same_place = |x: &Village| {
        let (a, b) = (&x.region, &v.region);
        if place_key(&a.county) != place_key(&b.county) {
            return false;
        }
        let (ta, tb) = (a.township.trim(), b.township.trim());
        ta.is_empty() || tb.is_empty() || place_key(ta) == place_key(tb)
    };
    villages
        .into_iter()
        .filter(|x| !x.deleted && x.id != v.id)
        .find(|x| name(x) == key && same_place(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Capability, Category, Timestamp};

    fn at(h: u32) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-11-22T{h:02}:00:00+08:00")).unwrap()
    }

    fn village(
        id: &str,
        name: &str,
        county: &str,
        township: &str,
        income: Option<f64>,
        hour: u32,
    ) -> Village {
        let mut v = Village::new(id.into(), at(hour));
        v.name = name.into();
        v.region.county = county.into();
        v.region.township = township.into();
        v.collective_income_wan = income;
        v
    }

    fn sample() -> Vec<Village> {
        vec![
            village("a", "马埂村", "句容市", "宝华镇", Some(8.5), 9),
            village("b", "东岗村", "句容市", "下蜀镇", Some(40.0), 11),
            village("c", "西山村", "丹徒区", "上党镇", None, 10),
        ]
    }

    fn ids(list: Vec<&Village>) -> Vec<&str> {
        list.into_iter().map(|v| v.id.as_str()).collect()
    }

    #[test]
    fn everything_shows_most_recent_first() {
        let all = sample();
        assert_eq!(
            ids(list_villages(&all, &VillageFilter::default())),
            ["b", "c", "a"]
        );
    }

    #[test]
    fn search_covers_name_township_and_county_in_either_script() {
        let all = sample();
        let find = |q: &str| {
            ids(list_villages(
                &all,
                &VillageFilter {
                    query: q.into(),
                    ..Default::default()
                },
            ))
        };
        assert_eq!(find("马埂"), ["a"]);
        assert_eq!(find("馬埂"), ["a"]);
        assert_eq!(find("下蜀"), ["b"]);
        assert_eq!(find("丹徒"), ["c"]);
        assert_eq!(find(" 句容 "), ["b", "a"]);
        assert!(find("上海").is_empty());
    }

    #[test]
    fn filters_by_county_and_weakness() {
        let mut all = sample();
        let f = VillageFilter {
            county: "句容市".into(),
            ..Default::default()
        };
        assert_eq!(ids(list_villages(&all, &f)), ["b", "a"]);
        let weak = VillageFilter {
            only_weak: true,
            ..Default::default()
        };
        assert_eq!(
            ids(list_villages(&all, &weak)),
            ["a"],
            "unknown income is not weak"
        );
        all[0].deleted = true;
        assert!(
            list_villages(&all, &weak).is_empty(),
            "deleted villages never show"
        );
        assert_eq!(counties(&all), ["丹徒区", "句容市"]);
    }

    #[test]
    fn organisations_are_found_by_what_they_offer() {
        let mut o = Organization::new("o".into(), at(9));
        o.name = "镇江市某商会".into();
        let mut c = Capability::new("c".into(), Category::Sales);
        c.description = "发动会员单位收购农产品".into();
        o.capabilities.push(c);
        let all = vec![o];
        assert_eq!(list_organizations(&all, "收购").len(), 1);
        assert_eq!(list_organizations(&all, "商會").len(), 1);
        assert_eq!(list_organizations(&all, "银行").len(), 0);
    }

    #[test]
    fn the_same_name_in_the_same_township_is_the_same_village_in_either_script() {
        let all = sample();
        let mut new = village("n", "馬埂村", "句容", "宝华", None, 12);
        assert_eq!(same_village(&all, &new).map(|v| v.id.as_str()), Some("a"));
        // Without a township, the county decides.
        new.region.township.clear();
        assert_eq!(same_village(&all, &new).map(|v| v.id.as_str()), Some("a"));
        // Another township of the county: another village that happens to share the name.
        new.region.township = "下蜀镇".into();
        assert_eq!(same_village(&all, &new), None);
    }

    #[test]
    fn a_village_is_not_its_own_twin_nor_a_deleted_ones() {
        let mut all = sample();
        assert_eq!(same_village(&all, &all[0].clone()), None, "itself");
        let twin = village("n", "马埂村", "句容市", "宝华镇", None, 12);
        all[0].deleted = true;
        assert_eq!(same_village(&all, &twin), None, "a deleted record");
        let unnamed = village("m", "  ", "句容市", "宝华镇", None, 12);
        assert_eq!(same_village(&all, &unnamed), None, "no name yet");
    }
}
