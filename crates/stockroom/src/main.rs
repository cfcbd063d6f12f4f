//! The `stockroom` command: serve the API, migrate, load demo data, manage users.

mod cli;
mod commands;
mod config;
mod demo;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let error = match commands::run(cli) {
        Ok(code) => return code,
        Err(error) => error,
    };
    // One line naming the problem: the chain of causes, without a backtrace.
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    eprintln!("error: {}", message.replace('\n', " "));
    ExitCode::FAILURE
}
