//! Serial numbers: pattern grammar, increment, integer sort key.
