//! What single sign-on must refuse: ID tokens that were altered or issued
//! by another provider, issuers at internal addresses or announcing another
//! name, and non-admins touching the settings. Tokens here are real ones
//! from the run's providers, obtained as the app would obtain them.

use crate::helpers::{PASSWORD, TestApp, call, fresh_database, test_config};
use crate::oidc_provider::{CLIENT_ID, CLIENT_SECRET, Provider, other_provider, provider};
use crate::sso::{HOST, firm_with_sso, settings_body};
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pespro::access::Role;
use pespro::sso::{GuardedHttp, InternalAllowList, ProviderConfig, TokenRefusal};

fn config_for(provider: &Provider) -> ProviderConfig {
    ProviderConfig {
        issuer_url: provider.issuer.clone(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        redirect_uri: format!("http://{HOST}/sso/callback"),
    }
}

fn loopback_http() -> GuardedHttp {
    GuardedHttp::new(InternalAllowList::parse("127.0.0.1"))
}

/// A fresh, genuine ID token for `login` from `provider`, and its nonce.
async fn real_id_token(provider: &Provider, login: &str) -> (String, String) {
    let config = config_for(provider);
    let (authorize, pending) = pespro::sso::begin(&loopback_http(), &config, 1).await.unwrap();
    let back = provider.log_in(&authorize, Some(login)).await;
    let code = back.split("code=").nth(1).unwrap().split('&').next().unwrap().to_owned();
    let tokens = reqwest::Client::new()
        .post(format!("{}/token", provider.issuer))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", config.redirect_uri.as_str()),
            ("code_verifier", pending.pkce_verifier.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let tokens: serde_json::Value = serde_json::from_str(&tokens).unwrap();
    (tokens["id_token"].as_str().expect("an ID token").to_owned(), pending.nonce)
}

#[tokio::test]
async fn a_genuine_id_token_is_accepted_and_the_same_token_altered_is_refused() {
    let (token, nonce) = real_id_token(provider(), "ada@alpha.example").await;
    let parts: Vec<&str> = token.split('.').collect();
    let claims = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let forged_claims = claims.replace("ada@alpha.example", "boss@alpha.example");
    let tampered = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(forged_claims), parts[2]);
    let config = config_for(provider());

    let genuine = pespro::sso::verify_id_token(&loopback_http(), &config, &token, &nonce).await;
    let forged = pespro::sso::verify_id_token(&loopback_http(), &config, &tampered, &nonce).await;
    let replayed = pespro::sso::verify_id_token(&loopback_http(), &config, &token, "another attempt's nonce").await;

    assert_eq!(genuine.unwrap().email, "ada@alpha.example");
    assert_eq!(forged.unwrap_err(), TokenRefusal::Signature.into());
    assert_eq!(replayed.unwrap_err(), TokenRefusal::Nonce.into(), "the nonce ties a token to its attempt");
}

#[tokio::test]
async fn an_id_token_from_another_issuer_is_refused() {
    // Both providers sign with the same development key, so only the
    // issuer (and audience) checks stand between this token and a sign-in.
    let (token, nonce) = real_id_token(other_provider(), "ada@alpha.example").await;

    let verdict = pespro::sso::verify_id_token(&loopback_http(), &config_for(provider()), &token, &nonce).await;

    assert_eq!(verdict.unwrap_err(), TokenRefusal::Issuer.into());
}

#[tokio::test]
async fn an_issuer_url_that_does_not_match_what_the_provider_announces_is_refused_on_save() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let mut config = test_config(false);
    config.oidc_allow_internal = InternalAllowList::parse("127.0.0.1, localhost");
    let app = TestApp::start_with(&test, config).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let aliased = provider().issuer.replace("127.0.0.1", "localhost");

    let saved = app.request(call(HOST, "/api/save_sso_settings", &settings_body(&aliased, &[]), &admin)).await;

    assert!(saved.body.contains("names a different issuer"), "{}", saved.body);
}

