//! Listing BOM lines with InvenTree's filters, search and ordering, and the availability
//! figures of each line's sub-part.

use diesel::prelude::*;

use super::bom_rows::rows;
use super::part_filter::search_terms;
use super::part_list::{NO_SUCH_CHOICE, coalesce};
use super::{BomItem, Part};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::schema::{bom_items, part_categories, parts};
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

diesel::alias!(parts as assemblies: Assemblies);

/// Sort keys of the BOM list (InvenTree's `ordering_fields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BomOrder {
    Quantity,
    SetupQuantity,
    Attrition,
    RoundingMultiple,
    /// The sub-part's name.
    SubPart,
    /// The sub-part's IPN.
    Ipn,
    AllowVariants,
    Inherited,
    Optional,
    Consumable,
    Reference,
    Validated,
    Id,
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct BomQuery {
    /// The BOM of this assembly, with the inherited lines of its templates.
    pub part: Option<i64>,
    pub sub_part: Option<i64>,
    pub optional: Option<bool>,
    pub consumable: Option<bool>,
    pub inherited: Option<bool>,
    pub allow_variants: Option<bool>,
    pub validated: Option<bool>,
    pub part_active: Option<bool>,
    pub part_trackable: Option<bool>,
    pub sub_part_active: Option<bool>,
    pub sub_part_trackable: Option<bool>,
    pub sub_part_assembly: Option<bool>,
    pub sub_part_virtual: Option<bool>,
    /// Each word must appear in the reference, or the name, description, IPN, revision or
    /// keywords of the assembly or the sub-part, or the sub-part's category name.
    pub search: Option<String>,
    pub ordering: Vec<(BomOrder, bool)>,
    /// Load each line's assembly too (`part_detail`).
    pub with_assembly: bool,
    pub page: PageRequest,
}

/// Availability of a line's sub-part, in 1/100000 units.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BomFigures {
    /// The sub-part's available stock less its allocations, never below zero.
    pub available_stock: i64,
    /// Always zero: substitutes are not kept yet.
    pub available_substitute_stock: i64,
    /// The sub-part's variants' available stock less their allocations.
    pub available_variant_stock: i64,
    pub external_stock: i64,
    pub on_order: i64,
    pub building: i64,
    /// How many assemblies the available stock covers, after setup losses and attrition.
    pub can_build: f64,
}

/// A BOM line with its sub-part (and assembly, when asked) and figures.
#[derive(Debug, Clone, PartialEq)]
pub struct BomRow {
    pub item: BomItem,
    pub sub_part: Part,
    pub assembly: Option<Part>,
    pub figures: BomFigures,
}

