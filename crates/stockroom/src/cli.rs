//! Command-line interface.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Stockroom: a self-hosted inventory server with first-class barcodes and stock tracking.
#[derive(Debug, Parser)]
#[command(name = "stockroom", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration file (TOML). Default: ./stockroom.toml when it exists.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database: a path to an SQLite file, or a postgres:// URL.
    #[arg(long, global = true, value_name = "URL")]
    pub database: Option<String>,
    /// Log filter, e.g. `info` or `stockroom_server=debug`.
    #[arg(long, global = true, value_name = "FILTER")]
    pub log: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the API.
    Serve(ServeArgs),
    /// Bring the database schema up to date.
    Migrate,
    /// Load the demo data set into an empty database.
    Demo(DemoArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Print the effective configuration (secrets redacted).
    Config,
    /// Barcode tools that need no database.
    #[command(subcommand)]
    Barcode(BarcodeCommand),
    /// Serial-number tools that need no database.
    #[command(subcommand)]
    Serials(SerialsCommand),
    /// Label tools.
    #[command(subcommand)]
    Label(LabelCommand),
}

#[derive(Debug, Subcommand)]
pub enum LabelCommand {
    /// Render labels for stored objects into one PDF.
    Render(LabelRenderArgs),
}

#[derive(Debug, Args)]
pub struct LabelRenderArgs {
    /// A template: the name of a stored or built-in template, or an SVG template file.
    #[arg(long, value_name = "NAME|FILE")]
    pub template: String,
    /// The model of the objects: `stockitem`, `stocklocation` or `part`.
    #[arg(long)]
    pub model: String,
    /// Primary keys: a comma-separated list, ranges allowed (`1,2,10-20`).
    #[arg(long, value_name = "PKS")]
    pub pk: String,
    /// The PDF to write (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Label width in mm, for a template file.
    #[arg(long, default_value_t = 50.0)]
    pub width: f64,
    /// Label height in mm, for a template file.
    #[arg(long, default_value_t = 25.0)]
    pub height: f64,
    /// Print on sheets (`a4` or `letter`) instead of one label per page.
    #[arg(long, value_name = "PAPER")]
    pub sheet: Option<String>,
    /// Sheet margin in mm.
    #[arg(long, default_value_t = 10.0)]
    pub margin: f64,
    /// Gap between labels on a sheet, in mm.
    #[arg(long, default_value_t = 2.0)]
    pub gap: f64,
}

#[derive(Debug, Subcommand)]
pub enum BarcodeCommand {
    /// Print InvenTree's hash of barcode data.
    Hash {
        /// The barcode data.
        data: String,
    },
    /// Print the internal barcode of an object.
    Generate {
        /// The model (`part`, `stockitem`, `stocklocation`, ...).
        model: String,
        /// The object's primary key.
        pk: i64,
        /// `short` (`INV-SI12`) or `json` (`{"stockitem": 12}`).
        #[arg(long, default_value = "short")]
        format: String,
        /// The prefix of short barcodes.
        #[arg(long, default_value = "INV-")]
        prefix: String,
    },
    /// Print the object an internal barcode names as JSON, or exit 1 when it names none.
    Parse {
        /// The barcode data.
        data: String,
        /// The prefix of short barcodes.
        #[arg(long, default_value = "INV-")]
        prefix: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SerialsCommand {
    /// Expand a serial-number pattern into a JSON array, or print `{"errors": [...]}` and
    /// exit 1.
    Expand {
        /// The pattern (`1-10`, `~+5`, `A1, A2, B7`, ...).
        pattern: String,
        /// How many serial numbers the pattern must give.
        #[arg(long)]
        quantity: i64,
        /// The latest serial number in the scope (for `~`).
        #[arg(long)]
        latest: Option<String>,
        /// The largest quantity allowed.
        #[arg(long, default_value_t = 100_000)]
        max_quantity: u64,
    },
    /// Print the serial number after VALUE.
    Next {
        /// The serial number to increment.
        value: String,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<SocketAddr>,
    /// Load the demo data set if the database is empty.
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Scale the stock to this many items (for benchmarks).
    #[arg(long, value_name = "N")]
    pub stock_items: Option<usize>,
    /// Link this many external EAN-13 barcodes to stock items (for benchmarks).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub linked_barcodes: usize,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user.
    Create(UserCreateArgs),
}

#[derive(Debug, Args)]
pub struct UserCreateArgs {
    /// The username.
    pub name: String,
    /// The password.
    #[arg(long)]
    pub password: String,
    /// Give the user every permission.
    #[arg(long)]
    pub superuser: bool,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
