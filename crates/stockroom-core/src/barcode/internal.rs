//! InvenTree's internal barcode formats: generating them and recognising them on scan.

use crate::model::ModelType;

use super::format::{Format, Syntax};
use super::json::json_candidates;
use super::prefix::ShortBarcodePrefix;

/// An object named by an internal barcode. Whether the object exists is for the store to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InternalBarcode {
    /// The model the barcode names.
    pub model: ModelType,
    /// The primary key, always at least 1.
    pub pk: i64,
    /// How the barcode was written.
    pub syntax: Syntax,
}

/// Generates the internal barcode of an object, as InvenTree's `generate`.
///
/// `pk` is formatted as given; stored objects always have positive pks, and only those scan
/// back.
///
/// ```
/// use stockroom_core::ModelType;
/// use stockroom_core::barcode::{Format, ShortBarcodePrefix, generate};
///
/// let inv = ShortBarcodePrefix::default();
/// assert_eq!(generate(ModelType::StockItem, 123, Format::Short, &inv), "INV-SI123");
/// assert_eq!(generate(ModelType::StockLocation, 5, Format::Json, &inv), r#"{"stocklocation": 5}"#);
/// assert_eq!(generate(ModelType::StockLocation, 5, Format::Short, &ShortBarcodePrefix::empty()), "SL5");
/// ```
pub fn generate(model: ModelType, pk: i64, format: Format, prefix: &ShortBarcodePrefix) -> String {
    match format {
        Format::Short => format!("{prefix}{}{pk}", model.code()),
        // Python's `json.dumps` puts one space after the colon.
        Format::Json => format!("{{\"{}\": {pk}}}", model.name()),
    }
}

/// Recognises an internal barcode in trimmed scan data (a [`BarcodeInput`]).
///
/// Returns the objects the barcode may name, in the order they must be looked up: the first
/// that exists is the match. A short code or a single-key JSON object names one object; a JSON
/// object with several model keys names one per key, in InvenTree's model order, whatever the
/// key order in the text (`{"part": 17, "stockitem": 12}` tries part 17 first). An empty list
/// means "not an internal barcode": the scan goes on to linked barcodes and other plugins.
/// Unknown short codes, pk 0, pks beyond `i64`, and odd JSON values (`null`, arrays, floats,
/// booleans, objects other than `{"id": <pk>}`) name nothing.
///
/// ```
/// use stockroom_core::ModelType;
/// use stockroom_core::barcode::{InternalBarcode, ShortBarcodePrefix, Syntax, parse_internal};
///
/// let inv = ShortBarcodePrefix::default();
/// let found = parse_internal("INV-BO0010", &inv);
/// assert_eq!(found, [InternalBarcode { model: ModelType::Build, pk: 10, syntax: Syntax::Short }]);
///
/// let found = parse_internal(r#"{"stockitem": 12, "part": 17}"#, &inv);
/// let order: Vec<_> = found.iter().map(|c| (c.model, c.pk)).collect();
/// assert_eq!(order, [(ModelType::Part, 17), (ModelType::StockItem, 12)]);
///
/// assert!(parse_internal("4006381333931", &ShortBarcodePrefix::empty()).is_empty());
/// ```
///
/// [`BarcodeInput`]: super::BarcodeInput
pub fn parse_internal(data: &str, prefix: &ShortBarcodePrefix) -> Vec<InternalBarcode> {
    if let Some(found) = parse_short(data, prefix) {
        return vec![found];
    }
    // A short code ends in a digit and a JSON object in `}`, so at most one of the two applies.
    json_candidates(data)
}

/// The short format: exactly `<prefix><known code><ASCII digits>`.
fn parse_short(data: &str, prefix: &ShortBarcodePrefix) -> Option<InternalBarcode> {
    // The empty prefix is handled apart: `strip_prefix("")` measured ~70 ns on the AMD EPYC
    // development machine (likely the vectorised `memcmp` reading at the empty string's
    // dangling pointer), ten times the rest of the parse of an EAN.
    let rest = match prefix.as_str() {
        "" => data,
        text => data.strip_prefix(text)?,
    };
    // Every known code is two ASCII letters, so a split inside a wider character is no match.
    let code = rest.get(..2)?;
    let digits = rest.get(2..)?;
    let model = ModelType::from_code(code)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let pk = parse_pk_digits(digits)?;
    Some(InternalBarcode {
        model,
        pk,
        syntax: Syntax::Short,
    })
}

