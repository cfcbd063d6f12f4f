//! Request bodies of the stock actions: DRF's nested-serializer parsing and error shapes
//! (`{"items": [{}, {"quantity": ["..."]}]}`), and the mapping of store refusals onto them.

use serde_json::{Map, Value, json};
use stockroom_store::stock::{ActionError, Refusal};

use crate::api::error::{ApiError, FieldErrors};
use crate::api::fields::{Field, Input};

/// The errors of a failed parse, as a JSON object.
fn errors_of(result: Result<Input, ApiError>) -> Result<Input, Value> {
    match result {
        Ok(input) => Ok(input),
        Err(ApiError::Validation(errors)) => Err(errors.into_value()),
        Err(other) => Err(json!({"non_field_errors": [format!("{other:?}")]})),
    }
}

/// A body parsed against `fields` (without its `items`) and its `items` list parsed entry
/// by entry against `item_fields`. Every problem is reported at once, in DRF's shapes.
pub(crate) fn parse(
    body: &Value,
    fields: &[Field],
    item_fields: &[Field],
    normalise: impl Fn(&mut Map<String, Value>),
) -> Result<(Input, Vec<Input>), ApiError> {
    let top_fields: Vec<Field> = fields
        .iter()
        .copied()
        .filter(|f| f.name != "items")
        .collect();
    let top = Input::parse(body, &top_fields, false);
    if matches!(
        body,
        Value::Array(_) | Value::String(_) | Value::Number(_) | Value::Bool(_)
    ) {
        top?;
        return Err(ApiError::internal("unreachable: a non-object body parsed"));
    }
    let mut errors = FieldErrors::new();
    let top = match errors_of(top) {
        Ok(input) => Some(input),
        Err(Value::Object(found)) => {
            for (key, value) in found {
                errors.set(&key, value);
            }
            None
        }
        Err(_) => None,
    };
    let mut entries = Vec::new();
    match body.get("items") {
        None | Some(Value::Null) => errors.add("items", "This field is required."),
        Some(Value::Array(list)) => {
            let mut item_errors = Vec::with_capacity(list.len());
            let mut failed = false;
            for element in list {
                let mut element = element.clone();
                if let Value::Object(map) = &mut element {
                    normalise(map);
                }
                match errors_of(Input::parse(&element, item_fields, false)) {
                    Ok(input) => {
                        entries.push(input);
                        item_errors.push(json!({}));
                    }
                    Err(found) => {
                        failed = true;
                        item_errors.push(found);
                    }
                }
            }
            if failed {
                errors.set("items", Value::Array(item_errors));
            }
        }
        Some(other) => {
            let kind = match other {
                Value::Bool(_) => "bool",
                Value::Number(n) if n.is_f64() => "float",
                Value::Number(_) => "int",
                Value::String(_) => "str",
                _ => "dict",
            };
            errors.set(
                "items",
                json!({"non_field_errors": [format!("Expected a list of items but got type \"{kind}\".")]}),
            );
        }
    }
    errors.into_result()?;
    match top {
        Some(top) => Ok((top, entries)),
        None => Err(ApiError::internal("a failed parse reported no errors")),
    }
}

/// A store refusal in DRF's shape; `count` is the length of the request's `items`.
pub(crate) fn refused(refusal: Refusal, count: usize) -> ApiError {
    let mut errors = FieldErrors::new();
    if !refusal.items.is_empty() {
        let mut list: Vec<Map<String, Value>> = vec![Map::new(); count];
        for problem in refusal.items {
            if let Some(entry) = list.get_mut(problem.index) {
                let messages = entry
                    .entry(problem.field.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(messages) = messages {
                    messages.push(Value::String(problem.message));
                }
            }
        }
        errors.set(
            "items",
            Value::Array(list.into_iter().map(Value::Object).collect()),
        );
    }
    for (field, message) in refusal.fields {
        errors.add(field.unwrap_or("non_field_errors"), message);
    }
    ApiError::Validation(errors)
}

/// An action's failure as an API error.
pub(crate) fn action_error(error: ActionError, count: usize) -> ApiError {
    match error {
        ActionError::Refused(refusal) => refused(refusal, count),
        ActionError::Store(e) => e.into(),
    }
}
