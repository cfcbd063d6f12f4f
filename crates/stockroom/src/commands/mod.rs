//! The commands behind the CLI.

mod demo;
mod labels;
mod serve;
mod tools;
mod user;

use anyhow::Context;
use stockroom_store::{DatabaseUrl, Store, StoreOptions};
use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, Command, UserCommand};
use crate::config::{Config, Overrides};

/// Runs one command to completion; the exit code reports a negative answer of the tools
/// (an unrecognised barcode, an invalid serial pattern).
pub fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    // The offline tools read no configuration: a broken config file must not stop them.
    match &cli.command {
        Command::Barcode(command) => return tools::barcode(command),
        Command::Serials(command) => return tools::serials(command),
        _ => {}
    }
    let overrides = match &cli.command {
        Command::Serve(args) => Overrides { bind: args.bind },
        _ => Overrides::default(),
    };
    let config = Config::load(&cli.global, &overrides, &|name| std::env::var(name).ok())?;
    init_logging(&config.log)?;
    let outcome = match cli.command {
        Command::Serve(args) => serve::run(&config, args.demo),
        Command::Migrate => {
            let store = open_store(&config)?;
            let report = store.migrate()?;
            if report.from == report.to {
                println!("database schema is up to date (version {})", report.to);
            } else {
                println!(
                    "migrated database schema from version {} to {}",
                    report.from, report.to
                );
            }
            Ok(())
        }
        Command::Demo(args) => demo::run(&config, args.stock_items, args.linked_barcodes),
        Command::User(UserCommand::Create(args)) => user::create(&config, &args),
        Command::Config => {
            print!("{}", config.redacted_toml());
            Ok(())
        }
        Command::Label(crate::cli::LabelCommand::Render(args)) => labels::render(&config, &args),
        Command::Barcode(_) | Command::Serials(_) => Ok(()),
    };
    outcome.map(|()| std::process::ExitCode::SUCCESS)
}

fn init_logging(filter: &str) -> anyhow::Result<()> {
    let filter =
        EnvFilter::try_new(filter).with_context(|| format!("invalid log filter {filter:?}"))?;
    // A second initialisation (never in the binary) is harmless.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    Ok(())
}

/// Opens the configured database (not migrating it).
pub(crate) fn open_store(config: &Config) -> anyhow::Result<Store> {
    let url = DatabaseUrl::parse(&config.database.0)?;
    let options = StoreOptions {
        max_connections: config.max_connections,
        ..StoreOptions::default()
    };
    Ok(Store::open(&url, &options)?)
}

/// Opens and migrates the configured database.
pub(crate) fn open_migrated(config: &Config) -> anyhow::Result<Store> {
    let store = open_store(config)?;
    let report = store.migrate()?;
    if report.from != report.to {
        tracing::info!(
            from = report.from,
            to = report.to,
            "migrated the database schema"
        );
    }
    Ok(store)
}
