//! Label templates: SVG documents written in Jinja syntax (minijinja), one per label.
//!
//! Templates are sandboxed like batch-code templates: no loader (no includes, no file or
//! network access), a fuel budget per label so a loop cannot run away, and a cap on each
//! label's output. Values from the context are XML-escaped; the barcode functions
//! (`qrcode`, `datamatrix`, `barcode`) return SVG fragments that are inserted as they are.
//! The label's size is the template's, in millimetres; the SVG's user unit is a millimetre
//! unless the root element has a `viewBox`.

mod builtin;
mod functions;

use std::fmt;
use std::io;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

pub use builtin::{BUILTIN_TEMPLATES, BuiltinTemplate};

/// Instructions one label may execute.
const FUEL: u64 = 200_000;

/// Bytes one label's SVG may have.
pub const OUTPUT_CAP: usize = 1 << 20;

/// Largest label side, in millimetres.
pub const MAX_SIDE_MM: f64 = 1000.0;

/// Why a template gave no label. The text names the problem and, where known, the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(String);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

/// A label's width and height in millimetres, each above 0 and at most [`MAX_SIDE_MM`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelSize {
    width: f64,
    height: f64,
}

impl LabelSize {
    /// Checks both sides.
    pub fn new(width: f64, height: f64) -> Result<Self, TemplateError> {
        for (name, side) in [("width", width), ("height", height)] {
            if !(side.is_finite() && side > 0.0 && side <= MAX_SIDE_MM) {
                return Err(TemplateError(format!(
                    "Label {name} must be above 0 and at most {MAX_SIDE_MM} mm"
                )));
            }
        }
        Ok(Self { width, height })
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    pub fn height(&self) -> f64 {
        self.height
    }
}

/// A compiled label template, ready to render many labels.
pub struct LabelTemplate {
    env: Environment<'static>,
    size: LabelSize,
}

impl fmt::Debug for LabelTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LabelTemplate")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

const NAME: &str = "label";

impl LabelTemplate {
    /// Compiles `source`; a syntax error is reported with its line.
    pub fn compile(source: &str, size: LabelSize) -> Result<Self, TemplateError> {
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(50);
        // Missing fields render empty, as in batch-code templates and InvenTree's.
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        // Every value is XML-escaped so a part called `<Resistor & Co>` stays valid SVG.
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        functions::register(&mut env);
        env.add_template_owned(NAME, source.to_owned())
            .map_err(|e| describe(&e, "Invalid label template"))?;
        Ok(Self { env, size })
    }

    /// Renders once with no object to catch what compiling cannot: calls of functions,
    /// filters or tests that do not exist. Failures that depend on the data (a field a
    /// symbology cannot encode) are left for printing, where the data is known.
    pub fn check(&self) -> Result<(), TemplateError> {
        let template = self
            .env
            .get_template(NAME)
            .map_err(|e| describe(&e, "Invalid label template"))?;
        let ctx = minijinja::context! { width => self.size.width, height => self.size.height };
        match template.render_captured_to(ctx, &mut Capped::default()) {
            Err(e)
                if matches!(
                    e.kind(),
                    minijinja::ErrorKind::UnknownFunction
                        | minijinja::ErrorKind::UnknownFilter
                        | minijinja::ErrorKind::UnknownTest
                        | minijinja::ErrorKind::UnknownMethod
                ) =>
            {
                Err(describe(&e, "Invalid label template"))
            }
            _ => Ok(()),
        }
    }

    /// The label size.
    pub fn size(&self) -> LabelSize {
        self.size
    }

