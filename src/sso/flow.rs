//! The OpenID Connect authorization code flow, with PKCE, state and nonce.
//! `begin` sends the person to the provider and returns what the session
//! must remember; `finish` trades the code for tokens and accepts only an ID
//! token whose signature, issuer, audience, expiry and nonce all check out.
//! Discovery happens on every attempt: providers rotate keys, and an
//! attempt is rare enough that freshness beats a cache.

use super::http::GuardedHttp;
use super::refusal::{SsoFailure, TokenRefusal};
use crate::sso_settings::SsoProblem;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A firm's provider, as the flow needs it (the secret already unsealed).
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// This firm's callback, exactly as registered at the provider.
    pub redirect_uri: String,
}

/// What the session keeps between `begin` and `finish`. Single use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub tenant_id: i64,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider vouched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedIdentity {
    pub subject: String,
    pub email: String,
    pub email_verified: bool,
    pub name: Option<String>,
}

type Configured =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Fetches the provider's discovery document and keys. The library checks
/// that the document names the issuer we asked for.
pub async fn discover(http: &GuardedHttp, issuer_url: &str) -> Result<CoreProviderMetadata, DiscoveryFailed> {
    let issuer = IssuerUrl::new(issuer_url.to_owned()).map_err(|e| DiscoveryFailed(e.to_string()))?;
    CoreProviderMetadata::discover_async(issuer, http).await.map_err(|e| DiscoveryFailed(describe(&e)))
}

/// Why discovery failed, for the admin saving the settings and the log.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DiscoveryFailed(pub String);

fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

fn client(metadata: CoreProviderMetadata, config: &ProviderConfig) -> Result<Configured, SsoProblem> {
    let redirect = RedirectUrl::new(config.redirect_uri.clone()).map_err(|_| SsoProblem::NotConfigured)?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(config.client_id.clone()),
        Some(ClientSecret::new(config.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Where to send the person, and what to remember until they come back.
pub async fn begin(
    http: &GuardedHttp,
    config: &ProviderConfig,
    tenant_id: i64,
) -> Result<(String, PendingSignIn), SsoProblem> {
    let metadata = discover(http, &config.issuer_url).await.map_err(|error| {
        tracing::warn!(%error, "identity provider discovery failed");
        SsoProblem::ProviderUnavailable
    })?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client(metadata, config)?
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = PendingSignIn {
        tenant_id,
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    };
    Ok((url.to_string(), pending))
}

/// Trades the code for tokens and verifies the ID token. `state` must have
/// been compared with the pending one by the caller before this runs.
pub async fn finish(
    http: &GuardedHttp,
    config: &ProviderConfig,
    pending: &PendingSignIn,
    code: &str,
) -> Result<VerifiedIdentity, SsoFailure> {
    let metadata = discover(http, &config.issuer_url).await.map_err(|error| {
        tracing::warn!(%error, "identity provider discovery failed");
        SsoProblem::ProviderUnavailable
    })?;
    let client = client(metadata, config)?;
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|_| SsoProblem::NotConfigured)?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(http)
        .await
        .map_err(|error| {
            tracing::warn!(error = %describe(&error), "the provider refused the authorization code");
            SsoProblem::AnswerRejected
        })?;
    let id_token = openidconnect::TokenResponse::id_token(&response).ok_or_else(|| {
        tracing::warn!("the token response carried no ID token");
        SsoProblem::AnswerRejected
    })?;
    Ok(check_id_token(&client, &id_token.to_string(), &pending.nonce)?)
}

/// Verifies a raw ID token against a firm's provider: signature by the
/// provider's published keys, issuer, audience (our client id), expiry and
/// the nonce this attempt sent.
pub async fn verify_id_token(
    http: &GuardedHttp,
    config: &ProviderConfig,
    raw: &str,
    nonce: &str,
) -> Result<VerifiedIdentity, SsoFailure> {
    let metadata = discover(http, &config.issuer_url).await.map_err(|_| SsoProblem::ProviderUnavailable)?;
    Ok(check_id_token(&client(metadata, config)?, raw, nonce)?)
}

fn check_id_token(client: &Configured, raw: &str, nonce: &str) -> Result<VerifiedIdentity, TokenRefusal> {
    let rejected = |refusal: TokenRefusal, why: String| {
        tracing::warn!(security_event = "sso_token_rejected", check = refusal.as_str(), %why, "an ID token failed verification");
        refusal
    };
    let token = CoreIdToken::from_str(raw).map_err(|e| rejected(TokenRefusal::Malformed, e.to_string()))?;
    let claims = token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
        .map_err(|e| rejected(TokenRefusal::of(&e), describe(&e)))?;
    let email = claims.email().ok_or_else(|| rejected(TokenRefusal::NoEmail, "no email claim".into()))?;
    Ok(VerifiedIdentity {
        subject: claims.subject().to_string(),
        email: email.to_string(),
        email_verified: claims.email_verified() == Some(true),
        name: claims.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
    })
}

/// Checks, before settings are saved, that the issuer answers as an OpenID
/// provider; the error is a sentence for the admin who typed the URL.
pub async fn check_issuer(http: &GuardedHttp, issuer_url: &str) -> Result<(), String> {
    let Err(DiscoveryFailed(why)) = discover(http, issuer_url).await else { return Ok(()) };
    tracing::info!(%why, "issuer discovery failed while saving SSO settings");
    Err(if why.contains("internal address") {
        "that address is inside our network, so PesPro will not contact it".into()
    } else if why.contains("unexpected issuer") {
        "the provider names a different issuer: copy the issuer URL exactly as the provider shows it".into()
    } else {
        format!("PesPro could not read an OpenID configuration from {issuer_url}/.well-known/openid-configuration")
    })
}
