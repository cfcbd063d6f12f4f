//! Where labels go: one per page (the page is the label), or a grid on a sheet of paper.

use crate::template::LabelSize;

/// Sheet paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// `a4` or `letter`, in either case.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Self::A4),
            "letter" => Some(Self::Letter),
            _ => None,
        }
    }

    /// Width and height in millimetres (portrait).
    pub fn size(self) -> (f64, f64) {
        match self {
            Self::A4 => (210.0, 297.0),
            Self::Letter => (215.9, 279.4),
        }
    }
}

/// A grid of labels on paper: `margin` around the page edge, `gap` between labels (mm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet {
    pub paper: Paper,
    pub margin: f64,
    pub gap: f64,
}

/// How labels are placed on pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Layout {
    /// Each label is its own page, the page the label's size (label printers).
    #[default]
    Single,
    /// Several labels per sheet, left to right, then top to bottom.
    Sheet(Sheet),
}

/// Why labels cannot be laid out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LayoutError(String);

/// The resolved grid: page size, label size, columns and rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    pub page_width: f64,
    pub page_height: f64,
    pub label: LabelSize,
    margin: f64,
    gap: f64,
    columns: usize,
    rows: usize,
}

impl Grid {
    pub fn new(label: LabelSize, layout: &Layout) -> Result<Self, LayoutError> {
        match layout {
            Layout::Single => Ok(Self {
                page_width: label.width(),
                page_height: label.height(),
                label,
                margin: 0.0,
                gap: 0.0,
                columns: 1,
                rows: 1,
            }),
            Layout::Sheet(sheet) => {
                let (pw, ph) = sheet.paper.size();
                let ok = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
                if !ok(sheet.margin) || !ok(sheet.gap) {
                    return Err(LayoutError(
                        "Margin and gap must be between 0 and 100 mm".to_owned(),
                    ));
                }
                let fit = |page: f64, side: f64| {
                    let room = page - 2.0 * sheet.margin + sheet.gap;
                    if room <= 0.0 {
                        0
                    } else {
                        (room / (side + sheet.gap)).floor() as usize
                    }
                };
                let columns = fit(pw, label.width());
                let rows = fit(ph, label.height());
                if columns == 0 || rows == 0 {
                    return Err(LayoutError(format!(
                        "A {} × {} mm label does not fit on the sheet inside its margins",
                        label.width(),
                        label.height()
                    )));
                }
                Ok(Self {
                    page_width: pw,
                    page_height: ph,
                    label,
                    margin: sheet.margin,
                    gap: sheet.gap,
                    columns,
                    rows,
                })
            }
        }
    }

    pub fn per_page(&self) -> usize {
        self.columns * self.rows
    }

    /// Top-left corner (mm from the page's top-left) of the `slot`-th label on a page.
    pub fn position(&self, slot: usize) -> (f64, f64) {
        let (col, row) = (slot % self.columns, slot / self.columns);
        (
            self.margin + col as f64 * (self.label.width() + self.gap),
            self.margin + row as f64 * (self.label.height() + self.gap),
        )
    }
}
