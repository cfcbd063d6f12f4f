//! Tests for this resource land with it.
