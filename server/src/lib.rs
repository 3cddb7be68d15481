//! 牵手's receiving server: serves the built app and API version 1 (FORMAT.md, "Upload"),
//! and merges every upload with the core's own import rules into SQLite or PostgreSQL.

pub mod compress;
pub mod http;
pub mod store;
pub mod tokens;
pub mod upload;

use qianshou_core::exchange::interchange::{self, Header, Scope};
use std::collections::BTreeSet;
use store::{Db, DbError};

/// The merged programme as a FORMAT.md file. With `since` (µs since 1970), only the records
/// the server changed after then (the coordinator already has their partners from earlier
/// pulls); with `suggestions`, the matcher's suggestions for the open needs.
pub async fn programme_file(
    db: &Db,
    suggestions: bool,
    since: Option<i64>,
) -> Result<String, DbError> {
    let rows = db.all_records().await?;
    programme_of(db, rows, chrono::Utc::now(), suggestions, since).await
}

/// The programme file of `rows`, read at `read_at` (its `exported_at`, rounded down to the
/// millisecond so that a `since` taken from it never skips a change).
pub async fn programme_of(
    db: &Db,
    rows: Vec<store::StoredRecord>,
    read_at: chrono::DateTime<chrono::Utc>,
    suggestions: bool,
    since: Option<i64>,
) -> Result<String, DbError> {
    let changed: Option<BTreeSet<(interchange::RecordKind, String)>> = since.map(|since| {
        rows.iter()
            .filter(|r| r.stored_at > since)
            .filter_map(|r| Some((r.kind, id_of(&r.body)?)))
            .collect()
    });
    let records = store::records_from(rows)?;
    let mut selection = interchange::select(&records, &Scope::All);
    if suggestions {
        selection.add_suggestions(&qianshou_core::matching::score::Matcher::new(&records));
    }
    if let Some(changed) = changed {
        use interchange::RecordKind::*;
        selection
            .villages
            .retain(|v| changed.contains(&(Village, v.id.clone())));
        selection
            .organizations
            .retain(|o| changed.contains(&(Organization, o.id.clone())));
        selection
            .pairings
            .retain(|p| changed.contains(&(Pairing, p.id.clone())));
    }
    let header = Header {
        exported_at: chrono::SubsecRound::trunc_subsecs(read_at, 3).fixed_offset(),
        device_id: db.server_id().await?,
        surveyor: String::new(),
    };
    Ok(interchange::to_json(&selection, &header))
}

fn id_of(body: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
    }
    serde_json::from_str::<Id>(body).ok().map(|r| r.id)
}
