//! Draws a label's SVG into a PDF content stream.
//!
//! Only the part of SVG that labels need is read: `g`, `rect`, `path` (lines and Bézier
//! curves), `line`, `polyline`, `polygon`, `circle`, `ellipse` and `text` (standard fonts),
//! with `fill`, `stroke`, `stroke-width`, `transform` and the font attributes, given as
//! attributes or in `style`. Anything else is an error naming the element and its line, so a
//! template never prints differently from what its author expects.

use pdf_writer::{Content, Name, Str};
use roxmltree::{Document, Node};

use super::fonts::{Font, win_ansi};
use super::path::{draw_path, parse_numbers};

/// Where and how large the label is drawn: the label's top-left corner on the page and
/// its size, in millimetres.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placement {
    pub page_height: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Points per millimetre.
pub(crate) const PT_PER_MM: f64 = 72.0 / 25.4;

/// Why a label's SVG cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Label SVG: {0}")]
pub struct SvgError(pub(crate) String);

type Rgb = (f32, f32, f32);

#[derive(Debug, Clone)]
struct Style {
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    stroke_width: f64,
    font_family: String,
    bold: bool,
    font_size: f64,
    anchor: f64,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            fill: Some((0.0, 0.0, 0.0)),
            stroke: None,
            stroke_width: 1.0,
            font_family: String::new(),
            bold: false,
            font_size: 3.0,
            anchor: 0.0,
        }
    }
}

/// Draws `svg` into `content` at `at`, recording which fonts it used.
pub(crate) fn draw_label(
    svg: &str,
    at: Placement,
    content: &mut Content,
    fonts: &mut [bool; 6],
) -> Result<(), SvgError> {
    let doc = Document::parse(svg).map_err(|e| SvgError(format!("not well-formed XML: {e}")))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(SvgError(format!(
            "the root element is <{}>, not <svg>",
            root.tag_name().name()
        )));
    }
    let k = PT_PER_MM;
    content.save_state();
    content.transform(matrix([
        k,
        0.0,
        0.0,
        -k,
        at.x * k,
        at.page_height * k - at.y * k,
    ]));
    // Keep each label inside its own cell on a sheet.
    content.rect(0.0, 0.0, at.width as f32, at.height as f32);
    content.clip_nonzero();
    content.end_path();
    if let Some(view_box) = root.attribute("viewBox") {
        let v = parse_numbers(view_box).map_err(|e| located(&doc, root, &e))?;
        let [vx, vy, vw, vh] = v[..] else {
            return Err(located(&doc, root, "viewBox needs four numbers"));
        };
        if !(vw > 0.0 && vh > 0.0) {
            return Err(located(
                &doc,
                root,
                "viewBox width and height must be positive",
            ));
        }
        let (sx, sy) = (at.width / vw, at.height / vh);
        content.transform(matrix([sx, 0.0, 0.0, sy, -vx * sx, -vy * sy]));
    }
    let mut painter = Painter {
        doc: &doc,
        content,
        fonts,
    };
    let style = painter.style(root, &Style::default())?;
    painter.children(root, &style)?;
    content.restore_state();
    Ok(())
}

struct Painter<'d, 'c> {
    doc: &'d Document<'d>,
    content: &'c mut Content,
    fonts: &'c mut [bool; 6],
}

impl Painter<'_, '_> {
    fn children(&mut self, node: Node, style: &Style) -> Result<(), SvgError> {
        for child in node.children().filter(Node::is_element) {
            self.element(child, style)?;
        }
        Ok(())
    }

