//! The HTTP API, spoken to over real HTTP on a random port.

mod barcode;
mod barcode_decode;
mod bom;
mod builds;
mod categories;
mod companies;
mod labels;
mod locations;
mod parts;
mod purchase_orders;
mod return_orders;
mod root;
mod sales_orders;
mod serials;
mod settings;
mod stock;
mod stock_actions;
mod stock_filters;
mod stock_history;
mod users;

use serde_json::Value;
use stockroom_server::{AppState, ServerConfig};
use stockroom_store::Store;
use stockroom_store::auth::{NewUser, Permissions, RuleSetPermissions};

use crate::support::TestDb;

/// A server on a random port over a fresh database, stopped when dropped.
pub struct TestApp {
    pub address: std::net::SocketAddr,
    pub http: reqwest::Client,
    pub db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A client that authenticates one way.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    auth: Auth,
}

#[derive(Clone)]
enum Auth {
    None,
    Token(String),
    Basic(String, String),
}

/// A response: status and JSON body (`Null` when there is none).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub content_type: Option<String>,
}

impl TestApp {
    pub async fn spawn(db: TestDb) -> TestApp {
        TestApp::spawn_with(db, ServerConfig::default()).await
    }

    pub async fn spawn_with(db: TestDb, config: ServerConfig) -> TestApp {
        TestApp::spawn_state(db, |store| AppState::new(store, config)).await
    }

    /// A server whose state `make` builds from the database's store.
    pub async fn spawn_state(db: TestDb, make: impl FnOnce(Store) -> AppState) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let state = make(db.store.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            stockroom_server::serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestApp {
            address,
            http: reqwest::Client::new(),
            db,
            shutdown: Some(tx),
        }
    }

    pub fn store(&self) -> &Store {
        &self.db.store
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn client(&self, auth: Auth) -> Client {
        Client {
            base: format!("http://{}", self.address),
            http: self.http.clone(),
            auth,
        }
    }

    /// No credentials.
    pub fn anonymous(&self) -> Client {
        self.client(Auth::None)
    }

    /// Basic auth with any username and password.
    pub fn basic(&self, username: &str, password: &str) -> Client {
        self.client(Auth::Basic(username.into(), password.into()))
    }

    /// A superuser, by token.
    pub async fn admin(&self) -> Client {
        self.user_with("admin", true, &[]).await
    }

    /// A user holding `rules`, by token.
    pub async fn user(&self, name: &str, rules: &[(&str, Permissions)]) -> Client {
        self.user_with(name, false, rules).await
    }

    async fn user_with(
        &self,
        name: &str,
        superuser: bool,
        rules: &[(&str, Permissions)],
    ) -> Client {
        let store = self.store().clone();
        let name = name.to_owned();
        let rules: Vec<RuleSetPermissions> = rules
            .iter()
            .map(|(set, p)| RuleSetPermissions {
                rule_set: (*set).into(),
                permissions: *p,
            })
            .collect();
        let secret = tokio::task::spawn_blocking(move || {
            let user = store
                .create_user(&NewUser {
                    username: name.clone(),
                    password: "password".into(),
                    is_staff: superuser,
                    is_superuser: superuser,
                    ..Default::default()
                })
                .unwrap();
            if !rules.is_empty() {
                let group = store
                    .create_group(&format!("{name}-group"), &rules)
                    .unwrap();
                store.add_user_to_group(user.id, group.id).unwrap();
            }
            store.create_token(user.id, "test", None).unwrap().1
        })
        .await
        .unwrap();
        self.client(Auth::Token(secret))
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Client {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let builder = self.http.request(method, format!("{}{path}", self.base));
        match &self.auth {
            Auth::None => builder,
            Auth::Token(t) => builder.header("Authorization", format!("Token {t}")),
            Auth::Basic(u, p) => builder.basic_auth(u, Some(p)),
        }
    }

    pub async fn send(&self, builder: reqwest::RequestBuilder) -> Reply {
        let response = builder.send().await.unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.bytes().await.unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        Reply {
            status,
            body,
            content_type,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn options(&self, path: &str) -> Reply {
        self.send(self.request(reqwest::Method::OPTIONS, path))
            .await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(self.request(reqwest::Method::DELETE, path)).await
    }

    pub async fn delete_with(&self, path: &str, body: Value) -> Reply {
        self.send(self.request(reqwest::Method::DELETE, path).json(&body))
            .await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(self.request(reqwest::Method::POST, path).json(&body))
            .await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(self.request(reqwest::Method::PATCH, path).json(&body))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(self.request(reqwest::Method::PUT, path).json(&body))
            .await
    }

    /// A request answered with raw bytes: status, content type and body.
    pub async fn bytes(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Option<String>, Vec<u8>) {
        let mut builder = self.request(method, path);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        let response = builder.send().await.unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        (
            status,
            content_type,
            response.bytes().await.unwrap().to_vec(),
        )
    }

    /// A request with a raw body and content type.
    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        self.send(
            self.request(method, path)
                .header("content-type", content_type)
                .body(body),
        )
        .await
    }
}

impl Reply {
    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        self.body
    }
}

/// Declares an async API test that runs once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! api_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::api::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::TestDb::new($crate::support::db::Backend::Sqlite).unwrap();
                run($crate::api::TestApp::spawn(db).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = tokio::task::spawn_blocking(|| {
                    $crate::support::TestDb::new($crate::support::db::Backend::Postgres)
                })
                .await
                .unwrap();
                if let Some(db) = db {
                    run($crate::api::TestApp::spawn(db).await).await;
                }
            }
        }
    };
}
