//! Property tests of the grammar's invariants.

use std::collections::HashSet;

use proptest::prelude::*;

use crate::serial::{
    DefaultIncrement, Increment, SerialPattern, Walk, increment_serial, serial_int,
};

/// The default rule seen only through `increment`, so `walk` is the provided stepping one.
struct Stepping;

impl Increment for Stepping {
    fn increment(&self, serial: &str) -> Option<String> {
        increment_serial(serial)
    }
}

/// `count` serials from `start`, stepping with the default rule.
fn walk_from(start: &str, count: usize) -> Vec<String> {
    std::iter::successors(Some(start.to_owned()), |s| increment_serial(s))
        .take(count)
        .collect()
}

/// Text made mostly of the grammar's own characters, so interesting shapes come up often.
fn pattern_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9AB~,+\\- ]{0,24}").expect("valid regex")
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(","), Just(", "), Just(" "), Just("\n"), Just(" , ")]
}

proptest! {
    #[test]
    fn expansion_gives_exactly_the_quantity_of_distinct_serials_or_errors(
        pattern in pattern_text(),
        quantity in -1i64..40,
        latest in proptest::option::of("[AB]?[0-9]{0,3}"),
    ) {
        let scope = SerialPattern::new().with_latest(latest.as_deref()).with_max_quantity(30);
        match scope.expand(&pattern, quantity) {
            Ok(serials) => {
                prop_assert_eq!(serials.len() as i64, quantity);
                let distinct: HashSet<&String> = serials.iter().collect();
                prop_assert_eq!(distinct.len(), serials.len());
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let distinct: HashSet<_> = errors.iter().collect();
                prop_assert_eq!(distinct.len(), errors.len());
            }
        }
    }

    #[test]
    fn distinct_literals_come_back_in_the_same_order(
        // `+` and `-` only inside: at an edge they would bind across a space to the next one.
        literals in proptest::collection::hash_set(
            "[A-Za-z0-9:._/]([A-Za-z0-9:._/+-]{0,10}[A-Za-z0-9:._/])?",
            1..20,
        ),
        separators in proptest::collection::vec(separator(), 20),
    ) {
        let literals: Vec<String> = literals.into_iter().collect();
        let mut pattern = String::new();
        for (literal, sep) in literals.iter().zip(&separators) {
            pattern.push_str(literal);
            pattern.push_str(sep);
        }
        let quantity = literals.len() as i64;
        prop_assert_eq!(SerialPattern::new().expand(&pattern, quantity), Ok(literals));
    }

    #[test]
    fn a_range_walks_the_increment_from_start_to_end(
        prefix in "[A-Z]{0,3}",
        width in 1usize..5,
        start in 0u64..2000,
        count in 2usize..200,
    ) {
        let first = format!("{prefix}{start:0width$}");
        let expected = walk_from(&first, count);
        let pattern = format!("{first}-{}", expected[count - 1]);
        prop_assert_eq!(
            SerialPattern::new().expand(&pattern, count as i64),
            Ok(expected)
        );
    }

    #[test]
    fn a_plus_group_walks_the_increment_n_times(
        prefix in "[A-Z]{0,3}",
        start in 0u64..2000,
        after in 1usize..100,
    ) {
        let first = format!("{prefix}{start}");
        let pattern = format!("{first} + {after}");
        prop_assert_eq!(
            SerialPattern::new().expand(&pattern, after as i64 + 1),
            Ok(walk_from(&first, after + 1))
        );
    }

    #[test]
    fn the_computed_walk_agrees_with_stepping(
        start in "[AB]?[0-9]{0,3}",
        end in proptest::option::of("[AB]?[0-9]{0,4}"),
        limit in 0u64..1200,
    ) {
        let computed = DefaultIncrement.walk(&start, end.as_deref(), limit);
        let stepped = Stepping.walk(&start, end.as_deref(), limit);
        prop_assert_eq!(computed, stepped);
        if let Walk::Reaches(n) = computed {
            prop_assert!(n >= 1 && n <= limit);
        }
    }

    #[test]
    fn increment_adds_one_to_the_trailing_number_keeping_its_width(
        prefix in "([A-Z_:-]{0,4}[A-Z_:-])?",
        value in 0u64..1_000_000,
        width in 1usize..8,
    ) {
        let serial = format!("{prefix}{value:0width$}");
        let next = value + 1;
        prop_assert_eq!(increment_serial(&serial), Some(format!("{prefix}{next:0width$}")));
    }

    #[test]
    fn serial_int_of_a_plain_number_is_the_number_clipped(value: u64) {
        let expected = i32::try_from(value).unwrap_or(i32::MAX);
        prop_assert_eq!(serial_int(&value.to_string()), expected);
    }
}
