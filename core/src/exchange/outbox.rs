//! The upload outbox: what "上传" queues, when it is sent again, and what the server's answer
//! means (API version 1: `POST /api/v1/uploads`, README "Server").
//!
//! An item is a file of FORMAT.md made by the export code ([`crate::interchange`]) from every
//! record changed since the last *acknowledged* upload, stored under its own key until the server
//! acknowledges it. Its id is the request's `Idempotency-Key`, so sending it again after a lost
//! answer applies nothing twice. Nothing here ever removes or changes a survey record: an upload
//! only moves the outbox and the acknowledged mark.
//!
//! Storage layout (all under [`crate::storage::PREFIX`], none of them a record's key, so
//! [`crate::storage::repo::load`] passes them by, the journal ignores them, and an older app leaves them
//! alone): [`OUTBOX_PREFIX`]`<id>` per item, [`UPLOAD_STATE_KEY`] for the acknowledged mark and
//! the last upload, [`SERVER_KEY`] for the server's address and the surveyor's token. An item
//! that no longer parses is moved under [`crate::storage::repo::QUARANTINE_PREFIX`], like a record. While
//! storage belongs to a newer app every write here fails as every other write does
//! ([`StorageError::NewerSchema`]), so nothing is queued then.

use crate::exchange::interchange::{self, Header, LeftOut, Scope};
use crate::model::records::Timestamp;
use crate::storage::repo::{Records, QUARANTINE_PREFIX};
use crate::storage::{KeyValueStore, StorageError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Each outbox item is stored under this prefix and its id.
pub const OUTBOX_PREFIX: &str = "qianshou/outbox/";

/// The key of [`UploadState`].
pub const UPLOAD_STATE_KEY: &str = "qianshou/upload";

/// The key of [`ServerSettings`].
pub const SERVER_KEY: &str = "qianshou/server";

/// The longest gap between two automatic tries while the app is open (5 minutes).
pub const MAX_RETRY_MS: u64 = 300_000;

/// The gap after the first failed try.
pub const FIRST_RETRY_MS: u64 = 5_000;

fn to_storage<E: std::fmt::Display>(e: E) -> StorageError {
    StorageError::Other(e.to_string())
}

/// Where to upload, and as whom. Unknown fields are ignored and missing ones take defaults, so
/// older and newer builds read each other's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerSettings {
    /// The server's origin (`https://host:port`); empty for the page's own origin.
    pub address: String,
    /// The surveyor's token, as the coordinator gave it; empty when none was entered.
    pub token: String,
}

