//! Field-by-field merging of two copies of one record, for two tabs (or windows) of the app
//! editing the same village at once.
//!
//! Both tabs save every keystroke. Replacing a whole record with the other tab's copy loses what
//! this tab typed in another field meanwhile, so changes are merged per field against the copy
//! both started from: a field changed on one side only takes that side's value; a field changed on
//! both sides to different values is a conflict, settled by the side given as preferred and
//! reported. Needs and capabilities are merged by their `id`, so two tabs can edit two different
//! needs of one village. `updated_at` is left to the caller (the later of the two, then touched).

use crate::model::records::{rfc3339, Timestamp};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The result of merging two copies of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<R> {
    /// The merged record.
    pub record: R,
    /// The fields changed on both sides to different values, as paths (`region.county`,
    /// `needs[2].description`: the item's position in the merged list, counted from 1).
    pub conflicts: Vec<String>,
}

/// Which side wins a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// This tab's copy.
    Ours,
    /// The other tab's copy.
    Theirs,
}

/// Merges `ours` and `theirs`, both changed from `base`. The merged record's `updated_at` is the
/// later of the two sides'. Returns `None` only if a side does not serialise, has no `updated_at`,
/// or the merge does not read back (never for records of this crate).
///
/// Any record that serialises to an object with an `updated_at` will do: the merge works on the
/// JSON, so it needs nothing of the storage's `Record` (which uses this module).
pub fn merge3<R>(base: &R, ours: &R, theirs: &R, prefer: Prefer) -> Option<Merged<R>>
where
    R: Serialize + DeserializeOwned,
{
    let base = serde_json::to_value(base).ok()?;
    let o = serde_json::to_value(ours).ok()?;
    let t = serde_json::to_value(theirs).ok()?;
    let mut conflicts = Vec::new();
    let mut merged = value(&base, &o, &t, prefer, "", &mut conflicts);
    if let Value::Object(m) = &mut merged {
        let later = updated_at(&o)?.max(updated_at(&t)?);
        m.insert(
            "updated_at".into(),
            serde_json::to_value(LaterStamp(later)).ok()?,
        );
    }
    let record = serde_json::from_value(merged).ok()?;
    Some(Merged { record, conflicts })
}

