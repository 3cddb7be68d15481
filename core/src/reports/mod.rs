//! What people read off the records: the coordinator's figures ([`dashboard`]) and the office's
//! spreadsheets ([`sheets`]). These sit above the words, which the spreadsheets' headers use.

pub mod dashboard;
pub mod sheets;
