//! The barcode hash: InvenTree's `hash_barcode`, bit for bit.
//!
//! Linked external barcodes are looked up by this hash, and the API shows it as
//! `barcode_hash`, so it has to agree with InvenTree's for the same data (design.md).

use std::fmt;
use std::str::FromStr;

use md5::{Digest, Md5};

use super::text::python_strip;

/// The MD5 of a barcode's normalised data, shown as 32 lowercase hex digits.
///
/// Normalisation, in InvenTree's order: trim Python whitespace (which includes GS and RS),
/// then drop the control characters U+0000..U+001F and U+007F..U+009F (newline included) and
/// the bidirectional marks U+200E, U+200F, U+202A..U+202E wherever they are. Trimming comes
/// first, so `"\u{200e} abc"` hashes as `" abc"`, exactly as in InvenTree.
///
/// ```
/// use stockroom_core::barcode::BarcodeHash;
///
/// let hash = BarcodeHash::of("abcdefg");
/// assert_eq!(hash.to_string(), "7ac66c0f148de9519b8bd264312c4d64");
/// assert_eq!(BarcodeHash::of(" abc\n"), BarcodeHash::of("a\tb\u{1d}c"));
/// assert_eq!("7ac66c0f148de9519b8bd264312c4d64".parse(), Ok(hash));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BarcodeHash([u8; 16]);

/// Why a text is not a barcode hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a barcode hash is 32 lowercase hexadecimal digits")]
pub struct BarcodeHashError;

impl BarcodeHash {
    /// Hashes barcode data as InvenTree does. Any string is accepted, raw or already trimmed.
    pub fn of(data: &str) -> BarcodeHash {
        let mut md5 = Md5::new();
        // Feeding the pieces between removed characters avoids building a cleaned copy.
        for piece in python_strip(data).split(is_removed) {
            md5.update(piece.as_bytes());
        }
        BarcodeHash(md5.finalize().into())
    }

    /// Reads a stored hash: exactly 32 lowercase hex digits, as InvenTree writes them.
    pub fn parse(hex: &str) -> Result<BarcodeHash, BarcodeHashError> {
        let bytes = hex.as_bytes();
        if bytes.len() != 32 {
            return Err(BarcodeHashError);
        }
        let mut digest = [0_u8; 16];
        for (out, pair) in digest.iter_mut().zip(bytes.chunks_exact(2)) {
            let [high, low] = pair else {
                return Err(BarcodeHashError);
            };
            let high = nibble(*high).ok_or(BarcodeHashError)?;
            let low = nibble(*low).ok_or(BarcodeHashError)?;
            *out = (high << 4) | low;
        }
        Ok(BarcodeHash(digest))
    }

    /// The 16 digest bytes.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The 32-character lowercase hex form (the same as `to_string()`).
    pub fn to_hex(&self) -> String {
        self.to_string()
    }
}

/// Characters the hash ignores wherever they occur (after trimming).
const fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
    )
}

/// The value of one lowercase hex digit.
const fn nibble(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

impl fmt::Display for BarcodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for BarcodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BarcodeHash({self})")
    }
}

impl FromStr for BarcodeHash {
    type Err = BarcodeHashError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BarcodeHash::parse(s)
    }
}

