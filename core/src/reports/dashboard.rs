//! The figures a coordinator reports upward, computed from the records: headline counts, needs by
//! area and by action group, coverage by county or township, the pairing funnel, and the list of
//! what needs attention. The dashboard screen only draws what this module computes.

use crate::matching::score::{capacity_left, is_active};
use crate::model::records::{
    ActionGroup, Category, NeedStatus, Organization, Pairing, PairingStatus, Priority, Region,
    Timestamp, Village,
};
use crate::model::text::{place_key, place_labels, same_place, Spellings};
use crate::storage::repo::Records;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

/// Which records the figures cover. Empty strings and `None` mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only villages of this county (县/区).
    pub county: String,
    /// Only villages of this township (乡/镇); meant with a county.
    pub township: String,
    /// Only villages surveyed on or after this day, and pairings signed (or, not yet signed,
    /// made) on or after it.
    pub from: Option<NaiveDate>,
    /// … and on or before this day.
    pub to: Option<NaiveDate>,
}

/// The day a village was surveyed: its survey date, or else the day its record was made.
pub fn survey_day(v: &Village) -> NaiveDate {
    v.surveyed_on.unwrap_or_else(|| v.created_at.date_naive())
}

/// The day a pairing counts from: signed, or else made.
pub fn pairing_day(p: &Pairing) -> NaiveDate {
    p.signed_on.unwrap_or_else(|| p.created_at.date_naive())
}

impl Filter {
    fn in_dates(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// Places compared by [`same_place`]: older records keep short or traditional names (句容),
    /// the pickers store full ones (句容市).
    fn in_region(&self, r: &Region) -> bool {
        (self.county.is_empty() || same_place(&r.county, &self.county))
            && (self.township.is_empty() || same_place(&r.township, &self.township))
    }

    fn in_place(&self, v: &Village) -> bool {
        self.in_region(&v.region)
    }

    /// Whether a village is counted: not deleted, in the place, surveyed in the dates.
    pub fn village(&self, v: &Village) -> bool {
        !v.deleted && self.in_place(v) && self.in_dates(survey_day(v))
    }

    /// Whether a pairing is counted: not deleted, its village in the place (surveyed whenever),
    /// and itself in the dates.
    pub fn pairing(&self, p: &Pairing, records: &Records) -> bool {
        !p.deleted
            && records
                .villages
                .get(&p.village_id)
                .is_some_and(|v| !v.deleted && self.in_place(v))
            && self.in_dates(pairing_day(p))
    }

    /// Whether an organisation is counted: not deleted, and with no place chosen, or located in
    /// it, or paired with a village in it.
    pub fn organization(&self, o: &Organization, paired_here: &HashSet<&str>) -> bool {
        let located = self.in_region(&o.region);
        !o.deleted && (located || paired_here.contains(o.id.as_str()))
    }
}

/// Needs by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NeedCounts {
    /// Nobody has taken them on yet.
    pub open: usize,
    /// Covered by an active pairing.
    pub matched: usize,
    /// Met.
    pub met: usize,
}

impl NeedCounts {
    /// All needs.
    pub fn total(&self) -> usize {
        self.open + self.matched + self.met
    }
}

/// How many villages of an area have a partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The county or township; empty when not recorded.
    pub area: String,
    /// Villages counted there.
    pub villages: usize,
    /// Of those, villages with at least one active pairing (intent, signed, in progress).
    pub covered: usize,
}

impl Coverage {
    /// The share covered, 0 to 1.
    pub fn share(&self) -> f64 {
        if self.villages == 0 {
            0.0
        } else {
            self.covered as f64 / self.villages as f64
        }
    }
}

/// The dashboard's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Villages surveyed.
    pub villages: usize,
    /// Of which economically weak.
    pub weak_villages: usize,
    /// Organisations.
    pub organizations: usize,
    /// The villages' needs by status.
    pub needs: NeedCounts,
    /// Pairings by status, in the order of [`PairingStatus::ALL`].
    pub pairings: Vec<(PairingStatus, usize)>,
    /// Money committed (万元) by pairings signed, in progress or completed.
    pub amount_wan: f64,
    /// People reached by pairings signed, in progress or completed.
    pub beneficiaries: i64,
    /// Needs by category, every category in the order of FORMAT.md.
    pub by_category: Vec<(Category, usize)>,
    /// Needs by action group; `None` for "other".
    pub by_group: Vec<(Option<ActionGroup>, usize)>,
    /// Coverage by county, or by township when a county is chosen; by area name.
    pub coverage: Vec<Coverage>,
    /// The funnel: pairings that reached intent, signed, in progress, completed (cancelled ones
    /// are left out: where they stopped is not recorded).
    pub funnel: [usize; 4],
}

