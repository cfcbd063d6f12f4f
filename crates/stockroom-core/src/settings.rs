//! Setting definitions: keys, names, types, defaults and validation.
//!
//! The store keeps values as text; these definitions give them meaning. Values are written
//! as InvenTree writes them (`True`/`False`, decimal integers), so clients that compare the
//! text keep working.

/// What a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    Boolean,
    /// An integer, at least `min` (and at most `max`).
    Integer {
        min: i64,
        max: i64,
    },
    /// Free text of at most `max_length` characters.
    Text {
        max_length: usize,
    },
    /// One of the listed `(value, display name)` pairs.
    Choice(&'static [(&'static str, &'static str)]),
    /// An order reference pattern (`PO-{ref:04d}`).
    ReferencePattern,
}

/// One setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingDef {
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub kind: SettingKind,
    /// The default, written as a stored value.
    pub default: &'static str,
    pub units: &'static str,
}

impl SettingDef {
    /// InvenTree's type name of the setting (`boolean`, `integer`, `string`, `choice`).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            SettingKind::Boolean => "boolean",
            SettingKind::Integer { .. } => "integer",
            SettingKind::Text { .. } | SettingKind::ReferencePattern => "string",
            SettingKind::Choice(_) => "choice",
        }
    }

    /// Checks an input and returns it as it is stored, or the message for the `value` field.
    pub fn normalise(&self, input: &str) -> Result<String, String> {
        let input = input.trim();
        match self.kind {
            SettingKind::Boolean => match input.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" | "y" | "t" => Ok("True".into()),
                "false" | "0" | "no" | "off" | "n" | "f" | "" => Ok("False".into()),
                _ => Err("Must be a valid boolean.".into()),
            },
            SettingKind::Integer { min, max } => {
                let value: i64 = input
                    .parse()
                    .map_err(|_| "A valid integer is required.".to_owned())?;
                if value < min {
                    return Err(format!(
                        "Ensure this value is greater than or equal to {min}."
                    ));
                }
                if value > max {
                    return Err(format!("Ensure this value is less than or equal to {max}."));
                }
                Ok(value.to_string())
            }
            SettingKind::Text { max_length } => {
                if input.chars().count() > max_length {
                    return Err(format!(
                        "Ensure this field has no more than {max_length} characters."
                    ));
                }
                if input.chars().any(|c| c == '\0') {
                    return Err("Null characters are not allowed.".into());
                }
                Ok(input.to_owned())
            }
            SettingKind::ReferencePattern => crate::reference::ReferencePattern::parse(input)
                .map(|p| p.to_string())
                .map_err(|e| e.to_string()),
            SettingKind::Choice(choices) => choices
                .iter()
                .find(|(value, _)| *value == input)
                .map(|(value, _)| (*value).to_owned())
                .ok_or_else(|| format!("\"{input}\" is not a valid choice.")),
        }
    }

    /// A stored value read as a boolean (anything unreadable reads as the default).
    pub fn as_bool(&self, stored: Option<&str>) -> bool {
        let value = stored.unwrap_or(self.default);
        matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "true" | "1" | "yes" | "on" | "y" | "t"
        )
    }

    /// A stored value read as an integer (the default when unreadable).
    pub fn as_int(&self, stored: Option<&str>) -> i64 {
        stored
            .and_then(|v| v.trim().parse().ok())
            .or_else(|| self.default.parse().ok())
            .unwrap_or_default()
    }
}

const fn boolean(
    key: &'static str,
    name: &'static str,
    description: &'static str,
    default: bool,
) -> SettingDef {
    SettingDef {
        key,
        name,
        description,
        kind: SettingKind::Boolean,
        default: if default { "True" } else { "False" },
        units: "",
    }
}

const fn pattern(
    key: &'static str,
    name: &'static str,
    description: &'static str,
    default: &'static str,
) -> SettingDef {
    SettingDef {
        key,
        name,
        description,
        kind: SettingKind::ReferencePattern,
        default,
        units: "",
    }
}

