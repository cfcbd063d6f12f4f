//! Request bodies of the part endpoints: parsed fields into store changes, with the range
//! checks InvenTree's model validators make.

use stockroom_core::Quantity;
use stockroom_store::parts::{NewPart, PartChanges};

use crate::api::error::{ApiError, FieldErrors};
use crate::api::fields::Input;

/// A text field that may be null: null reads as blank, absent as `None`.
fn text_or_blank(input: &Input, name: &str) -> Option<String> {
    input.nullable_text(name).map(Option::unwrap_or_default)
}

/// Django's message for a value below a minimum.
fn at_least(min: i64) -> String {
    format!("Ensure this value is greater than or equal to {min}.")
}

/// A float field read as an exact quantity (`None` when not sent); the error is the
/// message for a value that is not one.
pub(crate) fn exact(input: &Input, name: &str) -> Option<Result<Quantity, String>> {
    let value = input.float(name)?;
    Some(Quantity::from_f64(value).map_err(|e| e.to_string()))
}

/// A float field read as an exact quantity of at least zero, with DRF's messages.
pub(crate) fn quantity(input: &Input, name: &str, errors: &mut FieldErrors) -> Option<Quantity> {
    match exact(input, name)? {
        Ok(q) if q.is_negative() => {
            errors.add(name, at_least(0));
            None
        }
        Ok(q) => Some(q),
        Err(message) => {
            errors.add(name, message);
            None
        }
    }
}

/// The numeric fields of a part, range-checked together.
struct Numbers {
    default_expiry: Option<i32>,
    minimum_stock: Option<i64>,
}

fn numbers(input: &Input) -> Result<Numbers, ApiError> {
    let mut errors = FieldErrors::new();
    let default_expiry = input.int("default_expiry").and_then(|days| {
        if days < 0 {
            errors.add("default_expiry", at_least(0));
        }
        match i32::try_from(days) {
            Ok(d) if d >= 0 => Some(d),
            Ok(_) => None,
            Err(_) => {
                errors.add(
                    "default_expiry",
                    format!("Ensure this value is less than or equal to {}.", i32::MAX),
                );
                None
            }
        }
    });
    let minimum_stock = quantity(input, "minimum_stock", &mut errors).map(Quantity::units);
    errors.into_result()?;
    Ok(Numbers {
        default_expiry,
        minimum_stock,
    })
}

/// A new part from a parsed body, with InvenTree's defaults for what was not sent.
pub(super) fn new_part(input: &Input) -> Result<NewPart, ApiError> {
    let n = numbers(input)?;
    let defaults = NewPart::default();
    Ok(NewPart {
        name: input.text("name").unwrap_or_default(),
        description: input.text("description").unwrap_or_default(),
        ipn: input.text("IPN").filter(|i| !i.is_empty()),
        revision: text_or_blank(input, "revision").unwrap_or_default(),
        keywords: text_or_blank(input, "keywords").unwrap_or_default(),
        category_id: input.nullable_int("category").flatten(),
        variant_of_id: input.nullable_int("variant_of").flatten(),
        is_template: input.bool("is_template").unwrap_or(defaults.is_template),
        assembly: input.bool("assembly").unwrap_or(defaults.assembly),
        component: input.bool("component").unwrap_or(defaults.component),
        trackable: input.bool("trackable").unwrap_or(defaults.trackable),
        purchaseable: input.bool("purchaseable").unwrap_or(defaults.purchaseable),
        salable: input.bool("salable").unwrap_or(defaults.salable),
        is_virtual: input.bool("virtual").unwrap_or(defaults.is_virtual),
        active: input.bool("active").unwrap_or(defaults.active),
        locked: input.bool("locked").unwrap_or(defaults.locked),
        units: text_or_blank(input, "units").unwrap_or_default(),
        default_location_id: input.nullable_int("default_location").flatten(),
        default_expiry: n.default_expiry.unwrap_or(0),
        minimum_stock: n.minimum_stock.unwrap_or(0),
        link: text_or_blank(input, "link").unwrap_or_default(),
        notes: text_or_blank(input, "notes").unwrap_or_default(),
        creation_date: None,
        creation_user_id: None,
    })
}

/// The changes a parsed body asks for; fields not sent stay as they are.
pub(super) fn part_changes(input: &Input) -> Result<PartChanges, ApiError> {
    let n = numbers(input)?;
    Ok(PartChanges {
        name: input.text("name"),
        description: input.text("description"),
        ipn: input.text("IPN").map(|i| Some(i).filter(|i| !i.is_empty())),
        revision: text_or_blank(input, "revision"),
        keywords: text_or_blank(input, "keywords"),
        category_id: input.nullable_int("category"),
        variant_of_id: input.nullable_int("variant_of"),
        is_template: input.bool("is_template"),
        assembly: input.bool("assembly"),
        component: input.bool("component"),
        trackable: input.bool("trackable"),
        purchaseable: input.bool("purchaseable"),
        salable: input.bool("salable"),
        is_virtual: input.bool("virtual"),
        active: input.bool("active"),
        locked: input.bool("locked"),
        units: text_or_blank(input, "units"),
        default_location_id: input.nullable_int("default_location"),
        default_expiry: n.default_expiry,
        minimum_stock: n.minimum_stock,
        link: text_or_blank(input, "link"),
        notes: text_or_blank(input, "notes"),
    })
}
