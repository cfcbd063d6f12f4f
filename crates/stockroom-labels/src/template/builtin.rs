//! The templates Stockroom ships: one for stock items, one for locations and one for parts,
//! each 50 × 25 mm with a QR code of the object's internal barcode and its main fields.

/// A template that ships with Stockroom.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinTemplate {
    /// Unique name (the CLI's `--template NAME`).
    pub name: &'static str,
    pub description: &'static str,
    /// InvenTree's model type the template is for (`stockitem`, `stocklocation`, `part`).
    pub model_type: &'static str,
    /// Millimetres.
    pub width: f64,
    pub height: f64,
    pub source: &'static str,
}

/// Every built-in template.
pub const BUILTIN_TEMPLATES: &[BuiltinTemplate] = &[
    BuiltinTemplate {
        name: "stock-item-qr",
        description: "Stock item: QR code, part, IPN, serial or batch and quantity, location",
        model_type: "stockitem",
        width: 50.0,
        height: 25.0,
        source: STOCK_ITEM,
    },
    BuiltinTemplate {
        name: "stock-location-qr",
        description: "Stock location: QR code, name and path",
        model_type: "stocklocation",
        width: 50.0,
        height: 25.0,
        source: STOCK_LOCATION,
    },
    BuiltinTemplate {
        name: "part-qr",
        description: "Part: QR code, name, IPN and description",
        model_type: "part",
        width: 50.0,
        height: 25.0,
        source: PART,
    },
];

impl BuiltinTemplate {
    /// The built-in template called `name`.
    pub fn find(name: &str) -> Option<&'static BuiltinTemplate> {
        BUILTIN_TEMPLATES.iter().find(|t| t.name == name)
    }
}

const STOCK_ITEM: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="{{ width }}mm" height="{{ height }}mm" viewBox="0 0 {{ width }} {{ height }}">
{{ qrcode(item.barcode, x=2, y=3, size=19) }}
<text x="23" y="6" font-size="3.2" font-weight="bold">{{ part.name[:15] }}</text>
{% if part.IPN %}<text x="23" y="10" font-size="2.5">IPN {{ part.IPN[:18] }}</text>{% endif %}
{% if item.serial %}<text x="23" y="14.2" font-size="3" font-weight="bold">SN {{ item.serial[:14] }}</text>
{% else %}<text x="23" y="14.2" font-size="2.5">Qty {{ item.quantity }}{% if item.batch %}  Batch {{ item.batch[:8] }}{% endif %}</text>{% endif %}
{% if location.path %}<text x="23" y="18.2" font-size="2.1">{{ location.path[-24:] }}</text>{% endif %}
<text x="23" y="22" font-size="2.1">{{ item.barcode }}</text>
</svg>
"#;

const STOCK_LOCATION: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="{{ width }}mm" height="{{ height }}mm" viewBox="0 0 {{ width }} {{ height }}">
{{ qrcode(location.barcode, x=2, y=3, size=19) }}
<text x="23" y="8" font-size="4.2" font-weight="bold">{{ location.name[:11] }}</text>
<text x="23" y="13.5" font-size="2.2">{{ location.path[-24:] }}</text>
<text x="23" y="22" font-size="2.1">{{ location.barcode }}</text>
</svg>
"#;

const PART: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="{{ width }}mm" height="{{ height }}mm" viewBox="0 0 {{ width }} {{ height }}">
{{ qrcode(part.barcode, x=2, y=3, size=19) }}
<text x="23" y="6" font-size="3.2" font-weight="bold">{{ part.name[:15] }}</text>
{% if part.IPN %}<text x="23" y="10" font-size="2.5">IPN {{ part.IPN[:18] }}</text>{% endif %}
<text x="23" y="14.2" font-size="2.1">{{ part.description[:26] }}</text>
<text x="23" y="22" font-size="2.1">{{ part.barcode }}</text>
</svg>
"#;
