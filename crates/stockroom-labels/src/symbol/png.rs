//! Symbols as PNG previews (8-bit greyscale, quiet zone included).

use super::Symbol;

impl Symbol {
    /// A PNG of the symbol, `scale` pixels per module (at least 1); a linear symbol is drawn
    /// `bar_height` modules tall.
    pub fn to_png(&self, scale: usize, bar_height: usize) -> Vec<u8> {
        let (pixels, width, height) = self.to_luma(scale, bar_height);
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(
            &mut out,
            u32::try_from(width).unwrap_or(u32::MAX),
            u32::try_from(height).unwrap_or(u32::MAX),
        );
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        // Writing to a Vec cannot fail; an error here would mean a zero-sized image.
        if let Ok(mut writer) = encoder.write_header() {
            let _ = writer.write_image_data(&pixels);
        }
        out
    }

    /// Greyscale pixels (0 dark, 255 light), with the image's width and height.
    pub fn to_luma(&self, scale: usize, bar_height: usize) -> (Vec<u8>, usize, usize) {
        let scale = scale.max(1);
        let q = self.quiet_zone();
        let rows = if self.is_linear() {
            bar_height.max(1)
        } else {
            self.height()
        };
        let width = (self.width() + 2 * q) * scale;
        let height = (rows + 2 * q) * scale;
        let mut pixels = vec![255u8; width * height];
        for py in 0..height {
            let my = (py / scale).checked_sub(q).filter(|&y| y < rows);
            let Some(my) = my else { continue };
            let row = if self.is_linear() { 0 } else { my };
            for px in 0..width {
                if let Some(mx) = (px / scale).checked_sub(q)
                    && self.is_dark(mx, row)
                {
                    pixels[py * width + px] = 0;
                }
            }
        }
        (pixels, width, height)
    }
}
