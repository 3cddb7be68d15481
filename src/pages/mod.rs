//! One file per screen.

pub mod data;
pub mod matches;
pub mod not_found;
pub mod organizations;
pub mod settings;
pub mod villages;
