//! SVG path data (`M L H V C S Q T Z`, absolute and relative) as PDF path operators.
//! Elliptical arcs (`A`) are refused: labels draw barcodes, boxes and lines.

use pdf_writer::Content;

/// Numbers separated by spaces or commas (`1,2 -3.5e1.5`), as SVG writes them.
pub(crate) fn parse_numbers(text: &str) -> Result<Vec<f64>, String> {
    let mut out = Vec::new();
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    loop {
        scanner.skip_separators();
        if scanner.pos >= scanner.bytes.len() {
            return Ok(out);
        }
        out.push(scanner.number()?);
    }
}

/// Appends the path `d` to `content` (without painting it).
pub(crate) fn draw_path(d: &str, content: &mut Content) -> Result<(), String> {
    if let Some(rects) = rectangles(d) {
        for [x, y, w, h] in rects {
            content.rect(x, y, w, h);
        }
        return Ok(());
    }
    let mut s = Scanner {
        bytes: d.as_bytes(),
        pos: 0,
    };
    let (mut cx, mut cy) = (0.0_f64, 0.0_f64);
    let (mut sx, mut sy) = (0.0_f64, 0.0_f64);
    // The last control point, for the smooth curve commands.
    let mut last_ctrl: Option<(char, f64, f64)> = None;
    let mut command: Option<u8> = None;
    loop {
        s.skip_separators();
        let Some(&b) = s.bytes.get(s.pos) else { break };
        if b.is_ascii_alphabetic() {
            s.pos += 1;
            command = Some(b);
            if b == b'Z' || b == b'z' {
                content.close_path();
                (cx, cy) = (sx, sy);
                last_ctrl = None;
                command = None;
                continue;
            }
        }
        let Some(cmd) = command else {
            return Err(format!(
                "path data {:?} must start with a command",
                short(d)
            ));
        };
        let rel = cmd.is_ascii_lowercase();
        let (ox, oy) = if rel { (cx, cy) } else { (0.0, 0.0) };
        let f = |v: f64| v as f32;
        match cmd.to_ascii_uppercase() {
            b'M' => {
                let (x, y) = (s.number()? + ox, s.number()? + oy);
                content.move_to(f(x), f(y));
                (cx, cy, sx, sy) = (x, y, x, y);
                // Further pairs after a move are lines.
                command = Some(if rel { b'l' } else { b'L' });
                last_ctrl = None;
            }
            b'L' => {
                let (x, y) = (s.number()? + ox, s.number()? + oy);
                content.line_to(f(x), f(y));
                (cx, cy) = (x, y);
                last_ctrl = None;
            }
            b'H' => {
                cx = s.number()? + ox;
                content.line_to(f(cx), f(cy));
                last_ctrl = None;
            }
            b'V' => {
                cy = s.number()? + oy;
                content.line_to(f(cx), f(cy));
                last_ctrl = None;
            }
            b'C' | b'S' => {
                let (x1, y1) = if cmd.eq_ignore_ascii_case(&b'C') {
                    (s.number()? + ox, s.number()? + oy)
                } else {
                    match last_ctrl {
                        Some(('C', px, py)) => (2.0 * cx - px, 2.0 * cy - py),
                        _ => (cx, cy),
                    }
                };
                let (x2, y2) = (s.number()? + ox, s.number()? + oy);
                let (x, y) = (s.number()? + ox, s.number()? + oy);
                content.cubic_to(f(x1), f(y1), f(x2), f(y2), f(x), f(y));
                last_ctrl = Some(('C', x2, y2));
                (cx, cy) = (x, y);
            }
            b'Q' | b'T' => {
                let (qx, qy) = if cmd.eq_ignore_ascii_case(&b'Q') {
                    (s.number()? + ox, s.number()? + oy)
                } else {
                    match last_ctrl {
                        Some(('Q', px, py)) => (2.0 * cx - px, 2.0 * cy - py),
                        _ => (cx, cy),
                    }
                };
                let (x, y) = (s.number()? + ox, s.number()? + oy);
                let c1 = (cx + 2.0 / 3.0 * (qx - cx), cy + 2.0 / 3.0 * (qy - cy));
                let c2 = (x + 2.0 / 3.0 * (qx - x), y + 2.0 / 3.0 * (qy - y));
                content.cubic_to(f(c1.0), f(c1.1), f(c2.0), f(c2.1), f(x), f(y));
                last_ctrl = Some(('Q', qx, qy));
                (cx, cy) = (x, y);
            }
            other => {
                return Err(format!(
                    "path command {:?} is not supported (M, L, H, V, C, S, Q, T, Z)",
                    char::from(other)
                ));
            }
        }
    }
    Ok(())
}

