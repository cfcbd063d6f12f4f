//! `pk-baseline DATABASE PORT`: serves `POST /lookup/{pk}` by reading one stock item row by
//! primary key from a Stockroom SQLite database, with a pool of connections on blocking
//! threads, and answers a JSON body padded to the size of a Stockroom scan response.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use rusqlite::Connection;
use serde_json::{Value, json};

type Pool = Arc<Vec<Mutex<Connection>>>;

async fn lookup(State(pool): State<Pool>, Path(pk): Path<i64>) -> Json<Value> {
    let row = tokio::task::spawn_blocking(move || {
        let slot = (pk as usize) % pool.len();
        let conn = pool[slot].lock().unwrap_or_else(|e| e.into_inner());
        conn.query_row(
            "SELECT id, part_id, quantity, location_id, serial, batch, status FROM stock_items WHERE id = ?1",
            [pk],
            |r| {
                Ok(json!({
                    "pk": r.get::<_, i64>(0)?, "part": r.get::<_, i64>(1)?,
                    "quantity": r.get::<_, i64>(2)? as f64 / 100000.0, "location": r.get::<_, Option<i64>>(3)?,
                    "serial": r.get::<_, Option<String>>(4)?, "batch": r.get::<_, Option<String>>(5)?,
                    "status": r.get::<_, i32>(6)?,
                }))
            },
        )
        .ok()
    })
    .await
    .ok()
    .flatten();
    // Pad to the size of a scan response with an instance (about 1.5 KB).
    Json(json!({"stockitem": {"pk": pk, "instance": row, "padding": "x".repeat(1200)}, "success": "Match found for barcode data"}))
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(port)) = (args.next(), args.next()) else {
        eprintln!("usage: pk-baseline DATABASE PORT");
        std::process::exit(2);
    };
    let pool: Pool = Arc::new(
        (0..8)
            .map(|_| Mutex::new(Connection::open(&path).unwrap_or_else(|e| panic!("open {path}: {e}"))))
            .collect(),
    );
    let app = Router::new().route("/lookup/{pk}", post(lookup)).with_state(pool);
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await.unwrap_or_else(|e| panic!("bind: {e}"));
    axum::serve(listener, app).await.unwrap_or_else(|e| panic!("serve: {e}"));
}
