//! The barcode functions templates call. Each returns an SVG fragment (a `<path>`), placed
//! at `x`, `y` (mm, top-left corner of the symbol without its quiet zone).
//!
//! - `qrcode(data, x=0, y=0, size=None, module=0.5, ec="M", version=None)`
//! - `datamatrix(data, x=0, y=0, size=None, module=0.5, shape="square", gs1=false)`
//! - `barcode(data, type="code128", x=0, y=0, width=None, module=0.33, height=10)`; `type`
//!   is one of `code128`, `ean13`, `upca`, `qrcode`, `datamatrix`.
//!
//! `size` (matrix symbols) and `width` (linear) give the symbol's whole width and win over
//! `module`.

use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, Value};

use crate::symbol::{
    DataMatrixOptions, DataMatrixShape, QrEcLevel, QrOptions, Symbol, Symbology, encode,
    encode_datamatrix, encode_qr,
};

pub(super) fn register(env: &mut Environment<'static>) {
    env.add_function("qrcode", qrcode);
    env.add_function("datamatrix", datamatrix);
    env.add_function("barcode", barcode);
}

fn qrcode(data: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let options = qr_options(&kwargs)?;
    let symbol = encode_qr(&text(&data), &options).map_err(|e| fail("qrcode", e))?;
    place_matrix(&symbol, &kwargs)
}

fn datamatrix(data: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let options = datamatrix_options(&kwargs)?;
    let symbol = encode_datamatrix(&text(&data), &options).map_err(|e| fail("datamatrix", e))?;
    place_matrix(&symbol, &kwargs)
}

fn barcode(data: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let kind: Option<String> = kwargs.get("type")?;
    let kind = kind.unwrap_or_else(|| "code128".to_owned());
    let symbology = Symbology::from_name(&kind).ok_or_else(|| {
        invalid(format!(
            "barcode(): unknown type {kind:?} (code128, ean13, upca, qrcode, datamatrix)"
        ))
    })?;
    match symbology {
        Symbology::Qr => qrcode(data, kwargs),
        Symbology::DataMatrix => datamatrix(data, kwargs),
        _ => {
            let symbol = encode(symbology, &text(&data)).map_err(|e| fail("barcode", e))?;
            let (x, y) = position(&kwargs)?;
            let width: Option<f64> = kwargs.get("width")?;
            let module = match width {
                Some(w) => positive("width", w)? / symbol.width() as f64,
                None => positive(
                    "module",
                    kwargs.get::<Option<f64>>("module")?.unwrap_or(0.33),
                )?,
            };
            let height = positive(
                "height",
                kwargs.get::<Option<f64>>("height")?.unwrap_or(10.0),
            )?;
            kwargs.assert_all_used()?;
            Ok(Value::from_safe_string(
                symbol.svg_fragment(x, y, module, height),
            ))
        }
    }
}

fn qr_options(kwargs: &Kwargs) -> Result<QrOptions, Error> {
    let ec: Option<String> = kwargs.get("ec")?;
    let ec_level = match ec {
        Some(ec) => QrEcLevel::parse(&ec)
            .ok_or_else(|| invalid(format!("qrcode(): ec must be L, M, Q or H, not {ec:?}")))?,
        None => QrEcLevel::default(),
    };
    let version: Option<i64> = kwargs.get("version")?;
    let version = match version {
        Some(v) => Some(
            u8::try_from(v)
                .ok()
                .filter(|v| (1..=40).contains(v))
                .ok_or_else(|| invalid(format!("qrcode(): version must be 1 to 40, not {v}")))?,
        ),
        None => None,
    };
    Ok(QrOptions { ec_level, version })
}

fn datamatrix_options(kwargs: &Kwargs) -> Result<DataMatrixOptions, Error> {
    let shape: Option<String> = kwargs.get("shape")?;
    let shape = match shape {
        Some(s) => DataMatrixShape::parse(&s).ok_or_else(|| {
            invalid(format!(
                "datamatrix(): shape must be square, rectangular or auto, not {s:?}"
            ))
        })?,
        None => DataMatrixShape::default(),
    };
    let gs1: Option<bool> = kwargs.get("gs1")?;
    Ok(DataMatrixOptions {
        shape,
        gs1: gs1.unwrap_or(false),
    })
}

fn place_matrix(symbol: &Symbol, kwargs: &Kwargs) -> Result<Value, Error> {
    let (x, y) = position(kwargs)?;
    let size: Option<f64> = kwargs.get("size")?;
    let module = match size {
        Some(s) => positive("size", s)? / symbol.width() as f64,
        None => positive(
            "module",
            kwargs.get::<Option<f64>>("module")?.unwrap_or(0.5),
        )?,
    };
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(
        symbol.svg_fragment(x, y, module, module),
    ))
}

fn position(kwargs: &Kwargs) -> Result<(f64, f64), Error> {
    let x: Option<f64> = kwargs.get("x")?;
    let y: Option<f64> = kwargs.get("y")?;
    let (x, y) = (x.unwrap_or(0.0), y.unwrap_or(0.0));
    if !(x.is_finite() && y.is_finite()) {
        return Err(invalid("x and y must be numbers"));
    }
    Ok((x, y))
}

fn positive(name: &str, value: f64) -> Result<f64, Error> {
    if value.is_finite() && value > 0.0 && value <= 10_000.0 {
        Ok(value)
    } else {
        Err(invalid(format!("{name} must be a positive size in mm")))
    }
}

/// The data as text: strings as they are, numbers and other values as printed.
fn text(data: &Value) -> String {
    match data.as_str() {
        Some(s) => s.to_owned(),
        None if data.is_undefined() || data.is_none() => String::new(),
        None => data.to_string(),
    }
}

fn fail(function: &str, error: crate::symbol::SymbolError) -> Error {
    invalid(format!("{function}(): {error}"))
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}
