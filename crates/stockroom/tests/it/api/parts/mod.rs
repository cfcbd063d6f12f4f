//! `/api/part/`: CRUD, filters, stock figures, InvenTree's rules, roles and metadata.

mod crud;
mod figures;
mod filters;
mod roles;
mod rules;

use serde_json::{Value, json};
use stockroom_store::Store;

use super::{Client, TestApp};

/// Creates a part through the API and returns its pk.
pub async fn make(client: &Client, body: Value) -> i64 {
    client.post("/api/part/", body).await.expect(201)["pk"]
        .as_i64()
        .unwrap()
}

/// Creates a category through the API and returns its pk.
pub async fn category(client: &Client, name: &str, parent: Option<i64>) -> i64 {
    let body = json!({"name": name, "parent": parent});
    client.post("/api/part/category/", body).await.expect(201)["pk"]
        .as_i64()
        .unwrap()
}

/// Runs store calls on a blocking thread, as the server does.
pub async fn with_store<T: Send + 'static>(
    app: &TestApp,
    f: impl FnOnce(&Store) -> T + Send + 'static,
) -> T {
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .unwrap()
}

/// The pks of a plain list body, in order.
pub fn pks(body: &Value) -> Vec<i64> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|p| p["pk"].as_i64().unwrap())
        .collect()
}

/// The number of parts stored.
pub async fn count(app: &TestApp) -> usize {
    with_store(app, |s| s.list_parts().unwrap().len()).await
}
