//! The ids of records and devices: UUIDs in their hyphenated form (FORMAT.md).
//!
//! A module of its own because both the rules ([`crate::model::validate`]) and the settings use them,
//! and neither should depend on the other for it.

/// Formats 16 random bytes as a version 4 UUID (RFC 9562), the form of every id in FORMAT.md.
///
/// The bytes come from the caller (the browser's `crypto.getRandomValues`), which keeps this
/// function pure and testable.
pub fn uuid_v4(bytes: [u8; 16]) -> String {
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// Whether `s` is a UUID in its hyphenated form (8-4-4-4-12 hexadecimal digits).
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// Whether `id` can name a record: a UUID, and not the nil UUID (all zeros), which no device
/// makes and which several tools use for "none".
pub fn is_record_id(id: &str) -> bool {
    is_uuid(id) && id.bytes().any(|b| !matches!(b, b'0' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_nil_uuid_names_no_record() {
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(!is_record_id("00000000-0000-0000-0000-000000000000"));
        assert!(is_record_id("00000000-0000-4000-8000-000000000001"));
    }

    proptest! {
        #[test]
        fn uuid_v4_has_the_version_and_variant(bytes in any::<[u8; 16]>()) {
            let id = uuid_v4(bytes);
            prop_assert!(is_uuid(&id));
            prop_assert_eq!(&id[14..15], "4");
            prop_assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        }
    }
}
