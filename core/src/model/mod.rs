//! The domain, below everything else: the records of FORMAT.md and their rules, ids, text
//! folding, the official list of places, the survey lists, and the interface languages as a value. Nothing here depends on
//! storage, the matcher, the exchange formats or the words.

pub mod ids;
pub mod lang;
pub mod places;
pub mod records;
pub mod search;
pub mod survey;
mod t2s_table;
pub mod text;
pub mod validate;
