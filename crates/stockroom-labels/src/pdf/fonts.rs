//! PDF's standard fonts: nothing is embedded, every reader has them. Text is encoded in
//! WinAnsi (Latin-1 for the characters templates use); anything else prints as `?`.

/// A standard font a template can pick with `font-family` and `font-weight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Helvetica,
    HelveticaBold,
    Times,
    TimesBold,
    Courier,
    CourierBold,
}

impl Font {
    /// Every font, in resource order (`F1`...).
    pub const ALL: [Font; 6] = [
        Font::Helvetica,
        Font::HelveticaBold,
        Font::Times,
        Font::TimesBold,
        Font::Courier,
        Font::CourierBold,
    ];

    /// The font for an SVG `font-family` list and weight: serif families map to Times,
    /// monospace ones to Courier, everything else to Helvetica.
    pub fn select(family: &str, bold: bool) -> Font {
        let family = family.to_ascii_lowercase();
        let (regular, heavy) = if family.contains("mono") || family.contains("courier") {
            (Font::Courier, Font::CourierBold)
        } else if family.contains("times")
            || family
                .split(',')
                .next()
                .is_some_and(|f| f.trim().trim_matches(['\'', '"']) == "serif")
        {
            (Font::Times, Font::TimesBold)
        } else {
            (Font::Helvetica, Font::HelveticaBold)
        };
        if bold { heavy } else { regular }
    }

    /// The PostScript name PDF readers know.
    pub fn base_name(self) -> &'static [u8] {
        match self {
            Font::Helvetica => b"Helvetica",
            Font::HelveticaBold => b"Helvetica-Bold",
            Font::Times => b"Times-Roman",
            Font::TimesBold => b"Times-Bold",
            Font::Courier => b"Courier",
            Font::CourierBold => b"Courier-Bold",
        }
    }

    /// The resource name pages use for it.
    pub fn resource_name(self) -> &'static [u8] {
        match self {
            Font::Helvetica => b"F1",
            Font::HelveticaBold => b"F2",
            Font::Times => b"F3",
            Font::TimesBold => b"F4",
            Font::Courier => b"F5",
            Font::CourierBold => b"F6",
        }
    }

    /// Advance width of the WinAnsi byte `b` in thousandths of the font size. Exact for
    /// ASCII in Helvetica, Helvetica-Bold, Times-Roman and Courier; Times-Bold uses
    /// Times-Roman's widths and accented letters an average, which is close enough to
    /// centre or right-align a line.
    fn width(self, b: u8) -> u16 {
        let table = match self {
            Font::Courier | Font::CourierBold => return 600,
            Font::Helvetica => &HELVETICA,
            Font::HelveticaBold => &HELVETICA_BOLD,
            Font::Times | Font::TimesBold => &TIMES,
        };
        match b {
            32..=126 => table[usize::from(b - 32)],
            _ => 556,
        }
    }

    /// Width of `text` (WinAnsi bytes) at `size`.
    pub fn text_width(self, text: &[u8], size: f64) -> f64 {
        let units: u32 = text.iter().map(|&b| u32::from(self.width(b))).sum();
        f64::from(units) * size / 1000.0
    }
}

/// `text` in WinAnsi: ASCII and Latin-1 as they are, other characters as `?`, control
/// characters as spaces.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u32::from(c) {
            0..=31 | 127 => b' ',
            n @ (32..=126 | 160..=255) => u8::try_from(n).unwrap_or(b'?'),
            _ => b'?',
        })
        .collect()
}

#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

#[rustfmt::skip]
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_map_to_standard_fonts() {
        assert_eq!(Font::select("Arial, sans-serif", false), Font::Helvetica);
        assert_eq!(Font::select("serif", true), Font::TimesBold);
        assert_eq!(Font::select("DejaVu Sans Mono", false), Font::Courier);
    }

    #[test]
    fn widths_add_up() {
        assert!((Font::Helvetica.text_width(b"AB", 10.0) - 13.34).abs() < 1e-9);
        assert_eq!(win_ansi("Ré€\t"), vec![b'R', 0xe9, b'?', b' ']);
    }
}
