//! Custom domains end to end on the app `pespro serve` builds, with dnsmasq
//! as the nameserver: an admin adds a name (stored pending, not served),
//! creates the records, "Check now" proves it and every process serves the
//! firm on it; the edge's certificate question is answered yes only then.
//! Another firm cannot take, check or remove it; bad names are refused at
//! the field with nothing stored; a removed TXT record (drift) stops it
//! being served; the background check shares its queue between processes.

use crate::dns_server::{DnsServer, Record};
use crate::helpers::{TestApp, call, form_encode, location, test_config};
use crate::invoice_fixture::{Firm, firm};
use crate::invoice_server_fns::{error_of, host, signed_in};
use app::error::AppError;
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::domains::check::DomainChecks;
use pespro::domains::lifecycle::{CheckPolicy, DomainStatus};
use pespro::domains::proof::EdgeTarget;
use pespro::domains::resolve::DomainResolver;
use pespro::tenancy::TenantRegistry;
use std::net::SocketAddr;

const DOMAIN: &str = "time.alpha-law.test";
const CHALLENGE: &str = "_pespro-challenge.time.alpha-law.test";

/// Checks against `nameserver`; without one, a port nobody answers on.
fn checks(nameserver: Option<SocketAddr>) -> DomainChecks {
    let address = nameserver.unwrap_or_else(|| "127.0.0.1:9".parse().unwrap());
    DomainChecks {
        resolver: DomainResolver::at(address).unwrap(),
        edge: EdgeTarget { cname: "edge.pespro.test".into(), addresses: vec!["127.0.0.1".parse().unwrap()] },
        policy: CheckPolicy::default(),
    }
}

async fn app_asking(firm: &Firm, nameserver: Option<SocketAddr>) -> TestApp {
    let mut config = test_config(true);
    config.domain_checks = checks(nameserver);
    TestApp::start_with(&firm.test, config).await
}

/// The firm's stored domains: name, status, token.
async fn stored(firm: &Firm) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as("select hostname, status, token from platform.tenant_hostnames where tenant_id = $1 order by 1")
        .bind(firm.tenant.id.0)
        .fetch_all(&mut firm.test.raw().await)
        .await
        .unwrap()
}

async fn token_of(firm: &Firm, domain: &str) -> String {
    stored(firm).await.into_iter().find(|(h, _, _)| h == domain).and_then(|(_, _, t)| t).expect("a token")
}

/// The records that prove `DOMAIN` for `token`, pointing at the platform.
fn proving(token: &str) -> DnsServer {
    DnsServer::start(&[
        Record::Txt(CHALLENGE, &format!("pespro-verify={token}")),
        Record::Host("edge.pespro.test", "127.0.0.1"),
        Record::Cname(DOMAIN, "edge.pespro.test"),
    ])
}

fn hostname(name: &str) -> String {
    format!("hostname={}", form_encode(name))
}

async fn ask(app: &TestApp, domain: &str) -> StatusCode {
    app.get("127.0.0.1:3000", &format!("/.well-known/pespro/tls-ask?domain={domain}")).await.status
}

