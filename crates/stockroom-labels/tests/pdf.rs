//! Whole PDFs: rendered to PNG with `pdftoppm` (poppler-utils) and decoded back with rxing
//! to exactly the barcode strings the labels were given. Skipped, with a notice, where
//! `pdftoppm` is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use rxing::BarcodeFormat;
use serde_json::{Value, json};
use stockroom_labels::pdf::{Layout, Paper, Sheet};
use stockroom_labels::render_labels;
use stockroom_labels::template::{BuiltinTemplate, LabelSize, LabelTemplate};

fn have_pdftoppm() -> bool {
    let found = Command::new("pdftoppm").arg("-v").output().is_ok();
    if !found {
        eprintln!("SKIPPED: pdftoppm not found (apt-get install poppler-utils)");
    }
    found
}

/// Every page of `pdf` as greyscale pixels.
fn rasterise(pdf: &[u8], dpi: u32) -> Vec<(Vec<u8>, u32, u32)> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("labels.pdf");
    std::fs::write(&input, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray", "-png"])
        .arg(&input)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed on the PDF");
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| luma(&std::fs::read(f).unwrap()))
        .collect()
}

fn luma(png_bytes: &[u8]) -> (Vec<u8>, u32, u32) {
    let decoder = png::Decoder::new(png_bytes);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    let grey = buf.chunks_exact(channels).map(|px| px[0]).collect();
    (grey, info.width, info.height)
}

fn decode(page: &(Vec<u8>, u32, u32), format: BarcodeFormat) -> String {
    let (pixels, w, h) = page.clone();
    rxing::helpers::detect_in_luma(pixels, w, h, Some(format))
        .unwrap_or_else(|e| panic!("no {format:?} on the page: {e}"))
        .getText()
        .to_owned()
}

fn item(pk: u32, serial: &str) -> Value {
    json!({
        "item": {"pk": pk, "barcode": format!("INV-SI{pk}"), "serial": serial, "batch": "", "quantity": 1},
        "part": {"pk": 7, "name": "Resistor 10k <0603>", "IPN": "R-10K-0603"},
        "location": {"pk": 3, "name": "Bin 4", "path": "Store/Shelf A/Bin 4"},
    })
}

#[test]
fn built_in_stock_item_labels_decode_to_their_barcodes() {
    if !have_pdftoppm() {
        return;
    }
    let builtin = BuiltinTemplate::find("stock-item-qr").unwrap();
    let template = LabelTemplate::compile(
        builtin.source,
        LabelSize::new(builtin.width, builtin.height).unwrap(),
    )
    .unwrap();
    let contexts = vec![item(1, "A-001"), item(22, "A-002"), item(333, "")];
    let mut done = 0;
    let pdf = render_labels(&template, &contexts, &Layout::Single, &mut |n| done = n).unwrap();
    assert_eq!(done, 3);
    let pages = rasterise(&pdf, 300);
    assert_eq!(pages.len(), 3);
    for (page, pk) in pages.iter().zip([1, 22, 333]) {
        assert_eq!(decode(page, BarcodeFormat::QR_CODE), format!("INV-SI{pk}"));
    }
}

#[test]
fn every_symbology_survives_the_trip_through_pdf() {
    if !have_pdftoppm() {
        return;
    }
    let cases = [
        (
            "{{ datamatrix(data, x=5, y=5, size=20) }}",
            "INV-SL12",
            BarcodeFormat::DATA_MATRIX,
        ),
        (
            "{{ barcode(data, x=5, y=5, module=0.4, height=15) }}",
            "SI-0042/b",
            BarcodeFormat::CODE_128,
        ),
        (
            "{{ barcode(data, type='ean13', x=8, y=5, module=0.4, height=15) }}",
            "4006381333931",
            BarcodeFormat::EAN_13,
        ),
        (
            "{{ barcode(data, type='upca', x=8, y=5, module=0.4, height=15) }}",
            "036000291452",
            BarcodeFormat::UPC_A,
        ),
        (
            "{{ qrcode(data, x=5, y=5, size=25, ec='H') }}",
            "{\"stockitem\": 99}",
            BarcodeFormat::QR_CODE,
        ),
    ];
    for (body, data, format) in cases {
        let source = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"60\" height=\"35\" fill=\"#fff\"/>{body}</svg>"
        );
        let template =
            LabelTemplate::compile(&source, LabelSize::new(60.0, 35.0).unwrap()).unwrap();
        let pdf = render_labels(
            &template,
            &[json!({"data": data})],
            &Layout::Single,
            &mut |_| {},
        )
        .unwrap();
        let pages = rasterise(&pdf, 300);
        assert_eq!(decode(&pages[0], format), data, "{format:?}");
    }
}

#[test]
fn sheets_put_many_labels_on_a4() {
    if !have_pdftoppm() {
        return;
    }
    let builtin = BuiltinTemplate::find("stock-item-qr").unwrap();
    let template =
        LabelTemplate::compile(builtin.source, LabelSize::new(50.0, 25.0).unwrap()).unwrap();
    let contexts: Vec<Value> = (1..=40).map(|pk| item(pk, "")).collect();
    let layout = Layout::Sheet(Sheet {
        paper: Paper::A4,
        margin: 10.0,
        gap: 3.0,
    });
    let pdf = render_labels(&template, &contexts, &layout, &mut |_| {}).unwrap();
    let pages = rasterise(&pdf, 100);
    // 3 columns × 10 rows per page.
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].1, 827, "A4 width at 100 dpi");
}

#[test]
fn a_bad_label_stops_the_job_and_names_it() {
    let template = LabelTemplate::compile(
        "<svg>\n{{ barcode(item.IPN, type='ean13') }}</svg>",
        LabelSize::new(40.0, 20.0).unwrap(),
    )
    .unwrap();
    let contexts = vec![
        json!({"item": {"IPN": "400638133393"}}),
        json!({"item": {"IPN": "ABC"}}),
    ];
    let err = render_labels(&template, &contexts, &Layout::Single, &mut |_| {}).unwrap_err();
    assert_eq!(err.index(), Some(1));
    let text = err.to_string();
    assert!(
        text.contains("EAN-13 cannot encode") && text.contains("line 2"),
        "{text}"
    );
}
