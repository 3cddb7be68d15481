//! Tokens: 32 random bytes shown once, kept only as their SHA-256.
//!
//! A presented token is hashed, looked up by its hash, and the stored hash compared with it in
//! constant time: the comparison says nothing through its timing, and the database never holds
//! a token that would let whoever reads it upload.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A new token: 64 hex characters (256 bits from the operating system's generator).
pub fn new_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system's random generator");
    hex(&b)
}

/// The SHA-256 of `token`, hex: what is stored.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether two hashes are the same, in time that does not depend on where they differ.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_stored_as_its_hash_and_only_the_same_token_matches() {
        let t = new_token();
        assert_eq!(t.len(), 64);
        assert_ne!(hash(&t), t);
        assert!(same_hash(&hash(&t), &hash(&t)));
        assert!(!same_hash(&hash(&t), &hash(&new_token())));
        assert!(!same_hash(&hash(&t), ""));
    }
}
