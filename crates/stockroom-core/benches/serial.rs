//! Serial-number pattern expansion: the largest default request, and a typical small one.
//!
//! Run with `cargo bench -p stockroom-core --bench serial`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stockroom_core::serial::SerialPattern;

fn benches(c: &mut Criterion) {
    let pattern = SerialPattern::new();
    c.bench_function("expand 1-100000 (quantity 100000)", |b| {
        b.iter(|| pattern.expand(black_box("1-100000"), black_box(100_000)))
    });
    c.bench_function("expand 1+ fill (quantity 100000)", |b| {
        b.iter(|| pattern.expand(black_box("1+"), black_box(100_000)))
    });

    let scope = SerialPattern::new().with_latest(Some("SN-0099"));
    c.bench_function("expand small pattern (quantity 16)", |b| {
        b.iter(|| scope.expand(black_box("10, 14, 20 + 3, 30-35, ~, ~+2"), black_box(16)))
    });
    c.bench_function("expand 1000 literals (quantity 1000)", |b| {
        let literals: Vec<String> = (0..1000).map(|n| format!("SN-{n:05}")).collect();
        let text = literals.join(", ");
        b.iter(|| pattern.expand(black_box(&text), black_box(1000)))
    });
}

criterion_group!(group, benches);
criterion_main!(group);
