//! Every symbology: the SVG matches its checked-in golden file, and the rendered symbol
//! decodes back (with rxing) to exactly the data it was given.
//!
//! `UPDATE_GOLDEN=1 cargo test -p stockroom-labels --test symbols` rewrites the golden files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use rxing::BarcodeFormat;
use stockroom_labels::symbol::{
    DataMatrixOptions, DataMatrixShape, QrEcLevel, QrOptions, Symbol, encode_code128,
    encode_datamatrix, encode_ean13, encode_qr, encode_upca,
};

fn golden(name: &str, symbol: &Symbol) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.svg"));
    let svg = symbol.to_svg();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &svg).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(svg, expected, "{name} differs from its golden SVG");
}

fn decode(symbol: &Symbol, format: BarcodeFormat) -> String {
    let (pixels, width, height) = symbol.to_luma(4, 40);
    let result = rxing::helpers::detect_in_luma(
        pixels,
        u32::try_from(width).unwrap(),
        u32::try_from(height).unwrap(),
        Some(format),
    )
    .unwrap_or_else(|e| panic!("{format:?} did not decode: {e}"));
    result.getText().to_owned()
}

#[test]
fn qr_codes_match_their_golden_svg_and_decode_back() {
    let small = encode_qr("INV-SI1", &QrOptions::default()).unwrap();
    golden("qr-inv-si1-m", &small);
    assert_eq!(decode(&small, BarcodeFormat::QR_CODE), "INV-SI1");

    let mixed = "Stockroom 1234567890 ABC/def";
    for ec_level in [QrEcLevel::L, QrEcLevel::M, QrEcLevel::Q, QrEcLevel::H] {
        let symbol = encode_qr(
            mixed,
            &QrOptions {
                ec_level,
                version: None,
            },
        )
        .unwrap();
        assert_eq!(decode(&symbol, BarcodeFormat::QR_CODE), mixed);
    }
    let fixed = encode_qr(
        "{\"stockitem\": 12}",
        &QrOptions {
            ec_level: QrEcLevel::H,
            version: Some(4),
        },
    )
    .unwrap();
    golden("qr-json-h-v4", &fixed);
    assert_eq!(
        decode(&fixed, BarcodeFormat::QR_CODE),
        "{\"stockitem\": 12}"
    );
}

#[test]
fn datamatrix_symbols_match_their_golden_svg_and_decode_back() {
    let square = encode_datamatrix("INV-SL12", &DataMatrixOptions::default()).unwrap();
    golden("datamatrix-inv-sl12", &square);
    assert_eq!(decode(&square, BarcodeFormat::DATA_MATRIX), "INV-SL12");

    let rect = encode_datamatrix(
        "INV-PA7",
        &DataMatrixOptions {
            shape: DataMatrixShape::Rectangular,
            gs1: false,
        },
    )
    .unwrap();
    assert!(rect.width() > rect.height());
    golden("datamatrix-rect-inv-pa7", &rect);
    assert_eq!(decode(&rect, BarcodeFormat::DATA_MATRIX), "INV-PA7");

    let gs1 = encode_datamatrix(
        "0109501101530003\u{1d}10ABC123",
        &DataMatrixOptions {
            shape: DataMatrixShape::Square,
            gs1: true,
        },
    )
    .unwrap();
    // rxing reports the leading FNC1 as the GS1 symbology identifier, not as text.
    let text = decode(&gs1, BarcodeFormat::DATA_MATRIX);
    assert!(text.ends_with("0109501101530003\u{1d}10ABC123"), "{text:?}");
}

#[test]
fn code128_symbols_match_their_golden_svg_and_decode_back() {
    let symbol = encode_code128("SI-0042").unwrap();
    golden("code128-si-0042", &symbol);
    assert_eq!(decode(&symbol, BarcodeFormat::CODE_128), "SI-0042");
    for data in [
        "1234567890",
        "A12345",
        "abc123456def",
        "Mixed Case 99",
        "x\tTAB",
    ] {
        let symbol = encode_code128(data).unwrap();
        assert_eq!(decode(&symbol, BarcodeFormat::CODE_128), data, "{data:?}");
    }
}

#[test]
fn ean13_and_upca_match_their_golden_svg_and_decode_back_with_check_digits() {
    let ean = encode_ean13("400638133393").unwrap();
    golden("ean13-4006381333931", &ean);
    assert_eq!(decode(&ean, BarcodeFormat::EAN_13), "4006381333931");
    for data in ["5901234123457", "0000000000000", "9780201379624"] {
        let symbol = encode_ean13(data).unwrap();
        assert_eq!(decode(&symbol, BarcodeFormat::EAN_13), data);
    }
    let upc = encode_upca("03600029145").unwrap();
    golden("upca-036000291452", &upc);
    assert_eq!(decode(&upc, BarcodeFormat::UPC_A), "036000291452");
}

#[test]
fn png_previews_are_png_files() {
    let png = encode_qr("INV-SI1", &QrOptions::default())
        .unwrap()
        .to_png(4, 40);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}
