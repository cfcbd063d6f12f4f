//! The `stockroom` binary: commands, configuration and bad input.

use std::process::{Command, Output};

fn stockroom(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stockroom"))
        .args(args)
        .current_dir(dir)
        .env_remove("STOCKROOM_DATABASE")
        .env_remove("STOCKROOM_CONFIG")
        .env("STOCKROOM_LOG", "warn")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = stockroom(&["--help"], dir.path());
    assert!(out.status.success());
    for command in ["serve", "migrate", "demo", "user", "config"] {
        assert!(stdout(&out).contains(command), "missing {command}");
    }
    for sub in [
        &["serve", "--help"][..],
        &["user", "create", "--help"],
        &["demo", "--help"],
    ] {
        assert!(stockroom(sub, dir.path()).status.success());
    }
}

#[test]
fn migrate_creates_the_default_database_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let first = stockroom(&["migrate"], dir.path());
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("from version 0 to"));
    assert!(dir.path().join("stockroom-data/stockroom.db").exists());
    let second = stockroom(&["migrate"], dir.path());
    assert!(
        stdout(&second).contains("up to date"),
        "{}",
        stdout(&second)
    );
}

#[test]
fn user_create_refuses_a_taken_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let out = stockroom(
        &[
            "user",
            "create",
            "alice",
            "--password",
            "pw",
            "--superuser",
            "--database",
            db,
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created superuser alice"));
    let again = stockroom(
        &[
            "user",
            "create",
            "alice",
            "--password",
            "pw",
            "--database",
            db,
        ],
        dir.path(),
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn config_prints_layers_with_secrets_redacted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stockroom.toml"),
        "instance_name = \"Lab\"\nadmin_password = \"topsecret\"\n",
    )
    .unwrap();
    let out = stockroom(
        &["config", "--database", "postgres://u:pw123@db/x"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("instance_name = \"Lab\""), "{text}");
    assert!(text.contains("postgres://u:***@db/x"), "{text}");
    assert!(
        !text.contains("pw123") && !text.contains("topsecret"),
        "{text}"
    );
}

fn assert_one_line_error(out: &Output, needle: &str) {
    assert!(!out.status.success());
    let err = stderr(out);
    assert!(err.contains(needle), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn bad_settings_fail_with_one_line_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = stockroom(
        &[
            "migrate",
            "--database",
            "postgres://nobody@127.0.0.1:1/none",
        ],
        dir.path(),
    );
    assert_one_line_error(&out, "cannot connect to PostgreSQL");

    let out = stockroom(&["migrate", "--database", "mysql://h/db"], dir.path());
    assert_one_line_error(&out, "unsupported database URL");

    std::fs::write(dir.path().join("broken.toml"), "bind = [").unwrap();
    let out = stockroom(&["migrate", "--config", "broken.toml"], dir.path());
    assert_one_line_error(&out, "broken.toml is malformed");

    let out = stockroom(&["migrate", "--config", "missing.toml"], dir.path());
    assert_one_line_error(&out, "missing.toml");

    let out = stockroom(
        &["migrate", "--database", "/proc/no-such-dir/x.db"],
        dir.path(),
    );
    assert_one_line_error(&out, "/proc/no-such-dir");

    let out = stockroom(&["serve", "--bind", "not-an-address"], dir.path());
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not-an-address"));
}

#[cfg(unix)]
#[test]
fn an_unwritable_data_directory_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; the check is meaningful only for other users.
    if std::fs::write(locked.join("probe"), b"").is_ok() {
        eprintln!("skipped: running as root, directory permissions are not enforced");
        return;
    }
    let db = locked.join("x.db");
    let out = stockroom(&["migrate", "--database", db.to_str().unwrap()], dir.path());
    assert_one_line_error(&out, "not writable");
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    use diesel::Connection;
    use diesel::connection::SimpleConnection;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    assert!(
        stockroom(&["migrate", "--database", db], dir.path())
            .status
            .success()
    );
    let mut conn = diesel::SqliteConnection::establish(db).unwrap();
    conn.batch_execute(
        "INSERT INTO stockroom_migrations (version, name, applied) VALUES (999, 'future', 'x')",
    )
    .unwrap();
    drop(conn);
    let out = stockroom(&["migrate", "--database", db], dir.path());
    assert_one_line_error(&out, "newer than this Stockroom knows");
}

/// A raw `GET` on a local server, returning the status line and body.
fn http_get(address: &str, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or("").to_owned(),
        body.to_owned(),
    )
}

#[cfg(unix)]
#[test]
fn serve_creates_an_admin_loads_demo_data_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stockroom"))
        .args(["serve", "--bind", "127.0.0.1:0", "--demo"])
        .current_dir(dir.path())
        .env_remove("STOCKROOM_DATABASE")
        .env_remove("STOCKROOM_ADMIN_PASSWORD")
        .env("STOCKROOM_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let address = loop {
        let line = lines.next().expect("server output").unwrap();
        printed.push(line.clone());
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_owned();
        }
    };
    let output = printed.join("\n");
    assert!(
        output.contains("created user admin with password "),
        "{output}"
    );
    assert!(output.contains("loaded demo data"), "{output}");
    let (status, body) = http_get(&address, "/api/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"server\":\"InvenTree\""));

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful shutdown exits 0, got {exit:?}");

    // A second start finds the users and the data, and creates neither again.
    let again = Command::new(env!("CARGO_BIN_EXE_stockroom"))
        .args(["demo"])
        .current_dir(dir.path())
        .env("STOCKROOM_LOG", "warn")
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already holds parts"));
}

