//! Query parameters of the stock list, read into a store query.

use stockroom_core::Quantity;
use stockroom_store::listing::PageRequest;
use stockroom_store::stock::{BatchRegex, StockOrder, StockQuery};

use crate::api::error::{ApiError, FieldErrors};
use crate::api::list::Page;
use crate::api::query::Params;

/// Reads the date filters: `YYYY-MM-DD`, else "Enter a valid date.".
fn dates(params: &Params, names: [&str; 6]) -> Result<[Option<chrono::NaiveDate>; 6], ApiError> {
    let mut errors = FieldErrors::new();
    let found = names.map(|name| {
        let text = params.text(name)?;
        let parsed = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            errors.add(name, "Enter a valid date.");
        }
        parsed
    });
    errors.into_result()?;
    Ok(found)
}

/// A quantity filter in 1/100000 units; text that is no number is reported as the framework
/// reports bad numbers.
fn quantity(params: &Params, name: &str) -> Option<i64> {
    let text = params.text(name)?;
    match text.trim().parse::<Quantity>() {
        Ok(q) => Some(q.units()),
        Err(_) => {
            // Records "Enter a number." for the parameter.
            let _ = params.int(name);
            None
        }
    }
}

fn ordering(params: &Params) -> Vec<(StockOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "part" | "part__name" | "name" => StockOrder::PartName,
                "IPN" | "part__IPN" => StockOrder::Ipn,
                "quantity" => StockOrder::Quantity,
                "stock" => StockOrder::Stock,
                "serial" | "serial_int" => StockOrder::Serial,
                "location" | "location__pathstring" => StockOrder::Location,
                "status" => StockOrder::Status,
                "batch" => StockOrder::Batch,
                "updated" => StockOrder::Updated,
                "stocktake_date" => StockOrder::StocktakeDate,
                "expiry_date" => StockOrder::ExpiryDate,
                "packaging" => StockOrder::Packaging,
                "SKU" => StockOrder::Sku,
                "MPN" => StockOrder::Mpn,
                "pk" | "id" => StockOrder::Id,
                _ => return None,
            };
            Some((key, desc))
        })
        .collect()
}

/// The store query a list request asks for. Bad values are recorded in `params` (see
/// `Params::finish`); bad dates are an error at once.
pub(crate) fn stock_query(params: &Params, page: Page) -> Result<StockQuery, ApiError> {
    let [
        expiry_before,
        expiry_after,
        stocktake_before,
        stocktake_after,
        updated_before,
        updated_after,
    ] = dates(
        params,
        [
            "expiry_before",
            "expiry_after",
            "stocktake_before",
            "stocktake_after",
            "updated_before",
            "updated_after",
        ],
    )?;
    Ok(StockQuery {
        part: params.link("part").flatten(),
        include_variants: params.flag("include_variants", true),
        part_tree: params.link("part_tree").flatten(),
        category: params.link("category").flatten(),
        location: params.link("location"),
        cascade: params.flag("cascade", true),
        status: params.int("status").and_then(|s| i32::try_from(s).ok()),
        batch: params.text("batch").map(str::to_owned),
        batch_regex: params.text("batch_regex").and_then(|p| {
            BatchRegex::parse(p)
                .map_err(|e| params.error("batch_regex", &e))
                .ok()
        }),
        serial: params.text("serial").map(str::to_owned),
        serial_gte: params.int("serial_gte"),
        serial_lte: params.int("serial_lte"),
        serialized: params.bool("serialized"),
        has_batch: params.bool("has_batch"),
        tracked: params.bool("tracked"),
        is_building: params.bool("is_building"),
        installed: params.bool("installed"),
        in_stock: params.bool("in_stock"),
        available: params.bool("available"),
        expired: params.bool("expired"),
        depleted: params.bool("depleted"),
        consumed: params.bool("consumed"),
        sent_to_customer: params.bool("sent_to_customer"),
        has_purchase_price: params.bool("has_purchase_price"),
        external: params.bool("external"),
        has_installed_items: params.bool("has_installed_items"),
        has_child_items: params.bool("has_child_items"),
        belongs_to: params.link("belongs_to"),
        parent: params.link("parent"),
        supplier_part: params.link("supplier_part"),
        purchase_order: params.link("purchase_order"),
        sales_order: params.link("sales_order"),
        customer: params.link("customer"),
        build: params.link("build"),
        consumed_by: params.link("consumed_by"),
        min_stock: quantity(params, "min_stock"),
        max_stock: quantity(params, "max_stock"),
        name: params.text("name").map(str::to_owned),
        name_contains: params.text("name_contains").map(str::to_owned),
        ipn: params.text("IPN").map(str::to_owned),
        ipn_contains: params.text("IPN_contains").map(str::to_owned),
        assembly: params.bool("assembly"),
        active: params.bool("active"),
        salable: params.bool("salable"),
        supplier: params.link("supplier").flatten(),
        manufacturer: params.link("manufacturer").flatten(),
        company: params.link("company").flatten(),
        allocated: params.bool("allocated"),
        stale: params.bool("stale"),
        expiry_before,
        expiry_after,
        stocktake_before,
        stocktake_after,
        updated_before,
        updated_after,
        search: params.search(),
        ordering: ordering(params),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    })
}
