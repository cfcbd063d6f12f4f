//! Code 128 with automatic code sets: C for runs of digits, A for control characters, B
//! otherwise, switching where it saves symbols. Only ASCII (0–127) can be encoded.

use super::{Symbol, SymbolError, Symbology};

const NAME: &str = "Code 128";

/// Bar and space widths (bar first) of symbol values 0–105; each adds up to 11 modules.
const PATTERNS: [&[u8; 6]; 106] = [
    b"212222", b"222122", b"222221", b"121223", b"121322", b"131222", b"122213", b"122312",
    b"132212", b"221213", b"221312", b"231212", b"112232", b"122132", b"122231", b"113222",
    b"123122", b"123221", b"223211", b"221132", b"221231", b"213212", b"223112", b"312131",
    b"311222", b"321122", b"321221", b"312212", b"322112", b"322211", b"212123", b"212321",
    b"232121", b"111323", b"131123", b"131321", b"112313", b"132113", b"132311", b"211313",
    b"231113", b"231311", b"112133", b"112331", b"132131", b"113123", b"113321", b"133121",
    b"313121", b"211331", b"231131", b"213113", b"213311", b"213131", b"311123", b"311321",
    b"331121", b"312113", b"312311", b"332111", b"314111", b"221411", b"431111", b"111224",
    b"111422", b"121124", b"121421", b"141122", b"141221", b"112214", b"112412", b"122114",
    b"122411", b"142112", b"142211", b"241211", b"221114", b"413111", b"241112", b"134111",
    b"111242", b"121142", b"121241", b"114212", b"124112", b"124211", b"411212", b"421112",
    b"421211", b"212141", b"214121", b"412121", b"111143", b"111341", b"131141", b"114113",
    b"114311", b"411113", b"411311", b"113141", b"114131", b"311141", b"411131", b"211412",
    b"211214", b"211232",
];
const STOP: &[u8; 7] = b"2331112";

const CODE_C: u8 = 99;
const CODE_B: u8 = 100;
const CODE_A: u8 = 101;
const START: [u8; 3] = [103, 104, 105];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    A,
    B,
    C,
}

/// Encodes ASCII `data` as Code 128 (10-module quiet zone).
pub fn encode_code128(data: &str) -> Result<Symbol, SymbolError> {
    let values = symbol_values(data)?;
    let mut modules = Vec::with_capacity(values.len() * 11 + 13);
    for &value in &values {
        push_widths(&mut modules, PATTERNS[usize::from(value)]);
    }
    push_widths(&mut modules, STOP);
    let width = modules.len();
    Ok(Symbol::new(Symbology::Code128, width, modules, 10))
}

/// Start, data and check values (the stop pattern is added by the caller).
fn symbol_values(data: &str) -> Result<Vec<u8>, SymbolError> {
    let bytes = data.as_bytes();
    if bytes.is_empty() {
        return Err(SymbolError::new(NAME, "no data"));
    }
    if let Some(c) = data.chars().find(|c| !c.is_ascii()) {
        return Err(SymbolError::new(
            NAME,
            format!("{c:?} is not an ASCII character"),
        ));
    }
    let lead = digit_run(bytes, 0);
    let mut set = if lead >= 4 || lead == bytes.len() && lead.is_multiple_of(2) {
        Set::C
    } else {
        letter_set(bytes, 0)
    };
    let mut values = vec![START[set as usize]];
    let mut i = 0;
    while i < bytes.len() {
        if set == Set::C {
            if digit_run(bytes, i) >= 2 {
                values.push((bytes[i] - b'0') * 10 + (bytes[i + 1] - b'0'));
                i += 2;
                continue;
            }
            set = letter_set(bytes, i);
            values.push(if set == Set::A { CODE_A } else { CODE_B });
            continue;
        }
        let run = digit_run(bytes, i);
        if run >= 6 || run >= 4 && i + run == bytes.len() {
            if run % 2 == 1 {
                values.push(bytes[i] - b' ');
                i += 1;
            }
            set = Set::C;
            values.push(CODE_C);
            continue;
        }
        let c = bytes[i];
        if set == Set::B && c < b' ' {
            set = Set::A;
            values.push(CODE_A);
        } else if set == Set::A && c >= b'`' {
            set = Set::B;
            values.push(CODE_B);
        }
        values.push(if c < b' ' { c + 64 } else { c - b' ' });
        i += 1;
    }
    let check = values
        .iter()
        .enumerate()
        .map(|(pos, &v)| pos.max(1) * usize::from(v))
        .sum::<usize>()
        % 103;
    values.push(u8::try_from(check).unwrap_or_default());
    Ok(values)
}

fn digit_run(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// A if a control character comes before any lower-case letter, otherwise B.
fn letter_set(bytes: &[u8], from: usize) -> Set {
    match bytes[from..].iter().find(|&&b| !(b' '..b'`').contains(&b)) {
        Some(&b) if b < b' ' => Set::A,
        _ => Set::B,
    }
}

fn push_widths(modules: &mut Vec<bool>, widths: &[u8]) {
    for (k, &w) in widths.iter().enumerate() {
        let dark = k % 2 == 0;
        modules.extend(std::iter::repeat_n(dark, usize::from(w - b'0')));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_is_eleven_modules() {
        for p in PATTERNS {
            assert_eq!(p.iter().map(|b| usize::from(b - b'0')).sum::<usize>(), 11);
        }
    }

    #[test]
    fn digit_runs_use_code_set_c() {
        // Start C, 12, 34, check.
        assert_eq!(symbol_values("1234").unwrap(), vec![105, 12, 34, 82]);
        // Start B, A, Code C, 12, 34: the run ends the data.
        let v = symbol_values("A1234").unwrap();
        assert_eq!(&v[..5], &[104, 33, 99, 12, 34]);
        // An odd run keeps its first digit in B.
        let v = symbol_values("A12345").unwrap();
        assert_eq!(&v[..6], &[104, 33, 17, 99, 23, 45]);
    }

    #[test]
    fn control_characters_switch_to_set_a() {
        let v = symbol_values("a\u{1d}b").unwrap();
        assert_eq!(&v[..6], &[104, 65, 101, 93, 100, 66]);
    }

    #[test]
    fn non_ascii_and_empty_data_are_errors() {
        assert!(
            encode_code128("é")
                .unwrap_err()
                .to_string()
                .contains("ASCII")
        );
        assert!(encode_code128("").is_err());
    }
}
