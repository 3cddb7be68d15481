//! One upload: checked with the core's import rules against everything the server holds, merged
//! with the core's merge (later `updated_at` wins, tombstones, nothing unmentioned touched), and
//! written in one transaction together with the answer, so that a retry of the same
//! `Idempotency-Key` gets that answer and applies nothing twice.
//!
//! The server keeps the merged records in memory between uploads (checking a file needs all of
//! them: ids must be unique across the programme, and pairings must name records that exist).
//! The copy is tagged with the database's revision; an upload that finds the revision moved
//! (another server process on the same PostgreSQL, or a failed commit) reads the records again.

use crate::store::{Applied, Db, DbError, Plan, UploadWork, Write};
use qianshou_core::exchange::import::{self, Counts, ImportError};
use qianshou_core::exchange::interchange::RecordKind;
use qianshou_core::storage::repo::{Record, Records};
use qianshou_core::words::{self, Lang};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::Mutex;

/// What an upload came to.
pub enum Outcome {
    /// Applied now: the answer (JSON text).
    Applied(String),
    /// Applied before under the same key: the answer given then.
    Replayed(String),
    /// The file was refused; nothing was stored.
    Refused(ImportError),
}

/// The answer to an applied upload (`200`), stored and given again to every retry.
#[derive(Serialize)]
pub struct Answer<'a> {
    /// The `Idempotency-Key`.
    pub upload: &'a str,
    /// When the server applied it.
    pub received_at: &'a str,
    /// Per table: what the merge did.
    pub villages: TableCounts,
    /// Per table: what the merge did.
    pub organizations: TableCounts,
    /// Per table: what the merge did.
    pub pairings: TableCounts,
    /// Every record of the file, by table: all of them are now held by the server (or a later
    /// copy is), so the phone may count them as uploaded.
    pub acknowledged: Acknowledged,
}

/// What the merge did to one table's records of the file.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCounts {
    /// Not held before.
    pub new: usize,
    /// Replaced by the file's later copy.
    pub updated: usize,
    /// Deleted by the file's later tombstone.
    pub deleted: usize,
    /// Kept as they were because the server's copy is later.
    pub kept_server_newer: usize,
    /// The same on both sides (or tombstones of records never held).
    pub unchanged: usize,
}

impl From<Counts> for TableCounts {
    fn from(c: Counts) -> TableCounts {
        TableCounts {
            new: c.new,
            updated: c.updated,
            deleted: c.deleted,
            kept_server_newer: c.kept_yours,
            unchanged: c.unchanged,
        }
    }
}

/// The ids of the file's records, by table.
#[derive(Serialize)]
pub struct Acknowledged {
    /// Village ids.
    pub villages: Vec<String>,
    /// Organisation ids.
    pub organizations: Vec<String>,
    /// Pairing ids.
    pub pairings: Vec<String>,
}

struct Cached {
    revision: i64,
    records: Records,
}

/// Applies uploads, one at a time per server process.
pub struct Uploads {
    db: Db,
    /// The merged records as of a revision; the lock also orders this process's uploads.
    cache: Mutex<Option<Cached>>,
    /// A test hook: wait this long before each commit (see the fault tests).
    pause_before_commit: Option<Duration>,
}