/// Global settings Stockroom reads or that clients expect to find.
pub const GLOBAL: &[SettingDef] = &[
    boolean(
        "BARCODE_ENABLE",
        "Barcode Support",
        "Enable barcode scanner support in the web interface",
        true,
    ),
    boolean(
        "BARCODE_STORE_RESULTS",
        "Store Barcode Results",
        "Store barcode scan results in the database",
        false,
    ),
    SettingDef {
        key: "BARCODE_RESULTS_MAX_NUM",
        name: "Barcode Scans Maximum Count",
        description: "Maximum number of barcode scan results to store",
        kind: SettingKind::Integer {
            min: 1,
            max: 1_000_000,
        },
        default: "100",
        units: "",
    },
    SettingDef {
        key: "BARCODE_INPUT_DELAY",
        name: "Barcode Input Delay",
        description: "Barcode input processing delay time",
        kind: SettingKind::Integer { min: 1, max: 5000 },
        default: "50",
        units: "ms",
    },
    boolean(
        "BARCODE_WEBCAM_SUPPORT",
        "Barcode Webcam Support",
        "Allow barcode scanning via webcam in browser",
        true,
    ),
    boolean(
        "BARCODE_SHOW_TEXT",
        "Barcode Show Data",
        "Display barcode data in browser as text",
        false,
    ),
    SettingDef {
        key: "BARCODE_GENERATION_PLUGIN",
        name: "Barcode Generation Plugin",
        description: "Plugin to use for internal barcode data generation",
        kind: SettingKind::Choice(&[("inventreebarcode", "InvenTree Barcodes")]),
        default: "inventreebarcode",
        units: "",
    },
    boolean(
        "SERIAL_NUMBER_GLOBALLY_UNIQUE",
        "Globally Unique Serials",
        "Serial numbers for stock items must be globally unique",
        false,
    ),
    SettingDef {
        key: "SERIAL_NUMBER_MAX_QUANTITY",
        name: "Maximum Serials per Request",
        description: "The largest number of serial numbers one request may create",
        kind: SettingKind::Integer {
            min: 1,
            max: 10_000_000,
        },
        default: "100000",
        units: "",
    },
    SettingDef {
        key: "STOCK_BATCH_CODE_TEMPLATE",
        name: "Batch Code Template",
        description: "Template for generating default batch codes for stock items",
        kind: SettingKind::Text { max_length: 250 },
        default: "",
        units: "",
    },
    boolean(
        "STOCK_ALLOW_EDIT_SERIAL",
        "Allow Editing Serial Numbers",
        "Allow serial numbers of stock items to be changed once assigned",
        true,
    ),
    boolean(
        "STOCK_ALLOW_DELETE_SERIALIZED",
        "Allow Deleting Serialized Stock",
        "Allow serialized stock items to be deleted",
        true,
    ),
    boolean(
        "PART_TRACKABLE",
        "Trackable",
        "Parts are trackable by default",
        false,
    ),
    pattern(
        "BUILDORDER_REFERENCE_PATTERN",
        "Build Order Reference Pattern",
        "Required pattern for generating Build Order reference field",
        "BO-{ref:04d}",
    ),
    pattern(
        "PURCHASEORDER_REFERENCE_PATTERN",
        "Purchase Order Reference Pattern",
        "Required pattern for generating Purchase Order reference field",
        "PO-{ref:04d}",
    ),
    pattern(
        "SALESORDER_REFERENCE_PATTERN",
        "Sales Order Reference Pattern",
        "Required pattern for generating Sales Order reference field",
        "SO-{ref:04d}",
    ),
    pattern(
        "RETURNORDER_REFERENCE_PATTERN",
        "Return Order Reference Pattern",
        "Required pattern for generating Return Order reference field",
        "RMA-{ref:04d}",
    ),
    SettingDef {
        key: "INVENTREE_INSTANCE",
        name: "Server Instance Name",
        description: "String descriptor for the server instance",
        kind: SettingKind::Text { max_length: 100 },
        default: "Stockroom",
        units: "",
    },
];

/// Per-user settings.
pub const USER: &[SettingDef] = &[boolean(
    "BARCODE_IN_FORM_FIELDS",
    "Barcode Scanner in Form Fields",
    "Allow barcode scanner input in form fields",
    false,
)];

/// Settings of the built-in `inventreebarcode` plugin.
pub const INVENTREE_BARCODE: &[SettingDef] = &[
    SettingDef {
        key: "INTERNAL_BARCODE_FORMAT",
        name: "Internal Barcode Format",
        description: "Select an internal barcode format",
        kind: SettingKind::Choice(&[
            ("json", "JSON barcodes (human readable)"),
            ("short", "Short barcodes (space optimized)"),
        ]),
        default: "short",
        units: "",
    },
    SettingDef {
        key: "SHORT_BARCODE_PREFIX",
        name: "Short Barcode Prefix",
        description: "Customize the prefix used for short barcodes, may be useful for environments with multiple InvenTree instances",
        kind: SettingKind::Text { max_length: 100 },
        default: "INV-",
        units: "",
    },
];

/// Finds a definition by key.
pub fn find(defs: &'static [SettingDef], key: &str) -> Option<&'static SettingDef> {
    defs.iter().find(|d| d.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_normalised_as_inventree_stores_them() {
        let flag = find(GLOBAL, "BARCODE_ENABLE").map(|d| d.normalise("true"));
        assert_eq!(flag, Some(Ok("True".into())));
        let max = find(GLOBAL, "BARCODE_RESULTS_MAX_NUM");
        assert_eq!(max.map(|d| d.normalise(" 250 ")), Some(Ok("250".into())));
        assert_eq!(
            max.map(|d| d.normalise("0")),
            Some(Err(
                "Ensure this value is greater than or equal to 1.".into()
            ))
        );
        assert!(max.is_some_and(|d| d.normalise("many").is_err()));
        let format = find(INVENTREE_BARCODE, "INTERNAL_BARCODE_FORMAT");
        assert_eq!(
            format.map(|d| d.normalise("xml")),
            Some(Err("\"xml\" is not a valid choice.".into()))
        );
    }

    #[test]
    fn stored_values_read_back_with_defaults() {
        let def = find(GLOBAL, "BARCODE_STORE_RESULTS");
        assert_eq!(def.map(|d| d.as_bool(None)), Some(false));
        assert_eq!(def.map(|d| d.as_bool(Some("True"))), Some(true));
        let max = find(GLOBAL, "BARCODE_RESULTS_MAX_NUM");
        assert_eq!(max.map(|d| d.as_int(None)), Some(100));
    }

    #[test]
    fn keys_are_unique_in_each_set() {
        for set in [GLOBAL, USER, INVENTREE_BARCODE] {
            for (i, a) in set.iter().enumerate() {
                assert!(set[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
                assert!(a.normalise(a.default).is_ok(), "default of {}", a.key);
            }
        }
    }
}