    /// Renders one label's SVG. `context` holds the object's fields (`item`, `part`,
    /// `location`, ...); `width` and `height` (mm) are added.
    pub fn render(&self, context: &serde_json::Value) -> Result<String, TemplateError> {
        let template = self
            .env
            .get_template(NAME)
            .map_err(|e| describe(&e, "Invalid label template"))?;
        let ctx = minijinja::context! {
            width => self.size.width,
            height => self.size.height,
            ..Value::from_serialize(context)
        };
        let mut out = Capped::default();
        template
            .render_captured_to(ctx, &mut out)
            .map_err(|e| match e.kind() {
                minijinja::ErrorKind::WriteFailure => TemplateError(format!(
                    "Label template output is larger than {} KiB",
                    OUTPUT_CAP / 1024
                )),
                minijinja::ErrorKind::OutOfFuel => {
                    TemplateError("Label template takes too long to render".to_owned())
                }
                _ => describe(&e, "Label template failed to render"),
            })?;
        String::from_utf8(out.0)
            .map_err(|_| TemplateError("Label template gave invalid text".to_owned()))
    }
}

/// `<what>: <detail> (line N)`, from a minijinja error.
fn describe(error: &minijinja::Error, what: &str) -> TemplateError {
    let detail = error
        .detail()
        .map_or_else(|| error.kind().to_string(), str::to_owned);
    match error.line() {
        Some(line) => TemplateError(format!("{what}: {detail} (line {line})")),
        None => TemplateError(format!("{what}: {detail}")),
    }
}

/// A writer that refuses to grow past [`OUTPUT_CAP`].
#[derive(Default)]
struct Capped(Vec<u8>);

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0.len() + buf.len() > OUTPUT_CAP {
            return Err(io::Error::other("label output cap"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(source: &str, context: serde_json::Value) -> Result<String, TemplateError> {
        LabelTemplate::compile(source, LabelSize::new(50.0, 20.0).unwrap())?.render(&context)
    }

    #[test]
    fn fields_are_escaped_and_barcodes_are_svg() {
        let out = render(
            "<text>{{ part.name }}</text>{{ qrcode(item.barcode, x=1, y=2, size=10) }}",
            json!({"part": {"name": "<R & C>"}, "item": {"barcode": "INV-SI1"}}),
        )
        .unwrap();
        assert!(
            out.starts_with("<text>&lt;R &amp; C&gt;</text><path transform=\"translate(1 2)"),
            "{out}"
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = render("<svg>\n{% for x in %}\n</svg>", json!({})).unwrap_err();
        assert!(
            err.to_string().starts_with("Invalid label template"),
            "{err}"
        );
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn unknown_functions_name_the_line() {
        let err = render("<svg>\n\n{{ pdf417('x') }}</svg>", json!({})).unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        assert!(err.to_string().contains("pdf417"), "{err}");
    }

    #[test]
    fn checking_finds_unknown_functions_but_not_data_errors() {
        let size = LabelSize::new(50.0, 20.0).unwrap();
        let unknown =
            LabelTemplate::compile("<svg>\n{{ pdf417(item.barcode) }}</svg>", size).unwrap();
        let err = unknown.check().unwrap_err().to_string();
        assert!(
            err.starts_with("Invalid label template") && err.contains("line 2"),
            "{err}"
        );
        let data = LabelTemplate::compile("<svg>{{ barcode(part.IPN, type='ean13') }}</svg>", size)
            .unwrap();
        assert!(data.check().is_ok());
    }

    #[test]
    fn runaway_loops_and_huge_output_are_stopped() {
        let err = render(
            "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
            json!({}),
        )
        .unwrap_err();
        assert!(err.to_string().contains("too long to render"), "{err}");
        let err = render("{{ 'x' * 2000000 }}", json!({})).unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");
    }

    #[test]
    fn unencodable_data_names_the_function_and_line() {
        let err = render(
            "\n{{ barcode(item.ipn, type='ean13') }}",
            json!({"item": {"ipn": "ABC"}}),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("EAN-13 cannot encode"), "{err}");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn sizes_are_checked() {
        assert!(LabelSize::new(0.0, 10.0).is_err());
        assert!(LabelSize::new(10.0, f64::NAN).is_err());
        assert!(LabelSize::new(2000.0, 10.0).is_err());
    }
}
