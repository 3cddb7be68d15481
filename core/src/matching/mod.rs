//! Pairing villages with organisations: the plan for all open needs at once and the pairings'
//! lifecycle once a match is accepted.

pub mod pairings;
pub mod plan;
