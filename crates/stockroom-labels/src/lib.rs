//! Stockroom's labels: barcode symbols drawn as vector paths, label templates written as SVG
//! in Jinja syntax, and PDF output.
//!
//! Everything here is pure: no I/O, no async runtime, no database. The server and the CLI
//! fetch the objects, build one JSON context per label (`item`, `part`, `location`, ...) and
//! call [`render_labels`], which returns the whole PDF or an error naming the label.

pub mod number;
pub mod pdf;
pub mod symbol;
pub mod template;

use pdf::{Layout, LayoutError, PdfBuilder, SvgError};
use template::{LabelTemplate, TemplateError};

/// Why labels could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    /// The label size does not fit the layout.
    #[error(transparent)]
    Layout(#[from] LayoutError),
    /// The template failed for the label at `index` (0-based, in the order given).
    #[error("{error}")]
    Template { index: usize, error: TemplateError },
    /// The template's SVG for the label at `index` cannot be drawn.
    #[error("{error}")]
    Svg { index: usize, error: SvgError },
}

impl LabelError {
    /// Which label failed, if one did.
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::Layout(_) => None,
            Self::Template { index, .. } | Self::Svg { index, .. } => Some(*index),
        }
    }
}

/// Renders one label per context into a PDF. `progress` is called with the number of
/// labels done after each one. The first failing label stops the job; no PDF is returned.
pub fn render_labels(
    template: &LabelTemplate,
    contexts: &[serde_json::Value],
    layout: &Layout,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, LabelError> {
    let mut pdf = PdfBuilder::new(template.size(), layout)?;
    for (index, context) in contexts.iter().enumerate() {
        let svg = template
            .render(context)
            .map_err(|error| LabelError::Template { index, error })?;
        pdf.add_label(&svg)
            .map_err(|error| LabelError::Svg { index, error })?;
        progress(index + 1);
    }
    Ok(pdf.finish())
}
