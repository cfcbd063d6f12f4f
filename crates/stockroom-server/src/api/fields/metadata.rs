//! Field metadata for `OPTIONS`, in the shape of DRF's `SimpleMetadata` as InvenTree
//! extends it (related fields name their model and API URL).

use serde_json::{Map, Value, json};

use super::{ChoiceValue, DefaultValue, Field, Kind};

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Integer => "integer",
        Kind::Float => "float",
        Kind::Decimal => "decimal",
        Kind::String => "string",
        Kind::Boolean => "boolean",
        Kind::Date => "date",
        Kind::DateTime => "datetime",
        Kind::Url => "url",
        Kind::Choice(_) => "choice",
        Kind::Related(..) => "related field",
        Kind::List => "list",
    }
}

fn default_value(value: DefaultValue) -> Value {
    match value {
        DefaultValue::Bool(b) => json!(b),
        DefaultValue::Int(i) => json!(i),
        DefaultValue::Str(s) => json!(s),
    }
}

/// The metadata of one field.
pub fn describe(field: &Field) -> Value {
    let mut info = Map::new();
    info.insert("type".into(), json!(kind_name(field.kind)));
    info.insert("required".into(), json!(field.required));
    info.insert("read_only".into(), json!(field.read_only));
    info.insert("label".into(), json!(field.label));
    if !field.help_text.is_empty() {
        info.insert("help_text".into(), json!(field.help_text));
    }
    if let Some(max) = field.max_length {
        info.insert("max_length".into(), json!(max));
    }
    if let Some(default) = field.default {
        info.insert("default".into(), default_value(default));
    }
    if field.write_only {
        info.insert("write_only".into(), json!(true));
    }
    match field.kind {
        Kind::Related(model, url) => {
            info.insert("model".into(), json!(model));
            info.insert("api_url".into(), json!(url));
            info.insert("pk_field".into(), json!("pk"));
            let filters: Map<String, Value> = field
                .filters
                .iter()
                .map(|(name, value)| ((*name).to_owned(), json!(value)))
                .collect();
            info.insert("filters".into(), Value::Object(filters));
        }
        Kind::Choice(choices) => {
            let listed: Vec<Value> = choices
                .iter()
                .map(|c| {
                    let value = match c.value {
                        ChoiceValue::Int(i) => json!(i),
                    };
                    json!({"value": value, "display_name": c.display})
                })
                .collect();
            info.insert("choices".into(), Value::Array(listed));
        }
        Kind::Decimal => {
            info.insert("max_digits".into(), json!(15));
            info.insert("decimal_places".into(), json!(5));
        }
        _ => {}
    }
    Value::Object(info)
}

/// The body of an `OPTIONS` response.
///
/// `write_method` is `POST` on lists and `PUT` on details; it is listed only when the user
/// may use it. `GET` and `DELETE` are listed (empty) when allowed, as InvenTree does.
pub fn options_body(
    name: &str,
    model: &str,
    fields: &[Field],
    write_method: Option<&str>,
    can_view: bool,
    can_delete: bool,
) -> Value {
    let mut actions = Map::new();
    if let Some(method) = write_method {
        let described: Map<String, Value> = fields
            .iter()
            .map(|f| (f.name.to_owned(), describe(f)))
            .collect();
        actions.insert(method.to_owned(), Value::Object(described));
    }
    if can_delete {
        actions.insert("DELETE".into(), json!({}));
    }
    if can_view {
        actions.insert("GET".into(), json!({}));
    }
    json!({
        "name": name,
        "description": "",
        "renders": ["application/json"],
        "parses": ["application/json"],
        "model": model,
        "actions": actions,
    })
}
