//! Every error text of the pattern grammar, and the order they come in.

use super::{errors, errors_with};
use crate::serial::{Increment, SerialError, SerialPattern};

#[test]
fn a_quantity_below_one_is_invalid() {
    assert_eq!(errors("1", 0), ["Invalid quantity provided"]);
    assert_eq!(errors("1", -3), ["Invalid quantity provided"]);
}

#[test]
fn an_invalid_quantity_is_reported_before_anything_else() {
    assert_eq!(errors("", 0), ["Invalid quantity provided"]);
}

#[test]
fn a_quantity_above_the_default_maximum_is_refused() {
    assert_eq!(
        errors("1+", 100_001),
        ["Cannot serialize more than 100000 items at once"]
    );
}

#[test]
fn the_maximum_quantity_is_configurable_and_inclusive() {
    let scope = SerialPattern::new().with_max_quantity(1000);
    assert_eq!(
        errors_with(scope, "", 1001),
        ["Cannot serialize more than 1000 items at once"]
    );
    assert_eq!(scope.expand("1+", 1000).map(|s| s.len()), Ok(1000));
}

#[test]
fn the_size_cap_is_reported_under_the_quantity_field() {
    assert_eq!(SerialError::TooManyItems { max: 1 }.field(), "quantity");
    assert_eq!(SerialError::NoSerials.field(), "serial_numbers");
}

#[test]
fn an_empty_pattern_is_refused() {
    assert_eq!(errors("", 1), ["Empty serial number string"]);
    assert_eq!(errors(" \n\t ", 1), ["Empty serial number string"]);
}

#[test]
fn a_repeated_literal_is_a_duplicate() {
    assert_eq!(errors("1, 1", 2), ["Duplicate serial: 1"]);
}

#[test]
fn a_literal_inside_an_earlier_range_is_a_duplicate() {
    assert_eq!(errors("1-3, 2", 4), ["Duplicate serial: 2"]);
}

#[test]
fn duplicates_are_reported_in_order_and_once_each() {
    assert_eq!(
        errors("1-3, 1-3, 3, 2", 6),
        [
            "Duplicate serial: 1",
            "Duplicate serial: 2",
            "Duplicate serial: 3"
        ]
    );
}

#[test]
fn a_plugin_rule_that_makes_no_progress_cannot_increment() {
    struct Stuck;
    impl Increment for Stuck {
        fn increment(&self, _serial: &str) -> Option<String> {
            Some("7".to_owned())
        }
    }
    let scope = SerialPattern::new()
        .with_increment(&Stuck)
        .with_latest(Some("7"));
    assert_eq!(
        errors_with(scope, "~, ~", 2),
        ["Cannot increment serial number: 7"]
    );
}

#[test]
fn a_range_with_equal_ends_is_an_invalid_group() {
    assert_eq!(errors("5-5", 2), ["Invalid group: 5-5"]);
}

#[test]
fn a_range_without_trailing_digits_is_an_invalid_group() {
    assert_eq!(errors("A-B", 3), ["Invalid group: A-B"]);
}

#[test]
fn a_range_with_a_missing_end_is_an_invalid_group() {
    assert_eq!(errors("-5", 2), ["Invalid group: -5"]);
    assert_eq!(errors("5-", 2), ["Invalid group: 5-"]);
    assert_eq!(errors("1, -", 3), ["Invalid group: -"]);
}

#[test]
fn a_plus_group_with_two_plus_signs_is_an_invalid_group() {
    assert_eq!(errors("1+2+3", 5), ["Invalid group: 1+2+3"]);
}

#[test]
fn a_plus_group_with_a_non_numeric_count_is_an_invalid_group() {
    assert_eq!(errors("5+x", 3), ["Invalid group: 5+x"]);
}

#[test]
fn a_plus_group_without_a_start_is_an_invalid_group() {
    assert_eq!(errors("+5", 6), ["Invalid group: +5"]);
}

#[test]
fn a_plus_group_that_cannot_be_incremented_is_an_invalid_group() {
    assert_eq!(errors("ABC+2", 4), ["Invalid group: ABC+2"]);
}

