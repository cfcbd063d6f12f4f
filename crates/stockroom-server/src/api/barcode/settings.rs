//! Barcode settings, read from the database at most once a second per process.
//!
//! A scan needs the short-barcode prefix, the generation format and the history settings.
//! Reading them on every scan would double its cost; a change made through this process is
//! seen at once, a change made through another process within a second.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stockroom_core::barcode::{Format, ShortBarcodePrefix};
use stockroom_core::settings::{self, SettingDef};
use stockroom_plugins::barcode::BarcodeSettings;
use stockroom_store::Store;
use stockroom_store::settings::SettingScope;

const FRESH_FOR: Duration = Duration::from_secs(1);

/// The settings a scan depends on.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    pub barcode: BarcodeSettings,
    pub generator: String,
    pub store_results: bool,
    pub max_results: i64,
}

#[derive(Debug, Default)]
struct Cached {
    value: Option<(ScanSettings, Instant)>,
}

/// The shared cache.
#[derive(Debug, Clone, Default)]
pub struct SettingsCache {
    inner: Arc<Mutex<Cached>>,
}

/// A global setting's value read with its definition (its default when never stored).
fn global_def(key: &str) -> Option<&'static SettingDef> {
    settings::find(settings::GLOBAL, key)
}

fn load(store: &Store) -> Result<ScanSettings, stockroom_store::StoreError> {
    let global = store.settings(SettingScope::Global)?;
    let plugin = store.settings(SettingScope::Plugin("inventreebarcode"))?;
    let get = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let format = get(&plugin, "INTERNAL_BARCODE_FORMAT")
        .and_then(|v| v.parse::<Format>().ok())
        .unwrap_or(Format::Short);
    let prefix = get(&plugin, "SHORT_BARCODE_PREFIX")
        .and_then(|v| ShortBarcodePrefix::parse(&v).ok())
        .unwrap_or_default();
    let stored = |key: &str| get(&global, key);
    let store_results = global_def("BARCODE_STORE_RESULTS")
        .is_some_and(|d| d.as_bool(stored("BARCODE_STORE_RESULTS").as_deref()));
    let max_results = global_def("BARCODE_RESULTS_MAX_NUM").map_or(100, |d| {
        d.as_int(stored("BARCODE_RESULTS_MAX_NUM").as_deref())
    });
    let generator =
        get(&global, "BARCODE_GENERATION_PLUGIN").unwrap_or_else(|| "inventreebarcode".into());
    Ok(ScanSettings {
        barcode: BarcodeSettings { format, prefix },
        generator,
        store_results,
        max_results: max_results.max(1),
    })
}

impl SettingsCache {
    /// The current settings (from the cache when fresh).
    pub fn get(&self, store: &Store) -> Result<ScanSettings, stockroom_store::StoreError> {
        if let Ok(cached) = self.inner.lock()
            && let Some((value, at)) = &cached.value
            && at.elapsed() < FRESH_FOR
        {
            return Ok(value.clone());
        }
        let value = load(store)?;
        if let Ok(mut cached) = self.inner.lock() {
            cached.value = Some((value.clone(), Instant::now()));
        }
        Ok(value)
    }

    /// The cached settings if fresh, without touching the database.
    pub fn peek(&self) -> Option<ScanSettings> {
        let cached = self.inner.lock().ok()?;
        cached
            .value
            .as_ref()
            .filter(|(_, at)| at.elapsed() < FRESH_FOR)
            .map(|(v, _)| v.clone())
    }

    /// Forgets the cached settings (after a setting is changed through this process).
    pub fn invalidate(&self) {
        if let Ok(mut cached) = self.inner.lock() {
            cached.value = None;
        }
    }
}
