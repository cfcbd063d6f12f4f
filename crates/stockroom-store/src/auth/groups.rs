//! Role groups: InvenTree's rule sets with view/add/change/delete permissions.

use diesel::prelude::*;

use crate::error::StoreError;
use crate::schema::{group_rules, role_groups, user_groups};
use crate::{Store, StoreResult};

/// InvenTree's rule sets, in its order.
pub const RULE_SETS: [&str; 9] = [
    "admin",
    "part_category",
    "part",
    "stock_location",
    "stock",
    "build",
    "purchase_order",
    "sales_order",
    "return_order",
];

/// A named group of users sharing permissions.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = role_groups)]
pub struct Group {
    pub id: i64,
    pub name: String,
}

/// The four permissions of one rule set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Permissions {
    pub view: bool,
    pub add: bool,
    pub change: bool,
    pub delete: bool,
}

impl Permissions {
    pub const ALL: Permissions = Permissions {
        view: true,
        add: true,
        change: true,
        delete: true,
    };
    pub const VIEW: Permissions = Permissions {
        view: true,
        add: false,
        change: false,
        delete: false,
    };

    fn union(self, other: Permissions) -> Permissions {
        Permissions {
            view: self.view || other.view,
            add: self.add || other.add,
            change: self.change || other.change,
            delete: self.delete || other.delete,
        }
    }
}

/// A rule set's permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetPermissions {
    pub rule_set: String,
    pub permissions: Permissions,
}

fn check_rule_set(rule_set: &str) -> StoreResult<()> {
    if RULE_SETS.contains(&rule_set) {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "rule_set",
            format!("\"{rule_set}\" is not a valid choice."),
        ))
    }
}

impl Store {
    /// Creates a group with the given rule-set permissions.
    pub fn create_group(&self, name: &str, rules: &[RuleSetPermissions]) -> StoreResult<Group> {
        for rule in rules {
            check_rule_set(&rule.rule_set)?;
        }
        self.write(|conn| {
            let group: Group = {
                let id: i64 = diesel::insert_into(role_groups::table)
                    .values(role_groups::name.eq(name))
                    .returning(role_groups::id)
                    .get_result(conn)?;
                role_groups::table
                    .find(id)
                    .select(Group::as_select())
                    .first(conn)?
            };
            for rule in rules {
                diesel::insert_into(group_rules::table)
                    .values((
                        group_rules::group_id.eq(group.id),
                        group_rules::rule_set.eq(&rule.rule_set),
                        group_rules::can_view.eq(rule.permissions.view),
                        group_rules::can_add.eq(rule.permissions.add),
                        group_rules::can_change.eq(rule.permissions.change),
                        group_rules::can_delete.eq(rule.permissions.delete),
                    ))
                    .execute(conn)?;
            }
            Ok(group)
        })
    }

    /// Every group, by name.
    pub fn list_groups(&self) -> StoreResult<Vec<Group>> {
        self.read(|conn| {
            Ok(role_groups::table
                .order(role_groups::name)
                .select(Group::as_select())
                .load(conn)?)
        })
    }

    /// Deletes a group; its members lose its permissions.
    pub fn delete_group(&self, id: i64) -> StoreResult<()> {
        self.write(
            |conn| match diesel::delete(role_groups::table.find(id)).execute(conn)? {
                0 => Err(StoreError::NotFound {
                    model: "Group",
                    pk: id,
                }),
                _ => Ok(()),
            },
        )
    }

    /// Adds a user to a group (no change when already a member).
    pub fn add_user_to_group(&self, user_id: i64, group_id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let exists: i64 = user_groups::table
                .filter(user_groups::user_id.eq(user_id))
                .filter(user_groups::group_id.eq(group_id))
                .count()
                .get_result(conn)?;
            if exists == 0 {
                diesel::insert_into(user_groups::table)
                    .values((
                        user_groups::user_id.eq(user_id),
                        user_groups::group_id.eq(group_id),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
    }

    /// Removes a user from a group.
    pub fn remove_user_from_group(&self, user_id: i64, group_id: i64) -> StoreResult<()> {
        self.write(|conn| {
            diesel::delete(
                user_groups::table
                    .filter(user_groups::user_id.eq(user_id))
                    .filter(user_groups::group_id.eq(group_id)),
            )
            .execute(conn)?;
            Ok(())
        })
    }

    /// The groups a user belongs to.
    pub fn groups_of_user(&self, user_id: i64) -> StoreResult<Vec<Group>> {
        self.read(|conn| {
            Ok(role_groups::table
                .inner_join(user_groups::table)
                .filter(user_groups::user_id.eq(user_id))
                .order(role_groups::name)
                .select(Group::as_select())
                .load(conn)?)
        })
    }

    /// A user's permissions per rule set: the union over their groups, every rule set
    /// listed. Superusers hold every permission.
    pub fn user_permissions(&self, user_id: i64) -> StoreResult<Vec<RuleSetPermissions>> {
        self.read(|conn| {
            let user = crate::auth::users::load_user(conn, user_id)?;
            permissions_of(conn, &user)
        })
    }
}

/// The permissions of `user` per rule set, every rule set listed.
pub(crate) fn permissions_of(
    conn: &mut crate::AnyConnection,
    user: &crate::auth::User,
) -> StoreResult<Vec<RuleSetPermissions>> {
    let rows: Vec<(String, bool, bool, bool, bool)> = if user.is_superuser {
        Vec::new()
    } else {
        group_rules::table
            .inner_join(user_groups::table.on(user_groups::group_id.eq(group_rules::group_id)))
            .filter(user_groups::user_id.eq(user.id))
            .select((
                group_rules::rule_set,
                group_rules::can_view,
                group_rules::can_add,
                group_rules::can_change,
                group_rules::can_delete,
            ))
            .load(conn)?
    };
    Ok(RULE_SETS
        .iter()
        .map(|set| {
            let permissions = if user.is_superuser {
                Permissions::ALL
            } else {
                rows.iter()
                    .filter(|r| r.0 == *set)
                    .fold(Permissions::default(), |acc, r| {
                        acc.union(Permissions {
                            view: r.1,
                            add: r.2,
                            change: r.3,
                            delete: r.4,
                        })
                    })
            };
            RuleSetPermissions {
                rule_set: (*set).to_owned(),
                permissions,
            }
        })
        .collect())
}
