//! Parsing request bodies against field declarations, with DRF's messages.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use stockroom_core::Quantity;

use super::{ChoiceValue, Field, Kind};
use crate::api::error::{ApiError, FieldErrors};

/// One parsed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Quantity(Quantity),
    Text(String),
    Date(NaiveDate),
    Json(Value),
}

/// A request body, parsed: the writable fields that were sent, each of its declared type.
#[derive(Debug, Clone, Default)]
pub struct Input {
    values: HashMap<&'static str, Parsed>,
}

/// DRF's name for the JSON type of a value, as its messages quote it.
fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn parse_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.as_str() {
            "true" | "True" | "TRUE" | "1" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y"
            | "Y" | "t" | "T" => Some(true),
            "false" | "False" | "FALSE" | "0" | "no" | "No" | "NO" | "off" | "Off" | "OFF"
            | "n" | "N" | "f" | "F" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Parses a quantity from a JSON number or numeric text.
pub fn parse_quantity(value: &Value) -> Result<Quantity, String> {
    let parsed = match value {
        Value::Number(n) => match n.as_i64() {
            Some(i) => Quantity::from_whole(i),
            None => Quantity::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => s.trim().parse(),
        _ => return Err("A valid number is required.".into()),
    };
    parsed.map_err(|e| e.to_string())
}

fn parse_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_one(field: &Field, value: &Value) -> Result<Parsed, String> {
    // DRF turns an empty string sent to a relation into null.
    let empty = Value::Null;
    let value = match (field.kind, value) {
        (Kind::Related(..), Value::String(s)) if s.is_empty() => &empty,
        _ => value,
    };
    if value.is_null() {
        return if field.allow_null {
            Ok(Parsed::Null)
        } else {
            Err("This field may not be null.".into())
        };
    }
    match field.kind {
        Kind::Integer => parse_int(value)
            .map(Parsed::Int)
            .ok_or_else(|| "A valid integer is required.".into()),
        Kind::Float => match value {
            Value::Number(n) => n
                .as_f64()
                .map(Parsed::Float)
                .ok_or_else(|| "A valid number is required.".into()),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Parsed::Float)
                .ok_or_else(|| "A valid number is required.".into()),
            _ => Err("A valid number is required.".into()),
        },
        Kind::Decimal => parse_quantity(value).map(Parsed::Quantity),
        Kind::Boolean => parse_bool(value)
            .map(Parsed::Bool)
            .ok_or_else(|| "Must be a valid boolean.".into()),
        Kind::String | Kind::Url => {
            let text = parse_text(value).ok_or_else(|| "Not a valid string.".to_owned())?;
            if text.is_empty() && !field.allow_blank {
                return Err("This field may not be blank.".into());
            }
            if let Some(max) = field.max_length.filter(|m| text.chars().count() > *m) {
                return Err(format!(
                    "Ensure this field has no more than {max} characters."
                ));
            }
            if text.contains('\0') {
                return Err("Null characters are not allowed.".into());
            }
            if matches!(field.kind, Kind::Url) && !text.is_empty() && !looks_like_url(&text) {
                return Err("Enter a valid URL.".into());
            }
            Ok(Parsed::Text(text))
        }
        Kind::Date => value
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
            .map(Parsed::Date)
            .ok_or_else(|| {
                "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.".into()
            }),
        Kind::DateTime => Err("This field is read only.".into()),
        Kind::Choice(choices) => {
            let matches = |c: &&super::Choice| match c.value {
                ChoiceValue::Int(i) => parse_int(value) == Some(i),
            };
            match choices.iter().find(matches) {
                Some(choice) => Ok(match choice.value {
                    ChoiceValue::Int(i) => Parsed::Int(i),
                }),
                None => Err(format!("\"{}\" is not a valid choice.", display(value))),
            }
        }
        Kind::Related(..) => match value {
            Value::Number(_) => parse_int(value).map(Parsed::Int).ok_or_else(|| {
                format!("Invalid pk \"{}\" - object does not exist.", display(value))
            }),
            // DRF's related fields read text as a pk; text that is not a number is the
            // wrong type.
            Value::String(text) => text
                .trim()
                .parse()
                .map(Parsed::Int)
                .map_err(|_| "Incorrect type. Expected pk value, received str.".to_owned()),
            _ => Err(format!(
                "Incorrect type. Expected pk value, received {}.",
                python_type(value)
            )),
        },
        Kind::List => match value {
            Value::Array(_) => Ok(Parsed::Json(value.clone())),
            _ => Err(format!(
                "Expected a list of items but got type \"{}\".",
                python_type(value)
            )),
        },
    }
}

/// A value as Python would print it inside a message.
fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn looks_like_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "ftp" | "ftps"
    ) && !rest.is_empty()
        && !rest.contains(char::is_whitespace)
}

impl Input {
    /// Parses a body against `fields`. With `partial` (PATCH), required fields may be
    /// absent. Unknown and read-only keys are ignored, as DRF does.
    pub fn parse(body: &Value, fields: &[Field], partial: bool) -> Result<Input, ApiError> {
        let empty = Map::new();
        let object = match body {
            Value::Object(map) => map,
            Value::Null => &empty,
            other => {
                let mut errors = FieldErrors::new();
                errors.add(
                    "non_field_errors",
                    format!(
                        "Invalid data. Expected a dictionary, but got {}.",
                        python_type(other)
                    ),
                );
                return Err(ApiError::Validation(errors));
            }
        };
        let mut errors = FieldErrors::new();
        let mut values = HashMap::new();
        for field in fields.iter().filter(|f| !f.read_only) {
            match object.get(field.name) {
                None => {
                    if field.required && !partial {
                        errors.add(field.name, "This field is required.");
                    }
                }
                Some(value) => match parse_one(field, value) {
                    Ok(parsed) => {
                        values.insert(field.name, parsed);
                    }
                    Err(message) => errors.add(field.name, message),
                },
            }
        }
        errors.into_result()?;
        Ok(Input { values })
    }

