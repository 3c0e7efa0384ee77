//! Forged ID tokens through the real `/sso/callback`, from a provider that
//! hands out whatever token the test made: `alg: none`, HS256 "signed" with
//! the provider's public key, an expired token and one for another client.
//! Each is refused, and the firm's audit trail names the check that refused
//! it. A genuine token from the same provider signs in, so the refusals are
//! the checks' doing, not a broken harness.

use crate::helpers::{PASSWORD, Response, TestApp, call, fresh_database, location, set_cookie};
use crate::oidc_provider::CLIENT_ID;
use crate::sso::{HOST, settings_body, sso_app};
use axum::Json;
use axum::extract::State;
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use openidconnect::PrivateSigningKey;
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use pespro::access::Role;
use pespro::audit::{AuditAction, AuditPage};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

/// A throwaway key for this test's provider only.
const KEY: &str = include_str!("fixtures/forging-provider-key.pem");

struct Forger {
    issuer: String,
    key: CoreRsaPrivateSigningKey,
    next_token: Mutex<String>,
}

async fn start_forger() -> Arc<Forger> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let key = CoreRsaPrivateSigningKey::from_pem(KEY, Some(openidconnect::JsonWebKeyId::new("k1".into()))).unwrap();
    let forger = Arc::new(Forger { issuer, key, next_token: Mutex::new(String::new()) });
    let app = axum::Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/token", post(token))
        .with_state(forger.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    forger
}

async fn discovery(State(forger): State<Arc<Forger>>) -> Json<Value> {
    let issuer = &forger.issuer;
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(State(forger): State<Arc<Forger>>) -> Json<Value> {
    Json(json!({ "keys": [forger.key.as_verification_key()] }))
}

async fn token(State(forger): State<Arc<Forger>>) -> Json<Value> {
    let id_token = forger.next_token.lock().unwrap().clone();
    Json(json!({ "access_token": "forged-access", "token_type": "Bearer", "expires_in": 60, "id_token": id_token }))
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

impl Forger {
    /// Claims as the genuine provider would make them, with `changes` applied.
    fn claims(&self, nonce: &str, changes: &[(&str, Value)]) -> Value {
        let mut claims = json!({
            "iss": self.issuer, "sub": "forged-1", "aud": CLIENT_ID, "iat": now(), "exp": now() + 300,
            "nonce": nonce, "email": "ada@alpha.example", "email_verified": true,
        });
        for (name, value) in changes {
            claims[*name] = value.clone();
        }
        claims
    }

    fn signed(&self, header: &Value, claims: &Value, sign: impl Fn(&[u8]) -> Vec<u8>) -> String {
        let encode = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let message = format!("{}.{}", encode(header), encode(claims));
        let signature = URL_SAFE_NO_PAD.encode(sign(message.as_bytes()));
        format!("{message}.{signature}")
    }

    fn rs256(&self, claims: &Value) -> String {
        let header = json!({ "alg": "RS256", "kid": "k1", "typ": "JWT" });
        self.signed(&header, claims, |m| self.key.sign(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, m).unwrap())
    }

    fn unsigned(&self, claims: &Value) -> String {
        self.signed(&json!({ "alg": "none", "typ": "JWT" }), claims, |_| Vec::new())
    }

    /// HS256 keyed with the provider's *public* key: the classic confusion.
    fn hs256_with_public_key(&self, claims: &Value) -> String {
        let public = serde_json::to_vec(&self.key.as_verification_key()).unwrap();
        self.signed(&json!({ "alg": "HS256", "kid": "k1", "typ": "JWT" }), claims, |m| {
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&public).unwrap();
            mac.update(m);
            mac.finalize().into_bytes().to_vec()
        })
    }
}

/// One single sign-on through the app, the provider answering with the
/// token `forge` makes from the attempt's nonce.
async fn attempt(app: &TestApp, forger: &Forger, forge: impl Fn(&str) -> String) -> Response {
    let started = app.get(HOST, "/sso/start").await;
    let cookie = set_cookie(&started).expect("the attempt is kept in a session");
    let authorize = location(&started).to_owned();
    let param =
        |name: &str| authorize.split(['?', '&']).find_map(|p| p.strip_prefix(&format!("{name}="))).unwrap().to_owned();
    // Nonce and state are URL-safe base64: no decoding needed.
    *forger.next_token.lock().unwrap() = forge(&param("nonce"));
    app.get_with(HOST, &format!("/sso/callback?code=any&state={}", param("state")), &cookie).await
}

#[tokio::test]
async fn forged_tokens_are_refused_by_the_check_each_one_fails_and_the_trail_names_it() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = sso_app(&test).await;
    let forger = start_forger().await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let saved = app.request(call(HOST, "/api/save_sso_settings", &settings_body(&forger.issuer, &[]), &admin)).await;
    assert_eq!(saved.status, axum::http::StatusCode::OK, "{}", saved.body);

    let unsigned = attempt(&app, &forger, |n| forger.unsigned(&forger.claims(n, &[]))).await;
    let confused = attempt(&app, &forger, |n| forger.hs256_with_public_key(&forger.claims(n, &[]))).await;
    let expired = attempt(&app, &forger, |n| {
        forger.rs256(&forger.claims(n, &[("exp", json!(now() - 3600)), ("iat", json!(now() - 7200))]))
    })
    .await;
    let elsewhere =
        attempt(&app, &forger, |n| forger.rs256(&forger.claims(n, &[("aud", json!("another-client"))]))).await;
    let genuine = attempt(&app, &forger, |n| forger.rs256(&forger.claims(n, &[]))).await;

    for refused in [&unsigned, &confused, &expired, &elsewhere] {
        assert_eq!(location(refused), "/sign-in?sso=rejected", "{refused:?}");
    }
    assert_eq!(location(&genuine), "/", "the same provider's genuine token signs in: {genuine:?}");
    let log = app.request(call(HOST, "/api/audit_log", "", &admin)).await;
    let page: AuditPage = serde_json::from_str(&log.body).expect(&log.body);
    let mut refusals: Vec<&str> = page
        .events
        .iter()
        .filter(|e| e.action == AuditAction::SignInFailed)
        .map(|e| e.detail.trim_start_matches("single sign-on refused: ID token "))
        .collect();
    refusals.reverse();
    assert_eq!(
        refusals,
        ["unsigned (alg none)", "signature algorithm not allowed", "expired", "wrong audience"],
        "each forgery is named by the check that refused it"
    );
}
