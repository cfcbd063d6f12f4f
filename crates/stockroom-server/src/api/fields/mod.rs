//! Field declarations for the API's writable resources.
//!
//! Each resource declares its fields once: the declaration parses and validates request
//! bodies with DRF's messages, describes the fields to `OPTIONS` (the mobile app builds its
//! forms from it; the Python client's `fields()` reads it) and feeds the OpenAPI document.

mod metadata;
mod parse;

pub use metadata::options_body;
pub use parse::Input;

/// A choice of a choice field.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub value: ChoiceValue,
    pub display: &'static str,
}

/// The value of a choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChoiceValue {
    Int(i64),
}

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Integer,
    Float,
    /// An exact quantity (InvenTree's decimal fields; `Quantity` here).
    Decimal,
    String,
    Boolean,
    Date,
    DateTime,
    Url,
    Choice(&'static [Choice]),
    /// A primary key of another model: `(model name, list URL)`.
    Related(&'static str, &'static str),
    /// Any JSON list (checked by the resource).
    List,
}

/// A default value shown to forms.
#[derive(Debug, Clone, Copy)]
pub enum DefaultValue {
    Bool(bool),
    Int(i64),
    Str(&'static str),
}

/// One field of a resource.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub label: &'static str,
    pub help_text: &'static str,
    pub required: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub allow_null: bool,
    pub allow_blank: bool,
    pub max_length: Option<usize>,
    pub default: Option<DefaultValue>,
    /// For related fields: the filters the choices are limited to (`{"assembly": true}`),
    /// which forms pass to the list URL when offering choices.
    pub filters: &'static [(&'static str, bool)],
}

impl Field {
    /// An optional, writable field that may be neither null nor blank.
    pub const fn new(name: &'static str, kind: Kind, label: &'static str) -> Field {
        Field {
            name,
            kind,
            label,
            help_text: "",
            required: false,
            read_only: false,
            write_only: false,
            allow_null: false,
            allow_blank: false,
            max_length: None,
            default: None,
            filters: &[],
        }
    }

    pub const fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub const fn read_only(mut self) -> Field {
        self.read_only = true;
        self
    }

    pub const fn write_only(mut self) -> Field {
        self.write_only = true;
        self
    }

    pub const fn nullable(mut self) -> Field {
        self.allow_null = true;
        self
    }

    pub const fn blank(mut self) -> Field {
        self.allow_blank = true;
        self
    }

    pub const fn max_length(mut self, n: usize) -> Field {
        self.max_length = Some(n);
        self
    }

    pub const fn help(mut self, text: &'static str) -> Field {
        self.help_text = text;
        self
    }

    pub const fn default(mut self, value: DefaultValue) -> Field {
        self.default = Some(value);
        self
    }

    /// Limits a related field's choices to objects matching `filters`.
    pub const fn filters(mut self, filters: &'static [(&'static str, bool)]) -> Field {
        self.filters = filters;
        self
    }

    /// A text field that may be blank, of at most `max` characters.
    pub const fn text(name: &'static str, label: &'static str, max: usize) -> Field {
        Field::new(name, Kind::String, label)
            .blank()
            .max_length(max)
    }

    /// A boolean field with a default.
    pub const fn flag(name: &'static str, label: &'static str, default: bool) -> Field {
        Field::new(name, Kind::Boolean, label).default(DefaultValue::Bool(default))
    }

    /// A nullable link to another object.
    pub const fn link(
        name: &'static str,
        label: &'static str,
        model: &'static str,
        url: &'static str,
    ) -> Field {
        Field::new(name, Kind::Related(model, url), label).nullable()
    }

    /// A read-only field shown in metadata.
    pub const fn shown(name: &'static str, kind: Kind, label: &'static str) -> Field {
        Field::new(name, kind, label).read_only()
    }
}
