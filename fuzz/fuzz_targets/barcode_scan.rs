//! The scan path's pure steps on arbitrary input: field validation, internal barcode parsing
//! with several prefixes, and the hash. Nothing may panic, and whatever `parse_internal`
//! finds must be what `generate` would write for that object, give or take leading zeros.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stockroom_core::ModelType;
use stockroom_core::barcode::{
    BarcodeHash, BarcodeInput, Format, InternalBarcode, ShortBarcodePrefix, Syntax, generate,
    parse_internal,
};

fuzz_target!(|bytes: &[u8]| {
    let Ok(raw) = std::str::from_utf8(bytes) else {
        return;
    };
    let hash = BarcodeHash::of(raw);
    assert_eq!(BarcodeHash::parse(&hash.to_string()), Ok(hash));

    let input = match BarcodeInput::parse(raw) {
        Ok(input) => input,
        Err(error) => {
            assert!(!error.errors().is_empty());
            return;
        }
    };
    assert_eq!(input.hash(), hash);
    let data = input.as_str();

    let mut prefixes = vec![
        ShortBarcodePrefix::default(),
        ShortBarcodePrefix::empty(),
        ShortBarcodePrefix::parse("TEST").unwrap(),
    ];
    // Prefixes taken from the input itself let the fuzzer reach short-code matches.
    for (end, _) in data.char_indices().skip(1).take(6) {
        if let Ok(prefix) = ShortBarcodePrefix::parse(&data[..end]) {
            prefixes.push(prefix);
        }
    }
    for prefix in &prefixes {
        check(data, prefix);
    }
    // Random text rarely forms a JSON object with a model key, so wrap it as a model's value,
    // bare and in the legacy forms, to exercise the value rules too.
    let model = ModelType::ALL[usize::from(bytes[0]) % ModelType::ALL.len()];
    let name = model.name();
    for wrapped in [
        format!("{{\"{name}\": {data}}}"),
        format!("{{\"{name}\": {{\"id\": {data}}}}}"),
        format!("{{\"tool\": \"InvenTree\", \"version\": \"0.8\", \"{name}\": {data}}}"),
        format!("{{\"part\": {data}, \"stockitem\": {data}}}"),
    ] {
        check(&wrapped, &prefixes[0]);
    }
});

fn check(data: &str, prefix: &ShortBarcodePrefix) {
    let found = parse_internal(data, prefix);
    // One candidate per model, in model order.
    assert!(found.windows(2).all(|pair| pair[0].model < pair[1].model));
    for candidate in &found {
        assert!(candidate.pk > 0);
        for format in [Format::Short, Format::Json] {
            let code = generate(candidate.model, candidate.pk, format, prefix);
            let expected = InternalBarcode {
                syntax: Syntax::from(format),
                ..*candidate
            };
            assert_eq!(parse_internal(&code, prefix), [expected], "{code:?}");
        }
        if candidate.syntax == Syntax::Short {
            // The input is the generated code with zeros in front of the pk.
            assert_eq!(found.len(), 1);
            let rest = &data[prefix.as_str().len()..];
            assert!(data.starts_with(prefix.as_str()));
            assert_eq!(&rest[..2], candidate.model.code());
            assert_eq!(rest[2..].trim_start_matches('0'), candidate.pk.to_string());
        }
    }
    // The exact JSON form of an object reads back as that form.
    if let [only] = found.as_slice() {
        if data == generate(only.model, only.pk, Format::Json, prefix) {
            assert_eq!(only.syntax, Syntax::Json);
        }
    }
}
