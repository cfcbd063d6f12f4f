//! The receive form of a placed purchase order: one line's goods into stock, with a batch
//! code and serial numbers, through the same store operation as the API's `receive/`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use stockroom_core::status::stock_status;
use stockroom_store::orders::{Receipt, ReceiveEntry};
use stockroom_store::settings::SettingScope;
use stockroom_store::stock::ActionError;

use super::{LIST, order_page};
use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::{ApiError, run};
use crate::web::fields::Reader;
use crate::web::forms::accept;
use crate::web::page::{WebError, see_other};
use crate::web::session::Viewer;
use crate::web::view::{Typed, refusal_errors};

/// POST `/web/purchasing/purchase-order/{pk}/receive`.
#[tracing::instrument(skip_all)]
pub(crate) async fn receive(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "PurchaseOrder", RuleSet::PurchaseOrder)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let line = reader.required_link("line_item", "purchaseorderlineitem");
    let quantity = reader.quantity("quantity", false);
    let location = reader.link("location", "stocklocation");
    let entry = ReceiveEntry {
        line: line.unwrap_or_default(),
        quantity: quantity.unwrap_or_default(),
        location,
        status: stock_status::OK,
        batch: reader.text("batch_code"),
        expiry_date: None,
        serial_numbers: reader.text("serial_numbers"),
        packaging: String::new(),
        note: String::new(),
    };
    let mut errors = reader.errors.clone();
    if errors.is_empty() {
        let mut links = reader.links();
        let user = viewer.auth.user.id;
        let outcome = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            let max = store
                .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY);
            let receipt = Receipt {
                order: pk,
                location: None,
                entries: vec![entry],
                max_serials: max,
            };
            match store.receive_purchase_order(&receipt, Some(user)) {
                Ok(_) => Ok(Ok(())),
                Err(ActionError::Refused(refusal)) => Ok(Err(refusal_errors(refusal))),
                Err(ActionError::Store(e)) => {
                    super::super::view::outcome(Err::<(), ApiError>(e.into()))
                }
            }
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "PurchaseOrder", e))?;
        match outcome {
            Ok(()) => return Ok(see_other(&format!("{LIST}{pk}?done=received"))),
            Err(found) => errors = found,
        }
    }
    let typed = Typed {
        form: "receive",
        data,
        errors,
    };
    order_page(
        &state,
        &viewer,
        pk,
        &crate::web::forms::FormData::default(),
        Some(&typed),
    )
    .await
}
