//! `stockroom serve`: migrate, make sure someone can sign in, then serve until a signal.

use anyhow::Context;
use stockroom_server::{AppState, ServerConfig};
use stockroom_store::Store;
use stockroom_store::auth::NewUser;

use crate::config::Config;

pub fn run(config: &Config, demo: bool) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(config, demo))
}

async fn serve(config: &Config, demo: bool) -> anyhow::Result<()> {
    let prepared = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || prepare(&config, demo)).await
    };
    let store = prepared.context("start-up task failed")??;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let address = listener.local_addr()?;
    tracing::info!(%address, database = %store.url().redacted(), "Stockroom is serving");
    println!(
        "Stockroom {} listening on http://{address}",
        stockroom_server::STOCKROOM_VERSION
    );
    let state = AppState::new(
        store,
        ServerConfig {
            instance_name: config.instance_name.clone(),
            max_body_bytes: config.max_body_bytes,
        },
    );
    stockroom_server::serve(listener, state, shutdown_signal())
        .await
        .context("server failed")?;
    tracing::info!("stopped");
    Ok(())
}

/// Migrates, creates the first user when there is none, and loads demo data if asked.
fn prepare(config: &Config, demo: bool) -> anyhow::Result<Store> {
    let store = super::open_migrated(config)?;
    if store.count_users()? == 0 {
        create_admin(&store, config)?;
    }
    if demo && store.list_parts()?.is_empty() {
        super::demo::load(&store, None, false)?;
    }
    Ok(store)
}

fn create_admin(store: &Store, config: &Config) -> anyhow::Result<()> {
    let (password, generated) = match &config.admin_password {
        Some(secret) => (secret.expose().to_owned(), false),
        None => (stockroom_store::auth::new_secret(12), true),
    };
    store.create_user(&NewUser {
        username: "admin".into(),
        password: password.clone(),
        is_staff: true,
        is_superuser: true,
        ..NewUser::default()
    })?;
    if generated {
        // Shown once; it is stored only as a hash.
        println!("created user admin with password {password}");
        println!("(set STOCKROOM_ADMIN_PASSWORD to choose it; change it after signing in)");
    } else {
        println!("created user admin with the password from STOCKROOM_ADMIN_PASSWORD");
    }
    Ok(())
}

/// Completes on SIGINT (Ctrl+C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl+C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
