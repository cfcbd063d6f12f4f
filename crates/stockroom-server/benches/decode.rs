//! Decoding a 1280x720 JPEG webcam frame: one QR code, and five codes of mixed symbologies.

use criterion::{Criterion, criterion_group, criterion_main};
use image::{ImageEncoder, Rgb, RgbImage};
use rxing::{BarcodeFormat, MultiFormatWriter, Writer};

/// Draws `text` as `format` at (`x`, `y`), `module` pixels per module, 1D bars `bar` tall.
fn draw(
    image: &mut RgbImage,
    format: BarcodeFormat,
    text: &str,
    at: (u32, u32),
    module: u32,
    bar: u32,
) {
    let Ok(matrix) = MultiFormatWriter.encode(text, &format, 0, 0) else {
        panic!("cannot encode {text} as {format}");
    };
    let height = if matrix.height() == 1 { bar } else { module };
    for row in 0..matrix.height() {
        for column in 0..matrix.width() {
            if matrix.get(column, row) {
                for dy in 0..height {
                    for dx in 0..module {
                        let (x, y) = (at.0 + column * module + dx, at.1 + row * height + dy);
                        image.put_pixel(x, y, Rgb([0, 0, 0]));
                    }
                }
            }
        }
    }
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    if let Err(error) =
        encoder.write_image(image.as_raw(), 1280, 720, image::ExtendedColorType::Rgb8)
    {
        panic!("cannot encode the frame: {error}");
    }
    out
}

fn frames() -> (Vec<u8>, Vec<u8>) {
    let blank = RgbImage::from_pixel(1280, 720, Rgb([255, 255, 255]));
    let mut one = blank.clone();
    draw(
        &mut one,
        BarcodeFormat::QR_CODE,
        "INV-SI1234",
        (500, 200),
        8,
        0,
    );
    let mut five = blank;
    draw(
        &mut five,
        BarcodeFormat::QR_CODE,
        "INV-SI1234",
        (60, 60),
        7,
        0,
    );
    draw(
        &mut five,
        BarcodeFormat::DATA_MATRIX,
        "BIN-A-0042",
        (520, 80),
        10,
        0,
    );
    draw(
        &mut five,
        BarcodeFormat::QR_CODE,
        "https://example.invalid/shelf/7",
        (930, 60),
        7,
        0,
    );
    draw(
        &mut five,
        BarcodeFormat::CODE_128,
        "LOT-2026-1125",
        (60, 480),
        3,
        140,
    );
    draw(
        &mut five,
        BarcodeFormat::EAN_13,
        "4006381333931",
        (760, 480),
        4,
        140,
    );
    (jpeg(&one), jpeg(&five))
}

fn decode(c: &mut Criterion) {
    let (one, five) = frames();
    let count = |bytes: &[u8]| stockroom_server::frames::detect(bytes).map(|found| found.len());
    assert_eq!(count(&one), Ok(1));
    assert_eq!(count(&five), Ok(5));
    let mut group = c.benchmark_group("decode_1280x720_jpeg");
    group.bench_function("one_qr", |b| b.iter(|| count(&one)));
    group.bench_function("five_mixed", |b| b.iter(|| count(&five)));
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
