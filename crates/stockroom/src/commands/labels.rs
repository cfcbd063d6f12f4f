//! `stockroom label render --template NAME|FILE --model M --pk 1,2,3 --out labels.pdf`

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use stockroom_labels::pdf::{Layout, Paper, Sheet};
use stockroom_labels::template::LabelTemplate;
use stockroom_server::labels::{
    LABEL_MODELS, builtin_templates, compile, compile_checked, render_job,
};
use stockroom_store::Store;
use stockroom_store::labels::LabelTemplateQuery;

use crate::cli::LabelRenderArgs;
use crate::config::Config;

/// Jobs larger than this show a progress line.
const PROGRESS_FROM: usize = 50;

/// Renders the labels and writes the PDF only once every label rendered.
pub fn render(config: &Config, args: &LabelRenderArgs) -> anyhow::Result<()> {
    if !LABEL_MODELS.contains(&args.model.as_str()) {
        bail!(
            "labels cannot be printed for {:?}; one of: {}",
            args.model,
            LABEL_MODELS.join(", ")
        );
    }
    let pks = parse_pks(&args.pk)?;
    let layout = layout(args)?;
    let store = super::open_migrated(config)?;
    let template = template(&store, args)?;
    let total = pks.len();
    let mut progress = |done: usize| {
        if total >= PROGRESS_FROM && (done.is_multiple_of(25) || done == total) {
            eprint!("\rrendering labels: {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    };
    let pdf = render_job(&store, &template, &args.model, &pks, &layout, &mut progress)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    write_atomically(&args.out, &pdf)?;
    if args.out != Path::new("-") {
        eprintln!(
            "wrote {} label{} to {} ({} bytes)",
            total,
            if total == 1 { "" } else { "s" },
            args.out.display(),
            pdf.len()
        );
    }
    Ok(())
}

/// A template file, else a stored template of that name, else a built-in one.
fn template(store: &Store, args: &LabelRenderArgs) -> anyhow::Result<LabelTemplate> {
    let path = Path::new(&args.template);
    if path.is_file() {
        let source = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read template {}", path.display()))?;
        return compile_checked(&source, args.width, args.height)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()));
    }
    store.seed_label_templates(&builtin_templates())?;
    let stored = store.query_label_templates(&LabelTemplateQuery::default())?;
    let Some(row) = stored.items.iter().find(|t| t.name == args.template) else {
        let names: Vec<&str> = stored.items.iter().map(|t| t.name.as_str()).collect();
        bail!(
            "no template file or template named {:?}; stored templates: {}",
            args.template,
            names.join(", ")
        );
    };
    if row.model_type != args.model {
        bail!(
            "template {:?} is for {}, not {}",
            row.name,
            row.model_type,
            args.model
        );
    }
    compile(&row.template, row.width, row.height)
        .map_err(|e| anyhow::anyhow!("template {:?}: {e}", row.name))
}

fn layout(args: &LabelRenderArgs) -> anyhow::Result<Layout> {
    Ok(match &args.sheet {
        None => Layout::Single,
        Some(paper) => Layout::Sheet(Sheet {
            paper: Paper::parse(paper)
                .ok_or_else(|| anyhow::anyhow!("unknown paper {paper:?}; a4 or letter"))?,
            margin: args.margin,
            gap: args.gap,
        }),
    })
}

/// `1,2,10-20` as pks in order (at most 100,000).
fn parse_pks(text: &str) -> anyhow::Result<Vec<i64>> {
    const MAX: usize = 100_000;
    let mut pks = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || anyhow::anyhow!("invalid pk {part:?} in --pk (use 1,2,10-20)");
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (i64, i64) = (
                    a.trim().parse().map_err(|_| bad())?,
                    b.trim().parse().map_err(|_| bad())?,
                );
                if a < 1 || b < a || usize::try_from(b - a).unwrap_or(usize::MAX) >= MAX {
                    return Err(bad());
                }
                pks.extend(a..=b);
            }
            None => {
                let pk: i64 = part.parse().map_err(|_| bad())?;
                if pk < 1 {
                    return Err(bad());
                }
                pks.push(pk);
            }
        }
        if pks.len() > MAX {
            bail!("at most {MAX} labels at once");
        }
    }
    if pks.is_empty() {
        bail!("--pk names no objects");
    }
    Ok(pks)
}

/// Writes through a temporary file in the same directory, renamed into place, so a
/// failed or interrupted write never leaves half a PDF.
fn write_atomically(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if out == Path::new("-") {
        std::io::stdout().write_all(bytes)?;
        return Ok(());
    }
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("--out {} is not a file name", out.display()))?;
    let temp = dir.join(format!(".{}.partial", name.to_string_lossy()));
    std::fs::write(&temp, bytes).with_context(|| format!("cannot write {}", temp.display()))?;
    std::fs::rename(&temp, out).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse_pks;

    #[test]
    fn pk_lists_take_ranges() {
        assert_eq!(parse_pks("1, 3,5-7").unwrap(), vec![1, 3, 5, 6, 7]);
        assert!(parse_pks("0").is_err());
        assert!(parse_pks("7-5").is_err());
        assert!(parse_pks("a").is_err());
        assert!(parse_pks("").is_err());
    }
}
