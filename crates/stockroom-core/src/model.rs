//! The barcodable model types, their names, two-letter codes and URLs.

use std::fmt;

/// A model that can carry a barcode, as InvenTree names it.
///
/// The order of the variants is InvenTree's (sorted by `app.model`), which decides which model
/// wins when a barcode could match several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelType {
    Build,
    ManufacturerPart,
    SupplierPart,
    PurchaseOrder,
    ReturnOrder,
    SalesOrder,
    SalesOrderShipment,
    Part,
    StockItem,
    StockLocation,
}

impl ModelType {
    /// Every barcodable model, in InvenTree's order.
    pub const ALL: [ModelType; 10] = [
        ModelType::Build,
        ModelType::ManufacturerPart,
        ModelType::SupplierPart,
        ModelType::PurchaseOrder,
        ModelType::ReturnOrder,
        ModelType::SalesOrder,
        ModelType::SalesOrderShipment,
        ModelType::Part,
        ModelType::StockItem,
        ModelType::StockLocation,
    ];

    /// The lower-case model name used as JSON key and API field name (`stockitem`).
    pub const fn name(self) -> &'static str {
        match self {
            ModelType::Build => "build",
            ModelType::ManufacturerPart => "manufacturerpart",
            ModelType::SupplierPart => "supplierpart",
            ModelType::PurchaseOrder => "purchaseorder",
            ModelType::ReturnOrder => "returnorder",
            ModelType::SalesOrder => "salesorder",
            ModelType::SalesOrderShipment => "salesordershipment",
            ModelType::Part => "part",
            ModelType::StockItem => "stockitem",
            ModelType::StockLocation => "stocklocation",
        }
    }

    /// The two-character code of the short barcode format (`SI`).
    pub const fn code(self) -> &'static str {
        match self {
            ModelType::Build => "BO",
            ModelType::ManufacturerPart => "MP",
            ModelType::SupplierPart => "SP",
            ModelType::PurchaseOrder => "PO",
            ModelType::ReturnOrder => "RO",
            ModelType::SalesOrder => "SO",
            ModelType::SalesOrderShipment => "SS",
            ModelType::Part => "PA",
            ModelType::StockItem => "SI",
            ModelType::StockLocation => "SL",
        }
    }

    /// Looks a model up by its lower-case name.
    pub fn from_name(name: &str) -> Option<ModelType> {
        ModelType::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Looks a model up by its two-character code (case-sensitive).
    pub fn from_code(code: &str) -> Option<ModelType> {
        ModelType::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The API list endpoint of the model; the detail URL is this plus `<pk>/`.
    pub const fn api_list_url(self) -> &'static str {
        match self {
            ModelType::Build => "/api/build/",
            ModelType::ManufacturerPart => "/api/company/part/manufacturer/",
            ModelType::SupplierPart => "/api/company/part/",
            ModelType::PurchaseOrder => "/api/order/po/",
            ModelType::ReturnOrder => "/api/order/ro/",
            ModelType::SalesOrder => "/api/order/so/",
            ModelType::SalesOrderShipment => "/api/order/so/shipment/",
            ModelType::Part => "/api/part/",
            ModelType::StockItem => "/api/stock/",
            ModelType::StockLocation => "/api/stock/location/",
        }
    }

    /// The detail URL of one object in the API.
    pub fn api_url(self, pk: i64) -> String {
        format!("{}{pk}/", self.api_list_url())
    }

    /// The web page of one object, where the model has one.
    pub fn web_url(self, pk: i64) -> Option<String> {
        let base = match self {
            ModelType::Build => "/web/manufacturing/build-order/",
            ModelType::ManufacturerPart | ModelType::SalesOrderShipment => return None,
            ModelType::SupplierPart => "/web/purchasing/supplier-part/",
            ModelType::PurchaseOrder => "/web/purchasing/purchase-order/",
            ModelType::ReturnOrder => "/web/sales/return-order/",
            ModelType::SalesOrder => "/web/sales/sales-order/",
            ModelType::Part => "/web/part/",
            ModelType::StockItem => "/web/stock/item/",
            ModelType::StockLocation => "/web/stock/location/",
        };
        Some(format!("{base}{pk}"))
    }
}

impl fmt::Display for ModelType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip_for_every_model() {
        for m in ModelType::ALL {
            assert_eq!(ModelType::from_name(m.name()), Some(m));
            assert_eq!(ModelType::from_code(m.code()), Some(m));
        }
        assert_eq!(ModelType::from_code("si"), None);
        assert_eq!(ModelType::from_name("company"), None);
    }

    #[test]
    fn urls_follow_inventree_scheme() {
        assert_eq!(ModelType::StockItem.api_url(12), "/api/stock/12/");
        assert_eq!(
            ModelType::StockItem.web_url(12).as_deref(),
            Some("/web/stock/item/12")
        );
        assert_eq!(ModelType::ManufacturerPart.web_url(3), None);
    }
}
