//! Internal barcode formats and the barcode hash.
