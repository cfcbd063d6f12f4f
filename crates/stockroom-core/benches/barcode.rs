//! Costs of the pure steps of a barcode scan.
//!
//! `cargo bench -p stockroom-core --bench barcode`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stockroom_core::barcode::{BarcodeHash, BarcodeInput, ShortBarcodePrefix, parse_internal};

fn benches(c: &mut Criterion) {
    let inv = ShortBarcodePrefix::default();
    let empty = ShortBarcodePrefix::empty();

    c.bench_function("parse_internal short INV-SI123456", |b| {
        b.iter(|| parse_internal(black_box("INV-SI123456"), &inv));
    });
    c.bench_function("parse_internal json {\"stocklocation\": 5}", |b| {
        b.iter(|| parse_internal(black_box(r#"{"stocklocation": 5}"#), &inv));
    });
    c.bench_function("parse_internal EAN-13, prefix INV-", |b| {
        b.iter(|| parse_internal(black_box("4006381333931"), &inv));
    });
    c.bench_function("parse_internal EAN-13, empty prefix", |b| {
        b.iter(|| parse_internal(black_box("4006381333931"), &empty));
    });

    // A DigiKey label (ref §6.6), padded with its own trailing zeros to 100 characters.
    let label = "[)>\u{1e}06\u{1d}P296-LM358BIDDFRCT-ND\u{1d}1PLM358BIDDFR\u{1d}K\u{1d}1K72991337\
                 \u{1d}10K85781337\u{1d}11K1\u{1d}4LPH\u{1d}Q10\u{1d}11ZPICK\u{1d}20Z";
    let hundred: String = label
        .chars()
        .chain(std::iter::repeat('0'))
        .take(100)
        .collect();
    c.bench_function("BarcodeHash::of 100 chars (ECIA label)", |b| {
        b.iter(|| BarcodeHash::of(black_box(&hundred)));
    });
    c.bench_function("BarcodeInput::parse 100 chars", |b| {
        b.iter(|| BarcodeInput::parse(black_box(&hundred)));
    });
}

criterion_group!(group, benches);
criterion_main!(group);
