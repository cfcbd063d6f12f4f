//! The JSON internal format and its legacy forms, read the way InvenTree's scan step 2 reads
//! them (ref §3.3), minus its crashes.

use serde_json::{Map, Value};

use crate::model::ModelType;

use super::format::Syntax;
use super::internal::{InternalBarcode, parse_pk_digits};
use super::text::python_strip;

/// The objects a JSON object names, one per model key, in model order.
pub(super) fn json_candidates(data: &str) -> Vec<InternalBarcode> {
    // Only an object can match; checking the first character keeps EANs and short codes away
    // from the JSON parser. JSON's own whitespace may precede it.
    if !data
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return Vec::new();
    }
    // A duplicated key keeps its last value, as in Python. Text that is not JSON, or JSON that
    // only Python accepts (`NaN`, lone surrogates), names nothing.
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(data) else {
        return Vec::new();
    };
    ModelType::ALL
        .into_iter()
        .filter_map(|model| {
            let (pk, syntax) = pk_of(object.get(model.name())?)?;
            Some(InternalBarcode { model, pk, syntax })
        })
        .collect()
}

/// The pk a model key's value gives, if any.
///
/// InvenTree calls Python's `int()` on the value. Stockroom keeps what its own and other
/// clients' labels hold (integers, strings of digits, the legacy `{"id": <int>}`) and turns
/// every other value into "no match" for that key, where InvenTree would truncate a float,
/// read `true` as 1, or crash on `null`, arrays and objects.
fn pk_of(value: &Value) -> Option<(i64, Syntax)> {
    match value {
        Value::Number(_) => positive_int(value).map(|pk| (pk, Syntax::Json)),
        Value::String(text) => pk_of_text(text).map(|pk| (pk, Syntax::Json)),
        Value::Object(fields) => legacy_id(fields).map(|pk| (pk, Syntax::LegacyJson)),
        Value::Null | Value::Bool(_) | Value::Array(_) => None,
    }
}

/// A JSON integer that can be a pk. Integers beyond `u64` arrive as floats and are refused
/// with them.
fn positive_int(value: &Value) -> Option<i64> {
    value.as_i64().filter(|&pk| pk > 0)
}

/// A pk written as a string, as Python's `int()` reads one: surrounding whitespace and a `+`
/// are allowed, and leading zeros. Digit separators (`1_000`) and non-ASCII digits, which
/// Python also reads, are refused: no label writes them.
fn pk_of_text(text: &str) -> Option<i64> {
    let unsigned = python_strip(text);
    let digits = unsigned.strip_prefix('+').unwrap_or(unsigned);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    parse_pk_digits(digits)
}

