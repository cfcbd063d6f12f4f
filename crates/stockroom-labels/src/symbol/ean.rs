//! EAN-13 and UPC-A. Data may leave out the check digit (it is added) or include it (it is
//! verified). UPC-A is drawn as the EAN-13 with a leading zero, as the standard defines it.

use super::{Symbol, SymbolError, Symbology};

/// Left-hand odd-parity (L) patterns of digits 0–9; R is their complement, G R reversed.
const L: [u8; 10] = [
    0b0001101, 0b0011001, 0b0010011, 0b0111101, 0b0100011, 0b0110001, 0b0101111, 0b0111011,
    0b0110111, 0b0001011,
];
/// For each first digit, which of the next six digits use G (bit set) rather than L.
const PARITY: [u8; 10] = [
    0b000000, 0b001011, 0b001101, 0b001110, 0b010011, 0b011001, 0b011100, 0b010101, 0b010110,
    0b011010,
];

/// Encodes an EAN-13 (12 digits, or 13 with a correct check digit).
pub fn encode_ean13(data: &str) -> Result<Symbol, SymbolError> {
    let digits = checked_digits("EAN-13", data, 12)?;
    Ok(draw(Symbology::Ean13, &digits))
}

/// Encodes a UPC-A (11 digits, or 12 with a correct check digit).
pub fn encode_upca(data: &str) -> Result<Symbol, SymbolError> {
    let mut digits = vec![0];
    digits.extend(checked_digits("UPC-A", data, 11)?);
    Ok(draw(Symbology::UpcA, &digits))
}

/// The digits with their check digit, from `body_len` digits or `body_len + 1`.
fn checked_digits(name: &'static str, data: &str, body_len: usize) -> Result<Vec<u8>, SymbolError> {
    let data = data.trim();
    if let Some(c) = data.chars().find(|c| !c.is_ascii_digit()) {
        return Err(SymbolError::new(
            name,
            format!("{c:?} is not a digit (only 0-9 allowed)"),
        ));
    }
    let mut digits: Vec<u8> = data.bytes().map(|b| b - b'0').collect();
    if digits.len() != body_len && digits.len() != body_len + 1 {
        return Err(SymbolError::new(
            name,
            format!(
                "needs {body_len} digits, or {} with the check digit; got {}",
                body_len + 1,
                digits.len()
            ),
        ));
    }
    let check = check_digit(&digits[..body_len]);
    match digits.get(body_len) {
        Some(&given) if given != check => {
            return Err(SymbolError::new(
                name,
                format!("check digit is {given}, should be {check}"),
            ));
        }
        Some(_) => {}
        None => digits.push(check),
    }
    Ok(digits)
}

/// GS1 check digit: weights 3 and 1 alternating from the rightmost body digit.
fn check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    u8::try_from((10 - sum % 10) % 10).unwrap_or_default()
}

/// Draws 13 digits: guard, six left digits, centre guard, six right digits, guard.
fn draw(symbology: Symbology, digits: &[u8]) -> Symbol {
    let mut modules = Vec::with_capacity(95);
    let mut push = |bits: u8, count: u32| {
        for k in (0..count).rev() {
            modules.push(bits >> k & 1 == 1);
        }
    };
    push(0b101, 3);
    let parity = PARITY[usize::from(digits[0])];
    for (k, &d) in digits[1..7].iter().enumerate() {
        let l = L[usize::from(d)];
        let g_side = parity >> (5 - k) & 1 == 1;
        push(if g_side { reverse7(!l & 0x7f) } else { l }, 7);
    }
    push(0b01010, 5);
    for &d in &digits[7..13] {
        push(!L[usize::from(d)] & 0x7f, 7);
    }
    push(0b101, 3);
    Symbol::new(symbology, 95, modules, 11)
}

fn reverse7(bits: u8) -> u8 {
    (0..7).fold(0, |acc, k| acc << 1 | (bits >> k & 1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_check_digit_is_added_or_verified() {
        assert_eq!(check_digit(&[4, 0, 0, 6, 3, 8, 1, 3, 3, 3, 9, 3]), 1);
        assert!(encode_ean13("400638133393").is_ok());
        assert!(encode_ean13("4006381333931").is_ok());
        let err = encode_ean13("4006381333932").unwrap_err().to_string();
        assert!(err.contains("should be 1"), "{err}");
        assert!(encode_upca("03600029145").is_ok());
        assert!(encode_upca("036000291452").is_ok());
    }

    #[test]
    fn letters_and_wrong_lengths_are_errors() {
        let err = encode_ean13("40063813339A").unwrap_err().to_string();
        assert!(err.contains("'A' is not a digit"), "{err}");
        assert!(encode_ean13("123").is_err());
    }
}