    fn element(&mut self, node: Node, parent: &Style) -> Result<(), SvgError> {
        let name = node.tag_name().name();
        if matches!(name, "title" | "desc" | "metadata" | "defs" | "style") {
            return Ok(());
        }
        let style = self.style(node, parent)?;
        let transform = match attr(node, "transform") {
            Some(t) => Some(parse_transform(t).map_err(|e| located(self.doc, node, &e))?),
            None => None,
        };
        if let Some(m) = transform {
            self.content.save_state();
            self.content.transform(matrix(m));
        }
        if name != "g" && name != "a" && name != "text" {
            // Colours must be set before a path is begun: PDF allows only painting after it.
            self.set_colors(&style);
        }
        match name {
            "g" | "a" => self.children(node, &style)?,
            "rect" => {
                let [x, y, w, h] = self.numbers(node, ["x", "y", "width", "height"])?;
                if w > 0.0 && h > 0.0 {
                    self.content.rect(x as f32, y as f32, w as f32, h as f32);
                    self.paint(&style);
                }
            }
            "line" => {
                let [x1, y1, x2, y2] = self.numbers(node, ["x1", "y1", "x2", "y2"])?;
                self.content.move_to(x1 as f32, y1 as f32);
                self.content.line_to(x2 as f32, y2 as f32);
                self.paint(&Style {
                    fill: None,
                    ..style.clone()
                });
            }
            "circle" | "ellipse" => {
                let [cx, cy, r, ry] = self.numbers(node, ["cx", "cy", "r", "ry"])?;
                let rx = attr(node, "rx").map_or(Ok(r), |_| self.number(node, "rx"))?;
                let ry = if name == "circle" { r } else { ry };
                ellipse(self.content, cx, cy, rx, ry);
                self.paint(&style);
            }
            "polyline" | "polygon" => {
                let points = attr(node, "points").unwrap_or_default();
                let v = parse_numbers(points).map_err(|e| located(self.doc, node, &e))?;
                for (i, pair) in v.chunks_exact(2).enumerate() {
                    if i == 0 {
                        self.content.move_to(pair[0] as f32, pair[1] as f32);
                    } else {
                        self.content.line_to(pair[0] as f32, pair[1] as f32);
                    }
                }
                if name == "polygon" && v.len() >= 2 {
                    self.content.close_path();
                }
                self.paint(&style);
            }
            "path" => {
                let d = attr(node, "d").unwrap_or_default();
                draw_path(d, self.content).map_err(|e| located(self.doc, node, &e))?;
                self.paint(&style);
            }
            "text" => self.text(node, &style)?,
            other => {
                return Err(located(
                    self.doc,
                    node,
                    &format!("unsupported element <{other}>"),
                ));
            }
        }
        if transform.is_some() {
            self.content.restore_state();
        }
        Ok(())
    }

    fn text(&mut self, node: Node, style: &Style) -> Result<(), SvgError> {
        let [x, y] = self.numbers(node, ["x", "y"])?;
        let raw: String = node
            .descendants()
            .filter(Node::is_text)
            .filter_map(|n| n.text())
            .collect();
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(fill) = style.fill else {
            return Ok(());
        };
        if text.is_empty() || style.font_size <= 0.0 {
            return Ok(());
        }
        let font = Font::select(&style.font_family, style.bold);
        if let Some(i) = Font::ALL.iter().position(|f| *f == font) {
            self.fonts[i] = true;
        }
        let bytes = win_ansi(&text);
        let size = style.font_size;
        let x = x - style.anchor * font.text_width(&bytes, size);
        self.content.set_fill_rgb(fill.0, fill.1, fill.2);
        self.content.begin_text();
        self.content
            .set_font(Name(font.resource_name()), size as f32);
        // The page is flipped so y runs down; flip the glyphs back upright.
        self.content
            .set_text_matrix([1.0, 0.0, 0.0, -1.0, x as f32, y as f32]);
        self.content.show(Str(&bytes));
        self.content.end_text();
        Ok(())
    }

    fn set_colors(&mut self, style: &Style) {
        if let Some((r, g, b)) = style.fill {
            self.content.set_fill_rgb(r, g, b);
        }
        if let Some((r, g, b)) = style.stroke {
            self.content.set_stroke_rgb(r, g, b);
            self.content.set_line_width(style.stroke_width as f32);
        }
    }

    fn paint(&mut self, style: &Style) {
        match (style.fill.is_some(), style.stroke.is_some()) {
            (true, true) => self.content.fill_nonzero_and_stroke(),
            (true, false) => self.content.fill_nonzero(),
            (false, true) => self.content.stroke(),
            (false, false) => self.content.end_path(),
        };
    }

