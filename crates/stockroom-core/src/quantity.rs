//! Exact stock quantities.
//!
//! InvenTree stores quantities as `Decimal(max_digits=15, decimal_places=5)`. Stockroom stores
//! the same range exactly as a count of 1/100000 units in an `i64`, so sums in SQL are exact
//! and no binary float ever reaches storage.

use std::fmt;
use std::str::FromStr;

/// Number of fractional decimal digits a quantity keeps.
pub const DECIMAL_PLACES: u32 = 5;
/// Units per whole item.
pub const SCALE: i64 = 100_000;
/// Largest magnitude InvenTree's decimal field accepts: 15 digits, 5 after the point.
const MAX_UNITS: i64 = 999_999_999_999_999;

/// An exact quantity, stored as a whole number of 1/100000 units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Quantity(i64);

/// Why a text or number is not a quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("A valid number is required.")]
    NotANumber,
    #[error("Ensure that there are no more than 5 decimal places.")]
    TooManyDecimals,
    #[error("Ensure that there are no more than 15 digits in total.")]
    TooLarge,
}

impl Quantity {
    pub const ZERO: Quantity = Quantity(0);
    pub const ONE: Quantity = Quantity(SCALE);

    /// A quantity from its stored representation (1/100000 units).
    pub const fn from_units(units: i64) -> Quantity {
        Quantity(units)
    }

    /// A whole number of items.
    pub fn from_whole(n: i64) -> Result<Quantity, QuantityError> {
        n.checked_mul(SCALE)
            .filter(|u| u.abs() <= MAX_UNITS)
            .map(Quantity)
            .ok_or(QuantityError::TooLarge)
    }

    /// The stored representation (1/100000 units).
    pub const fn units(self) -> i64 {
        self.0
    }

    /// Converts a JSON number. The float's shortest decimal form is parsed, so `0.1` is
    /// exactly one tenth and `1e-7` is refused for its precision.
    pub fn from_f64(value: f64) -> Result<Quantity, QuantityError> {
        if !value.is_finite() {
            return Err(QuantityError::NotANumber);
        }
        if value.abs() >= 1e10 {
            return Err(QuantityError::TooLarge);
        }
        format!("{value}").parse()
    }

    /// The value as a float, for JSON output (correctly rounded).
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// True when the quantity has no fractional part.
    pub fn is_whole(self) -> bool {
        self.0 % SCALE == 0
    }

    /// The whole part, when the quantity is whole.
    pub fn as_whole(self) -> Option<i64> {
        self.is_whole().then_some(self.0 / SCALE)
    }

    pub fn checked_add(self, other: Quantity) -> Option<Quantity> {
        self.0
            .checked_add(other.0)
            .filter(|u| u.abs() <= MAX_UNITS)
            .map(Quantity)
    }

    pub fn checked_sub(self, other: Quantity) -> Option<Quantity> {
        self.0
            .checked_sub(other.0)
            .filter(|u| u.abs() <= MAX_UNITS)
            .map(Quantity)
    }

    /// Multiplies by another quantity (pack sizes), rounding half away from zero to 5 places.
    pub fn checked_mul(self, other: Quantity) -> Option<Quantity> {
        let wide = i128::from(self.0) * i128::from(other.0);
        let half = i128::from(SCALE / 2) * wide.signum();
        let units = (wide + half) / i128::from(SCALE);
        i64::try_from(units)
            .ok()
            .filter(|u| u.abs() <= MAX_UNITS)
            .map(Quantity)
    }

    /// The value as InvenTree's DecimalField writes it: `"1.00000"`.
    pub fn to_fixed_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let scale = SCALE.unsigned_abs();
        format!("{sign}{}.{:05}", abs / scale, abs % scale)
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;