#[tokio::test]
async fn an_issuer_at_an_internal_address_is_never_contacted_without_the_servers_allow_list() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start_with(&test, test_config(false)).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let mut answers = Vec::new();
    for issuer in
        [provider().issuer.as_str(), "http://169.254.169.254/latest", "http://localhost:5432", "http://[::1]:80"]
    {
        answers.push(app.request(call(HOST, "/api/save_sso_settings", &settings_body(issuer, &[]), &admin)).await);
    }

    for answer in answers {
        assert!(answer.body.contains("inside our network"), "{}", answer.body);
    }
}

#[tokio::test]
async fn the_client_secret_is_sealed_at_rest_and_never_sent_back() {
    let (test, app, admin) = firm_with_sso(&[]).await;
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;

    let stored: Vec<u8> = sqlx::query_scalar(&format!("select client_secret_sealed from {schema}.sso_settings"))
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let shown = app.request(call(HOST, "/api/sso_settings", "", &admin)).await;
    let kept = app
        .request(call(
            HOST,
            "/api/save_sso_settings",
            &settings_body(&provider().issuer, &[("client_secret", "")]),
            &admin,
        ))
        .await;

    assert!(!stored.windows(CLIENT_SECRET.len()).any(|w| w == CLIENT_SECRET.as_bytes()));
    assert!(!shown.body.contains(CLIENT_SECRET) && shown.body.contains("\"secret_stored\":true"), "{}", shown.body);
    assert_eq!(kept.status, StatusCode::OK, "a blank secret keeps the stored one: {}", kept.body);
    assert!(shown.body.contains("http://alpha.localhost/sso/callback"), "the page shows the redirect URI");
}

#[tokio::test]
async fn only_administrators_may_read_or_change_sso_settings() {
    let (test, app, _) = firm_with_sso(&[]).await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let manager = app.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();

    let read = app.request(call(HOST, "/api/sso_settings", "", &manager)).await;
    let write =
        app.request(call(HOST, "/api/save_sso_settings", &settings_body("https://evil.example", &[]), &manager)).await;

    assert_eq!(read.body, "\"Forbidden\"");
    assert_eq!(write.body, "\"Forbidden\"");
}

#[tokio::test]
async fn a_provider_that_is_down_ends_on_the_sign_in_page_with_a_message() {
    let (test, app, _) = firm_with_sso(&[]).await;
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    let nothing_listens = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    sqlx::query(&format!("update {schema}.sso_settings set issuer_url = $1"))
        .bind(format!("http://127.0.0.1:{nothing_listens}"))
        .execute(&mut conn)
        .await
        .unwrap();

    let start = app.get(HOST, "/sso/start").await;

    assert_eq!(start.headers["location"], "/sign-in?sso=unavailable");
    let page = app.get(HOST, "/sign-in?sso=unavailable").await;
    assert!(page.body.contains("couldn&#x27;t reach your identity provider") || page.body.contains("couldn't reach"));
}

#[tokio::test]
async fn a_new_issuer_needs_its_own_secret_typed_and_unlinks_everyone() {
    let (test, app, admin) = firm_with_sso(&[]).await;
    let (signed_in, _) = crate::sso::sso_sign_in(&app, Some("ada@alpha.example")).await;
    assert_eq!(signed_in.headers["location"], "/", "ada is linked to the first provider");
    let schema = test.schema_of("alpha").await;
    let linked = || async {
        sqlx::query_scalar::<_, i64>(&format!("select count(*) from {schema}.users where sso_subject is not null"))
            .fetch_one(&mut test.raw().await)
            .await
            .unwrap()
    };
    let before = linked().await;
    let save = |secret: &str| {
        let body = settings_body(&other_provider().issuer, &[("client_secret", secret)]);
        call(HOST, "/api/save_sso_settings", &body, &admin)
    };

    let blank = app.request(save("")).await;
    let still_linked = linked().await;
    let typed = app.request(save(CLIENT_SECRET)).await;

    assert_eq!(before, 1);
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", blank.body);
    assert!(blank.body.contains("a new issuer needs its own client secret"), "{}", blank.body);
    assert_eq!(still_linked, 1, "a refused save changes nothing");
    assert_eq!(typed.status, StatusCode::OK, "{}", typed.body);
    assert_eq!(linked().await, 0, "subjects of the old issuer mean nothing at the new one");
}
