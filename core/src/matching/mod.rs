//! Pairing villages with organisations: the plan for all open needs at once (over a general
//! min-cost flow) and the pairings' lifecycle once a match is accepted.

pub mod flow;
pub mod pairings;
pub mod plan;
