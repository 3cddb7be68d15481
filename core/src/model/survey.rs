//! What the survey lists show: which records match a search and filters, in what order.
//!
//! A search finds a record by its characters or its pinyin (`model::search`). Each record's
//! keys are worked out once per version of the records ([`SearchKeys`]); a keystroke only
//! walks them.

use crate::model::records::{Organization, Region, Timestamp, Village};
use crate::model::search::{NameKey, PinyinTable, Query};
use crate::model::text::{normalize, place_key, place_labels};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The village list's search box and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VillageFilter {
    /// Text to find in the name, township, county or city: characters (traditional or
    /// simplified) or pinyin (`mgc`, `magengcun`).
    pub query: String,
    /// Only this county, when not empty.
    pub county: String,
    /// Only economically weak villages.
    pub only_weak: bool,
}

/// The order of a survey list, chosen in the list and remembered in the settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", from = "String")]
pub enum ListOrder {
    /// Most recently changed first: the record being surveyed stays on top. The default, and
    /// what an order stored by a newer app that this one does not know is read as.
    #[default]
    Recent,
    /// By name in pinyin order (names with no pinyin after, unnamed last).
    Name,
    /// By township in pinyin order (none last), then by name.
    Township,
}

impl ListOrder {
    /// Every order, in the order the list offers them.
    pub const ALL: [ListOrder; 3] = [ListOrder::Recent, ListOrder::Name, ListOrder::Township];

    /// Its name in storage and in the page (`recent`, `name`, `township`).
    pub fn code(self) -> &'static str {
        match self {
            ListOrder::Recent => "recent",
            ListOrder::Name => "name",
            ListOrder::Township => "township",
        }
    }

    /// The order named `code`; the default for a name it does not know.
    pub fn from_code(code: &str) -> ListOrder {
        ListOrder::ALL
            .into_iter()
            .find(|o| o.code() == code)
            .unwrap_or_default()
    }
}

impl From<String> for ListOrder {
    fn from(code: String) -> ListOrder {
        ListOrder::from_code(&code)
    }
}

/// What a record is searched and sorted by: its name and places read in pinyin, and other text
/// (an organisation's capabilities) by characters.
#[derive(Debug, Clone)]
pub struct RecordKeys<'t> {
    name: NameKey<'t>,
    township: NameKey<'t>,
    places: [NameKey<'t>; 2],
    text: Vec<NameKey<'t>>,
}

impl<'t> RecordKeys<'t> {
    fn new(name: &str, region: &Region, table: Option<&'t PinyinTable>) -> RecordKeys<'t> {
        RecordKeys {
            name: NameKey::new(name, table),
            township: NameKey::new(&region.township, table),
            places: [
                NameKey::new(&region.county, table),
                NameKey::new(&region.city, table),
            ],
            text: Vec::new(),
        }
    }

    fn matches(&self, query: &Query) -> bool {
        query.is_empty()
            || [&self.name, &self.township]
                .into_iter()
                .chain(&self.places)
                .chain(&self.text)
                .any(|k| k.matches(query))
    }
}

/// The search keys of every record of a list, by id: worked out once per version of the
/// records (and again once the pinyin table arrives), not at every keystroke.
#[derive(Debug, Clone, Default)]
pub struct SearchKeys<'t> {
    table: Option<&'t PinyinTable>,
    by_id: HashMap<String, RecordKeys<'t>>,
}

impl<'t> SearchKeys<'t> {
    /// The keys of `villages`, read with `table` (none: by characters only).
    pub fn villages<'a>(
        villages: impl IntoIterator<Item = &'a Village>,
        table: Option<&'t PinyinTable>,
    ) -> SearchKeys<'t> {
        SearchKeys {
            table,
            by_id: villages
                .into_iter()
                .filter(|v| !v.deleted)
                .map(|v| (v.id.clone(), RecordKeys::new(&v.name, &v.region, table)))
                .collect(),
        }
    }

    /// The keys of `organizations`: name and places in pinyin, capabilities by characters.
    pub fn organizations<'a>(
        organizations: impl IntoIterator<Item = &'a Organization>,
        table: Option<&'t PinyinTable>,
    ) -> SearchKeys<'t> {
        SearchKeys {
            table,
            by_id: organizations
                .into_iter()
                .filter(|o| !o.deleted)
                .map(|o| (o.id.clone(), organization_keys(o, table)))
                .collect(),
        }
    }

    /// The keys of record `id`, or `make` them if they were not worked out (a record newer
    /// than the keys).
    fn get_or<'s>(
        &'s self,
        id: &str,
        make: impl FnOnce(Option<&'t PinyinTable>) -> RecordKeys<'t>,
        slot: &'s mut Option<RecordKeys<'t>>,
    ) -> &'s RecordKeys<'t> {
        match self.by_id.get(id) {
            Some(k) => k,
            None => slot.insert(make(self.table)),
        }
    }
}

