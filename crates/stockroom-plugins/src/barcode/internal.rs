//! The built-in `InvenTreeBarcode` plugin: internal barcodes first, then linked external
//! barcodes, as InvenTree's plugin answers both.

use stockroom_core::ModelType;
use stockroom_core::barcode::{BarcodeHash, generate, parse_internal};

use super::{BarcodePlugin, BarcodeSettings, PluginError, ScanContext, ScanMatch};

/// Recognises and generates Stockroom's (and InvenTree's) internal barcodes, and finds
/// external barcodes linked to objects.
#[derive(Debug, Clone, Copy, Default)]
pub struct InvenTreeBarcode;

impl InvenTreeBarcode {
    /// The internal barcode of an object in the configured format.
    pub fn generate_internal(
        &self,
        settings: &BarcodeSettings,
        model: ModelType,
        pk: i64,
    ) -> String {
        generate(model, pk, settings.format, &settings.prefix)
    }
}

impl BarcodePlugin for InvenTreeBarcode {
    fn name(&self) -> &'static str {
        "InvenTreeBarcode"
    }

    fn slug(&self) -> &'static str {
        "inventreebarcode"
    }

    fn scan(
        &self,
        context: &ScanContext<'_>,
        data: &str,
    ) -> Result<Option<ScanMatch>, PluginError> {
        // Internal codes name objects directly; the first that exists wins (InvenTree's
        // model order for JSON objects with several keys). Then any barcode linked to an
        // object, by the unique index on its hash. Both in one read of the store.
        let candidates: Vec<(ModelType, i64)> = parse_internal(data, &context.settings.prefix)
            .into_iter()
            .map(|c| (c.model, c.pk))
            .collect();
        let hash = BarcodeHash::of(data).to_hex();
        Ok(context
            .store
            .resolve_barcode(&candidates, &hash)?
            .map(|(model, pk, _)| ScanMatch { model, pk }))
    }

    fn generate(&self, settings: &BarcodeSettings, model: ModelType, pk: i64) -> Option<String> {
        Some(self.generate_internal(settings, model, pk))
    }
}
