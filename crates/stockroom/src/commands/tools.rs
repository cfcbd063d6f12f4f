//! Offline tools: barcodes and serial numbers, no database needed.

use std::process::ExitCode;

use serde_json::json;
use stockroom_core::ModelType;
use stockroom_core::barcode::{BarcodeHash, Format, ShortBarcodePrefix, generate, parse_internal};
use stockroom_core::serial::{DefaultIncrement, Increment, SerialPattern};

use crate::cli::{BarcodeCommand, SerialsCommand};

fn prefix(text: &str) -> anyhow::Result<ShortBarcodePrefix> {
    ShortBarcodePrefix::parse(text).map_err(|e| anyhow::anyhow!("invalid prefix {text:?}: {e}"))
}

/// `stockroom barcode ...`
pub fn barcode(command: &BarcodeCommand) -> anyhow::Result<ExitCode> {
    match command {
        BarcodeCommand::Hash { data } => println!("{}", BarcodeHash::of(data)),
        BarcodeCommand::Generate {
            model,
            pk,
            format,
            prefix: text,
        } => {
            let model = ModelType::from_name(model).ok_or_else(|| {
                let known: Vec<&str> = ModelType::ALL.iter().map(|m| m.name()).collect();
                anyhow::anyhow!("unknown model {model:?}; one of: {}", known.join(", "))
            })?;
            let format: Format = format
                .parse()
                .map_err(|_| anyhow::anyhow!("unknown format {format:?}; short or json"))?;
            println!("{}", generate(model, *pk, format, &prefix(text)?));
        }
        BarcodeCommand::Parse { data, prefix: text } => {
            let Some(found) = parse_internal(data.trim(), &prefix(text)?)
                .into_iter()
                .next()
            else {
                return Ok(ExitCode::FAILURE);
            };
            println!("{}", json!({"model": found.model.name(), "pk": found.pk}));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `stockroom serials ...`
pub fn serials(command: &SerialsCommand) -> anyhow::Result<ExitCode> {
    match command {
        SerialsCommand::Expand {
            pattern,
            quantity,
            latest,
            max_quantity,
        } => {
            let expanded = SerialPattern::new()
                .with_latest(latest.as_deref())
                .with_max_quantity(*max_quantity)
                .expand(pattern, *quantity);
            match expanded {
                Ok(serials) => println!("{}", json!(serials)),
                Err(errors) => {
                    let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    println!("{}", json!({"errors": texts}));
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        SerialsCommand::Next { value } => match DefaultIncrement.increment(value.trim()) {
            Some(next) if !next.is_empty() && next != value.trim() => println!("{next}"),
            _ => anyhow::bail!("Cannot increment serial number: {value}"),
        },
    }
    Ok(ExitCode::SUCCESS)
}