fn organization_keys<'t>(o: &Organization, table: Option<&'t PinyinTable>) -> RecordKeys<'t> {
    let mut keys = RecordKeys::new(&o.name, &o.region, table);
    keys.text = o
        .capabilities
        .iter()
        .map(|c| NameKey::new(&c.description, None))
        .collect();
    keys
}

/// Sorts `shown` (each with its keys, its id and when it last changed) in `order`.
fn sort<T>(
    shown: &mut [(&RecordKeys<'_>, T)],
    order: ListOrder,
    id: impl Fn(&T) -> &str,
    updated_at: impl Fn(&T) -> Timestamp,
) {
    let by_name = |a: &RecordKeys<'_>, b: &RecordKeys<'_>| a.name.collate(&b.name);
    // No township last, not first as an empty name would be in pinyin order.
    let by_township = |a: &RecordKeys<'_>, b: &RecordKeys<'_>| {
        (a.township.is_empty().cmp(&b.township.is_empty()))
            .then_with(|| a.township.collate(&b.township))
    };
    shown.sort_by(|(ka, a), (kb, b)| {
        let first = match order {
            ListOrder::Recent => updated_at(b).cmp(&updated_at(a)),
            ListOrder::Name => by_name(ka, kb),
            ListOrder::Township => by_township(ka, kb).then_with(|| by_name(ka, kb)),
        };
        first.then_with(|| id(a).cmp(id(b)))
    });
}

/// The villages `filter` shows, in `order`, searched with `keys` (made from these villages).
pub fn list_villages<'a>(
    villages: impl IntoIterator<Item = &'a Village>,
    filter: &VillageFilter,
    order: ListOrder,
    keys: &SearchKeys<'_>,
) -> Vec<&'a Village> {
    let query = Query::new(&filter.query);
    let mut made = Vec::new();
    let mut shown: Vec<(&RecordKeys<'_>, &Village)> = Vec::new();
    let mut wanted = Vec::new();
    let county = (!filter.county.is_empty()).then(|| place_key(&filter.county));
    for v in villages {
        if v.deleted || (filter.only_weak && !v.is_weak()) {
            continue;
        }
        // By place, not by spelling: 句容 (older records) and 句容市 (the picker's) are one county.
        if county
            .as_ref()
            .is_some_and(|c| *c != place_key(&v.region.county))
        {
            continue;
        }
        wanted.push(v);
    }
    // Keys for villages newer than `keys` are made here, kept in `made` while the list is sorted.
    made.resize_with(wanted.len(), || None);
    for (v, slot) in wanted.into_iter().zip(made.iter_mut()) {
        let k = keys.get_or(&v.id, |t| RecordKeys::new(&v.name, &v.region, t), slot);
        if k.matches(&query) {
            shown.push((k, v));
        }
    }
    sort(&mut shown, order, |v| &v.id, |v| v.updated_at);
    shown.into_iter().map(|(_, v)| v).collect()
}

/// The counties of the villages that are not deleted, sorted, one per place (句容 and 句容市 are
/// one, shown as 句容市: see [`place_labels`]), for the filter.
pub fn counties<'a>(villages: impl IntoIterator<Item = &'a Village>) -> Vec<String> {
    place_labels(
        villages
            .into_iter()
            .filter(|v| !v.deleted)
            .map(|v| v.region.county.as_str()),
    )
}

