//! The pure core of qianshou (牵手).
//!
//! Everything here compiles and tests natively: no Leptos, no browser types. The web app in the
//! parent crate supplies a [`storage::KeyValueStore`] over `localStorage` and renders what these
//! modules compute.
//!
//! The folders are layers; each depends only on those before it, never on one after it:
//!
//! 1. [`model`]: the records and their rules, ids, text folding, the languages as a value.
//! 2. [`storage`]: the key-value store, the records one key each, merging two tabs, settings.
//! 3. matching: the matcher and its lexicon, then the plan and the pairings ([`matching`]).
//! 4. [`exchange`]: the upload file out and in (export, checked import, undo).
//! 5. [`words`]: every visible string, and the domain's values and problems in words. Problems
//!    are data below this line; only here do they become sentences.
//! 6. [`reports`]: the dashboard's figures and the office's spreadsheets (whose headers are words).

pub mod exchange;
pub mod matching;
pub mod model;
pub mod reports;
#[cfg(feature = "sample")]
pub mod sample;
pub mod storage;
pub mod words;
