//! Shared pieces of list queries: pages, counts and text search.

use diesel::sql_types::Text;

/// Which slice of a list to return. No limit means every row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: Option<i64>,
    pub offset: i64,
}

/// One page of a list and the number of rows in the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed<T> {
    pub count: i64,
    pub items: Vec<T>,
}

diesel::define_sql_function! {
    /// Lower-cases text, the same way on both backends, for case-insensitive search.
    fn lower(x: Text) -> Text;
}

/// A `LIKE` pattern matching `term` anywhere, lower-cased, with `%`, `_` and `\` escaped
/// (use with `.escape('\\')`).
pub fn contains_pattern(term: &str) -> String {
    let mut pattern = String::with_capacity(term.len() + 2);
    pattern.push('%');
    for c in term.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn search_terms_are_escaped_for_like() {
        assert_eq!(contains_pattern("R_10%"), "%r\\_10\\%%");
        assert_eq!(contains_pattern("AbC"), "%abc%");
    }
}
