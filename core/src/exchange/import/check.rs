//! Reading a file and checking all of it before anything changes: the header, every record
//! against its rules, every id against the file and the device, every reference.

use super::*;
use crate::exchange::interchange::{Header, RecordKind, FORMAT, VERSION};
use crate::model::ids::is_uuid;
use crate::model::records::{Organization, Pairing, Village};
use crate::model::validate::{self, Field, Part};
use crate::storage::repo::{Record, Records};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap, HashSet};

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
    check_ids_in_file(&records, &file, &mut problems);
    let winners = Winners::new(local, &records);
    check_ids_on_device(local, &records, &winners, &file, &mut problems);
    check_references(&records, local, &winners, &file, &mut problems);

    match (problems.list.is_empty(), header) {
        (true, Some(header)) => Ok(Incoming {
            header,
            records,
            corrections: file.corrections,
        }),
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
                Some(t) => match validate::timestamp_problem(&t) {
                    None => Some(t),
                    Some(kind) => {
                        problems.push(file_spot("exported_at"), FileProblemKind::Rule(kind));
                        None
                    }
                },
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
    FileProblemKind::WrongValue(shorten(text.trim()))
}

/// `text` cut to 40 characters.
fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        text.chars().take(39).chain(['…']).collect()
    } else {
        text.to_owned()
    }
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

/// What a record's id and name are, read leniently (whatever the other fields hold, and
/// whatever these hold), to name a record that does not parse.
#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    name: Option<serde_json::Value>,
}

impl Named {
    fn read(text: &str) -> (Option<String>, String) {
        let named: Named = serde_json::from_str(text).unwrap_or_default();
        let text = |v: Option<serde_json::Value>| match v {
            Some(serde_json::Value::String(s)) => Some(s),
            _ => None,
        };
        (text(named.id), text(named.name).unwrap_or_default())
    }
}

/// The dates of a record as the file writes them, to tell when reading them changed them.
#[derive(Deserialize, Default)]
struct RawDates<'a> {
    #[serde(default, borrow)]
    surveyed_on: Option<&'a RawValue>,
    #[serde(default, borrow)]
    signed_on: Option<&'a RawValue>,
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
    /// Tables with a record (or the whole table) unreadable and without an id: any missing
    /// partner of that table may be that record, so none is reported as missing.
    unknown_unreadable: HashSet<RecordKind>,
    /// Values read in the format's own form.
    corrections: Vec<Correction>,
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
        file.unknown_unreadable.insert(kind);
        return;
    };
    for (index, item) in items.unwrap_or_default().into_iter().enumerate() {
        let text = item.get();
        let (id, named) = Named::read(text);
        if id.is_none() {
            file.unknown_unreadable.insert(kind);
        }
        let id = id.unwrap_or_default();
        if kind == RecordKind::Village {
            file.village_names
                .entry(id.clone())
                .or_insert_with(|| named.clone());
        }
        let name: String = match kind {
            RecordKind::Pairing => String::new(),
            _ => named,
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
        note_date_corrections(text, kind, index, &name, file);
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

/// The records' own rules (crate::model::validate), per type.
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

/// Notes the dates of a record that the file writes otherwise than the format does (a month
/// without its zero, spaces around), which are read as the one date they can mean.
fn note_date_corrections(
    text: &str,
    kind: RecordKind,
    index: usize,
    name: &str,
    file: &mut FileIndex,
) {
    let dates: RawDates = serde_json::from_str(text).unwrap_or_default();
    for (field, raw) in [
        ("surveyed_on", dates.surveyed_on),
        ("signed_on", dates.signed_on),
    ] {
        let Some(written) = raw.and_then(parse::<Option<String>>).flatten() else {
            continue;
        };
        let Some(date) = chrono::NaiveDate::parse_from_str(written.trim(), "%Y-%m-%d").ok() else {
            continue;
        };
        let canonical = date.format("%Y-%m-%d").to_string();
        if canonical != written {
            file.corrections.push(Correction {
                spot: spot_of(kind, index, name.to_owned(), &[], Some(field)),
                from: shorten(&written),
                to: canonical,
            });
        }
    }
}

/// Who holds an id: a record of a table, or one of its needs or capabilities.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Owner<'a> {
    kind: RecordKind,
    record: &'a str,
    part: Part,
}

/// Every id a record holds: its own, and its needs' or capabilities'.
fn ids_of<'a>(records: &'a Records, kind: RecordKind, id: &str) -> Vec<(Owner<'a>, &'a str)> {
    let mut out = Vec::new();
    match kind {
        RecordKind::Village => {
            if let Some((id, v)) = records.villages.get_key_value(id) {
                out.push((owner(kind, id, Part::Record), id.as_str()));
                for (i, n) in v.needs.iter().enumerate() {
                    out.push((owner(kind, id, Part::Need(i)), n.id.as_str()));
                }
            }
        }
        RecordKind::Organization => {
            if let Some((id, o)) = records.organizations.get_key_value(id) {
                out.push((owner(kind, id, Part::Record), id.as_str()));
                for (i, c) in o.capabilities.iter().enumerate() {
                    out.push((owner(kind, id, Part::Capability(i)), c.id.as_str()));
                }
            }
        }
        RecordKind::Pairing => {
            if let Some(id) = records.pairings.get_key_value(id).map(|(k, _)| k) {
                out.push((owner(kind, id, Part::Record), id.as_str()));
            }
        }
    }
    out
}

