//! Why a single sign-on ended without signing anyone in, in two parts: the
//! problem the person is shown (`SsoProblem`, a sentence on the sign-in
//! page) and, when it was the ID token, which check refused it — recorded in
//! the firm's audit trail, so a forged or replayed token shows as what it was.

use crate::sso_settings::SsoProblem;
use openidconnect::{ClaimsVerificationError, SignatureVerificationError};

/// The check an ID token failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    /// Not a JWT at all.
    Malformed,
    /// `alg: none`: no signature.
    Unsigned,
    /// Signed with an algorithm this client does not accept (e.g. HS256
    /// "signed" with the provider's public key).
    Algorithm,
    /// The signature does not verify with the provider's published keys.
    Signature,
    Issuer,
    Audience,
    Expired,
    /// Not the nonce this attempt sent: a replayed token.
    Nonce,
    NoEmail,
    Other,
}

impl TokenRefusal {
    /// The words in the audit trail ("ID token refused: <this>").
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::Unsigned => "unsigned (alg none)",
            Self::Algorithm => "signature algorithm not allowed",
            Self::Signature => "signature does not verify",
            Self::Issuer => "wrong issuer",
            Self::Audience => "wrong audience",
            Self::Expired => "expired",
            Self::Nonce => "wrong nonce",
            Self::NoEmail => "no email",
            Self::Other => "other",
        }
    }

    pub(super) fn of(error: &ClaimsVerificationError) -> Self {
        match error {
            ClaimsVerificationError::Expired(_) => Self::Expired,
            ClaimsVerificationError::InvalidAudience(_) => Self::Audience,
            ClaimsVerificationError::InvalidIssuer(_) => Self::Issuer,
            ClaimsVerificationError::InvalidNonce(_) => Self::Nonce,
            ClaimsVerificationError::SignatureVerification(signature) => match signature {
                SignatureVerificationError::NoSignature => Self::Unsigned,
                SignatureVerificationError::DisallowedAlg(_) | SignatureVerificationError::UnsupportedAlg(_) => {
                    Self::Algorithm
                }
                _ => Self::Signature,
            },
            _ => Self::Other,
        }
    }
}

/// A failed single sign-on: what to tell the person, and what to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SsoFailure {
    pub problem: SsoProblem,
    pub token: Option<TokenRefusal>,
}

impl From<SsoProblem> for SsoFailure {
    fn from(problem: SsoProblem) -> Self {
        Self { problem, token: None }
    }
}

impl From<TokenRefusal> for SsoFailure {
    fn from(token: TokenRefusal) -> Self {
        Self { problem: SsoProblem::AnswerRejected, token: Some(token) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsigned_token_is_told_apart_from_a_bad_signature() {
        let none = ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoSignature);
        let bad = ClaimsVerificationError::SignatureVerification(SignatureVerificationError::CryptoError("x".into()));
        assert_eq!(TokenRefusal::of(&none), TokenRefusal::Unsigned);
        assert_eq!(TokenRefusal::of(&bad), TokenRefusal::Signature);
    }

    #[test]
    fn a_disallowed_algorithm_is_its_own_refusal() {
        let hs256 =
            ClaimsVerificationError::SignatureVerification(SignatureVerificationError::DisallowedAlg("HS256".into()));
        assert_eq!(TokenRefusal::of(&hs256), TokenRefusal::Algorithm);
    }

    #[test]
    fn claim_checks_name_the_claim() {
        assert_eq!(TokenRefusal::of(&ClaimsVerificationError::Expired("x".into())), TokenRefusal::Expired);
        assert_eq!(TokenRefusal::of(&ClaimsVerificationError::InvalidAudience("x".into())), TokenRefusal::Audience);
    }

    #[test]
    fn a_token_refusal_is_shown_to_the_person_as_a_rejected_answer() {
        assert_eq!(SsoFailure::from(TokenRefusal::Expired).problem, SsoProblem::AnswerRejected);
    }
}
