//! Every example of the user documentation (the seed) and of `spec/stock-tracking.md`.

use super::{SkipFives, expand, expand_after, serials};
use crate::serial::SerialPattern;

#[test]
fn comma_separated_values_are_taken_as_they_are() {
    assert_eq!(
        expand("1, 2, 45, 99, 101", 5),
        serials(&["1", "2", "45", "99", "101"])
    );
}

#[test]
fn a_hyphen_range_includes_both_ends() {
    assert_eq!(
        expand("10-15", 6),
        serials(&["10", "11", "12", "13", "14", "15"])
    );
}

#[test]
fn a_plus_sequence_yields_the_start_and_the_n_values_after_it() {
    assert_eq!(expand("10+3", 4), serials(&["10", "11", "12", "13"]));
}

#[test]
fn spaces_around_a_plus_bind_to_it() {
    assert_eq!(expand("100 + 2", 3), serials(&["100", "101", "102"]));
}

#[test]
fn spaces_around_a_hyphen_bind_to_it() {
    let expected: Vec<String> = (20..=40).map(|n| n.to_string()).collect();
    assert_eq!(expand("20 - 40", 21), expected);
    assert_eq!(expand("1 -3", 3), serials(&["1", "2", "3"]));
}

#[test]
fn a_tilde_is_the_next_available_serial() {
    assert_eq!(expand_after(Some("99"), "~", 1), serials(&["100"]));
}

#[test]
fn several_tildes_count_on_from_each_other() {
    assert_eq!(
        expand_after(Some("99"), "~, ~, ~", 3),
        serials(&["100", "101", "102"])
    );
}

#[test]
fn a_tilde_between_literals_keeps_its_place() {
    assert_eq!(
        expand_after(Some("99"), "800, ~, 900", 3),
        serials(&["800", "100", "900"])
    );
}

#[test]
fn a_tilde_can_start_a_plus_sequence() {
    assert_eq!(
        expand_after(Some("99"), "~+5", 6),
        serials(&["100", "101", "102", "103", "104", "105"])
    );
}

#[test]
fn a_tilde_in_an_empty_scope_is_one() {
    assert_eq!(expand("~", 1), serials(&["1"]));
    assert_eq!(expand("~, ~", 2), serials(&["1", "2"]));
}

#[test]
fn a_tilde_is_replaced_as_text_inside_a_group() {
    assert_eq!(expand_after(Some("5"), "A~", 1), serials(&["A6"]));
    assert_eq!(expand_after(Some("5"), "~-~", 2), serials(&["6", "7"]));
}

#[test]
fn a_tilde_value_with_a_hyphen_stays_one_serial() {
    assert_eq!(
        expand_after(Some("A-1"), "~, 7+1", 3),
        serials(&["A-2", "7", "8"])
    );
}

#[test]
fn literals_and_a_range_combine() {
    assert_eq!(
        expand("1, 2, 4-7, 10", 7),
        serials(&["1", "2", "4", "5", "6", "7", "10"])
    );
}

#[test]
fn two_plus_sequences_combine() {
    assert_eq!(
        expand("40+4, 50+4", 10),
        serials(&["40", "41", "42", "43", "44", "50", "51", "52", "53", "54"])
    );
}

#[test]
fn literals_sequences_and_ranges_combine() {
    assert_eq!(
        expand("10, 14, 20+3, 30-35", 12),
        serials(&[
            "10", "14", "20", "21", "22", "23", "30", "31", "32", "33", "34", "35"
        ])
    );
}

#[test]
fn a_serial_with_one_hyphen_is_literal_when_groups_match_the_quantity() {
    assert_eq!(expand("AF5-69H", 1), serials(&["AF5-69H"]));
}

#[test]
fn groups_are_literal_when_their_count_equals_the_quantity() {
    assert_eq!(expand("1-5, 5+0", 2), serials(&["1-5", "5+0"]));
}

#[test]
fn a_group_with_two_hyphens_is_one_literal() {
    assert_eq!(expand("TG-4SR-92", 1), serials(&["TG-4SR-92"]));
    assert_eq!(
        expand("TG-4SR-92, 1-3", 4),
        serials(&["TG-4SR-92", "1", "2", "3"])
    );
}

#[test]
fn mac_addresses_are_literal_serials() {
    assert_eq!(
        expand("00:1A:2B:3C:4D:5E, 00:1A:2B:3C:4D:5F", 2),
        serials(&["00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5F"])
    );
    assert_eq!(
        expand("00-1A-2B-3C-4D-5E 1-2", 3),
        serials(&["00-1A-2B-3C-4D-5E", "1", "2"])
    );
}

#[test]
fn a_range_keeps_zero_padding() {
    let expected: Vec<String> = (1..=10).map(|n| format!("{n:03}")).collect();
    assert_eq!(expand("001-010", 10), expected);
    assert_eq!(expand("0009+1", 2), serials(&["0009", "0010"]));
    assert_eq!(expand("08-10", 3), serials(&["08", "09", "10"]));
}

#[test]
fn a_range_may_be_alphanumeric() {
    assert_eq!(expand("A1-A3", 3), serials(&["A1", "A2", "A3"]));
    assert_eq!(expand("AB09-AB11", 3), serials(&["AB09", "AB10", "AB11"]));
}

#[test]
fn a_range_may_cross_a_power_of_ten() {
    assert_eq!(
        expand("A98-A101", 4),
        serials(&["A98", "A99", "A100", "A101"])
    );
}

#[test]
fn a_range_of_numbers_too_big_for_any_integer_type_still_works() {
    assert_eq!(
        expand("99999999999999999999998-100000000000000000000000", 3),
        serials(&[
            "99999999999999999999998",
            "99999999999999999999999",
            "100000000000000000000000"
        ])
    );
}

#[test]
fn a_trailing_plus_fills_the_rest_of_the_quantity() {
    assert_eq!(
        expand("1, 2, 10+", 5),
        serials(&["1", "2", "10", "11", "12"])
    );
}

#[test]
fn empty_groups_are_ignored_and_never_counted() {
    assert_eq!(expand(",1,,2,", 2), serials(&["1", "2"]));
    assert_eq!(expand(", 1-3 ,", 3), serials(&["1", "2", "3"]));
}

#[test]
fn any_whitespace_separates_groups() {
    assert_eq!(expand("1\n2\t3  4", 4), serials(&["1", "2", "3", "4"]));
}

#[test]
fn semicolons_and_quotes_are_part_of_a_serial() {
    assert_eq!(expand("1;2", 1), serials(&["1;2"]));
    assert_eq!(expand("\"1\",\"2\"", 2), serials(&["\"1\"", "\"2\""]));
}

#[test]
fn a_plugin_increment_rule_drives_ranges_and_tildes() {
    let scope = SerialPattern::new().with_increment(&SkipFives);
    assert_eq!(
        scope.expand("1-7", 6).unwrap(),
        serials(&["1", "2", "3", "4", "6", "7"])
    );
    assert_eq!(
        scope.with_latest(Some("4")).expand("~+2", 3).unwrap(),
        serials(&["6", "7", "8"])
    );
}