#[test]
fn barcode_tools_hash_generate_and_parse_offline() {
    let dir = tempfile::tempdir().unwrap();
    // A broken config file does not stop the offline tools.
    std::fs::write(dir.path().join("stockroom.toml"), "bind = [").unwrap();
    let out = stockroom(&["barcode", "hash", "abcdefg"], dir.path());
    assert_eq!(stdout(&out).trim(), "7ac66c0f148de9519b8bd264312c4d64");
    let out = stockroom(&["barcode", "generate", "stockitem", "123"], dir.path());
    assert_eq!(stdout(&out).trim(), "INV-SI123");
    let out = stockroom(
        &[
            "barcode",
            "generate",
            "stocklocation",
            "5",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(stdout(&out).trim(), "{\"stocklocation\": 5}");
    let out = stockroom(
        &["barcode", "generate", "part", "7", "--prefix", "LAB-"],
        dir.path(),
    );
    assert_eq!(stdout(&out).trim(), "LAB-PA7");
    let out = stockroom(&["barcode", "parse", "INV-SI0042"], dir.path());
    assert!(out.status.success());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap(),
        serde_json::json!({"model": "stockitem", "pk": 42})
    );
    let out = stockroom(
        &["barcode", "parse", "{\"stockitem\": {\"id\": 5}}"],
        dir.path(),
    );
    assert!(stdout(&out).contains("\"pk\":5"));
    let out = stockroom(&["barcode", "parse", "4006381333931"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let out = stockroom(&["barcode", "generate", "widget", "1"], dir.path());
    assert_one_line_error(&out, "unknown model \"widget\"");
}

#[test]
fn serial_tools_expand_patterns_and_report_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = stockroom(
        &["serials", "expand", "10-12, 20+1", "--quantity", "5"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap(),
        serde_json::json!(["10", "11", "12", "20", "21"])
    );
    let out = stockroom(
        &[
            "serials",
            "expand",
            "~+2",
            "--quantity",
            "3",
            "--latest",
            "99",
        ],
        dir.path(),
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap(),
        serde_json::json!(["100", "101", "102"])
    );
    let out = stockroom(
        &["serials", "expand", "1, 1", "--quantity", "2"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let errors: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(errors["errors"][0], "Duplicate serial: 1");
    let out = stockroom(&["serials", "next", "A0099"], dir.path());
    assert_eq!(stdout(&out).trim(), "A0100");
    let out = stockroom(&["serials", "next", "ABC"], dir.path());
    assert_one_line_error(&out, "Cannot increment serial number: ABC");
}

/// A `stockroom serve` process on `database`, and the address it listens on.
#[cfg(unix)]
fn spawn_server(database: &str, dir: &std::path::Path) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_stockroom"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database", database])
        .current_dir(dir)
        .env_remove("STOCKROOM_DATABASE")
        .env("STOCKROOM_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("server output").unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_owned();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, address)
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_database_never_duplicate_a_serial() {
    use std::collections::BTreeSet;

    use serde_json::{Value, json};
    use stockroom_store::auth::NewUser;
    use stockroom_store::parts::NewPart;

    let Some(db) = crate::support::TestDb::new(crate::support::db::Backend::Postgres) else {
        return;
    };
    let url = db.postgres_url().unwrap();
    let store = db.store.clone();
    let (part, variant, token) = tokio::task::spawn_blocking(move || {
        let user = store
            .create_user(&NewUser {
                username: "admin".into(),
                password: "password".into(),
                is_staff: true,
                is_superuser: true,
                ..Default::default()
            })
            .unwrap();
        let token = store.create_token(user.id, "race", None).unwrap().1;
        let part = |name: &str| {
            store
                .create_part(&NewPart {
                    name: name.into(),
                    trackable: true,
                    ..Default::default()
                })
                .unwrap()
                .id
        };
        (part("Sensor"), part("Probe"), token)
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let servers = [
        spawn_server(&url, dir.path()),
        spawn_server(&url, dir.path()),
    ];
    let addresses: Vec<String> = servers.iter().map(|(_, a)| a.clone()).collect();
    let http = reqwest::Client::new();
    let post = |n: usize, body: Value| {
        let http = http.clone();
        let url = format!("http://{}/api/stock/", addresses[n % 2]);
        let token = token.clone();
        async move {
            let reply = http
                .post(url)
                .header("Authorization", format!("Token {token}"))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = reply.status().as_u16();
            (status, reply.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let serials = |body: &Value| -> Vec<String> {
        body.as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i["serial"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };

    // Eight overlapping ranges, alternating between the two servers.
    let mut ranges = Vec::new();
    for n in 0..8usize {
        let (lo, hi) = (n * 5 + 1, n * 5 + 10);
        let body = json!({"part": part, "quantity": 10, "serial_numbers": format!("{lo}-{hi}")});
        ranges.push(tokio::spawn(post(n, body)));
    }
    let mut won = BTreeSet::new();
    for task in ranges {
        let (status, body) = task.await.unwrap();
        match status {
            201 => {
                for serial in serials(&body) {
                    assert!(won.insert(serial), "a serial was given twice");
                }
            }
            400 => assert!(body["serial_numbers"].is_array(), "{body}"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    // Twenty `~` requests on another tree.
    let mut nexts = Vec::new();
    for n in 0..20usize {
        let body = json!({"part": variant, "quantity": 2, "serial_numbers": "~, ~"});
        nexts.push(tokio::spawn(post(n, body)));
    }
    let mut given = BTreeSet::new();
    for task in nexts {
        let (status, body) = task.await.unwrap();
        match status {
            201 => {
                for serial in serials(&body) {
                    assert!(given.insert(serial), "a serial was given twice");
                }
            }
            400 => assert!(body["serial_numbers"].is_array(), "{body}"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    for (mut child, _) in servers {
        let _ = child.kill();
        let _ = child.wait();
    }
    let store = db.store.clone();
    let (stored, stored_next) = tokio::task::spawn_blocking(move || {
        let of = |part: i64| -> Vec<String> {
            store
                .list_stock_for_part(part)
                .unwrap()
                .into_iter()
                .filter_map(|i| i.serial)
                .collect()
        };
        (of(part), of(variant))
    })
    .await
    .unwrap();
    let unique: BTreeSet<String> = stored.iter().cloned().collect();
    assert_eq!(unique.len(), stored.len(), "no serial is stored twice");
    assert_eq!(unique, won, "exactly the winners' serials exist");
    let unique_next: BTreeSet<String> = stored_next.iter().cloned().collect();
    assert_eq!(unique_next.len(), stored_next.len());
    assert_eq!(unique_next, given);
    assert!(given.len() >= 2);
}

#[test]
fn label_render_writes_a_pdf_of_stored_objects_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("labels.db");
    let db = db.to_str().unwrap();
    let demo = stockroom(
        &["--database", db, "demo", "--stock-items", "60"],
        dir.path(),
    );
    assert!(demo.status.success(), "{}", stderr(&demo));

    let out = stockroom(
        &[
            "--database",
            db,
            "label",
            "render",
            "--template",
            "stock-item-qr",
            "--model",
            "stockitem",
            "--pk",
            "1-55,60",
            "--out",
            "items.pdf",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rendering labels: 56/56"),
        "{}",
        stderr(&out)
    );
    let pdf = std::fs::read(dir.path().join("items.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains("/Count 56"));

    // A template file, on Letter sheets.
    std::fs::write(
        dir.path().join("shelf.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{{ barcode(location.barcode, x=2, y=2, height=8) }}<text x=\"2\" y=\"14\">{{ location.name }}</text></svg>",
    )
    .unwrap();
    let out = stockroom(
        &[
            "--database",
            db,
            "label",
            "render",
            "--template",
            "shelf.svg",
            "--model",
            "stocklocation",
            "--pk",
            "1,2,3",
            "--width",
            "60",
            "--height",
            "18",
            "--sheet",
            "letter",
            "--out",
            "shelves.pdf",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&std::fs::read(dir.path().join("shelves.pdf")).unwrap())
            .contains("/Count 1")
    );

    // Bad input: one line naming the problem, and no file.
    std::fs::write(dir.path().join("broken.svg"), "<svg>\n{% if %}</svg>").unwrap();
    for (args, needle) in [
        (
            &["--template", "broken.svg", "--model", "part", "--pk", "1"][..],
            "line 2",
        ),
        (
            &[
                "--template",
                "stock-item-qr",
                "--model",
                "stockitem",
                "--pk",
                "1,99999",
            ],
            "stockitem 99999 does not exist",
        ),
        (
            &[
                "--template",
                "stock-item-qr",
                "--model",
                "part",
                "--pk",
                "1",
            ],
            "is for stockitem, not part",
        ),
        (
            &["--template", "nope", "--model", "part", "--pk", "1"],
            "no template file or template named \"nope\"",
        ),
        (
            &[
                "--template",
                "stock-item-qr",
                "--model",
                "stockitem",
                "--pk",
                "x",
            ],
            "invalid pk",
        ),
    ] {
        let mut full = vec!["--database", db, "label", "render", "--out", "bad.pdf"];
        full.extend_from_slice(args);
        let out = stockroom(&full, dir.path());
        assert_one_line_error(&out, needle);
    }
    assert!(!dir.path().join("bad.pdf").exists());
}
