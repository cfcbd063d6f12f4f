//! Building blocks the company, order and settings pages share: table cells, detail lists,
//! and forms that keep what was typed and show each field's error beside it.
//!
//! A page builds its forms with their default values; after a refused post, the handler
//! hands back what was typed and the errors ([`Typed`]), and the page shows that form again
//! with them, answering 400.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use super::forms::FormData;
use super::page::{Layout, Pager, html};
use crate::api::ApiError;

/// One table cell or detail value: text, optionally a link.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    /// Empty for no link.
    pub href: String,
    /// Right-aligned figures.
    pub num: bool,
}

impl Cell {
    pub(crate) fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub(crate) fn link(text: impl Into<String>, href: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            href: href.into(),
            num: false,
        }
    }

    pub(crate) fn num(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            href: String::new(),
            num: true,
        }
    }
}

/// A table of rows, optionally paginated.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub id: &'static str,
    pub title: String,
    /// Column labels; a label starting with `#` is a figure column (the `#` is not shown).
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// What an empty table says instead.
    pub empty: &'static str,
    pub pager: Option<Pager>,
}

impl Table {
    pub(crate) fn new(
        id: &'static str,
        title: impl Into<String>,
        columns: &[&'static str],
    ) -> Table {
        Table {
            id,
            title: title.into(),
            columns: columns.to_vec(),
            rows: Vec::new(),
            empty: "Nothing to show.",
            pager: None,
        }
    }

    /// A column label as shown.
    pub(crate) fn label<'a>(&self, column: &'a str) -> &'a str {
        column.trim_start_matches('#')
    }

    pub(crate) fn is_num(&self, column: &str) -> bool {
        column.starts_with('#')
    }
}

/// One `label: value` of a details list.
#[derive(Debug, Clone)]
pub(crate) struct Detail {
    pub label: &'static str,
    pub cell: Cell,
}

pub(crate) fn info(label: &'static str, cell: Cell) -> Detail {
    Detail { label, cell }
}

/// One labelled input of a form.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    pub name: &'static str,
    pub label: String,
    /// `text`, `date`, `password`, `select` or `checkbox`.
    pub kind: &'static str,
    pub value: String,
    pub error: String,
    pub choices: Vec<(String, String)>,
    pub required: bool,
    pub hint: String,
}

/// A state-changing form: posts with the session's CSRF token.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    /// Unique on its page; also the prefix of its inputs' ids.
    pub id: &'static str,
    pub action: String,
    pub legend: String,
    pub submit: String,
    pub inputs: Vec<Input>,
    /// A problem with the request as a whole.
    pub error: String,
}

impl Form {
    pub(crate) fn new(
        id: &'static str,
        action: impl Into<String>,
        legend: impl Into<String>,
        submit: impl Into<String>,
    ) -> Form {
        Form {
            id,
            action: action.into(),
            legend: legend.into(),
            submit: submit.into(),
            inputs: Vec::new(),
            error: String::new(),
        }
    }

    fn input(mut self, name: &'static str, label: &str, kind: &'static str) -> Form {
        self.inputs.push(Input {
            name,
            label: label.to_owned(),
            kind,
            value: String::new(),
            error: String::new(),
            choices: Vec::new(),
            required: false,
            hint: String::new(),
        });
        self
    }

    pub(crate) fn text(self, name: &'static str, label: &str) -> Form {
        self.input(name, label, "text")
    }

    pub(crate) fn date(self, name: &'static str, label: &str) -> Form {
        self.input(name, label, "date")
    }

    pub(crate) fn password(self, name: &'static str, label: &str) -> Form {
        self.input(name, label, "password")
    }

    pub(crate) fn checkbox(self, name: &'static str, label: &str) -> Form {
        self.input(name, label, "checkbox")
    }

    /// A select of `(value, text)` choices; a blank first choice reads `blank`.
    pub(crate) fn select(
        self,
        name: &'static str,
        label: &str,
        blank: &str,
        choices: Vec<(String, String)>,
    ) -> Form {
        let mut form = self.input(name, label, "select");
        if let Some(input) = form.inputs.last_mut() {
            input.choices = std::iter::once((String::new(), blank.to_owned()))
                .chain(choices)
                .collect();
        }
        form
    }

