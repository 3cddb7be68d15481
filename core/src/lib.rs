//! The pure core of qianshou (牵手).
//!
//! Everything here compiles and tests natively: no Leptos, no browser types. The web app in the
//! parent crate supplies a [`storage::KeyValueStore`] over `localStorage` and renders what these
//! modules compute.

pub mod dashboard;
pub mod i18n;
pub mod import;
pub mod interchange;
pub mod journal;
pub mod matching;
pub mod merge;
pub mod pairings;
pub mod plan;
pub mod records;
pub mod repo;
#[cfg(feature = "sample")]
pub mod sample;
pub mod settings;
pub mod sheets;
pub mod storage;
pub mod survey;
mod t2s_table;
pub mod text;
pub mod validate;

// The paths the app, the server and the tests use, kept while they move to `matching::…`.
pub use matching::score as matcher;
pub use matching::{classify, evaluation, lexicon};