#[tokio::test]
async fn a_domain_an_admin_adds_is_served_only_once_dns_proves_it_and_then_on_every_process() {
    let firm = firm("alpha").await;
    let first = app_asking(&firm, None).await;
    let ada = signed_in(&first, &firm, "ada").await;

    let added = first.request(call(&host(&firm), "/api/add_domain", &hostname(" Time.Alpha-Law.TEST. "), &ada)).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let token = token_of(&firm, DOMAIN).await;
    assert_eq!(stored(&firm).await, [(DOMAIN.into(), "pending".into(), Some(token.clone()))]);
    assert_eq!(first.get(DOMAIN, "/sign-in").await.status, StatusCode::NOT_FOUND, "not served before it is proven");
    assert_eq!(ask(&first, DOMAIN).await, StatusCode::NOT_FOUND, "no certificate for an unproven name");

    // Before the records exist the check says which one is missing.
    let unanswered = first.request(call(&host(&firm), "/api/check_domain", &hostname(DOMAIN), &ada)).await;
    assert_eq!(unanswered.body, "\"Pending\"", "a nameserver that does not answer changes nothing");

    let dns = proving(&token);
    let second = app_asking(&firm, Some(dns.address)).await;
    let checked = second.request(call(&host(&firm), "/api/check_domain", &hostname(DOMAIN), &ada)).await;
    assert_eq!((checked.status, checked.body.as_str()), (StatusCode::OK, "\"Verified\""));

    let page = second.get(DOMAIN, "/sign-in").await;
    assert_eq!(page.status, StatusCode::OK, "served at once by the process that checked");
    assert!(page.body.contains("Firm alpha"));
    first.eventually(DOMAIN, StatusCode::OK).await;
    assert_eq!(ask(&first, DOMAIN).await, StatusCode::OK);
    assert_eq!(ask(&first, "alpha.localhost").await, StatusCode::OK, "the firm's own subdomain");
    assert_eq!(ask(&first, "nobody.localhost").await, StatusCode::NOT_FOUND);
    assert_eq!(ask(&first, "elsewhere.test").await, StatusCode::NOT_FOUND);

    let audit: Vec<(String, String)> = sqlx::query_as(&format!(
        "select subject, detail from {}.audit_events where action = 'domains.changed'",
        firm.schema
    ))
    .fetch_all(&mut firm.test.raw().await)
    .await
    .unwrap();
    assert_eq!(audit, [(DOMAIN.into(), "added; waiting for its DNS records".into())]);
}

#[tokio::test]
async fn another_firm_can_neither_take_check_nor_remove_a_proven_domain() {
    let alpha = firm("alpha").await;
    alpha.test.create_firm("beta").await;
    alpha.test.create_person("beta", "bea@beta.example", Role::Admin).await;
    let app = app_asking(&alpha, None).await;
    let ada = signed_in(&app, &alpha, "ada").await;
    let bea = app.sign_in("beta.localhost", "bea@beta.example", crate::helpers::PASSWORD).await.unwrap();

    // An unproven claim blocks nobody: both firms may wait for DNS.
    let beta_first = app.request(call("beta.localhost", "/api/add_domain", &hostname(DOMAIN), &bea)).await;
    assert_eq!(beta_first.status, StatusCode::OK, "{}", beta_first.body);
    let alpha_too = app.request(call(&host(&alpha), "/api/add_domain", &hostname(DOMAIN), &ada)).await;
    assert_eq!(alpha_too.status, StatusCode::OK, "{}", alpha_too.body);

    // Only alpha's value is in DNS: beta's check proves nothing.
    let dns = proving(&token_of(&alpha, DOMAIN).await);
    let checks = checks(Some(dns.address));
    assert_eq!(
        checks.check_now(&alpha.test.db, beta_id(&alpha).await, DOMAIN).await.unwrap(),
        Some(DomainStatus::Pending)
    );
    assert_eq!(checks.check_now(&alpha.test.db, alpha.tenant.id, DOMAIN).await.unwrap(), Some(DomainStatus::Verified));

    // Beta, through its own host, reaches only its own claim.
    let removed = app.request(call("beta.localhost", "/api/remove_domain", &hostname(DOMAIN), &bea)).await;
    assert_eq!(removed.status, StatusCode::OK, "beta removes its own claim: {}", removed.body);
    for path in ["/api/remove_domain", "/api/check_domain", "/api/make_primary_domain"] {
        let answer = app.request(call("beta.localhost", path, &hostname(DOMAIN), &bea)).await;
        assert_eq!(error_of(&answer), AppError::NotFound, "{path}");
    }
    let again = app.request(call("beta.localhost", "/api/add_domain", &hostname(DOMAIN), &bea)).await;
    assert_eq!(
        error_of(&again),
        AppError::validation("hostname", "time.alpha-law.test is already in use by another firm on PesPro")
    );
    app.eventually(DOMAIN, StatusCode::OK).await;
    assert!(app.get(DOMAIN, "/sign-in").await.body.contains("Firm alpha"), "still alpha's");
}

