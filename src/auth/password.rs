//! Argon2id password hashes (PHC strings, salt and parameters included).

use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane): OWASP's
/// recommended minimum. CPU-heavy: call from a blocking task.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with default parameters accepts any password")
        .to_string()
}

/// Constant-time comparison; an unreadable stored hash is simply a mismatch.
pub fn verify_password(stored: &str, candidate: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| Argon2::default().verify_password(candidate.as_bytes(), &hash).is_ok())
}

/// A real hash of a password nobody knows. Checked against when an email is
/// unknown (or has no password), so that answer takes as long as a wrong
/// password and cannot reveal who has an account.
pub(crate) fn decoy_hash() -> &'static str {
    static DECOY: LazyLock<String> = LazyLock::new(|| hash_password("no account has this password, ever"));
    &DECOY
}

/// Argon2 runs at most one per core at once. A burst of sign-ins queues
/// here instead of taking every core (and tokio's blocking threads) from
/// the other firms' requests; the throttle lets only a few attempts per
/// account through to this point.
static ARGON2_SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));

/// How long a sign-in waits for a free slot before it is answered "busy".
const SIGN_IN_QUEUE_LIMIT: Duration = Duration::from_secs(10);

/// Every slot stayed taken for [`SIGN_IN_QUEUE_LIMIT`]: the server is
/// checking as many passwords as it can, and this attempt was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many passwords are being checked right now")]
pub struct Busy;

/// Runs Argon2 work on a blocking thread, in turn with all other Argon2
/// work (hashing a new password, an admin's action, waits as long as it
/// takes).
pub(crate) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let _slot = ARGON2_SLOTS.acquire().await.expect("the Argon2 semaphore is never closed");
    tokio::task::spawn_blocking(work).await.expect("password hashing panicked")
}

/// The same for a sign-in's check, which gives up as [`Busy`] rather than
/// queue without end: the person is told to try again in a moment.
pub(crate) async fn blocking_or_busy<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
    let _slot = tokio::time::timeout(SIGN_IN_QUEUE_LIMIT, ARGON2_SLOTS.acquire())
        .await
        .map_err(|_| Busy)?
        .expect("the Argon2 semaphore is never closed");
    Ok(tokio::task::spawn_blocking(work).await.expect("password hashing panicked"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_and_no_other() {
        let hash = hash_password("correct horse battery staple");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse battery staple"));
        assert!(!verify_password(&hash, "correct horse battery stapler"));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_their_salt() {
        assert_ne!(hash_password("same password here"), hash_password("same password here"));
    }

    #[test]
    fn a_malformed_stored_hash_never_verifies() {
        assert!(!verify_password("not a hash", "anything"));
    }
}
