//! Import: read a file of FORMAT.md, check all of it, preview the merge, apply it, undo it.
//!
//! A file is imported whole or not at all. [`read`] parses and checks everything before anything
//! changes and says, for each problem, which record and which field. [`preview`] counts what a
//! merge would do; [`apply`] keeps what it replaces (so the import can be undone) and writes,
//! putting every written key back if a write fails.

use crate::interchange::{Header, RecordKind, FORMAT, VERSION};
use crate::records::{Organization, Pairing, Timestamp, Village};
use crate::repo::{self, key, Record, Records};
use crate::settings::is_uuid;
use crate::storage::{KeyValueStore, StorageError};
use crate::validate::{self, Field, Part, ProblemKind};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The largest file read, in bytes. A full device holds about 5 MiB of text (UTF-16), which is
/// at most 15 MiB as UTF-8; a file larger than this is no survey, and is refused before it is
/// read.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The deepest nesting of objects and lists accepted. FORMAT.md goes five levels deep; a file far
/// deeper is built to hurt the parser.
pub const MAX_DEPTH: usize = 32;

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// Why a file cannot be imported. Nothing has changed when one of these is returned.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// Its size.
        bytes: usize,
    },
    /// Empty, or only white space.
    Empty,
    /// Not JSON text (or not text at all).
    NotJson {
        /// Where the parser stopped, 1-based (0 when the file is not text).
        line: usize,
        /// The column there.
        column: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// JSON, but not a qianshou survey file.
    NotSurveyFile,
    /// A survey file of a version newer than this app reads.
    NewerVersion(u64),
    /// A survey file with records that break the contract.
    Invalid {
        /// The first [`MAX_PROBLEMS`] problems, in file order.
        problems: Vec<FileProblem>,
        /// How many more there are.
        more: usize,
    },
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    /// The record's table, its position in the file (0-based) and its name as written; `None`
    /// for the file's own fields.
    pub record: Option<(RecordKind, usize, String)>,
    /// The record itself, or one of its needs or capabilities.
    pub part: Part,
    /// The field, when the problem is in one.
    pub field: Option<Field>,
    /// The JSON path, for whoever fixes the file by hand: `villages[2].needs[0].category`.
    pub path: String,
}

/// What is wrong there.
#[derive(Debug, Clone, PartialEq)]
pub enum FileProblemKind {
    /// A field the format requires is missing.
    Missing,
    /// The value is of the wrong kind or not allowed (a date, a code, a number); the value
    /// found, shortened.
    WrongValue(String),
    /// A rule of the records (a name required, a number not negative…).
    Rule(ProblemKind),
    /// Another record of the file has the same id.
    DuplicateId,
    /// A pairing names a village that is neither in the file nor on this device.
    MissingVillage,
    /// A pairing names an organisation that is neither in the file nor on this device.
    MissingOrganization,
    /// A pairing names a need its village does not have.
    MissingNeed,
    /// A pairing names a capability its organisation does not have.
    MissingCapability,
}

/// One problem of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    /// Where.
    pub spot: Spot,
    /// What.
    pub kind: FileProblemKind,
}

/// A file that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Who made it, and when.
    pub header: Header,
    /// Its records, by id.
    pub records: Records,
}

