//! Scan history, written off the request path.
//!
//! Scans are queued on a bounded channel and written in batches by one task; each batch is
//! inserted and pruned to `BARCODE_RESULTS_MAX_NUM` in one transaction, so the table never
//! holds more than the cap after a commit. Recording never fails or slows a scan: when the
//! queue is full (the database is far behind), the record is dropped and a warning logged.

use std::time::Duration;

use stockroom_store::Store;
use stockroom_store::barcodes::NewBarcodeScan;
use tokio::sync::mpsc;

use super::settings::SettingsCache;

const QUEUE: usize = 10_000;
const BATCH: usize = 5_000;
/// How long the writer waits for more scans before writing what it has.
const LINGER: Duration = Duration::from_millis(50);

/// The sending side, held by the server state.
#[derive(Debug, Clone)]
pub struct ScanRecorder {
    sender: Option<mpsc::Sender<NewBarcodeScan>>,
}

impl ScanRecorder {
    /// Starts the writer task on the current runtime (none outside a runtime: then scans are
    /// not recorded, which only happens in tools that build the app without serving it).
    pub fn start(store: Store, settings: SettingsCache) -> ScanRecorder {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return ScanRecorder { sender: None };
        };
        let (sender, receiver) = mpsc::channel(QUEUE);
        runtime.spawn(write_batches(receiver, store, settings));
        ScanRecorder {
            sender: Some(sender),
        }
    }

    /// Queues one scan.
    pub fn record(&self, scan: NewBarcodeScan) {
        if let Some(sender) = &self.sender
            && sender.try_send(scan).is_err()
        {
            tracing::warn!("barcode scan history queue is full; a scan was not recorded");
        }
    }
}

async fn write_batches(
    mut receiver: mpsc::Receiver<NewBarcodeScan>,
    store: Store,
    settings: SettingsCache,
) {
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        let deadline = tokio::time::Instant::now() + LINGER;
        while batch.len() < BATCH {
            match tokio::time::timeout_at(deadline, receiver.recv()).await {
                Ok(Some(scan)) => batch.push(scan),
                Ok(None) | Err(_) => break,
            }
        }
        let store = store.clone();
        let settings = settings.clone();
        let written = tokio::task::spawn_blocking(move || {
            let current = settings.get(&store)?;
            if !current.store_results {
                return Ok(());
            }
            store.record_scans(&batch, current.max_results)
        })
        .await;
        match written {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "could not record barcode scans"),
            Err(error) => tracing::error!(%error, "barcode scan recorder task failed"),
        }
    }
}
