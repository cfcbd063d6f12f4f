//! `POST /api/barcode/decode-image/`: every barcode in a camera frame, each scanned.

use image::{ImageEncoder, Rgb, RgbImage};
use rxing::{BarcodeFormat, MultiFormatWriter, Writer};
use serde_json::{Value, json};
use stockroom_store::auth::Permissions;

use super::*;
use crate::api_test;

const PATH: &str = "/api/barcode/decode-image/";

/// A blank 1280x720 frame, the size a webcam sends.
fn frame() -> RgbImage {
    RgbImage::from_pixel(1280, 720, Rgb([255, 255, 255]))
}

/// Draws `text` as `format` with its top-left corner at (`x`, `y`): `module` pixels per
/// module, 1D codes `bar_height` pixels tall.
fn draw(
    image: &mut RgbImage,
    format: BarcodeFormat,
    text: &str,
    (x, y): (u32, u32),
    module: u32,
    bar_height: u32,
) {
    let matrix = MultiFormatWriter.encode(text, &format, 0, 0).unwrap();
    let one_d = matrix.height() == 1;
    for row in 0..matrix.height() {
        for column in 0..matrix.width() {
            if !matrix.get(column, row) {
                continue;
            }
            let height = if one_d { bar_height } else { module };
            for dy in 0..height {
                for dx in 0..module {
                    image.put_pixel(
                        x + column * module + dx,
                        y + row * height + dy,
                        Rgb([0, 0, 0]),
                    );
                }
            }
        }
    }
}

