//! What is still wrong with a record, all problems at once, each naming its field.
//!
//! Records are saved as typed, half-finished ones too; these checks tell the surveyor what to fix
//! and gate an export or import. The words for each problem are made above, in `words`.

use crate::model::ids::is_record_id;
use crate::model::records::{Location, Organization, Pairing, Timestamp, Village};
use chrono::{Datelike, NaiveDate, Timelike};

/// The first year a date or a time of a record may be in. Surveys began long after it; a date
/// before it is a typing slip or a phone whose clock was reset.
pub const EARLIEST_YEAR: i32 = 2000;

/// The last year a date or a time of a record may be in. Far enough for any programme, and far
/// from the four-digit limit of the format: a record stamped in year 9999 could not be edited
/// (its next time would need five digits) nor exported.
pub const LATEST_YEAR: i32 = 2100;

/// The most needs, or capabilities, one pairing may name. A co-build project covers a handful;
/// the bound keeps one record from costing the checks, the screens and the file unbounded work.
pub const MAX_PAIRING_IDS: usize = 1_000;

/// Whether `text` shows nothing: empty, or only spaces, control characters and the invisible
/// characters that keyboards, copy and paste or a prank can put in a field (zero-width spaces,
/// joiners, direction marks, the Mongolian vowel separator, Hangul fillers, the blank Braille
/// pattern, variation selectors, tags). A name made of them is no name.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// Whether `c` draws nothing: white space, a control, or a default-ignorable or filler character.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Whether a year is one a record's dates and times may be in.
pub fn year_in_range(year: i32) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&year)
}

/// What is wrong with a moment as a record's time, if anything: a year out of range (as
/// written, in its own offset), or a leap second anywhere but 23:59:60 UTC, which no schema
/// validator or server takes.
pub fn timestamp_problem(t: &Timestamp) -> Option<ProblemKind> {
    if !year_in_range(t.year()) {
        return Some(ProblemKind::OutOfYears);
    }
    let utc = t.naive_utc();
    let leap = t.nanosecond() >= 1_000_000_000;
    (leap && !(utc.hour() == 23 && utc.minute() == 59)).then_some(ProblemKind::LeapSecond)
}

/// What is wrong with a day as a record's date, if anything.
pub fn date_problem(d: &NaiveDate) -> Option<ProblemKind> {
    (!year_in_range(d.year())).then_some(ProblemKind::OutOfYears)
}

/// A field a problem is about. The same names label the form's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Field {
    Id,
    Name,
    Population,
    Households,
    CollectiveIncome,
    ArableLand,
    ForestLand,
    Latitude,
    Longitude,
    Description,
    Quantity,
    Members,
    Capacity,
    Amount,
    Beneficiaries,
    Village,
    Organization,
    Province,
    City,
    County,
    Township,
    Location,
    Industries,
    Resources,
    ContactName,
    ContactRole,
    ContactPhone,
    Needs,
    Capabilities,
    Notes,
    SurveyedOn,
    CreatedAt,
    UpdatedAt,
    Deleted,
    Kind,
    Category,
    Priority,
    Status,
    Unit,
    SignedOn,
    NeedIds,
    CapabilityIds,
    Region,
    Contact,
    ExportedAt,
    DeviceId,
    Surveyor,
}

impl Field {
    /// The field written in files under `name` (FORMAT.md); `parent` is the enclosing object's
    /// name for the fields of `region`, `location` and `contact`.
    pub fn from_json_name(parent: Option<&str>, name: &str) -> Option<Field> {
        use Field::*;
        Some(match (parent, name) {
            (Some("contact"), "name") => ContactName,
            (Some("contact"), "role") => ContactRole,
            (Some("contact"), "phone") => ContactPhone,
            (_, "id") => Id,
            (_, "name") => Name,
            (_, "population") => Population,
            (_, "households") => Households,
            (_, "collective_income_wan") => CollectiveIncome,
            (_, "arable_land_mu") => ArableLand,
            (_, "forest_land_mu") => ForestLand,
            (_, "lat") => Latitude,
            (_, "lon") => Longitude,
            (_, "description") => Description,
            (_, "quantity") => Quantity,
            (_, "members") => Members,
            (_, "capacity") => Capacity,
            (_, "amount_wan") => Amount,
            (_, "beneficiaries") => Beneficiaries,
            (_, "village_id") => Village,
            (_, "organization_id") => Organization,
            (_, "province") => Province,
            (_, "city") => City,
            (_, "county") => County,
            (_, "township") => Township,
            (_, "location") => Location,
            (_, "industries") => Industries,
            (_, "resources") => Resources,
            (_, "needs") => Needs,
            (_, "capabilities") => Capabilities,
            (_, "notes") => Notes,
            (_, "surveyed_on") => SurveyedOn,
            (_, "created_at") => CreatedAt,
            (_, "updated_at") => UpdatedAt,
            (_, "deleted") => Deleted,
            (_, "kind") => Kind,
            (_, "category") => Category,
            (_, "priority") => Priority,
            (_, "status") => Status,
            (_, "unit") => Unit,
            (_, "signed_on") => SignedOn,
            (_, "need_ids") => NeedIds,
            (_, "capability_ids") => CapabilityIds,
            (_, "region") => Region,
            (_, "contact") => Contact,
            (_, "exported_at") => ExportedAt,
            (_, "device_id") => DeviceId,
            (_, "surveyor") => Surveyor,
            _ => return None,
        })
    }
}