impl Uploads {
    /// Uploads into `db`.
    pub fn new(db: Db, pause_before_commit: Option<Duration>) -> Uploads {
        Uploads {
            db,
            cache: Mutex::new(None),
            pause_before_commit,
        }
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Every stored record and the moment they were read: no upload commits a change stored
    /// before that moment after it (see [`Db::all_records_locked`]).
    pub async fn snapshot(
        &self,
    ) -> Result<
        (
            Vec<crate::store::StoredRecord>,
            chrono::DateTime<chrono::Utc>,
        ),
        DbError,
    > {
        let _in_order = self.cache.lock().await;
        self.db.all_records_locked().await
    }

    /// Applies file `bytes` sent by token `token_id` under `key`.
    pub async fn upload(&self, token_id: i64, key: &str, bytes: &[u8]) -> Result<Outcome, DbError> {
        // A retry is answered without waiting for other uploads.
        if let Some(answer) = self.db.upload_answer(token_id, key).await? {
            return Ok(Outcome::Replayed(answer));
        }
        let mut cache = self.cache.lock().await;
        let mut work = Work {
            cached: cache.take(),
            bytes,
            key,
            refused: None,
            kept: None,
            merged: None,
            pause: self.pause_before_commit,
            kept_at: 0,
        };
        let result = self.db.apply(token_id, key, &mut work).await;
        match result {
            Ok(Applied::Done { revision, answer }) => {
                *cache = work
                    .merged
                    .take()
                    .map(|records| Cached { revision, records });
                Ok(Outcome::Applied(answer))
            }
            Ok(Applied::Replayed(answer)) => {
                // Nothing written; the records in memory (if they were used) are still right.
                *cache = work.cached.take();
                Ok(Outcome::Replayed(answer))
            }
            Ok(Applied::Refused) => {
                // Nothing was written: the records checked against are still those of the
                // revision before this upload.
                let revision = work.kept_at;
                *cache = work.kept.take().map(|records| Cached { revision, records });
                Ok(Outcome::Refused(
                    work.refused.take().unwrap_or(ImportError::NotSurveyFile),
                ))
            }
            // The records in memory may hold a merge that was not committed: read again next time.
            Err(e) => Err(e),
        }
    }
}

struct Work<'a> {
    cached: Option<Cached>,
    bytes: &'a [u8],
    key: &'a str,
    refused: Option<ImportError>,
    /// The state a refused file was checked against, kept for the next upload.
    kept: Option<Records>,
    merged: Option<Records>,
    pause: Option<Duration>,
    /// The revision the state was at when the upload began.
    kept_at: i64,
}

impl UploadWork for Work<'_> {
    fn cached_state(&mut self, revision: i64) -> Option<Records> {
        self.kept_at = revision;
        match self.cached.take() {
            Some(c) if c.revision == revision => Some(c.records),
            _ => None,
        }
    }

    fn decide(&mut self, mut state: Records) -> Option<Plan> {
        let incoming = match import::read(self.bytes, &state) {
            Ok(incoming) => incoming,
            Err(e) => {
                self.refused = Some(e);
                self.kept = Some(state);
                return None;
            }
        };
        let counts = import::preview(&state, &incoming.records);
        let written = import::merge(&mut state, &incoming.records);
        let writes = written
            .into_iter()
            .map(|(kind, id)| write_of(&state, kind, id))
            .collect();
        let received_at = crate::store::now_rfc3339();
        let answer = Answer {
            upload: self.key,
            received_at: &received_at,
            villages: counts.villages.into(),
            organizations: counts.organizations.into(),
            pairings: counts.pairings.into(),
            acknowledged: Acknowledged {
                villages: incoming.records.villages.keys().cloned().collect(),
                organizations: incoming.records.organizations.keys().cloned().collect(),
                pairings: incoming.records.pairings.keys().cloned().collect(),
            },
        };
        let answer = serde_json::to_string(&answer).unwrap_or_default();
        self.merged = Some(state);
        Some(Plan {
            writes,
            answer,
            received_at,
            device_id: incoming.header.device_id,
        })
    }

    async fn before_commit(&mut self) {
        if let Some(pause) = self.pause {
            eprintln!("upload: all written, pausing before commit (test hook)");
            tokio::time::sleep(pause).await;
        }
    }
}

fn write_of(state: &Records, kind: RecordKind, id: String) -> Write {
    fn one<R: Record + Serialize>(
        map: &BTreeMap<String, R>,
        kind: RecordKind,
        id: String,
    ) -> Write {
        let r = &map[&id];
        Write {
            kind,
            updated_at: r
                .updated_at()
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            deleted: r.is_deleted(),
            // The same text the app stores, which is also what `import::wins` compares on a tie.
            body: serde_json::to_string(r).unwrap_or_default(),
            id,
        }
    }
    match kind {
        RecordKind::Village => one(&state.villages, kind, id),
        RecordKind::Organization => one(&state.organizations, kind, id),
        RecordKind::Pairing => one(&state.pairings, kind, id),
    }
}

/// A refusal in words, as the app's import screen shows it: the headline, then one line per
/// problem.
#[derive(Serialize)]
pub struct Refusal {
    /// `"refused"`.
    pub error: &'static str,
    /// The headline.
    pub title: String,
    /// One line per problem.
    pub problems: Vec<String>,
}

/// The refusal of `e` in `lang`.
pub fn refusal(lang: Lang, e: &ImportError) -> Refusal {
    let (title, problems) = words::import_error(lang, e);
    Refusal {
        error: "refused",
        title,
        problems,
    }
}