/// Reads and checks a whole file. `local` is what this device holds: a pairing may name a
/// village or an organisation that is here and not in the file.
///
/// Each record is parsed on its own from its raw text, with the same parser the app loads its
/// stored records with (so the import adds little to the app's size); when one fails, the error's
/// position in that text tells which field it is.
pub fn read(bytes: &[u8], local: &Records) -> Result<Incoming, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| ImportError::NotJson { line: 0, column: 0 })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if too_deep(text.as_bytes()) {
        return Err(ImportError::TooDeep);
    }
    let top: Top = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ImportError::NotSurveyFile,
        _ => ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        },
    })?;
    if top.format.and_then(parse::<String>).as_deref() != Some(FORMAT) {
        return Err(ImportError::NotSurveyFile);
    }
    match top.version.and_then(parse::<u64>) {
        Some(v) if v > u64::from(VERSION) => return Err(ImportError::NewerVersion(v)),
        Some(v) if v >= 1 => {}
        _ => return Err(ImportError::NotSurveyFile),
    }

    let mut problems = Problems::default();
    let header = read_header(&top, &mut problems);
    let mut records = Records::default();
    let mut file = FileIndex::default();
    read_table(
        top.villages,
        RecordKind::Village,
        &mut records.villages,
        &mut file,
        &mut problems,
    );
    read_table(
        top.organizations,
        RecordKind::Organization,
        &mut records.organizations,
        &mut file,
        &mut problems,
    );
    read_table(
        top.pairings,
        RecordKind::Pairing,
        &mut records.pairings,
        &mut file,
        &mut problems,
    );
    check_parts_unique(&records, &file, &mut problems);
    check_references(&records, local, &file, &mut problems);

    match (problems.list.is_empty(), header) {
        (true, Some(header)) => Ok(Incoming { header, records }),
        _ => Err(ImportError::Invalid {
            problems: problems.list,
            more: problems.more,
        }),
    }
}

/// The top level of a file, each part kept as raw text until it is checked.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(default, borrow)]
    format: Option<&'a RawValue>,
    #[serde(default, borrow)]
    version: Option<&'a RawValue>,
    #[serde(default, borrow)]
    exported_at: Option<&'a RawValue>,
    #[serde(default, borrow)]
    device_id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    surveyor: Option<&'a RawValue>,
    #[serde(default, borrow)]
    villages: Option<&'a RawValue>,
    #[serde(default, borrow)]
    organizations: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pairings: Option<&'a RawValue>,
}

fn parse<'a, T: Deserialize<'a>>(raw: &'a RawValue) -> Option<T> {
    serde_json::from_str(raw.get()).ok()
}

/// Whether brackets nest deeper than [`MAX_DEPTH`], counted outside strings; cheap, and done
/// before the parser sees the text.
fn too_deep(text: &[u8]) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in text {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[derive(Default)]
struct Problems {
    list: Vec<FileProblem>,
    more: usize,
}

impl Problems {
    fn push(&mut self, spot: Spot, kind: FileProblemKind) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(FileProblem { spot, kind });
        } else {
            self.more += 1;
        }
    }
}

/// A field of the file itself (not of a record).
fn file_spot(name: &str) -> Spot {
    Spot {
        record: None,
        part: Part::Record,
        field: Field::from_json_name(None, name),
        path: name.to_owned(),
    }
}

/// The file's own fields: `exported_at`, `device_id`, `surveyor`.
fn read_header(top: &Top, problems: &mut Problems) -> Option<Header> {
    let exported_at = match top.exported_at {
        None => {
            problems.push(file_spot("exported_at"), FileProblemKind::Missing);
            None
        }
        Some(raw) => {
            match parse::<String>(raw).and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok()) {
                Some(t) => Some(t),
                None => {
                    problems.push(file_spot("exported_at"), wrong(raw.get()));
                    None
                }
            }
        }
    };
    let device_id = match top.device_id {
        None => {
            problems.push(file_spot("device_id"), FileProblemKind::Missing);
            None
        }
        Some(raw) => match parse::<String>(raw).filter(|s| is_uuid(s)) {
            Some(id) => Some(id),
            None => {
                problems.push(file_spot("device_id"), wrong(raw.get()));
                None
            }
        },
    };
    let surveyor = match top.surveyor {
        None => Some(String::new()),
        Some(raw) => match parse::<Option<String>>(raw) {
            Some(s) => Some(s.unwrap_or_default()),
            None => {
                problems.push(file_spot("surveyor"), wrong(raw.get()));
                None
            }
        },
    };
    Some(Header {
        exported_at: exported_at?,
        device_id: device_id?,
        surveyor: surveyor?,
    })
}

/// A wrong value, shown as the file has it, cut to 40 characters.
fn wrong(text: &str) -> FileProblemKind {
    let text = text.trim();
    FileProblemKind::WrongValue(if text.chars().count() > 40 {
        text.chars().take(39).chain(['…']).collect()
    } else {
        text.to_owned()
    })
}

