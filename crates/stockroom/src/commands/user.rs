//! `stockroom user ...`

use stockroom_store::auth::NewUser;
use stockroom_store::{Constraint, StoreError};

use crate::cli::UserCreateArgs;
use crate::config::Config;

/// `stockroom user create NAME --password P [--superuser]`
pub fn create(config: &Config, args: &UserCreateArgs) -> anyhow::Result<()> {
    let store = super::open_migrated(config)?;
    let new = NewUser {
        username: args.name.clone(),
        password: args.password.clone(),
        is_staff: args.superuser,
        is_superuser: args.superuser,
        ..NewUser::default()
    };
    match store.create_user(&new) {
        Ok(user) => {
            let kind = if user.is_superuser {
                "superuser"
            } else {
                "user"
            };
            println!("created {kind} {} (id {})", user.username, user.id);
            Ok(())
        }
        Err(StoreError::Conflict(Constraint::UsernameTaken)) => {
            anyhow::bail!("a user named {:?} already exists", args.name)
        }
        Err(StoreError::Invalid { message, .. }) => anyhow::bail!("{message}"),
        Err(other) => Err(other.into()),
    }
}
