//! A 1,000-label PDF of stock items with a QR code and text, from fake context data (no
//! database): the cost of `render_labels` alone. Prints the PDF's size per label.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use stockroom_labels::pdf::Layout;
use stockroom_labels::render_labels;
use stockroom_labels::template::{BuiltinTemplate, LabelSize, LabelTemplate};

fn contexts(n: u32) -> Vec<Value> {
    (1..=n)
        .map(|pk| {
            json!({
                "item": {
                    "pk": pk,
                    "barcode": format!("INV-SI{pk}"),
                    "serial": if pk % 2 == 0 { format!("SN-{pk:06}") } else { String::new() },
                    "batch": format!("B2026-{:03}", pk % 97),
                    "quantity": 1 + pk % 50,
                },
                "part": {"pk": 1 + pk % 40, "name": format!("Resistor 10k 0603 #{}", pk % 40), "IPN": format!("R-10K-{:04}", pk % 40)},
                "location": {"pk": 1 + pk % 12, "name": "Bin 4", "path": format!("Store/Shelf {}/Bin {}", pk % 5, pk % 12)},
            })
        })
        .collect()
}

fn thousand_labels(c: &mut Criterion) {
    let builtin = BuiltinTemplate::find("stock-item-qr").unwrap();
    let template = LabelTemplate::compile(
        builtin.source,
        LabelSize::new(builtin.width, builtin.height).unwrap(),
    )
    .unwrap();
    let data = contexts(1000);
    let pdf = render_labels(&template, &data, &Layout::Single, &mut |_| {}).unwrap();
    println!(
        "1,000 stock-item labels: {} bytes, {} bytes per label",
        pdf.len(),
        pdf.len() / 1000
    );
    let mut group = c.benchmark_group("labels");
    group.sample_size(10);
    group.bench_function("1000 stock item labels to PDF", |b| {
        b.iter(|| render_labels(&template, &data, &Layout::Single, &mut |_| {}).unwrap());
    });
    group.finish();
}

criterion_group!(benches, thousand_labels);
criterion_main!(benches);
