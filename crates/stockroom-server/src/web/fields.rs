//! Reading typed form values: each reader records DRF's message for a bad value under the
//! field's name, so a refused form shows every problem at once.

use chrono::NaiveDate;
use stockroom_core::Quantity;
use stockroom_core::status::StatusSet;
use stockroom_store::Store;

use super::forms::FormData;
use crate::api::ApiError;

pub(crate) const REQUIRED: &str = "This field is required.";

/// Field errors collected while reading a form.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    pub data: &'a FormData,
    pub errors: Vec<(String, String)>,
    links: Links,
}

/// Objects named by selects, checked to exist before the store is called.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    named: Vec<(&'static str, &'static str, i64)>,
    pub errors: Vec<(String, String)>,
}

impl Links {
    /// Refuses links to objects that do not exist, in the API's words; `Ok(true)` when
    /// every object exists.
    pub(crate) fn check(&mut self, store: &Store) -> Result<bool, ApiError> {
        let refs: Vec<(&str, i64)> = self.named.iter().map(|(_, m, pk)| (*m, *pk)).collect();
        if !refs.is_empty() {
            let missing = store.missing_objects(&refs)?;
            for (field, model, pk) in &self.named {
                if missing.iter().any(|(m, p)| m == model && p == pk) {
                    self.errors.push((
                        (*field).to_owned(),
                        format!("Invalid pk \"{pk}\" - object does not exist."),
                    ));
                }
            }
        }
        Ok(self.errors.is_empty())
    }
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a FormData) -> Reader<'a> {
        Reader {
            data,
            errors: Vec::new(),
            links: Links::default(),
        }
    }

    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push((field.to_owned(), message.into()));
    }

    /// Trimmed text, possibly empty.
    pub(crate) fn text(&self, field: &str) -> String {
        self.data.text(field)
    }

    /// Text that must not be blank.
    pub(crate) fn required_text(&mut self, field: &str) -> String {
        let text = self.text(field);
        if text.is_empty() {
            self.fail(field, REQUIRED);
        }
        text
    }

    /// A number that must be given; `positive` refuses zero as well.
    pub(crate) fn quantity(&mut self, field: &str, positive: bool) -> Option<Quantity> {
        let text = self.text(field);
        if text.is_empty() {
            self.fail(field, REQUIRED);
            return None;
        }
        let Ok(q) = text.parse::<Quantity>() else {
            self.fail(field, "A valid number is required.");
            return None;
        };
        if q.is_negative() || (positive && !q.is_positive()) {
            let message = if positive {
                "Quantity must be greater than zero"
            } else {
                "Ensure this value is greater than or equal to 0."
            };
            self.fail(field, message);
            return None;
        }
        Some(q)
    }

    /// The pk of a `model` object chosen in a select; blank is `None`.
    pub(crate) fn link(&mut self, field: &'static str, model: &'static str) -> Option<i64> {
        let text = self.text(field);
        if text.is_empty() {
            return None;
        }
        match text.parse::<i64>() {
            Ok(pk) if pk > 0 => {
                self.links.named.push((field, model, pk));
                Some(pk)
            }
            _ => {
                self.fail(
                    field,
                    format!("Incorrect type. Expected pk value, received {text}."),
                );
                None
            }
        }
    }

    /// Like [`Reader::link`], but blank is refused.
    pub(crate) fn required_link(
        &mut self,
        field: &'static str,
        model: &'static str,
    ) -> Option<i64> {
        if self.text(field).is_empty() {
            self.fail(field, REQUIRED);
            return None;
        }
        self.link(field, model)
    }

    /// A date in ISO form; blank is `None`.
    pub(crate) fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let text = self.text(field);
        if text.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.fail(
                    field,
                    "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
                );
                None
            }
        }
    }

    /// A checkbox: ticked or not.
    pub(crate) fn flag(&self, field: &str) -> bool {
        self.data.get(field).is_some()
    }

    /// The objects the form's selects name, to check inside the store call.
    pub(crate) fn links(&self) -> Links {
        self.links.clone()
    }
}

/// The choices of a status set, as select options.
pub(crate) fn status_choices(set: StatusSet) -> Vec<(String, String)> {
    set.codes
        .iter()
        .map(|c| (c.value.to_string(), c.label.to_owned()))
        .collect()
}
