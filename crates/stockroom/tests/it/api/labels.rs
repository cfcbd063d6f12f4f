//! Labels: `/api/label/template/`, `/api/label/print/` and `/api/data-output/`.

use reqwest::Method;
use serde_json::json;
use stockroom_store::auth::Permissions;

use super::stock::pk;
use super::*;
use crate::api_test;

const BOUNDARY: &str = "stockroom-test-boundary";

/// A multipart form with text fields and the template as a file.
fn multipart(fields: &[(&str, &str)], template: &str) -> Vec<u8> {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"template\"; filename=\"shelf.svg\"\r\nContent-Type: image/svg+xml\r\n\r\n{template}\r\n--{BOUNDARY}--\r\n"
    ));
    body.into_bytes()
}

async fn upload(client: &Client, fields: &[(&str, &str)], template: &str) -> Reply {
    client
        .raw(
            Method::POST,
            "/api/label/template/",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
            multipart(fields, template),
        )
        .await
}

/// The pk of a built-in template.
async fn builtin(client: &Client, model: &str) -> i64 {
    let list = client
        .get(&format!("/api/label/template/?model_type={model}"))
        .await
        .expect(200);
    pk(&list[0])
}

/// A part, a location and `n` serialized stock items; returns the item pks.
async fn stock(client: &Client, n: usize) -> Vec<i64> {
    let part = client
        .post(
            "/api/part/",
            json!({"name": "Resistor 10k", "IPN": "R-10K", "trackable": true}),
        )
        .await
        .expect(201);
    let shelf = client
        .post("/api/stock/location/", json!({"name": "Shelf"}))
        .await
        .expect(201);
    let created = client
        .post(
            "/api/stock/",
            json!({"part": pk(&part), "location": pk(&shelf), "quantity": n, "serial_numbers": format!("1-{n}")}),
        )
        .await
        .expect(201);
    created.as_array().unwrap().iter().map(pk).collect()
}

fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Count ").expect("a page tree");
    text[at + 7..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

api_test!(
    async fn built_in_templates_are_listed_and_filtered(app) {
        let admin = app.admin().await;
        let all = admin.get("/api/label/template/").await.expect(200);
        let names: Vec<&str> = all.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["stock-item-qr", "stock-location-qr", "part-qr"]);
        let part = admin.get("/api/label/template/?model_type=part").await.expect(200);
        assert_eq!(part.as_array().unwrap().len(), 1);
        assert_eq!(part[0], json!({
            "pk": part[0]["pk"], "name": "part-qr", "description": "Part: QR code, name, IPN and description",
            "model_type": "part", "template": format!("/api/label/template/{}/template/", pk(&part[0])),
            "filters": "", "filename_pattern": "label.pdf", "enabled": true, "revision": 1,
            "attach_to_model": false, "width": 50.0, "height": 25.0,
        }));
        assert_eq!(admin.get("/api/label/template/?enabled=false").await.expect(200), json!([]));
        let paged = admin.get("/api/label/template/?limit=1").await.expect(200);
        assert_eq!(paged["count"], 3);
        app.anonymous().get("/api/label/template/").await.expect(401);
    }
);

api_test!(
    async fn staff_upload_edit_and_delete_templates(app) {
        let admin = app.admin().await;
        let source = "<svg xmlns=\"http://www.w3.org/2000/svg\">{{ datamatrix(location.barcode, x=2, y=2, size=16) }}<text x=\"20\" y=\"8\">{{ location.name }}</text></svg>";
        let fields = [("name", "Shelf label"), ("description", "Bins"), ("model_type", "stocklocation"), ("width", "60"), ("height", "20"), ("enabled", "true")];
        let created = upload(&admin, &fields, source).await.expect(201);
        assert_eq!((created["name"].clone(), created["width"].clone(), created["model_type"].clone()), (json!("Shelf label"), json!(60.0), json!("stocklocation")));
        let id = pk(&created);
        let (status, kind, file) = admin.bytes(Method::GET, &format!("/api/label/template/{id}/template/"), None).await;
        assert_eq!((status, kind.as_deref()), (200, Some("image/svg+xml; charset=utf-8")));
        assert_eq!(String::from_utf8(file).unwrap(), source);

        let changed = admin.patch(&format!("/api/label/template/{id}/"), json!({"enabled": false, "template": "<svg></svg>"})).await.expect(200);
        assert_eq!((changed["enabled"].clone(), changed["revision"].clone()), (json!(false), json!(2)));
        assert_eq!(admin.get("/api/label/template/?model_type=stocklocation&enabled=false").await.expect(200).as_array().unwrap().len(), 1);

        let viewer = app.user("viewer", &[("stock", Permissions { view: true, ..Default::default() })]).await;
        viewer.get(&format!("/api/label/template/{id}/")).await.expect(200);
        upload(&viewer, &fields, source).await.expect(403);
        viewer.patch(&format!("/api/label/template/{id}/"), json!({"name": "x"})).await.expect(403);
        viewer.delete(&format!("/api/label/template/{id}/")).await.expect(403);

        admin.delete(&format!("/api/label/template/{id}/")).await.expect(204);
        admin.get(&format!("/api/label/template/{id}/")).await.expect(404);
    }
);