fn query(conn: &mut AnyConnection, q: &BomQuery) -> StoreResult<Listed<BomRow>> {
    for (id, field) in [(q.part, "part"), (q.sub_part, "sub_part")] {
        if let Some(id) = id {
            let n: i64 = parts::table.find(id).count().get_result(conn)?;
            if n == 0 {
                return Err(StoreError::invalid(field, NO_SUCH_CHOICE));
            }
        }
    }
    let templates = match q.part {
        Some(p) => tree::ancestors(conn, Tree::PartVariants, p)?,
        None => Vec::new(),
    };
    let terms = search_terms(q.search.as_deref());
    let filtered = || {
        let mut s = bom_items::table
            .inner_join(parts::table.on(parts::id.eq(bom_items::sub_part_id)))
            .inner_join(assemblies.on(assemblies.field(parts::id).eq(bom_items::part_id)))
            .into_boxed();
        if let Some(p) = q.part {
            s = s.filter(
                bom_items::part_id.eq(p).or(bom_items::inherited
                    .eq(true)
                    .and(bom_items::part_id.eq_any(templates.clone()))),
            );
        }
        macro_rules! flag {
            ($value:expr, $column:expr) => {
                if let Some(v) = $value {
                    s = s.filter($column.eq(v));
                }
            };
        }
        flag!(q.sub_part, bom_items::sub_part_id);
        flag!(q.optional, bom_items::optional);
        flag!(q.consumable, bom_items::consumable);
        flag!(q.inherited, bom_items::inherited);
        flag!(q.allow_variants, bom_items::allow_variants);
        flag!(q.validated, bom_items::validated);
        flag!(q.sub_part_active, parts::active);
        flag!(q.sub_part_trackable, parts::trackable);
        flag!(q.sub_part_assembly, parts::assembly);
        flag!(q.sub_part_virtual, parts::is_virtual);
        // `parts` is the sub-part; `assemblies` the assembly.
        flag!(q.part_active, assemblies.field(parts::active));
        flag!(q.part_trackable, assemblies.field(parts::trackable));
        for term in &terms {
            let p = contains_pattern(term);
            macro_rules! text {
                ($name:expr, $description:expr, $ipn:expr, $revision:expr, $keywords:expr) => {
                    lower($name)
                        .like(p.clone())
                        .escape('\\')
                        .or(lower($description).like(p.clone()).escape('\\'))
                        .or(lower(coalesce($ipn, "")).like(p.clone()).escape('\\'))
                        .or(lower($revision).like(p.clone()).escape('\\'))
                        .or(lower($keywords).like(p.clone()).escape('\\'))
                };
            }
            let categories = part_categories::table
                .filter(lower(part_categories::name).like(p.clone()).escape('\\'))
                .select(part_categories::id.nullable());
            s = s.filter(
                lower(bom_items::reference)
                    .like(p.clone())
                    .escape('\\')
                    .or(text!(
                        parts::name,
                        parts::description,
                        parts::ipn,
                        parts::revision,
                        parts::keywords
                    ))
                    .or(text!(
                        assemblies.field(parts::name),
                        assemblies.field(parts::description),
                        assemblies.field(parts::ipn),
                        assemblies.field(parts::revision),
                        assemblies.field(parts::keywords)
                    ))
                    .or(parts::category_id.eq_any(categories)),
            );
        }
        s
    };
    let count: i64 = filtered().count().get_result(conn)?;
    let mut s = filtered();
    for (key, descending) in &q.ordering {
        macro_rules! by {
            ($column:expr) => {
                if *descending {
                    s.then_order_by($column.desc())
                } else {
                    s.then_order_by($column.asc())
                }
            };
        }
        s = match key {
            BomOrder::Quantity => by!(bom_items::quantity),
            BomOrder::SetupQuantity => by!(bom_items::setup_quantity),
            BomOrder::Attrition => by!(bom_items::attrition),
            BomOrder::RoundingMultiple => by!(bom_items::rounding_multiple),
            BomOrder::SubPart => by!(parts::name),
            BomOrder::Ipn => by!(parts::ipn),
            BomOrder::AllowVariants => by!(bom_items::allow_variants),
            BomOrder::Inherited => by!(bom_items::inherited),
            BomOrder::Optional => by!(bom_items::optional),
            BomOrder::Consumable => by!(bom_items::consumable),
            BomOrder::Reference => by!(bom_items::reference),
            BomOrder::Validated => by!(bom_items::validated),
            BomOrder::Id => by!(bom_items::id),
        };
    }
    s = s.then_order_by(bom_items::id.asc());
    if let Some(limit) = q.page.limit {
        s = s.limit(limit).offset(q.page.offset);
    }
    let lines: Vec<(BomItem, Part)> = s
        .select((BomItem::as_select(), Part::as_select()))
        .load(conn)?;
    let items = rows(conn, lines, q.with_assembly)?;
    Ok(Listed { count, items })
}

impl Store {
    /// BOM lines matching `query`, one page of them, with their figures.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn query_bom(&self, query: &BomQuery) -> StoreResult<Listed<BomRow>> {
        self.read(|conn| self::query(conn, query))
    }

    /// One BOM line with its figures (and its assembly with `with_assembly`).
    pub fn bom_row(&self, id: i64, with_assembly: bool) -> StoreResult<BomRow> {
        self.read(|conn| {
            let line: Option<(BomItem, Part)> = bom_items::table
                .inner_join(parts::table.on(parts::id.eq(bom_items::sub_part_id)))
                .filter(bom_items::id.eq(id))
                .select((BomItem::as_select(), Part::as_select()))
                .first(conn)
                .optional()?;
            let line = line.ok_or(StoreError::NotFound {
                model: "BomItem",
                pk: id,
            })?;
            rows(conn, vec![line], with_assembly)?
                .pop()
                .ok_or(StoreError::NotFound {
                    model: "BomItem",
                    pk: id,
                })
        })
    }
}
