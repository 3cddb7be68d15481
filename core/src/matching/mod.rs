//! Matching needs with capabilities, one job per file: the lexicon the words are read with
//! ([`lexicon`]), the category a text points to ([`classify`]), the words of a text as compared
//! (`features`), the scores, bounds and suggestions ([`score`]), and how well they do on the
//! evaluation set ([`evaluation`]).

pub mod classify;
pub mod evaluation;
mod features;
pub mod lexicon;
pub mod score;
