//! Barcode symbols as module grids: QR, DataMatrix, Code 128, EAN-13 and UPC-A.
//!
//! Every encoder returns a [`Symbol`]: a grid of dark and light modules plus the quiet zone
//! its symbology needs. A linear symbol (Code 128, EAN) is one row of modules stretched to
//! a bar height when drawn. [`Symbol::rects`] merges adjacent dark modules into rectangles,
//! so the SVG and PDF output stays small; [`Symbol::to_png`] rasterises it for previews.

mod code128;
mod datamatrix;
mod ean;
mod png;
mod qr;
mod svg;

use std::fmt;

pub use code128::encode_code128;
pub use datamatrix::{DataMatrixOptions, DataMatrixShape, encode_datamatrix};
pub use ean::{encode_ean13, encode_upca};
pub use qr::{QrEcLevel, QrOptions, encode_qr};

/// The symbologies a label can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbology {
    Qr,
    DataMatrix,
    Code128,
    Ean13,
    UpcA,
}

impl Symbology {
    /// The name templates use for it (`barcode(data, type="code128")`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Qr => "qrcode",
            Self::DataMatrix => "datamatrix",
            Self::Code128 => "code128",
            Self::Ean13 => "ean13",
            Self::UpcA => "upca",
        }
    }

    /// Looks a symbology up by its template name (case-insensitive; `qr`, `ean`, `upc` too).
    pub fn from_name(name: &str) -> Option<Self> {
        match name
            .to_ascii_lowercase()
            .replace(['-', '_', ' '], "")
            .as_str()
        {
            "qr" | "qrcode" => Some(Self::Qr),
            "datamatrix" | "dm" => Some(Self::DataMatrix),
            "code128" | "128" => Some(Self::Code128),
            "ean13" | "ean" => Some(Self::Ean13),
            "upca" | "upc" => Some(Self::UpcA),
            _ => None,
        }
    }
}

/// Why data cannot be drawn as a symbol. The text says what was wrong with the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{symbology} cannot encode this data: {reason}")]
pub struct SymbolError {
    /// Human name of the symbology, e.g. `QR code`.
    pub symbology: &'static str,
    /// What was wrong.
    pub reason: String,
}

impl SymbolError {
    fn new(symbology: &'static str, reason: impl Into<String>) -> Self {
        Self {
            symbology,
            reason: reason.into(),
        }
    }
}

/// A drawn barcode: `width` × `height` modules, row-major, `true` is dark. Linear symbols
/// have one row.
#[derive(Clone, PartialEq, Eq)]
pub struct Symbol {
    symbology: Symbology,
    width: usize,
    height: usize,
    modules: Vec<bool>,
    quiet: usize,
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Symbol")
            .field("symbology", &self.symbology)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

/// A rectangle of dark modules, in module units from the symbol's top-left corner (the
/// quiet zone excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleRect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

impl Symbol {
    fn new(symbology: Symbology, width: usize, modules: Vec<bool>, quiet: usize) -> Self {
        let height = modules.len().checked_div(width).unwrap_or(0);
        Self {
            symbology,
            width,
            height,
            modules,
            quiet,
        }
    }

    /// Which symbology this is.
    pub fn symbology(&self) -> Symbology {
        self.symbology
    }

    /// Width in modules, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in modules (1 for a linear symbol), without the quiet zone.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Light modules the symbology asks for on each side.
    pub fn quiet_zone(&self) -> usize {
        self.quiet
    }

    /// Whether the symbol is one row of bars (Code 128, EAN, UPC).
    pub fn is_linear(&self) -> bool {
        matches!(
            self.symbology,
            Symbology::Code128 | Symbology::Ean13 | Symbology::UpcA
        )
    }

    /// Whether the module at column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.modules[y * self.width + x]
    }

    /// The dark modules merged into rectangles: runs along each row, and identical runs in
    /// consecutive rows joined into one taller rectangle. Ordered by top, then left.
    pub fn rects(&self) -> Vec<ModuleRect> {
        let mut done = Vec::new();
        // Rectangles still growing downwards, keyed by their run (x, width).
        let mut open: Vec<ModuleRect> = Vec::new();
        for y in 0..self.height {
            let runs = self.row_runs(y);
            let mut next = Vec::with_capacity(runs.len());
            for (x, width) in runs {
                match open.iter().position(|r| r.x == x && r.width == width) {
                    Some(i) => {
                        let mut rect = open.swap_remove(i);
                        rect.height += 1;
                        next.push(rect);
                    }
                    None => next.push(ModuleRect {
                        x,
                        y,
                        width,
                        height: 1,
                    }),
                }
            }
            done.append(&mut open);
            open = next;
        }
        done.append(&mut open);
        done.sort_by_key(|r| (r.y, r.x));
        done
    }

    fn row_runs(&self, y: usize) -> Vec<(usize, usize)> {
        let row = &self.modules[y * self.width..(y + 1) * self.width];
        let mut runs = Vec::new();
        let mut x = 0;
        while x < row.len() {
            if row[x] {
                let start = x;
                while x < row.len() && row[x] {
                    x += 1;
                }
                runs.push((start, x - start));
            } else {
                x += 1;
            }
        }
        runs
    }
}

/// Encodes `data` in `symbology` with each symbology's default options.
pub fn encode(symbology: Symbology, data: &str) -> Result<Symbol, SymbolError> {
    match symbology {
        Symbology::Qr => encode_qr(data, &QrOptions::default()),
        Symbology::DataMatrix => encode_datamatrix(data, &DataMatrixOptions::default()),
        Symbology::Code128 => encode_code128(data),
        Symbology::Ean13 => encode_ean13(data),
        Symbology::UpcA => encode_upca(data),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_modules_merge_into_rectangles() {
        // ##.
        // ##.
        // .##
        let symbol = Symbol::new(
            Symbology::Qr,
            3,
            vec![true, true, false, true, true, false, false, true, true],
            0,
        );
        assert_eq!(
            symbol.rects(),
            vec![
                ModuleRect {
                    x: 0,
                    y: 0,
                    width: 2,
                    height: 2
                },
                ModuleRect {
                    x: 1,
                    y: 2,
                    width: 2,
                    height: 1
                },
            ]
        );
    }

    #[test]
    fn symbology_names_round_trip() {
        for s in [
            Symbology::Qr,
            Symbology::DataMatrix,
            Symbology::Code128,
            Symbology::Ean13,
            Symbology::UpcA,
        ] {
            assert_eq!(Symbology::from_name(s.name()), Some(s));
        }
        assert_eq!(Symbology::from_name("EAN-13"), Some(Symbology::Ean13));
        assert_eq!(Symbology::from_name("pdf417"), None);
    }
}