    /// Marks the last input as required.
    pub(crate) fn required(mut self) -> Form {
        if let Some(input) = self.inputs.last_mut() {
            input.required = true;
        }
        self
    }

    /// Sets the last input's starting value.
    pub(crate) fn value(mut self, value: impl Into<String>) -> Form {
        if let Some(input) = self.inputs.last_mut() {
            input.value = value.into();
        }
        self
    }

    /// Help text under the last input.
    pub(crate) fn hint(mut self, hint: &str) -> Form {
        if let Some(input) = self.inputs.last_mut() {
            input.hint = hint.to_owned();
        }
        self
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.error.is_empty() || self.inputs.iter().any(|i| !i.error.is_empty())
    }

    /// Shows what was typed and the errors: each beside its field, others above the form.
    pub(crate) fn apply(&mut self, typed: &Typed) {
        for input in &mut self.inputs {
            input.value = if input.kind == "checkbox" {
                typed
                    .data
                    .get(input.name)
                    .map(|_| "on")
                    .unwrap_or_default()
                    .to_owned()
            } else {
                typed.data.raw(input.name).unwrap_or_default().to_owned()
            };
        }
        for (field, message) in &typed.errors {
            match self.inputs.iter_mut().find(|i| i.name == field) {
                Some(input) => append(&mut input.error, message),
                None => append(&mut self.error, message),
            }
        }
    }

    /// The id of input `name`, for its label.
    pub(crate) fn input_id(&self, name: &str) -> String {
        format!("{}-{}", self.id, name.replace('_', "-"))
    }
}

fn append(to: &mut String, message: &str) {
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(message);
}

/// A refused form: which one, what was typed, and why (field, message); an empty field
/// names the request as a whole.
#[derive(Debug, Clone)]
pub(crate) struct Typed {
    pub form: &'static str,
    pub data: FormData,
    pub errors: Vec<(String, String)>,
}

/// Puts a refused form's values and errors into the page's form of the same id.
pub(crate) fn apply_typed(forms: &mut Vec<Form>, typed: Option<&Typed>) {
    let Some(typed) = typed else { return };
    if let Some(form) = forms.iter_mut().find(|f| f.id == typed.form) {
        form.apply(typed);
    } else {
        // The form is gone (the object changed meanwhile): the reasons still show.
        let mut notice = Form::new(typed.form, "", "The request was refused", "");
        for (_, message) in &typed.errors {
            append(&mut notice.error, message);
        }
        forms.insert(0, notice);
    }
}

/// The field errors of a refusal, as (field, message) pairs; entries of nested lists
/// (`{"items": [{"quantity": [...]}]}`) are read as their inner field. Anything other than
/// field errors stays an error.
pub(crate) fn field_errors(error: ApiError) -> Result<Vec<(String, String)>, ApiError> {
    match error {
        ApiError::Validation(errors) => {
            let mut found = Vec::new();
            flatten("", &errors.into_value(), &mut found);
            Ok(found)
        }
        ApiError::BadRequest(message) => Ok(vec![(String::new(), message)]),
        other => Err(other),
    }
}

fn flatten(field: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(message) => {
            let field = if field == "non_field_errors" {
                ""
            } else {
                field
            };
            out.push((field.to_owned(), message.clone()));
        }
        Value::Array(list) => list.iter().for_each(|v| flatten(field, v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| flatten(k, v, out)),
        _ => {}
    }
}

/// The outcome of a store call made for a form: done, or refused with field errors.
pub(crate) type Outcome<T> = Result<Result<T, Vec<(String, String)>>, ApiError>;

/// A store result as a form outcome: field errors refuse the form, other errors stay errors.
pub(crate) fn outcome<T>(result: Result<T, impl Into<ApiError>>) -> Outcome<T> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(error) => field_errors(error.into()).map(Err),
    }
}

/// A page about one object: its details, tables and forms.
#[derive(Template)]
#[template(path = "object.html")]
pub(crate) struct ObjectPage {
    pub layout: Layout,
    /// `(text, href)` links above the heading; the page itself ends the trail.
    pub crumbs: Vec<(String, String)>,
    pub heading: String,
    pub flash: String,
    pub details: Vec<Detail>,
    pub tables: Vec<Table>,
    pub forms: Vec<Form>,
}

