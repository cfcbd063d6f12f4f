//! The default increment, `serial_int`, ordering, latest and next serial, `SerialNumber`.

use std::cmp::Ordering;

use super::SkipFives;
use crate::serial::{
    DefaultIncrement, Increment, MAX_SERIAL_LENGTH, SerialError, SerialNumber, SerialNumberError,
    Walk, compare_serials, increment_serial, latest_serial, latest_serial_by_key, next_serial,
    serial_int,
};

#[test]
fn increment_keeps_the_width_of_the_trailing_number() {
    assert_eq!(increment_serial("0009").as_deref(), Some("0010"));
    assert_eq!(increment_serial("99").as_deref(), Some("100"));
    assert_eq!(increment_serial("A99").as_deref(), Some("A100"));
    assert_eq!(increment_serial("ABC123").as_deref(), Some("ABC124"));
    assert_eq!(increment_serial("X-099").as_deref(), Some("X-100"));
    assert_eq!(increment_serial("Ü9").as_deref(), Some("Ü10"));
}

#[test]
fn a_serial_without_trailing_digits_cannot_be_incremented() {
    assert_eq!(increment_serial("QQQ"), None);
    assert_eq!(increment_serial("123Q"), None);
    assert_eq!(increment_serial(""), None);
}

#[test]
fn the_default_walk_measures_ranges_without_stepping() {
    let rule = DefaultIncrement;
    assert_eq!(
        rule.walk("1", Some("100000"), 100_000),
        Walk::Reaches(100_000)
    );
    assert_eq!(rule.walk("1", Some("100000"), 99_999), Walk::Beyond);
    assert_eq!(rule.walk("10", Some("2"), 5), Walk::Beyond);
    assert_eq!(rule.walk("QQQ", Some("QQR"), 5), Walk::Stops(1));
    assert_eq!(rule.walk("QQQ", None, 0), Walk::Beyond);
    assert_eq!(rule.walk("A1", Some("B3"), 5), Walk::Beyond);
}

#[test]
fn serial_int_follows_inventree_vectors() {
    let cases = [
        ("12345", 12345),
        (" 12345 ", 12345),
        ("-123", 123),
        ("apple", 0),
        ("0x1F", 31),
        ("0x_1F", 31),
        ("0x-1", 0),
        ("12abc", 12),
        ("abc12", 12),
        ("12abc34", 12),
        ("ABC123", 123),
        ("1.5", 1),
        ("1e5", 1),
        ("+5", 5),
        ("00042", 42),
        ("A-1", 1),
        ("1_000", 1000),
        ("1__000", 1),
        ("2147483647", 2_147_483_647),
        ("2147483648", 2_147_483_647),
        ("-2147483647", 2_147_483_647),
        ("-2147483648", 0),
        ("-99999999999", 0),
        ("0b101", 0),
        ("", 0),
        ("   ", 0),
    ];
    for (serial, expected) in cases {
        assert_eq!(serial_int(serial), expected, "serial_int({serial:?})");
    }
    assert_eq!(serial_int(&"9".repeat(53)), 2_147_483_647);
}

#[test]
fn serials_sort_by_integer_key_then_text() {
    let mut list = vec!["10", "9", "B", "A", "A10", "0010"];
    list.sort_by(|a, b| compare_serials(a, b));
    assert_eq!(list, ["A", "B", "9", "0010", "10", "A10"]);
    assert_eq!(compare_serials("2", "10"), Ordering::Less);
}

#[test]
fn the_latest_serial_has_the_highest_integer_key() {
    assert_eq!(latest_serial(["1", "22", "5", "10"]), Some("22"));
}

#[test]
fn latest_serial_ties_are_broken_by_the_greatest_text() {
    assert_eq!(latest_serial(["apple", "carrot", "banana"]), Some("carrot"));
    assert_eq!(latest_serial(["0010", "10", "A10"]), Some("A10"));
}

#[test]
fn blank_candidates_are_not_the_latest_serial() {
    assert_eq!(latest_serial(["", "  "]), None);
    assert_eq!(latest_serial([]), None);
}

#[test]
fn a_plugin_key_can_choose_the_latest_serial() {
    let by_length = |s: &str| i32::try_from(s.len()).unwrap();
    assert_eq!(
        latest_serial_by_key(["999", "1000", "A"], by_length),
        Some("1000")
    );
}

#[test]
fn the_next_serial_increments_the_latest() {
    assert_eq!(next_serial(Some("22"), &DefaultIncrement).unwrap(), "23");
    assert_eq!(
        next_serial(Some(" A099 "), &DefaultIncrement).unwrap(),
        "A100"
    );
    assert_eq!(next_serial(Some("4"), &SkipFives).unwrap(), "6");
}

#[test]
fn the_next_serial_of_an_empty_scope_is_one() {
    assert_eq!(next_serial(None, &DefaultIncrement).unwrap(), "1");
    assert_eq!(next_serial(Some(""), &DefaultIncrement).unwrap(), "1");
}

#[test]
fn a_latest_serial_that_cannot_be_incremented_has_no_next() {
    assert_eq!(
        next_serial(Some("QQQ"), &DefaultIncrement),
        Err(SerialError::CannotIncrement {
            serial: "QQQ".to_owned()
        })
    );
}

#[test]
fn a_serial_number_is_trimmed() {
    let serial = SerialNumber::parse("  SN-001\n").unwrap();
    assert_eq!(serial.as_str(), "SN-001");
    assert_eq!(serial.to_string(), "SN-001");
    assert_eq!(serial.serial_int(), 1);
}

#[test]
fn an_empty_serial_number_is_refused() {
    assert_eq!(SerialNumber::parse(" \t "), Err(SerialNumberError::Empty));
    assert_eq!(
        SerialNumberError::Empty.to_string(),
        "Serial number cannot be empty"
    );
}

#[test]
fn a_serial_number_may_have_one_hundred_characters_and_no_more() {
    let longest = "é".repeat(MAX_SERIAL_LENGTH);
    assert!(SerialNumber::parse(&longest).is_ok());
    let error = SerialNumber::parse(&format!("{longest}x")).unwrap_err();
    assert_eq!(error, SerialNumberError::TooLong { max: 100 });
    assert_eq!(
        error.to_string(),
        "Serial number cannot be longer than 100 characters"
    );
}

#[test]
fn a_serial_number_with_a_control_character_is_refused() {
    let error = SerialNumber::parse("A\u{0}1").unwrap_err();
    assert_eq!(error, SerialNumberError::ControlCharacter);
    assert_eq!(
        error.to_string(),
        "Serial number cannot contain control characters"
    );
}

#[test]
fn a_serial_number_round_trips_through_json() {
    let serial: SerialNumber = serde_json::from_str("\" 42 \"").unwrap();
    assert_eq!(serial.as_str(), "42");
    assert_eq!(serde_json::to_string(&serial).unwrap(), "\"42\"");
    assert!(serde_json::from_str::<SerialNumber>("\"\"").is_err());
    assert_eq!(
        SerialNumber::try_from("7".to_owned()).map(String::from),
        Ok("7".to_owned())
    );
}