api_test!(
    async fn bad_templates_are_field_errors_naming_the_line(app) {
        let admin = app.admin().await;
        let fields = [("name", "Broken"), ("model_type", "stockitem")];
        let err = upload(&admin, &fields, "<svg>\n{% for x in %}\n</svg>").await.expect(400);
        let message = err["template"][0].as_str().unwrap();
        assert!(message.starts_with("Invalid label template") && message.contains("line 2"), "{message}");
        let err = upload(&admin, &fields, "<svg>\n\n{{ pdf417(item.barcode) }}</svg>").await.expect(400);
        let message = err["template"][0].as_str().unwrap();
        assert!(message.contains("pdf417") && message.contains("line 3"), "{message}");
        let err = upload(&admin, &[("name", "Odd"), ("model_type", "salesorder")], "<svg/>").await.expect(400);
        assert_eq!(err, json!({"model_type": ["\"salesorder\" is not a valid choice."]}));
        let err = upload(&admin, &[("name", "Huge"), ("model_type", "part"), ("width", "5000")], "<svg/>").await.expect(400);
        assert!(err["width"][0].as_str().unwrap().contains("at most 1000 mm"), "{err}");
        let err = admin.post("/api/label/template/", json!({"model_type": "part"})).await.expect(400);
        assert_eq!(err, json!({"name": ["This field is required."], "template": ["This field is required."]}));
        // Nothing was stored.
        assert_eq!(admin.get("/api/label/template/?limit=1").await.expect(200)["count"], 3);
    }
);

api_test!(
    async fn printing_records_an_output_with_the_pdf(app) {
        let admin = app.admin().await;
        let items = stock(&admin, 3).await;
        let template = builtin(&admin, "stockitem").await;
        let output = admin.post("/api/label/print/", json!({"template": template, "items": items})).await.expect(201);
        let id = pk(&output);
        assert_eq!(output, json!({
            "pk": id, "created": output["created"], "user": output["user"], "model_type": "stockitem",
            "items": 3, "complete": true, "progress": 3, "output": format!("/api/data-output/{id}/download/"),
            "template": template, "plugin": "inventreelabel", "output_type": "LABEL", "errors": null,
        }));
        assert_eq!(admin.get(&format!("/api/data-output/{id}/")).await.expect(200), output);
        assert_eq!(admin.get("/api/data-output/").await.expect(200).as_array().unwrap().len(), 1);
        let (status, kind, pdf) = admin.bytes(Method::GET, &format!("/api/data-output/{id}/download/"), None).await;
        assert_eq!((status, kind.as_deref()), (200, Some("application/pdf")));
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(page_count(&pdf), 3);

        // Labels on A4 sheets, and the direct download.
        let sheet = admin.post("/api/label/print/", json!({"template": template, "items": items, "plugin": "inventreelabelsheet"})).await.expect(201);
        let (_, _, pdf) = admin.bytes(Method::GET, &format!("/api/data-output/{}/download/", pk(&sheet)), None).await;
        assert_eq!(page_count(&pdf), 1);
        let (status, kind, pdf) = admin.bytes(Method::POST, "/api/label/print/pdf/", Some(json!({"template": template, "items": [items[0]]}))).await;
        assert_eq!((status, kind.as_deref()), (200, Some("application/pdf")));
        assert_eq!(page_count(&pdf), 1);

        // Another user sees neither the outputs nor their files; deleting removes both.
        let viewer = app.user("viewer", &[("stock", Permissions { view: true, ..Default::default() })]).await;
        assert_eq!(viewer.get("/api/data-output/").await.expect(200), json!([]));
        viewer.get(&format!("/api/data-output/{id}/download/")).await.expect(404);
        admin.delete(&format!("/api/data-output/{id}/")).await.expect(204);
        admin.get(&format!("/api/data-output/{id}/")).await.expect(404);
    }
);

