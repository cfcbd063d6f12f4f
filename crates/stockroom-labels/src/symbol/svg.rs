//! Symbols as SVG: one `<path>` of merged rectangles, in module units, placed by a transform.

use std::fmt::Write;

use super::Symbol;
use crate::number::num;

impl Symbol {
    /// Path data of the dark modules in module units (`M x y h w v h h -w z` per rectangle),
    /// the quiet zone excluded.
    pub fn path_data(&self) -> String {
        let mut d = String::new();
        for r in self.rects() {
            let _ = write!(d, "M{} {}h{}v{}h-{}z", r.x, r.y, r.width, r.height, r.width);
        }
        d
    }

    /// An SVG fragment drawing the symbol with its top-left corner (quiet zone excluded) at
    /// (`x`, `y`), each module `module` wide; a linear symbol's bars are `bar_height` tall, a
    /// matrix symbol's modules square.
    pub fn svg_fragment(&self, x: f64, y: f64, module: f64, bar_height: f64) -> String {
        let sy = if self.is_linear() { bar_height } else { module };
        format!(
            r#"<path transform="translate({} {}) scale({} {})" d="{}"/>"#,
            num(x),
            num(y),
            num(module),
            num(sy),
            self.path_data()
        )
    }

    /// A standalone SVG document of the symbol with its quiet zone, one user unit per module
    /// (a linear symbol 50 modules tall), black on white.
    pub fn to_svg(&self) -> String {
        let q = self.quiet_zone();
        let bar = if self.is_linear() { 50 } else { 0 };
        let w = self.width() + 2 * q;
        let h = if self.is_linear() {
            bar + 2 * q
        } else {
            self.height() + 2 * q
        };
        let body = self.svg_fragment(q as f64, q as f64, 1.0, bar as f64);
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}">"#,
                r##"<rect width="{w}" height="{h}" fill="#fff"/>{body}</svg>"##,
                "\n"
            ),
            w = w,
            h = h,
            body = body
        )
    }
}
