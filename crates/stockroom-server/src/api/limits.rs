//! Failed sign-in limits and the cache of verified Basic credentials.
//!
//! Both live in process memory: they protect and speed up one process, and losing them on
//! restart loses nothing that matters.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::api::error::ApiError;

/// Failures allowed per username, and per address, within the window.
const MAX_FAILURES: u32 = 10;
const WINDOW: Duration = Duration::from_secs(300);
/// How long a verified Basic credential is trusted without hashing again.
const CREDENTIAL_TTL: Duration = Duration::from_secs(300);
/// Entries kept at most, so a flood of distinct names cannot exhaust memory.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
}

/// Counts failed sign-ins per username and per client address.
#[derive(Debug, Clone, Default)]
pub struct SignInLimiter {
    inner: Arc<Mutex<HashMap<String, Failures>>>,
}

fn keys(username: &str, ip: Option<IpAddr>) -> [Option<String>; 2] {
    [
        Some(format!("user:{}", username.to_lowercase())),
        ip.map(|ip| format!("ip:{ip}")),
    ]
}

impl SignInLimiter {
    /// 429 when either the username or the address failed too often recently.
    pub fn check(&self, username: &str, ip: Option<IpAddr>) -> Result<(), ApiError> {
        let Ok(map) = self.inner.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        for key in keys(username, ip).into_iter().flatten() {
            if let Some(f) = map.get(&key) {
                let age = now.duration_since(f.first);
                if f.count >= MAX_FAILURES && age < WINDOW {
                    return Err(ApiError::Throttled {
                        wait_seconds: (WINDOW - age).as_secs().max(1),
                    });
                }
            }
        }
        Ok(())
    }

    pub fn failed(&self, username: &str, ip: Option<IpAddr>) {
        let Ok(mut map) = self.inner.lock() else {
            return;
        };
        let now = Instant::now();
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, f| now.duration_since(f.first) < WINDOW);
        }
        for key in keys(username, ip).into_iter().flatten() {
            let entry = map.entry(key).or_insert(Failures {
                count: 0,
                first: now,
            });
            if now.duration_since(entry.first) >= WINDOW {
                *entry = Failures {
                    count: 0,
                    first: now,
                };
            }
            entry.count += 1;
        }
    }

    /// A success clears the username's count (not the address's: one good account must not
    /// unlock guessing at others from the same place).
    pub fn succeeded(&self, username: &str, _ip: Option<IpAddr>) {
        if let Ok(mut map) = self.inner.lock() {
            map.remove(&format!("user:{}", username.to_lowercase()));
        }
    }
}

/// Basic credentials verified recently: a hash of `username:password` mapped to the
/// password hash it was verified against. A changed password changes that hash, so a stale
/// entry can never let an old password in.
#[derive(Debug, Clone, Default)]
pub struct CredentialCache {
    inner: Arc<Mutex<Verified>>,
}

/// Credential hash to (password hash verified against, when).
type Verified = HashMap<[u8; 32], (String, Instant)>;

fn credential_key(username: &str, password: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(username.as_bytes());
    hasher.update([0u8]);
    hasher.update(password.as_bytes());
    hasher.finalize().into()
}

impl CredentialCache {
    /// True when this credential was verified against `password_hash` recently.
    pub fn verified(&self, username: &str, password: &str, password_hash: &str) -> bool {
        let Ok(map) = self.inner.lock() else {
            return false;
        };
        map.get(&credential_key(username, password))
            .is_some_and(|(hash, at)| hash == password_hash && at.elapsed() < CREDENTIAL_TTL)
    }

    pub fn remember(&self, username: &str, password: &str, password_hash: &str) {
        let Ok(mut map) = self.inner.lock() else {
            return;
        };
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (_, at)| at.elapsed() < CREDENTIAL_TTL);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(
            credential_key(username, password),
            (password_hash.to_owned(), Instant::now()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_failures_lock_the_username_and_the_address() {
        let limiter = SignInLimiter::default();
        let ip: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..MAX_FAILURES {
            assert!(limiter.check("alice", Some(ip)).is_ok());
            limiter.failed("alice", Some(ip));
        }
        assert!(limiter.check("alice", None).is_err());
        assert!(limiter.check("bob", Some(ip)).is_err());
        assert!(limiter.check("bob", Some([10, 0, 0, 2].into())).is_ok());
        limiter.succeeded("alice", Some(ip));
        assert!(limiter.check("alice", None).is_ok());
    }

    #[test]
    fn cached_credentials_follow_the_password_hash() {
        let cache = CredentialCache::default();
        assert!(!cache.verified("u", "pw", "hash1"));
        cache.remember("u", "pw", "hash1");
        assert!(cache.verified("u", "pw", "hash1"));
        assert!(!cache.verified("u", "pw", "hash2"));
        assert!(!cache.verified("u", "other", "hash1"));
    }
}

/// Token authentications remembered for a moment, so a busy scanner's requests do not each
/// read the token and its permissions. A token revoked (or a permission changed) through
/// this process is forgotten at once; through another process, within `AUTH_TTL`.
#[derive(Debug, Clone, Default)]
pub struct AuthCache {
    inner: Arc<Mutex<Authenticated>>,
}

/// Token hash to (its authentication, when it was read).
type Authenticated = HashMap<[u8; 32], (crate::api::auth::Auth, Instant)>;

/// How long a token authentication is reused.
const AUTH_TTL: Duration = Duration::from_secs(2);

impl AuthCache {
    fn key(secret: &str) -> [u8; 32] {
        Sha256::digest(secret.as_bytes()).into()
    }

    /// The cached authentication of a token, if still fresh.
    pub fn get(&self, secret: &str) -> Option<crate::api::auth::Auth> {
        let map = self.inner.lock().ok()?;
        map.get(&Self::key(secret))
            .filter(|(_, at)| at.elapsed() < AUTH_TTL)
            .map(|(auth, _)| auth.clone())
    }

    pub fn put(&self, secret: &str, auth: &crate::api::auth::Auth) {
        let Ok(mut map) = self.inner.lock() else {
            return;
        };
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (_, at)| at.elapsed() < AUTH_TTL);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(Self::key(secret), (auth.clone(), Instant::now()));
    }

    /// Forgets every cached authentication.
    pub fn clear(&self) {
        if let Ok(mut map) = self.inner.lock() {
            map.clear();
        }
    }
}
