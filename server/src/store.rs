//! The database: SQLite (one file, the default) or PostgreSQL (`DATABASE_URL=postgres://…`).
//!
//! Records are stored as the core writes them (one JSON text per table and id), beside the few
//! columns the server queries: `updated_at` and `deleted` to read at a glance, `stored_at` (when
//! the server's copy last changed) for `GET /api/v1/programme?since=`. The core stays the only
//! place that knows a record's shape and its merge rules, and a field added to FORMAT.md needs no
//! migration here.
//!
//! Both databases run the same SQL text (`$1` placeholders work in both); the only differences
//! are the token table's key and PostgreSQL's advisory lock, which serialises uploads across
//! server processes as SQLite's single writer does by itself.

use qianshou_core::exchange::interchange::RecordKind;
use qianshou_core::model::records::{Organization, Pairing, Village};
use qianshou_core::storage::repo::Records;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;
use std::str::FromStr;
use std::time::Duration;

/// A database error, as text (never shown to a client: the log has it).
pub type DbError = sqlx::Error;

/// Where the data is kept.
#[derive(Clone)]
pub enum Db {
    /// One file.
    Sqlite(SqlitePool),
    /// A PostgreSQL database.
    Postgres(PgPool),
}

/// Runs `$body` with `$p` bound to whichever pool this is; the body is compiled once per
/// database, so the same code serves both.
macro_rules! on_pool {
    ($db:expr, $p:ident => $body:expr) => {
        match $db {
            Db::Sqlite($p) => $body,
            Db::Postgres($p) => $body,
        }
    };
}

/// Who may call the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Uploads their own work.
    Surveyor,
    /// Uploads, and reads the merged programme.
    Coordinator,
}

impl Role {
    /// The name stored and typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Role::Surveyor => "surveyor",
            Role::Coordinator => "coordinator",
        }
    }

    /// The role named `name`.
    pub fn from_name(name: &str) -> Option<Role> {
        match name {
            "surveyor" => Some(Role::Surveyor),
            "coordinator" => Some(Role::Coordinator),
            _ => None,
        }
    }
}

/// A token as stored: never the token itself, only its SHA-256.
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// Its number, shown by `token list` and written in the log instead of a name.
    pub id: i64,
    /// Whose it is.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// SHA-256 of the token, hex.
    pub hash: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// A record as stored, with the time the server's copy last changed.
pub struct StoredRecord {
    /// Its table.
    pub kind: RecordKind,
    /// Its JSON text.
    pub body: String,
    /// Microseconds since 1970 (server clock) when this copy was written.
    pub stored_at: i64,
}

/// The table name stored for a kind of record.
pub fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Village => "village",
        RecordKind::Organization => "organization",
        RecordKind::Pairing => "pairing",
    }
}

fn kind_from(name: &str) -> Option<RecordKind> {
    match name {
        "village" => Some(RecordKind::Village),
        "organization" => Some(RecordKind::Organization),
        "pairing" => Some(RecordKind::Pairing),
        _ => None,
    }
}

const SCHEMA_COMMON: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted BOOLEAN NOT NULL,
        stored_at BIGINT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, id))",
    "CREATE INDEX IF NOT EXISTS records_stored_at ON records (stored_at)",
    // One row per upload applied: the answer given, so that a retry gets the same one.
    "CREATE TABLE IF NOT EXISTS uploads (
        token_id BIGINT NOT NULL,
        key TEXT NOT NULL,
        received_at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        PRIMARY KEY (token_id, key))",
    "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, n BIGINT NOT NULL, s TEXT NOT NULL)",
    "INSERT INTO meta (k, n, s) VALUES ('revision', 0, '') ON CONFLICT (k) DO NOTHING",
];

const TOKENS_SQLITE: &str = "CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL, revoked_at TEXT)";

const TOKENS_POSTGRES: &str = "CREATE TABLE IF NOT EXISTS tokens (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL, revoked_at TEXT)";

