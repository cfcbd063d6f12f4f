//! Data Matrix (ECC 200) through the `datamatrix` crate: square or rectangular symbols, and
//! GS1 mode (FNC1 first; element strings separated by the GS character).

use datamatrix::data::DataEncodingError;
use datamatrix::{DataMatrix, SymbolList};

use super::{Symbol, SymbolError, Symbology};

const NAME: &str = "DataMatrix";

/// Which symbol shapes may be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataMatrixShape {
    /// The smallest symbol of either shape.
    Auto,
    /// Square symbols only (10×10 up to 144×144).
    #[default]
    Square,
    /// Rectangular symbols only (8×18 up to 16×48).
    Rectangular,
}

impl DataMatrixShape {
    /// `auto`, `square` or `rectangular` (`rect`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" | "any" => Some(Self::Auto),
            "square" => Some(Self::Square),
            "rect" | "rectangle" | "rectangular" => Some(Self::Rectangular),
            _ => None,
        }
    }
}

/// How to draw a Data Matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DataMatrixOptions {
    pub shape: DataMatrixShape,
    /// GS1 mode: the symbol starts with FNC1 and `data` holds GS1 element strings.
    pub gs1: bool,
}

/// Encodes `data` as a Data Matrix (1-module quiet zone).
pub fn encode_datamatrix(data: &str, options: &DataMatrixOptions) -> Result<Symbol, SymbolError> {
    let symbols = match options.shape {
        DataMatrixShape::Auto => SymbolList::default(),
        DataMatrixShape::Square => SymbolList::default().enforce_square(),
        DataMatrixShape::Rectangular => SymbolList::default().enforce_rectangular(),
    };
    let code = if options.gs1 {
        DataMatrix::encode_gs1(data.as_bytes(), symbols)
    } else {
        DataMatrix::encode_str(data, symbols)
    }
    .map_err(|e| match e {
        DataEncodingError::TooMuchOrIllegalData => {
            SymbolError::new(NAME, "too long for the largest symbol of this shape")
        }
        DataEncodingError::SymbolListEmpty => SymbolError::new(NAME, "no symbol size allowed"),
    })?;
    let bitmap = code.bitmap();
    Ok(Symbol::new(
        Symbology::DataMatrix,
        bitmap.width(),
        bitmap.bits().to_vec(),
        1,
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_honoured() {
        let square = encode_datamatrix("INV-SL12", &DataMatrixOptions::default()).unwrap();
        assert_eq!(square.width(), square.height());
        let rect = encode_datamatrix(
            "INV-SL12",
            &DataMatrixOptions {
                shape: DataMatrixShape::Rectangular,
                gs1: false,
            },
        )
        .unwrap();
        assert!(rect.width() > rect.height());
    }

    #[test]
    fn too_much_data_is_an_error() {
        let err = encode_datamatrix(
            &"x".repeat(200),
            &DataMatrixOptions {
                shape: DataMatrixShape::Rectangular,
                gs1: false,
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("too long"), "{err}");
    }
}
