//! Pairing villages with organisations, one job per file: the lexicon the words are read with
//! ([`lexicon`]), the category a text points to ([`classify`]), the kind of
//! help a text asks for or offers (`intent`), the words of a text as compared
//! (`features`), the scores, bounds and suggestions ([`score`]), how well they do on the
//! evaluation set ([`evaluation`]); the plan for all open needs at once ([`plan`], over a general
//! min-cost flow, [`flow`]) and the pairings' lifecycle once a match is accepted ([`pairings`]).

pub mod classify;
pub mod evaluation;
mod features;
pub mod flow;
mod intent;
pub mod lexicon;
pub mod pairings;
pub mod plan;
pub mod score;
