//! Labels into one PDF: a page per label, or several labels per A4 or Letter sheet.
//!
//! Every page shares one resource dictionary naming the standard fonts, so a thousand
//! labels carry no font data at all; page content is Flate-compressed.

mod fonts;
mod layout;
mod path;
mod svg;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};

pub use fonts::Font;
pub use layout::{Layout, LayoutError, Paper, Sheet};
pub use svg::SvgError;

use crate::template::LabelSize;
use layout::Grid;
use svg::{PT_PER_MM, Placement, draw_label};

/// A PDF being filled with labels, in order. Nothing is written anywhere until
/// [`PdfBuilder::finish`] returns the whole file.
#[derive(Debug)]
pub struct PdfBuilder {
    grid: Grid,
    /// Finished, compressed page contents.
    pages: Vec<Vec<u8>>,
    /// The page being filled and how many labels it holds.
    current: Vec<u8>,
    on_page: usize,
    fonts: [bool; 6],
    labels: usize,
}

impl PdfBuilder {
    /// A document for labels of `size` laid out by `layout`.
    pub fn new(size: LabelSize, layout: &Layout) -> Result<Self, LayoutError> {
        Ok(Self {
            grid: Grid::new(size, layout)?,
            pages: Vec::new(),
            current: Vec::new(),
            on_page: 0,
            fonts: [false; 6],
            labels: 0,
        })
    }

    /// Labels added so far.
    pub fn labels(&self) -> usize {
        self.labels
    }

    /// Draws one label's SVG in the next free place. On error the document is unchanged.
    pub fn add_label(&mut self, svg: &str) -> Result<(), SvgError> {
        let (x, y) = self.grid.position(self.on_page);
        let at = Placement {
            page_height: self.grid.page_height,
            x,
            y,
            width: self.grid.label.width(),
            height: self.grid.label.height(),
        };
        let mut content = Content::new();
        let mut fonts = self.fonts;
        draw_label(svg, at, &mut content, &mut fonts)?;
        self.fonts = fonts;
        self.current.extend_from_slice(&content.finish());
        self.current.push(b'\n');
        self.on_page += 1;
        self.labels += 1;
        if self.on_page == self.grid.per_page() {
            self.flush_page();
        }
        Ok(())
    }

    fn flush_page(&mut self) {
        if self.on_page > 0 {
            let raw = std::mem::take(&mut self.current);
            self.pages
                .push(miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6));
            self.on_page = 0;
        }
    }

    /// The finished PDF file.
    pub fn finish(mut self) -> Vec<u8> {
        self.flush_page();
        let mut pdf = Pdf::new();
        let mut next = 1;
        let mut alloc = || {
            let r = Ref::new(next);
            next += 1;
            r
        };
        let catalog = alloc();
        let tree = alloc();
        let resources = alloc();
        let font_refs: Vec<Ref> = Font::ALL.iter().map(|_| alloc()).collect();
        let page_refs: Vec<(Ref, Ref)> = self.pages.iter().map(|_| (alloc(), alloc())).collect();

        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_refs.iter().map(|(page, _)| *page))
            .count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX));
        {
            let mut res = pdf
                .indirect(resources)
                .start::<pdf_writer::writers::Resources>();
            let mut dict = res.fonts();
            for (i, font) in Font::ALL.iter().enumerate() {
                if self.fonts[i] {
                    dict.pair(Name(font.resource_name()), font_refs[i]);
                }
            }
        }
        for (i, font) in Font::ALL.iter().enumerate() {
            if self.fonts[i] {
                pdf.type1_font(font_refs[i])
                    .base_font(Name(font.base_name()))
                    .encoding_predefined(Name(b"WinAnsiEncoding"));
            }
        }
        let k = PT_PER_MM as f32;
        let media = Rect::new(
            0.0,
            0.0,
            self.grid.page_width as f32 * k,
            self.grid.page_height as f32 * k,
        );
        for ((page_ref, content_ref), data) in page_refs.iter().zip(&self.pages) {
            let mut page = pdf.page(*page_ref);
            page.media_box(media)
                .parent(tree)
                .contents(*content_ref)
                .pair(Name(b"Resources"), resources);
            page.finish();
            pdf.stream(*content_ref, data).filter(Filter::FlateDecode);
        }
        pdf.finish()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SVG: &str = "<svg viewBox='0 0 50 20'><text x='1' y='5'>Hello</text></svg>";

    #[test]
    fn a_page_per_label_by_default() {
        let mut pdf =
            PdfBuilder::new(LabelSize::new(50.0, 20.0).unwrap(), &Layout::Single).unwrap();
        pdf.add_label(SVG).unwrap();
        pdf.add_label(SVG).unwrap();
        assert!(pdf.add_label("<svg><foo/></svg>").is_err());
        assert_eq!(pdf.labels(), 2);
        let bytes = pdf.finish();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-"));
        assert!(text.contains("/Count 2"), "{text}");
        assert!(text.contains("/BaseFont /Helvetica"), "{text}");
        assert_eq!(text.matches("/Type /Font").count(), 1, "fonts are shared");
    }

    #[test]
    fn sheets_hold_several_labels() {
        let layout = Layout::Sheet(Sheet {
            paper: Paper::A4,
            margin: 10.0,
            gap: 2.0,
        });
        let mut pdf = PdfBuilder::new(LabelSize::new(50.0, 20.0).unwrap(), &layout).unwrap();
        for _ in 0..40 {
            pdf.add_label(SVG).unwrap();
        }
        let text = String::from_utf8_lossy(&pdf.finish()).into_owned();
        // 3 columns × 12 rows fit on A4 with 10 mm margins and 2 mm gaps.
        assert!(text.contains("/Count 2"), "{text}");
    }
}
