//! Pack sizes as suppliers write them (`"10"`, `"2 boxes"`, `"1 dozen"`) and their value in
//! the part's own units.

use stockroom_core::Quantity;

use crate::error::StoreError;

/// Counting words the unit registry knows, and what one of each is worth.
const COUNTS: &[(&str, i64)] = &[
    ("piece", 1),
    ("pieces", 1),
    ("pcs", 1),
    ("each", 1),
    ("ea", 1),
    ("dozen", 12),
    ("dz", 12),
    ("hundred", 100),
    ("thousand", 1000),
];

/// The pack size in 1/100000 of the part's units. Blank text is one item. The text is a
/// number optionally followed by a word: counting words (`dozen`, ...) scale the number,
/// any other word names the pack (`boxes`, `reels`) and leaves the number as it is.
pub fn pack_quantity_native(text: &str) -> Result<i64, StoreError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Quantity::ONE.units());
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(text.len());
    let (number, word) = text.split_at(split);
    let invalid = || StoreError::invalid("pack_quantity", "Invalid quantity supplied");
    let number: Quantity = number.trim().parse().map_err(|_| invalid())?;
    let word = word.trim().to_ascii_lowercase();
    let factor = if word.is_empty() {
        1
    } else {
        COUNTS
            .iter()
            .find(|(name, _)| *name == word)
            .map_or(1, |(_, n)| *n)
    };
    let native = Quantity::from_whole(factor)
        .ok()
        .and_then(|f| number.checked_mul(f))
        .ok_or_else(invalid)?;
    if !native.is_positive() {
        return Err(StoreError::invalid(
            "pack_quantity",
            "Pack units must be greater than zero",
        ));
    }
    Ok(native.units())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::pack_quantity_native;

    #[test]
    fn pack_sizes_read_as_numbers_of_part_units() {
        assert_eq!(pack_quantity_native("").unwrap(), 100_000);
        assert_eq!(pack_quantity_native("10").unwrap(), 1_000_000);
        assert_eq!(pack_quantity_native("2 boxes").unwrap(), 200_000);
        assert_eq!(pack_quantity_native("1 dozen").unwrap(), 1_200_000);
        assert_eq!(pack_quantity_native("2.5").unwrap(), 250_000);
        assert!(pack_quantity_native("0").is_err());
        assert!(pack_quantity_native("-3").is_err());
        assert!(pack_quantity_native("boxes").is_err());
    }
}
