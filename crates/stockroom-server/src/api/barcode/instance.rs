//! What a scan reveals about an object: who may see it, and its detail representation.

use serde_json::Value;
use stockroom_core::ModelType;
use stockroom_store::Store;

use crate::api::auth::{Auth, Perm, RuleSet};
use crate::api::error::ApiError;

/// The rule sets that grant access to a model, as InvenTree's role-to-table map has them.
fn rule_sets(model: ModelType) -> &'static [RuleSet] {
    match model {
        ModelType::Part => &[RuleSet::Part, RuleSet::Build],
        ModelType::StockItem => &[RuleSet::Stock, RuleSet::Build],
        ModelType::StockLocation => &[RuleSet::StockLocation, RuleSet::Build],
        ModelType::SupplierPart | ModelType::ManufacturerPart => {
            &[RuleSet::Part, RuleSet::PurchaseOrder]
        }
        ModelType::PurchaseOrder => &[RuleSet::PurchaseOrder],
        ModelType::SalesOrder | ModelType::SalesOrderShipment => &[RuleSet::SalesOrder],
        ModelType::ReturnOrder => &[RuleSet::ReturnOrder],
        ModelType::Build => &[RuleSet::Build],
    }
}

/// True when the user holds `perm` on the model through any of its rule sets.
pub(crate) fn can(auth: &Auth, model: ModelType, perm: Perm) -> bool {
    auth.user.is_active && rule_sets(model).iter().any(|rule| auth.can(*rule, perm))
}

/// The object's detail representation, as its detail endpoint gives it.
pub(crate) fn instance(store: &Store, model: ModelType, pk: i64) -> Result<Value, ApiError> {
    Ok(match model {
        ModelType::Part => crate::api::parts::instance(store, pk)?,
        ModelType::StockItem => crate::api::stock::instance(store, pk)?,
        ModelType::StockLocation => crate::api::locations::instance(store, pk)?,
        ModelType::PurchaseOrder => crate::api::purchase_orders::instance(store, pk)?,
        ModelType::Build => crate::api::builds::instance(store, pk)?,
        ModelType::SupplierPart => crate::api::companies::supplier_part_instance(store, pk)?,
        ModelType::ManufacturerPart => {
            crate::api::companies::manufacturer_part_instance(store, pk)?
        }
        ModelType::ReturnOrder => crate::api::return_orders::instance(store, pk)?,
        ModelType::SalesOrder => crate::api::sales_orders::instance(store, pk)?,
        ModelType::SalesOrderShipment => crate::api::sales_orders::shipment_instance(store, pk)?,
    })
}

/// Python's name of the model class, which InvenTree's permission messages quote.
pub(crate) fn class_repr(model: ModelType) -> &'static str {
    match model {
        ModelType::Build => "<class 'build.models.Build'>",
        ModelType::ManufacturerPart => "<class 'company.models.ManufacturerPart'>",
        ModelType::SupplierPart => "<class 'company.models.SupplierPart'>",
        ModelType::PurchaseOrder => "<class 'order.models.PurchaseOrder'>",
        ModelType::ReturnOrder => "<class 'order.models.ReturnOrder'>",
        ModelType::SalesOrder => "<class 'order.models.SalesOrder'>",
        ModelType::SalesOrderShipment => "<class 'order.models.SalesOrderShipment'>",
        ModelType::Part => "<class 'part.models.Part'>",
        ModelType::StockItem => "<class 'stock.models.StockItem'>",
        ModelType::StockLocation => "<class 'stock.models.StockLocation'>",
    }
}