impl ServerSettings {
    /// The stored settings, or the defaults when none (or none readable) are stored.
    pub fn load(store: &dyn KeyValueStore) -> Result<ServerSettings, StorageError> {
        Ok(store
            .get(SERVER_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default())
    }

    /// Stores the settings.
    pub fn save(&self, store: &dyn KeyValueStore) -> Result<(), StorageError> {
        store.set(
            SERVER_KEY,
            &serde_json::to_string(self).map_err(to_storage)?,
        )
    }
}

/// A token as a coordinator's link carries it: `#token=…` or `?token=…` (also among other
/// parameters), percent-decoded and trimmed. `None` when the address has none.
pub fn token_in_link(search: &str, hash: &str) -> Option<String> {
    [hash, search]
        .into_iter()
        .flat_map(|part| part.trim_start_matches(['#', '?']).split('&'))
        .find_map(|pair| pair.strip_prefix("token="))
        .map(percent_decode)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(a), Some(b)) => {
                    out.push((a * 16 + b) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the device knows of its uploads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UploadState {
    /// Every change made up to this moment has been acknowledged by the server: the next item
    /// holds the records changed after it. `None` before the first acknowledgement.
    pub acknowledged_upto: Option<Timestamp>,
    /// When the server last acknowledged an upload.
    pub last_upload_at: Option<Timestamp>,
}

impl UploadState {
    /// The stored state; the defaults when none (or none readable) is stored, which at worst
    /// uploads everything again (the server keeps what it has when it is the same or newer).
    pub fn load(store: &dyn KeyValueStore) -> Result<UploadState, StorageError> {
        Ok(store
            .get(UPLOAD_STATE_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default())
    }

    /// Stores the state.
    pub fn save(&self, store: &dyn KeyValueStore) -> Result<(), StorageError> {
        store.set(
            UPLOAD_STATE_KEY,
            &serde_json::to_string(self).map_err(to_storage)?,
        )
    }

    /// How many records are not yet acknowledged by the server: the "N 条未上传" of the screens.
    pub fn unsent(&self, records: &Records) -> usize {
        interchange::changed_since(records, self.acknowledged_upto)
    }
}

/// One queued upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// A UUID, sent as the `Idempotency-Key`.
    pub id: String,
    /// When it was made: once acknowledged, every change up to here is on the server.
    pub made_at: Timestamp,
    /// The ids of the records it holds, every table together.
    pub records: Vec<String>,
    /// The file of FORMAT.md, exactly as sent every time.
    pub body: String,
}

/// The storage key of item `id`.
pub fn item_key(id: &str) -> String {
    format!("{OUTBOX_PREFIX}{id}")
}

/// What [`enqueue`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Enqueued {
    /// A new item holding this many records was queued.
    Queued(usize),
    /// Nothing changed since the newest queued item (or since the last acknowledgement when the
    /// outbox is empty): no item was added.
    NothingNew,
}

/// The items in the outbox, newest first (the order they are sent in: the newest holds every
/// change the older ones hold, at the same or a later version, so its acknowledgement usually
/// clears them too). An entry that does not parse is set aside under
/// [`QUARANTINE_PREFIX`] and left out.
pub fn pending(store: &dyn KeyValueStore) -> Result<Vec<Item>, StorageError> {
    let mut items = Vec::new();
    for key in store.keys()? {
        if !key.starts_with(OUTBOX_PREFIX) {
            continue;
        }
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        match serde_json::from_str::<Item>(&raw) {
            Ok(item) => items.push(item),
            Err(_) => {
                if store
                    .set(&format!("{QUARANTINE_PREFIX}{key}"), &raw)
                    .is_ok()
                {
                    store.remove(&key)?;
                }
            }
        }
    }
    items.sort_by(|a, b| b.made_at.cmp(&a.made_at).then_with(|| b.id.cmp(&a.id)));
    Ok(items)
}

/// The item "上传" would queue now: the changes since the last acknowledged upload, made with
/// the export code at `header.exported_at` under id `id`; `None` when nothing changed since the
/// newest queued item (or since the last acknowledgement when the outbox is empty). Records that
/// would break the contract are left out and returned (as export leaves them out); a pairing
/// brings its village and organisation. Stores nothing.
pub fn prepare(
    store: &dyn KeyValueStore,
    records: &Records,
    header: &Header,
    id: String,
) -> Result<(Option<Item>, Vec<LeftOut>), StorageError> {
    let state = UploadState::load(store)?;
    let newest = pending(store)?.into_iter().next().map(|i| i.made_at);
    let since = match (state.acknowledged_upto, newest) {
        (Some(a), Some(n)) => Some(a.max(n)),
        (a, n) => a.or(n),
    };
    if since.is_some() && interchange::changed_since(records, since) == 0 {
        return Ok((None, Vec::new()));
    }
    let scope = state
        .acknowledged_upto
        .map_or(Scope::All, Scope::ChangedSince);
    let selection = interchange::select(records, &scope);
    let left_out = selection.left_out.clone();
    if selection.is_empty() {
        return Ok((None, left_out));
    }
    let item = Item {
        id,
        made_at: header.exported_at,
        records: selection
            .villages
            .iter()
            .map(|v| v.id.clone())
            .chain(selection.organizations.iter().map(|o| o.id.clone()))
            .chain(selection.pairings.iter().map(|p| p.id.clone()))
            .collect(),
        body: interchange::to_json(&selection, header),
    };
    Ok((Some(item), left_out))
}

/// Stores `item` in the outbox.
///
/// On [`StorageError::QuotaExceeded`] nothing is stored: the item is as large as the records it
/// holds, so a device filled past half its local storage cannot queue its first upload. The app
/// then sends the item from memory (the server merges by id, so a later send under another key
/// applies nothing twice either).
pub fn store_item(store: &dyn KeyValueStore, item: &Item) -> Result<(), StorageError> {
    store.set(
        &item_key(&item.id),
        &serde_json::to_string(item).map_err(to_storage)?,
    )
}

/// [`prepare`], then [`store_item`]: queues the changes since the last acknowledged upload.
pub fn enqueue(
    store: &dyn KeyValueStore,
    records: &Records,
    header: &Header,
    id: String,
) -> Result<(Enqueued, Vec<LeftOut>), StorageError> {
    let (item, left_out) = prepare(store, records, header, id)?;
    let Some(item) = item else {
        return Ok((Enqueued::NothingNew, left_out));
    };
    store_item(store, &item)?;
    Ok((Enqueued::Queued(item.records.len()), left_out))
}

/// What one try of sending an item came to, from the HTTP status (`None`: no answer at all),
/// the body and the `Retry-After` header.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// 200: the server holds the file's records (or later copies of them).
    Acknowledged(Ack),
    /// 400: the file was refused and nothing stored; the server's words (the app's own import
    /// refusal: a title and one line per problem).
    Refused {
        /// The headline.
        title: String,
        /// One line per problem.
        problems: Vec<String>,
    },
    /// 413: over the server's size limit.
    TooLarge,
    /// 401: the token is unknown or revoked (or none was sent).
    TokenRejected,
    /// 403: the token may not do this.
    Forbidden,
    /// 429: too many uploads; try again after this many seconds when the server said.
    RateLimited(Option<u64>),
    /// No answer: no signal, the server down, the connection cut.
    Unreachable,
    /// Any other answer (a 5xx, a 200 that is not an acknowledgement): try again later.
    ServerTrouble(u16),
}

/// A 200's acknowledgement: the item's id and every record id it acknowledges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ack {
    /// The `Idempotency-Key` the server answered.
    pub upload: String,
    /// The ids of the file's records, every table together.
    pub records: BTreeSet<String>,
}