/// The legacy `{"id": <int>, ...}` value; other fields are ignored.
fn legacy_id(fields: &Map<String, Value>) -> Option<i64> {
    positive_int(fields.get("id")?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use ModelType::*;

    fn found(data: &str) -> Vec<(ModelType, i64, Syntax)> {
        json_candidates(data)
            .into_iter()
            .map(|c| (c.model, c.pk, c.syntax))
            .collect()
    }

    #[test]
    fn json_codes_from_the_documentation_scan() {
        assert_eq!(found(r#"{"part": 10}"#), [(Part, 10, Syntax::Json)]);
        assert_eq!(
            found(r#"{"stockitem": 123}"#),
            [(StockItem, 123, Syntax::Json)]
        );
        assert_eq!(
            found(r#"{"stocklocation": 1}"#),
            [(StockLocation, 1, Syntax::Json)]
        );
        assert_eq!(
            found(r#"{"supplierpart": 99}"#),
            [(SupplierPart, 99, Syntax::Json)]
        );
    }

    #[test]
    fn json_spacing_does_not_matter() {
        assert_eq!(found(r#"{"part":10}"#), [(Part, 10, Syntax::Json)]);
        assert_eq!(
            found("\n{ \"part\" :\t10 }\r\n"),
            [(Part, 10, Syntax::Json)]
        );
    }

    #[test]
    fn several_model_keys_are_tried_in_model_order() {
        let expected = [(Part, 17, Syntax::Json), (StockItem, 12, Syntax::Json)];
        assert_eq!(found(r#"{"part": 17, "stockitem": 12}"#), expected);
        assert_eq!(found(r#"{"stockitem": 12, "part": 17}"#), expected);
        assert_eq!(
            found(r#"{"stocklocation": 1, "build": 2, "salesordershipment": 3}"#),
            [
                (Build, 2, Syntax::Json),
                (SalesOrderShipment, 3, Syntax::Json),
                (StockLocation, 1, Syntax::Json)
            ]
        );
    }

    #[test]
    fn keys_that_are_not_models_are_ignored() {
        assert_eq!(found(r#"{"blbla": 10007}"#), []);
        assert_eq!(
            found(r#"{"company": 3, "part": 4}"#),
            [(Part, 4, Syntax::Json)]
        );
        assert_eq!(found(r#"{"Part": 4}"#), []);
        assert_eq!(
            found(r#"{"tool": "InvenTree", "version": "0.8.0", "stockitem": 5}"#),
            [(StockItem, 5, Syntax::Json)]
        );
    }

    #[test]
    fn a_pk_given_as_a_string_of_digits_is_accepted() {
        assert_eq!(found(r#"{"part": "5"}"#), [(Part, 5, Syntax::Json)]);
        assert_eq!(found(r#"{"part": " +005\n"}"#), [(Part, 5, Syntax::Json)]);
    }

    #[test]
    fn a_value_that_is_not_a_pk_skips_only_its_own_key() {
        assert_eq!(
            found(r#"{"part": "abc", "stockitem": 3}"#),
            [(StockItem, 3, Syntax::Json)]
        );
        assert_eq!(
            found(r#"{"part": null, "stockitem": 3}"#),
            [(StockItem, 3, Syntax::Json)]
        );
    }

    #[test]
    fn legacy_nested_ids_are_recognised() {
        assert_eq!(
            found(r#"{"stockitem": {"id": 5}}"#),
            [(StockItem, 5, Syntax::LegacyJson)]
        );
        let wrapper = r#"{"tool": "InvenTree", "version": "0.8.3", "instance": "x",
                          "stockitem": {"id": 5, "part": 2, "serial": "A1"}}"#;
        assert_eq!(found(wrapper), [(StockItem, 5, Syntax::LegacyJson)]);
        assert_eq!(
            found(r#"{"part": {"id": 1}, "stocklocation": 2}"#),
            [
                (Part, 1, Syntax::LegacyJson),
                (StockLocation, 2, Syntax::Json)
            ]
        );
    }

    #[test]
    fn odd_json_is_no_match() {
        for data in [
            "null",
            "[]",
            "[1, 2]",
            "123456789",
            r#""['foo', 'bar']""#,
            "['foo', 'bar']",
            "{}",
            "{",
            r#"{"part": 1"#,
            r#"{"part": 1} x"#,
            r#"{"part": null}"#,
            r#"{"part": true}"#,
            r#"{"part": false}"#,
            r#"{"part": [1]}"#,
            r#"{"part": {}}"#,
            r#"{"part": {"pk": 1}}"#,
            r#"{"part": {"id": "1"}}"#,
            r#"{"part": {"id": null}}"#,
            r#"{"part": {"id": {"id": 1}}}"#,
            r#"{"part": 5.0}"#,
            r#"{"part": 5.5}"#,
            r#"{"part": 1e2}"#,
            r#"{"part": 1e400}"#,
            r#"{"part": NaN}"#,
            r#"{"part": Infinity}"#,
            r#"{"part": 0}"#,
            r#"{"part": -3}"#,
            r#"{"part": "-3"}"#,
            r#"{"part": "0"}"#,
            r#"{"part": ""}"#,
            r#"{"part": "+"}"#,
            r#"{"part": "1_000"}"#,
            r#"{"part": "٥"}"#,
            r#"{"part": 9223372036854775808}"#,
            r#"{"part": 18446744073709551616}"#,
            r#"{"part": 123456789012345678901234567890}"#,
            r#"{"part": "9223372036854775808"}"#,
            r#"{"part": 5, "x": "\ud800"}"#,
        ] {
            assert_eq!(found(data), [], "{data}");
        }
    }

    #[test]
    fn the_largest_pk_is_accepted_as_number_and_text() {
        assert_eq!(
            found(r#"{"part": 9223372036854775807}"#),
            [(Part, i64::MAX, Syntax::Json)]
        );
        assert_eq!(
            found(r#"{"part": "9223372036854775807"}"#),
            [(Part, i64::MAX, Syntax::Json)]
        );
    }

    #[test]
    fn a_duplicated_key_keeps_its_last_value_as_in_python() {
        assert_eq!(
            found(r#"{"part": 1, "part": 2}"#),
            [(Part, 2, Syntax::Json)]
        );
        assert_eq!(found(r#"{"part": 1, "part": null}"#), []);
    }

    #[test]
    fn deeply_nested_json_is_no_match_rather_than_a_stack_overflow() {
        let deep = format!(
            "{{\"part\": {}1{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert_eq!(found(&deep), []);
    }
}