api_test!(
    async fn large_print_jobs_finish_in_the_background(app) {
        let admin = app.admin().await;
        let items = stock(&admin, 150).await;
        let template = builtin(&admin, "stockitem").await;
        let output = admin.post("/api/label/print/", json!({"template": template, "items": items})).await.expect(201);
        assert_eq!(output["items"], 150);
        let id = pk(&output);
        let mut done = output;
        for _ in 0..600 {
            if done["complete"] == true {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            done = admin.get(&format!("/api/data-output/{id}/")).await.expect(200);
        }
        assert_eq!((done["complete"].clone(), done["progress"].clone(), done["errors"].clone()), (json!(true), json!(150), json!(null)));
        let (_, _, pdf) = admin.bytes(Method::GET, &format!("/api/data-output/{id}/download/"), None).await;
        assert_eq!(page_count(&pdf), 150);
    }
);

api_test!(
    async fn bad_print_requests_are_field_errors_and_write_nothing(app) {
        let admin = app.admin().await;
        let items = stock(&admin, 2).await;
        let template = builtin(&admin, "stockitem").await;
        let err = admin.post("/api/label/print/", json!({})).await.expect(400);
        assert_eq!(err, json!({"template": ["This field is required."], "items": ["This field is required."]}));
        let err = admin.post("/api/label/print/", json!({"template": 999, "items": items})).await.expect(400);
        assert_eq!(err, json!({"template": ["Invalid pk \"999\" - object does not exist."]}));
        let err = admin.post("/api/label/print/", json!({"template": template, "items": []})).await.expect(400);
        assert_eq!(err, json!({"items": ["This list may not be empty."]}));
        let err = admin.post("/api/label/print/", json!({"template": template, "items": [items[0], 9999]})).await.expect(400);
        assert_eq!(err, json!({"items": ["stockitem 9999 does not exist."]}));
        let err = admin.post("/api/label/print/", json!({"template": template, "items": items, "plugin": "nope"})).await.expect(400);
        assert_eq!(err, json!({"plugin": ["Plugin 'nope' not found"]}));

        // Data the symbology cannot encode names the object, the function and the line.
        let source = "<svg>\n<text x='1' y='5'>{{ part.name }}</text>\n{{ barcode(part.IPN, type='ean13', x=1, y=8) }}</svg>";
        let ean = upload(&admin, &[("name", "EAN"), ("model_type", "stockitem")], source).await.expect(201);
        let err = admin.post("/api/label/print/", json!({"template": pk(&ean), "items": items})).await.expect(400);
        let message = err["items"][0].as_str().unwrap();
        assert!(message.starts_with(&format!("stockitem {}: ", items[0])), "{message}");
        assert!(message.contains("EAN-13 cannot encode") && message.contains("line 3"), "{message}");

        // Disabled templates do not print; nothing was recorded by any of these.
        admin.patch(&format!("/api/label/template/{template}/"), json!({"enabled": false})).await.expect(200);
        let err = admin.post("/api/label/print/", json!({"template": template, "items": items})).await.expect(400);
        assert_eq!(err, json!({"template": ["Template is not enabled"]}));
        assert_eq!(admin.get("/api/data-output/").await.expect(200), json!([]));

        // Printing needs view permission on the template's model.
        admin.patch(&format!("/api/label/template/{template}/"), json!({"enabled": true})).await.expect(200);
        let outsider = app.user("outsider", &[("part", Permissions { view: true, ..Default::default() })]).await;
        outsider.post("/api/label/print/", json!({"template": template, "items": items})).await.expect(403);
    }
);

api_test!(
    async fn the_openapi_document_describes_the_label_routes(app) {
        let doc = app.anonymous().get("/api/schema/").await.expect(200);
        let templates = &doc["paths"]["/api/label/template/"];
        assert!(templates["get"].is_object() && templates["post"].is_object(), "{templates}");
        let detail = &doc["paths"]["/api/label/template/{pk}/"];
        assert!(detail["get"].is_object() && detail["patch"].is_object() && detail["delete"].is_object());
        let print = &doc["paths"]["/api/label/print/"]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(print["required"], json!(["template", "items"]));
        for path in ["/api/data-output/", "/api/data-output/{pk}/", "/api/data-output/{pk}/download/", "/api/label/print/pdf/"] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
    }
);
