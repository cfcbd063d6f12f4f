//! Stockroom's plugins: the traits, the built-in implementations and the order in which they
//! are asked.
//!
//! Plugins are synchronous, like the store they read: the server runs a scan on a blocking
//! thread. A plugin that fails is logged and skipped; it never fails the request.

pub mod barcode;
pub mod validation;