/// One step of a path inside a record.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Index(usize),
    Key(String),
}

/// Where `steps` (inside record `index` of `kind`) points, naming the need or capability and
/// the field. `missing` is the name of a missing field, which sits inside the path's object.
fn spot_of(
    kind: RecordKind,
    index: usize,
    name: String,
    steps: &[Step],
    missing: Option<&str>,
) -> Spot {
    let mut part = Part::Record;
    let mut keys: Vec<&str> = Vec::new();
    let mut path = format!("{}[{index}]", table_name(kind));
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Key(k) => {
                path.push('.');
                path.push_str(k);
                keys.push(k);
            }
            Step::Index(n) => {
                path.push_str(&format!("[{n}]"));
                match steps.get(i.wrapping_sub(1)) {
                    Some(Step::Key(k)) if k == "needs" && keys.len() == 1 => {
                        part = Part::Need(*n);
                        keys.clear();
                    }
                    Some(Step::Key(k)) if k == "capabilities" && keys.len() == 1 => {
                        part = Part::Capability(*n);
                        keys.clear();
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(m) = missing {
        path.push('.');
        path.push_str(m);
        keys.push(m);
    }
    let field = match keys.as_slice() {
        [] => None,
        [only] => Field::from_json_name(None, only),
        [.., parent, last] => Field::from_json_name(Some(parent), last),
    };
    Spot {
        record: Some((kind, index, name)),
        part,
        field,
        path,
    }
}

fn table_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Village => "villages",
        RecordKind::Organization => "organizations",
        RecordKind::Pairing => "pairings",
    }
}

/// Where a parse error at byte `end` of a record's text is: the path of keys and list positions
/// open there, and where the value being read began. `field_too`: whether the innermost
/// object's current key belongs in the path (not for a missing field, which is reported at the
/// end of its object).
fn path_at(text: &str, end: usize, field_too: bool) -> (Vec<Step>, usize) {
    enum Frame {
        Object { key: Option<String>, want_key: bool },
        List { index: usize },
    }
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut value_start = 0;
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object {
                    key: None,
                    want_key: true,
                });
                value_start = i + 1;
            }
            b'[' => {
                stack.push(Frame::List { index: 0 });
                value_start = i + 1;
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
                value_start = i + 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { want_key, .. }) => *want_key = true,
                    Some(Frame::List { index }) => *index += 1,
                    None => {}
                }
                value_start = i + 1;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object {
                    key,
                    want_key: true,
                }) = stack.last_mut()
                {
                    // A key: unescaped as serde would, which for our ASCII keys is as written.
                    *key = text.get(start..i.min(bytes.len())).map(str::to_owned);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let depth = stack.len();
    let steps = stack
        .into_iter()
        .enumerate()
        .filter_map(|(at, frame)| match frame {
            Frame::Object { key, .. } if at + 1 < depth || field_too => key.map(Step::Key),
            Frame::Object { .. } => None,
            Frame::List { index } => Some(Step::Index(index)),
        })
        .collect();
    (steps, value_start)
}

/// The byte offset of a 1-based line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    line_start + column
}

/// What a record's id and name are, read leniently, to name a record that does not parse.
#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// What the file holds, by id, for the checks across records.
#[derive(Default)]
struct FileIndex {
    /// The position of each record in its table.
    at: HashMap<(RecordKind, String), usize>,
    /// Villages' names, including those of villages that did not parse.
    village_names: HashMap<String, String>,
    /// Ids of records already reported as unreadable: a pairing naming one is not reported again.
    unreadable: HashSet<String>,
}

