//! Python's notion of whitespace, which InvenTree's barcode handling is built on.
//!
//! Both DRF's `CharField` (which trims the scanned `barcode` field) and InvenTree's
//! `hash_barcode` call Python's `str.strip()`. Its whitespace set is wider than Rust's
//! `char::is_whitespace`: it also contains the ASCII separators U+001C..U+001F (FS, GS, RS, US).
//! The set is spelled out here rather than derived from Rust's Unicode tables so that it cannot
//! drift with either language's Unicode version.

/// Whether Python's `str.isspace()` is true for `c`.
pub(crate) const fn is_python_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `s.strip()` as Python computes it.
pub(crate) fn python_strip(s: &str) -> &str {
    s.trim_matches(is_python_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_whitespace_is_exactly_the_set_python_reports() {
        // Produced with `[hex(c) for c in range(0x110000) if chr(c).isspace()]` (Python 3.12).
        let expected: Vec<u32> = [
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ]
        .to_vec();
        let actual: Vec<u32> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_python_space(c))
            .map(u32::from)
            .collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn strip_removes_group_separators_that_rust_trim_keeps() {
        assert_eq!(python_strip("\u{1d} abc \u{1e}"), "abc");
        assert_eq!("\u{1d} abc \u{1e}".trim(), "\u{1d} abc \u{1e}");
    }

    #[test]
    fn strip_keeps_inner_whitespace_and_outer_end_of_transmission() {
        assert_eq!(python_strip(" a\u{1d}b\u{1e}\u{4} "), "a\u{1d}b\u{1e}\u{4}");
    }
}
