//! Co-build projects: made from an accepted suggestion or plan proposal, moved through their
//! stages, and kept in step with the needs they cover.

use crate::matching::score::is_active;
use crate::model::records::{NeedStatus, Pairing, PairingStatus, Timestamp};
use crate::storage::repo::Records;
use std::collections::HashSet;

/// Accepts a match: the needs and capabilities join the active pairing of this village and
/// organisation if there is one (one project per partner), or a new pairing of status `intent`
/// is made with id `new_id`. Returns the id of the pairing that now covers them.
pub fn accept(
    records: &mut Records,
    village: &str,
    organization: &str,
    needs: &[String],
    capabilities: &[String],
    new_id: String,
    now: Timestamp,
) -> String {
    let existing = records
        .pairings
        .values_mut()
        .filter(|p| {
            !p.deleted
                && is_active(p.status)
                && p.village_id == village
                && p.organization_id == organization
        })
        .min_by(|a, b| a.id.cmp(&b.id));
    match existing {
        Some(p) => {
            for n in needs {
                if !p.need_ids.contains(n) {
                    p.need_ids.push(n.clone());
                }
            }
            for c in capabilities {
                if !p.capability_ids.contains(c) {
                    p.capability_ids.push(c.clone());
                }
            }
            p.updated_at = now.max(p.updated_at);
            p.id.clone()
        }
        None => {
            let mut p = Pairing::new(new_id, village.to_owned(), organization.to_owned(), now);
            p.need_ids = needs.to_vec();
            p.capability_ids = capabilities.to_vec();
            let id = p.id.clone();
            records.pairings.insert(id.clone(), p);
            id
        }
    }
}

/// Deletes (as tombstones) the pairings of village or organisation `partner` when it is deleted:
/// a project whose village or organisation is gone means nothing, and a file carrying it live
/// would leave it live on every device it reaches. Returns their ids, so that undo can restore
/// exactly these.
pub fn delete_with_partner(records: &mut Records, partner: &str, now: Timestamp) -> Vec<String> {
    let mut gone = Vec::new();
    for p in records.pairings.values_mut() {
        if !p.deleted && (p.village_id == partner || p.organization_id == partner) {
            p.deleted = true;
            p.updated_at = crate::storage::repo::touched(p.updated_at, now);
            gone.push(p.id.clone());
        }
    }
    gone
}

/// Restores the pairings [`delete_with_partner`] deleted (undo of a village's or organisation's
/// deletion).
pub fn restore(records: &mut Records, ids: &[String], now: Timestamp) {
    for id in ids {
        if let Some(p) = records.pairings.get_mut(id) {
            p.deleted = false;
            p.updated_at = crate::storage::repo::touched(p.updated_at, now);
        }
    }
}

/// Sets each need's status from the pairings: covered by an active pairing → `matched`; no
/// longer covered → back to `open`. A need marked `met` stays met. Returns the ids of the
/// villages that changed, to be saved.
pub fn sync_need_status(records: &mut Records, now: Timestamp) -> Vec<String> {
    let covered: HashSet<String> = records
        .pairings
        .values()
        .filter(|p| !p.deleted && is_active(p.status))
        .flat_map(|p| p.need_ids.iter().cloned())
        .collect();
    let mut changed = Vec::new();
    for v in records.villages.values_mut().filter(|v| !v.deleted) {
        let mut touched = false;
        for n in &mut v.needs {
            let want = match (n.status, covered.contains(&n.id)) {
                (NeedStatus::Met, _) => NeedStatus::Met,
                (_, true) => NeedStatus::Matched,
                (_, false) => NeedStatus::Open,
            };
            if n.status != want {
                n.status = want;
                touched = true;
            }
        }
        if touched {
            v.updated_at = now.max(v.updated_at);
            changed.push(v.id.clone());
        }
    }
    changed
}