#[derive(Deserialize)]
struct AckBody {
    upload: String,
    acknowledged: AckIds,
}

#[derive(Deserialize)]
struct AckIds {
    villages: Vec<String>,
    organizations: Vec<String>,
    pairings: Vec<String>,
}

#[derive(Deserialize)]
struct RefusalBody {
    #[serde(default)]
    title: String,
    #[serde(default)]
    problems: Vec<String>,
    #[serde(default)]
    message: String,
}

/// What an answer means (see [`Answer`]).
pub fn classify(status: Option<u16>, body: &str, retry_after: Option<&str>) -> Answer {
    let Some(status) = status else {
        return Answer::Unreachable;
    };
    match status {
        200 => match serde_json::from_str::<AckBody>(body) {
            Ok(b) => Answer::Acknowledged(Ack {
                upload: b.upload,
                records: b
                    .acknowledged
                    .villages
                    .into_iter()
                    .chain(b.acknowledged.organizations)
                    .chain(b.acknowledged.pairings)
                    .collect(),
            }),
            // Something answered that is not our server (a captive portal's page, say).
            Err(_) => Answer::ServerTrouble(status),
        },
        400 => match serde_json::from_str::<RefusalBody>(body) {
            Ok(b) if !b.title.is_empty() => Answer::Refused {
                title: b.title,
                problems: b.problems,
            },
            Ok(b) if !b.message.is_empty() => Answer::Refused {
                title: b.message,
                problems: Vec::new(),
            },
            _ => Answer::ServerTrouble(status),
        },
        401 => Answer::TokenRejected,
        403 => Answer::Forbidden,
        413 => Answer::TooLarge,
        429 => Answer::RateLimited(retry_after.and_then(|s| s.trim().parse().ok())),
        other => Answer::ServerTrouble(other),
    }
}

/// When to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Send the next item now.
    Now,
    /// Try again after this many milliseconds.
    After(u64),
    /// Not by itself: the same file would get the same answer. The next try waits for the
    /// surveyor (a new token in Settings, "上传" after fixing a record), or the next start or
    /// `online` event.
    Hold,
}