fn png(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A multipart form with one file field.
fn multipart(field: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "stockroom-test-boundary-7d1f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"frame\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn decode(client: &Client, content_type: &str, body: Vec<u8>) -> Reply {
    client
        .raw(reqwest::Method::POST, PATH, content_type, body)
        .await
}

async fn make_stock_item(client: &Client) -> i64 {
    let part = client
        .post(
            "/api/part/",
            json!({"name": "Capacitor", "description": "d"}),
        )
        .await
        .expect(201)["pk"]
        .as_i64()
        .unwrap();
    client
        .post("/api/stock/", json!({"part": part, "quantity": 5}))
        .await
        .expect(201)[0]["pk"]
        .as_i64()
        .unwrap()
}

fn texts(body: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = body["barcodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["format"].as_str().unwrap().to_owned(),
                b["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

api_test!(
    async fn a_qr_code_in_a_webcam_frame_scans_as_its_stock_item(app) {
        let admin = app.admin().await;
        let item = make_stock_item(&admin).await;
        let text = format!("INV-SI{item}");
        let mut image = frame();
        draw(&mut image, BarcodeFormat::QR_CODE, &text, (500, 200), 8, 0);
        let direct = admin.post("/api/barcode/", json!({"barcode": text})).await.expect(200);

        for (content_type, bytes) in [("image/png", png(&image)), ("image/jpeg", jpeg(&image))] {
            let body = decode(&admin, content_type, bytes.clone()).await.expect(200);
            let codes = body["barcodes"].as_array().unwrap();
            assert_eq!(codes.len(), 1, "{body}");
            assert_eq!(codes[0]["text"], text);
            assert_eq!(codes[0]["format"], "qr_code");
            assert_eq!(codes[0]["status"], 200);
            assert_eq!(codes[0]["result"]["stockitem"]["pk"], item);
            assert_eq!(codes[0]["result"], direct);
            let points = codes[0]["points"].as_array().unwrap();
            assert!(points.len() >= 3, "{body}");
            for point in points {
                let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
                assert!((500.0..800.0).contains(&x) && (200.0..500.0).contains(&y), "{point}");
            }
            // The same frame as the `image` field of a form.
            let (form_type, form) = multipart("image", content_type, &bytes);
            let body = decode(&admin, &form_type, form).await.expect(200);
            assert_eq!(body["barcodes"][0]["result"], direct);
        }
    }
);

api_test!(
    async fn five_codes_of_mixed_symbologies_are_all_found(app) {
        let admin = app.admin().await;
        let item = make_stock_item(&admin).await;
        let mut image = frame();
        draw(&mut image, BarcodeFormat::QR_CODE, &format!("INV-SI{item}"), (60, 60), 7, 0);
        draw(&mut image, BarcodeFormat::DATA_MATRIX, "BIN-A-0042", (520, 80), 10, 0);
        draw(&mut image, BarcodeFormat::QR_CODE, "https://example.invalid/shelf/7", (930, 60), 7, 0);
        draw(&mut image, BarcodeFormat::CODE_128, "LOT-2026-1125", (60, 480), 3, 140);
        draw(&mut image, BarcodeFormat::EAN_13, "4006381333931", (760, 480), 4, 140);

        for bytes in [png(&image), jpeg(&image)] {
            let body = decode(&admin, "image/jpeg", bytes).await.expect(200);
            let expected = vec![
                ("code_128".to_owned(), "LOT-2026-1125".to_owned()),
                ("data_matrix".to_owned(), "BIN-A-0042".to_owned()),
                ("ean_13".to_owned(), "4006381333931".to_owned()),
                ("qr_code".to_owned(), format!("INV-SI{item}")),
                ("qr_code".to_owned(), "https://example.invalid/shelf/7".to_owned()),
            ];
            assert_eq!(texts(&body), expected, "{body}");
            for code in body["barcodes"].as_array().unwrap() {
                if code["text"] == format!("INV-SI{item}") {
                    assert_eq!(code["status"], 200);
                    assert_eq!(code["result"]["stockitem"]["pk"], item);
                } else {
                    assert_eq!(code["status"], 400, "{code}");
                    assert_eq!(code["result"]["error"], "No match found for barcode data");
                    assert_eq!(code["result"]["barcode_data"], code["text"]);
                }
            }
        }
    }
);

api_test!(
    async fn permissions_apply_per_code_as_for_a_scan(app) {
        let admin = app.admin().await;
        let item = make_stock_item(&admin).await;
        let mut image = frame();
        draw(&mut image, BarcodeFormat::QR_CODE, &format!("INV-SI{item}"), (100, 100), 8, 0);
        let bytes = png(&image);
        decode(&app.anonymous(), "image/png", bytes.clone()).await.expect(401);

        let outsider = app.user("outsider", &[("part", Permissions::VIEW)]).await;
        let direct = outsider.post("/api/barcode/", json!({"barcode": format!("INV-SI{item}")})).await;
        let body = decode(&outsider, "image/png", bytes).await.expect(200);
        assert_eq!(body["barcodes"][0]["status"], direct.status);
        assert_eq!(body["barcodes"][0]["result"], direct.body);
        assert_eq!(direct.status, 403);
    }
);

api_test!(
    async fn frames_without_codes_give_an_empty_list(app) {
        let admin = app.admin().await;
        let body = decode(&admin, "image/jpeg", jpeg(&frame())).await.expect(200);
        assert_eq!(body, json!({"barcodes": []}));
    }
);

api_test!(
    async fn missing_empty_corrupt_foreign_and_oversized_images_are_field_errors(app) {
        let admin = app.admin().await;
        let message = |body: Value| body["image"][0].as_str().unwrap_or_else(|| panic!("{body}")).to_owned();

        let no_type = admin.send(admin.request(reqwest::Method::POST, PATH)).await.expect(400);
        assert_eq!(message(no_type), "No file was submitted.");
        let (form_type, form) = multipart("picture", "image/png", &png(&frame()));
        assert_eq!(message(decode(&admin, &form_type, form).await.expect(400)), "No file was submitted.");
        let broken_form = decode(&admin, "multipart/form-data; boundary=xyz", b"not a form".to_vec()).await.expect(400);
        assert!(message(broken_form).contains("multipart"));

        assert_eq!(message(decode(&admin, "image/png", Vec::new()).await.expect(400)), "The submitted file is empty.");
        let (form_type, form) = multipart("image", "image/png", b"");
        assert_eq!(message(decode(&admin, &form_type, form).await.expect(400)), "The submitted file is empty.");

        let mut corrupt = b"\x89PNG\r\n\x1a\n".to_vec();
        corrupt.extend(std::iter::repeat_n(0x5a, 5000));
        assert!(message(decode(&admin, "image/png", corrupt).await.expect(400)).starts_with("Upload a valid image."));
        let mut truncated = jpeg(&frame());
        truncated.truncate(600);
        assert!(message(decode(&admin, "image/jpeg", truncated).await.expect(400)).starts_with("Upload a valid image."));

        assert!(message(decode(&admin, "text/plain", b"INV-SI1".to_vec()).await.expect(400)).contains("text/plain"));
        assert!(message(decode(&admin, "image/gif", b"GIF89a....".to_vec()).await.expect(400)).contains("image/gif"));
        let gif_as_png = decode(&admin, "image/png", b"GIF89a\x01\x00\x01\x00....".to_vec()).await.expect(400);
        assert!(message(gif_as_png).contains("PNG or JPEG"));

        // Just over the limit, within the route's framing allowance: read, then refused.
        let mut big = png(&frame());
        big.resize(8 * 1024 * 1024 + 1, 0);
        assert!(message(decode(&admin, "image/png", big.clone()).await.expect(400)).contains("larger than the limit"));
        let (form_type, form) = multipart("image", "image/png", &big);
        assert!(message(decode(&admin, &form_type, form).await.expect(400)).contains("larger than the limit"));
        // Far over it: refused while reading.
        big.resize(9 * 1024 * 1024, 0);
        assert!(message(decode(&admin, "image/png", big).await.expect(400)).contains("larger than the limit"));
    }
);
