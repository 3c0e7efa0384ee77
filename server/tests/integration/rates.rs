//! Rates that explain themselves, against real PostgreSQL: a logged entry
//! is stamped with the most specific rule and the sentence saying why;
//! adding a rule previews, then re-prices, only open entries; a scope naming
//! another firm's engagement is refused.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::money::{Currency, Money};
use pespro::practice::{NewRate, RateError, add_rate, preview_rate};
use pespro::rates::{RateKind, RateScope};
use pespro::tenancy::Tenant;
use std::sync::Arc;
use time::macros::date;

const HOST: &str = "alpha.localhost";

/// A client (USD, the default) with one engagement in `slug`: (client, engagement).
async fn client_and_engagement(test: &TestDb, slug: &str, code: &str) -> (i64, i64) {
    let schema = test.schema_of(slug).await;
    let mut conn = test.raw().await;
    let client: i64 =
        sqlx::query_scalar(&format!("insert into {schema}.clients (name) values ($1) returning client_id"))
            .bind(format!("Client {code}"))
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let engagement: i64 = sqlx::query_scalar(&format!(
        "insert into {schema}.engagements (client_id, code, name) values ($1, $2, 'Audit') returning engagement_id"
    ))
    .bind(client)
    .bind(code)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    (client, engagement)
}

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::USD)
}

fn rule(kind: RateKind, scope: RateScope, hourly: Money) -> NewRate {
    NewRate { kind, scope, hourly, effective_from: date!(2026 - 01 - 01) }
}

async fn add(test: &TestDb, firm: &Arc<Tenant>, rate: NewRate, admin: i64) -> usize {
    let mut tx = test.db.tenant_tx(firm.handle()).await.unwrap();
    let (_, repriced) = add_rate(&mut tx, &rate, admin).await.unwrap();
    tx.commit().await.unwrap();
    repriced
}

/// Logs an hour for emma through the page's server function; returns the entry's id.
async fn log(app: &TestApp, cookie: &str, engagement: i64, day: &str) -> i64 {
    let body = format!("engagement_id={engagement}&work_date={day}&duration=1h&notes=Work&billable=true");
    let logged = app.request(call(HOST, "/api/log_time", &body, cookie)).await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.body);
    logged.body.trim().parse().expect("the new entry's id")
}

type Stamp = (Option<i64>, Option<String>, Option<i64>, Option<String>);

async fn stamps(test: &TestDb) -> Vec<Stamp> {
    let schema = test.schema_of("alpha").await;
    sqlx::query_as(&format!(
        "select billable_rate_minor, billable_rate_explanation, cost_rate_minor, currency::text
         from {schema}.time_entries order by work_date desc, time_entry_id"
    ))
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap()
}

struct Firm {
    test: TestDb,
    alpha: Arc<Tenant>,
    app: TestApp,
    emma: String,
    admin: i64,
    client: i64,
    engagement: i64,
}

async fn firm() -> Firm {
    let test = fresh_database().await;
    let alpha = test.create_firm("alpha").await;
    let admin = test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    let (client, engagement) = client_and_engagement(&test, "alpha", "E1").await;
    let app = TestApp::start(&test).await;
    let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    Firm { test, alpha, app, emma, admin, client, engagement }
}

#[tokio::test]
async fn a_logged_entry_is_stamped_with_the_most_specific_rule_and_why() {
    let f = firm().await;
    for rate in [
        rule(RateKind::Billable, RateScope::FirmDefault, usd(15000)),
        rule(RateKind::Billable, RateScope::Client(f.client), usd(17000)),
        rule(RateKind::Billable, RateScope::Engagement(f.engagement), usd(19000)),
        rule(RateKind::Cost, RateScope::FirmDefault, usd(6000)),
    ] {
        add(&f.test, &f.alpha, rate, f.admin).await;
    }

    log(&f.app, &f.emma, f.engagement, "2026-11-23").await;

    let (billable, why, cost, currency) = stamps(&f.test).await.remove(0);
    assert_eq!((billable, cost, currency.as_deref()), (Some(19000), Some(6000), Some("USD")));
    assert_eq!(
        why.as_deref(),
        Some(
            "Engagement billable rate, effective 2026-01-01; it takes precedence over the client and firm default rates"
        )
    );
}

#[tokio::test]
async fn a_rule_in_another_currency_does_not_price_an_entry() {
    let f = firm().await;
    add(&f.test, &f.alpha, rule(RateKind::Billable, RateScope::FirmDefault, Money::new(9000, Currency::EUR)), f.admin)
        .await;

    log(&f.app, &f.emma, f.engagement, "2026-11-23").await;

    assert_eq!(stamps(&f.test).await, vec![(None, None, None, Some("USD".to_owned()))]);
}

#[tokio::test]
async fn a_new_rule_previews_and_reprices_only_open_entries() {
    let f = firm().await;
    add(&f.test, &f.alpha, rule(RateKind::Billable, RateScope::FirmDefault, usd(15000)), f.admin).await;
    let open = log(&f.app, &f.emma, f.engagement, "2026-11-23").await;
    log(&f.app, &f.emma, f.engagement, "2026-11-16").await;
    let schema = f.test.schema_of("alpha").await;
    sqlx::query(&format!("update {schema}.time_entries set status = 'approved' where work_date = '2026-11-16'"))
        .execute(&mut f.test.raw().await)
        .await
        .unwrap();
    let raise = rule(RateKind::Billable, RateScope::Engagement(f.engagement), usd(20000));

    let mut tx = f.test.db.tenant_tx(f.alpha.handle()).await.unwrap();
    let preview = preview_rate(&mut tx, &raise).await.unwrap();
    drop(tx);

    assert_eq!(preview.changes.len(), 1, "{preview:?}");
    assert_eq!((preview.skipped_locked, preview.total_delta_minor()), (1, 5000), "one hour, 150 → 200");
    assert_eq!(preview.changes[0].entry_id, open);
    assert_eq!(add(&f.test, &f.alpha, raise, f.admin).await, 1);
    let rates: Vec<Option<i64>> = stamps(&f.test).await.into_iter().map(|stamp| stamp.0).collect();
    assert_eq!(rates, vec![Some(20000), Some(15000)], "the approved week keeps its rate");
}

