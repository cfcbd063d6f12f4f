//! Properties of the barcode module as a whole.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;

use super::*;
use crate::model::ModelType;

/// Any barcodable model.
fn model() -> impl Strategy<Value = ModelType> {
    proptest::sample::select(ModelType::ALL.to_vec())
}

/// Any text from the 45-character QR alphanumeric set, the empty text included.
fn qr_text() -> impl Strategy<Value = String> {
    "[0-9A-Z $%*+./:-]{0,12}"
}

/// Text made only of characters Python's `strip()` removes.
fn python_space() -> impl Strategy<Value = String> {
    let spaces: Vec<char> = "\t\n\u{b}\u{c}\r\u{1c}\u{1d}\u{1e}\u{1f} \u{85}\u{a0}\u{1680}\
                             \u{2000}\u{2005}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(spaces), 0..6)
        .prop_map(|chars| chars.into_iter().collect())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Short), Just(Format::Json)]
}

proptest! {
    #[test]
    fn generated_codes_scan_back_to_their_object(
        model in model(),
        pk in 1..=i64::MAX,
        format in format(),
        prefix in qr_text(),
        padding in python_space(),
    ) {
        let Ok(prefix) = ShortBarcodePrefix::parse(&prefix) else {
            // Only a leading space can make a QR-alphanumeric prefix unusable.
            prop_assert!(prefix.starts_with(' '));
            return Ok(());
        };
        let code = generate(model, pk, format, &prefix);
        let expected = vec![InternalBarcode { model, pk, syntax: Syntax::from(format) }];
        prop_assert_eq!(parse_internal(&code, &prefix), expected.clone());
        // The same, through the scan field as a scanner would deliver it.
        let input = BarcodeInput::parse(&format!("{padding}{code}{padding}")).unwrap();
        prop_assert_eq!(input.as_str(), code.as_str());
        prop_assert_eq!(parse_internal(input.as_str(), &prefix), expected);
    }

    #[test]
    fn leading_zeros_never_change_the_pk(
        model in model(),
        pk in 1..=i64::MAX,
        zeros in 0_usize..30,
    ) {
        let code = format!("INV-{}{}{pk}", model.code(), "0".repeat(zeros));
        let found = parse_internal(&code, &ShortBarcodePrefix::default());
        prop_assert_eq!(found, vec![InternalBarcode { model, pk, syntax: Syntax::Short }]);
    }

    #[test]
    fn the_hash_ignores_surrounding_python_whitespace(
        data in any::<String>(),
        before in python_space(),
        after in python_space(),
    ) {
        let padded = format!("{before}{data}{after}");
        prop_assert_eq!(BarcodeHash::of(&padded), BarcodeHash::of(&data));
    }

    #[test]
    fn the_hash_of_the_field_is_the_hash_of_the_raw_text(data in any::<String>()) {
        if let Ok(input) = BarcodeInput::parse(&data) {
            prop_assert_eq!(input.hash(), BarcodeHash::of(&data));
        }
    }

    #[test]
    fn hashes_print_and_parse_back(data in any::<String>()) {
        let hash = BarcodeHash::of(&data);
        let hex = hash.to_string();
        prop_assert_eq!(hex.len(), 32);
        prop_assert_eq!(BarcodeHash::parse(&hex), Ok(hash));
    }

    #[test]
    fn accepted_field_values_are_trimmed_short_and_free_of_nul(data in any::<String>()) {
        match BarcodeInput::parse(&data) {
            Ok(input) => {
                let text = input.as_str();
                prop_assert!(!text.is_empty());
                prop_assert_eq!(text, text.trim_matches(super::text::is_python_space));
                prop_assert!(text.chars().count() <= MAX_BARCODE_CHARS);
                prop_assert!(!text.contains('\0'));
            }
            Err(error) => prop_assert!(!error.errors().is_empty()),
        }
    }

    #[test]
    fn parsing_arbitrary_text_names_only_real_objects(data in any::<String>(), prefix in qr_text()) {
        let prefix = ShortBarcodePrefix::parse(&prefix).unwrap_or_default();
        for found in parse_internal(&data, &prefix) {
            prop_assert!(found.pk > 0);
        }
    }

    #[test]
    fn json_like_text_never_panics(
        key in prop_oneof![Just("part".to_owned()), Just("stockitem".to_owned()), "[a-z]{0,8}"],
        value in r#"(-?[0-9]{0,25}(\.[0-9]{0,3})?(e[0-9]{1,3})?|"[ +0-9a-z]{0,6}"|null|true|\[\]|\{"id": [0-9]{0,20}\})"#,
    ) {
        let data = format!(r#"{{"{key}": {value}}}"#);
        let found = parse_internal(&data, &ShortBarcodePrefix::default());
        prop_assert!(found.len() <= 1);
    }
}
