//! Walking BOMs: InvenTree's recursion check (`check_add_to_bom`) and the upward spread of
//! `trackable` through the assemblies that use a part.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::load_part;
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{bom_items, parts};

/// The shape of every part tree and BOM, enough to walk an assembly's BOM downwards.
pub(crate) struct Graph {
    variant_of: HashMap<i64, Option<i64>>,
    tree: HashMap<i64, i64>,
    /// BOM lines by assembly: `(sub_part, inherited)`.
    lines: HashMap<i64, Vec<(i64, bool)>>,
}

impl Graph {
    /// Loads the graph, leaving out the line `skip` (the one being edited).
    pub(crate) fn load(conn: &mut AnyConnection, skip: Option<i64>) -> StoreResult<Graph> {
        let all: Vec<(i64, Option<i64>, i64)> = parts::table
            .select((parts::id, parts::variant_of_id, parts::tree_id))
            .load(conn)?;
        let edges: Vec<(i64, i64, i64, bool)> = bom_items::table
            .select((
                bom_items::id,
                bom_items::part_id,
                bom_items::sub_part_id,
                bom_items::inherited,
            ))
            .load(conn)?;
        let mut lines: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
        for (id, part, sub, inherited) in edges {
            if Some(id) != skip {
                lines.entry(part).or_default().push((sub, inherited));
            }
        }
        Ok(Graph {
            variant_of: all.iter().map(|(id, v, _)| (*id, *v)).collect(),
            tree: all.iter().map(|(id, _, t)| (*id, *t)).collect(),
            lines,
        })
    }

    /// The sub-parts of `part`'s BOM: its own lines and the inherited lines of its
    /// templates (InvenTree's `get_bom_items`).
    fn bom_of(&self, part: i64) -> Vec<i64> {
        let mut out: Vec<i64> = self
            .lines
            .get(&part)
            .map(|l| l.iter().map(|(s, _)| *s).collect())
            .unwrap_or_default();
        let mut at = self.variant_of.get(&part).copied().flatten();
        let mut steps = 0;
        while let Some(template) = at {
            steps += 1;
            if steps > self.variant_of.len() {
                break;
            }
            if let Some(l) = self.lines.get(&template) {
                out.extend(
                    l.iter()
                        .filter(|(_, inherited)| *inherited)
                        .map(|(s, _)| *s),
                );
            }
            at = self.variant_of.get(&template).copied().flatten();
        }
        out
    }
}

/// How InvenTree prints a part inside its BOM messages (`Part.__str__`).
fn label(conn: &mut AnyConnection, id: i64) -> StoreResult<String> {
    let p = load_part(conn, id)?;
    Ok(format!("{} - {}", p.full_name(), p.description))
}

/// InvenTree's `check_add_to_bom`: `sub` may go into `parent`'s BOM unless it is `parent`,
/// shares its variant tree, or has `parent` anywhere in its own BOM tree.
pub(crate) fn check_add_to_bom(
    conn: &mut AnyConnection,
    graph: &Graph,
    sub: i64,
    parent: i64,
) -> StoreResult<()> {
    let mut stack = vec![sub];
    let mut seen = HashSet::from([sub]);
    while let Some(at) = stack.pop() {
        if at == parent || graph.tree.get(&at) == graph.tree.get(&parent) {
            let (at, parent) = (label(conn, at)?, label(conn, parent)?);
            return Err(StoreError::invalid(
                "sub_part",
                format!("Part '{at}' cannot be used in BOM for '{parent}' (recursive)"),
            ));
        }
        for next in graph.bom_of(at) {
            if next == parent {
                let (parent, at) = (label(conn, parent)?, label(conn, at)?);
                // InvenTree's text has the double space.
                return Err(StoreError::invalid(
                    "sub_part",
                    format!("Part '{parent}' is  used in BOM for '{at}' (recursive)"),
                ));
            }
            if seen.insert(next) {
                stack.push(next);
            }
        }
    }
    Ok(())
}

/// The assemblies that use `part` become trackable, and so on upwards (InvenTree's
/// `ensure_trackable`).
pub(crate) fn make_users_trackable(conn: &mut AnyConnection, part: i64) -> StoreResult<()> {
    let mut frontier = vec![part];
    let mut seen = HashSet::from([part]);
    while let Some(at) = frontier.pop() {
        let users: Vec<(i64, bool)> = bom_items::table
            .inner_join(parts::table.on(parts::id.eq(bom_items::part_id)))
            .filter(bom_items::sub_part_id.eq(at))
            .select((parts::id, parts::trackable))
            .load(conn)?;
        for (user, trackable) in users {
            if !trackable && seen.insert(user) {
                diesel::update(parts::table.find(user))
                    .set(parts::trackable.eq(true))
                    .execute(conn)?;
                frontier.push(user);
            }
        }
    }
    Ok(())
}
