//! Role groups a small team would start with. No users: the operator creates those.

use anyhow::{Context, Result};
use stockroom_store::Store;
use stockroom_store::auth::{Permissions, RULE_SETS, RuleSetPermissions};

/// View, add and change, but not delete.
const EDIT: Permissions = Permissions {
    view: true,
    add: true,
    change: true,
    delete: false,
};

/// A group's permissions on the rule sets it names; every other rule set but `admin` gets
/// `default`, and `admin` gets nothing.
type GroupRow = (
    &'static str,
    Permissions,
    &'static [(&'static str, Permissions)],
);

const GROUPS: &[GroupRow] = &[
    ("Readers", Permissions::VIEW, &[]),
    (
        "Stock operators",
        Permissions::VIEW,
        &[("stock", EDIT), ("stock_location", EDIT)],
    ),
    // Part changes cover supplier and manufacturer parts, which buyers maintain.
    (
        "Purchasing",
        Permissions::VIEW,
        &[("purchase_order", Permissions::ALL), ("part", EDIT)],
    ),
];

/// The rules of one group, one per rule set.
fn rules(default: Permissions, overrides: &[(&str, Permissions)]) -> Vec<RuleSetPermissions> {
    RULE_SETS
        .iter()
        .map(|&set| {
            let permissions = match overrides.iter().find(|(name, _)| *name == set) {
                Some(&(_, p)) => p,
                // Admin pages are for superusers; no demo group gets them.
                None if set == "admin" => Permissions::default(),
                None => default,
            };
            RuleSetPermissions {
                rule_set: set.to_owned(),
                permissions,
            }
        })
        .collect()
}

/// Creates the groups; returns how many.
pub(super) fn create(store: &Store) -> Result<usize> {
    for &(name, default, overrides) in GROUPS {
        store
            .create_group(name, &rules(default, overrides))
            .with_context(|| format!("creating group {name}"))?;
    }
    Ok(GROUPS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_see_everything_but_admin_and_change_nothing() {
        let readers = rules(Permissions::VIEW, &[]);
        assert_eq!(readers.len(), RULE_SETS.len());
        for rule in readers {
            let expected = if rule.rule_set == "admin" {
                Permissions::default()
            } else {
                Permissions::VIEW
            };
            assert_eq!(rule.permissions, expected, "{}", rule.rule_set);
        }
    }

    #[test]
    fn every_named_rule_set_exists() {
        for (_, _, overrides) in GROUPS {
            for (set, _) in *overrides {
                assert!(RULE_SETS.contains(set), "{set}");
            }
        }
    }
}
