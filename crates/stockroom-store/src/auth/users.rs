//! User accounts and their passwords.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::error::StoreError;
use crate::schema::users;
use crate::{Store, StoreResult};

/// A user account. The password is stored only as an argon2 hash.
#[derive(Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub is_staff: bool,
    pub is_superuser: bool,
    pub is_active: bool,
    pub date_joined: NaiveDateTime,
    pub last_login: Option<NaiveDateTime>,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("is_staff", &self.is_staff)
            .field("is_superuser", &self.is_superuser)
            .field("is_active", &self.is_active)
            .finish_non_exhaustive()
    }
}

/// A user to create, with the password in clear (it is hashed before storing).
#[derive(Clone, Default)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub is_staff: bool,
    pub is_superuser: bool,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("password", &"***")
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub is_staff: Option<bool>,
    pub is_superuser: Option<bool>,
    pub is_active: Option<bool>,
}

/// Hashes a password with argon2 and a fresh salt (slow on purpose).
fn hash_password(password: &str) -> StoreResult<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
        .map_err(|e| StoreError::Corrupt(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("password hash: {e}")))
}

/// Checks a password against a stored hash (slow on purpose).
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

fn check_username(username: &str) -> StoreResult<()> {
    let valid = !username.is_empty()
        && username.len() <= 150
        && username
            .chars()
            .all(|c| c.is_alphanumeric() || "@.+-_".contains(c));
    if !valid {
        return Err(StoreError::invalid(
            "username",
            "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
        ));
    }
    Ok(())
}

pub(crate) fn load_user(conn: &mut crate::AnyConnection, id: i64) -> StoreResult<User> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "User",
            pk: id,
        })
}

impl Store {
    /// Creates a user; the username must be free.
    pub fn create_user(&self, new: &NewUser) -> StoreResult<User> {
        check_username(&new.username)?;
        if new.password.is_empty() {
            return Err(StoreError::invalid(
                "password",
                "This field may not be blank.",
            ));
        }
        let hash = hash_password(&new.password)?;
        self.write(|conn| {
            let id: i64 = diesel::insert_into(users::table)
                .values((
                    users::username.eq(&new.username),
                    users::password_hash.eq(&hash),
                    users::first_name.eq(&new.first_name),
                    users::last_name.eq(&new.last_name),
                    users::email.eq(&new.email),
                    users::is_staff.eq(new.is_staff),
                    users::is_superuser.eq(new.is_superuser),
                    users::is_active.eq(true),
                    users::date_joined.eq(Utc::now().naive_utc()),
                ))
                .returning(users::id)
                .get_result(conn)?;
            load_user(conn, id)
        })
    }

    /// Reads one user.
    pub fn user(&self, id: i64) -> StoreResult<User> {
        self.read(|conn| load_user(conn, id))
    }

    /// Finds a user by username (exact).
    pub fn user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        self.read(|conn| {
            Ok(users::table
                .filter(users::username.eq(username))
                .select(User::as_select())
                .first(conn)
                .optional()?)
        })
    }

    /// Every user, by username.
    pub fn list_users(&self) -> StoreResult<Vec<User>> {
        self.read(|conn| {
            Ok(users::table
                .order(users::username)
                .select(User::as_select())
                .load(conn)?)
        })
    }

    /// How many users exist.
    pub fn count_users(&self) -> StoreResult<i64> {
        self.read(|conn| Ok(users::table.count().get_result(conn)?))
    }

    /// The active user whose username and password match, recording the login.
    pub fn authenticate(&self, username: &str, password: &str) -> StoreResult<Option<User>> {
        let Some(user) = self.user_by_username(username)? else {
            // Spend the same time as a real check, so timing does not reveal usernames.
            let _ = verify_password(password, &DUMMY_HASH);
            return Ok(None);
        };
        if !user.is_active || !verify_password(password, &user.password_hash) {
            return Ok(None);
        }
        Ok(Some(user))
    }

    /// Records a successful interactive login.
    pub fn record_login(&self, user_id: i64) -> StoreResult<()> {
        self.write(|conn| {
            diesel::update(users::table.find(user_id))
                .set(users::last_login.eq(Utc::now().naive_utc()))
                .execute(conn)?;
            Ok(())
        })
    }

    /// Replaces a user's password.
    pub fn set_password(&self, user_id: i64, password: &str) -> StoreResult<()> {
        if password.is_empty() {
            return Err(StoreError::invalid(
                "password",
                "This field may not be blank.",
            ));
        }
        let hash = hash_password(password)?;
        self.write(|conn| {
            match diesel::update(users::table.find(user_id))
                .set(users::password_hash.eq(&hash))
                .execute(conn)?
            {
                0 => Err(StoreError::NotFound {
                    model: "User",
                    pk: user_id,
                }),
                _ => Ok(()),
            }
        })
    }

    /// Changes a user's details.
    pub fn update_user(&self, id: i64, changes: &UserChanges) -> StoreResult<User> {
        if let Some(username) = &changes.username {
            check_username(username)?;
        }
        self.write(|conn| {
            load_user(conn, id)?;
            match diesel::update(users::table.find(id))
                .set(changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            load_user(conn, id)
        })
    }

    /// Deletes a user; their tokens, sessions and settings go with them.
    pub fn delete_user(&self, id: i64) -> StoreResult<()> {
        self.write(
            |conn| match diesel::delete(users::table.find(id)).execute(conn)? {
                0 => Err(StoreError::NotFound {
                    model: "User",
                    pk: id,
                }),
                _ => Ok(()),
            },
        )
    }
}

/// A hash checked against when a username is unknown, made once per process.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password(&crate::auth::new_secret(16)).unwrap_or_default());
