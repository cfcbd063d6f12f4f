//! Diesel table definitions, matching `migrations/`.
//!
//! Quantities are `BigInt` counts of 1/100000 units; JSON documents are `Text`.

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        password_hash -> Text,
        first_name -> Text,
        last_name -> Text,
        email -> Text,
        is_staff -> Bool,
        is_superuser -> Bool,
        is_active -> Bool,
        date_joined -> Timestamp,
        last_login -> Nullable<Timestamp>,
    }
}

diesel::table! {
    role_groups (id) {
        id -> BigInt,
        name -> Text,
    }
}

diesel::table! {
    group_rules (id) {
        id -> BigInt,
        group_id -> BigInt,
        rule_set -> Text,
        can_view -> Bool,
        can_add -> Bool,
        can_change -> Bool,
        can_delete -> Bool,
    }
}

diesel::table! {
    user_groups (id) {
        id -> BigInt,
        user_id -> BigInt,
        group_id -> BigInt,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        token_prefix -> Text,
        created -> Timestamp,
        expiry -> Nullable<Date>,
        last_seen -> Nullable<Timestamp>,
        revoked -> Bool,
    }
}

diesel::table! {
    web_sessions (id) {
        id -> BigInt,
        session_hash -> Text,
        user_id -> BigInt,
        csrf_token -> Text,
        created -> Timestamp,
        expires -> Timestamp,
        last_seen -> Timestamp,
    }
}

