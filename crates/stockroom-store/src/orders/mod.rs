//! Purchase, sales and return orders, and build orders.

mod build_alloc;
mod build_complete;
mod build_lines;
mod build_orders;
mod build_outputs;
mod build_rows;
mod build_status;
mod builds;
mod purchase;
mod purchase_list;
mod purchase_ops;
mod purchase_receive;
mod references;
mod returns;
mod sales;
mod sales_list;
mod sales_stock;
mod sales_write;
pub(crate) mod stock_moves;

pub use build_alloc::AllocationRequest as BuildAllocationRequest;
pub use build_lines::LineState;
pub use build_orders::{BuildOrder, BuildQuery, BuildRow};
pub use build_rows::{AllocationRow as BuildAllocationRow, BuildItemQuery, LineRow};
pub use build_status::{FinishOptions, Overallocation};
/// Build statuses that still hold allocations and take outputs.
pub const BUILD_ACTIVE_CODES: [i32; 3] = stock_moves::BUILD_ACTIVE;
pub use build_complete::{CompleteOutputs, ScrapOutputs};
pub use build_outputs::{ItemsError, NewOutputs, OutputsError};
pub use builds::*;
pub use purchase::*;
pub use purchase_list::*;
pub use purchase_ops::{PO_OPEN, PoTransition};
pub use purchase_receive::{Receipt, ReceiveEntry};
pub use references::OrderKind;
pub use returns::*;
pub use sales::*;
pub use sales_list::*;
pub use sales_stock::{
    AllocationRequest as SalesAllocationRequest, ShipDetails, text as stock_text,
};
pub use sales_write::text as sales_text;

/// The integer inside an order reference (`PO-0042` gives 42), used to sort references and
/// to find the next one. References without digits give 0.
pub fn reference_int(reference: &str) -> i64 {
    let digits: String = reference
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    // Clipped like serial numbers' sort keys, so a long digit run cannot overflow.
    let clip = i64::from(i32::MAX);
    match digits.parse::<i64>() {
        Ok(n) => n.min(clip),
        Err(_) if !digits.is_empty() => clip,
        Err(_) => 0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::reference_int;

    #[test]
    fn references_sort_by_their_first_number() {
        assert_eq!(reference_int("PO-0042"), 42);
        assert_eq!(reference_int("SO-12-B7"), 12);
        assert_eq!(reference_int("none"), 0);
        assert_eq!(reference_int("X99999999999999999999"), i64::from(i32::MAX));
    }
}