#[test]
fn a_range_longer_than_the_quantity_exceeds_it() {
    assert_eq!(
        errors("1-10", 5),
        ["Group range 1-10 exceeds allowed quantity (5)"]
    );
}

#[test]
fn a_range_longer_than_what_remains_names_the_whole_quantity() {
    assert_eq!(
        errors("1, 2, 3, 10-12", 5),
        ["Group range 10-12 exceeds allowed quantity (5)"]
    );
}

#[test]
fn a_reversed_range_exceeds_the_quantity() {
    assert_eq!(
        errors("10-2", 3),
        ["Group range 10-2 exceeds allowed quantity (3)"]
    );
}

#[test]
fn a_range_between_different_paddings_exceeds_the_quantity() {
    assert_eq!(
        errors("8-010", 3),
        ["Group range 8-010 exceeds allowed quantity (3)"]
    );
}

#[test]
fn a_plus_sequence_longer_than_the_quantity_exceeds_it() {
    assert_eq!(
        errors("10+5", 3),
        ["Group range 10+5 exceeds allowed quantity (3)"]
    );
}

#[test]
fn a_trailing_plus_with_nothing_left_to_fill_exceeds_the_quantity() {
    assert_eq!(
        errors("1, 2, 3+", 2),
        ["Group range 3+ exceeds allowed quantity (2)"]
    );
}

#[test]
fn a_group_error_shows_tildes_replaced() {
    let scope = SerialPattern::new().with_latest(Some("9"));
    assert_eq!(
        errors_with(scope, "~-5", 3),
        ["Group range 10-5 exceeds allowed quantity (3)"]
    );
}

#[test]
fn a_pattern_of_separators_has_no_serial_numbers() {
    assert_eq!(errors(",,,", 1), ["No serial numbers found"]);
    assert_eq!(errors(", ,", 2), ["No serial numbers found"]);
}

#[test]
fn too_few_serials_do_not_match_the_quantity() {
    assert_eq!(
        errors("1-3, 7", 5),
        ["Number of unique serial numbers (4) must match quantity (5)"]
    );
    assert_eq!(
        errors(",1,2", 3),
        ["Number of unique serial numbers (2) must match quantity (3)"]
    );
}

#[test]
fn too_many_literals_do_not_match_the_quantity() {
    assert_eq!(
        errors("1 2 3", 2),
        ["Number of unique serial numbers (3) must match quantity (2)"]
    );
}

#[test]
fn a_tilde_after_a_serial_without_trailing_digits_cannot_be_incremented() {
    let scope = SerialPattern::new().with_latest(Some("QQQ"));
    assert_eq!(
        errors_with(scope, "~, ~", 2),
        ["Cannot increment serial number: QQQ"]
    );
    assert_eq!(
        errors_with(scope, "1, 2", 3),
        ["Number of unique serial numbers (2) must match quantity (3)"]
    );
}

#[test]
fn group_errors_are_collected_in_order_and_once_each() {
    assert_eq!(
        errors("5-5, 1, 1, A-B, 5-5, 1-20", 10),
        [
            "Invalid group: 5-5",
            "Duplicate serial: 1",
            "Invalid group: A-B",
            "Group range 1-20 exceeds allowed quantity (10)"
        ]
    );
}

#[test]
fn group_errors_come_before_a_count_mismatch() {
    assert_eq!(errors("1, 5-5", 4), ["Invalid group: 5-5"]);
}

#[test]
fn expansion_stops_walking_once_duplicates_exceed_the_maximum() {
    let scope = SerialPattern::new().with_max_quantity(4);
    assert_eq!(
        errors_with(scope, "1-2, 1-2, 1-2, 1-2, 5-5", 4),
        ["Duplicate serial: 1", "Duplicate serial: 2"]
    );
    // Below the budget every error is still reported.
    assert_eq!(
        errors_with(scope, "1-2, 1-2, 5-5", 4),
        [
            "Duplicate serial: 1",
            "Duplicate serial: 2",
            "Invalid group: 5-5"
        ]
    );
}

#[test]
fn many_ranges_that_never_end_are_refused_without_walking_them() {
    let pattern = "10-2, ".repeat(20_000);
    assert_eq!(
        errors(&pattern, 100_000),
        ["Group range 10-2 exceeds allowed quantity (100000)"]
    );
}