fn owner(kind: RecordKind, record: &str, part: Part) -> Owner<'_> {
    Owner { kind, record, part }
}

/// The records of a file in file order, each with its table.
fn in_file_order<'a>(records: &'a Records, file: &FileIndex) -> Vec<(RecordKind, &'a str)> {
    let mut all: Vec<(RecordKind, &str)> = Vec::new();
    all.extend(
        records
            .villages
            .keys()
            .map(|k| (RecordKind::Village, k.as_str())),
    );
    all.extend(
        records
            .organizations
            .keys()
            .map(|k| (RecordKind::Organization, k.as_str())),
    );
    all.extend(
        records
            .pairings
            .keys()
            .map(|k| (RecordKind::Pairing, k.as_str())),
    );
    let at = |kind, id: &str| file.at.get(&(kind, id.to_owned())).copied().unwrap_or(0);
    all.sort_by_cached_key(|&(kind, id)| (kind, at(kind, id)));
    all
}

/// Where an id of a file record is: the record's own id, or its need's or capability's.
fn id_spot(records: &Records, file: &FileIndex, o: Owner) -> Spot {
    let index = file
        .at
        .get(&(o.kind, o.record.to_owned()))
        .copied()
        .unwrap_or(0);
    let name = match o.kind {
        RecordKind::Village => records.villages.get(o.record).map(|v| v.name.clone()),
        RecordKind::Organization => records.organizations.get(o.record).map(|r| r.name.clone()),
        RecordKind::Pairing => records
            .pairings
            .get(o.record)
            .and_then(|p| file.village_names.get(&p.village_id).cloned()),
    }
    .unwrap_or_default()
    .chars()
    .take(40)
    .collect();
    let steps = match o.part {
        Part::Record => vec![],
        Part::Need(i) => vec![Step::Key("needs".into()), Step::Index(i)],
        Part::Capability(i) => vec![Step::Key("capabilities".into()), Step::Index(i)],
    };
    spot_of(o.kind, index, name, &steps, Some("id"))
}

/// Every id in a file names one thing: no two records, needs or capabilities share one, in any
/// table and in any letter case (`A` and `a` would be two keys here and one UUID upstream).
/// The later of two is named. Linear: one map of the ids seen.
fn check_ids_in_file(records: &Records, file: &FileIndex, problems: &mut Problems) {
    let mut seen: HashMap<String, Owner> = HashMap::new();
    for (kind, id) in in_file_order(records, file) {
        for (o, part_id) in ids_of(records, kind, id) {
            if seen.insert(part_id.to_ascii_lowercase(), o).is_some() {
                problems.push(id_spot(records, file, o), FileProblemKind::DuplicateId);
            }
        }
    }
}

/// Which of the file's records the merge keeps (the file's copy wins), by table.
struct Winners<'a> {
    villages: HashSet<&'a str>,
    organizations: HashSet<&'a str>,
    pairings: HashSet<&'a str>,
}

impl<'a> Winners<'a> {
    fn new(local: &Records, incoming: &'a Records) -> Winners<'a> {
        fn table<'a, R: Record>(
            mine: &BTreeMap<String, R>,
            incoming: &'a BTreeMap<String, R>,
        ) -> HashSet<&'a str> {
            incoming
                .iter()
                .filter(|(id, theirs)| mine.get(*id).is_none_or(|m| wins(*theirs, m)))
                .map(|(id, _)| id.as_str())
                .collect()
        }
        Winners {
            villages: table(&local.villages, &incoming.villages),
            organizations: table(&local.organizations, &incoming.organizations),
            pairings: table(&local.pairings, &incoming.pairings),
        }
    }

    fn contains(&self, kind: RecordKind, id: &str) -> bool {
        match kind {
            RecordKind::Village => self.villages.contains(id),
            RecordKind::Organization => self.organizations.contains(id),
            RecordKind::Pairing => self.pairings.contains(id),
        }
    }
}