/// What is wrong with the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// It must not be empty.
    Required,
    /// It must not be negative.
    Negative,
    /// A latitude outside −90..90 or a longitude outside −180..180.
    OutOfRange,
    /// It must be at least 1.
    AtLeastOne,
    /// It is not a UUID (or it is the nil UUID).
    NotAnId,
    /// A date or time outside [`EARLIEST_YEAR`]..=[`LATEST_YEAR`].
    OutOfYears,
    /// A time with a leap second the format cannot carry (second 60 other than 23:59:60 UTC).
    LeapSecond,
    /// A pairing names more than [`MAX_PAIRING_IDS`] needs or capabilities.
    TooMany,
}

/// Where a problem is inside a record: the record itself, or one of its needs or capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The record's own field.
    Record,
    /// The need at this position (0-based).
    Need(usize),
    /// The capability at this position (0-based).
    Capability(usize),
}

/// One thing wrong with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    /// Where in the record.
    pub part: Part,
    /// Which field.
    pub field: Field,
    /// What is wrong.
    pub kind: ProblemKind,
}

struct Checker {
    part: Part,
    problems: Vec<Problem>,
}

impl Checker {
    fn flag(&mut self, field: Field, kind: ProblemKind) {
        self.problems.push(Problem {
            part: self.part,
            field,
            kind,
        });
    }
    fn required(&mut self, field: Field, text: &str) {
        if is_blank(text) {
            self.flag(field, ProblemKind::Required);
        }
    }
    fn id(&mut self, id: &str) {
        self.reference(Field::Id, id);
    }
    fn reference(&mut self, field: Field, id: &str) {
        if !is_record_id(id) {
            self.flag(field, ProblemKind::NotAnId);
        }
    }
    fn date(&mut self, field: Field, date: Option<NaiveDate>) {
        if let Some(kind) = date.as_ref().and_then(date_problem) {
            self.flag(field, kind);
        }
    }
    fn times(&mut self, created: &Timestamp, updated: &Timestamp) {
        for (field, t) in [(Field::CreatedAt, created), (Field::UpdatedAt, updated)] {
            if let Some(kind) = timestamp_problem(t) {
                self.flag(field, kind);
            }
        }
    }
    fn ids(&mut self, field: Field, ids: &[String]) {
        if ids.len() > MAX_PAIRING_IDS {
            self.flag(field, ProblemKind::TooMany);
        }
        if !ids.iter().all(|id| is_record_id(id)) {
            self.flag(field, ProblemKind::NotAnId);
        }
    }
    fn not_negative<N: Into<f64> + Copy>(&mut self, field: Field, value: Option<N>) {
        if value.is_some_and(|v| v.into() < 0.0) {
            self.flag(field, ProblemKind::Negative);
        }
    }
    fn count(&mut self, field: Field, value: Option<i64>) {
        // i64 into f64 loses precision only beyond 2^53, far past any real count.
        self.not_negative(field, value.map(|v| v as f64));
    }
    fn location(&mut self, location: Option<Location>) {
        if let Some(l) = location {
            if !(-90.0..=90.0).contains(&l.lat) || !l.lat.is_finite() {
                self.flag(Field::Latitude, ProblemKind::OutOfRange);
            }
            if !(-180.0..=180.0).contains(&l.lon) || !l.lon.is_finite() {
                self.flag(Field::Longitude, ProblemKind::OutOfRange);
            }
        }
    }
}

/// Every problem with a village and its needs.
pub fn village(v: &Village) -> Vec<Problem> {
    let mut c = Checker {
        part: Part::Record,
        problems: Vec::new(),
    };
    c.id(&v.id);
    c.required(Field::Name, &v.name);
    c.count(Field::Population, v.population);
    c.count(Field::Households, v.households);
    c.not_negative(Field::CollectiveIncome, v.collective_income_wan);
    c.not_negative(Field::ArableLand, v.arable_land_mu);
    c.not_negative(Field::ForestLand, v.forest_land_mu);
    c.location(v.location);
    c.date(Field::SurveyedOn, v.surveyed_on);
    c.times(&v.created_at, &v.updated_at);
    for (i, need) in v.needs.iter().enumerate() {
        c.part = Part::Need(i);
        c.id(&need.id);
        c.required(Field::Description, &need.description);
        c.not_negative(Field::Quantity, need.quantity);
    }
    c.problems
}