    /// Parses decimal text such as `12`, `-3.5`, `0.00001` or `1e3`.
    fn from_str(text: &str) -> Result<Quantity, QuantityError> {
        let text = text.trim();
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => {
                let exp: i32 = text[at + 1..]
                    .parse()
                    .map_err(|_| QuantityError::NotANumber)?;
                (&text[..at], exp)
            }
            None => (text, 0),
        };
        let (negative, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if (int_part.is_empty() && frac_part.is_empty())
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(QuantityError::NotANumber);
        }
        // Shift the decimal point by the exponent, working on the digit string.
        let mut all: String = format!("{int_part}{frac_part}");
        let mut point = int_part.len() as i64 + i64::from(exponent);
        if point < 0 {
            all.insert_str(0, &"0".repeat(point.unsigned_abs() as usize));
            point = 0;
        }
        let point = point as usize;
        if point > all.len() {
            all.push_str(&"0".repeat(point - all.len()));
        }
        let (whole, frac) = all.split_at(point);
        let frac = frac.trim_end_matches('0');
        if frac.len() > DECIMAL_PLACES as usize {
            return Err(QuantityError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 10 {
            return Err(QuantityError::TooLarge);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| QuantityError::TooLarge)?
        };
        let mut frac_units: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| QuantityError::NotANumber)?
        };
        frac_units *= 10_i64.pow(DECIMAL_PLACES - frac.len() as u32);
        let units = whole * SCALE + frac_units;
        if units > MAX_UNITS {
            return Err(QuantityError::TooLarge);
        }
        Ok(Quantity(if negative { -units } else { units }))
    }
}

impl fmt::Display for Quantity {
    /// The shortest exact decimal form: `12`, `0.5`, `-3.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fixed = self.to_fixed_string();
        let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
        f.write_str(trimmed)
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        s.parse().expect("valid quantity")
    }

    #[test]
    fn parses_decimal_text_exactly() {
        assert_eq!(q("12").units(), 1_200_000);
        assert_eq!(q("0.1").units(), 10_000);
        assert_eq!(q("-3.5").units(), -350_000);
        assert_eq!(q("0.00001").units(), 1);
        assert_eq!(q("1e3").units(), 100_000_000);
        assert_eq!(q("2.5E-1").units(), 25_000);
        assert_eq!(q(".5").units(), 50_000);
        assert_eq!(q("7.").units(), 700_000);
    }

    #[test]
    fn refuses_what_inventree_refuses() {
        assert_eq!("".parse::<Quantity>(), Err(QuantityError::NotANumber));
        assert_eq!("abc".parse::<Quantity>(), Err(QuantityError::NotANumber));
        assert_eq!("1.2.3".parse::<Quantity>(), Err(QuantityError::NotANumber));
        assert_eq!(
            "0.000001".parse::<Quantity>(),
            Err(QuantityError::TooManyDecimals)
        );
        assert_eq!(
            "99999999999".parse::<Quantity>(),
            Err(QuantityError::TooLarge)
        );
        assert_eq!(Quantity::from_f64(f64::NAN), Err(QuantityError::NotANumber));
        assert_eq!(
            Quantity::from_f64(1e-7),
            Err(QuantityError::TooManyDecimals)
        );
    }

    #[test]
    fn floats_convert_through_their_shortest_form() {
        assert_eq!(Quantity::from_f64(0.1), Ok(Quantity(10_000)));
        assert_eq!(Quantity::from_f64(1.0), Ok(Quantity::ONE));
        assert_eq!(Quantity(10_000).to_f64(), 0.1);
    }

    #[test]
    fn formats_as_shortest_and_fixed() {
        assert_eq!(q("12").to_string(), "12");
        assert_eq!(q("0.5").to_string(), "0.5");
        assert_eq!(q("-3.25").to_string(), "-3.25");
        assert_eq!(q("1").to_fixed_string(), "1.00000");
        assert_eq!(q("-0.5").to_fixed_string(), "-0.50000");
    }

    #[test]
    fn multiplication_rounds_to_five_places() {
        assert_eq!(q("2.5").checked_mul(q("4")), Some(q("10")));
        assert_eq!(q("0.00001").checked_mul(q("0.5")), Some(q("0.00001")));
        assert_eq!(q("9999999999").checked_mul(q("10")), None);
    }

    proptest::proptest! {
        #[test]
        fn display_then_parse_is_identity(units in -MAX_UNITS..=MAX_UNITS) {
            let quantity = Quantity(units);
            proptest::prop_assert_eq!(quantity.to_string().parse::<Quantity>(), Ok(quantity));
            proptest::prop_assert_eq!(Quantity::from_f64(quantity.to_f64()), Ok(quantity));
        }
    }
}