/// The stages a pairing may move to from `status`: forward one step, or cancelled.
pub fn next_statuses(status: PairingStatus) -> Vec<PairingStatus> {
    use PairingStatus::*;
    let forward = match status {
        Intent => Some(Signed),
        Signed => Some(InProgress),
        InProgress => Some(Completed),
        Completed | Cancelled => None,
    };
    let mut out = vec![status];
    out.extend(forward);
    if is_active(status) {
        out.push(Cancelled);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Category, Need, Village};

    fn now() -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap()
    }

    fn records_with_need() -> Records {
        let mut r = Records::default();
        let mut v = Village::new("v".into(), now());
        v.needs.push(Need::new("n".into(), Category::Sales));
        v.needs.push(Need::new("m".into(), Category::Sales));
        r.villages.insert("v".into(), v);
        r
    }

    #[test]
    fn deleting_a_village_deletes_its_pairings_and_undo_restores_exactly_those() {
        let mut r = records_with_need();
        let mine = accept(&mut r, "v", "o", &["n".into()], &[], "p1".into(), now());
        let other = accept(&mut r, "w", "o", &[], &[], "p2".into(), now());
        let before = r.pairings[&mine].updated_at;
        let gone = delete_with_partner(&mut r, "v", now());
        assert_eq!(gone, vec![mine.clone()]);
        assert!(r.pairings[&mine].deleted);
        assert!(
            r.pairings[&mine].updated_at > before,
            "the deletion wins a merge elsewhere"
        );
        assert!(
            !r.pairings[&other].deleted,
            "another village's project is left alone"
        );
        assert!(delete_with_partner(&mut r, "v", now()).is_empty(), "once");
        restore(&mut r, &gone, now());
        assert!(!r.pairings[&mine].deleted);
        assert_eq!(
            delete_with_partner(&mut r, "o", now()).len(),
            2,
            "an organisation's too"
        );
    }

    #[test]
    fn accepting_makes_an_intent_and_marks_the_need_matched() {
        let mut r = records_with_need();
        let id = accept(
            &mut r,
            "v",
            "o",
            &["n".into()],
            &["c".into()],
            "p1".into(),
            now(),
        );
        assert_eq!(r.pairings[&id].status, PairingStatus::Intent);
        assert_eq!(sync_need_status(&mut r, now()), vec!["v".to_owned()]);
        assert_eq!(r.villages["v"].needs[0].status, NeedStatus::Matched);
        assert_eq!(r.villages["v"].needs[1].status, NeedStatus::Open);
    }

    #[test]
    fn a_second_accept_with_the_same_partner_joins_its_project() {
        let mut r = records_with_need();
        let a = accept(
            &mut r,
            "v",
            "o",
            &["n".into()],
            &["c".into()],
            "p1".into(),
            now(),
        );
        let b = accept(
            &mut r,
            "v",
            "o",
            &["m".into()],
            &["c".into()],
            "p2".into(),
            now(),
        );
        assert_eq!(a, b);
        assert_eq!(r.pairings.len(), 1);
        assert_eq!(
            r.pairings[&a].need_ids,
            vec!["n".to_owned(), "m".to_owned()]
        );
        assert_eq!(r.pairings[&a].capability_ids, vec!["c".to_owned()]);
    }

    #[test]
    fn cancelling_reopens_the_need_but_met_stays_met() {
        let mut r = records_with_need();
        let id = accept(
            &mut r,
            "v",
            "o",
            &["n".into(), "m".into()],
            &[],
            "p1".into(),
            now(),
        );
        sync_need_status(&mut r, now());
        r.villages.get_mut("v").unwrap().needs[1].status = NeedStatus::Met;
        r.pairings.get_mut(&id).unwrap().status = PairingStatus::Cancelled;
        sync_need_status(&mut r, now());
        assert_eq!(r.villages["v"].needs[0].status, NeedStatus::Open);
        assert_eq!(r.villages["v"].needs[1].status, NeedStatus::Met);
    }

    #[test]
    fn stages_move_forward_or_to_cancelled() {
        use PairingStatus::*;
        assert_eq!(next_statuses(Intent), vec![Intent, Signed, Cancelled]);
        assert_eq!(
            next_statuses(InProgress),
            vec![InProgress, Completed, Cancelled]
        );
        assert_eq!(next_statuses(Completed), vec![Completed]);
        assert_eq!(next_statuses(Cancelled), vec![Cancelled]);
    }
}