/// A paginated list with a search box and optional filters and forms.
#[derive(Template)]
#[template(path = "list.html")]
pub(crate) struct ListPage {
    pub layout: Layout,
    pub heading: String,
    pub flash: String,
    /// The list's own URL, where the search form goes.
    pub action: String,
    pub search: String,
    /// Select filters (their `error` is unused).
    pub filters: Vec<Input>,
    pub table: Table,
    pub forms: Vec<Form>,
}

/// 400 when a form on the page was refused, else 200.
fn status(forms: &[Form]) -> StatusCode {
    if forms.iter().any(Form::has_errors) {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

impl ObjectPage {
    pub(crate) fn respond(&self) -> Response {
        html(status(&self.forms), self)
    }
}

impl ListPage {
    pub(crate) fn respond(&self) -> Response {
        html(status(&self.forms), self)
    }
}

/// A select filter of a list page.
pub(crate) fn filter(
    name: &'static str,
    label: &str,
    blank: &str,
    choices: Vec<(String, String)>,
    value: String,
) -> Input {
    let mut form = Form::new("filter", "", "", "").select(name, label, blank, choices);
    let mut input = form.inputs.remove(0);
    input.value = value;
    input
}

/// A flash message from a `done` query parameter, out of the page's known messages.
pub(crate) fn flash(params: &FormData, known: &[(&str, &str)]) -> String {
    let done = params.get("done").unwrap_or_default();
    known
        .iter()
        .find(|(key, _)| *key == done)
        .map(|(_, text)| (*text).to_owned())
        .unwrap_or_default()
}

/// A quantity stored in 1/100000 units, as text.
pub(crate) fn quantity_text(units: i64) -> String {
    stockroom_core::Quantity::from_units(units).to_string()
}

/// An optional date, or empty.
pub(crate) fn date_text(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The rows of 1-based page `page` of a list.
pub(crate) fn page_request(page: i64) -> stockroom_store::listing::PageRequest {
    stockroom_store::listing::PageRequest {
        limit: Some(super::page::PAGE_SIZE),
        offset: (page - 1) * super::page::PAGE_SIZE,
    }
}

/// The pager of a list at `path` keeping the other query parameters `keep`; `param` is
/// the query parameter holding the page number.
pub(crate) fn pager(
    path: &str,
    keep: &[(&str, String)],
    param: &'static str,
    page: i64,
    count: i64,
) -> Pager {
    Pager::new(page, count, |n| {
        let mut params = keep.to_vec();
        params.push((param, n.to_string()));
        super::page::with_query(path, &params)
    })
}

/// Yes or No.
pub(crate) fn yes_no(flag: bool) -> &'static str {
    if flag { "Yes" } else { "No" }
}

/// `(pk, text)` pairs as select choices.
pub(crate) fn choices(pairs: Vec<(i64, String)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(pk, text)| (pk.to_string(), text))
        .collect()
}

/// A store refusal as (field, message) pairs; an entry's problem names the entry's field.
pub(crate) fn refusal_errors(refusal: stockroom_store::stock::Refusal) -> Vec<(String, String)> {
    let mut errors: Vec<(String, String)> = refusal
        .items
        .into_iter()
        .map(|p| (p.field.to_owned(), p.message))
        .collect();
    errors.extend(
        refusal
            .fields
            .into_iter()
            .map(|(f, m)| (f.unwrap_or_default().to_owned(), m)),
    );
    errors
}

/// In-stock items of `parts` (and their variants) as select choices: `Item 12 · R 10k ·
/// 500 · Shelf A`.
pub(crate) fn stock_choices(
    store: &stockroom_store::Store,
    parts: &[i64],
) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for part in parts {
        let listed = store.query_stock(&stockroom_store::stock::StockQuery {
            part: Some(*part),
            include_variants: true,
            in_stock: Some(true),
            page: stockroom_store::listing::PageRequest {
                limit: Some(200),
                offset: 0,
            },
            ..Default::default()
        })?;
        for row in &listed.items {
            let line = super::stock::StockLine::of(row);
            let place = line.location.map(|(_, p)| p).unwrap_or_default();
            out.push((
                line.pk.to_string(),
                format!(
                    "Item {} · {} · {} · {place}",
                    line.pk, line.part, line.quantity
                ),
            ));
        }
    }
    Ok(out)
}
