//! The web interface over real HTTP: sign-in and sign-out, CSRF, every page, the 404 page
//! and the stock item forms, on both backends.

use std::collections::BTreeMap;

use stockroom_core::status::history;
use stockroom_store::Store;
use stockroom_store::auth::{NewUser, Permissions, RuleSetPermissions};
use stockroom_store::locations::NewLocation;
use stockroom_store::parts::{NewCategory, NewPart};
use stockroom_store::stock::NewStockItem;

use crate::api::TestApp;
use crate::api_test;

/// A browser: follows no redirects and keeps its cookies by hand.
struct Browser {
    base: String,
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

/// A response as a browser sees it.
#[derive(Debug)]
struct Page {
    status: u16,
    location: String,
    content_type: String,
    set_cookies: Vec<String>,
    body: String,
}

impl Page {
    /// The first CSRF token the page's forms carry.
    fn csrf(&self) -> String {
        let marker = "name=\"csrfmiddlewaretoken\" value=\"";
        let start = self.body.find(marker).expect("a form with a CSRF token") + marker.len();
        let end = self.body[start..].find('"').unwrap() + start;
        self.body[start..end].to_owned()
    }

    #[track_caller]
    fn expect(&self, status: u16) -> &Page {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        self
    }

    #[track_caller]
    fn shows(&self, text: &str) -> &Page {
        assert!(
            self.body.contains(text),
            "page lacks {text:?}: {}",
            self.body
        );
        self
    }
}

impl Browser {
    fn new(app: &TestApp) -> Browser {
        Browser {
            base: app.url(""),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
        let request = if self.cookies.is_empty() {
            request
        } else {
            request.header("cookie", self.cookie_header())
        };
        let response = request.send().await.unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let (location, content_type) = (header("location"), header("content-type"));
        let set_cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for line in &set_cookies {
            let pair = line.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || line.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        Page {
            status: response.status().as_u16(),
            location,
            content_type,
            set_cookies,
            body: response.text().await.unwrap(),
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        let request = self.http.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let request = self.http.post(format!("{}{path}", self.base)).form(form);
        self.send(request).await
    }

    /// Signs in through the form; returns the redirect.
    async fn sign_in(&mut self, username: &str, password: &str, next: &str) -> Page {
        let form = self.get("/web/login").await;
        let token = form.csrf();
        self.post(
            "/web/login",
            &[
                ("csrfmiddlewaretoken", &token),
                ("username", username),
                ("password", password),
                ("next", next),
            ],
        )
        .await
    }

    /// The session's CSRF token, read from a page.
    async fn token(&mut self) -> String {
        self.get("/web/").await.expect(200).csrf()
    }
}

/// A user with a password, optionally limited to `rules`.
fn user(store: &Store, name: &str, superuser: bool, rules: &[(&str, Permissions)]) -> i64 {
    let user = store
        .create_user(&NewUser {
            username: name.into(),
            password: "secret-pw".into(),
            is_superuser: superuser,
            is_staff: superuser,
            ..Default::default()
        })
        .unwrap();
    if !rules.is_empty() {
        let rules: Vec<RuleSetPermissions> = rules
            .iter()
            .map(|(set, p)| RuleSetPermissions {
                rule_set: (*set).into(),
                permissions: *p,
            })
            .collect();
        let group = store
            .create_group(&format!("{name}-group"), &rules)
            .unwrap();
        store.add_user_to_group(user.id, group.id).unwrap();
    }
    user.id
}

async fn signed_in(app: &TestApp) -> Browser {
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || user(&store, "alice", true, &[]))
        .await
        .unwrap();
    let mut browser = Browser::new(app);
    browser
        .sign_in("alice", "secret-pw", "/web/")
        .await
        .expect(303);
    browser
}

struct World {
    category: i64,
    part: i64,
    template: i64,
    variant: i64,
    shelf: i64,
    bin: i64,
    hall: i64,
    item: i64,
    serials: Vec<i64>,
}

fn world(store: &Store) -> World {
    let location = |name: &str, parent: Option<i64>, structural: bool| {
        store
            .create_location(&NewLocation {
                name: name.into(),
                parent_id: parent,
                structural,
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let shelf = location("Shelf", None, false);
    let bin = location("Bin", Some(shelf), false);
    let hall = location("Hall", None, true);
    let category = store
        .create_category(&NewCategory {
            name: "Passives".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let part = store
        .create_part(&NewPart {
            name: "Resistor".into(),
            ipn: Some("R-10K".into()),
            description: "10k 0603".into(),
            category_id: Some(category),
            minimum_stock: 1_000 * 100_000,
            ..Default::default()
        })
        .unwrap()
        .id;
    let template = store
        .create_part(&NewPart {
            name: "Sensor".into(),
            is_template: true,
            trackable: true,
            ..Default::default()
        })
        .unwrap()
        .id;
    let variant = store
        .create_part(&NewPart {
            name: "Sensor Mk2".into(),
            variant_of_id: Some(template),
            trackable: true,
            ..Default::default()
        })
        .unwrap()
        .id;
    let item = store
        .create_stock_item(
            &NewStockItem {
                location_id: Some(shelf),
                batch: Some("B-77".into()),
                ..NewStockItem::new(part, "10".parse().unwrap())
            },
            None,
        )
        .unwrap()
        .id;
    let serials = ["SN-1", "SN-2"]
        .iter()
        .map(|s| {
            store
                .create_stock_item(
                    &NewStockItem {
                        location_id: Some(bin),
                        serial: Some((*s).into()),
                        ..NewStockItem::new(variant, "1".parse().unwrap())
                    },
                    None,
                )
                .unwrap()
                .id
        })
        .collect();
    World {
        category,
        part,
        template,
        variant,
        shelf,
        bin,
        hall,
        item,
        serials,
    }
}

/// A form post, the error it must show and the typed value it must keep.
type BadInput<'a> = (String, Vec<(&'a str, &'a str)>, &'a str, &'a str);

async fn setup(app: &TestApp) -> World {
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || world(&store))
        .await
        .unwrap()
}

/// `(quantity in units, location)` of an item and the codes of its history.
fn state_of(store: &Store, item: i64) -> (i64, Option<i64>, Vec<i32>) {
    let row = store.stock_item(item).unwrap();
    let codes = store
        .tracking_for_item(item)
        .unwrap()
        .iter()
        .map(|e| e.tracking_type)
        .collect();
    (row.quantity, row.location_id, codes)
}

api_test!(
    async fn a_page_without_a_session_sends_to_sign_in_and_back(app) {
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || user(&store, "alice", true, &[])).await.unwrap();
        let mut browser = Browser::new(&app);
        let page = browser.get("/web/stock/?search=R").await;
        page.expect(303);
        assert_eq!(page.location, "/web/login?next=%2Fweb%2Fstock%2F%3Fsearch%3DR");
        let form = browser.get(&page.location).await;
        form.expect(200).shows("<label for=\"username\">Username</label>").shows("value=\"/web/stock/?search=R\"");
        assert!(form.content_type.starts_with("text/html"));
        let token = form.csrf();
        let done = browser
            .post("/web/login", &[("csrfmiddlewaretoken", &token), ("username", "alice"), ("password", "secret-pw"), ("next", "/web/stock/?search=R")])
            .await;
        done.expect(303);
        assert_eq!(done.location, "/web/stock/?search=R");
        let cookie = done.set_cookies.iter().find(|c| c.starts_with("sessionid=")).unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
        // The session lives in the database: the store knows it.
        let secret = browser.cookies["sessionid"].clone();
        let store = app.store().clone();
        let found = tokio::task::spawn_blocking(move || store.session(&secret).unwrap()).await.unwrap();
        assert_eq!(found.unwrap().0.username, "alice");
        browser.get("/web/stock/?search=R").await.expect(200).shows("Signed in as <strong>alice</strong>");
        // Signed in already: the form sends straight on.
        let again = browser.get("/web/login?next=/web/part/").await;
        assert_eq!((again.status, again.location.as_str()), (303, "/web/part/"));
    }
);

api_test!(
    async fn sign_in_only_returns_to_local_paths(app) {
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || user(&store, "alice", false, &[])).await.unwrap();
        for next in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""] {
            let mut browser = Browser::new(&app);
            let done = browser.sign_in("alice", "secret-pw", next).await;
            assert_eq!((done.status, done.location.as_str()), (303, "/web/"), "next {next:?}");
        }
    }
);

api_test!(
    async fn a_wrong_password_is_refused_and_failures_are_rate_limited(app) {
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || user(&store, "alice", false, &[])).await.unwrap();
        let mut browser = Browser::new(&app);
        let page = browser.sign_in("alice", "wrong", "/web/").await;
        page.expect(400).shows("Invalid username or password.").shows("value=\"alice\"");
        assert!(!browser.cookies.contains_key("sessionid"));
        let page = browser.sign_in("", "", "/web/").await;
        page.expect(400).shows("id=\"username-error\">This field is required.");
        // The sign-in form itself needs its token.
        let page = browser.post("/web/login", &[("username", "alice"), ("password", "secret-pw")]).await;
        page.expect(403).shows("CSRF verification failed");
        assert!(!browser.cookies.contains_key("sessionid"));
        for _ in 0..9 {
            browser.sign_in("alice", "wrong", "/web/").await.expect(400);
        }
        // Ten failures: even the right password waits now, as with the API's Basic auth.
        browser.sign_in("alice", "secret-pw", "/web/").await.expect(429).shows("Too many failed sign-in attempts");
        assert!(!browser.cookies.contains_key("sessionid"));
        app.basic("alice", "secret-pw").get("/api/user/me/").await.expect(429);
    }
);

api_test!(
    async fn an_expired_session_signs_in_again(app) {
        let store = app.store().clone();
        let secret = tokio::task::spawn_blocking(move || {
            let id = user(&store, "alice", false, &[]);
            store.create_session(id, chrono::Duration::seconds(-1)).unwrap().1
        })
        .await
        .unwrap();
        let mut browser = Browser::new(&app);
        browser.cookies.insert("sessionid".into(), secret);
        let page = browser.get("/web/part/").await;
        assert_eq!((page.status, page.location.as_str()), (303, "/web/login?next=%2Fweb%2Fpart%2F"));
    }
);

api_test!(
    async fn forms_without_the_session_token_are_refused(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let bin = w.bin.to_string();
        let path = format!("/web/stock/item/{}/move", w.item);
        let before = state_of(app.store(), w.item);
        browser.post(&path, &[("location", &bin), ("quantity", "10")]).await.expect(403).shows("CSRF verification failed");
        browser.post(&path, &[("csrfmiddlewaretoken", "0123"), ("location", &bin), ("quantity", "10")]).await.expect(403);
        // Another session's token does not do either.
        let mut other = Browser::new(&app);
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || user(&store, "bob", true, &[])).await.unwrap();
        other.sign_in("bob", "secret-pw", "/web/").await.expect(303);
        let foreign = other.token().await;
        assert_ne!(foreign, token);
        browser.post(&path, &[("csrfmiddlewaretoken", &foreign), ("location", &bin), ("quantity", "10")]).await.expect(403);
        for action in ["count", "add", "remove"] {
            let path = format!("/web/stock/item/{}/{action}", w.item);
            browser.post(&path, &[("quantity", "1")]).await.expect(403);
        }
        assert_eq!(state_of(app.store(), w.item), before);
        assert_eq!(before.1, Some(w.shelf));
        let old = browser.cookies["sessionid"].clone();
        // Sign-out is a form too.
        browser.post("/web/logout", &[]).await.expect(403);
        browser.get("/web/").await.expect(200);
        let out = browser.post("/web/logout", &[("csrfmiddlewaretoken", &token)]).await;
        assert_eq!((out.status, out.location.as_str()), (303, "/web/login"));
        assert!(out.set_cookies.iter().any(|c| c.starts_with("sessionid=;")));
        assert_eq!(browser.get("/web/").await.status, 303);
        // The old cookie is dead in the database, not only in this browser.
        let store = app.store().clone();
        assert!(tokio::task::spawn_blocking(move || store.session(&old).unwrap()).await.unwrap().is_none());
    }
);

api_test!(
    async fn users_without_the_change_role_see_no_forms_and_cannot_post(app) {
        let w = setup(&app).await;
        let store = app.store().clone();
        let view = Permissions { view: true, ..Default::default() };
        tokio::task::spawn_blocking(move || user(&store, "viewer", false, &[("stock", view), ("part", view), ("stock_location", view)]))
            .await
            .unwrap();
        let mut browser = Browser::new(&app);
        browser.sign_in("viewer", "secret-pw", "/web/").await.expect(303);
        let page = browser.get(&format!("/web/stock/item/{}", w.item)).await;
        page.expect(200);
        assert!(!page.body.contains("/move\""));
        let token = page.csrf();
        let before = state_of(app.store(), w.item);
        browser.post(&format!("/web/stock/item/{}/count", w.item), &[("csrfmiddlewaretoken", &token), ("quantity", "1")]).await.expect(403);
        assert_eq!(state_of(app.store(), w.item), before);
    }
);

api_test!(
    async fn every_page_renders_with_its_content(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        let page = browser.get("/web/").await;
        page.expect(200).shows("<h1>Dashboard</h1>").shows("<strong>3</strong> stock items").shows("R-10K | Resistor").shows("Stock item created");
        assert!(page.content_type.starts_with("text/html"));
        // Layout: skip link, landmarks, labelled navigation, the hashed stylesheet.
        page.shows("href=\"#main\"").shows("<main id=\"main\"").shows("<nav aria-label=\"Main\">").shows("Sign out");
        let css_start = page.body.find("/web/static/stockroom.").unwrap();
        let css_path = page.body[css_start..].split('"').next().unwrap().to_owned();
        let css = browser.get(&css_path).await;
        css.expect(200);
        assert!(css.content_type.starts_with("text/css"));
        browser.get("/web/static/stockroom.css").await.expect(404);

        browser.get("/web/part/").await.expect(200).shows("R-10K | Resistor").shows("Sensor Mk2").shows("aria-sort=\"ascending\"");
        let page = browser.get("/web/part/?search=sensor").await;
        page.expect(200).shows("Sensor Mk2");
        assert!(!page.body.contains("R-10K | Resistor"));
        let page = browser.get(&format!("/web/part/?category={}", w.category)).await;
        page.expect(200).shows("R-10K | Resistor");
        assert!(!page.body.contains("Sensor"));
        let page = browser.get("/web/part/?ordering=-stock").await;
        page.expect(200).shows("aria-sort=\"descending\"");
        let first = page.body.find("R-10K | Resistor").unwrap();
        assert!(page.body.find(">Sensor Mk2<").unwrap() > first);

        let page = browser.get(&format!("/web/part/{}", w.template)).await;
        page.expect(200).shows("<h1>Sensor</h1>").shows("Variants").shows(&format!("/web/part/{}", w.variant)).shows("Serial numbers");
        page.shows(&format!("<a href=\"/web/stock/item/{}\">SN-1</a>", w.serials[0])).shows("SN-2");
        browser.get(&format!("/web/part/{}/", w.part)).await.expect(200).shows("10k 0603").shows("Passives").shows("B-77");

        let page = browser.get("/web/stock/").await;
        page.expect(200).shows("B-77").shows("#SN-1").shows("1–3 of 3");
        let page = browser.get(&format!("/web/stock/?location={}", w.bin)).await;
        page.expect(200).shows("#SN-2");
        assert!(!page.body.contains("B-77"));
        let page = browser.get("/web/stock/?search=B-77").await;
        page.expect(200).shows("1–1 of 1");
        browser.get(&format!("/web/stock/?part={}", w.template)).await.expect(200).shows("Showing stock of part").shows("#SN-1");

        let page = browser.get(&format!("/web/stock/item/{}", w.item)).await;
        page.expect(200).shows("R-10K | Resistor · 10").shows("Batch code").shows("Stock item created").shows("<label for=\"move-location\">Destination</label>");
        // Structural locations cannot take stock, so the move form does not offer them.
        assert!(!page.body.contains(&format!("<option value=\"{}\"", w.hall)));

        browser.get("/web/stock/location/").await.expect(200).shows("Shelf").shows("class=\"lvl-1\"").shows("Hall");
        let page = browser.get(&format!("/web/stock/location/{}", w.shelf)).await;
        page.expect(200).shows("<h1>Shelf</h1>").shows(&format!("/web/stock/location/{}\">Bin", w.bin)).shows("B-77");
        assert!(!page.body.contains("#SN-1"));
    }
);

api_test!(
    async fn the_stock_list_pages_by_fifty(app) {
        let w = setup(&app).await;
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || {
            for n in 0..57 {
                store
                    .create_stock_item(&NewStockItem { batch: Some(format!("LOT-{n:03}")), ..NewStockItem::new(w.part, "1".parse().unwrap()) }, None)
                    .unwrap();
            }
        })
        .await
        .unwrap();
        let mut browser = signed_in(&app).await;
        let page = browser.get("/web/stock/?search=LOT").await;
        page.expect(200).shows("1–50 of 57").shows("page 1 of 2").shows("href=\"/web/stock/?search=LOT&#38;page=2\"");
        assert_eq!(page.body.matches("<tr>").count(), 51);
        let page = browser.get("/web/stock/?search=LOT&page=2").await;
        page.expect(200).shows("51–57 of 57").shows("rel=\"prev\"");
        assert_eq!(page.body.matches("<tr>").count(), 8);
        browser.get("/web/stock/?page=banana").await.expect(200).shows("page 1 of 2");
    }
);

api_test!(
    async fn missing_objects_get_an_html_404_page(app) {
        let mut browser = signed_in(&app).await;
        for (path, text) in [
            ("/web/part/999", "No Part matches the given query."),
            ("/web/part/abc", "No Part matches the given query."),
            ("/web/stock/item/999", "No StockItem matches the given query."),
            ("/web/stock/item/-1", "No StockItem matches the given query."),
            ("/web/stock/location/99999999999999999999", "No StockLocation matches the given query."),
            ("/web/no/such/page", "There is no page at this address."),
        ] {
            let page = browser.get(path).await;
            page.expect(404).shows(text).shows("<h1>Not found</h1>").shows("Sign out");
            assert!(page.content_type.starts_with("text/html"), "{path}");
        }
        let token = browser.token().await;
        browser.post("/web/stock/item/999/count", &[("csrfmiddlewaretoken", &token), ("quantity", "1")]).await.expect(404);
    }
);

api_test!(
    async fn move_count_add_and_remove_forms_change_stock_and_write_history(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let item = w.item;
        let bin = w.bin.to_string();
        let post = |action: &str| format!("/web/stock/item/{item}/{action}");

        let done = browser.post(&post("move"), &[("csrfmiddlewaretoken", &token), ("location", &bin), ("quantity", "10"), ("notes", "To the bin")]).await;
        assert_eq!((done.status, done.location.clone()), (303, format!("/web/stock/item/{item}?done=moved")));
        browser.get(&done.location).await.expect(200).shows("Stock moved.").shows("Location changed").shows("Location Shelf/Bin").shows("To the bin");
        assert_eq!(state_of(app.store(), item), (10 * 100_000, Some(w.bin), vec![history::CREATED, history::STOCK_MOVE]));

        let done = browser.post(&post("count"), &[("csrfmiddlewaretoken", &token), ("quantity", "7.5")]).await;
        assert_eq!(done.location, format!("/web/stock/item/{item}?done=counted"));
        browser.get(&done.location).await.expect(200).shows("Stock counted.").shows("Quantity 7.5");
        browser.post(&post("add"), &[("csrfmiddlewaretoken", &token), ("quantity", "2.5")]).await.expect(303);
        browser.post(&post("remove"), &[("csrfmiddlewaretoken", &token), ("quantity", "4")]).await.expect(303);
        assert_eq!(
            state_of(app.store(), item),
            (6 * 100_000, Some(w.bin), vec![history::CREATED, history::STOCK_MOVE, history::STOCK_COUNT, history::STOCK_ADD, history::STOCK_REMOVE])
        );
        let entries = app.store().tracking_for_item(item).unwrap();
        assert!(entries[1..].iter().all(|e| e.user_id.is_some()));

        // Moving part of an item splits it: the rest stays.
        let shelf = w.shelf.to_string();
        browser.post(&post("move"), &[("csrfmiddlewaretoken", &token), ("location", &shelf), ("quantity", "1")]).await.expect(303);
        let (quantity, location, codes) = state_of(app.store(), item);
        assert_eq!((quantity, location, codes.last().copied()), (5 * 100_000, Some(w.bin), Some(history::SPLIT_CHILD_ITEM)));
    }
);

api_test!(
    async fn bad_form_input_is_shown_beside_the_field_and_writes_nothing(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let item = w.item;
        let before = state_of(app.store(), item);
        let post = |action: &str| format!("/web/stock/item/{item}/{action}");
        let hall = w.hall.to_string();
        let cases: Vec<BadInput> = vec![
            (post("count"), vec![("quantity", "abc"), ("notes", "typed note")], "id=\"count-quantity-error\">A valid number is required.", "value=\"abc\""),
            (post("add"), vec![("quantity", "-2")], "id=\"add-quantity-error\">Ensure this value is greater than or equal to 0.", "value=\"-2\""),
            (post("remove"), vec![("quantity", "11")], "id=\"remove-quantity-error\">Quantity must not exceed available stock quantity (10.00000)", "value=\"11\""),
            (post("remove"), vec![], "id=\"remove-quantity-error\">This field is required.", "Remove"),
            (post("move"), vec![("quantity", "1")], "id=\"move-location-error\">This field is required.", "value=\"1\""),
            (post("move"), vec![("quantity", "1"), ("location", &hall)], "id=\"move-location-error\">Invalid pk", "value=\"1\""),
            (post("move"), vec![("quantity", "1"), ("location", "99999")], "Invalid pk &#34;99999&#34; - object does not exist.", "value=\"1\""),
        ];
        for (path, fields, error, kept) in cases {
            let mut form = vec![("csrfmiddlewaretoken", token.as_str())];
            form.extend(fields);
            let page = browser.post(&path, &form).await;
            page.expect(400).shows(error).shows(kept).shows("aria-invalid=\"true\"");
            assert_eq!(state_of(app.store(), item), before, "{path} {form:?}");
        }
        let page = browser.post(&post("count"), &[("csrfmiddlewaretoken", &token), ("quantity", "x"), ("notes", "typed note")]).await;
        page.expect(400).shows("value=\"typed note\"");
        // A serialized item holds exactly one.
        let serial = w.serials[0];
        let before = state_of(app.store(), serial);
        let page = browser.post(&format!("/web/stock/item/{serial}/add"), &[("csrfmiddlewaretoken", &token), ("quantity", "1")]).await;
        page.expect(400).shows("Quantity must be 1 for item with a serial number");
        assert_eq!(state_of(app.store(), serial), before);
    }
);

/// A supplier with a trackable part it sells, a customer, and a placed purchase order of
/// five of that part.
struct Trade {
    supplier: i64,
    customer: i64,
    part: i64,
    supplier_part: i64,
    manufacturer_part: i64,
    order: i64,
    line: i64,
    shelf: i64,
}

fn trade(store: &Store) -> Trade {
    use stockroom_store::companies::{NewCompany, NewManufacturerPart, NewSupplierPart};
    use stockroom_store::orders::{NewPurchaseOrder, NewPurchaseOrderLine, PoTransition};
    let company = |name: &str, supplier: bool, customer: bool| {
        store
            .create_company(&NewCompany {
                name: name.into(),
                is_supplier: supplier,
                is_manufacturer: supplier,
                is_customer: customer,
                active: true,
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let supplier = company("Parts Direct", true, false);
    let customer = company("Acme Robots", false, true);
    let part = store
        .create_part(&NewPart {
            name: "Motor driver".into(),
            trackable: true,
            purchaseable: true,
            salable: true,
            ..Default::default()
        })
        .unwrap()
        .id;
    let manufacturer_part = store
        .add_manufacturer_part(&NewManufacturerPart {
            part_id: part,
            manufacturer_id: supplier,
            mpn: "MD-9000".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let supplier_part = store
        .add_supplier_part(&NewSupplierPart {
            manufacturer_part_id: Some(manufacturer_part),
            ..NewSupplierPart::new(part, supplier, "PD-MD9000")
        })
        .unwrap()
        .id;
    let order = store
        .create_po(&NewPurchaseOrder {
            reference: "PO-0001".into(),
            supplier_id: Some(supplier),
            description: "Drivers for the robot arm".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let line = store
        .add_po_line(
            &NewPurchaseOrderLine {
                order_id: order,
                supplier_part_id: Some(supplier_part),
                quantity: 5 * 100_000,
                ..Default::default()
            },
            false,
        )
        .unwrap()
        .id;
    store.transition_po(order, PoTransition::Issue).unwrap();
    let shelf = store
        .create_location(&NewLocation {
            name: "Goods in".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    Trade {
        supplier,
        customer,
        part,
        supplier_part,
        manufacturer_part,
        order,
        line,
        shelf,
    }
}

async fn trade_setup(app: &TestApp) -> Trade {
    let store = app.store().clone();
    tokio::task::spawn_blocking(move || trade(&store))
        .await
        .unwrap()
}

api_test!(
    async fn the_dashboard_lists_open_orders_to_those_who_may_see_them(app) {
        let t = trade_setup(&app).await;
        let mut browser = signed_in(&app).await;
        let page = browser.get("/web/").await;
        page.expect(200)
            .shows("Open purchase orders (1)")
            .shows(&format!("<a href=\"/web/purchasing/purchase-order/{}\">PO-0001</a>", t.order))
            .shows("Parts Direct")
            .shows("Open sales orders")
            .shows("No open orders.");
        // A user without the order roles sees neither list.
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || user(&store, "carol", false, &[])).await.unwrap();
        let mut carol = Browser::new(&app);
        carol.sign_in("carol", "secret-pw", "/web/").await.expect(303);
        let page = carol.get("/web/").await;
        page.expect(200);
        assert!(!page.body.contains("Open purchase orders"), "{}", page.body);
        assert!(!page.body.contains("Open sales orders"));
    }
);

/// The serials of a part's stock, sorted.
fn serials_of(store: &Store, part: i64) -> Vec<String> {
    let listed = store
        .query_stock(&stockroom_store::stock::StockQuery {
            part: Some(part),
            ..Default::default()
        })
        .unwrap();
    let mut serials: Vec<String> = listed
        .items
        .iter()
        .filter_map(|r| r.item.serial.clone())
        .collect();
    serials.sort();
    serials
}

api_test!(
    async fn company_and_part_pages_show_what_a_supplier_sells(app) {
        let t = trade_setup(&app).await;
        let mut browser = signed_in(&app).await;
        browser.get("/web/company/?search=parts").await.expect(200).shows("Parts Direct").shows("1–1 of 1");
        browser.get("/web/company/?kind=customer").await.expect(200).shows("Acme Robots");
        browser
            .get(&format!("/web/company/{}", t.supplier))
            .await
            .expect(200)
            .shows("PD-MD9000")
            .shows("MD-9000")
            .shows(&format!("href=\"/web/purchasing/purchase-order/{}\"", t.order));
        browser
            .get(&format!("/web/purchasing/supplier-part/{}", t.supplier_part))
            .await
            .expect(200)
            .shows("Parts Direct · PD-MD9000")
            .shows(&format!("href=\"/web/purchasing/manufacturer-part/{}\"", t.manufacturer_part));
        browser
            .get(&format!("/web/purchasing/manufacturer-part/{}", t.manufacturer_part))
            .await
            .expect(200)
            .shows("Parts Direct · MD-9000")
            .shows("PD-MD9000");
        browser.get(&format!("/web/company/{}", t.customer)).await.expect(200).shows("This company supplies no parts.");
    }
);

api_test!(
    async fn every_web_url_the_api_gives_opens_a_page_and_missing_objects_give_404(app) {
        use stockroom_core::model::ModelType;
        let t = trade_setup(&app).await;
        let mut browser = signed_in(&app).await;
        for (model, pk) in [
            (ModelType::PurchaseOrder, t.order),
            (ModelType::SupplierPart, t.supplier_part),
            (ModelType::Part, t.part),
            (ModelType::StockLocation, t.shelf),
        ] {
            let url = model.web_url(pk).unwrap();
            browser.get(&url).await.expect(200);
        }
        for model in ModelType::ALL {
            if let Some(url) = model.web_url(999_999) {
                browser.get(&url).await.expect(404).shows("matches the given query.");
            }
        }
        for path in [
            "/web/company/999999",
            "/web/purchasing/manufacturer-part/999999",
            "/web/purchasing/purchase-order/abc",
            "/web/sales/sales-order/0",
        ] {
            browser.get(path).await.expect(404);
        }
        for list in [
            "/web/company/",
            "/web/purchasing/purchase-order/",
            "/web/sales/sales-order/",
            "/web/sales/return-order/",
            "/web/manufacturing/build-order/",
        ] {
            browser.get(&format!("{list}?page=2&search=x")).await.expect(200).shows("No results");
        }
    }
);

api_test!(
    async fn a_purchase_order_is_created_filled_placed_and_received_with_serials(app) {
        let t = trade_setup(&app).await;
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let supplier = t.supplier.to_string();
        // A missing supplier is refused beside its field, keeping the typed reference.
        let page = browser
            .post("/web/purchasing/purchase-order/", &[("csrfmiddlewaretoken", &token), ("reference", "PO-0002"), ("supplier", "")])
            .await;
        page.expect(400).shows("id=\"create-supplier-error\">This field is required.").shows("value=\"PO-0002\"");
        let done = browser
            .post("/web/purchasing/purchase-order/", &[("csrfmiddlewaretoken", &token), ("reference", "PO-0002"), ("supplier", &supplier), ("description", "Spares")])
            .await;
        done.expect(303);
        let order: i64 = done.location.trim_start_matches("/web/purchasing/purchase-order/").split('?').next().unwrap().parse().unwrap();
        let here = format!("/web/purchasing/purchase-order/{order}");
        browser.get(&done.location).await.expect(200).shows("Purchase order created.").shows("Spares").shows("Pending");
        let sp = t.supplier_part.to_string();
        let page = browser.post(&format!("{here}/line"), &[("csrfmiddlewaretoken", &token), ("part", &sp), ("quantity", "-2")]).await;
        page.expect(400).shows("id=\"line-quantity-error\">Quantity must be greater than zero").shows("value=\"-2\"");
        browser.post(&format!("{here}/line"), &[("csrfmiddlewaretoken", &token), ("part", &sp), ("quantity", "3")]).await.expect(303);
        browser.post(&format!("{here}/issue"), &[("csrfmiddlewaretoken", &token)]).await.expect(303);
        let page = browser.get(&format!("{here}?done=issued")).await;
        page.expect(200).shows("Order placed.").shows("Placed").shows("id=\"receive-form\"");
        // Receive the first order's line with serial numbers into a chosen location.
        let line = t.line.to_string();
        let shelf = t.shelf.to_string();
        let first = format!("/web/purchasing/purchase-order/{}", t.order);
        let done = browser
            .post(&format!("{first}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("quantity", "3"), ("location", &shelf), ("batch_code", "LOT-7"), ("serial_numbers", "1-3")])
            .await;
        done.expect(303);
        assert_eq!(done.location, format!("{first}?done=received"));
        assert_eq!(serials_of(app.store(), t.part), ["1", "2", "3"]);
        // The same serials again: the store's refusal beside the field, with what was typed.
        let page = browser
            .post(&format!("{first}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("quantity", "2"), ("location", &shelf), ("batch_code", "LOT-8"), ("serial_numbers", "2-3")])
            .await;
        page.expect(400)
            .shows("id=\"receive-serial-numbers-error\">")
            .shows("value=\"2-3\"")
            .shows("value=\"LOT-8\"")
            .shows(&format!("<option value=\"{shelf}\" selected>"));
        // A serial count that does not match the quantity is refused too.
        let page = browser
            .post(&format!("{first}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("quantity", "2"), ("location", &shelf), ("serial_numbers", "7")])
            .await;
        page.expect(400).shows("id=\"receive-serial-numbers-error\">");
        let page = browser
            .post(&format!("{first}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("quantity", "x"), ("location", "999999")])
            .await;
        page.expect(400).shows("id=\"receive-quantity-error\">A valid number is required.");
        assert_eq!(serials_of(app.store(), t.part), ["1", "2", "3"]);
    }
);

api_test!(
    async fn order_forms_without_the_session_token_change_nothing(app) {
        let t = trade_setup(&app).await;
        let mut browser = signed_in(&app).await;
        let line = t.line.to_string();
        let first = format!("/web/purchasing/purchase-order/{}", t.order);
        browser.post(&format!("{first}/receive"), &[("line_item", &line), ("quantity", "1"), ("serial_numbers", "1")]).await.expect(403).shows("CSRF verification failed");
        browser.post(&format!("{first}/complete"), &[("csrfmiddlewaretoken", "nope")]).await.expect(403);
        browser.post("/web/purchasing/purchase-order/", &[("reference", "PO-0009"), ("supplier", &t.supplier.to_string())]).await.expect(403);
        for path in ["/web/sales/sales-order/1/allocate", "/web/sales/return-order/1/receive", "/web/manufacturing/build-order/1/output"] {
            browser.post(path, &[("quantity", "1")]).await.expect(403);
        }
        assert!(serials_of(app.store(), t.part).is_empty());
        let store = app.store().clone();
        let orders = tokio::task::spawn_blocking(move || store.query_purchase_orders(&Default::default()).unwrap().count).await.unwrap();
        assert_eq!(orders, 1);
        // Without a session, order pages send to sign in and back.
        let mut anonymous = Browser::new(&app);
        let page = anonymous.get(&first).await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location, format!("/web/login?next=%2Fweb%2Fpurchasing%2Fpurchase-order%2F{}", t.order));
    }
);

api_test!(
    async fn a_sales_order_line_gets_stock_allocated_and_its_shipment_sent(app) {
        use stockroom_store::orders::{NewSalesOrder, NewSalesOrderLine};
        let t = trade_setup(&app).await;
        let store = app.store().clone();
        let (order, line, item) = tokio::task::spawn_blocking(move || {
            let order = store
                .add_sales_order(&NewSalesOrder { reference: "SO-0001".into(), customer_id: Some(t.customer), ..Default::default() })
                .unwrap()
                .id;
            let line = store
                .add_sales_line(&NewSalesOrderLine { order_id: order, part_id: Some(t.part), quantity: 100_000, ..Default::default() })
                .unwrap()
                .id;
            let item = store
                .create_stock_item(&NewStockItem { location_id: Some(t.shelf), serial: Some("77".into()), ..NewStockItem::new(t.part, "1".parse().unwrap()) }, None)
                .unwrap()
                .id;
            (order, line, item)
        })
        .await
        .unwrap();
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let here = format!("/web/sales/sales-order/{order}");
        browser.get("/web/sales/sales-order/").await.expect(200).shows("SO-0001").shows("Acme Robots");
        browser.get(&here).await.expect(200).shows(&format!("<option value=\"{item}\">Item {item}"));
        browser.post(&format!("{here}/issue"), &[("csrfmiddlewaretoken", &token)]).await.expect(303);
        browser.post(&format!("{here}/shipment"), &[("csrfmiddlewaretoken", &token), ("reference", "BOX-1")]).await.expect(303);
        let store = app.store().clone();
        let shipment = tokio::task::spawn_blocking(move || {
            store.query_shipments(&stockroom_store::orders::ShipmentQuery { order: Some(order), ..Default::default() }).unwrap().items[0].shipment.id
        })
        .await
        .unwrap();
        let (line, item, shipment) = (line.to_string(), item.to_string(), shipment.to_string());
        // Two of a serialized item cannot be allocated: the store's message, value kept.
        let page = browser
            .post(&format!("{here}/allocate"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("stock_item", &item), ("quantity", "2"), ("shipment", &shipment)])
            .await;
        page.expect(400).shows("id=\"allocate-quantity-error\">").shows("value=\"2\"");
        browser
            .post(&format!("{here}/allocate"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("stock_item", &item), ("quantity", "1"), ("shipment", &shipment)])
            .await
            .expect(303);
        browser.get(&format!("{here}?done=allocated")).await.expect(200).shows("Stock allocated.").shows("#77");
        browser
            .post(&format!("{here}/ship"), &[("csrfmiddlewaretoken", &token), ("shipment", &shipment), ("tracking_number", "TRK-1")])
            .await
            .expect(303);
        let page = browser.get(&format!("{here}?done=shipped")).await;
        page.expect(200).shows("Shipment sent.").shows("TRK-1");
        let store = app.store().clone();
        let sent = tokio::task::spawn_blocking(move || store.shipment_row(shipment.parse().unwrap()).unwrap().shipment.shipment_date).await.unwrap();
        assert!(sent.is_some());
    }
);

api_test!(
    async fn staff_change_global_settings_and_everyone_their_own(app) {
        use stockroom_store::settings::SettingScope;
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        browser.get("/web/settings/").await.expect(200).shows("id=\"SERIAL_NUMBER_MAX_QUANTITY-form\"");
        let page = browser.post("/web/settings/SERIAL_NUMBER_MAX_QUANTITY", &[("csrfmiddlewaretoken", &token), ("value", "lots")]).await;
        page.expect(400).shows("id=\"SERIAL_NUMBER_MAX_QUANTITY-value-error\"").shows("value=\"lots\"");
        let done = browser.post("/web/settings/SERIAL_NUMBER_MAX_QUANTITY", &[("csrfmiddlewaretoken", &token), ("value", "25")]).await;
        assert_eq!((done.status, done.location.as_str()), (303, "/web/settings/?done=saved"));
        browser.post("/web/settings/NO_SUCH_KEY", &[("csrfmiddlewaretoken", &token), ("value", "1")]).await.expect(404);
        browser.post("/web/settings/SERIAL_NUMBER_MAX_QUANTITY", &[("value", "30")]).await.expect(403);
        let store = app.store().clone();
        let stored = tokio::task::spawn_blocking(move || store.setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY").unwrap()).await.unwrap();
        assert_eq!(stored.as_deref(), Some("25"));
        // A user who is not staff reads global settings and changes only their own.
        let store = app.store().clone();
        let bob = tokio::task::spawn_blocking(move || user(&store, "bob", false, &[])).await.unwrap();
        let mut other = Browser::new(&app);
        other.sign_in("bob", "secret-pw", "/web/").await.expect(303);
        let bob_token = other.token().await;
        other.get("/web/settings/").await.expect(200).shows("<td>25</td>");
        other.post("/web/settings/SERIAL_NUMBER_MAX_QUANTITY", &[("csrfmiddlewaretoken", &bob_token), ("value", "9")]).await.expect(403);
        other.get("/web/settings/users/").await.expect(403);
        other.post("/web/settings/user/BARCODE_IN_FORM_FIELDS", &[("csrfmiddlewaretoken", &bob_token), ("value", "on")]).await.expect(303);
        let store = app.store().clone();
        let own = tokio::task::spawn_blocking(move || store.setting(SettingScope::User(bob), "BARCODE_IN_FORM_FIELDS").unwrap()).await.unwrap();
        assert_eq!(own.as_deref(), Some("True"));
    }
);

api_test!(
    async fn staff_add_users_and_give_them_roles(app) {
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let store = app.store().clone();
        let group = tokio::task::spawn_blocking(move || {
            store.create_group("Stores", &[RuleSetPermissions { rule_set: "stock".into(), permissions: Permissions::ALL }]).unwrap().id
        })
        .await
        .unwrap();
        browser.get("/web/settings/users/").await.expect(200).shows("alice").shows("Stores");
        let page = browser.post("/web/settings/users/", &[("csrfmiddlewaretoken", &token), ("username", "carol"), ("password", "")]).await;
        page.expect(400).shows("id=\"create-password-error\">This field is required.").shows("value=\"carol\"");
        browser.post("/web/settings/users/", &[("csrfmiddlewaretoken", &token), ("username", "carol"), ("password", "pw-carol-1")]).await.expect(303);
        let page = browser.post("/web/settings/users/", &[("csrfmiddlewaretoken", &token), ("username", "carol"), ("password", "other-pw")]).await;
        page.expect(400).shows("id=\"create-username-error\">");
        assert!(!page.body.contains("other-pw"), "a typed password is never sent back");
        let store = app.store().clone();
        let carol = tokio::task::spawn_blocking(move || store.user_by_username("carol").unwrap().unwrap().id).await.unwrap();
        browser
            .post("/web/settings/users/role", &[("csrfmiddlewaretoken", &token), ("user", &carol.to_string()), ("group", &group.to_string())])
            .await
            .expect(303);
        let page = browser.post("/web/settings/users/role", &[("csrfmiddlewaretoken", &token), ("user", "999999"), ("group", &group.to_string())]).await;
        page.expect(400).shows("id=\"role-user-error\">Invalid pk &#34;999999&#34; - object does not exist.");
        let mut carol_browser = Browser::new(&app);
        carol_browser.sign_in("carol", "pw-carol-1", "/web/").await.expect(303);
        carol_browser.get("/web/stock/").await.expect(200);
    }
);

api_test!(
    async fn a_stock_item_is_split_serialized_and_merged_from_its_page(app) {
        let t = trade_setup(&app).await;
        let store = app.store().clone();
        let (item, other) = tokio::task::spawn_blocking(move || {
            let make = |q: &str| {
                store
                    .create_stock_item(&NewStockItem { location_id: Some(t.shelf), ..NewStockItem::new(t.part, q.parse().unwrap()) }, None)
                    .unwrap()
                    .id
            };
            (make("10"), make("4"))
        })
        .await
        .unwrap();
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let here = format!("/web/stock/item/{item}");
        let shelf = t.shelf.to_string();
        browser.get(&here).await.expect(200).shows("id=\"split-form\"").shows("id=\"serialize-form\"").shows("id=\"merge-form\"");
        let page = browser.post(&format!("{here}/split"), &[("csrfmiddlewaretoken", &token), ("quantity", "10"), ("location", &shelf)]).await;
        page.expect(400).shows("id=\"split-quantity-error\">Split quantity must be less than").shows("value=\"10\"");
        browser.post(&format!("{here}/split"), &[("csrfmiddlewaretoken", &token), ("quantity", "3"), ("location", &shelf)]).await.expect(303);
        let store = app.store().clone();
        assert_eq!(tokio::task::spawn_blocking(move || store.stock_item(item).unwrap().quantity).await.unwrap(), 7 * 100_000);
        let page = browser.post(&format!("{here}/serialize"), &[("csrfmiddlewaretoken", &token), ("quantity", "2"), ("serial_numbers", "1-3"), ("destination", &shelf)]).await;
        page.expect(400).shows("id=\"serialize-serial-numbers-error\">").shows("value=\"1-3\"");
        browser.post(&format!("{here}/serialize"), &[("csrfmiddlewaretoken", &token), ("quantity", "2"), ("serial_numbers", "1-2"), ("destination", &shelf)]).await.expect(303);
        assert_eq!(serials_of(app.store(), t.part), ["1", "2"]);
        let done = browser.post(&format!("{here}/merge"), &[("csrfmiddlewaretoken", &token), ("other", &other.to_string()), ("location", &shelf)]).await;
        done.expect(303);
        let store = app.store().clone();
        let total = tokio::task::spawn_blocking(move || {
            let a = store.stock_item(item).map(|i| i.quantity).unwrap_or(0);
            let b = store.stock_item(other).map(|i| i.quantity).unwrap_or(0);
            a + b
        })
        .await
        .unwrap();
        assert_eq!(total, 9 * 100_000);
        browser.post(&format!("{here}/merge"), &[("other", &other.to_string()), ("location", &shelf)]).await.expect(403);
    }
);

api_test!(
    async fn a_return_order_line_is_received_into_a_location(app) {
        use stockroom_store::orders::{NewReturnOrder, NewReturnOrderLine};
        use stockroom_store::stock::StockItemChanges;
        let t = trade_setup(&app).await;
        let store = app.store().clone();
        let (order, line, item) = tokio::task::spawn_blocking(move || {
            let item = store
                .create_stock_item(&NewStockItem { location_id: Some(t.shelf), serial: Some("9".into()), ..NewStockItem::new(t.part, "1".parse().unwrap()) }, None)
                .unwrap()
                .id;
            store.update_stock_item(item, &StockItemChanges { customer_id: Some(Some(t.customer)), ..Default::default() }, None).unwrap();
            let order = store.add_return_order(&NewReturnOrder { reference: "RMA-0001".into(), customer_id: Some(t.customer), ..Default::default() }).unwrap().id;
            let line = store.add_return_order_line(&NewReturnOrderLine { order_id: order, item_id: item, quantity: 100_000, ..Default::default() }).unwrap().id;
            (order, line, item)
        })
        .await
        .unwrap();
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let here = format!("/web/sales/return-order/{order}");
        browser.get("/web/sales/return-order/?search=RMA").await.expect(200).shows("RMA-0001");
        let (line, shelf) = (line.to_string(), t.shelf.to_string());
        // Not issued yet: the store refuses, the page says why.
        let page = browser.post(&format!("{here}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("location", &shelf)]).await;
        page.expect(400).shows("Items can only be received against orders which are in progress");
        browser.post(&format!("{here}/issue"), &[("csrfmiddlewaretoken", &token)]).await.expect(303);
        let page = browser.post(&format!("{here}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("location", "")]).await;
        page.expect(400).shows("id=\"receive-location-error\">This field is required.");
        let done = browser.post(&format!("{here}/receive"), &[("csrfmiddlewaretoken", &token), ("line_item", &line), ("location", &shelf), ("note", "back")]).await;
        assert_eq!((done.status, done.location.as_str()), (303, format!("{here}?done=received").as_str()));
        browser.get(&done.location).await.expect(200).shows("Line received.").shows(&format!("href=\"/web/stock/item/{item}\""));
        let store = app.store().clone();
        let back = tokio::task::spawn_blocking(move || store.stock_item(item).unwrap()).await.unwrap();
        assert_eq!((back.customer_id, back.location_id), (None, Some(t.shelf)));
    }
);

api_test!(
    async fn a_build_order_gets_outputs_created_and_completed(app) {
        use stockroom_store::orders::NewBuild;
        let t = trade_setup(&app).await;
        let store = app.store().clone();
        let (build, product) = tokio::task::spawn_blocking(move || {
            let product = store
                .create_part(&NewPart { name: "Robot arm".into(), assembly: true, trackable: true, ..Default::default() })
                .unwrap()
                .id;
            let build = store
                .create_build_order(&NewBuild { reference: "BO-0001".into(), part_id: product, quantity: 2 * 100_000, destination_id: Some(t.shelf), ..Default::default() })
                .unwrap()
                .id;
            (build, product)
        })
        .await
        .unwrap();
        let mut browser = signed_in(&app).await;
        let token = browser.token().await;
        let here = format!("/web/manufacturing/build-order/{build}");
        browser.get("/web/manufacturing/build-order/").await.expect(200).shows("BO-0001").shows("Robot arm");
        browser.get(&here).await.expect(200).shows("No outputs in production.").shows("id=\"output-form\"");
        let page = browser.post(&format!("{here}/output"), &[("csrfmiddlewaretoken", &token), ("quantity", "2"), ("serial_numbers", "A-")]).await;
        page.expect(400).shows("id=\"output-serial-numbers-error\">").shows("value=\"A-\"");
        browser.post(&format!("{here}/output"), &[("csrfmiddlewaretoken", &token), ("quantity", "2"), ("serial_numbers", "1-2")]).await.expect(303);
        assert_eq!(serials_of(app.store(), product), ["1", "2"]);
        let store = app.store().clone();
        let outputs: Vec<i64> = tokio::task::spawn_blocking(move || {
            store
                .query_stock(&stockroom_store::stock::StockQuery { build: Some(Some(build)), is_building: Some(true), ..Default::default() })
                .unwrap()
                .items
                .iter()
                .map(|r| r.item.id)
                .collect()
        })
        .await
        .unwrap();
        assert_eq!(outputs.len(), 2);
        let shelf = t.shelf.to_string();
        let page = browser.post(&format!("{here}/complete"), &[("csrfmiddlewaretoken", &token), ("output", &outputs[0].to_string())]).await;
        page.expect(400).shows("id=\"complete-location-error\">This field is required.");
        browser.post(&format!("{here}/complete"), &[("csrfmiddlewaretoken", &token), ("output", &outputs[0].to_string()), ("location", &shelf)]).await.expect(303);
        let page = browser.get(&format!("{here}?done=completed")).await;
        page.expect(200).shows("Build output completed.");
        let store = app.store().clone();
        let (done, building) = tokio::task::spawn_blocking(move || {
            (store.build(build).unwrap().completed, store.stock_item(outputs[0]).unwrap().is_building)
        })
        .await
        .unwrap();
        assert_eq!((done, building), (100_000, false));
    }
);

api_test!(
    async fn order_lines_are_shown_fifty_a_page(app) {
        use stockroom_store::orders::NewPurchaseOrderLine;
        let t = trade_setup(&app).await;
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || {
            for n in 0..50 {
                let line = NewPurchaseOrderLine { order_id: t.order, supplier_part_id: Some(t.supplier_part), quantity: 100_000, reference: format!("L{n}"), ..Default::default() };
                store.add_po_line(&line, false).unwrap();
            }
        })
        .await
        .unwrap();
        let mut browser = signed_in(&app).await;
        let here = format!("/web/purchasing/purchase-order/{}", t.order);
        let first = browser.get(&here).await;
        first.expect(200).shows("1–50 of 51").shows(&format!("href=\"{here}?lines=2\""));
        // Every open line is still offered by the receive form.
        assert_eq!(first.body.matches("to receive)</option>").count(), 51);
        browser.get(&format!("{here}?lines=2")).await.expect(200).shows("51–51 of 51");
    }
);

api_test!(
    async fn a_form_posted_after_the_session_expired_returns_to_its_page_after_sign_in(app) {
        let t = trade_setup(&app).await;
        let store = app.store().clone();
        let secret = tokio::task::spawn_blocking(move || {
            let id = user(&store, "alice", true, &[]);
            store.create_session(id, chrono::Duration::seconds(-1)).unwrap().1
        })
        .await
        .unwrap();
        let mut browser = Browser::new(&app);
        browser.cookies.insert("sessionid".into(), secret);
        let page_url = app.url(&format!("/web/purchasing/purchase-order/{}", t.order));
        let host = page_url.trim_start_matches("http://").split('/').next().unwrap().to_owned();
        let request = browser
            .http
            .post(format!("{page_url}/receive"))
            .header("referer", &page_url)
            .header("host", &host)
            .form(&[("quantity", "1")]);
        let page = browser.send(request).await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location, format!("/web/login?next=%2Fweb%2Fpurchasing%2Fpurchase-order%2F{}", t.order));
        // Another site as the referrer is not followed.
        let request = browser.http.post(format!("{page_url}/receive")).header("referer", "http://evil.example/web/x").form(&[("quantity", "1")]);
        let page = browser.send(request).await;
        assert_eq!(page.location, "/web/login?next=%2Fweb%2F");
        assert!(serials_of(app.store(), t.part).is_empty());
    }
);

api_test!(
    async fn the_new_part_form_creates_a_part_or_shows_the_api_errors_beside_its_fields(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        browser.get("/web/part/").await.expect(200).shows("href=\"/web/part/new\"");
        let page = browser.get("/web/part/new").await;
        page.expect(200).shows("id=\"create-form\"").shows("<option value=\"").shows("Passives");
        let token = browser.token().await;
        let category = w.category.to_string();
        let shelf = w.shelf.to_string();
        // No name: the API's message beside the field; everything typed stays.
        let page = browser
            .post("/web/part/new", &[("csrfmiddlewaretoken", &token), ("name", ""), ("IPN", "CAP-1"), ("category", &category), ("default_location", &shelf), ("trackable", "on")])
            .await;
        page.expect(400)
            .shows("id=\"create-name-error\">This field is required.")
            .shows("value=\"CAP-1\"")
            .shows(&format!("<option value=\"{category}\" selected>"))
            .shows("name=\"trackable\" type=\"checkbox\" checked");
        // A category that does not exist is the API's refusal too.
        let page = browser
            .post("/web/part/new", &[("csrfmiddlewaretoken", &token), ("name", "Capacitor"), ("category", "999999")])
            .await;
        page.expect(400).shows("id=\"create-category-error\">Invalid pk &#34;999999&#34; - object does not exist.").shows("value=\"Capacitor\"");
        let store = app.store().clone();
        let count = move || store.query_parts(&Default::default()).unwrap().count;
        let before = tokio::task::spawn_blocking(count.clone()).await.unwrap();
        let done = browser
            .post("/web/part/new", &[("csrfmiddlewaretoken", &token), ("name", "Capacitor"), ("IPN", "CAP-1"), ("description", "100n"), ("category", &category), ("units", "pcs"), ("default_location", &shelf), ("trackable", "on"), ("component", "on"), ("active", "on")])
            .await;
        done.expect(303);
        let pk: i64 = done.location.trim_start_matches("/web/part/").parse().unwrap();
        browser.get(&done.location).await.expect(200).shows("Capacitor").shows("CAP-1").shows("Passives");
        let store = app.store().clone();
        let part = tokio::task::spawn_blocking(move || store.part(pk).unwrap()).await.unwrap();
        assert_eq!(part.ipn.as_deref(), Some("CAP-1"));
        assert_eq!(part.category_id, Some(w.category));
        assert_eq!(part.default_location_id, Some(w.shelf));
        assert_eq!(part.units, "pcs");
        assert!(part.trackable && part.component && part.active);
        assert!(!part.purchaseable && !part.salable && !part.is_template && !part.assembly);
        assert_eq!(tokio::task::spawn_blocking(count).await.unwrap(), before + 1);
    }
);

api_test!(
    async fn the_new_stock_form_creates_one_item_or_serialized_items_through_the_api_rules(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        let part = w.part.to_string();
        let variant = w.variant.to_string();
        browser.get(&format!("/web/part/{part}")).await.expect(200).shows(&format!("href=\"/web/stock/new?part={part}\""));
        browser.get(&format!("/web/stock/new?part={part}")).await.expect(200).shows(&format!("<option value=\"{part}\" selected>"));
        let token = browser.token().await;
        let bin = w.bin.to_string();
        // Serial numbers for a part that is not trackable: the API's refusal, values kept.
        let page = browser
            .post("/web/stock/new", &[("csrfmiddlewaretoken", &token), ("part", &part), ("quantity", "3"), ("location", &bin), ("batch", "LOT-3"), ("serial_numbers", "1-3")])
            .await;
        page.expect(400)
            .shows("id=\"create-serial-numbers-error\">Serial numbers cannot be supplied for a non-trackable part")
            .shows("value=\"LOT-3\"")
            .shows("value=\"1-3\"")
            .shows(&format!("<option value=\"{bin}\" selected>"));
        let page = browser.post("/web/stock/new", &[("csrfmiddlewaretoken", &token), ("part", &part)]).await;
        page.expect(400).shows("id=\"create-quantity-error\">Quantity is required");
        // One item: its page.
        let done = browser
            .post("/web/stock/new", &[("csrfmiddlewaretoken", &token), ("part", &part), ("quantity", "25"), ("location", &bin), ("batch", "LOT-3"), ("expiry_date", "2030-01-31"), ("notes", "From the form")])
            .await;
        done.expect(303);
        let item: i64 = done.location.trim_start_matches("/web/stock/item/").parse().unwrap();
        browser.get(&done.location).await.expect(200).shows("LOT-3").shows("Resistor");
        let store = app.store().clone();
        let row = tokio::task::spawn_blocking(move || store.stock_item(item).unwrap()).await.unwrap();
        assert_eq!(row.part_id, w.part);
        assert_eq!(row.quantity, 25 * 100_000);
        assert_eq!(row.location_id, Some(w.bin));
        assert_eq!(row.batch.as_deref(), Some("LOT-3"));
        assert_eq!(row.notes, "From the form");
        assert_eq!(row.expiry_date.map(|d| d.to_string()).as_deref(), Some("2030-01-31"));
        // Serials of a trackable part: one item each, then the part's stock list.
        let done = browser
            .post("/web/stock/new", &[("csrfmiddlewaretoken", &token), ("part", &variant), ("quantity", "3"), ("location", &bin), ("serial_numbers", "10-12")])
            .await;
        done.expect(303);
        assert_eq!(done.location, format!("/web/stock/?part={variant}"));
        let mut serials = serials_of(app.store(), w.variant);
        serials.sort();
        assert_eq!(serials, ["10", "11", "12", "SN-1", "SN-2"]);
        // Taken serials are refused beside the field and nothing is written.
        let page = browser
            .post("/web/stock/new", &[("csrfmiddlewaretoken", &token), ("part", &variant), ("quantity", "2"), ("serial_numbers", "12-13")])
            .await;
        page.expect(400).shows("id=\"create-serial-numbers-error\">").shows("value=\"12-13\"");
        assert_eq!(serials_of(app.store(), w.variant).len(), 5);
    }
);

api_test!(
    async fn new_part_and_stock_forms_without_the_session_token_create_nothing(app) {
        let w = setup(&app).await;
        let mut browser = signed_in(&app).await;
        let part = w.part.to_string();
        browser.post("/web/part/new", &[("name", "Sneaky")]).await.expect(403).shows("CSRF verification failed");
        browser.post("/web/part/new", &[("csrfmiddlewaretoken", "nope"), ("name", "Sneaky")]).await.expect(403);
        browser.post("/web/stock/new", &[("part", &part), ("quantity", "5")]).await.expect(403).shows("CSRF verification failed");
        let store = app.store().clone();
        let (parts, stock) = tokio::task::spawn_blocking(move || {
            (store.query_parts(&Default::default()).unwrap().count, store.query_stock(&Default::default()).unwrap().count)
        })
        .await
        .unwrap();
        assert_eq!(parts, 3);
        assert_eq!(stock, 3);
        let mut anonymous = Browser::new(&app);
        assert_eq!(anonymous.get("/web/part/new").await.status, 303);
    }
);