/// The organisations whose name or place (characters or pinyin) or capabilities (characters)
/// contain `query`, in `order`, searched with `keys` (made from these organisations).
pub fn list_organizations<'a>(
    organizations: impl IntoIterator<Item = &'a Organization>,
    query: &str,
    order: ListOrder,
    keys: &SearchKeys<'_>,
) -> Vec<&'a Organization> {
    let query = Query::new(query);
    let wanted: Vec<&Organization> = organizations.into_iter().filter(|o| !o.deleted).collect();
    let mut made = Vec::new();
    made.resize_with(wanted.len(), || None);
    let mut shown: Vec<(&RecordKeys<'_>, &Organization)> = Vec::new();
    for (o, slot) in wanted.into_iter().zip(made.iter_mut()) {
        let k = keys.get_or(&o.id, |t| organization_keys(o, t), slot);
        if k.matches(&query) {
            shown.push((k, o));
        }
    }
    sort(&mut shown, order, |o| &o.id, |o| o.updated_at);
    shown.into_iter().map(|(_, o)| o).collect()
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

    /// The list as it was before pinyin and orders: most recent first, by characters.
    fn list_villages<'a>(all: &'a [Village], filter: &VillageFilter) -> Vec<&'a Village> {
        super::list_villages(
            all,
            filter,
            ListOrder::Recent,
            &SearchKeys::villages(all, None),
        )
    }

    fn list_organizations<'a>(all: &'a [Organization], query: &str) -> Vec<&'a Organization> {
        super::list_organizations(
            all,
            query,
            ListOrder::Recent,
            &SearchKeys::organizations(all, None),
        )
    }

    fn table() -> &'static PinyinTable {
        static TABLE: std::sync::OnceLock<PinyinTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| PinyinTable::parse(include_str!("../../data/pinyin.txt")))
    }

    fn find_with(all: &[Village], table: Option<&PinyinTable>, query: &str) -> Vec<String> {
        let filter = VillageFilter {
            query: query.into(),
            ..Default::default()
        };
        let keys = SearchKeys::villages(all, table);
        super::list_villages(all, &filter, ListOrder::Recent, &keys)
            .into_iter()
            .map(|v| v.id.clone())
            .collect()
    }

    fn ordered(all: &[Village], order: ListOrder) -> Vec<&str> {
        let keys = SearchKeys::villages(all, Some(table()));
        ids(super::list_villages(
            all,
            &VillageFilter::default(),
            order,
            &keys,
        ))
    }

    #[test]
    fn villages_are_found_by_pinyin_of_their_name_or_township_once_the_table_is_there() {
        let all = sample();
        for q in ["mgc", "magengcun", "ma geng", "MaGen", "马埂"] {
            assert_eq!(find_with(&all, Some(table()), q), ["a"], "{q}");
        }
        assert_eq!(find_with(&all, Some(table()), "baohua"), ["a"], "宝华镇");
        assert_eq!(find_with(&all, Some(table()), "jr"), ["b", "a"], "句容市");
        // Before the table has arrived (or if it cannot be fetched): characters only.
        assert!(find_with(&all, None, "mgc").is_empty());
        assert_eq!(find_with(&all, None, "马埂"), ["a"]);
    }

    #[test]
    fn a_village_newer_than_the_keys_is_still_found() {
        let mut all = sample();
        let keys = SearchKeys::villages(&all, Some(table()));
        all.push(village("d", "马家村", "句容市", "宝华镇", None, 12));
        let filter = VillageFilter {
            query: "mjc".into(),
            ..Default::default()
        };
        let found = super::list_villages(&all, &filter, ListOrder::Recent, &keys);
        assert_eq!(ids(found), ["d"]);
    }

    #[test]
    fn the_three_orders() {
        let mut all = sample();
        all.push(village("d", "安村", "句容市", "宝华镇", None, 8));
        all.push(village("e", "", "句容市", "", None, 12));
        // 安村, 东岗村, 马埂村, 西山村; the unnamed one last.
        assert_eq!(ordered(&all, ListOrder::Name), ["d", "b", "a", "c", "e"]);
        // 宝华镇 (安村, 马埂村), 上党镇, 下蜀镇; no township last.
        assert_eq!(
            ordered(&all, ListOrder::Township),
            ["d", "a", "c", "b", "e"]
        );
        assert_eq!(ordered(&all, ListOrder::Recent), ["e", "b", "c", "a", "d"]);
    }

    #[test]
    fn organisations_are_found_by_the_pinyin_of_their_name_and_sorted_by_it() {
        let mut a = Organization::new("a".into(), at(9));
        a.name = "镇江市某商会".into();
        let mut b = Organization::new("b".into(), at(10));
        b.name = "句容农商银行".into();
        let all = vec![a, b];
        let keys = SearchKeys::organizations(&all, Some(table()));
        let find = |q: &str, order| {
            super::list_organizations(&all, q, order, &keys)
                .into_iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(find("zjs", ListOrder::Recent), ["a"]);
        assert_eq!(find("nongshang", ListOrder::Recent), ["b"]);
        assert_eq!(find("", ListOrder::Recent), ["b", "a"]);
        assert_eq!(find("", ListOrder::Name), ["b", "a"], "ju before zhen");
    }

    #[test]
    fn an_order_is_stored_by_its_code_and_an_unknown_one_is_read_as_the_default() {
        for o in ListOrder::ALL {
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(json, format!("\"{}\"", o.code()));
            assert_eq!(serde_json::from_str::<ListOrder>(&json).unwrap(), o);
            assert_eq!(ListOrder::from_code(o.code()), o);
        }
        assert_eq!(
            serde_json::from_str::<ListOrder>("\"distance\"").unwrap(),
            ListOrder::Recent
        );
        assert_eq!(ListOrder::from_code("distance"), ListOrder::Recent);
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
    fn old_short_county_names_and_new_full_ones_are_one_county() {
        // 东岗村 was recorded before the pickers, with the short name; 马埂村 with the picker's.
        let mut all = sample();
        all[1].region.county = "句容".into();
        assert_eq!(
            counties(&all),
            ["丹徒区", "句容市"],
            "one option, the full name"
        );
        for county in ["句容市", "句容", "句容縣"] {
            let f = VillageFilter {
                county: county.into(),
                ..Default::default()
            };
            assert_eq!(
                ids(list_villages(&all, &f)),
                ["b", "a"],
                "filtered by {county}"
            );
        }
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