/// A timestamp written the way records write it.
#[derive(Serialize, Deserialize)]
struct LaterStamp(#[serde(with = "rfc3339")] Timestamp);

/// The `updated_at` of a record's JSON.
fn updated_at(record: &Value) -> Option<Timestamp> {
    let stamp: LaterStamp = serde_json::from_value(record.get("updated_at")?.clone()).ok()?;
    Some(stamp.0)
}

fn value(
    base: &Value,
    ours: &Value,
    theirs: &Value,
    prefer: Prefer,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Value {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    match (base, ours, theirs) {
        (Value::Object(b), Value::Object(o), Value::Object(t)) => {
            Value::Object(object(b, o, t, prefer, path, conflicts))
        }
        (b, Value::Array(o), Value::Array(t)) if by_id(o) && by_id(t) => {
            let empty = Vec::new();
            let b = match b {
                Value::Array(b) if by_id(b) => b,
                _ => &empty,
            };
            Value::Array(list(b, o, t, prefer, path, conflicts))
        }
        _ => {
            conflicts.push(path.to_owned());
            match prefer {
                Prefer::Ours => ours.clone(),
                Prefer::Theirs => theirs.clone(),
            }
        }
    }
}

fn object(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    prefer: Prefer,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let keys = ours
        .keys()
        .chain(theirs.keys().filter(|k| !ours.contains_key(*k)));
    for key in keys {
        if key == "updated_at" {
            continue;
        }
        let missing = Value::Null;
        let at = |m: &Map<String, Value>| m.get(key).unwrap_or(&missing).clone();
        let sub = join(path, key);
        out.insert(
            key.clone(),
            value(&at(base), &at(ours), &at(theirs), prefer, &sub, conflicts),
        );
    }
    out
}

/// Whether a list holds objects that each have a distinct string `id` (needs, capabilities).
fn by_id(items: &[Value]) -> bool {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .all(|v| id_of(v).is_some_and(|id| seen.insert(id)))
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

fn list(
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    prefer: Prefer,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Vec<Value> {
    let find = |items: &'_ [Value], id: &str| items.iter().find(|v| id_of(v) == Some(id)).cloned();
    // The order of the side that wins conflicts, with the other side's new items after it.
    let (first, second) = match prefer {
        Prefer::Ours => (ours, theirs),
        Prefer::Theirs => (theirs, ours),
    };
    let mut ids: Vec<&str> = first.iter().filter_map(id_of).collect();
    ids.extend(
        second
            .iter()
            .filter_map(id_of)
            .filter(|id| find(first, id).is_none()),
    );
    let mut out = Vec::new();
    for id in ids {
        let (b, o, t) = (find(base, id), find(ours, id), find(theirs, id));
        let item_path = format!("{path}[{}]", out.len() + 1);
        let kept = match (b, o, t) {
            (_, Some(o), Some(t)) => {
                let b = find(base, id).unwrap_or(Value::Null);
                Some(value(&b, &o, &t, prefer, &item_path, conflicts))
            }
            // Added on one side.
            (None, Some(x), None) | (None, None, Some(x)) => Some(x),
            // Removed on one side: gone, unless the other side changed it meanwhile.
            (Some(b), Some(x), None) | (Some(b), None, Some(x)) => {
                if x == b {
                    None
                } else {
                    conflicts.push(item_path);
                    Some(x)
                }
            }
            _ => None,
        };
        out.extend(kept);
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Category, Need, Timestamp, Village};
    use chrono::DateTime;

    fn at(s: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn base() -> Village {
        let mut v = Village::new("v1".into(), at("2024-11-21T09:00:00+08:00"));
        v.name = "马埂村".into();
        v.needs.push(Need::new("n1".into(), Category::Agritech));
        v.needs.push(Need::new("n2".into(), Category::Sales));
        v
    }

    fn later(mut v: Village, secs: i64) -> Village {
        v.updated_at += chrono::Duration::seconds(secs);
        v
    }

    #[test]
    fn different_fields_changed_in_two_tabs_are_both_kept() {
        let b = base();
        let mut ours = later(b.clone(), 1);
        ours.region.county = "句容市".into();
        let mut theirs = later(b.clone(), 2);
        theirs.region.township = "宝华镇".into();
        let m = merge3(&b, &ours, &theirs, Prefer::Theirs).unwrap();
        assert_eq!(m.record.region.county, "句容市");
        assert_eq!(m.record.region.township, "宝华镇");
        assert_eq!(
            m.record.updated_at, theirs.updated_at,
            "the later side's time"
        );
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn the_same_field_changed_in_both_is_a_conflict_settled_by_the_preferred_side() {
        let b = base();
        let mut ours = later(b.clone(), 1);
        ours.region.county = "句容市".into();
        let mut theirs = later(b.clone(), 2);
        theirs.region.county = "丹徒区".into();
        let m = merge3(&b, &ours, &theirs, Prefer::Ours).unwrap();
        assert_eq!(m.record.region.county, "句容市");
        assert_eq!(m.conflicts, vec!["region.county".to_owned()]);
        let m = merge3(&b, &ours, &theirs, Prefer::Theirs).unwrap();
        assert_eq!(m.record.region.county, "丹徒区");
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let b = base();
        let mut ours = later(b.clone(), 1);
        ours.notes = "同一句".into();
        let theirs = ours.clone();
        let m = merge3(&b, &ours, &theirs, Prefer::Theirs).unwrap();
        assert_eq!(m.record.notes, "同一句");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn two_needs_edited_in_two_tabs_are_merged_by_id() {
        let b = base();
        let mut ours = later(b.clone(), 1);
        ours.needs[0].description = "中草药种植指导".into();
        let mut theirs = later(b.clone(), 2);
        theirs.needs[1].description = "茶叶销路".into();
        theirs.needs.push(Need::new("n3".into(), Category::Health));
        let m = merge3(&b, &ours, &theirs, Prefer::Theirs).unwrap();
        let d: Vec<_> = m
            .record
            .needs
            .iter()
            .map(|n| n.description.as_str())
            .collect();
        assert_eq!(d, ["中草药种植指导", "茶叶销路", ""]);
        assert_eq!(m.record.needs[2].id, "n3");
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn a_need_removed_in_one_tab_stays_removed_unless_the_other_changed_it() {
        let b = base();
        let mut ours = later(b.clone(), 1);
        ours.needs.remove(1);
        let theirs = later(b.clone(), 2);
        let m = merge3(&b, &ours, &theirs, Prefer::Theirs).unwrap();
        assert_eq!(m.record.needs.len(), 1);

        let mut theirs = later(b.clone(), 2);
        theirs.needs[1].description = "改过".into();
        let m = merge3(&b, &ours, &theirs, Prefer::Theirs).unwrap();
        assert_eq!(
            m.record.needs.len(),
            2,
            "an edit is not thrown away silently"
        );
        assert_eq!(m.conflicts, vec!["needs[2]".to_owned()]);
    }

    #[test]
    fn merging_is_the_same_whichever_tab_does_it_when_nothing_conflicts() {
        let b = base();
        let mut x = later(b.clone(), 1);
        x.population = Some(2100);
        x.needs[0].priority = crate::model::records::Priority::High;
        let mut y = later(b.clone(), 2);
        y.households = Some(640);
        y.industries = vec!["中草药".into()];
        let xy = merge3(&b, &x, &y, Prefer::Ours).unwrap().record;
        let yx = merge3(&b, &y, &x, Prefer::Ours).unwrap().record;
        assert_eq!(xy, yx);
    }
}