    /// True when the field was sent.
    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// Text of a field that was sent (`None` when absent; null reads as absent).
    pub fn text(&self, name: &str) -> Option<String> {
        match self.values.get(name) {
            Some(Parsed::Text(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// A nullable text field: `None` absent, `Some(None)` null (or blank), `Some(Some(s))`.
    pub fn nullable_text(&self, name: &str) -> Option<Option<String>> {
        match self.values.get(name)? {
            Parsed::Null => Some(None),
            Parsed::Text(s) if s.is_empty() => Some(None),
            Parsed::Text(s) => Some(Some(s.clone())),
            _ => None,
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.values.get(name) {
            Some(Parsed::Int(i)) => Some(*i),
            _ => None,
        }
    }

    /// A nullable integer or link: `None` absent, `Some(None)` null.
    pub fn nullable_int(&self, name: &str) -> Option<Option<i64>> {
        match self.values.get(name)? {
            Parsed::Null => Some(None),
            Parsed::Int(i) => Some(Some(*i)),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.values.get(name) {
            Some(Parsed::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn quantity(&self, name: &str) -> Option<Quantity> {
        match self.values.get(name) {
            Some(Parsed::Quantity(q)) => Some(*q),
            _ => None,
        }
    }

    pub fn float(&self, name: &str) -> Option<f64> {
        match self.values.get(name) {
            Some(Parsed::Float(f)) => Some(*f),
            Some(Parsed::Int(i)) => Some(*i as f64),
            _ => None,
        }
    }

    /// A nullable date: `None` absent, `Some(None)` null.
    pub fn nullable_date(&self, name: &str) -> Option<Option<NaiveDate>> {
        match self.values.get(name)? {
            Parsed::Null => Some(None),
            Parsed::Date(d) => Some(Some(*d)),
            _ => None,
        }
    }

    /// The links that were sent, as `(field, model, pk)`, for an existence check.
    pub fn links<'a>(
        &'a self,
        fields: &'a [Field],
    ) -> impl Iterator<Item = (&'static str, &'static str, i64)> + 'a {
        fields
            .iter()
            .filter_map(move |f| match (f.kind, self.values.get(f.name)) {
                (Kind::Related(model, _), Some(Parsed::Int(pk))) => Some((f.name, model, *pk)),
                _ => None,
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::fields::Field;

    const FIELDS: &[Field] = &[
        Field::new("name", Kind::String, "Name")
            .required()
            .max_length(5),
        Field::new("count", Kind::Integer, "Count"),
        Field::new("quantity", Kind::Decimal, "Quantity"),
        Field::flag("active", "Active", true),
        Field::link(
            "category",
            "Category",
            "partcategory",
            "/api/part/category/",
        ),
        Field::new("when", Kind::Date, "When").nullable(),
        Field::shown("pk", Kind::Integer, "ID"),
    ];

    fn errors(body: serde_json::Value, partial: bool) -> serde_json::Value {
        match Input::parse(&body, FIELDS, partial) {
            Err(ApiError::Validation(e)) => e.into_value(),
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn every_problem_is_reported_with_drf_messages() {
        assert_eq!(
            errors(
                json!({"count": "x", "quantity": "1.0000001", "active": "maybe", "category": [1], "when": "2026-13-01"}),
                false
            ),
            json!({
                "name": ["This field is required."],
                "count": ["A valid integer is required."],
                "quantity": ["Ensure that there are no more than 5 decimal places."],
                "active": ["Must be a valid boolean."],
                "category": ["Incorrect type. Expected pk value, received list."],
                "when": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
            })
        );
        assert_eq!(
            errors(json!({"name": "toolong"}), false),
            json!({"name": ["Ensure this field has no more than 5 characters."]})
        );
        assert_eq!(
            errors(json!({"name": null}), true),
            json!({"name": ["This field may not be null."]})
        );
        assert_eq!(
            errors(json!({"name": "  "}), true),
            json!({"name": ["This field may not be blank."]})
        );
        assert_eq!(
            errors(json!({"category": "abc"}), true),
            json!({"category": ["Incorrect type. Expected pk value, received str."]})
        );
        assert_eq!(
            errors(json!([1]), true),
            json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]})
        );
    }

    #[test]
    fn values_are_coerced_as_drf_does() {
        let input = Input::parse(&json!({"name": " ab ", "count": "7", "quantity": 2.5, "active": "false", "category": "3", "pk": 99, "extra": 1}), FIELDS, false).unwrap();
        assert_eq!(input.text("name").as_deref(), Some("ab"));
        assert_eq!(input.int("count"), Some(7));
        assert_eq!(input.quantity("quantity"), Some("2.5".parse().unwrap()));
        assert_eq!(input.bool("active"), Some(false));
        assert_eq!(
            input.links(FIELDS).collect::<Vec<_>>(),
            vec![("category", "partcategory", 3)]
        );
        assert!(!input.has("pk") && !input.has("extra"));
        let partial = Input::parse(&json!({"when": null}), FIELDS, true).unwrap();
        assert_eq!(partial.nullable_date("when"), Some(None));
        assert!(!partial.has("name"));
    }
}