/// Reads every record of one table, checking each against the format and the records' rules.
fn read_table<R: Record + Checked>(
    raw: Option<&RawValue>,
    kind: RecordKind,
    into: &mut BTreeMap<String, R>,
    file: &mut FileIndex,
    problems: &mut Problems,
) {
    let Some(raw) = raw else {
        return;
    };
    let Some(items) = parse::<Option<Vec<&RawValue>>>(raw) else {
        problems.push(file_spot(table_name(kind)), wrong(raw.get()));
        return;
    };
    for (index, item) in items.unwrap_or_default().into_iter().enumerate() {
        let text = item.get();
        let named: Named = serde_json::from_str(text).unwrap_or_default();
        let id = named.id.unwrap_or_default();
        if kind == RecordKind::Village {
            file.village_names
                .entry(id.clone())
                .or_insert_with(|| named.name.clone().unwrap_or_default());
        }
        let name: String = match kind {
            RecordKind::Pairing => String::new(),
            _ => named.name.unwrap_or_default(),
        }
        .chars()
        .take(40)
        .collect();
        let record: R = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let message = e.to_string();
                let missing = message
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split('`').next());
                let end = offset_of(text, e.line(), e.column());
                let (steps, start) = path_at(text, end, missing.is_none());
                let what = match missing {
                    Some(_) => FileProblemKind::Missing,
                    None => wrong(text.get(start..end.min(text.len())).unwrap_or_default()),
                };
                let name = match kind {
                    RecordKind::Pairing => pairing_name(text, file),
                    _ => name,
                };
                problems.push(spot_of(kind, index, name, &steps, missing), what);
                file.unreadable.insert(id);
                continue;
            }
        };
        let name = match kind {
            RecordKind::Pairing => pairing_name(text, file),
            _ => name,
        };
        for p in record.problems() {
            let mut steps = Vec::new();
            match p.part {
                Part::Record => {}
                Part::Need(i) => steps.extend([Step::Key("needs".into()), Step::Index(i)]),
                Part::Capability(i) => {
                    steps.extend([Step::Key("capabilities".into()), Step::Index(i)])
                }
            }
            let mut spot = spot_of(kind, index, name.clone(), &steps, None);
            spot.field = Some(p.field);
            problems.push(spot, FileProblemKind::Rule(p.kind));
        }
        if into.contains_key(record.id()) {
            problems.push(
                spot_of(kind, index, name, &[], Some("id")),
                FileProblemKind::DuplicateId,
            );
        } else {
            file.at.insert((kind, record.id().to_owned()), index);
            into.insert(record.id().to_owned(), record);
        }
    }
}

/// A pairing is named by its village, when the file has it.
fn pairing_name(text: &str, file: &FileIndex) -> String {
    #[derive(Deserialize, Default)]
    struct Ids {
        #[serde(default)]
        village_id: Option<String>,
    }
    let ids: Ids = serde_json::from_str(text).unwrap_or_default();
    ids.village_id
        .and_then(|id| file.village_names.get(&id).cloned())
        .unwrap_or_default()
        .chars()
        .take(40)
        .collect()
}

/// The records' own rules (crate::validate), per type.
trait Checked {
    fn problems(&self) -> Vec<validate::Problem>;
}
impl Checked for Village {
    fn problems(&self) -> Vec<validate::Problem> {
        validate::village(self)
    }
}
impl Checked for Organization {
    fn problems(&self) -> Vec<validate::Problem> {
        validate::organization(self)
    }
}
impl Checked for Pairing {
    fn problems(&self) -> Vec<validate::Problem> {
        validate::pairing(self)
    }
}

/// Needs and capabilities are named by pairings, so their ids must be unique in the file too.
fn check_parts_unique(records: &Records, file: &FileIndex, problems: &mut Problems) {
    let villages = records.villages.values().map(|v| {
        let ids = v.needs.iter().map(|n| n.id.as_str()).collect();
        (RecordKind::Village, "needs", &v.id, &v.name, ids)
    });
    let orgs = records.organizations.values().map(|o| {
        let ids = o.capabilities.iter().map(|c| c.id.as_str()).collect();
        (
            RecordKind::Organization,
            "capabilities",
            &o.id,
            &o.name,
            ids,
        )
    });
    let at = |kind, id: &String| file.at.get(&(kind, id.clone())).copied().unwrap_or(0);
    for mut table in [villages.collect::<Vec<_>>(), orgs.collect()] {
        // In file order, so that the later of two records sharing an id is the one named.
        table.sort_by_key(|(kind, _, id, _, _)| at(*kind, id));
        let mut seen = HashSet::new();
        for (kind, list, id, name, ids) in table {
            let ids: Vec<&str> = ids;
            for (i, part) in ids.into_iter().enumerate() {
                if !seen.insert(part) {
                    let index = at(kind, id);
                    let steps = [Step::Key(list.into()), Step::Index(i)];
                    problems.push(
                        spot_of(kind, index, name.clone(), &steps, Some("id")),
                        FileProblemKind::DuplicateId,
                    );
                }
            }
        }
    }
}