/// A pk from a non-empty run of ASCII digits: leading zeros are fine, 0 and overflow are not.
pub(super) fn parse_pk_digits(digits: &str) -> Option<i64> {
    // Dropping the zeros first keeps any number of them from looking like an overflow.
    let significant = digits.trim_start_matches('0');
    significant.parse::<i64>().ok().filter(|&pk| pk > 0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use ModelType::*;

    fn short(model: ModelType, pk: i64) -> Vec<InternalBarcode> {
        vec![InternalBarcode {
            model,
            pk,
            syntax: Syntax::Short,
        }]
    }

    fn inv() -> ShortBarcodePrefix {
        ShortBarcodePrefix::default()
    }

    #[test]
    fn short_codes_are_generated_without_padding() {
        assert_eq!(generate(StockLocation, 5, Format::Short, &inv()), "INV-SL5");
        assert_eq!(generate(StockItem, 522, Format::Short, &inv()), "INV-SI522");
        assert_eq!(generate(Part, 10, Format::Short, &inv()), "INV-PA10");
        assert_eq!(
            generate(SupplierPart, 99, Format::Short, &inv()),
            "INV-SP99"
        );
        let test = ShortBarcodePrefix::parse("TEST").unwrap();
        assert_eq!(generate(StockLocation, 5, Format::Short, &test), "TESTSL5");
        let empty = ShortBarcodePrefix::empty();
        assert_eq!(generate(StockLocation, 5, Format::Short, &empty), "SL5");
    }

    #[test]
    fn json_codes_have_one_space_after_the_colon() {
        assert_eq!(
            generate(StockLocation, 5, Format::Json, &inv()),
            r#"{"stocklocation": 5}"#
        );
        assert_eq!(generate(Part, 10, Format::Json, &inv()), r#"{"part": 10}"#);
        assert_eq!(
            generate(StockItem, 123, Format::Json, &inv()),
            r#"{"stockitem": 123}"#
        );
        assert_eq!(
            generate(SupplierPart, 99, Format::Json, &inv()),
            r#"{"supplierpart": 99}"#
        );
    }

    #[test]
    fn every_model_code_scans_back_to_its_model() {
        for model in ModelType::ALL {
            let code = generate(model, 7, Format::Short, &inv());
            assert_eq!(parse_internal(&code, &inv()), short(model, 7), "{code}");
        }
    }

    #[test]
    fn short_codes_from_the_documentation_scan() {
        assert_eq!(parse_internal("INV-PA10", &inv()), short(Part, 10));
        assert_eq!(parse_internal("INV-SI123", &inv()), short(StockItem, 123));
        assert_eq!(parse_internal("INV-SL1", &inv()), short(StockLocation, 1));
        assert_eq!(parse_internal("INV-SP99", &inv()), short(SupplierPart, 99));
    }

    #[test]
    fn short_codes_accept_leading_zeros() {
        assert_eq!(parse_internal("INV-BO0010", &inv()), short(Build, 10));
        let many_zeros = format!("INV-SI{}7", "0".repeat(4000));
        assert_eq!(parse_internal(&many_zeros, &inv()), short(StockItem, 7));
    }

    #[test]
    fn short_codes_match_case_sensitively() {
        assert!(parse_internal("inv-pa10", &inv()).is_empty());
        assert!(parse_internal("INV-pa10", &inv()).is_empty());
        assert!(parse_internal("inv-PA10", &inv()).is_empty());
    }

    #[test]
    fn short_codes_need_the_configured_prefix_exactly() {
        assert!(parse_internal("SI5", &inv()).is_empty());
        assert!(parse_internal("XINV-SI5", &inv()).is_empty());
        assert!(parse_internal("INV-SI5", &ShortBarcodePrefix::parse("TEST").unwrap()).is_empty());
        assert!(parse_internal("INV-SI5", &ShortBarcodePrefix::empty()).is_empty());
        let test = ShortBarcodePrefix::parse("TEST").unwrap();
        assert_eq!(parse_internal("TESTSL5", &test), short(StockLocation, 5));
        assert_eq!(
            parse_internal("SL5", &ShortBarcodePrefix::empty()),
            short(StockLocation, 5)
        );
    }

    #[test]
    fn unknown_codes_name_nothing_so_the_scan_falls_through() {
        // `TO` (transfer order) is an InvenTree code Stockroom has no model for yet.
        for data in ["INV-XX5", "INV-TO5", "INV-,,5", "INV-si5"] {
            assert!(parse_internal(data, &inv()).is_empty(), "{data}");
        }
    }

    #[test]
    fn an_ean_with_an_empty_prefix_is_not_internal() {
        // InvenTree stops at the unknown code `40`; Stockroom lets the linked-barcode lookup run.
        assert!(parse_internal("4006381333931", &ShortBarcodePrefix::empty()).is_empty());
        assert!(parse_internal("123456789", &ShortBarcodePrefix::empty()).is_empty());
    }

    #[test]
    fn short_codes_with_pk_zero_or_beyond_i64_name_nothing() {
        assert!(parse_internal("INV-SI0", &inv()).is_empty());
        assert!(parse_internal("INV-SI0000", &inv()).is_empty());
        assert!(parse_internal("INV-SI9223372036854775808", &inv()).is_empty());
        assert_eq!(
            parse_internal("INV-SI9223372036854775807", &inv()),
            short(StockItem, i64::MAX)
        );
    }

    #[test]
    fn short_codes_take_nothing_but_ascii_digits_after_the_code() {
        for data in [
            "INV-SI",
            "INV-SI+5",
            "INV-SI-5",
            "INV-SI 5",
            "INV-SI5 ",
            "INV-SI5\n",
            "INV-SI5a",
            "INV-SI٥",
            "INV-SI５",
            "INV-S",
            "INV-",
            "INV-Sé5",
        ] {
            assert!(parse_internal(data, &inv()).is_empty(), "{data:?}");
        }
    }
}