/// The five action groups and "other", in the order the dashboard shows them.
pub const GROUPS: [Option<ActionGroup>; 6] = [
    Some(ActionGroup::Industry),
    Some(ActionGroup::Environment),
    Some(ActionGroup::Talent),
    Some(ActionGroup::Relief),
    Some(ActionGroup::Governance),
    None,
];

/// Whether a pairing has committed its money and people: signed, in progress or completed.
fn committed(status: PairingStatus) -> bool {
    matches!(
        status,
        PairingStatus::Signed | PairingStatus::InProgress | PairingStatus::Completed
    )
}

/// The villages `filter` covers.
fn chosen_villages<'a>(records: &'a Records, filter: &Filter) -> Vec<&'a Village> {
    records
        .villages
        .values()
        .filter(|v| filter.village(v))
        .collect()
}

/// The villages with an active pairing (intent, signed, in progress), whenever it was made.
fn partnered(records: &Records) -> HashSet<&str> {
    records
        .pairings
        .values()
        .filter(|p| !p.deleted && is_active(p.status))
        .map(|p| p.village_id.as_str())
        .collect()
}

/// The figures of the records `filter` covers.
pub fn figures(records: &Records, filter: &Filter) -> Figures {
    let villages = chosen_villages(records, filter);
    let pairings: Vec<&Pairing> = records
        .pairings
        .values()
        .filter(|p| filter.pairing(p, records))
        .collect();
    let paired_here: HashSet<&str> = pairings
        .iter()
        .filter(|p| p.status != PairingStatus::Cancelled)
        .map(|p| p.organization_id.as_str())
        .collect();
    // Coverage asks whether a village has a partner now, whenever the pairing was made.
    let partnered = partnered(records);

    let mut needs = NeedCounts::default();
    let mut by_category: BTreeMap<Category, usize> =
        Category::ALL.iter().map(|&c| (c, 0)).collect();
    for n in villages.iter().flat_map(|v| &v.needs) {
        match n.status {
            NeedStatus::Open => needs.open += 1,
            NeedStatus::Matched => needs.matched += 1,
            NeedStatus::Met => needs.met += 1,
        }
        *by_category.entry(n.category).or_default() += 1;
    }
    let by_category: Vec<(Category, usize)> =
        Category::ALL.iter().map(|c| (*c, by_category[c])).collect();
    let by_group = GROUPS
        .iter()
        .map(|&g| {
            let n = by_category
                .iter()
                .filter(|(c, _)| c.group() == g)
                .map(|(_, n)| n)
                .sum();
            (g, n)
        })
        .collect();

    let by_township = !filter.county.is_empty();
    // One area per place, whatever its spelling (句容, 句容市), labelled as `place_labels` does.
    let mut areas: BTreeMap<String, (Spellings, Coverage)> = BTreeMap::new();
    for v in &villages {
        let area = if by_township {
            v.region.township.trim()
        } else {
            v.region.county.trim()
        };
        let (spellings, c) = areas.entry(place_key(area)).or_insert_with(|| {
            let empty = Coverage {
                area: String::new(),
                villages: 0,
                covered: 0,
            };
            (Spellings::default(), empty)
        });
        *spellings.0.entry(area).or_default() += 1;
        c.villages += 1;
        if partnered.contains(v.id.as_str()) {
            c.covered += 1;
        }
    }
    let mut coverage: Vec<Coverage> = areas
        .into_values()
        .map(|(spellings, c)| Coverage {
            area: spellings.label(),
            ..c
        })
        .collect();
    coverage.sort_by(|a, b| a.area.cmp(&b.area));

    let reached = |stage: PairingStatus| {
        pairings
            .iter()
            .filter(|p| p.status != PairingStatus::Cancelled && p.status >= stage)
            .count()
    };
    Figures {
        villages: villages.len(),
        weak_villages: villages.iter().filter(|v| v.is_weak()).count(),
        organizations: records
            .organizations
            .values()
            .filter(|o| filter.organization(o, &paired_here))
            .count(),
        needs,
        pairings: PairingStatus::ALL
            .iter()
            .map(|&s| (s, pairings.iter().filter(|p| p.status == s).count()))
            .collect(),
        amount_wan: pairings
            .iter()
            .filter(|p| committed(p.status))
            .filter_map(|p| p.amount_wan)
            .sum(),
        beneficiaries: pairings
            .iter()
            .filter(|p| committed(p.status))
            .filter_map(|p| p.beneficiaries)
            .sum(),
        by_category,
        by_group,
        coverage,
        funnel: [
            reached(PairingStatus::Intent),
            reached(PairingStatus::Signed),
            reached(PairingStatus::InProgress),
            reached(PairingStatus::Completed),
        ],
    }
}