    fn style(&self, node: Node, parent: &Style) -> Result<Style, SvgError> {
        let mut style = parent.clone();
        if let Some(fill) = attr(node, "fill") {
            style.fill = parse_color(fill).map_err(|e| located(self.doc, node, &e))?;
        }
        if let Some(stroke) = attr(node, "stroke") {
            style.stroke = parse_color(stroke).map_err(|e| located(self.doc, node, &e))?;
        }
        if attr(node, "stroke-width").is_some() {
            style.stroke_width = self.number(node, "stroke-width")?;
        }
        if let Some(family) = attr(node, "font-family") {
            family.clone_into(&mut style.font_family);
        }
        if let Some(weight) = attr(node, "font-weight") {
            style.bold = matches!(
                weight.trim(),
                "bold" | "bolder" | "600" | "700" | "800" | "900"
            );
        }
        if attr(node, "font-size").is_some() {
            style.font_size = self.number(node, "font-size")?;
        }
        if let Some(anchor) = attr(node, "text-anchor") {
            style.anchor = match anchor.trim() {
                "middle" => 0.5,
                "end" => 1.0,
                _ => 0.0,
            };
        }
        Ok(style)
    }

    fn numbers<const N: usize>(&self, node: Node, names: [&str; N]) -> Result<[f64; N], SvgError> {
        let mut out = [0.0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            if attr(node, name).is_some() {
                *slot = self.number(node, name)?;
            }
        }
        Ok(out)
    }

    fn number(&self, node: Node, name: &str) -> Result<f64, SvgError> {
        let raw = attr(node, name).unwrap_or_default().trim();
        let digits = raw
            .strip_suffix("mm")
            .or_else(|| raw.strip_suffix("px"))
            .or_else(|| raw.strip_suffix("pt"))
            .unwrap_or(raw);
        digits
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| located(self.doc, node, &format!("{name}={raw:?} is not a number")))
    }
}

/// An attribute, or the same property in the element's `style`.
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute(name).or_else(|| {
        node.attribute("style")?.split(';').find_map(|decl| {
            let (key, value) = decl.split_once(':')?;
            (key.trim() == name).then(|| value.trim())
        })
    })
}

fn located(doc: &Document, node: Node, message: &str) -> SvgError {
    let pos = doc.text_pos_at(node.range().start);
    SvgError(format!("{message} (line {})", pos.row))
}

fn matrix(m: [f64; 6]) -> [f32; 6] {
    m.map(|v| v as f32)
}

fn parse_color(text: &str) -> Result<Option<Rgb>, String> {
    let t = text.trim().to_ascii_lowercase();
    let hex = |s: &str| u8::from_str_radix(s, 16).ok().map(|v| f32::from(v) / 255.0);
    let rgb = match t.as_str() {
        "none" | "transparent" => return Ok(None),
        "black" => Some((0.0, 0.0, 0.0)),
        "white" => Some((1.0, 1.0, 1.0)),
        "red" => Some((1.0, 0.0, 0.0)),
        "green" => Some((0.0, 0.5, 0.0)),
        "blue" => Some((0.0, 0.0, 1.0)),
        "gray" | "grey" => Some((0.5, 0.5, 0.5)),
        s if s.starts_with('#') && s.len() == 7 => {
            match (hex(&s[1..3]), hex(&s[3..5]), hex(&s[5..7])) {
                (Some(r), Some(g), Some(b)) => Some((r, g, b)),
                _ => None,
            }
        }
        s if s.starts_with('#') && s.len() == 4 && s.is_ascii() => {
            let d = |i: usize| hex(&s[i..=i].repeat(2));
            match (d(1), d(2), d(3)) {
                (Some(r), Some(g), Some(b)) => Some((r, g, b)),
                _ => None,
            }
        }
        _ => None,
    };
    rgb.map(Some)
        .ok_or_else(|| format!("colour {text:?} is not #rgb, #rrggbb, none or a basic name"))
}