/// Every live pairing names a village and an organisation that exist (in the file or here), and
/// needs and capabilities they have.
fn check_references(records: &Records, local: &Records, file: &FileIndex, problems: &mut Problems) {
    let at = |id: &str| {
        file.at
            .get(&(RecordKind::Pairing, id.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    let mut pairings: Vec<&Pairing> = records.pairings.values().filter(|p| !p.deleted).collect();
    pairings.sort_by_key(|p| at(&p.id));
    for p in pairings {
        let index = at(&p.id);
        let village = records
            .villages
            .get(&p.village_id)
            .or_else(|| local.villages.get(&p.village_id));
        let org = records
            .organizations
            .get(&p.organization_id)
            .or_else(|| local.organizations.get(&p.organization_id));
        let name = village.map(|v| v.name.clone()).unwrap_or_default();
        let spot =
            |field: &str| spot_of(RecordKind::Pairing, index, name.clone(), &[], Some(field));
        match village {
            None if file.unreadable.contains(&p.village_id) => {}
            None => problems.push(spot("village_id"), FileProblemKind::MissingVillage),
            Some(v) => {
                if p.need_ids
                    .iter()
                    .any(|id| !v.needs.iter().any(|n| &n.id == id))
                {
                    problems.push(spot("need_ids"), FileProblemKind::MissingNeed);
                }
            }
        }
        match org {
            None if file.unreadable.contains(&p.organization_id) => {}
            None => problems.push(
                spot("organization_id"),
                FileProblemKind::MissingOrganization,
            ),
            Some(o) => {
                if p.capability_ids
                    .iter()
                    .any(|id| !o.capabilities.iter().any(|c| &c.id == id))
                {
                    problems.push(spot("capability_ids"), FileProblemKind::MissingCapability);
                }
            }
        }
    }
}

/// What a merge does to one table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records this device did not have.
    pub new: usize,
    /// Records replaced by the file's later copy.
    pub updated: usize,
    /// Records deleted because the file has a later tombstone.
    pub deleted: usize,
    /// Records kept because the copy here is later.
    pub kept_yours: usize,
    /// Records the same on both sides, or tombstones of records never seen here.
    pub unchanged: usize,
}

impl Counts {
    /// How many records the merge writes.
    pub fn changes(&self) -> usize {
        self.new + self.updated + self.deleted
    }
}

/// What a merge would do, per table: the import's preview.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Preview {
    /// Villages.
    pub villages: Counts,
    /// Organisations.
    pub organizations: Counts,
    /// Pairings.
    pub pairings: Counts,
}

impl Preview {
    /// How many records the merge writes.
    pub fn changes(&self) -> usize {
        self.villages.changes() + self.organizations.changes() + self.pairings.changes()
    }
}

/// Whether `incoming` replaces `mine` in a merge: the later `updated_at` wins. On a tie a
/// tombstone wins, and then the greater JSON text, so that every device merging the same copies
/// in any order keeps the same one.
pub fn wins<R: Record>(incoming: &R, mine: &R) -> bool {
    use std::cmp::Ordering::*;
    match incoming.updated_at().cmp(&mine.updated_at()) {
        Greater => true,
        Less => false,
        Equal => match incoming.is_deleted().cmp(&mine.is_deleted()) {
            Greater => true,
            Less => false,
            Equal => {
                let text = |r: &R| serde_json::to_string(r).unwrap_or_default();
                text(incoming) > text(mine)
            }
        },
    }
}

fn count<R: Record>(mine: &BTreeMap<String, R>, incoming: &BTreeMap<String, R>) -> Counts {
    let mut c = Counts::default();
    for (id, theirs) in incoming {
        match mine.get(id) {
            None if theirs.is_deleted() => c.unchanged += 1,
            None => c.new += 1,
            Some(m) if wins(theirs, m) => match (m.is_deleted(), theirs.is_deleted()) {
                (false, true) => c.deleted += 1,
                (true, false) => c.new += 1,
                (true, true) => c.unchanged += 1,
                (false, false) => c.updated += 1,
            },
            Some(m) if wins(m, theirs) => c.kept_yours += 1,
            Some(_) => c.unchanged += 1,
        }
    }
    c
}

/// What merging `incoming` into `local` would do.
pub fn preview(local: &Records, incoming: &Records) -> Preview {
    Preview {
        villages: count(&local.villages, &incoming.villages),
        organizations: count(&local.organizations, &incoming.organizations),
        pairings: count(&local.pairings, &incoming.pairings),
    }
}

/// Merges `incoming` into `local` in memory: by id, later wins, tombstones delete, and nothing
/// the file does not mention is touched. Returns the (table, id) of every record written.
pub fn merge(local: &mut Records, incoming: &Records) -> Vec<(RecordKind, String)> {
    fn table<R: Record>(
        kind: RecordKind,
        mine: &mut BTreeMap<String, R>,
        incoming: &BTreeMap<String, R>,
        out: &mut Vec<(RecordKind, String)>,
    ) {
        for (id, theirs) in incoming {
            if mine.get(id).is_none_or(|m| wins(theirs, m)) {
                mine.insert(id.clone(), theirs.clone());
                out.push((kind, id.clone()));
            }
        }
    }
    let mut out = Vec::new();
    table(
        RecordKind::Village,
        &mut local.villages,
        &incoming.villages,
        &mut out,
    );
    table(
        RecordKind::Organization,
        &mut local.organizations,
        &incoming.organizations,
        &mut out,
    );
    table(
        RecordKind::Pairing,
        &mut local.pairings,
        &incoming.pairings,
        &mut out,
    );
    out
}

/// The storage key of the last import's undo record.
pub const UNDO_KEY: &str = "qianshou/import-undo";

/// One record an import wrote: what was there before, and the copy the import wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndoEntry {
    /// Its table.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// The stored text before the import, `None` if the record was new.
    pub before: Option<String>,
    /// The `updated_at` of the copy written: undo leaves a record alone that changed since.
    #[serde(with = "crate::records::rfc3339")]
    pub written: Timestamp,
}