/// A high-priority need left open too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleNeed {
    /// Its village.
    pub village_id: String,
    /// The village's name.
    pub village: String,
    /// What is needed.
    pub description: String,
    /// Days since the village was surveyed (when the need was recorded).
    pub days: i64,
}

/// What needs a coordinator's attention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attention {
    /// Weak villages with no active pairing: (id, name).
    pub weak_unpaired: Vec<(String, String)>,
    /// High-priority needs open longer than [`STALE_DAYS`], oldest first.
    pub stale_urgent: Vec<StaleNeed>,
    /// Organisations with places left: (id, name, places left), most places first.
    pub spare_capacity: Vec<(String, String, i64)>,
    /// Records changed since the last export (all of them when there was none).
    pub not_exported: usize,
}

/// How long a high-priority need may stay open before it is flagged.
pub const STALE_DAYS: i64 = 30;

/// What needs attention among the records `filter` covers, on `today`. A need has no date of
/// its own, so it counts from the day its village was surveyed.
pub fn attention(
    records: &Records,
    filter: &Filter,
    today: NaiveDate,
    last_export: Option<Timestamp>,
) -> Attention {
    let villages = chosen_villages(records, filter);
    let partnered = partnered(records);
    let mut weak_unpaired: Vec<(String, String)> = villages
        .iter()
        .filter(|v| v.is_weak() && !partnered.contains(v.id.as_str()))
        .map(|v| (v.id.clone(), v.name.clone()))
        .collect();
    weak_unpaired.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let mut stale_urgent: Vec<StaleNeed> = villages
        .iter()
        .flat_map(|v| {
            let days = (today - survey_day(v)).num_days();
            v.needs
                .iter()
                .filter(move |n| {
                    n.priority == Priority::High
                        && n.status == NeedStatus::Open
                        && days > STALE_DAYS
                })
                .map(move |n| StaleNeed {
                    village_id: v.id.clone(),
                    village: v.name.clone(),
                    description: n.description.clone(),
                    days,
                })
        })
        .collect();
    stale_urgent.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.village.cmp(&b.village)));
    let paired_here: HashSet<&str> = records
        .pairings
        .values()
        .filter(|p| filter.pairing(p, records) && p.status != PairingStatus::Cancelled)
        .map(|p| p.organization_id.as_str())
        .collect();
    let left = capacity_left(records);
    let mut spare_capacity: Vec<(String, String, i64)> = records
        .organizations
        .values()
        .filter(|o| filter.organization(o, &paired_here))
        .filter_map(|o| {
            let n = *left.get(o.id.as_str())?;
            (n > 0).then(|| (o.id.clone(), o.name.clone(), n))
        })
        .collect();
    spare_capacity.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    Attention {
        weak_unpaired,
        stale_urgent,
        spare_capacity,
        not_exported: crate::exchange::interchange::changed_since(records, last_export),
    }
}

/// The townships of a county's villages (not deleted), sorted, one per place (下蜀 and 下蜀镇 are
/// one: see [`place_labels`]), for the filter. The county is matched by [`same_place`].
pub fn townships(records: &Records, county: &str) -> Vec<String> {
    place_labels(
        records
            .villages
            .values()
            .filter(|v| !v.deleted && same_place(&v.region.county, county))
            .map(|v| v.region.township.as_str()),
    )
}
