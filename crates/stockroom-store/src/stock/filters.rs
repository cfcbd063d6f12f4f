//! The stock list's filters, written once and applied both to the bare item table (for the
//! count) and to the joined source (for the page). They name only `stock_items` columns;
//! conditions on parts, locations and suppliers are sub-selects, so the count never joins.

/// Adds every filter of `$query` to the boxed query `$q`, using the id lists in `$pre`.
macro_rules! stock_filters {
    ($q:ident, $query:expr, $pre:expr) => {{
        // Sub-selects use aliases: the page query joins these tables already.
        let sub_parts = diesel::alias!(parts as sub_parts);
        let sub_locations = diesel::alias!(stock_locations as sub_locations);
        let sub_supplier_parts = diesel::alias!(supplier_parts as sub_supplier_parts);
        let sub_manufacturer_parts = diesel::alias!(manufacturer_parts as sub_manufacturer_parts);
        if let Some(ids) = &$pre.parts_in {
            $q = $q.filter(stock_items::part_id.eq_any(ids.clone()));
        }
        if let Some(tree) = $pre.tree_of {
            $q = $q.filter(
                stock_items::part_id.eq_any(
                    sub_parts
                        .filter(sub_parts.field(parts::tree_id).eq(tree))
                        .select(sub_parts.field(parts::id)),
                ),
            );
        }
        if let Some(ids) = &$pre.categories {
            $q = $q.filter(
                stock_items::part_id.eq_any(
                    sub_parts
                        .filter(sub_parts.field(parts::category_id).eq_any(ids.clone()))
                        .select(sub_parts.field(parts::id)),
                ),
            );
        }
        match ($query.location, &$pre.locations) {
            (_, Some(ids)) => $q = $q.filter(stock_items::location_id.eq_any(ids.clone())),
            (Some(Some(location)), None) => $q = $q.filter(stock_items::location_id.eq(location)),
            // InvenTree: `location=null` lists unlocated stock only without cascade.
            (Some(None), None) if !$query.cascade => {
                $q = $q.filter(stock_items::location_id.is_null())
            }
            _ => {}
        }
        if let Some(status) = $query.status {
            $q = $q.filter(stock_items::status.eq(status));
        }
        if let Some(batch) = &$query.batch {
            $q = $q.filter(lower(stock_items::batch.assume_not_null()).eq(batch.to_lowercase()));
        }
        match &$pre.batch_plan {
            Some(BatchPlan::Function) => {
                $q = $q.filter(stockroom_batch_matches(stock_items::batch))
            }
            Some(BatchPlan::Codes(codes)) => {
                $q = $q.filter(stock_items::batch.eq_any(codes.clone()))
            }
            None => {}
        }
        if let Some(serial) = &$query.serial {
            $q = $q.filter(stock_items::serial.eq(serial.clone()));
        }
        if let Some(scope) = $pre.serial_scope {
            $q = $q.filter(stock_items::serial_scope.eq(scope));
        }
        if let Some(n) = $query.serial_gte {
            $q = $q.filter(stock_items::serial_int.ge(n));
        }
        if let Some(n) = $query.serial_lte {
            $q = $q.filter(stock_items::serial_int.le(n));
        }
        let has_serial = stock_items::serial
            .is_not_null()
            .and(stock_items::serial.ne(""));
        let has_batch = stock_items::batch
            .is_not_null()
            .and(stock_items::batch.ne(""));
        flag!($q, $query.serialized, has_serial.assume_not_null());
        flag!($q, $query.has_batch, has_batch.assume_not_null());
        flag!(
            $q,
            $query.tracked,
            has_serial.or(has_batch).assume_not_null()
        );
        if let Some(building) = $query.is_building {
            $q = $q.filter(stock_items::is_building.eq(building));
        }
        flag!(
            $q,
            $query.installed,
            stock_items::belongs_to_id.is_not_null()
        );
        flag!($q, $query.in_stock, in_stock!());
        match $query.available {
            Some(true) => {
                $q = $q
                    .filter(in_stock!())
                    .filter(sql::<Bool>(&format!("stock_items.quantity > {ALLOCATED}")))
            }
            Some(false) => {
                $q = $q.filter(sql::<Bool>(&format!("stock_items.quantity <= {ALLOCATED}")))
            }
            None => {}
        }
        if $pre.expiry_on {
            let expired = in_stock!()
                .and(stock_items::expiry_date.is_not_null())
                .and(stock_items::expiry_date.lt($pre.today).assume_not_null());
            flag!($q, $query.expired, expired);
        }
        flag!($q, $query.depleted, stock_items::quantity.le(0));
        flag!(
            $q,
            $query.consumed,
            stock_items::consumed_by_id.is_not_null()
        );
        flag!(
            $q,
            $query.sent_to_customer,
            stock_items::customer_id.is_not_null()
        );
        flag!(
            $q,
            $query.has_purchase_price,
            stock_items::purchase_price.is_not_null()
        );
        let external = || {
            sub_locations
                .filter(sub_locations.field(stock_locations::external).eq(true))
                .select(sub_locations.field(stock_locations::id).nullable())
        };
        match $query.external {
            Some(true) => $q = $q.filter(stock_items::location_id.eq_any(external())),
            Some(false) => {
                $q = $q.filter(
                    stock_items::location_id
                        .is_null()
                        .or(not(stock_items::location_id.eq_any(external())).assume_not_null()),
                )
            }
            None => {}
        }
        let installed = "SELECT belongs_to_id FROM stock_items WHERE belongs_to_id IS NOT NULL";
        let children = "SELECT parent_id FROM stock_items WHERE parent_id IS NOT NULL";
        flag!($q, $query.has_installed_items, id_in(installed));
        flag!($q, $query.has_child_items, id_in(children));
        link_filter!($q, $query.belongs_to, stock_items::belongs_to_id);
        link_filter!($q, $query.parent, stock_items::parent_id);
        link_filter!($q, $query.supplier_part, stock_items::supplier_part_id);
        link_filter!($q, $query.purchase_order, stock_items::purchase_order_id);
        link_filter!($q, $query.sales_order, stock_items::sales_order_id);
        link_filter!($q, $query.customer, stock_items::customer_id);
        link_filter!($q, $query.build, stock_items::build_id);
        link_filter!($q, $query.consumed_by, stock_items::consumed_by_id);
        if let Some(min) = $query.min_stock {
            $q = $q.filter(stock_items::quantity.ge(min));
        }
        if let Some(max) = $query.max_stock {
            $q = $q.filter(stock_items::quantity.le(max));
        }
        let part_filters = [
            $query.name.is_some(),
            $query.name_contains.is_some(),
            $query.ipn.is_some(),
            $query.ipn_contains.is_some(),
            $query.assembly.is_some(),
            $query.active.is_some(),
            $query.salable.is_some(),
        ];
        if part_filters.contains(&true) {
            // One fixed-shape condition (an unused filter is `TRUE OR ...`): boxed
            // sub-selects cannot be nested in the multi-backend query.
            let off = |unused: bool| unused.into_sql::<diesel::sql_types::Bool>();
            let name = sub_parts.field(parts::name);
            let ipn = sub_parts.field(parts::ipn).assume_not_null();
            let text = |value: &Option<String>| value.as_deref().unwrap_or("").to_lowercase();
            let pattern = |value: &Option<String>| contains_pattern(value.as_deref().unwrap_or(""));
            let matching = sub_parts
                .filter(
                    off($query.name.is_none())
                        .or(lower(name).eq(text(&$query.name)))
                        .and(
                            off($query.name_contains.is_none()).or(lower(name)
                                .like(pattern(&$query.name_contains))
                                .escape('\\')),
                        )
                        .and(off($query.ipn.is_none()).or(lower(ipn).eq(text(&$query.ipn))))
                        .and(
                            off($query.ipn_contains.is_none())
                                .or(lower(ipn).like(pattern(&$query.ipn_contains)).escape('\\')),
                        )
                        .and(
                            off($query.assembly.is_none()).or(sub_parts
                                .field(parts::assembly)
                                .eq($query.assembly.unwrap_or(false))),
                        )
                        .and(
                            off($query.active.is_none()).or(sub_parts
                                .field(parts::active)
                                .eq($query.active.unwrap_or(false))),
                        )
                        .and(
                            off($query.salable.is_none()).or(sub_parts
                                .field(parts::salable)
                                .eq($query.salable.unwrap_or(false))),
                        ),
                )
                .select(sub_parts.field(parts::id));
            $q = $q.filter(stock_items::part_id.eq_any(matching));
        }
        let supplied_by = |company: i64| {
            sub_supplier_parts
                .filter(
                    sub_supplier_parts
                        .field(supplier_parts::supplier_id)
                        .eq(company),
                )
                .select(sub_supplier_parts.field(supplier_parts::id).nullable())
        };
        let made_by = |company: i64| {
            sub_supplier_parts
                .filter(
                    sub_supplier_parts
                        .field(supplier_parts::manufacturer_part_id)
                        .eq_any(
                            sub_manufacturer_parts
                                .filter(
                                    sub_manufacturer_parts
                                        .field(manufacturer_parts::manufacturer_id)
                                        .eq(company),
                                )
                                .select(
                                    sub_manufacturer_parts
                                        .field(manufacturer_parts::id)
                                        .nullable(),
                                ),
                        ),
                )
                .select(sub_supplier_parts.field(supplier_parts::id).nullable())
        };
        if let Some(company) = $query.supplier {
            $q = $q.filter(stock_items::supplier_part_id.eq_any(supplied_by(company)));
        }
        if let Some(company) = $query.manufacturer {
            $q = $q.filter(stock_items::supplier_part_id.eq_any(made_by(company)));
        }
        if let Some(company) = $query.company {
            $q = $q.filter(
                stock_items::supplier_part_id
                    .eq_any(supplied_by(company))
                    .or(stock_items::supplier_part_id.eq_any(made_by(company))),
            );
        }
        let allocated = "SELECT item_id FROM sales_order_allocations \
                UNION SELECT stock_item_id FROM build_items";
        flag!($q, $query.allocated, id_in(allocated));
        if let Some(until) = $pre.stale_until {
            let stale = in_stock!()
                .and(stock_items::expiry_date.is_not_null())
                .and(stock_items::expiry_date.lt(until).assume_not_null());
            flag!($q, $query.stale, stale);
        }
        if let Some(day) = $query.expiry_before {
            $q = $q.filter(stock_items::expiry_date.lt(day));
        }
        if let Some(day) = $query.expiry_after {
            $q = $q.filter(stock_items::expiry_date.gt(day));
        }
        if let Some(day) = $query.stocktake_before {
            $q = $q.filter(stock_items::stocktake_date.lt(day));
        }
        if let Some(day) = $query.stocktake_after {
            $q = $q.filter(stock_items::stocktake_date.gt(day));
        }
        if let Some(start) = $query.updated_before.and_then(|d| d.and_hms_opt(0, 0, 0)) {
            $q = $q.filter(stock_items::updated.lt(start));
        }
        if let Some(next) = $query
            .updated_after
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
        {
            $q = $q.filter(stock_items::updated.ge(next));
        }
        if let Some(term) = &$query.search {
            let pattern = contains_pattern(term);
            macro_rules! like {
                ($text:expr) => {
                    lower($text).like(pattern.clone()).escape('\\')
                };
            }
            $q = $q.filter(
                like!(stock_items::serial.assume_not_null())
                    .or(like!(stock_items::batch.assume_not_null()))
                    .or(stock_items::part_id.eq_any(
                        sub_parts
                            .filter(
                                like!(sub_parts.field(parts::name))
                                    .or(like!(sub_parts.field(parts::ipn).assume_not_null()))
                                    .or(like!(sub_parts.field(parts::description))),
                            )
                            .select(sub_parts.field(parts::id)),
                    ))
                    .or(stock_items::location_id.eq_any(
                        sub_locations
                            .filter(like!(sub_locations.field(stock_locations::name)))
                            .select(sub_locations.field(stock_locations::id).nullable()),
                    )),
            );
        }
    }};
}
pub(super) use stock_filters;
