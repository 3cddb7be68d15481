//! One file per screen.

pub mod dashboard;
pub mod data;
pub mod matches;
pub mod not_found;
pub mod organization;
pub mod organizations;
pub mod report;
pub mod settings;
pub mod village;
pub mod villages;
