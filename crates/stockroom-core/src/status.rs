//! InvenTree's numeric status codes for stock, tracking history and orders.
//!
//! Codes are stored as integers exactly as InvenTree stores them, so data and clients stay
//! comparable. Each set is a table of `(code, NAME, label)`.

/// One status value: its number, its constant name and its human label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCode {
    pub value: i32,
    pub name: &'static str,
    pub label: &'static str,
}

/// A named set of status codes, such as `StockStatus`.
#[derive(Debug, Clone, Copy)]
pub struct StatusSet {
    /// The class name InvenTree uses for the set (`StockStatus`).
    pub class: &'static str,
    pub codes: &'static [StatusCode],
}

impl StatusSet {
    /// The entry for a number, if the set has it.
    pub fn get(&self, value: i32) -> Option<&'static StatusCode> {
        self.codes.iter().find(|c| c.value == value)
    }

    /// The entry for a constant name (`OK`), if the set has it.
    pub fn by_name(&self, name: &str) -> Option<&'static StatusCode> {
        self.codes.iter().find(|c| c.name == name)
    }

    /// True when the number belongs to the set.
    pub fn contains(&self, value: i32) -> bool {
        self.get(value).is_some()
    }

    /// The label of a number, or an empty string for an unknown one.
    pub fn label(&self, value: i32) -> &'static str {
        self.get(value).map_or("", |c| c.label)
    }
}

macro_rules! status_set {
    ($(#[$doc:meta])* $set:ident, $class:literal, $module:ident { $($name:ident = $value:literal, $label:literal;)* }) => {
        $(#[$doc])*
        pub mod $module {
            $(pub const $name: i32 = $value;)*
        }
        $(#[$doc])*
        pub const $set: StatusSet = StatusSet {
            class: $class,
            codes: &[$(StatusCode { value: $value, name: stringify!($name), label: $label },)*],
        };
    };
}

status_set!(
    /// Condition of a stock item.
    STOCK_STATUS, "StockStatus", stock_status {
        OK = 10, "OK";
        ATTENTION = 50, "Attention needed";
        DAMAGED = 55, "Damaged";
        DESTROYED = 60, "Destroyed";
        REJECTED = 65, "Rejected";
        LOST = 70, "Lost";
        QUARANTINED = 75, "Quarantined";
        RETURNED = 85, "Returned";
    }
);

/// Stock statuses that count as available stock.
pub const STOCK_AVAILABLE: [i32; 4] = [
    stock_status::OK,
    stock_status::ATTENTION,
    stock_status::DAMAGED,
    stock_status::RETURNED,
];

status_set!(
    /// Kind of a stock tracking (history) entry.
    STOCK_HISTORY, "StockHistoryCode", history {
        LEGACY = 0, "Legacy stock tracking entry";
        CREATED = 1, "Stock item created";
        EDITED = 5, "Edited stock item";
        ASSIGNED_SERIAL = 6, "Assigned serial number";
        STOCK_COUNT = 10, "Stock counted";
        STOCK_ADD = 11, "Stock manually added";
        STOCK_REMOVE = 12, "Stock manually removed";
        STOCK_SERIALIZED = 13, "Serialized stock items";
        RETURNED_TO_STOCK = 15, "Returned to stock";
        STOCK_MOVE = 20, "Location changed";
        STOCK_UPDATE = 25, "Stock updated";
        INSTALLED_INTO_ASSEMBLY = 30, "Installed into assembly";
        REMOVED_FROM_ASSEMBLY = 31, "Removed from assembly";
        INSTALLED_CHILD_ITEM = 35, "Installed component item";
        REMOVED_CHILD_ITEM = 36, "Removed component item";
        SPLIT_FROM_PARENT = 40, "Split from parent item";
        SPLIT_CHILD_ITEM = 42, "Split child item";
        MERGED_STOCK_ITEMS = 45, "Merged stock items";
        DISASSEMBLED = 46, "Disassembled into components";
        CREATED_FROM_DISASSEMBLY = 47, "Created from disassembly";
        CONVERTED_TO_VARIANT = 48, "Converted to variant";
        BUILD_OUTPUT_CREATED = 50, "Build order output created";
        BUILD_OUTPUT_COMPLETED = 55, "Build order output completed";
        BUILD_OUTPUT_REJECTED = 56, "Build order output rejected";
        BUILD_CONSUMED = 57, "Consumed by build order";
        SHIPPED_AGAINST_SALES_ORDER = 60, "Shipped against Sales Order";
        RECEIVED_AGAINST_PURCHASE_ORDER = 70, "Received against Purchase Order";
        RETURNED_AGAINST_RETURN_ORDER = 80, "Returned against Return Order";
        SENT_TO_CUSTOMER = 100, "Sent to customer";
        RETURNED_FROM_CUSTOMER = 105, "Returned from customer";
    }
);

status_set!(
    /// Status of a purchase order.
    PURCHASE_ORDER_STATUS, "PurchaseOrderStatus", po_status {
        PENDING = 10, "Pending";
        PLACED = 20, "Placed";
        ON_HOLD = 25, "On Hold";
        COMPLETE = 30, "Complete";
        CANCELLED = 40, "Cancelled";
        LOST = 50, "Lost";
        RETURNED = 60, "Returned";
    }
);

status_set!(
    /// Status of a sales order.
    SALES_ORDER_STATUS, "SalesOrderStatus", so_status {
        PENDING = 10, "Pending";
        IN_PROGRESS = 15, "In Progress";
        SHIPPED = 20, "Shipped";
        ON_HOLD = 25, "On Hold";
        COMPLETE = 30, "Complete";
        CANCELLED = 40, "Cancelled";
        LOST = 50, "Lost";
        RETURNED = 60, "Returned";
    }
);

status_set!(
    /// Status of a return order.
    RETURN_ORDER_STATUS, "ReturnOrderStatus", ro_status {
        PENDING = 10, "Pending";
        IN_PROGRESS = 20, "In Progress";
        ON_HOLD = 25, "On Hold";
        COMPLETE = 30, "Complete";
        CANCELLED = 40, "Cancelled";
    }
);

status_set!(
    /// What happens to one returned line of a return order.
    RETURN_ORDER_LINE_STATUS, "ReturnOrderLineStatus", ro_line_status {
        PENDING = 10, "Pending";
        RETURN = 20, "Return";
        REPAIR = 30, "Repair";
        REPLACE = 40, "Replace";
        REFUND = 50, "Refund";
        REJECT = 60, "Reject";
    }
);

status_set!(
    /// Status of a build order.
    BUILD_STATUS, "BuildStatus", build_status {
        PENDING = 10, "Pending";
        PRODUCTION = 20, "Production";
        ON_HOLD = 25, "On Hold";
        CANCELLED = 30, "Cancelled";
        COMPLETE = 40, "Complete";
    }
);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn lookups_by_number_and_name_agree() {
        for set in [
            STOCK_STATUS,
            STOCK_HISTORY,
            PURCHASE_ORDER_STATUS,
            SALES_ORDER_STATUS,
            RETURN_ORDER_STATUS,
            RETURN_ORDER_LINE_STATUS,
            BUILD_STATUS,
        ] {
            for code in set.codes {
                assert_eq!(set.get(code.value), Some(code));
                assert_eq!(set.by_name(code.name), Some(code));
            }
        }
        assert_eq!(STOCK_STATUS.label(stock_status::OK), "OK");
        assert!(!STOCK_STATUS.contains(11));
        assert_eq!(history::RECEIVED_AGAINST_PURCHASE_ORDER, 70);
    }
}
