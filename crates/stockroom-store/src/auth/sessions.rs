//! Web sessions, stored in the database so that any server process serves any user.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::auth::secrets::{hash_secret, new_secret};
use crate::auth::users::{User, load_user};
use crate::schema::{users, web_sessions};
use crate::{Store, StoreResult};

/// A signed-in browser. The cookie value is never stored, only its hash.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = web_sessions)]
pub struct WebSession {
    pub id: i64,
    pub session_hash: String,
    pub user_id: i64,
    /// The token forms must echo back (double-submit protection against CSRF).
    pub csrf_token: String,
    pub created: NaiveDateTime,
    pub expires: NaiveDateTime,
    pub last_seen: NaiveDateTime,
}

impl Store {
    /// Starts a session for a user; returns it with the cookie value, which is not kept.
    pub fn create_session(
        &self,
        user_id: i64,
        lifetime: Duration,
    ) -> StoreResult<(WebSession, String)> {
        let secret = new_secret(32);
        let hash = hash_secret(&secret);
        let csrf = new_secret(24);
        let session = self.write(|conn| {
            load_user(conn, user_id)?;
            let now = Utc::now().naive_utc();
            let id: i64 = diesel::insert_into(web_sessions::table)
                .values((
                    web_sessions::session_hash.eq(&hash),
                    web_sessions::user_id.eq(user_id),
                    web_sessions::csrf_token.eq(&csrf),
                    web_sessions::created.eq(now),
                    web_sessions::expires.eq(now + lifetime),
                    web_sessions::last_seen.eq(now),
                ))
                .returning(web_sessions::id)
                .get_result(conn)?;
            Ok(web_sessions::table
                .find(id)
                .select(WebSession::as_select())
                .first(conn)?)
        })?;
        Ok((session, secret))
    }

    /// The unexpired session and active user of a cookie value.
    pub fn session(&self, secret: &str) -> StoreResult<Option<(User, WebSession)>> {
        let hash = hash_secret(secret);
        self.read(|conn| {
            let found: Option<(WebSession, User)> = web_sessions::table
                .inner_join(users::table)
                .filter(web_sessions::session_hash.eq(&hash))
                .filter(web_sessions::expires.gt(Utc::now().naive_utc()))
                .select((WebSession::as_select(), User::as_select()))
                .first(conn)
                .optional()?;
            Ok(found
                .filter(|(_, user)| user.is_active)
                .map(|(s, u)| (u, s)))
        })
    }

    /// Ends a session (sign out).
    pub fn delete_session(&self, secret: &str) -> StoreResult<()> {
        let hash = hash_secret(secret);
        self.write(|conn| {
            diesel::delete(web_sessions::table.filter(web_sessions::session_hash.eq(&hash)))
                .execute(conn)?;
            Ok(())
        })
    }

    /// Removes expired sessions; returns how many.
    pub fn purge_expired_sessions(&self) -> StoreResult<usize> {
        self.write(|conn| {
            Ok(diesel::delete(
                web_sessions::table.filter(web_sessions::expires.le(Utc::now().naive_utc())),
            )
            .execute(conn)?)
        })
    }
}
