//! Argon2id password hashes (PHC strings, salt and parameters included).

use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;

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
