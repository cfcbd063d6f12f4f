//! Linked external barcodes for benchmarks: EAN-13 codes on stock items.

use anyhow::{Context, Result};
use stockroom_core::ModelType;
use stockroom_store::Store;

/// The EAN-13 check digit of twelve digits.
fn check_digit(digits: &[u8; 12]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The `n`-th demo EAN-13 (prefix 200, reserved for in-store use, so never a real product).
pub fn ean(n: u64) -> String {
    let body = format!("200{:09}", n % 1_000_000_000);
    let mut digits = [0u8; 12];
    for (slot, c) in digits.iter_mut().zip(body.bytes()) {
        *slot = c - b'0';
    }
    format!("{body}{}", check_digit(&digits))
}

/// Links `count` EAN-13 barcodes to stock items spread over ids `1..=stock_items` (the ids
/// of a freshly loaded demo database). Returns how many were linked.
pub fn link(
    store: &Store,
    count: usize,
    stock_items: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    if count == 0 || stock_items == 0 {
        return Ok(0);
    }
    let count = count.min(stock_items);
    // A stride coprime with the item count visits distinct items.
    let mut stride = (stock_items / 7).max(1) | 1;
    while gcd(stride, stock_items) != 1 {
        stride += 2;
    }
    let mut done = 0;
    while done < count {
        let batch: Vec<(ModelType, i64, String)> = (done..(done + 10_000).min(count))
            .map(|n| {
                (
                    ModelType::StockItem,
                    ((n * stride) % stock_items + 1) as i64,
                    ean(n as u64),
                )
            })
            .collect();
        done += store
            .import_barcode_links(&batch, None)
            .context("linking demo barcodes")?;
        progress(done, count);
    }
    Ok(done)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_eans_carry_valid_check_digits() {
        assert_eq!(ean(0), "2000000000008");
        assert_eq!(ean(1), "2000000000015");
        assert_eq!(ean(123_456_789).len(), 13);
    }
}