/// The ids the file brings are not used by another record of this device: the records the
/// merge keeps from here (a record the file replaces keeps its own ids, needs included), in any
/// table and any letter case. A clash already here, not brought by the file, is not the file's.
fn check_ids_on_device(
    local: &Records,
    incoming: &Records,
    winners: &Winners,
    file: &FileIndex,
    problems: &mut Problems,
) {
    let mut here: HashSet<String> = HashSet::new();
    for kind in [
        RecordKind::Village,
        RecordKind::Organization,
        RecordKind::Pairing,
    ] {
        let ids: Vec<&String> = match kind {
            RecordKind::Village => local.villages.keys().collect(),
            RecordKind::Organization => local.organizations.keys().collect(),
            RecordKind::Pairing => local.pairings.keys().collect(),
        };
        for id in ids {
            if winners.contains(kind, id) {
                continue;
            }
            here.extend(
                ids_of(local, kind, id)
                    .into_iter()
                    .map(|(_, part)| part.to_ascii_lowercase()),
            );
        }
    }
    if here.is_empty() {
        return;
    }
    for (kind, id) in in_file_order(incoming, file) {
        if !winners.contains(kind, id) {
            continue;
        }
        for (o, part_id) in ids_of(incoming, kind, id) {
            if here.contains(&part_id.to_ascii_lowercase()) {
                problems.push(id_spot(incoming, file, o), FileProblemKind::IdOnDevice);
            }
        }
    }
}

/// Every live pairing the merge takes from the file names a village and an organisation that
/// exist after the merge, and needs and capabilities that the copies the merge keeps have (the
/// file's copy, or this device's when it is later), so that the device's next export writes
/// the pairing as it came.
///
/// A partner that is deleted (a tombstone) counts as there: deleting a village on this app
/// leaves its pairings, so that undoing the delete brings them back, and exports write both;
/// the import takes what the app itself makes. A pairing deleted in the file names nothing that
/// matters and is not checked; nor are pairings kept from here, whose partners the file may
/// delete as a person here may. Linear: each partner's needs or capabilities go in a set once.
fn check_references(
    incoming: &Records,
    local: &Records,
    winners: &Winners,
    file: &FileIndex,
    problems: &mut Problems,
) {
    let village = |id: &str| match winners.villages.contains(id) {
        true => incoming.villages.get(id),
        false => local.villages.get(id),
    };
    let org = |id: &str| match winners.organizations.contains(id) {
        true => incoming.organizations.get(id),
        false => local.organizations.get(id),
    };
    let mut needs: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut caps: HashMap<&str, HashSet<&str>> = HashMap::new();
    let at = |id: &str| {
        file.at
            .get(&(RecordKind::Pairing, id.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    let mut pairings: Vec<&Pairing> = incoming
        .pairings
        .values()
        .filter(|p| !p.deleted && winners.pairings.contains(p.id.as_str()))
        .collect();
    pairings.sort_by_key(|p| at(&p.id));
    for p in pairings {
        let index = at(&p.id);
        let v = village(&p.village_id);
        let o = org(&p.organization_id);
        let name = match v {
            Some(v) => v.name.clone(),
            None => file
                .village_names
                .get(&p.village_id)
                .cloned()
                .unwrap_or_default(),
        }
        .chars()
        .take(40)
        .collect::<String>();
        let spot =
            |field: &str| spot_of(RecordKind::Pairing, index, name.clone(), &[], Some(field));
        let village_unread = file.unreadable.contains(&p.village_id)
            || file.unknown_unreadable.contains(&RecordKind::Village);
        match v {
            None if village_unread => {}
            None => problems.push(spot("village_id"), FileProblemKind::MissingVillage),
            Some(v) => {
                let have = needs
                    .entry(v.id.as_str())
                    .or_insert_with(|| v.needs.iter().map(|n| n.id.as_str()).collect());
                // An id that is no id is reported as such already.
                let known = |id: &String| {
                    !crate::model::ids::is_record_id(id) || have.contains(id.as_str())
                };
                if !p.need_ids.iter().all(known) {
                    problems.push(spot("need_ids"), FileProblemKind::MissingNeed);
                }
            }
        }
        let org_unread = file.unreadable.contains(&p.organization_id)
            || file.unknown_unreadable.contains(&RecordKind::Organization);
        match o {
            None if org_unread => {}
            None => problems.push(
                spot("organization_id"),
                FileProblemKind::MissingOrganization,
            ),
            Some(o) => {
                let have = caps
                    .entry(o.id.as_str())
                    .or_insert_with(|| o.capabilities.iter().map(|c| c.id.as_str()).collect());
                let known = |id: &String| {
                    !crate::model::ids::is_record_id(id) || have.contains(id.as_str())
                };
                if !p.capability_ids.iter().all(known) {
                    problems.push(spot("capability_ids"), FileProblemKind::MissingCapability);
                }
            }
        }
    }
}
