//! The part list's query parameters, as InvenTree's `PartFilter` reads them.

use stockroom_store::listing::PageRequest;
use stockroom_store::parts::{PartDetails, PartOrder, PartQuery, StockFilters};

use crate::api::list::Page;
use crate::api::query::Params;

/// A related-object filter: a pk, or nothing (`null` names no object to filter by).
fn choice(params: &Params, name: &str) -> Option<i64> {
    params.link(name).flatten()
}

/// `category=<pk>` or `category=null`; anything else is `Enter a number.`
fn category(params: &Params) -> Option<Option<i64>> {
    let text = params.text("category")?;
    if matches!(text.to_ascii_lowercase().as_str(), "null" | "none") {
        return Some(None);
    }
    params.int("category").map(Some)
}

fn order_key(name: &str) -> Option<PartOrder> {
    Some(match name {
        "name" => PartOrder::Name,
        "IPN" => PartOrder::Ipn,
        "revision" => PartOrder::Revision,
        "units" => PartOrder::Units,
        "creation_date" => PartOrder::CreationDate,
        "category" => PartOrder::Category,
        "default_location" => PartOrder::DefaultLocation,
        "pk" | "id" => PartOrder::Id,
        "in_stock" => PartOrder::InStock,
        "total_in_stock" => PartOrder::TotalInStock,
        "unallocated_stock" => PartOrder::UnallocatedStock,
        _ => return None,
    })
}

/// The output options shared by the list and detail views.
pub(super) fn details(params: &Params) -> PartDetails {
    PartDetails {
        category: params.flag("category_detail", false),
        path: params.flag("path_detail", false),
        location: params.flag("location_detail", false),
    }
}

/// Reads the list's filters; bad values are reported by `params.finish()`.
pub(super) fn part_query(params: &Params, page: Page) -> PartQuery {
    // Nothing is starred or testable here yet, so asking for those matches nothing.
    let match_nothing =
        params.bool("starred") == Some(true) || params.bool("testable") == Some(true);
    PartQuery {
        category: category(params),
        cascade: params.flag("cascade", true),
        variant_of: choice(params, "variant_of"),
        ancestor: choice(params, "ancestor"),
        exclude_tree: choice(params, "exclude_tree"),
        is_variant: params.bool("is_variant"),
        is_template: params.bool("is_template"),
        assembly: params.bool("assembly"),
        component: params.bool("component"),
        trackable: params.bool("trackable"),
        purchaseable: params.bool("purchaseable"),
        salable: params.bool("salable"),
        is_virtual: params.bool("virtual"),
        active: params.bool("active"),
        locked: params.bool("locked"),
        match_nothing,
        ipn: params.text("IPN").map(str::to_owned),
        name: params.text("name").map(str::to_owned),
        has_ipn: params.bool("has_ipn"),
        has_units: params.bool("has_units"),
        default_location: choice(params, "default_location"),
        created_before: params.date("created_before"),
        created_after: params.date("created_after"),
        exclude_ids: params.ints("exclude_id").unwrap_or_default(),
        search: params.search(),
        stock: StockFilters {
            has_stock: params.bool("has_stock"),
            low_stock: params.bool("low_stock"),
            unallocated_stock: params.bool("unallocated_stock"),
            depleted_stock: params.bool("depleted_stock"),
        },
        ordering: params
            .ordering()
            .into_iter()
            .filter_map(|(key, desc)| order_key(&key).map(|k| (k, desc)))
            .collect(),
        details: details(params),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    }
}
