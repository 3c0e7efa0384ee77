//! Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as every
//! authenticator app speaks them: HMAC-SHA-1, 6 digits, 30-second steps.
//! Pure apart from drawing a new secret: the caller passes the time and the
//! last step it accepted, so tests need no clock and replays are refused.

use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha1::Sha1;

/// Seconds per step (RFC 6238's X).
pub const STEP_SECONDS: u64 = 30;
/// Digits in a code.
pub const DIGITS: u32 = 6;
/// Steps either side of now that are still accepted: clocks drift, and a
/// person needs a moment to type the code.
pub const WINDOW: u64 = 1;

/// A TOTP key: 20 random bytes, the size RFC 4226 recommends for SHA-1.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never in a log line.
        f.write_str("TotpSecret(…)")
    }
}

impl TotpSecret {
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; 20];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// RFC 4648 base32 without padding: what a person types into an app.
    pub fn to_base32(&self) -> String {
        data_encoding::BASE32_NOPAD.encode(&self.0)
    }

    pub fn from_base32(text: &str) -> Option<Self> {
        data_encoding::BASE32_NOPAD.decode(text.trim().to_ascii_uppercase().as_bytes()).ok().map(Self)
    }

    /// The `otpauth://` URI an app reads from a QR code (Key Uri Format).
    pub fn provisioning_uri(&self, issuer: &str, account: &str) -> String {
        let issuer = percent_encode(issuer);
        format!(
            "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            account = percent_encode(account),
            secret = self.to_base32(),
        )
    }
}

/// The step a Unix time falls in.
pub fn step_at(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// HOTP (RFC 4226): HMAC-SHA-1 of the counter, dynamically truncated, as a
/// number of `digits` decimal digits.
pub fn hotp(secret: &TotpSecret, counter: u64, digits: u32) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(&secret.0).expect("HMAC accepts keys of any length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([hash[offset], hash[offset + 1], hash[offset + 2], hash[offset + 3]]) & 0x7fff_ffff;
    binary % 10u32.pow(digits)
}

/// The 6-digit code for a step, zero-padded as apps show it.
pub fn code_for_step(secret: &TotpSecret, step: u64) -> String {
    format!("{:0width$}", hotp(secret, step, DIGITS), width = DIGITS as usize)
}

/// Checks a typed code at `unix_seconds`: returns the step it matched, if it
/// matches a step within the window that is later than `last_step` (the one
/// accepted last time, so no code works twice).
pub fn verify(secret: &TotpSecret, typed: &str, unix_seconds: u64, last_step: Option<u64>) -> Option<u64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_at(unix_seconds);
    let mut matched = None;
    // Every candidate is computed and compared, so timing says nothing
    // about which step (if any) matched.
    for step in now.saturating_sub(WINDOW)..=now + WINDOW {
        let candidate = code_for_step(secret, step);
        let equal = candidate.bytes().zip(typed.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if equal && last_step.is_none_or(|last| step > last) && matched.is_none() {
            matched = Some(step);
        }
    }
    matched
}

pub(super) fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key: the ASCII digits "1234567890" twice.
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890".to_vec())
    }

    #[test]
    fn the_rfc_6238_sha1_test_vectors_give_their_eight_digit_codes() {
        let vectors = [
            (59u64, 94_287_082u32),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ];
        for (time, expected) in vectors {
            assert_eq!(hotp(&rfc_secret(), step_at(time), 8), expected, "T = {time}");
        }
    }

    #[test]
    fn six_digit_codes_are_the_last_six_digits_zero_padded() {
        assert_eq!(code_for_step(&rfc_secret(), step_at(59)), "287082");
        assert_eq!(code_for_step(&rfc_secret(), step_at(1_111_111_109)), "081804");
    }

    #[test]
    fn a_code_is_accepted_in_its_own_step_and_one_step_either_side() {
        let code = code_for_step(&rfc_secret(), step_at(1_111_111_109));
        let step = step_at(1_111_111_109);
        assert_eq!(verify(&rfc_secret(), &code, 1_111_111_109, None), Some(step));
        assert_eq!(verify(&rfc_secret(), &code, 1_111_111_109 + 30, None), Some(step));
        assert_eq!(verify(&rfc_secret(), &code, 1_111_111_109 - 30, None), Some(step));
    }

    #[test]
    fn a_code_outside_the_window_is_refused() {
        let code = code_for_step(&rfc_secret(), step_at(1_111_111_109));
        assert_eq!(verify(&rfc_secret(), &code, 1_111_111_109 + 60, None), None);
        assert_eq!(verify(&rfc_secret(), &code, 1_111_111_109 - 60, None), None);
    }

    #[test]
    fn a_code_reused_in_the_same_step_is_refused() {
        let now = 1_234_567_890;
        let code = code_for_step(&rfc_secret(), step_at(now));
        let accepted = verify(&rfc_secret(), &code, now, None).unwrap();

        assert_eq!(verify(&rfc_secret(), &code, now, Some(accepted)), None);
        assert_eq!(verify(&rfc_secret(), &code, now + 1, Some(accepted)), None);
    }

    #[test]
    fn an_earlier_step_than_the_last_accepted_one_is_refused() {
        let now = 1_234_567_890;
        let previous = code_for_step(&rfc_secret(), step_at(now) - 1);
        assert_eq!(verify(&rfc_secret(), &previous, now, Some(step_at(now))), None);
    }

    #[test]
    fn codes_of_the_wrong_shape_are_refused_and_spaces_are_ignored() {
        let now = 59;
        assert_eq!(verify(&rfc_secret(), "287 082", now, None), Some(step_at(now)));
        for typed in ["", "28708", "2870821", "28708x", "-87082"] {
            assert_eq!(verify(&rfc_secret(), typed, now, None), None, "{typed:?}");
        }
    }

    #[test]
    fn a_secret_round_trips_through_base32() {
        let secret = TotpSecret::generate();
        assert_eq!(secret.as_bytes().len(), 20);
        assert_eq!(secret.to_base32().len(), 32);
        assert_eq!(TotpSecret::from_base32(&secret.to_base32().to_lowercase()), Some(secret));
        assert_eq!(rfc_secret().to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn the_provisioning_uri_names_the_issuer_account_and_parameters() {
        let uri = rfc_secret().provisioning_uri("PesPro staff", "ada@pespro.example");
        assert_eq!(
            uri,
            "otpauth://totp/PesPro%20staff:ada@pespro.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=PesPro%20staff&algorithm=SHA1&digits=6&period=30"
        );
    }
}