impl serde::Serialize for BarcodeHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for BarcodeHash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        BarcodeHash::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn hex(data: &str) -> String {
        BarcodeHash::of(data).to_string()
    }

    #[test]
    fn hashes_match_inventree_helper_tests() {
        assert_eq!(hex("abcdefg"), "7ac66c0f148de9519b8bd264312c4d64");
        assert_eq!(hex("ABCDEFG"), "bb747b3df3130fe1ca4afa93fb7d97c9");
        assert_eq!(hex("1234567"), "fcea920f7412b5da7be0cf42b8c93759");
        assert_eq!(
            hex(r#"{"part": 17, "stockitem": 12}"#),
            "c88c11ed0628eb7fef0d59b098b96975"
        );
    }

    #[test]
    fn hashes_match_inventree_plugin_tests_and_fixtures() {
        assert_eq!(
            hex(r#"{"blbla": 10007}"#),
            "2f5dba5c83a360599ba7665b2a4131c6"
        );
        assert_eq!(hex("xyz-123"), "bc39d07e9a395c7b5658c231bf910fae");
        assert_eq!(
            hex("555555555555555555555555"),
            "4aa63f5e55e85c1f842796bf74896dbb"
        );
        assert_eq!(hex("blbla=10004"), "9e5ae7fc20568ed4814c10967bba8b65");
    }

    #[test]
    fn whitespace_controls_and_bidi_marks_do_not_change_the_hash() {
        for data in [
            "abc",
            " abc\n",
            "a\tb\u{1d}c",
            " \u{1f} abc",
            "\u{a0}abc\u{a0}",
            "\u{200e}abc",
        ] {
            assert_eq!(hex(data), "900150983cd24fb0d6963f7d28e17f72", "{data:?}");
        }
    }

    #[test]
    fn internal_barcodes_hash_like_any_other_text() {
        assert_eq!(hex("INV-SI1"), "7079ded8db2895965c0191eaecf4659a");
        assert_eq!(hex("INV-PA10"), "14c08ae2e7d49d4a986da5a5b3ea72a9");
        assert_eq!(
            hex(r#"{"stockitem": 1}"#),
            "0935819378143b8ec32b3d9548f52ade"
        );
        assert_eq!(hex(r#"{"part": 10}"#), "f4c122eefa52f48112f0e3bdabc1a30e");
    }

    #[test]
    fn external_barcodes_hash_as_in_the_reference() {
        assert_eq!(
            hex("A-TEST-BARCODE-STRING"),
            "3d59ca755c793639dd69da2cd077a54f"
        );
        assert_eq!(hex("TEST-123\r\n"), "e60c3aa22a8c1c85939b1dd911de3dd3");
        assert_eq!(hex("é"), "66ddcd97cfdeabb2f6fb8a999b4bc76f");
        assert_eq!(hex("4006381333931"), "c1a8a4073d832f6e5d43cea45034c777");
    }

    #[test]
    fn mouser_label_hashes_without_its_separators() {
        let mouser = "[)>\u{1e}06\u{1d}KP0-1337\u{1d}14K011\u{1d}1PMC34063ADR\u{1d}Q3\u{1d}\
                      11K073121337\u{1d}4LMX\u{1d}1VTI\u{1e}\u{4}";
        assert_eq!(hex(mouser), "7ba170f11aeabf663c63a65f363411b0");
    }

    #[test]
    fn trimming_happens_before_bidi_marks_are_removed() {
        // Python strips first, so the space behind the mark survives into the hash.
        let md5_of_space_abc: [u8; 16] = Md5::digest(" abc").into();
        assert_eq!(
            BarcodeHash::of("\u{200e} abc").as_bytes(),
            &md5_of_space_abc
        );
        assert_eq!(hex("\u{200e} abc"), "12cfaf7fd98f33be8038b3d56c18f061");
    }

    #[test]
    fn c1_controls_and_delete_are_removed_anywhere() {
        assert_eq!(BarcodeHash::of("a\u{85}b"), BarcodeHash::of("ab"));
        assert_eq!(BarcodeHash::of("a\u{7f}b\u{9f}"), BarcodeHash::of("ab"));
        assert_eq!(hex("\u{85}abc\u{3000}"), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn parse_reads_back_what_display_writes() {
        let hash = BarcodeHash::of("INV-SI1");
        assert_eq!(BarcodeHash::parse(&hash.to_hex()), Ok(hash));
        assert_eq!(
            format!("{hash:?}"),
            "BarcodeHash(7079ded8db2895965c0191eaecf4659a)"
        );
    }

    #[test]
    fn parse_refuses_anything_but_32_lowercase_hex_digits() {
        for text in [
            "",
            "7079ded8db2895965c0191eaecf4659",
            "7079ded8db2895965c0191eaecf4659a0",
            "7079DED8DB2895965C0191EAECF4659A",
            "7079ded8db2895965c0191eaecf4659g",
            " 079ded8db2895965c0191eaecf4659a",
            "é079ded8db2895965c0191eaecf4659",
        ] {
            assert_eq!(BarcodeHash::parse(text), Err(BarcodeHashError), "{text:?}");
        }
    }

    #[test]
    fn serde_uses_the_hex_form() {
        let hash = BarcodeHash::of("abc");
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json, r#""900150983cd24fb0d6963f7d28e17f72""#);
        assert_eq!(serde_json::from_str::<BarcodeHash>(&json).unwrap(), hash);
        assert!(serde_json::from_str::<BarcodeHash>(r#""abc""#).is_err());
    }
}
