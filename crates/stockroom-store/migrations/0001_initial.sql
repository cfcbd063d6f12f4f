-- Stockroom's initial schema.
--
-- Written once for both backends. The migration runner replaces two placeholders:
--   {{id}}         the auto-incrementing primary key (never reused, so a printed barcode such
--                  as INV-SI12 can never come to mean another object)
--   {{timestamp}}  a UTC date and time
-- Quantities are BIGINT counts of 1/100000 units. JSON documents are TEXT.

-- Users, roles and authentication ------------------------------------------------------

CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    is_staff BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser BOOLEAN NOT NULL DEFAULT FALSE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    date_joined {{timestamp}} NOT NULL,
    last_login {{timestamp}}
);
CREATE UNIQUE INDEX users_username_key ON users (username);

CREATE TABLE role_groups (
    id {{id}},
    name TEXT NOT NULL
);
CREATE UNIQUE INDEX role_groups_name_key ON role_groups (name);

-- One rule set (part, stock, purchase_order, ...) of a group, with its four permissions.
CREATE TABLE group_rules (
    id {{id}},
    group_id BIGINT NOT NULL REFERENCES role_groups (id) ON DELETE CASCADE,
    rule_set TEXT NOT NULL,
    can_view BOOLEAN NOT NULL DEFAULT FALSE,
    can_add BOOLEAN NOT NULL DEFAULT FALSE,
    can_change BOOLEAN NOT NULL DEFAULT FALSE,
    can_delete BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX group_rules_group_rule_key ON group_rules (group_id, rule_set);

CREATE TABLE user_groups (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES role_groups (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX user_groups_user_group_key ON user_groups (user_id, group_id);
CREATE INDEX user_groups_group_idx ON user_groups (group_id);

-- API tokens are stored as SHA-256 hashes of the secret; the secret is shown once.
CREATE TABLE api_tokens (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    token_prefix TEXT NOT NULL,
    created {{timestamp}} NOT NULL,
    expiry DATE,
    last_seen {{timestamp}},
    revoked BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Web sessions, so that any server process serves any signed-in user.
CREATE TABLE web_sessions (
    id {{id}},
    session_hash TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created {{timestamp}} NOT NULL,
    expires {{timestamp}} NOT NULL,
    last_seen {{timestamp}} NOT NULL
);
CREATE UNIQUE INDEX web_sessions_hash_key ON web_sessions (session_hash);
CREATE INDEX web_sessions_user_idx ON web_sessions (user_id);

-- Settings --------------------------------------------------------------------------------

CREATE TABLE global_settings (
    id {{id}},
    key TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE UNIQUE INDEX global_settings_key ON global_settings (key);

CREATE TABLE user_settings (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE UNIQUE INDEX user_settings_user_key ON user_settings (user_id, key);

CREATE TABLE plugin_settings (
    id {{id}},
    plugin TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE UNIQUE INDEX plugin_settings_plugin_key ON plugin_settings (plugin, key);

-- Locations and parts ---------------------------------------------------------------------

CREATE TABLE stock_locations (
    id {{id}},
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id BIGINT REFERENCES stock_locations (id),
    structural BOOLEAN NOT NULL DEFAULT FALSE,
    external BOOLEAN NOT NULL DEFAULT FALSE,
    icon TEXT NOT NULL DEFAULT '',
    pathstring TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stock_locations_parent_idx ON stock_locations (parent_id);

CREATE TABLE part_categories (
    id {{id}},
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id BIGINT REFERENCES part_categories (id),
    default_location_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    default_keywords TEXT NOT NULL DEFAULT '',
    structural BOOLEAN NOT NULL DEFAULT FALSE,
    icon TEXT NOT NULL DEFAULT '',
    pathstring TEXT NOT NULL DEFAULT ''
);
CREATE INDEX part_categories_parent_idx ON part_categories (parent_id);

-- tree_id is the root of the part's template/variant tree: the scope serial numbers are
-- unique in (unless SERIAL_NUMBER_GLOBALLY_UNIQUE is on).
CREATE TABLE parts (
    id {{id}},
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    ipn TEXT,
    revision TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    category_id BIGINT REFERENCES part_categories (id),
    variant_of_id BIGINT REFERENCES parts (id),
    tree_id BIGINT NOT NULL,
    is_template BOOLEAN NOT NULL DEFAULT FALSE,
    assembly BOOLEAN NOT NULL DEFAULT FALSE,
    component BOOLEAN NOT NULL DEFAULT TRUE,
    trackable BOOLEAN NOT NULL DEFAULT FALSE,
    purchaseable BOOLEAN NOT NULL DEFAULT TRUE,
    salable BOOLEAN NOT NULL DEFAULT FALSE,
    is_virtual BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    units TEXT NOT NULL DEFAULT '',
    default_location_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    default_expiry INTEGER NOT NULL DEFAULT 0,
    minimum_stock BIGINT NOT NULL DEFAULT 0,
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    creation_date DATE,
    creation_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX parts_category_idx ON parts (category_id);
CREATE INDEX parts_variant_of_idx ON parts (variant_of_id);
CREATE INDEX parts_tree_idx ON parts (tree_id);
CREATE INDEX parts_ipn_idx ON parts (ipn);
CREATE INDEX parts_name_idx ON parts (name);

CREATE TABLE bom_items (
    id {{id}},
    part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    sub_part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL,
    setup_quantity BIGINT NOT NULL DEFAULT 0,
    attrition BIGINT NOT NULL DEFAULT 0,
    rounding_multiple BIGINT,
    reference TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    optional BOOLEAN NOT NULL DEFAULT FALSE,
    consumable BOOLEAN NOT NULL DEFAULT FALSE,
    allow_variants BOOLEAN NOT NULL DEFAULT FALSE,
    inherited BOOLEAN NOT NULL DEFAULT FALSE,
    validated BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX bom_items_part_idx ON bom_items (part_id);
CREATE INDEX bom_items_sub_part_idx ON bom_items (sub_part_id);

-- Companies and their parts ---------------------------------------------------------------

CREATE TABLE companies (
    id {{id}},
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT '',
    tax_id TEXT NOT NULL DEFAULT '',
    is_customer BOOLEAN NOT NULL DEFAULT FALSE,
    is_supplier BOOLEAN NOT NULL DEFAULT TRUE,
    is_manufacturer BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX companies_name_idx ON companies (name);

CREATE TABLE manufacturer_parts (
    id {{id}},
    part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    manufacturer_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    mpn TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX manufacturer_parts_part_mfr_mpn_key
    ON manufacturer_parts (part_id, manufacturer_id, mpn);
CREATE INDEX manufacturer_parts_manufacturer_idx ON manufacturer_parts (manufacturer_id);

CREATE TABLE supplier_parts (
    id {{id}},
    part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    supplier_id BIGINT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    sku TEXT NOT NULL,
    manufacturer_part_id BIGINT REFERENCES manufacturer_parts (id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    packaging TEXT NOT NULL DEFAULT '',
    pack_quantity TEXT NOT NULL DEFAULT '',
    pack_quantity_native BIGINT NOT NULL DEFAULT 100000,
    multiple BIGINT NOT NULL DEFAULT 1,
    available BIGINT NOT NULL DEFAULT 0,
    availability_updated {{timestamp}},
    active BOOLEAN NOT NULL DEFAULT TRUE,
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    updated {{timestamp}}
);
CREATE UNIQUE INDEX supplier_parts_part_supplier_sku_key ON supplier_parts (part_id, supplier_id, sku);
CREATE INDEX supplier_parts_supplier_sku_idx ON supplier_parts (supplier_id, sku);

-- Orders ----------------------------------------------------------------------------------
-- reference_int is the integer part of the reference, for ordering and the next reference.

CREATE TABLE purchase_orders (
    id {{id}},
    reference TEXT NOT NULL,
    reference_int BIGINT NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    supplier_id BIGINT REFERENCES companies (id),
    supplier_reference TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL,
    destination_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    currency TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    creation_date DATE,
    issue_date DATE,
    start_date DATE,
    target_date DATE,
    complete_date DATE,
    created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    received_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX purchase_orders_reference_key ON purchase_orders (reference);
CREATE INDEX purchase_orders_supplier_idx ON purchase_orders (supplier_id);
CREATE INDEX purchase_orders_status_idx ON purchase_orders (status);

CREATE TABLE purchase_order_lines (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
    supplier_part_id BIGINT REFERENCES supplier_parts (id) ON DELETE SET NULL,
    quantity BIGINT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    reference TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    purchase_price TEXT,
    purchase_price_currency TEXT NOT NULL DEFAULT '',
    destination_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    target_date DATE,
    link TEXT NOT NULL DEFAULT ''
);
CREATE INDEX purchase_order_lines_order_idx ON purchase_order_lines (order_id);
CREATE INDEX purchase_order_lines_supplier_part_idx ON purchase_order_lines (supplier_part_id);

CREATE TABLE sales_orders (
    id {{id}},
    reference TEXT NOT NULL,
    reference_int BIGINT NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    customer_id BIGINT REFERENCES companies (id),
    customer_reference TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    creation_date DATE,
    issue_date DATE,
    start_date DATE,
    target_date DATE,
    shipment_date DATE,
    created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    shipped_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX sales_orders_reference_key ON sales_orders (reference);
CREATE INDEX sales_orders_customer_idx ON sales_orders (customer_id);
CREATE INDEX sales_orders_status_idx ON sales_orders (status);

CREATE TABLE sales_order_lines (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
    part_id BIGINT REFERENCES parts (id) ON DELETE SET NULL,
    quantity BIGINT NOT NULL,
    shipped BIGINT NOT NULL DEFAULT 0,
    reference TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    sale_price TEXT,
    sale_price_currency TEXT NOT NULL DEFAULT '',
    target_date DATE,
    link TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sales_order_lines_order_idx ON sales_order_lines (order_id);
CREATE INDEX sales_order_lines_part_idx ON sales_order_lines (part_id);

CREATE TABLE sales_order_shipments (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
    reference TEXT NOT NULL,
    shipment_date DATE,
    delivery_date DATE,
    checked_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    tracking_number TEXT NOT NULL DEFAULT '',
    invoice_number TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sales_order_shipments_order_reference_key
    ON sales_order_shipments (order_id, reference);

-- Stock items reference orders and builds, so builds come before stock.

CREATE TABLE builds (
    id {{id}},
    reference TEXT NOT NULL,
    reference_int BIGINT NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL,
    completed BIGINT NOT NULL DEFAULT 0,
    batch TEXT,
    status INTEGER NOT NULL,
    parent_id BIGINT REFERENCES builds (id) ON DELETE SET NULL,
    sales_order_id BIGINT REFERENCES sales_orders (id) ON DELETE SET NULL,
    take_from_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    destination_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    external BOOLEAN NOT NULL DEFAULT FALSE,
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    creation_date DATE,
    start_date DATE,
    target_date DATE,
    completion_date DATE,
    issued_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    completed_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX builds_reference_key ON builds (reference);
CREATE INDEX builds_part_idx ON builds (part_id);
CREATE INDEX builds_status_idx ON builds (status);

-- Stock -----------------------------------------------------------------------------------
-- serial_scope is the part's tree_id, or 0 when serials are globally unique. The partial
-- unique index on (serial_scope, serial) makes duplicate serials impossible, also when two
-- requests or two servers race.

CREATE TABLE stock_items (
    id {{id}},
    part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL,
    location_id BIGINT REFERENCES stock_locations (id) ON DELETE SET NULL,
    serial TEXT,
    serial_int BIGINT NOT NULL DEFAULT 0,
    serial_scope BIGINT,
    batch TEXT,
    status INTEGER NOT NULL DEFAULT 10,
    expiry_date DATE,
    stocktake_date DATE,
    stocktake_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    parent_id BIGINT REFERENCES stock_items (id) ON DELETE SET NULL,
    belongs_to_id BIGINT REFERENCES stock_items (id) ON DELETE SET NULL,
    consumed_by_id BIGINT REFERENCES builds (id) ON DELETE SET NULL,
    supplier_part_id BIGINT REFERENCES supplier_parts (id) ON DELETE SET NULL,
    purchase_order_id BIGINT REFERENCES purchase_orders (id) ON DELETE SET NULL,
    sales_order_id BIGINT REFERENCES sales_orders (id) ON DELETE SET NULL,
    build_id BIGINT REFERENCES builds (id) ON DELETE SET NULL,
    is_building BOOLEAN NOT NULL DEFAULT FALSE,
    customer_id BIGINT REFERENCES companies (id) ON DELETE SET NULL,
    delete_on_deplete BOOLEAN NOT NULL DEFAULT FALSE,
    packaging TEXT NOT NULL DEFAULT '',
    purchase_price TEXT,
    purchase_price_currency TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    creation_date DATE,
    updated {{timestamp}}
);
CREATE UNIQUE INDEX stock_items_serial_scope_key
    ON stock_items (serial_scope, serial) WHERE serial IS NOT NULL;
CREATE INDEX stock_items_part_idx ON stock_items (part_id);
CREATE INDEX stock_items_location_idx ON stock_items (location_id);
CREATE INDEX stock_items_serial_order_idx ON stock_items (serial_scope, serial_int);
CREATE INDEX stock_items_batch_idx ON stock_items (batch);
CREATE INDEX stock_items_parent_idx ON stock_items (parent_id);
CREATE INDEX stock_items_belongs_to_idx ON stock_items (belongs_to_id);
CREATE INDEX stock_items_supplier_part_idx ON stock_items (supplier_part_id);
CREATE INDEX stock_items_purchase_order_idx ON stock_items (purchase_order_id);
CREATE INDEX stock_items_sales_order_idx ON stock_items (sales_order_id);
CREATE INDEX stock_items_build_idx ON stock_items (build_id);
CREATE INDEX stock_items_consumed_by_idx ON stock_items (consumed_by_id);
CREATE INDEX stock_items_customer_idx ON stock_items (customer_id);

-- History survives the deletion of its item (item_id is set to NULL), as InvenTree's.
CREATE TABLE stock_tracking (
    id {{id}},
    tracking_type INTEGER NOT NULL,
    item_id BIGINT REFERENCES stock_items (id) ON DELETE SET NULL,
    part_id BIGINT NOT NULL REFERENCES parts (id) ON DELETE CASCADE,
    date {{timestamp}} NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    deltas TEXT
);
CREATE INDEX stock_tracking_item_idx ON stock_tracking (item_id);
CREATE INDEX stock_tracking_part_idx ON stock_tracking (part_id);
CREATE INDEX stock_tracking_date_idx ON stock_tracking (date);

CREATE TABLE sales_order_allocations (
    id {{id}},
    line_id BIGINT NOT NULL REFERENCES sales_order_lines (id) ON DELETE CASCADE,
    shipment_id BIGINT REFERENCES sales_order_shipments (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES stock_items (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL
);
CREATE INDEX sales_order_allocations_line_idx ON sales_order_allocations (line_id);
CREATE INDEX sales_order_allocations_shipment_idx ON sales_order_allocations (shipment_id);
CREATE INDEX sales_order_allocations_item_idx ON sales_order_allocations (item_id);

CREATE TABLE return_orders (
    id {{id}},
    reference TEXT NOT NULL,
    reference_int BIGINT NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    customer_id BIGINT REFERENCES companies (id),
    customer_reference TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    creation_date DATE,
    issue_date DATE,
    start_date DATE,
    target_date DATE,
    complete_date DATE,
    created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX return_orders_reference_key ON return_orders (reference);
CREATE INDEX return_orders_customer_idx ON return_orders (customer_id);

CREATE TABLE return_order_lines (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES return_orders (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES stock_items (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL,
    received_date DATE,
    outcome INTEGER NOT NULL DEFAULT 10,
    price TEXT,
    price_currency TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    target_date DATE,
    link TEXT NOT NULL DEFAULT ''
);
CREATE INDEX return_order_lines_order_idx ON return_order_lines (order_id);
CREATE UNIQUE INDEX return_order_lines_order_item_key ON return_order_lines (order_id, item_id);

-- What a build needs of one BOM line, and the stock allocated to it.
CREATE TABLE build_lines (
    id {{id}},
    build_id BIGINT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    bom_item_id BIGINT NOT NULL REFERENCES bom_items (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL,
    consumed BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX build_lines_build_bom_key ON build_lines (build_id, bom_item_id);

CREATE TABLE build_items (
    id {{id}},
    build_line_id BIGINT NOT NULL REFERENCES build_lines (id) ON DELETE CASCADE,
    stock_item_id BIGINT NOT NULL REFERENCES stock_items (id) ON DELETE CASCADE,
    quantity BIGINT NOT NULL,
    install_into_id BIGINT REFERENCES stock_items (id) ON DELETE CASCADE
);
CREATE INDEX build_items_line_idx ON build_items (build_line_id);
CREATE INDEX build_items_stock_item_idx ON build_items (stock_item_id);

-- Barcodes --------------------------------------------------------------------------------
-- One row per linked external barcode. The unique hash index makes a scan one index lookup
-- and guarantees that a barcode points at one object only; an object may carry several.

CREATE TABLE barcode_links (
    id {{id}},
    model_type TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    data TEXT NOT NULL,
    hash TEXT NOT NULL,
    created {{timestamp}} NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX barcode_links_hash_key ON barcode_links (hash);
CREATE INDEX barcode_links_object_idx ON barcode_links (model_type, object_id);

CREATE TABLE barcode_scans (
    id {{id}},
    data TEXT NOT NULL,
    timestamp {{timestamp}} NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    endpoint TEXT,
    context TEXT,
    response TEXT,
    result BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX barcode_scans_timestamp_idx ON barcode_scans (timestamp);
