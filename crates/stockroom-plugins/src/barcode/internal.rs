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
        // model order for JSON objects with several keys).
        for candidate in parse_internal(data, &context.settings.prefix) {
            if context.store.exists(candidate.model.name(), candidate.pk)? {
                return Ok(Some(ScanMatch {
                    model: candidate.model,
                    pk: candidate.pk,
                }));
            }
        }
        // Then any barcode linked to an object: one lookup of the hash's unique index. A link
        // whose object is gone is no match.
        let hash = BarcodeHash::of(data).to_hex();
        let Some(link) = context.store.barcode_link_by_hash(&hash)? else {
            return Ok(None);
        };
        let Some(model) = link.model() else {
            return Ok(None);
        };
        if !context.store.exists(model.name(), link.object_id)? {
            return Ok(None);
        }
        Ok(Some(ScanMatch {
            model,
            pk: link.object_id,
        }))
    }

    fn generate(&self, settings: &BarcodeSettings, model: ModelType, pk: i64) -> Option<String> {
        Some(self.generate_internal(settings, model, pk))
    }
}
