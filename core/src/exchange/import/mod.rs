//! Import: read a file of FORMAT.md, check all of it, preview the merge, apply it, undo it.
//!
//! A file is imported whole or not at all. [`read`] parses and checks everything before anything
//! changes and says, for each problem, which record and which field. [`preview`] counts what a
//! merge would do; [`apply`] keeps what it replaces (so the import can be undone) and writes,
//! putting every written key back if a write fails.
//!
//! What is accepted, this app's own export writes back valid and the same: every rule of
//! [`crate::model::validate`] holds (dates and times in the years 2000 to 2100, names that show
//! something, at most [`validate::MAX_PAIRING_IDS`] ids a pairing); every id names one thing,
//! in the file and on this device, in any table and any letter case; and the pairings the merge
//! takes from the file name records, needs and capabilities of the copies the merge keeps. A
//! date written loosely (`2024-2-3`) is read as the one date it means and listed in
//! [`Incoming::corrections`]. Every check is linear in the size of the file and the device.
use crate::exchange::interchange::{Header, RecordKind};
use crate::model::validate::{Field, Part, ProblemKind};
use crate::storage::repo::Records;

mod apply;
mod check;
mod preview;

pub use apply::{apply, undo, Applied, ImportUndo, UndoEntry, UndoKept, Undone, UNDO_KEY};
pub use check::read;
pub use preview::{merge, preview, wins, Counts, Preview};

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
    /// The id (of a record, a need or a capability) is already used by another record on this
    /// device, in any table and in any letter case.
    IdOnDevice,
}

/// A value of the file that does not quite follow the format but means one thing only, and is
/// imported as the format writes it (`2024-2-3` as `2024-02-03`). The preview lists them, so
/// that nothing is rewritten without a word.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// Where.
    pub spot: Spot,
    /// The value as the file has it, shortened.
    pub from: String,
    /// The value as it is imported.
    pub to: String,
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
    /// Values imported in the format's own form, in file order (see [`Correction`]).
    pub corrections: Vec<Correction>,
}