/// What undoing the last import needs, kept in storage until it is undone or replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportUndo {
    /// When the import was made.
    #[serde(with = "crate::records::rfc3339")]
    pub at: Timestamp,
    /// The surveyor named in the file imported.
    pub surveyor: String,
    /// Every record written.
    pub entries: Vec<UndoEntry>,
}

impl ImportUndo {
    /// The stored undo record of the last import, if any.
    pub fn load(store: &dyn KeyValueStore) -> Result<Option<ImportUndo>, StorageError> {
        Ok(store
            .get(UNDO_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok()))
    }
}

fn stored_raw(
    store: &dyn KeyValueStore,
    kind: RecordKind,
    id: &str,
) -> Result<Option<String>, StorageError> {
    store.get(&record_key(kind, id))
}

fn record_key(kind: RecordKind, id: &str) -> String {
    match kind {
        RecordKind::Village => key::<Village>(id),
        RecordKind::Organization => key::<Organization>(id),
        RecordKind::Pairing => key::<Pairing>(id),
    }
}

fn save_one(
    store: &dyn KeyValueStore,
    records: &Records,
    kind: RecordKind,
    id: &str,
) -> Result<(), StorageError> {
    match kind {
        RecordKind::Village => repo::save(store, &records.villages[id]),
        RecordKind::Organization => repo::save(store, &records.organizations[id]),
        RecordKind::Pairing => repo::save(store, &records.pairings[id]),
    }
    .map(|_| ())
}

fn updated_at(records: &Records, kind: RecordKind, id: &str) -> Option<Timestamp> {
    match kind {
        RecordKind::Village => records.villages.get(id).map(Record::updated_at),
        RecordKind::Organization => records.organizations.get(id).map(Record::updated_at),
        RecordKind::Pairing => records.pairings.get(id).map(Record::updated_at),
    }
}

