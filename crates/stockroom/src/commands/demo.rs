//! `stockroom demo [--stock-items N]`

use std::io::Write;
use std::time::Instant;

use stockroom_store::Store;

use crate::config::Config;

/// Loads the demo data set into the configured database, which must hold no parts yet.
pub fn run(
    config: &Config,
    stock_items: Option<usize>,
    linked_barcodes: usize,
) -> anyhow::Result<()> {
    let store = super::open_migrated(config)?;
    if !store.list_parts()?.is_empty() {
        anyhow::bail!(
            "the database already holds parts; the demo data set loads only into an empty database"
        );
    }
    load(&store, stock_items, true)?;
    if linked_barcodes > 0 {
        link_barcodes(&store, linked_barcodes)?;
    }
    Ok(())
}

fn link_barcodes(store: &Store, count: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let items = store.count_objects("stockitem")?;
    let linked = crate::demo::barcodes::link(
        store,
        count,
        usize::try_from(items).unwrap_or(0),
        &mut |done, total| {
            eprint!("\rlinking barcodes: {done}/{total}");
            if done == total {
                eprintln!();
            }
        },
    )?;
    println!(
        "linked {linked} external barcodes to stock items in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Loads the demo data and prints what was loaded.
pub(crate) fn load(
    store: &Store,
    stock_items: Option<usize>,
    show_progress: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut last = Instant::now();
    let mut progress = |done: usize, total: usize| {
        if show_progress && (last.elapsed().as_millis() > 250 || done == total) {
            last = Instant::now();
            eprint!("\rloading stock items: {done}/{total}");
            let _ = std::io::stderr().flush();
            if done == total {
                eprintln!();
            }
        }
    };
    let summary = crate::demo::load(store, stock_items, &mut progress)?;
    println!(
        "loaded demo data in {:.1} s: {} categories, {} parts, {} locations, {} companies, {} stock items, {} orders",
        started.elapsed().as_secs_f64(),
        summary.categories,
        summary.parts,
        summary.locations,
        summary.companies,
        summary.stock_items,
        summary.orders,
    );
    Ok(())
}
