//! API tokens: random secrets shown once, stored as SHA-256 hashes, revocable.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::auth::secrets::{hash_secret, new_secret};
use crate::auth::users::{User, load_user};
use crate::error::StoreError;
use crate::schema::{api_tokens, users};
use crate::{Store, StoreResult};

/// A stored token. The secret itself is never stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub token_hash: String,
    /// The first characters of the secret, so a user can tell tokens apart.
    pub token_prefix: String,
    pub created: NaiveDateTime,
    pub expiry: Option<NaiveDate>,
    pub last_seen: Option<NaiveDateTime>,
    pub revoked: bool,
}

impl ApiToken {
    /// True when the token may authenticate today.
    pub fn is_usable(&self, today: NaiveDate) -> bool {
        !self.revoked && self.expiry.is_none_or(|e| e >= today)
    }
}

impl Store {
    /// Issues a new token for a user and returns it with its secret, which is not kept.
    pub fn create_token(
        &self,
        user_id: i64,
        name: &str,
        expiry: Option<NaiveDate>,
    ) -> StoreResult<(ApiToken, String)> {
        // InvenTree's tokens look like `inv-<hex>`; clients only pass them back.
        let secret = format!("inv-{}", new_secret(20));
        let hash = hash_secret(&secret);
        let token = self.write(|conn| {
            load_user(conn, user_id)?;
            let id: i64 = diesel::insert_into(api_tokens::table)
                .values((
                    api_tokens::user_id.eq(user_id),
                    api_tokens::name.eq(name),
                    api_tokens::token_hash.eq(&hash),
                    api_tokens::token_prefix.eq(&secret[..8]),
                    api_tokens::created.eq(Utc::now().naive_utc()),
                    api_tokens::expiry.eq(expiry),
                    api_tokens::revoked.eq(false),
                ))
                .returning(api_tokens::id)
                .get_result(conn)?;
            Ok(api_tokens::table
                .find(id)
                .select(ApiToken::as_select())
                .first(conn)?)
        })?;
        Ok((token, secret))
    }

    /// The active user a token secret belongs to, if the token is usable. One indexed
    /// lookup; no password hash.
    pub fn user_for_token(&self, secret: &str) -> StoreResult<Option<(User, ApiToken)>> {
        let hash = hash_secret(secret);
        self.read(|conn| token_user(conn, &hash))
    }

    /// The user of a usable token with their permissions, in one transaction: what every
    /// token-authenticated request needs.
    pub fn authenticate_token(
        &self,
        secret: &str,
    ) -> StoreResult<Option<(User, Vec<crate::auth::RuleSetPermissions>)>> {
        let hash = hash_secret(secret);
        self.read(|conn| {
            let Some((user, _)) = token_user(conn, &hash)? else {
                return Ok(None);
            };
            let permissions = crate::auth::groups::permissions_of(conn, &user)?;
            Ok(Some((user, permissions)))
        })
    }

    /// A user's tokens, newest first.
    pub fn list_tokens(&self, user_id: i64) -> StoreResult<Vec<ApiToken>> {
        self.read(|conn| {
            Ok(api_tokens::table
                .filter(api_tokens::user_id.eq(user_id))
                .order(api_tokens::id.desc())
                .select(ApiToken::as_select())
                .load(conn)?)
        })
    }

    /// Revokes a token: it stays listed but no longer authenticates.
    pub fn revoke_token(&self, token_id: i64) -> StoreResult<()> {
        self.write(|conn| {
            match diesel::update(api_tokens::table.find(token_id))
                .set(api_tokens::revoked.eq(true))
                .execute(conn)?
            {
                0 => Err(StoreError::NotFound {
                    model: "ApiToken",
                    pk: token_id,
                }),
                _ => Ok(()),
            }
        })
    }
}

/// The token with this hash and its user, when both may be used today. `load` rather than
/// `first` keeps the statement prepared on SQLite.
fn token_user(
    conn: &mut crate::AnyConnection,
    hash: &str,
) -> StoreResult<Option<(User, ApiToken)>> {
    let found: Vec<(ApiToken, User)> = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(hash))
        .select((ApiToken::as_select(), User::as_select()))
        .load(conn)?;
    let today = Utc::now().date_naive();
    Ok(found
        .into_iter()
        .find(|(token, user)| token.is_usable(today) && user.is_active)
        .map(|(token, user)| (user, token)))
}
