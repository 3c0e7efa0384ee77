//! Per-firm single sign-on with OpenID Connect. A firm's admin connects the
//! firm's identity provider (settings in the firm's schema, client secret
//! sealed with the server key); people then sign in through it, and may be
//! created on their first visit. The HTTP client that reaches providers
//! refuses internal addresses (see [`http`]).

pub mod flow;
pub mod http;
pub mod refusal;
pub mod store;

pub use flow::{
    PendingSignIn, ProviderConfig, VerifiedIdentity, begin, check_issuer, discover, finish, verify_id_token,
};
pub use http::{GuardedHttp, InternalAllowList};
pub use refusal::{SsoFailure, TokenRefusal};
pub use store::{
    Admission, AdmitError, SaveError, StoredSso, admit, is_active_admin, load, password_sign_in_refused, save,
};
