//! Label print jobs: stored objects into label contexts, rendered with a template into one
//! PDF. Shared by the API (`/api/label/print/`) and the CLI (`stockroom label render`).
//! Rendering is CPU work: async callers run it on a blocking thread.

use serde_json::{Value, json};
use stockroom_core::ModelType;
use stockroom_labels::pdf::Layout;
use stockroom_labels::render_labels;
use stockroom_labels::template::{BUILTIN_TEMPLATES, LabelSize, LabelTemplate};
use stockroom_plugins::barcode::Registry;
use stockroom_store::labels::{LabelObjects, NewLabelTemplate};
use stockroom_store::stock::StockItem;
use stockroom_store::{Store, StoreError};

use crate::api::barcode::settings::SettingsCache;

/// The models labels can be printed for.
pub const LABEL_MODELS: [&str; 3] = ["stockitem", "stocklocation", "part"];

/// Why a job gave no PDF.
#[derive(Debug, thiserror::Error)]
pub enum LabelJobError {
    /// The template text does not compile, or its size is wrong.
    #[error("{0}")]
    Template(String),
    /// One label failed: the object, and the template's message (with its line).
    #[error("{model} {pk}: {message}")]
    Label {
        model: String,
        pk: i64,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The built-in templates as rows to seed.
pub fn builtin_templates() -> Vec<NewLabelTemplate> {
    BUILTIN_TEMPLATES
        .iter()
        .map(|t| NewLabelTemplate {
            name: t.name.to_owned(),
            description: t.description.to_owned(),
            model_type: t.model_type.to_owned(),
            template: t.source.to_owned(),
            filename: format!("{}.svg", t.name),
            width: t.width,
            height: t.height,
            filters: String::new(),
            enabled: true,
            builtin_key: Some(t.name.to_owned()),
        })
        .collect()
}

/// Compiles a template text; the error names the line.
pub fn compile(source: &str, width: f64, height: f64) -> Result<LabelTemplate, LabelJobError> {
    let size = LabelSize::new(width, height).map_err(|e| LabelJobError::Template(e.to_string()))?;
    LabelTemplate::compile(source, size).map_err(|e| LabelJobError::Template(e.to_string()))
}

/// Compiles a template text and checks it calls only functions that exist, as an upload
/// must be checked before it is stored.
pub fn compile_checked(
    source: &str,
    width: f64,
    height: f64,
) -> Result<LabelTemplate, LabelJobError> {
    let template = compile(source, width, height)?;
    template
        .check()
        .map_err(|e| LabelJobError::Template(e.to_string()))?;
    Ok(template)
}

/// Renders labels for `pks` of `model` into one PDF. `progress` gets the labels done so far.
pub fn render_job(
    store: &Store,
    template: &LabelTemplate,
    model: &str,
    pks: &[i64],
    layout: &Layout,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, LabelJobError> {
    let contexts = contexts(store, model, pks)?;
    render_labels(template, &contexts, layout, progress).map_err(|e| match e.index() {
        Some(i) => LabelJobError::Label {
            model: model.to_owned(),
            pk: pks.get(i).copied().unwrap_or_default(),
            message: e.to_string(),
        },
        None => LabelJobError::Template(e.to_string()),
    })
}

/// One JSON context per pk: `item`, `part`, `location` as the model has them.
pub fn contexts(store: &Store, model: &str, pks: &[i64]) -> Result<Vec<Value>, LabelJobError> {
    let objects = store.label_objects(model, pks)?;
    let settings = SettingsCache::default().get(store)?;
    let registry = Registry::default();
    let barcode = |model: ModelType, pk: i64| {
        registry.generate(&settings.generator, &settings.barcode, model, pk)
    };
    Ok(build_contexts(&objects, &barcode))
}

fn build_contexts(
    objects: &LabelObjects,
    barcode: &dyn Fn(ModelType, i64) -> String,
) -> Vec<Value> {
    let part = |p: &stockroom_store::parts::Part| {
        json!({
            "pk": p.id,
            "name": p.name,
            "description": p.description,
            "IPN": p.ipn.clone().unwrap_or_default(),
            "revision": p.revision,
            "units": p.units,
            "barcode": barcode(ModelType::Part, p.id),
        })
    };
    let location = |l: &stockroom_store::locations::Location| {
        json!({
            "pk": l.id,
            "name": l.name,
            "description": l.description,
            "path": l.pathstring,
            "pathstring": l.pathstring,
            "barcode": barcode(ModelType::StockLocation, l.id),
        })
    };
    let mut out = Vec::new();
    for item in &objects.items {
        out.push(json!({
            "item": item_fields(item, barcode),
            "part": objects.related_parts.get(&item.part_id).map(part),
            "location": item.location_id.and_then(|id| objects.related_locations.get(&id)).map(location),
        }));
    }
    out.extend(objects.parts.iter().map(|p| json!({"part": part(p)})));
    out.extend(
        objects
            .locations
            .iter()
            .map(|l| json!({"location": location(l)})),
    );
    out
}

fn item_fields(item: &StockItem, barcode: &dyn Fn(ModelType, i64) -> String) -> Value {
    let q = item.quantity();
    let quantity = q.as_whole().map_or_else(|| json!(q.to_f64()), |n| json!(n));
    json!({
        "pk": item.id,
        "barcode": barcode(ModelType::StockItem, item.id),
        "serial": item.serial.clone().unwrap_or_default(),
        "batch": item.batch.clone().unwrap_or_default(),
        "quantity": quantity,
        "status": item.status,
        "packaging": item.packaging,
        "expiry_date": item.expiry_date.map(|d| d.to_string()),
        "link": item.link,
    })
}