/// Puts `before` back under the record's key (or removes the key of a record that was new).
fn put_back(
    store: &dyn KeyValueStore,
    kind: RecordKind,
    id: &str,
    before: &Option<String>,
) -> Result<(), StorageError> {
    let key = record_key(kind, id);
    match before {
        Some(raw) => store.set(&key, raw),
        None => store.remove(&key),
    }
}

/// Imports a checked file: keeps what it replaces under [`UNDO_KEY`], then writes every record
/// that changes. If any write fails, every key written is put back and the error returned:
/// storage and `local` are then as they were.
pub fn apply(
    store: &dyn KeyValueStore,
    local: &mut Records,
    incoming: &Incoming,
    now: Timestamp,
) -> Result<Preview, StorageError> {
    let counts = preview(local, &incoming.records);
    let mut merged = local.clone();
    let written = merge(&mut merged, &incoming.records);
    let mut entries = Vec::with_capacity(written.len());
    for (kind, id) in &written {
        entries.push(UndoEntry {
            kind: *kind,
            id: id.clone(),
            before: stored_raw(store, *kind, id)?,
            written: updated_at(&merged, *kind, id).unwrap_or(now),
        });
    }
    let undo = ImportUndo {
        at: now,
        surveyor: incoming.header.surveyor.clone(),
        entries,
    };
    let previous_undo = store.get(UNDO_KEY)?;
    let raw = serde_json::to_string(&undo).map_err(|e| StorageError::Other(e.to_string()))?;
    store.set(UNDO_KEY, &raw)?;
    for (done, (kind, id)) in written.iter().enumerate() {
        if let Err(e) = save_one(store, &merged, *kind, id) {
            // Last written first: each step back lands on a state storage held before, so it
            // fits (in any other order, an old copy might not).
            for entry in undo.entries[..done].iter().rev() {
                let _ = put_back(store, entry.kind, &entry.id, &entry.before);
            }
            let _ = match &previous_undo {
                Some(raw) => store.set(UNDO_KEY, raw),
                None => store.remove(UNDO_KEY),
            };
            return Err(e);
        }
    }
    *local = merged;
    Ok(counts)
}

/// What undoing an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Undone {
    /// Records put back as they were before the import.
    pub restored: usize,
    /// Records left as they are because they were changed after the import.
    pub kept: usize,
}

/// Undoes the last import: every record it wrote and nobody changed since goes back to what it
/// was before (a record it added goes away). Records changed since are kept, and counted.
pub fn undo(store: &dyn KeyValueStore, local: &mut Records) -> Result<Undone, StorageError> {
    let Some(undo) = ImportUndo::load(store)? else {
        return Ok(Undone::default());
    };
    let mut done = Undone::default();
    // Removals first: they make room for the older copies.
    let mut entries: Vec<&UndoEntry> = undo.entries.iter().collect();
    entries.sort_by_key(|e| e.before.is_some());
    for e in entries {
        if updated_at(local, e.kind, &e.id) != Some(e.written) {
            done.kept += 1;
            continue;
        }
        put_back(store, e.kind, &e.id, &e.before)?;
        restore_in_memory(local, e);
        done.restored += 1;
    }
    store.remove(UNDO_KEY)?;
    Ok(done)
}

fn restore_in_memory(local: &mut Records, e: &UndoEntry) {
    fn one<R: Record>(map: &mut BTreeMap<String, R>, e: &UndoEntry) {
        match e.before.as_deref().map(serde_json::from_str::<R>) {
            Some(Ok(r)) => {
                map.insert(e.id.clone(), r);
            }
            // A previous copy that no longer parses stays in storage for the next load to set
            // aside; here the record is simply gone.
            Some(Err(_)) | None => {
                map.remove(&e.id);
            }
        }
    }
    match e.kind {
        RecordKind::Village => one(&mut local.villages, e),
        RecordKind::Organization => one(&mut local.organizations, e),
        RecordKind::Pairing => one(&mut local.pairings, e),
    }
}
