//! QR codes through the `qrcode` crate: optimal mixed-mode segmentation (numeric,
//! alphanumeric, byte) and the smallest version that fits, unless a version is fixed.

use qrcode::types::QrError;
use qrcode::{EcLevel, QrCode, Version};

use super::{Symbol, SymbolError, Symbology};

const NAME: &str = "QR code";

/// QR error-correction level: L (7 %), M (15 %), Q (25 %), H (30 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QrEcLevel {
    L,
    #[default]
    M,
    Q,
    H,
}

impl QrEcLevel {
    /// `L`, `M`, `Q` or `H`, in either case.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_uppercase().as_str() {
            "L" => Some(Self::L),
            "M" => Some(Self::M),
            "Q" => Some(Self::Q),
            "H" => Some(Self::H),
            _ => None,
        }
    }

    fn level(self) -> EcLevel {
        match self {
            Self::L => EcLevel::L,
            Self::M => EcLevel::M,
            Self::Q => EcLevel::Q,
            Self::H => EcLevel::H,
        }
    }

    fn letter(self) -> char {
        match self {
            Self::L => 'L',
            Self::M => 'M',
            Self::Q => 'Q',
            Self::H => 'H',
        }
    }
}

/// How to draw a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QrOptions {
    /// Error-correction level (M unless given).
    pub ec_level: QrEcLevel,
    /// A fixed version 1–40; `None` picks the smallest that fits.
    pub version: Option<u8>,
}

/// Encodes `data` as a QR code (4-module quiet zone).
pub fn encode_qr(data: &str, options: &QrOptions) -> Result<Symbol, SymbolError> {
    let level = options.ec_level.level();
    let code = match options.version {
        None => QrCode::with_error_correction_level(data.as_bytes(), level),
        Some(v @ 1..=40) => {
            QrCode::with_version(data.as_bytes(), Version::Normal(i16::from(v)), level)
        }
        Some(v) => {
            return Err(SymbolError::new(
                NAME,
                format!("version {v} does not exist (1 to 40)"),
            ));
        }
    }
    .map_err(|e| explain(&e, options))?;
    let width = code.width();
    let modules = code
        .into_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok(Symbol::new(Symbology::Qr, width, modules, 4))
}

fn explain(error: &QrError, options: &QrOptions) -> SymbolError {
    let level = options.ec_level.letter();
    let reason = match (error, options.version) {
        (QrError::DataTooLong, None) => {
            format!("too long for the largest QR code (version 40) at level {level}")
        }
        (QrError::DataTooLong, Some(v)) => {
            format!("too long for QR version {v} at level {level}")
        }
        (other, _) => other.to_string(),
    };
    SymbolError::new(NAME, reason)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_version_that_fits_is_chosen() {
        let small = encode_qr("INV-SI1", &QrOptions::default()).unwrap();
        assert_eq!(small.width(), 21, "version 1 is 21 modules wide");
        let fixed = encode_qr(
            "INV-SI1",
            &QrOptions {
                version: Some(5),
                ..QrOptions::default()
            },
        )
        .unwrap();
        assert_eq!(fixed.width(), 37);
    }

    #[test]
    fn mixed_mode_keeps_numeric_runs_compact() {
        // 60 digits after a short prefix still fit version 3-M only with numeric mode for the
        // digits (byte mode would need version 5).
        let data = format!("SI{}", "1234567890".repeat(6));
        let symbol = encode_qr(&data, &QrOptions::default()).unwrap();
        assert!(symbol.width() <= 29, "width {}", symbol.width());
    }

    #[test]
    fn data_past_version_40_is_an_error() {
        let err = encode_qr(&"x".repeat(3000), &QrOptions::default()).unwrap_err();
        assert!(err.to_string().contains("version 40"), "{err}");
        let err = encode_qr(
            &"x".repeat(100),
            &QrOptions {
                version: Some(1),
                ec_level: QrEcLevel::H,
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("version 1 at level H"), "{err}");
    }
}
