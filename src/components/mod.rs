//! Pieces the screens share.

pub mod banners;
pub mod charts;
pub mod fields;
pub mod items;
pub mod location;
pub mod nav;
pub mod notice;
pub mod order;
pub mod places;
pub mod problems;
pub mod record_page;
pub mod suggestions;
pub mod upload;
pub mod welcome;
