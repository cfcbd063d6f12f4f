//! Stockroom's labels: barcode symbols drawn as vector paths, label templates written as SVG
//! in Jinja syntax, and PDF output.
//!
//! Everything here is pure: no I/O, no async runtime, no database. The server and the CLI
//! fetch the objects, build a [`template::LabelContext`] for each and call [`render_pdf`].

pub mod number;
pub mod symbol;
