//! Finding every barcode in a camera frame: PNG or JPEG bytes in, decoded codes out.
//!
//! Pure CPU work with no store or HTTP: callers run it off the async runtime.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};
use rxing::{BarcodeFormat, DecodeHints, Exceptions};

/// The largest frame accepted, per side: well above any camera a phone or webcam has, and
/// a bound on the memory a tiny compressed file can ask for.
const MAX_SIDE: u32 = 8192;
/// Codes reported from one frame at most; each one is then looked up in the store.
pub const MAX_CODES: usize = 32;

/// One barcode found in a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub text: String,
    pub format: &'static str,
    /// The corners (2D codes) or end points (1D codes) in image pixels.
    pub points: Vec<(f32, f32)>,
}

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// Neither PNG nor JPEG by its first bytes.
    NotPngOrJpeg,
    /// PNG or JPEG by its first bytes, but unreadable or too large once decoded.
    Corrupt,
}

/// The image format of `bytes` by their signature, when it is one this server reads.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg)) => Some(format),
        _ => None,
    }
}

/// Decodes the frame and returns every barcode in it, top to bottom, then left to right.
/// A readable frame with no barcode gives an empty list.
pub fn detect(bytes: &[u8]) -> Result<Vec<Detected>, FrameError> {
    let format = sniff(bytes).ok_or(FrameError::NotPngOrJpeg)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let frame = reader.decode().map_err(|_| FrameError::Corrupt)?;
    let luma = frame.into_luma8();
    let (width, height) = luma.dimensions();
    let mut hints = DecodeHints {
        TryHarder: Some(true),
        ..DecodeHints::default()
    };
    let results = match rxing::helpers::detect_multiple_in_luma_with_hints(
        luma.into_raw(),
        width,
        height,
        &mut hints,
    ) {
        Ok(results) => results,
        // The reader reports "nothing here" as an error.
        Err(Exceptions::NotFoundException(_)) => Vec::new(),
        Err(error) => {
            tracing::debug!(%error, "barcode reader failed on a frame");
            Vec::new()
        }
    };
    let mut found: Vec<Detected> = results
        .iter()
        .map(|r| Detected {
            text: r.getText().to_owned(),
            format: format_name(r.getBarcodeFormat()),
            points: r.getPoints().iter().map(|p| (p.x, p.y)).collect(),
        })
        .collect();
    found.sort_by(|a, b| {
        let key = |d: &Detected| d.points.first().map_or((0.0, 0.0), |&(x, y)| (y, x));
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    found.truncate(MAX_CODES);
    Ok(found)
}

/// The snake-case name of a symbology, as the API reports it.
fn format_name(format: &BarcodeFormat) -> &'static str {
    match format {
        BarcodeFormat::QR_CODE => "qr_code",
        BarcodeFormat::MICRO_QR_CODE => "micro_qr_code",
        BarcodeFormat::RECTANGULAR_MICRO_QR_CODE => "rmqr_code",
        BarcodeFormat::DATA_MATRIX => "data_matrix",
        BarcodeFormat::CODE_128 => "code_128",
        BarcodeFormat::CODE_39 => "code_39",
        BarcodeFormat::CODE_93 => "code_93",
        BarcodeFormat::CODABAR => "codabar",
        BarcodeFormat::EAN_13 => "ean_13",
        BarcodeFormat::EAN_8 => "ean_8",
        BarcodeFormat::UPC_A => "upc_a",
        BarcodeFormat::UPC_E => "upc_e",
        BarcodeFormat::ITF => "itf",
        BarcodeFormat::RSS_14 => "rss_14",
        BarcodeFormat::RSS_EXPANDED => "rss_expanded",
        BarcodeFormat::AZTEC => "aztec",
        BarcodeFormat::PDF_417 => "pdf_417",
        BarcodeFormat::MAXICODE => "maxicode",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_png_and_jpeg_signatures_are_accepted() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n rest"), Some(ImageFormat::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0 rest"), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"GIF89a rest"), None);
        assert_eq!(sniff(b"hello"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn truncated_images_are_corrupt_not_a_panic() {
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n"), Err(FrameError::Corrupt));
        assert_eq!(
            detect(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Err(FrameError::Corrupt)
        );
        assert_eq!(detect(b"plain text"), Err(FrameError::NotPngOrJpeg));
    }
}
