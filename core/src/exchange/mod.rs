//! Files in and out: the upload file of FORMAT.md ([`interchange`]) and reading one back, checked
//! and merged ([`import`]).

pub mod import;
pub mod interchange;
pub mod outbox;