/// Every problem with an organisation and its capabilities.
pub fn organization(o: &Organization) -> Vec<Problem> {
    let mut c = Checker {
        part: Part::Record,
        problems: Vec::new(),
    };
    c.id(&o.id);
    c.required(Field::Name, &o.name);
    c.count(Field::Members, o.members);
    if o.capacity < 1 {
        c.flag(Field::Capacity, ProblemKind::AtLeastOne);
    }
    c.times(&o.created_at, &o.updated_at);
    for (i, cap) in o.capabilities.iter().enumerate() {
        c.part = Part::Capability(i);
        c.id(&cap.id);
        c.required(Field::Description, &cap.description);
        c.not_negative(Field::Quantity, cap.quantity);
    }
    c.problems
}

/// Every problem with a pairing taken on its own (whether its village and organisation exist is
/// the caller's check, since it needs the other records).
pub fn pairing(p: &Pairing) -> Vec<Problem> {
    let mut c = Checker {
        part: Part::Record,
        problems: Vec::new(),
    };
    c.id(&p.id);
    c.reference(Field::Village, &p.village_id);
    c.reference(Field::Organization, &p.organization_id);
    c.ids(Field::NeedIds, &p.need_ids);
    c.ids(Field::CapabilityIds, &p.capability_ids);
    c.not_negative(Field::Amount, p.amount_wan);
    c.count(Field::Beneficiaries, p.beneficiaries);
    c.date(Field::SignedOn, p.signed_on);
    c.times(&p.created_at, &p.updated_at);
    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Capability, Category, Need, Timestamp};

    const ID: &str = "6f9619ff-8b86-4d01-b42d-00cf4fc964ff";
    const ID2: &str = "7f9619ff-8b86-4d01-b42d-00cf4fc964ff";

    fn now() -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap()
    }

    fn good_village() -> Village {
        let mut v = Village::new(ID.into(), now());
        v.name = "马埂村".into();
        let mut need = Need::new(ID2.into(), Category::Agritech);
        need.description = "中草药种植指导".into();
        v.needs.push(need);
        v
    }

    #[test]
    fn a_complete_village_has_no_problem() {
        assert_eq!(village(&good_village()), vec![]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut v = good_village();
        v.name = "  ".into();
        v.population = Some(-5);
        v.arable_land_mu = Some(-1.0);
        v.location = Some(Location {
            lat: 95.0,
            lon: 119.0,
        });
        v.needs[0].description.clear();
        v.needs[0].quantity = Some(-2.0);
        let p = village(&v);
        let r = Part::Record;
        assert_eq!(
            p,
            vec![
                Problem {
                    part: r,
                    field: Field::Name,
                    kind: ProblemKind::Required
                },
                Problem {
                    part: r,
                    field: Field::Population,
                    kind: ProblemKind::Negative
                },
                Problem {
                    part: r,
                    field: Field::ArableLand,
                    kind: ProblemKind::Negative
                },
                Problem {
                    part: r,
                    field: Field::Latitude,
                    kind: ProblemKind::OutOfRange
                },
                Problem {
                    part: Part::Need(0),
                    field: Field::Description,
                    kind: ProblemKind::Required
                },
                Problem {
                    part: Part::Need(0),
                    field: Field::Quantity,
                    kind: ProblemKind::Negative
                },
            ]
        );
    }

    #[test]
    fn zero_is_a_recorded_number_and_not_a_problem() {
        let mut v = good_village();
        v.collective_income_wan = Some(0.0);
        v.population = Some(0);
        assert_eq!(village(&v), vec![]);
    }

    #[test]
    fn longitude_range_and_ids_are_checked() {
        let mut v = good_village();
        v.id = "42".into();
        v.location = Some(Location {
            lat: 32.0,
            lon: -181.0,
        });
        let fields: Vec<Field> = village(&v).iter().map(|p| p.field).collect();
        assert_eq!(fields, vec![Field::Id, Field::Longitude]);
    }

    #[test]
    fn an_organisation_needs_a_name_and_room_for_a_village() {
        let mut o = Organization::new(ID.into(), now());
        o.name = "镇江市某商会".into();
        assert_eq!(organization(&o), vec![]);
        o.capacity = 0;
        o.members = Some(-1);
        o.capabilities
            .push(Capability::new(ID2.into(), Category::Sales));
        let p = organization(&o);
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].part, Part::Capability(0));
        assert_eq!(p[0].field, Field::Members);
        assert_eq!(p[1].kind, ProblemKind::AtLeastOne);
    }
}
