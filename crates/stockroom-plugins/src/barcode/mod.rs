//! Barcode plugins: who recognises a scanned barcode, and who writes internal barcodes.
//!
//! Scans ask every plugin in a fixed order and the first match wins: the built-in
//! `InvenTreeBarcode` plugin (internal formats, then linked external barcodes), then the
//! supplier, GS1 and user-script plugins as they are added.

mod internal;

use stockroom_core::ModelType;
use stockroom_core::barcode::{Format, ShortBarcodePrefix};
use stockroom_store::Store;

pub use internal::InvenTreeBarcode;

/// What a scan found: one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanMatch {
    pub model: ModelType,
    pub pk: i64,
}

/// A plugin's failure, logged by the dispatcher and otherwise ignored.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PluginError(pub String);

impl From<stockroom_store::StoreError> for PluginError {
    fn from(error: stockroom_store::StoreError) -> PluginError {
        PluginError(error.to_string())
    }
}

/// The barcode settings a scan or generation depends on, read once per request.
#[derive(Debug, Clone)]
pub struct BarcodeSettings {
    pub format: Format,
    pub prefix: ShortBarcodePrefix,
}

impl Default for BarcodeSettings {
    fn default() -> BarcodeSettings {
        BarcodeSettings {
            format: Format::Short,
            prefix: ShortBarcodePrefix::default(),
        }
    }
}

/// What a plugin may look at during a scan.
#[derive(Debug)]
pub struct ScanContext<'a> {
    pub store: &'a Store,
    pub settings: &'a BarcodeSettings,
}

/// A barcode plugin.
pub trait BarcodePlugin: Send + Sync + std::fmt::Debug {
    /// The plugin's name as scan responses report it (`InvenTreeBarcode`).
    fn name(&self) -> &'static str;

    /// The plugin's slug (`inventreebarcode`).
    fn slug(&self) -> &'static str;

    /// The object `data` names, if this plugin recognises it.
    fn scan(&self, context: &ScanContext<'_>, data: &str)
    -> Result<Option<ScanMatch>, PluginError>;

    /// This plugin's barcode for an object, if it generates barcodes.
    fn generate(&self, _settings: &BarcodeSettings, _model: ModelType, _pk: i64) -> Option<String> {
        None
    }
}

/// The result of asking every plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanOutcome {
    Match {
        plugin: &'static str,
        found: ScanMatch,
    },
    NoMatch,
}

/// The plugins, in the order they are asked.
#[derive(Debug)]
pub struct Registry {
    plugins: Vec<Box<dyn BarcodePlugin>>,
}

impl Default for Registry {
    /// The built-in plugins.
    fn default() -> Registry {
        Registry {
            plugins: vec![Box::new(InvenTreeBarcode)],
        }
    }
}

impl Registry {
    /// A registry of exactly these plugins, in this order.
    pub fn new(plugins: Vec<Box<dyn BarcodePlugin>>) -> Registry {
        Registry { plugins }
    }

    /// Asks each plugin in turn; the first match wins. A plugin that fails is logged and
    /// skipped.
    pub fn scan(&self, context: &ScanContext<'_>, data: &str) -> ScanOutcome {
        for plugin in &self.plugins {
            match plugin.scan(context, data) {
                Ok(Some(found)) => {
                    return ScanOutcome::Match {
                        plugin: plugin.name(),
                        found,
                    };
                }
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(plugin = plugin.slug(), %error, "barcode plugin failed; skipped")
                }
            }
        }
        ScanOutcome::NoMatch
    }

    /// The barcode of an object, from the plugin named by `generator` (the setting
    /// `BARCODE_GENERATION_PLUGIN`), falling back to the built-in plugin.
    pub fn generate(
        &self,
        generator: &str,
        settings: &BarcodeSettings,
        model: ModelType,
        pk: i64,
    ) -> String {
        self.plugins
            .iter()
            .find(|p| p.slug() == generator)
            .and_then(|p| p.generate(settings, model, pk))
            .unwrap_or_else(|| InvenTreeBarcode.generate_internal(settings, model, pk))
    }

    /// The slugs and names of the plugins that generate barcodes.
    pub fn generators(&self) -> Vec<(&'static str, &'static str)> {
        self.plugins
            .iter()
            .filter(|p| {
                p.generate(&BarcodeSettings::default(), ModelType::Part, 1)
                    .is_some()
            })
            .map(|p| (p.slug(), p.name()))
            .collect()
    }
}