#[tokio::test]
async fn a_scope_naming_another_firms_engagement_is_not_found() {
    let f = firm().await;
    f.test.create_firm("beta").await;
    client_and_engagement(&f.test, "beta", "B1").await;
    let (_, beta_only) = client_and_engagement(&f.test, "beta", "B2").await;

    let mut tx = f.test.db.tenant_tx(f.alpha.handle()).await.unwrap();
    let refused = add_rate(&mut tx, &rule(RateKind::Billable, RateScope::Engagement(beta_only), usd(1)), f.admin).await;

    assert!(matches!(refused, Err(RateError::UnknownScope)), "{refused:?}");
}

fn form(engagement: i64, amount: &str) -> String {
    format!(
        "form[kind]=billable&form[scope]=engagement&form[engagement_id]={engagement}&form[amount]={amount}\
         &form[currency]=usd&form[effective_from]=2026-01-01"
    )
}

#[tokio::test]
async fn only_administrators_preview_or_add_rates() {
    let f = firm().await;

    let preview = f.app.request(call(HOST, "/api/preview_rate", &form(f.engagement, "200"), &f.emma)).await;
    let add = f.app.request(call(HOST, "/api/add_rate", &form(f.engagement, "200"), &f.emma)).await;
    let page = f.app.get_with(HOST, "/settings/rates", &f.emma).await;

    assert!(preview.body.contains("Forbidden"), "{}", preview.body);
    assert!(add.body.contains("Forbidden"), "{}", add.body);
    assert!(page.body.contains("Only the firm's administrators manage rates."));
    let schema = f.test.schema_of("alpha").await;
    let rules: i64 = sqlx::query_scalar(&format!("select count(*) from {schema}.rates"))
        .fetch_one(&mut f.test.raw().await)
        .await
        .unwrap();
    assert_eq!(rules, 0);
}

#[tokio::test]
async fn an_administrator_previews_then_confirms_a_rate_and_sees_why_on_the_page() {
    let f = firm().await;
    add(&f.test, &f.alpha, rule(RateKind::Billable, RateScope::FirmDefault, usd(15000)), f.admin).await;
    log(&f.app, &f.emma, f.engagement, "2026-11-23").await;
    let ada = f.app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let query = form(f.engagement, "200%2C50").replace("form[", "").replace(']', "");

    let preview = f.app.get_with(HOST, &format!("/settings/rates/preview?{query}"), &ada).await;
    let bad = f.app.request(call(HOST, "/api/preview_rate", &form(f.engagement, "lots"), &ada)).await;
    let added = f.app.request(call(HOST, "/api/add_rate", &form(f.engagement, "200%2C50"), &ada)).await;
    let page = f.app.get_with(HOST, "/settings/rates", &ada).await;

    assert!(preview.body.contains("1 open entries would be re-priced (total change 50.50 USD)"), "{}", preview.body);
    assert!(preview.body.contains("150.00 → 200.50"), "{}", preview.body);
    assert!(bad.body.contains("\"field\":\"amount\""), "{}", bad.body);
    assert!(added.body.trim() == "1" || added.status.is_redirection(), "{} {}", added.status, added.body);
    assert!(page.body.contains("Engagement E1"), "{}", page.body);
    assert!(
        page.body
            .contains("Engagement billable rate, effective 2026-01-01; it takes precedence over the firm default rate")
    );
    assert!(page.body.contains("200.50 USD"));
    let schema = f.test.schema_of("alpha").await;
    let audited: Vec<String> =
        sqlx::query_scalar(&format!("select subject from {schema}.audit_events where action = 'rate.added'"))
            .fetch_all(&mut f.test.raw().await)
            .await
            .unwrap();
    assert_eq!(audited, ["billable rate: Engagement E1"], "named in words, not by id");
}

#[tokio::test]
async fn a_server_function_naming_another_firms_engagement_finds_nothing() {
    let f = firm().await;
    f.test.create_firm("beta").await;
    client_and_engagement(&f.test, "beta", "B1").await;
    let (_, beta_only) = client_and_engagement(&f.test, "beta", "B2").await;
    let ada = f.app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let refused = f.app.request(call(HOST, "/api/add_rate", &form(beta_only, "200"), &ada)).await;

    assert!(refused.body.contains("NotFound"), "{}", refused.body);
}

#[tokio::test]
async fn demo_time_is_priced_with_an_explanation() {
    let test = fresh_database().await;
    pespro::demo::seed_demo(&test.db).await.unwrap();

    let schema = test.schema_of("ledgerline").await;
    let unexplained: Vec<(i64, Option<String>)> = sqlx::query_as(&format!(
        "select time_entry_id, billable_rate_explanation from {schema}.time_entries
         where billable_rate_explanation is null or cost_rate_minor is null"
    ))
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap();
    assert_eq!(unexplained, vec![], "every demo entry has its rates and why");
    let entries: i64 = sqlx::query_scalar(&format!("select count(*) from {schema}.time_entries"))
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert!(entries > 0, "the demo employee has time this week");
}