/// Rows per INSERT: 6 values each, well under SQLite's 32,766 and PostgreSQL's 65,535 bound
/// parameters.
const WRITE_CHUNK: usize = 1000;

/// An arbitrary constant: the advisory lock every upload takes on PostgreSQL.
const UPLOAD_LOCK: i64 = 0x7169_616e_7368;

impl Db {
    /// Opens the database named by `url` (`postgres://…`, or `sqlite:PATH`), creating the SQLite
    /// file and its folder when missing, and the tables when missing.
    pub async fn open(url: &str) -> Result<Db, DbError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect(url)
                .await?;
            Db::Postgres(pool)
        } else {
            let path = url.strip_prefix("sqlite:").unwrap_or(url);
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)?;
                }
            }
            let options = SqliteConnectOptions::from_str(&format!("sqlite:{path}"))?
                .create_if_missing(true)
                // WAL: readers never wait for the writer; FULL: a committed upload survives a
                // power cut, not only a killed process.
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(30));
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await?;
            Db::Sqlite(pool)
        };
        db.migrate().await?;
        Ok(db)
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    async fn migrate(&self) -> Result<(), DbError> {
        let tokens = match self {
            Db::Sqlite(_) => TOKENS_SQLITE,
            Db::Postgres(_) => TOKENS_POSTGRES,
        };
        on_pool!(self, p => {
            // Two servers starting at once on PostgreSQL must not race on CREATE TABLE.
            let mut tx = p.begin().await?;
            if matches!(self, Db::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(UPLOAD_LOCK).execute(&mut *tx).await?;
            }
            for sql in SCHEMA_COMMON.iter().chain([&tokens]) {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
            let id = new_uuid();
            sqlx::query("INSERT INTO meta (k, n, s) VALUES ('server_id', 0, $1) ON CONFLICT (k) DO NOTHING")
                .bind(id).execute(&mut *tx).await?;
            tx.commit().await
        })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        on_pool!(self, p => sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    /// This server's own id, written as `device_id` in the files it makes.
    pub async fn server_id(&self) -> Result<String, DbError> {
        on_pool!(self, p => {
            let row = sqlx::query("SELECT s FROM meta WHERE k = 'server_id'").fetch_one(p).await?;
            row.try_get::<String, _>(0)
        })
    }

    /// Stores a new token's hash.
    pub async fn add_token(&self, name: &str, role: Role, hash: &str) -> Result<i64, DbError> {
        let now = now_rfc3339();
        on_pool!(self, p => {
            let row = sqlx::query(
                "INSERT INTO tokens (name, role, hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(name).bind(role.name()).bind(hash).bind(now)
                .fetch_one(p).await?;
            row.try_get::<i64, _>(0)
        })
    }

    /// Every token, oldest first.
    pub async fn tokens(&self) -> Result<Vec<TokenRow>, DbError> {
        on_pool!(self, p => {
            let rows = sqlx::query(
                "SELECT id, name, role, hash, created_at, revoked_at FROM tokens ORDER BY id")
                .fetch_all(p).await?;
            rows.iter().map(token_row).collect()
        })
    }

    /// The token whose SHA-256 is `hash`, if any.
    pub async fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRow>, DbError> {
        on_pool!(self, p => {
            let row = sqlx::query(
                "SELECT id, name, role, hash, created_at, revoked_at FROM tokens WHERE hash = $1")
                .bind(hash).fetch_optional(p).await?;
            row.as_ref().map(token_row).transpose()
        })
    }

    /// Revokes token `id`; false when there is no such token.
    pub async fn revoke_token(&self, id: i64) -> Result<bool, DbError> {
        let now = now_rfc3339();
        on_pool!(self, p => {
            let done = sqlx::query(
                "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now).bind(id).execute(p).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The answer given to upload `key` of token `token_id`, if it was applied.
    pub async fn upload_answer(&self, token_id: i64, key: &str) -> Result<Option<String>, DbError> {
        on_pool!(self, p => {
            let row = sqlx::query("SELECT answer FROM uploads WHERE token_id = $1 AND key = $2")
                .bind(token_id).bind(key).fetch_optional(p).await?;
            row.map(|r| r.try_get::<String, _>(0)).transpose()
        })
    }

    /// How many uploads were applied.
    pub async fn upload_count(&self) -> Result<i64, DbError> {
        on_pool!(self, p => {
            let row = sqlx::query("SELECT COUNT(*) FROM uploads").fetch_one(p).await?;
            row.try_get::<i64, _>(0)
        })
    }

    /// Every stored record, with when the server's copy changed.
    pub async fn all_records(&self) -> Result<Vec<StoredRecord>, DbError> {
        on_pool!(self, p => {
            let rows = sqlx::query("SELECT kind, body, stored_at FROM records").fetch_all(p).await?;
            rows.iter().map(stored_record).collect()
        })
    }

    /// Every stored record, read while holding the upload lock (PostgreSQL; on SQLite the
    /// caller holds the process's lock), so that no upload is half-way between choosing its
    /// `stored_at` and committing: what commits later has a later `stored_at` than now.
    pub async fn all_records_locked(
        &self,
    ) -> Result<(Vec<StoredRecord>, chrono::DateTime<chrono::Utc>), DbError> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            if matches!(self, Db::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(UPLOAD_LOCK).execute(&mut *tx).await?;
            }
            let now = chrono::Utc::now();
            let rows = sqlx::query("SELECT kind, body, stored_at FROM records").fetch_all(&mut *tx).await?;
            tx.commit().await?;
            Ok((rows.iter().map(stored_record).collect::<Result<_, _>>()?, now))
        })
    }

    /// Every stored record, as the core holds them.
    pub async fn load(&self) -> Result<Records, DbError> {
        records_from(self.all_records().await?)
    }

    /// Applies one upload in one transaction; see [`crate::upload`] for what `work` does. The
    /// transaction first takes the upload lock and moves the revision on, then asks whether
    /// this key was already applied (a concurrent retry may have just done it), then lets
    /// `work` decide from the state what to write. Nothing is stored unless all of it is.
    pub async fn apply<W: UploadWork>(
        &self,
        token_id: i64,
        key: &str,
        work: &mut W,
    ) -> Result<Applied, DbError> {
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            if matches!(self, Db::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(UPLOAD_LOCK).execute(&mut *tx).await?;
            }
            // The first statement writes, so SQLite takes its write lock now (a read first
            // would have to upgrade later, and two such transactions deadlock).
            let revision: i64 = sqlx::query(
                "UPDATE meta SET n = n + 1 WHERE k = 'revision' RETURNING n")
                .fetch_one(&mut *tx).await?.try_get(0)?;
            let done = sqlx::query("SELECT answer FROM uploads WHERE token_id = $1 AND key = $2")
                .bind(token_id).bind(key).fetch_optional(&mut *tx).await?;
            if let Some(row) = done {
                return Ok(Applied::Replayed(row.try_get(0)?));
            }
            let state = match work.cached_state(revision - 1) {
                Some(state) => state,
                None => {
                    let rows = sqlx::query("SELECT kind, body, stored_at FROM records")
                        .fetch_all(&mut *tx).await?;
                    records_from(rows.iter().map(stored_record).collect::<Result<_, _>>()?)?
                }
            };
            let Some(plan) = work.decide(state) else {
                return Ok(Applied::Refused);
            };
            let stored_at = chrono::Utc::now().timestamp_micros();
            // Many rows per statement: a 2,000-village upload is two round trips, not 2,000.
            for chunk in plan.writes.chunks(WRITE_CHUNK) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO records (kind, id, updated_at, deleted, stored_at, body) ");
                q.push_values(chunk, |mut row, w| {
                    row.push_bind(kind_name(w.kind)).push_bind(&w.id).push_bind(&w.updated_at)
                        .push_bind(w.deleted).push_bind(stored_at).push_bind(&w.body);
                });
                q.push(" ON CONFLICT (kind, id) DO UPDATE SET updated_at = excluded.updated_at,
                       deleted = excluded.deleted, stored_at = excluded.stored_at, body = excluded.body");
                q.build().execute(&mut *tx).await?;
            }
            sqlx::query(
                "INSERT INTO uploads (token_id, key, received_at, device_id, answer) VALUES ($1, $2, $3, $4, $5)")
                .bind(token_id).bind(key).bind(&plan.received_at).bind(&plan.device_id).bind(&plan.answer)
                .execute(&mut *tx).await?;
            work.before_commit().await;
            tx.commit().await?;
            Ok(Applied::Done { revision, answer: plan.answer })
        })
    }
}

/// What one upload writes, decided by [`UploadWork::decide`].
pub struct Plan {
    /// The records to write.
    pub writes: Vec<Write>,
    /// The answer to give now and to every retry.
    pub answer: String,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// The uploading device.
    pub device_id: String,
}

/// One record to write.
pub struct Write {
    /// Its table.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// Its `updated_at`, RFC 3339.
    pub updated_at: String,
    /// Whether it is a tombstone.
    pub deleted: bool,
    /// Its JSON text.
    pub body: String,
}

/// How [`Db::apply`] ended.
pub enum Applied {
    /// Written and committed at this revision.
    Done {
        /// The revision the upload made.
        revision: i64,
        /// The answer stored with it.
        answer: String,
    },
    /// Applied before: the answer given then.
    Replayed(String),
    /// `decide` refused the file; nothing was written.
    Refused,
}

/// The part of an upload that runs inside its transaction, between reading the state and
/// writing the records.
#[allow(async_fn_in_trait)]
pub trait UploadWork {
    /// The records as of `revision`, if they are at hand without reading the database.
    fn cached_state(&mut self, revision: i64) -> Option<Records>;
    /// Checks the file against `state` and merges; `None` refuses it.
    fn decide(&mut self, state: Records) -> Option<Plan>;
    /// Called after every write and before the commit (a test hook pauses here).
    async fn before_commit(&mut self);
}

fn token_row<R: Row>(row: &R) -> Result<TokenRow, DbError>
where
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    let role: String = row.try_get(2)?;
    Ok(TokenRow {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        role: Role::from_name(&role).ok_or_else(|| decode_error(format!("role {role}")))?,
        hash: row.try_get(3)?,
        created_at: row.try_get(4)?,
        revoked_at: row.try_get(5)?,
    })
}

fn stored_record<R: Row>(row: &R) -> Result<StoredRecord, DbError>
where
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    let kind: String = row.try_get(0)?;
    Ok(StoredRecord {
        kind: kind_from(&kind).ok_or_else(|| decode_error(format!("kind {kind}")))?,
        body: row.try_get(1)?,
        stored_at: row.try_get(2)?,
    })
}

fn decode_error(what: String) -> DbError {
    sqlx::Error::Decode(what.into())
}

/// The records of `rows`, parsed with the app's own types.
pub fn records_from(rows: Vec<StoredRecord>) -> Result<Records, DbError> {
    let mut records = Records::default();
    for r in rows {
        let bad = |e: serde_json::Error| decode_error(format!("stored record: {e}"));
        match r.kind {
            RecordKind::Village => {
                let v: Village = serde_json::from_str(&r.body).map_err(bad)?;
                records.villages.insert(v.id.clone(), v);
            }
            RecordKind::Organization => {
                let o: Organization = serde_json::from_str(&r.body).map_err(bad)?;
                records.organizations.insert(o.id.clone(), o);
            }
            RecordKind::Pairing => {
                let p: Pairing = serde_json::from_str(&r.body).map_err(bad)?;
                records.pairings.insert(p.id.clone(), p);
            }
        }
    }
    Ok(records)
}

/// Now, RFC 3339 in UTC.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A random UUID (version 4), from the operating system's generator.
pub fn new_uuid() -> String {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).expect("the operating system's random generator");
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}