/// The gap before automatic try number `failures + 1` after `failures` tries in a row that got
/// no useful answer: 5 s, doubling, at most [`MAX_RETRY_MS`] (5 minutes).
pub fn retry_delay_ms(failures: u32) -> u64 {
    FIRST_RETRY_MS
        .saturating_mul(1u64 << failures.min(16))
        .min(MAX_RETRY_MS)
}

/// What to do after `answer`, the `failures`-th try in a row without an acknowledgement
/// (counting this one, so 1 after the first failure).
pub fn after(answer: &Answer, failures: u32) -> Retry {
    let gap = retry_delay_ms(failures.saturating_sub(1));
    match answer {
        Answer::Acknowledged(_) => Retry::Now,
        Answer::Unreachable | Answer::ServerTrouble(_) => Retry::After(gap),
        Answer::RateLimited(secs) => Retry::After(
            secs.map_or(gap, |s| s.saturating_mul(1000).max(gap))
                .min(MAX_RETRY_MS),
        ),
        Answer::Refused { .. } | Answer::TooLarge | Answer::TokenRejected | Answer::Forbidden => {
            Retry::Hold
        }
    }
}

/// Takes `item` out of the outbox after `ack` (the answer to sending it), with every older item
/// whose records the acknowledgement names too (it holds them at the same or a later version),
/// and moves the acknowledged mark to the item's making. Survey records are never touched.
/// Returns the ids of the items removed; none when `ack` is the answer to another item.
///
/// The mark is saved before the item is removed: a page closed between the two sends the item
/// again, and the server answers a repeated key with the same acknowledgement.
pub fn acknowledge(
    store: &dyn KeyValueStore,
    item: &Item,
    ack: &Ack,
    at: Timestamp,
) -> Result<Vec<String>, StorageError> {
    if !ack.upload.eq_ignore_ascii_case(&item.id) {
        return Ok(Vec::new());
    }
    let mut state = UploadState::load(store)?;
    state.acknowledged_upto = Some(
        state
            .acknowledged_upto
            .map_or(item.made_at, |a| a.max(item.made_at)),
    );
    state.last_upload_at = Some(at);
    state.save(store)?;
    let mut removed = Vec::new();
    for other in pending(store)? {
        let covered = other.id == item.id
            || (other.made_at <= item.made_at
                && other.records.iter().all(|id| ack.records.contains(id)));
        if covered {
            store.remove(&item_key(&other.id))?;
            removed.push(other.id);
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Organization, Pairing, Village};
    use crate::storage::repo;
    use crate::storage::MemoryStore;

    fn at(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn header(when: &str) -> Header {
        Header {
            exported_at: at(when),
            device_id: "6f9619ff-8b86-4d01-b42d-00cf4fc964ff".into(),
            surveyor: "张三".into(),
        }
    }

    fn uuid(n: u8) -> String {
        format!("00000000-0000-4000-8000-0000000000{n:02x}")
    }

    fn village(n: u8, name: &str, updated: &str) -> Village {
        let mut v = Village::new(uuid(n), at(updated));
        v.name = name.into();
        v
    }

    /// A store holding `villages`, as the app keeps them (one key each), and the records.
    fn device(villages: &[Village]) -> (MemoryStore, Records) {
        let store = MemoryStore::new();
        let mut records = Records::default();
        for v in villages {
            repo::save(&store, v).unwrap();
            records.villages.insert(v.id.clone(), v.clone());
        }
        (store, records)
    }

    fn ack_of(item: &Item) -> Ack {
        Ack {
            upload: item.id.clone(),
            records: item.records.iter().cloned().collect(),
        }
    }

    #[test]
    fn the_first_item_holds_every_record_as_the_export_file_would() {
        let (store, records) = device(&[
            village(1, "马埂村", "2026-11-20T09:00:00+08:00"),
            village(2, "石门村", "2026-11-21T09:00:00+08:00"),
        ]);
        let h = header("2026-11-22T09:00:00+08:00");
        let (done, left_out) = enqueue(&store, &records, &h, uuid(0xa1)).unwrap();
        assert_eq!(done, Enqueued::Queued(2));
        assert!(left_out.is_empty());
        let items = pending(&store).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, uuid(0xa1));
        let same = interchange::to_json(&interchange::select(&records, &Scope::All), &h);
        assert_eq!(items[0].body, same);
        // And the file is one the import (the server's check) accepts.
        assert!(
            crate::exchange::import::read(items[0].body.as_bytes(), &Records::default()).is_ok()
        );
    }

    #[test]
    fn a_later_item_holds_only_what_changed_since_the_last_acknowledged_upload() {
        let (store, mut records) = device(&[
            village(1, "马埂村", "2026-11-20T09:00:00+08:00"),
            village(2, "石门村", "2026-11-20T09:00:00+08:00"),
        ]);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        let first = pending(&store).unwrap().remove(0);
        acknowledge(
            &store,
            &first,
            &ack_of(&first),
            at("2026-11-21T09:00:05+08:00"),
        )
        .unwrap();

        let edited = village(2, "石门村（改）", "2026-11-22T08:00:00+08:00");
        records.villages.insert(edited.id.clone(), edited);
        let (done, _) = enqueue(
            &store,
            &records,
            &header("2026-11-22T09:00:00+08:00"),
            uuid(0xa2),
        )
        .unwrap();
        assert_eq!(done, Enqueued::Queued(1));
        assert_eq!(pending(&store).unwrap()[0].records, vec![uuid(2)]);
    }

    #[test]
    fn changes_since_an_unacknowledged_upload_go_out_again() {
        // Not the last *queued* upload: the last *acknowledged* one. The first item may never
        // arrive; the second still carries its records.
        let (store, mut records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        let v2 = village(2, "石门村", "2026-11-21T10:00:00+08:00");
        records.villages.insert(v2.id.clone(), v2);
        let (done, _) = enqueue(
            &store,
            &records,
            &header("2026-11-21T11:00:00+08:00"),
            uuid(0xa2),
        )
        .unwrap();
        assert_eq!(done, Enqueued::Queued(2));
        let items = pending(&store).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].id, uuid(0xa2), "the newest is sent first");
    }

    #[test]
    fn nothing_is_queued_when_nothing_changed_since_the_newest_item() {
        let (store, records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        let (done, _) = enqueue(
            &store,
            &records,
            &header("2026-11-21T09:30:00+08:00"),
            uuid(0xa2),
        )
        .unwrap();
        assert_eq!(done, Enqueued::NothingNew);
        assert_eq!(pending(&store).unwrap().len(), 1);
    }

    #[test]
    fn an_acknowledgement_removes_its_item_and_never_a_record() {
        let (store, records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        let item = pending(&store).unwrap().remove(0);
        let record_keys = |s: &MemoryStore| {
            s.keys()
                .unwrap()
                .into_iter()
                .filter(|k| repo::is_record_key(k))
                .collect::<Vec<_>>()
        };
        let before = record_keys(&store);
        let removed = acknowledge(
            &store,
            &item,
            &ack_of(&item),
            at("2026-11-21T09:00:05+08:00"),
        )
        .unwrap();
        assert_eq!(removed, vec![uuid(0xa1)]);
        assert!(pending(&store).unwrap().is_empty());
        assert_eq!(record_keys(&store), before);
        assert_eq!(repo::load(&store).unwrap().records, records);
        let state = UploadState::load(&store).unwrap();
        assert_eq!(
            state.acknowledged_upto,
            Some(at("2026-11-21T09:00:00+08:00"))
        );
        assert_eq!(state.last_upload_at, Some(at("2026-11-21T09:00:05+08:00")));
        assert_eq!(state.unsent(&records), 0);
    }

    #[test]
    fn an_answer_to_another_item_removes_nothing() {
        let (store, records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        let item = pending(&store).unwrap().remove(0);
        let mut ack = ack_of(&item);
        ack.upload = uuid(0xff);
        assert!(
            acknowledge(&store, &item, &ack, at("2026-11-21T09:00:05+08:00"))
                .unwrap()
                .is_empty()
        );
        assert_eq!(pending(&store).unwrap().len(), 1);
        assert_eq!(UploadState::load(&store).unwrap().acknowledged_upto, None);
    }

    /// Two items queued one after the other: 0xa1 with village 1, then 0xa2 with villages 1 and 2.
    fn two_queued_items() -> MemoryStore {
        let (store, mut records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        let v2 = village(2, "石门村", "2026-11-21T10:00:00+08:00");
        records.villages.insert(v2.id.clone(), v2);
        enqueue(
            &store,
            &records,
            &header("2026-11-21T11:00:00+08:00"),
            uuid(0xa2),
        )
        .unwrap();
        store
    }

    #[test]
    fn a_newer_items_acknowledgement_clears_older_items_it_covers_only() {
        let store = two_queued_items();
        let newest = pending(&store).unwrap().remove(0);
        // An acknowledgement that does not name village 1 leaves the older item queued.
        let partial = Ack {
            upload: newest.id.clone(),
            records: [uuid(2)].into_iter().collect(),
        };
        let removed = acknowledge(&store, &newest, &partial, at("2026-11-21T11:00:01+08:00"));
        assert_eq!(removed.unwrap(), vec![uuid(0xa2)]);
        assert_eq!(pending(&store).unwrap()[0].id, uuid(0xa1));
    }

    #[test]
    fn a_newer_items_full_acknowledgement_clears_the_older_item_too() {
        let store = two_queued_items();
        let newest = pending(&store).unwrap().remove(0);
        let mut removed = acknowledge(
            &store,
            &newest,
            &ack_of(&newest),
            at("2026-11-21T11:00:01+08:00"),
        )
        .unwrap();
        removed.sort();
        assert_eq!(removed, vec![uuid(0xa1), uuid(0xa2)]);
    }

    #[test]
    fn the_mark_never_moves_back_when_an_older_item_is_acknowledged_last() {
        let store = two_queued_items();
        let items = pending(&store).unwrap();
        let partial = Ack {
            upload: items[0].id.clone(),
            records: [uuid(2)].into_iter().collect(),
        };
        acknowledge(&store, &items[0], &partial, at("2026-11-21T11:00:01+08:00")).unwrap();
        acknowledge(
            &store,
            &items[1],
            &ack_of(&items[1]),
            at("2026-11-21T11:00:02+08:00"),
        )
        .unwrap();
        assert_eq!(
            UploadState::load(&store).unwrap().acknowledged_upto,
            Some(at("2026-11-21T11:00:00+08:00"))
        );
    }

    #[test]
    fn unsent_counts_records_changed_since_the_acknowledged_mark() {
        let (_, records) = device(&[
            village(1, "马埂村", "2026-11-20T09:00:00+08:00"),
            village(2, "石门村", "2026-11-22T09:00:00+08:00"),
        ]);
        assert_eq!(UploadState::default().unsent(&records), 2);
        let state = UploadState {
            acknowledged_upto: Some(at("2026-11-21T00:00:00+08:00")),
            last_upload_at: None,
        };
        assert_eq!(state.unsent(&records), 1);
    }

    #[test]
    fn incomplete_records_are_left_out_and_listed_as_export_does() {
        let (store, records) = device(&[
            village(1, "马埂村", "2026-11-20T09:00:00+08:00"),
            village(2, "", "2026-11-20T09:00:00+08:00"),
        ]);
        let (done, left_out) = enqueue(
            &store,
            &records,
            &header("2026-11-21T09:00:00+08:00"),
            uuid(0xa1),
        )
        .unwrap();
        assert_eq!(done, Enqueued::Queued(1));
        assert_eq!(left_out.len(), 1);
        assert_eq!(left_out[0].id, uuid(2));
    }

    #[test]
    fn a_pairing_brings_its_partners_into_the_item() {
        let (store, mut records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        let mut o = Organization::new(uuid(3), at("2026-11-20T09:00:00+08:00"));
        o.name = "县农技协会".into();
        records.organizations.insert(o.id.clone(), o);
        let first = header("2026-11-21T09:00:00+08:00");
        let (_, _) = enqueue(&store, &records, &first, uuid(0xa1)).unwrap();
        let item = pending(&store).unwrap().remove(0);
        acknowledge(&store, &item, &ack_of(&item), first.exported_at).unwrap();
        let p = Pairing::new(uuid(4), uuid(1), uuid(3), at("2026-11-22T09:00:00+08:00"));
        records.pairings.insert(p.id.clone(), p);
        enqueue(
            &store,
            &records,
            &header("2026-11-22T10:00:00+08:00"),
            uuid(0xa2),
        )
        .unwrap();
        let mut ids = pending(&store).unwrap().remove(0).records;
        ids.sort();
        assert_eq!(ids, vec![uuid(1), uuid(3), uuid(4)]);
    }

    #[test]
    fn nothing_is_queued_while_storage_belongs_to_a_newer_app() {
        struct Refusing(MemoryStore);
        impl KeyValueStore for Refusing {
            fn get(&self, k: &str) -> Result<Option<String>, StorageError> {
                self.0.get(k)
            }
            fn set(&self, _: &str, _: &str) -> Result<(), StorageError> {
                Err(StorageError::NewerSchema { found: 2 })
            }
            fn remove(&self, _: &str) -> Result<(), StorageError> {
                Err(StorageError::NewerSchema { found: 2 })
            }
            fn keys(&self) -> Result<Vec<String>, StorageError> {
                self.0.keys()
            }
        }
        let (store, records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        let store = Refusing(store);
        assert_eq!(
            enqueue(
                &store,
                &records,
                &header("2026-11-21T09:00:00+08:00"),
                uuid(0xa1)
            ),
            Err(StorageError::NewerSchema { found: 2 })
        );
        assert!(pending(&store).unwrap().is_empty());
    }

    #[test]
    fn an_item_too_large_for_storage_is_not_stored_but_can_still_be_made() {
        let (full, records) = device(&[village(1, "马埂村", "2026-11-20T09:00:00+08:00")]);
        let used = full.used_units();
        let store = MemoryStore::with_quota(used + 300);
        for k in full.keys().unwrap() {
            store.set(&k, &full.get(&k).unwrap().unwrap()).unwrap();
        }
        let h = header("2026-11-21T09:00:00+08:00");
        assert_eq!(
            enqueue(&store, &records, &h, uuid(0xa1)),
            Err(StorageError::QuotaExceeded)
        );
        assert!(pending(&store).unwrap().is_empty());
        let (item, _) = prepare(&store, &records, &h, uuid(0xa1)).unwrap();
        let item = item.expect("the item is made in memory");
        assert_eq!(item.records, vec![uuid(1)]);
        // Acknowledging it moves the mark like any other.
        acknowledge(&store, &item, &ack_of(&item), h.exported_at).unwrap();
        assert_eq!(UploadState::load(&store).unwrap().unsent(&records), 0);
    }

    #[test]
    fn an_unreadable_item_is_set_aside_in_quarantine_not_deleted() {
        let store = MemoryStore::new();
        store.set(&item_key(&uuid(0xa1)), "{not json").unwrap();
        assert!(pending(&store).unwrap().is_empty());
        assert_eq!(
            store
                .get(&format!("{QUARANTINE_PREFIX}{}", item_key(&uuid(0xa1))))
                .unwrap()
                .as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn the_outbox_keys_are_not_record_keys_and_are_not_journaled() {
        for key in [
            item_key(&uuid(1)),
            UPLOAD_STATE_KEY.into(),
            SERVER_KEY.into(),
        ] {
            assert!(key.starts_with(crate::storage::PREFIX));
            assert!(!repo::is_record_key(&key));
            assert!(!key.starts_with(QUARANTINE_PREFIX));
            assert_ne!(key, crate::exchange::interchange::LAST_EXPORT_KEY);
            assert_ne!(key, crate::exchange::import::UNDO_KEY);
        }
        // And loading the records passes them by.
        let store = MemoryStore::new();
        store.set(UPLOAD_STATE_KEY, "{}").unwrap();
        store.set(&item_key(&uuid(1)), "{}").unwrap();
        let loaded = repo::load(&store).unwrap();
        assert!(loaded.quarantined.is_empty());
        assert_eq!(loaded.records, Records::default());
    }

    #[test]
    fn answers_mean_what_the_server_says() {
        let ok = r#"{"upload":"00000000-0000-4000-8000-0000000000a1","received_at":"x",
            "villages":{"new":1,"updated":0,"deleted":0,"kept_server_newer":0,"unchanged":0},
            "acknowledged":{"villages":["v"],"organizations":["o"],"pairings":[]}}"#;
        assert_eq!(
            classify(Some(200), ok, None),
            Answer::Acknowledged(Ack {
                upload: uuid(0xa1),
                records: ["v".to_owned(), "o".to_owned()].into_iter().collect(),
            })
        );
        let refused = r#"{"error":"refused","title":"文件有 1 处问题","problems":["村庄 1 · 名称：不能为空"]}"#;
        assert_eq!(
            classify(Some(400), refused, None),
            Answer::Refused {
                title: "文件有 1 处问题".into(),
                problems: vec!["村庄 1 · 名称：不能为空".into()],
            }
        );
        let no_key =
            r#"{"error":"no_idempotency_key","message":"缺少 Idempotency-Key（一个 UUID）"}"#;
        assert!(matches!(
            classify(Some(400), no_key, None),
            Answer::Refused { .. }
        ));
        assert_eq!(classify(Some(401), "{}", None), Answer::TokenRejected);
        assert_eq!(classify(Some(403), "{}", None), Answer::Forbidden);
        assert_eq!(classify(Some(413), "{}", None), Answer::TooLarge);
        assert_eq!(
            classify(Some(429), "{}", Some("10")),
            Answer::RateLimited(Some(10))
        );
        assert_eq!(classify(None, "", None), Answer::Unreachable);
        assert_eq!(classify(Some(503), "{}", None), Answer::ServerTrouble(503));
        // A 200 that is not an acknowledgement (a captive portal's page) acknowledges nothing.
        assert_eq!(
            classify(Some(200), "<html>", None),
            Answer::ServerTrouble(200)
        );
    }

    #[test]
    fn gaps_grow_from_five_seconds_to_five_minutes() {
        let gaps: Vec<u64> = (0..9).map(retry_delay_ms).collect();
        assert_eq!(
            gaps,
            [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]
        );
        assert_eq!(retry_delay_ms(u32::MAX), MAX_RETRY_MS);
    }

    #[test]
    fn what_comes_after_each_answer() {
        assert_eq!(after(&Answer::Acknowledged(Ack::default()), 0), Retry::Now);
        assert_eq!(after(&Answer::Unreachable, 1), Retry::After(5_000));
        assert_eq!(after(&Answer::Unreachable, 3), Retry::After(20_000));
        assert_eq!(
            after(&Answer::ServerTrouble(503), 20),
            Retry::After(300_000)
        );
        // The server's Retry-After is honoured when longer than the schedule's gap.
        assert_eq!(
            after(&Answer::RateLimited(Some(60)), 1),
            Retry::After(60_000)
        );
        assert_eq!(
            after(&Answer::RateLimited(Some(1)), 2),
            Retry::After(10_000)
        );
        assert_eq!(after(&Answer::RateLimited(None), 1), Retry::After(5_000));
        // The same file or token would be refused again: wait for the surveyor.
        for a in [
            Answer::TokenRejected,
            Answer::Forbidden,
            Answer::TooLarge,
            Answer::Refused {
                title: "x".into(),
                problems: vec![],
            },
        ] {
            assert_eq!(after(&a, 1), Retry::Hold);
        }
    }

    #[test]
    fn a_coordinators_link_carries_the_token_in_the_hash_or_the_query() {
        assert_eq!(
            token_in_link("", "#token=abc123").as_deref(),
            Some("abc123")
        );
        assert_eq!(
            token_in_link("?lang=zh&token=a%2Bb%3D", "").as_deref(),
            Some("a+b=")
        );
        assert_eq!(token_in_link("?x=1", "#/villages").as_deref(), None);
        assert_eq!(token_in_link("?token=", "").as_deref(), None);
    }

    #[test]
    fn server_settings_survive_storage_and_default_when_unreadable() {
        let store = MemoryStore::new();
        assert_eq!(
            ServerSettings::load(&store).unwrap(),
            ServerSettings::default()
        );
        let s = ServerSettings {
            address: "https://example.org".into(),
            token: "t0k".into(),
        };
        s.save(&store).unwrap();
        assert_eq!(ServerSettings::load(&store).unwrap(), s);
        store.set(SERVER_KEY, "{broken").unwrap();
        assert_eq!(
            ServerSettings::load(&store).unwrap(),
            ServerSettings::default()
        );
    }
}
