//! Query parameters: filters, search, ordering and pagination.
//!
//! Unknown parameters (`format=json`, ...) are ignored, as InvenTree ignores them. A known
//! filter with a value of the wrong type is a 400 naming the filter.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Query as AxumQuery};
use axum::http::request::Parts;

use crate::AppState;
use crate::api::error::{ApiError, FieldErrors};

/// The query string of a request.
#[derive(Debug, Default)]
pub struct Params {
    values: HashMap<String, String>,
    /// Typed-value errors found so far; `finish` turns them into a 400.
    errors: std::sync::Mutex<FieldErrors>,
}

impl FromRequestParts<AppState> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Params, ApiError> {
        let AxumQuery(values) =
            AxumQuery::<HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|e| ApiError::BadRequest(format!("Invalid query string: {e}")))?;
        Ok(Params {
            values,
            errors: Default::default(),
        })
    }
}

/// django-filter's way of reading booleans.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
        _ => None,
    }
}

impl Params {
    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Params {
        Params {
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            errors: Default::default(),
        }
    }

    /// A parameter's text; empty values count as absent, as django-filter treats them.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Records a bad value of `name`, reported by [`Params::finish`].
    pub fn error(&self, name: &str, message: &str) {
        if let Ok(mut errors) = self.errors.lock() {
            errors.add(name, message);
        }
    }

    /// A boolean filter.
    pub fn bool(&self, name: &str) -> Option<bool> {
        let text = self.text(name)?;
        let parsed = parse_bool(text);
        if parsed.is_none() {
            self.error(name, "Enter a valid boolean.");
        }
        parsed
    }

    /// A boolean option with a default (`cascade`, `include_variants`, ...).
    pub fn flag(&self, name: &str, default: bool) -> bool {
        self.bool(name).unwrap_or(default)
    }

    /// An integer filter.
    pub fn int(&self, name: &str) -> Option<i64> {
        let text = self.text(name)?;
        let parsed = text.trim().parse().ok();
        if parsed.is_none() {
            self.error(name, "Enter a number.");
        }
        parsed
    }

    /// A filter on a related object: a primary key, or `null` / `none` for "unset".
    pub fn link(&self, name: &str) -> Option<Option<i64>> {
        let text = self.text(name)?;
        if matches!(text.to_ascii_lowercase().as_str(), "null" | "none") {
            return Some(None);
        }
        match text.trim().parse() {
            Ok(pk) => Some(Some(pk)),
            Err(_) => {
                self.error(
                    name,
                    "Select a valid choice. That choice is not one of the available choices.",
                );
                None
            }
        }
    }

    /// A date filter (`YYYY-MM-DD`).
    pub fn date(&self, name: &str) -> Option<chrono::NaiveDate> {
        let text = self.text(name)?;
        let parsed = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.error(name, "Enter a valid date.");
        }
        parsed
    }

    /// A list of integers (`id__in=1,2,3` style).
    pub fn ints(&self, name: &str) -> Option<Vec<i64>> {
        let text = self.text(name)?;
        let parsed: Result<Vec<i64>, _> = text
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().parse())
            .collect();
        match parsed {
            Ok(list) => Some(list),
            Err(_) => {
                self.error(name, "Enter a number.");
                None
            }
        }
    }

    /// The search term, if any.
    pub fn search(&self) -> Option<String> {
        self.text("search")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    }

    /// Requested ordering: (`field`, descending). Unknown fields are ignored by the caller.
    pub fn ordering(&self) -> Vec<(String, bool)> {
        self.text("ordering")
            .map(|text| {
                text.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| match s.strip_prefix('-') {
                        Some(name) => (name.to_owned(), true),
                        None => (s.to_owned(), false),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A 400 with every bad filter value read so far.
    pub fn finish(&self) -> Result<(), ApiError> {
        match self.errors.lock() {
            Ok(mut errors) => std::mem::take(&mut *errors).into_result(),
            Err(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_typed_values_and_report_bad_ones() {
        let params = Params::from_pairs(&[
            ("cascade", "1"),
            ("part", "x"),
            ("location", "null"),
            ("format", "json"),
            ("ordering", "-name,pk"),
        ]);
        assert_eq!(params.bool("cascade"), Some(true));
        assert_eq!(params.link("location"), Some(None));
        assert_eq!(params.int("missing"), None);
        assert_eq!(
            params.ordering(),
            vec![("name".to_owned(), true), ("pk".to_owned(), false)]
        );
        assert!(params.finish().is_ok());
        assert_eq!(params.int("part"), None);
        assert!(params.finish().is_err());
    }
}