/// Path data made only of rectangles as symbols write them (`M x y h w v h h -w z`), as
/// `re` operands: one operator instead of five. `None` for any other path.
fn rectangles(d: &str) -> Option<Vec<[f32; 4]>> {
    let mut s = Scanner {
        bytes: d.as_bytes(),
        pos: 0,
    };
    let mut out = Vec::new();
    let expect = |s: &mut Scanner, letter: u8| {
        s.skip_separators();
        if s.bytes.get(s.pos) == Some(&letter) {
            s.pos += 1;
            true
        } else {
            false
        }
    };
    loop {
        s.skip_separators();
        if s.pos >= s.bytes.len() {
            return Some(out);
        }
        if !expect(&mut s, b'M') {
            return None;
        }
        let (x, y) = (s.number().ok()?, s.number().ok()?);
        if !expect(&mut s, b'h') {
            return None;
        }
        let w = s.number().ok()?;
        if !expect(&mut s, b'v') {
            return None;
        }
        let h = s.number().ok()?;
        if !expect(&mut s, b'h') {
            return None;
        }
        let back = s.number().ok()?;
        if back != -w || !expect(&mut s, b'z') {
            return None;
        }
        out.push([x as f32, y as f32, w as f32, h as f32]);
    }
}

fn short(text: &str) -> String {
    text.chars().take(20).collect()
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn skip_separators(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
        {
            self.pos += 1;
        }
    }

    /// One number: sign, digits, at most one point, optional exponent.
    fn number(&mut self) -> Result<f64, String> {
        self.skip_separators();
        let start = self.pos;
        let at = |p: usize| self.bytes.get(p).copied();
        let mut p = self.pos;
        if matches!(at(p), Some(b'+' | b'-')) {
            p += 1;
        }
        let mut seen_point = false;
        while let Some(b) = at(p) {
            if b.is_ascii_digit() {
                p += 1;
            } else if b == b'.' && !seen_point {
                seen_point = true;
                p += 1;
            } else {
                break;
            }
        }
        if matches!(at(p), Some(b'e' | b'E')) {
            let mut q = p + 1;
            if matches!(at(q), Some(b'+' | b'-')) {
                q += 1;
            }
            if at(q).is_some_and(|b| b.is_ascii_digit()) {
                while at(q).is_some_and(|b| b.is_ascii_digit()) {
                    q += 1;
                }
                p = q;
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..p]).unwrap_or_default();
        let value = text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                let found = std::str::from_utf8(&self.bytes[start..]).unwrap_or_default();
                format!("expected a number at {:?}", short(found))
            })?;
        self.pos = p;
        Ok(value)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_need_no_spaces_between_them() {
        assert_eq!(
            parse_numbers("1,2 -3.5.5e1").unwrap(),
            vec![1.0, 2.0, -3.5, 5.0]
        );
        assert!(parse_numbers("1 x").is_err());
    }

    #[test]
    fn relative_commands_and_repeats_are_drawn() {
        let mut content = Content::new();
        draw_path("M1 2h3v1h-3zm10 0 1 1", &mut content).unwrap();
        let text = String::from_utf8(content.finish()).unwrap();
        assert_eq!(text, "1 2 m\n4 2 l\n4 3 l\n1 3 l\nh\n11 2 m\n12 3 l");
    }

    #[test]
    fn symbol_rectangles_become_re_operators() {
        let mut content = Content::new();
        draw_path("M0 0h7v1h-7zM11 0h1v2h-1z", &mut content).unwrap();
        assert_eq!(
            String::from_utf8(content.finish()).unwrap(),
            "0 0 7 1 re\n11 0 1 2 re"
        );
        assert!(rectangles("M0 0h7v1h-6z").is_none());
    }

    #[test]
    fn arcs_and_garbage_are_errors() {
        let mut content = Content::new();
        assert!(
            draw_path("M0 0A1 1 0 0 1 2 2", &mut content)
                .unwrap_err()
                .contains("'A'")
        );
        assert!(draw_path("1 2", &mut content).is_err());
        assert!(draw_path("M1", &mut content).is_err());
    }
}
