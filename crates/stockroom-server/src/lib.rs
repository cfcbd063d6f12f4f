//! Stockroom's HTTP server: the InvenTree-compatible REST API under `/api/` and the
//! server-rendered web interface under `/web/`.
//!
//! The server is built from a bound listener and a [`Store`], so tests can run it on port 0
//! against a fresh database. Store operations are synchronous and run on blocking threads.

mod api;
mod health;
mod web;

pub mod labels;

/// Finding barcodes in camera frames, as `POST /api/barcode/decode-image/` does; public for
/// the benchmarks.
pub mod frames {
    pub use crate::api::barcode::detect::{Detected, FrameError, MAX_CODES, detect, sniff};
}

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use stockroom_store::Store;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

/// The InvenTree API version whose shapes Stockroom follows.
pub const INVENTREE_API_VERSION: u32 = 530;
/// The InvenTree release of that API version.
pub const INVENTREE_VERSION: &str = "1.5.0";
/// Stockroom's own version.
pub const STOCKROOM_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the server needs to know beyond the database.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The instance name shown to clients (`instance` in `/api/`).
    pub instance_name: String,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            instance_name: "Stockroom".into(),
            max_body_bytes: 2 * 1024 * 1024,
        }
    }
}

/// Shared state of every request.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<ServerConfig>,
    pub(crate) sign_ins: api::limits::SignInLimiter,
    pub(crate) credentials: api::limits::CredentialCache,
    pub(crate) token_auths: api::limits::AuthCache,
    pub(crate) barcodes: Arc<stockroom_plugins::barcode::Registry>,
    pub(crate) barcode_settings: api::barcode::settings::SettingsCache,
    pub(crate) scan_recorder: api::barcode::recorder::ScanRecorder,
    pub(crate) validators: Arc<stockroom_plugins::validation::Validators>,
    pub(crate) labels_seeded: api::LabelsSeeded,
}

impl AppState {
    /// The state of a server on `store`. Inside a Tokio runtime this also starts the task
    /// that writes the barcode scan history.
    pub fn new(store: Store, config: ServerConfig) -> AppState {
        let barcode_settings = api::barcode::settings::SettingsCache::default();
        let scan_recorder =
            api::barcode::recorder::ScanRecorder::start(store.clone(), barcode_settings.clone());
        AppState {
            store,
            config: Arc::new(config),
            sign_ins: Default::default(),
            credentials: Default::default(),
            token_auths: Default::default(),
            barcodes: Arc::new(stockroom_plugins::barcode::Registry::default()),
            barcode_settings,
            scan_recorder,
            validators: Arc::new(stockroom_plugins::validation::Validators::new()),
            labels_seeded: Default::default(),
        }
    }

    /// The same state with these validation plugins consulted before the built-in rules.
    pub fn with_validators(
        mut self,
        validators: stockroom_plugins::validation::Validators,
    ) -> AppState {
        self.validators = Arc::new(validators);
        self
    }
}

/// The complete application: every route and middleware.
pub fn app(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    Router::new()
        .merge(health::router())
        .merge(api::router())
        .merge(web::router())
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the application on a bound listener until `shutdown` completes, then finishes
/// the requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
