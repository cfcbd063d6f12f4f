//! Users, role groups, API tokens and web sessions.

pub(crate) mod groups;
mod secrets;
mod sessions;
mod tokens;
pub(crate) mod users;

pub use groups::{Group, Permissions, RULE_SETS, RuleSetPermissions};
pub use secrets::{hash_secret, new_secret};
pub use sessions::WebSession;
pub use tokens::ApiToken;
pub use users::{NewUser, User, UserChanges};