async fn beta_id(firm: &Firm) -> pespro::tenant::TenantId {
    TenantRegistry::load(&firm.test.db).await.unwrap().by_slug("beta").unwrap().id
}

#[tokio::test]
async fn bad_names_are_refused_at_the_field_with_nothing_stored() {
    let firm = firm("alpha").await;
    let app = app_asking(&firm, None).await;
    let ada = signed_in(&app, &firm, "ada").await;
    for typed in [
        "https://time.alpha-law.test/",
        "*.alpha-law.test",
        "192.0.2.7",
        "time.alpha-law.test:8443",
        "beta.localhost",
        "admin.localhost",
        "time..test",
        "",
    ] {
        let answer = app.request(call(&host(&firm), "/api/add_domain", &hostname(typed), &ada)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed:?}: {}", answer.body);
        assert!(error_of(&answer).for_field("hostname").is_some(), "{typed:?}");
    }
    let unicode = app.request(call(&host(&firm), "/api/add_domain", &hostname("tïme.alpha-law.test"), &ada)).await;
    assert_eq!(unicode.status, StatusCode::OK);
    let names: Vec<String> = stored(&firm).await.into_iter().map(|(h, _, _)| h).collect();
    assert_eq!(names, ["xn--tme-zma.alpha-law.test"], "only the good name, in the form DNS uses");

    let manager = signed_in(&app, &firm, "mia").await;
    let refused = app.request(call(&host(&firm), "/api/add_domain", &hostname("x.alpha-law.test"), &manager)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// Firm alpha with `DOMAIN` added by its admin and proven through DNS
/// (which keeps answering while the returned server lives), served.
async fn served_on_domain() -> (Firm, TestApp, String, DnsServer) {
    let firm = firm("alpha").await;
    let app = app_asking(&firm, None).await;
    let ada = signed_in(&app, &firm, "ada").await;
    app.request(call(&host(&firm), "/api/add_domain", &hostname(DOMAIN), &ada)).await;
    let dns = proving(&token_of(&firm, DOMAIN).await);
    checks(Some(dns.address)).check_now(&firm.test.db, firm.tenant.id, DOMAIN).await.unwrap();
    app.eventually(DOMAIN, StatusCode::OK).await;
    (firm, app, ada, dns)
}

#[tokio::test]
async fn a_removed_txt_record_stops_the_domain_being_served_and_says_why() {
    let (firm, app, ada, dns) = served_on_domain().await;

    let made = app.request(call(&host(&firm), "/api/make_primary_domain", &hostname(DOMAIN), &ada)).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert_eq!(app.app.state().registry.by_slug("alpha").unwrap().primary_host.as_deref(), Some(DOMAIN));
    // The firm's other host now leads there (pages only: calls are answered where they are made).
    let elsewhere = app.get(&host(&firm), "/invoices?status=draft").await;
    assert_eq!(elsewhere.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(location(&elsewhere), format!("http://{DOMAIN}:3000/invoices?status=draft"));
    assert_eq!(app.get(DOMAIN, "/sign-in").await.status, StatusCode::OK);
    let call_there = app.request(call(&host(&firm), "/api/domains", "", &ada)).await;
    assert_eq!(call_there.status, StatusCode::OK, "{}", call_there.body);

    drop(dns);
    let without_txt = DnsServer::start(&[Record::Host(DOMAIN, "127.0.0.1")]);
    let after = checks(Some(without_txt.address)).check_now(&firm.test.db, firm.tenant.id, DOMAIN).await.unwrap();
    assert_eq!(after, Some(DomainStatus::Failed));
    app.eventually(DOMAIN, StatusCode::NOT_FOUND).await;
    assert_eq!(ask(&app, DOMAIN).await, StatusCode::NOT_FOUND);
    let registry = TenantRegistry::load(&firm.test.db).await.unwrap();
    assert_eq!(registry.by_slug("alpha").unwrap().primary_host, None, "links fall back to the firm's own address");
    app.eventually(&host(&firm), StatusCode::OK).await;
    let reason: Option<String> = sqlx::query_scalar("select reason from platform.tenant_hostnames where hostname = $1")
        .bind(DOMAIN)
        .fetch_one(&mut firm.test.raw().await)
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("No TXT record at _pespro-challenge.time.alpha-law.test yet."));
}

#[tokio::test]
async fn the_background_check_takes_due_domains_and_skips_one_another_process_is_checking() {
    let firm = firm("alpha").await;
    let app = app_asking(&firm, None).await;
    let ada = signed_in(&app, &firm, "ada").await;
    for name in [DOMAIN, "books.alpha-law.test"] {
        app.request(call(&host(&firm), "/api/add_domain", &hostname(name), &ada)).await;
    }
    let dns = proving(&token_of(&firm, DOMAIN).await);
    let checks = checks(Some(dns.address));

    // Another process holds the first domain's row, checking it.
    let mut other = firm.test.raw().await;
    sqlx::query("begin").execute(&mut other).await.unwrap();
    sqlx::query("select 1 from platform.tenant_hostnames where hostname = $1 for update")
        .bind(DOMAIN)
        .execute(&mut other)
        .await
        .unwrap();
    assert_eq!(checks.check_due(&firm.test.db, 10).await.unwrap(), 1, "only the row nobody holds");
    sqlx::query("rollback").execute(&mut other).await.unwrap();

    assert_eq!(checks.check_due(&firm.test.db, 10).await.unwrap(), 1, "the other row is due once free");
    assert_eq!(checks.check_due(&firm.test.db, 10).await.unwrap(), 0, "nothing is due again so soon");
    let statuses: Vec<String> = stored(&firm).await.into_iter().map(|(_, s, _)| s).collect();
    assert_eq!(statuses, ["pending", "verified"], "books.… has no records; time.… is proven");
}

#[tokio::test]
async fn the_first_https_request_through_the_edge_shows_the_certificate_was_issued() {
    let (firm, app, _, _dns) = served_on_domain().await;
    assert_eq!(stored(&firm).await[0].1, "verified", "plain HTTP says nothing of a certificate");

    let through_edge = crate::helpers::page_request("127.0.0.1:3000", "/sign-in")
        .header("x-forwarded-host", DOMAIN)
        .header("x-forwarded-proto", "https")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.request(through_edge).await.status, StatusCode::OK);
    for _ in 0..100 {
        if stored(&firm).await[0].1 == "active" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the domain never became active");
}

#[tokio::test]
async fn staff_see_every_firm_s_domains_and_why_one_is_not_served() {
    use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session};
    let firm = firm("alpha").await;
    firm.test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = app_asking(&firm, None).await;
    let ada = signed_in(&app, &firm, "ada").await;
    app.request(call(&host(&firm), "/api/add_domain", &hostname(DOMAIN), &ada)).await;
    let without_txt = DnsServer::start(&[Record::Host(DOMAIN, "127.0.0.1")]);
    checks(Some(without_txt.address)).check_now(&firm.test.db, firm.tenant.id, DOMAIN).await.unwrap();
    pespro::tenancy::add_hostname(
        &firm.test.db,
        &pespro::host::HostRules::new("localhost", "admin.localhost"),
        &firm.tenant.slug,
        &pespro::host::Hostname::parse("books.alpha-law.test").unwrap(),
    )
    .await
    .unwrap();

    let (staff, _) = enrolled_staff_session(&app).await;
    let page = app.get_with(ADMIN, "/domains", &staff).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<td>time.alpha-law.test</td><td><a href=\"/firms/alpha\">alpha</a></td><td>Waiting for DNS</td><td>No TXT record at _pespro-challenge.time.alpha-law.test yet.</td>"), "{}", page.body);
    assert!(
        page.body.contains("<td>books.alpha-law.test</td><td><a href=\"/firms/alpha\">alpha</a></td><td>Verified</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<td>operator</td>"));
    assert_eq!(
        app.get(ADMIN, "/domains").await.status,
        StatusCode::SEE_OTHER,
        "signed-out visitors are sent to sign in"
    );
}