/// `translate`, `scale`, `rotate` and `matrix` transform lists, composed left to right.
fn parse_transform(text: &str) -> Result<[f64; 6], String> {
    let mut m = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut rest = text.trim();
    while !rest.is_empty() {
        let open = rest
            .find('(')
            .ok_or_else(|| format!("bad transform {text:?}"))?;
        let close = rest
            .find(')')
            .ok_or_else(|| format!("bad transform {text:?}"))?;
        if close < open {
            return Err(format!("bad transform {text:?}"));
        }
        let name = rest[..open].trim().trim_start_matches(',').trim();
        let v = parse_numbers(&rest[open + 1..close])?;
        let t = match (name, v.len()) {
            ("translate", 1) => [1.0, 0.0, 0.0, 1.0, v[0], 0.0],
            ("translate", 2) => [1.0, 0.0, 0.0, 1.0, v[0], v[1]],
            ("scale", 1) => [v[0], 0.0, 0.0, v[0], 0.0, 0.0],
            ("scale", 2) => [v[0], 0.0, 0.0, v[1], 0.0, 0.0],
            ("rotate", 1 | 3) => {
                let (s, c) = v[0].to_radians().sin_cos();
                let (cx, cy) = if v.len() == 3 {
                    (v[1], v[2])
                } else {
                    (0.0, 0.0)
                };
                [c, s, -s, c, cx - c * cx + s * cy, cy - s * cx - c * cy]
            }
            ("matrix", 6) => [v[0], v[1], v[2], v[3], v[4], v[5]],
            _ => return Err(format!("unsupported transform {name}() in {text:?}")),
        };
        m = multiply(m, t);
        rest = rest[close + 1..].trim();
    }
    Ok(m)
}

/// `a` then `b` (SVG order: the right-most transform applies first to points).
fn multiply(a: [f64; 6], b: [f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    ]
}

/// Four Bézier quarter arcs.
fn ellipse(content: &mut Content, cx: f64, cy: f64, rx: f64, ry: f64) {
    const K: f64 = 0.552_284_75;
    let (ox, oy) = (rx * K, ry * K);
    let p = |x: f64, y: f64| (x as f32, y as f32);
    let (x0, y0) = p(cx + rx, cy);
    content.move_to(x0, y0);
    let arcs = [
        (cx + rx, cy + oy, cx + ox, cy + ry, cx, cy + ry),
        (cx - ox, cy + ry, cx - rx, cy + oy, cx - rx, cy),
        (cx - rx, cy - oy, cx - ox, cy - ry, cx, cy - ry),
        (cx + ox, cy - ry, cx + rx, cy - oy, cx + rx, cy),
    ];
    for (a, b, c, d, e, f) in arcs {
        content.cubic_to(a as f32, b as f32, c as f32, d as f32, e as f32, f as f32);
    }
    content.close_path();
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn draw(svg: &str) -> Result<Vec<u8>, SvgError> {
        let mut content = Content::new();
        let mut fonts = [false; 6];
        let at = Placement {
            page_height: 20.0,
            x: 0.0,
            y: 0.0,
            width: 50.0,
            height: 20.0,
        };
        draw_label(svg, at, &mut content, &mut fonts)?;
        Ok(content.finish())
    }

    #[test]
    fn unsupported_elements_name_their_line() {
        let err = draw("<svg>\n<rect width='1' height='1'/>\n<image href='x.png'/></svg>")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unsupported element <image> (line 3)"),
            "{err}"
        );
    }

    #[test]
    fn bad_attributes_are_errors() {
        let err = draw("<svg><rect width='wide' height='1'/></svg>")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("width=\"wide\" is not a number (line 1)"),
            "{err}"
        );
        assert!(draw("<svg><rect fill='papayawhip' width='1' height='1'/></svg>").is_err());
        assert!(draw("not xml").is_err());
    }

    #[test]
    fn shapes_and_text_become_pdf_operators() {
        let out = draw(
            "<svg viewBox='0 0 100 40'><g transform='translate(1 2)' fill='#f00'><rect width='3' height='4'/></g><text x='5' y='6' style='font-size:4;font-weight:bold'>Hi</text><circle cx='1' cy='1' r='1'/></svg>",
        )
        .unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("1 0 0 rg\n0 0 3 4 re\nf"), "{text}");
        assert!(text.contains("/F2 4 Tf"), "{text}");
        assert!(text.contains("(Hi) Tj"), "{text}");
    }

    #[test]
    fn transforms_compose() {
        let m = parse_transform("translate(10 0) scale(2)").unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 10.0, 0.0]);
    }
}
