//! The internal barcode format setting, and how a scanned barcode was written.

use std::fmt;
use std::str::FromStr;

/// Which internal format new barcodes are generated in: the `inventreebarcode` plugin
/// setting `INTERNAL_BARCODE_FORMAT`. Both formats are always recognised on scan.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `<prefix><code><pk>`, e.g. `INV-SI123`: InvenTree's default since 2026.
    #[default]
    Short,
    /// `{"<model>": <pk>}`, e.g. `{"stocklocation": 5}`.
    Json,
}

/// The setting value is neither `short` nor `json`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a valid choice.")]
pub struct UnknownFormat(pub String);

impl Format {
    /// The setting value: `short` or `json`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Short => "short",
            Format::Json => "json",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "short" => Ok(Format::Short),
            "json" => Ok(Format::Json),
            other => Err(UnknownFormat(other.to_owned())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a scanned internal barcode was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// The short format; leading zeros in the pk are allowed.
    Short,
    /// `{"<model>": <pk>}`, the pk a JSON integer or a string of digits, other keys ignored.
    Json,
    /// InvenTree 0.8 and older: `{"<model>": {"id": <pk>, ...}}`, alone or inside the
    /// `{"tool": "InvenTree", "version": ...}` wrapper. InvenTree dropped it; Stockroom still
    /// reads it because old labels are still on shelves.
    LegacyJson,
}

impl Syntax {
    /// The format that generates this syntax, if one does.
    pub const fn format(self) -> Option<Format> {
        match self {
            Syntax::Short => Some(Format::Short),
            Syntax::Json => Some(Format::Json),
            Syntax::LegacyJson => None,
        }
    }
}

impl From<Format> for Syntax {
    fn from(format: Format) -> Syntax {
        match format {
            Format::Short => Syntax::Short,
            Format::Json => Syntax::Json,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn format_is_the_plugin_setting_value() {
        assert_eq!(Format::default(), Format::Short);
        assert_eq!("short".parse(), Ok(Format::Short));
        assert_eq!("json".parse(), Ok(Format::Json));
        assert_eq!(
            "JSON".parse::<Format>().unwrap_err().to_string(),
            r#""JSON" is not a valid choice."#
        );
        assert_eq!(serde_json::to_string(&Format::Json).unwrap(), r#""json""#);
        assert_eq!(Format::Short.to_string(), "short");
        assert_eq!(Syntax::LegacyJson.format(), None);
        assert_eq!(Syntax::Short.format(), Some(Format::Short));
    }

    #[test]
    fn each_format_reads_back_as_its_own_syntax() {
        for format in [Format::Short, Format::Json] {
            assert_eq!(Syntax::from(format).format(), Some(format));
        }
    }
}
