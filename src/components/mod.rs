//! Pieces the screens share.

pub mod banners;
pub mod nav;
pub mod placeholder;