diesel::table! {
    global_settings (id) {
        id -> BigInt,
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    user_settings (id) {
        id -> BigInt,
        user_id -> BigInt,
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    plugin_settings (id) {
        id -> BigInt,
        plugin -> Text,
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    stock_locations (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        parent_id -> Nullable<BigInt>,
        structural -> Bool,
        external -> Bool,
        icon -> Text,
        pathstring -> Text,
    }
}

diesel::table! {
    part_categories (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        parent_id -> Nullable<BigInt>,
        default_location_id -> Nullable<BigInt>,
        default_keywords -> Text,
        structural -> Bool,
        icon -> Text,
        pathstring -> Text,
    }
}

diesel::table! {
    parts (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        ipn -> Nullable<Text>,
        revision -> Text,
        keywords -> Text,
        category_id -> Nullable<BigInt>,
        variant_of_id -> Nullable<BigInt>,
        tree_id -> BigInt,
        is_template -> Bool,
        assembly -> Bool,
        component -> Bool,
        trackable -> Bool,
        purchaseable -> Bool,
        salable -> Bool,
        is_virtual -> Bool,
        active -> Bool,
        locked -> Bool,
        units -> Text,
        default_location_id -> Nullable<BigInt>,
        default_expiry -> Integer,
        minimum_stock -> BigInt,
        link -> Text,
        notes -> Text,
        creation_date -> Nullable<Date>,
        creation_user_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    bom_items (id) {
        id -> BigInt,
        part_id -> BigInt,
        sub_part_id -> BigInt,
        quantity -> BigInt,
        setup_quantity -> BigInt,
        attrition -> BigInt,
        rounding_multiple -> Nullable<BigInt>,
        reference -> Text,
        note -> Text,
        optional -> Bool,
        consumable -> Bool,
        allow_variants -> Bool,
        inherited -> Bool,
        validated -> Bool,
    }
}

diesel::table! {
    companies (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        website -> Text,
        phone -> Text,
        email -> Text,
        contact -> Text,
        address -> Text,
        link -> Text,
        currency -> Text,
        tax_id -> Text,
        is_customer -> Bool,
        is_supplier -> Bool,
        is_manufacturer -> Bool,
        active -> Bool,
        notes -> Text,
    }
}

diesel::table! {
    manufacturer_parts (id) {
        id -> BigInt,
        part_id -> BigInt,
        manufacturer_id -> BigInt,
        mpn -> Text,
        description -> Text,
        link -> Text,
        notes -> Text,
    }
}

diesel::table! {
    supplier_parts (id) {
        id -> BigInt,
        part_id -> BigInt,
        supplier_id -> BigInt,
        sku -> Text,
        manufacturer_part_id -> Nullable<BigInt>,
        description -> Text,
        link -> Text,
        note -> Text,
        packaging -> Text,
        pack_quantity -> Text,
        pack_quantity_native -> BigInt,
        multiple -> BigInt,
        available -> BigInt,
        availability_updated -> Nullable<Timestamp>,
        active -> Bool,
        is_primary -> Bool,
        updated -> Nullable<Timestamp>,
    }
}

diesel::table! {
    purchase_orders (id) {
        id -> BigInt,
        reference -> Text,
        reference_int -> BigInt,
        description -> Text,
        supplier_id -> Nullable<BigInt>,
        supplier_reference -> Text,
        status -> Integer,
        destination_id -> Nullable<BigInt>,
        currency -> Text,
        link -> Text,
        notes -> Text,
        creation_date -> Nullable<Date>,
        issue_date -> Nullable<Date>,
        start_date -> Nullable<Date>,
        target_date -> Nullable<Date>,
        complete_date -> Nullable<Date>,
        created_by_id -> Nullable<BigInt>,
        received_by_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    purchase_order_lines (id) {
        id -> BigInt,
        order_id -> BigInt,
        supplier_part_id -> Nullable<BigInt>,
        quantity -> BigInt,
        received -> BigInt,
        reference -> Text,
        notes -> Text,
        purchase_price -> Nullable<Text>,
        purchase_price_currency -> Text,
        destination_id -> Nullable<BigInt>,
        target_date -> Nullable<Date>,
        link -> Text,
    }
}

diesel::table! {
    sales_orders (id) {
        id -> BigInt,
        reference -> Text,
        reference_int -> BigInt,
        description -> Text,
        customer_id -> Nullable<BigInt>,
        customer_reference -> Text,
        status -> Integer,
        currency -> Text,
        link -> Text,
        notes -> Text,
        creation_date -> Nullable<Date>,
        issue_date -> Nullable<Date>,
        start_date -> Nullable<Date>,
        target_date -> Nullable<Date>,
        shipment_date -> Nullable<Date>,
        created_by_id -> Nullable<BigInt>,
        shipped_by_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    sales_order_lines (id) {
        id -> BigInt,
        order_id -> BigInt,
        part_id -> Nullable<BigInt>,
        quantity -> BigInt,
        shipped -> BigInt,
        reference -> Text,
        notes -> Text,
        sale_price -> Nullable<Text>,
        sale_price_currency -> Text,
        target_date -> Nullable<Date>,
        link -> Text,
    }
}

diesel::table! {
    sales_order_shipments (id) {
        id -> BigInt,
        order_id -> BigInt,
        reference -> Text,
        shipment_date -> Nullable<Date>,
        delivery_date -> Nullable<Date>,
        checked_by_id -> Nullable<BigInt>,
        tracking_number -> Text,
        invoice_number -> Text,
        link -> Text,
        notes -> Text,
    }
}

diesel::table! {
    sales_order_allocations (id) {
        id -> BigInt,
        line_id -> BigInt,
        shipment_id -> Nullable<BigInt>,
        item_id -> BigInt,
        quantity -> BigInt,
    }
}

diesel::table! {
    return_orders (id) {
        id -> BigInt,
        reference -> Text,
        reference_int -> BigInt,
        description -> Text,
        customer_id -> Nullable<BigInt>,
        customer_reference -> Text,
        status -> Integer,
        currency -> Text,
        link -> Text,
        notes -> Text,
        creation_date -> Nullable<Date>,
        issue_date -> Nullable<Date>,
        start_date -> Nullable<Date>,
        target_date -> Nullable<Date>,
        complete_date -> Nullable<Date>,
        created_by_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    return_order_lines (id) {
        id -> BigInt,
        order_id -> BigInt,
        item_id -> BigInt,
        quantity -> BigInt,
        received_date -> Nullable<Date>,
        outcome -> Integer,
        price -> Nullable<Text>,
        price_currency -> Text,
        reference -> Text,
        notes -> Text,
        target_date -> Nullable<Date>,
        link -> Text,
    }
}

diesel::table! {
    builds (id) {
        id -> BigInt,
        reference -> Text,
        reference_int -> BigInt,
        title -> Text,
        part_id -> BigInt,
        quantity -> BigInt,
        completed -> BigInt,
        batch -> Nullable<Text>,
        status -> Integer,
        parent_id -> Nullable<BigInt>,
        sales_order_id -> Nullable<BigInt>,
        take_from_id -> Nullable<BigInt>,
        destination_id -> Nullable<BigInt>,
        external -> Bool,
        link -> Text,
        notes -> Text,
        creation_date -> Nullable<Date>,
        start_date -> Nullable<Date>,
        target_date -> Nullable<Date>,
        completion_date -> Nullable<Date>,
        issued_by_id -> Nullable<BigInt>,
        completed_by_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    build_lines (id) {
        id -> BigInt,
        build_id -> BigInt,
        bom_item_id -> BigInt,
        quantity -> BigInt,
        consumed -> BigInt,
    }
}

diesel::table! {
    build_items (id) {
        id -> BigInt,
        build_line_id -> BigInt,
        stock_item_id -> BigInt,
        quantity -> BigInt,
        install_into_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    stock_items (id) {
        id -> BigInt,
        part_id -> BigInt,
        quantity -> BigInt,
        location_id -> Nullable<BigInt>,
        serial -> Nullable<Text>,
        serial_int -> BigInt,
        serial_scope -> Nullable<BigInt>,
        batch -> Nullable<Text>,
        status -> Integer,
        expiry_date -> Nullable<Date>,
        stocktake_date -> Nullable<Date>,
        stocktake_user_id -> Nullable<BigInt>,
        parent_id -> Nullable<BigInt>,
        belongs_to_id -> Nullable<BigInt>,
        consumed_by_id -> Nullable<BigInt>,
        supplier_part_id -> Nullable<BigInt>,
        purchase_order_id -> Nullable<BigInt>,
        sales_order_id -> Nullable<BigInt>,
        build_id -> Nullable<BigInt>,
        is_building -> Bool,
        customer_id -> Nullable<BigInt>,
        delete_on_deplete -> Bool,
        packaging -> Text,
        purchase_price -> Nullable<Text>,
        purchase_price_currency -> Text,
        link -> Text,
        notes -> Text,
        creation_date -> Nullable<Date>,
        updated -> Nullable<Timestamp>,
    }
}

diesel::table! {
    stock_tracking (id) {
        id -> BigInt,
        tracking_type -> Integer,
        item_id -> Nullable<BigInt>,
        part_id -> BigInt,
        date -> Timestamp,
        notes -> Text,
        user_id -> Nullable<BigInt>,
        deltas -> Nullable<Text>,
    }
}

diesel::table! {
    barcode_links (id) {
        id -> BigInt,
        model_type -> Text,
        object_id -> BigInt,
        data -> Text,
        hash -> Text,
        created -> Timestamp,
        user_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    barcode_scans (id) {
        id -> BigInt,
        data -> Text,
        timestamp -> Timestamp,
        user_id -> Nullable<BigInt>,
        endpoint -> Nullable<Text>,
        context -> Nullable<Text>,
        response -> Nullable<Text>,
        result -> Bool,
    }
}

diesel::joinable!(group_rules -> role_groups (group_id));
diesel::joinable!(user_groups -> users (user_id));
diesel::joinable!(user_groups -> role_groups (group_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(web_sessions -> users (user_id));
diesel::joinable!(parts -> part_categories (category_id));
diesel::joinable!(stock_items -> parts (part_id));
diesel::joinable!(stock_items -> stock_locations (location_id));
diesel::joinable!(stock_tracking -> parts (part_id));
diesel::joinable!(manufacturer_parts -> parts (part_id));
diesel::joinable!(manufacturer_parts -> companies (manufacturer_id));
diesel::joinable!(supplier_parts -> parts (part_id));
diesel::joinable!(supplier_parts -> companies (supplier_id));
diesel::joinable!(purchase_order_lines -> purchase_orders (order_id));
diesel::joinable!(sales_order_lines -> sales_orders (order_id));
diesel::joinable!(sales_order_shipments -> sales_orders (order_id));
diesel::joinable!(sales_order_allocations -> sales_order_lines (line_id));
diesel::joinable!(return_order_lines -> return_orders (order_id));
diesel::joinable!(build_lines -> builds (build_id));
diesel::joinable!(build_items -> build_lines (build_line_id));

diesel::table! {
    label_templates (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        model_type -> Text,
        template -> Text,
        filename -> Text,
        width -> Double,
        height -> Double,
        filters -> Text,
        enabled -> Bool,
        revision -> BigInt,
        builtin_key -> Nullable<Text>,
        created -> Timestamp,
        updated -> Timestamp,
    }
}

diesel::table! {
    data_outputs (id) {
        id -> BigInt,
        created -> Timestamp,
        user_id -> Nullable<BigInt>,
        model_type -> Text,
        items -> BigInt,
        complete -> Bool,
        progress -> BigInt,
        output_type -> Text,
        template_id -> Nullable<BigInt>,
        plugin -> Text,
        filename -> Text,
        content -> Nullable<Binary>,
        errors -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    users,
    role_groups,
    group_rules,
    user_groups,
    api_tokens,
    web_sessions,
    global_settings,
    user_settings,
    plugin_settings,
    stock_locations,
    part_categories,
    parts,
    bom_items,
    companies,
    manufacturer_parts,
    supplier_parts,
    purchase_orders,
    purchase_order_lines,
    sales_orders,
    sales_order_lines,
    sales_order_shipments,
    sales_order_allocations,
    return_orders,
    return_order_lines,
    builds,
    build_lines,
    build_items,
    stock_items,
    stock_tracking,
    barcode_links,
    barcode_scans,
    label_templates,
    data_outputs,
);
