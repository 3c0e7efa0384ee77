//! Secrets a firm hands us (an identity provider's client secret) are kept
//! sealed at rest: a database dump alone does not reveal them. Sealing is
//! XChaCha20-Poly1305 under one server key with a random nonce per value;
//! the key comes from `PESPRO_SECRET_KEY` or, for local runs, a file the
//! server creates once in its data directory.
//!
//! Each value is bound to what it is for ([`Purpose`]: which firm's SSO
//! secret, which staff member's TOTP key) as associated data, so someone
//! who can write to the database cannot move a sealed value to another
//! firm or account and have it open there. Values sealed before this
//! binding (builds before 2026-12-03) no longer open: admins re-enter an
//! SSO secret, and `pespro staff reset-totp` lets a staff member enrol TOTP
//! again.

use crate::tenant::TenantId;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use std::path::Path;

const NONCE_LEN: usize = 24;

#[derive(Clone)]
pub struct SecretKey(Key);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretKeyError {
    #[error("PESPRO_SECRET_KEY must be 64 hexadecimal characters (32 bytes)")]
    Malformed,
    #[error("cannot read or create the secret key file {path}: {source}")]
    File { path: String, source: std::io::Error },
}

/// What a sealed value is for; part of the seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A firm's OpenID provider client secret.
    SsoClientSecret(TenantId),
    /// A platform staff member's TOTP key.
    StaffTotp { staff_id: i64 },
}

impl Purpose {
    fn associated_data(self) -> String {
        match self {
            Self::SsoClientSecret(tenant) => format!("pespro/sso-client-secret/tenant/{}", tenant.0),
            Self::StaffTotp { staff_id } => format!("pespro/staff-totp/staff/{staff_id}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("a sealed secret could not be opened (wrong server key, or the value was altered)")]
pub struct Unsealable;

impl SecretKey {
    pub fn from_hex(hex: &str) -> Result<Self, SecretKeyError> {
        let hex = hex.trim();
        if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(SecretKeyError::Malformed);
        }
        let bytes: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        Ok(Self(*Key::from_slice(&bytes)))
    }

    /// A fresh random key (tests, and the first local run).
    pub fn generate() -> Self {
        Self(XChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// The key in `path`, created (owner-only) if absent. Losing the file
    /// only loses sealed secrets: admins re-enter them.
    pub fn load_or_create(path: &Path) -> Result<Self, SecretKeyError> {
        let file_error = |source| SecretKeyError::File { path: path.display().to_string(), source };
        match std::fs::read_to_string(path) {
            Ok(hex) => Self::from_hex(&hex),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                use std::io::Write;
                use std::os::unix::fs::OpenOptionsExt;
                let key = Self::generate();
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(file_error)?;
                }
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(path)
                    .map_err(file_error)?;
                file.write_all(key.to_hex().as_bytes()).map_err(file_error)?;
                Ok(key)
            }
            Err(e) => Err(file_error(e)),
        }
    }

    fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// nonce ‖ ciphertext+tag, bound to `purpose`.
    pub fn seal(&self, purpose: Purpose, plaintext: &str) -> Vec<u8> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = purpose.associated_data();
        let sealed = XChaCha20Poly1305::new(&self.0)
            .encrypt(&nonce, Payload { msg: plaintext.as_bytes(), aad: aad.as_bytes() })
            .expect("encryption into a Vec cannot fail");
        [nonce.as_slice(), &sealed].concat()
    }

    /// Opens a value sealed for this very `purpose`.
    pub fn open(&self, purpose: Purpose, sealed: &[u8]) -> Result<String, Unsealable> {
        if sealed.len() < NONCE_LEN {
            return Err(Unsealable);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let aad = purpose.associated_data();
        let plain = XChaCha20Poly1305::new(&self.0)
            .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad: aad.as_bytes() })
            .map_err(|_| Unsealable)?;
        String::from_utf8(plain).map_err(|_| Unsealable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRM: Purpose = Purpose::SsoClientSecret(TenantId(7));

    #[test]
    fn a_sealed_secret_opens_with_the_same_key_only() {
        let (key, other) = (SecretKey::generate(), SecretKey::generate());

        let sealed = key.seal(FIRM, "client-secret");

        assert_eq!(key.open(FIRM, &sealed).unwrap(), "client-secret");
        assert!(other.open(FIRM, &sealed).is_err());
        assert!(!sealed.windows(6).any(|w| w == b"client"), "no plaintext in the sealed bytes");
    }

    #[test]
    fn an_altered_sealed_secret_is_refused() {
        let key = SecretKey::generate();
        let mut sealed = key.seal(FIRM, "client-secret");

        *sealed.last_mut().unwrap() ^= 1;

        assert!(key.open(FIRM, &sealed).is_err());
    }

    #[test]
    fn the_same_secret_seals_differently_each_time() {
        let key = SecretKey::generate();

        assert_ne!(key.seal(FIRM, "x"), key.seal(FIRM, "x"));
    }

    #[test]
    fn a_key_round_trips_through_its_file_form_and_bad_hex_is_refused() {
        let key = SecretKey::generate();

        let again = SecretKey::from_hex(&key.to_hex()).unwrap();

        assert_eq!(again.open(FIRM, &key.seal(FIRM, "x")).unwrap(), "x");
        assert!(SecretKey::from_hex("abc").is_err());
        assert!(SecretKey::from_hex(&"zz".repeat(32)).is_err());
    }

    #[test]
    fn a_secret_sealed_for_one_firm_does_not_open_for_another() {
        let key = SecretKey::generate();

        let sealed = key.seal(FIRM, "client-secret");

        assert!(key.open(Purpose::SsoClientSecret(TenantId(8)), &sealed).is_err());
    }

    #[test]
    fn a_secret_sealed_for_one_purpose_does_not_open_for_another() {
        let key = SecretKey::generate();

        let sealed = key.seal(Purpose::StaffTotp { staff_id: 7 }, "JBSWY3DPEHPK3PXP");

        assert!(key.open(FIRM, &sealed).is_err());
        assert!(key.open(Purpose::StaffTotp { staff_id: 8 }, &sealed).is_err());
        assert_eq!(key.open(Purpose::StaffTotp { staff_id: 7 }, &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
    }
}
