//! The rows of the BOM list: each line with its sub-part's availability, computed for the
//! whole page in one pass of the part figures.

use std::collections::HashMap;

use diesel::prelude::*;

use super::bom_list::{BomFigures, BomRow};
use super::figures::{self, PartFigures, Scope};
use super::{BomItem, Part};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::schema::parts;

fn line_figures(item: &BomItem, f: &PartFigures) -> BomFigures {
    let available = f
        .in_stock
        .saturating_sub(f.allocated_to_sales_orders)
        .saturating_sub(f.allocated_to_build_orders)
        .max(0);
    let variants = f.variant_stock.saturating_sub(f.variant_allocated).max(0);
    let units = |u: i64| stockroom_core::Quantity::from_units(u).to_f64();
    let per_build = units(item.quantity) * (1.0 + units(item.attrition) / 100.0);
    let can_build = if item.quantity == 0 || per_build == 0.0 {
        0.0
    } else {
        ((units(available) + units(variants) - units(item.setup_quantity)) / per_build).max(0.0)
    };
    BomFigures {
        available_stock: available,
        available_substitute_stock: 0,
        available_variant_stock: variants,
        external_stock: f.external_stock,
        on_order: f.ordering,
        building: f.building,
        can_build,
    }
}

/// Rows for `lines`, in order, with their figures (and assemblies with `with_assembly`).
pub(crate) fn rows(
    conn: &mut AnyConnection,
    lines: Vec<(BomItem, Part)>,
    with_assembly: bool,
) -> StoreResult<Vec<BomRow>> {
    let mut subs: Vec<i64> = lines.iter().map(|(_, p)| p.id).collect();
    subs.sort_unstable();
    subs.dedup();
    let figures = figures::figures(conn, Scope::of(&subs))?;
    let by_id: HashMap<i64, Part> = if with_assembly {
        let mut ids: Vec<i64> = lines.iter().map(|(i, _)| i.part_id).collect();
        ids.sort_unstable();
        ids.dedup();
        parts::table
            .filter(parts::id.eq_any(ids))
            .select(Part::as_select())
            .load::<Part>(conn)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect()
    } else {
        HashMap::new()
    };
    Ok(lines
        .into_iter()
        .map(|(item, sub_part)| BomRow {
            figures: line_figures(
                &item,
                &figures.get(&sub_part.id).copied().unwrap_or_default(),
            ),
            assembly: by_id.get(&item.part_id).cloned(),
            item,
            sub_part,
        })
        .collect())
}
