//! A firm with a client, an hourly engagement and approved, priced time:
//! what the invoicing tests start from. Rows are written straight into the
//! firm's schema (the flows that produce them are tested elsewhere).

use crate::helpers::{TestDb, fresh_database};
use pespro::access::Role;
use pespro::db::TenantTx;
use pespro::practice::invoices::{DraftAsk, create_draft};
use pespro::tenancy::{Tenant, TenantRegistry};
use pespro::workflow::{DocumentKind, Measure, Rule};
use std::sync::Arc;
use time::{Date, Month};

pub struct Firm {
    pub test: TestDb,
    pub tenant: Arc<Tenant>,
    pub schema: String,
    pub manager: i64,
    pub partner: i64,
    pub admin: i64,
    pub client: i64,
    pub engagement: i64,
}

pub fn day(d: u8) -> Date {
    Date::from_calendar_date(2026, Month::November, d).unwrap()
}

pub async fn firm(slug: &str) -> Firm {
    let test = fresh_database().await;
    firm_in(test, slug).await
}

pub async fn firm_in(test: TestDb, slug: &str) -> Firm {
    test.create_firm(slug).await;
    let manager = test.create_person(slug, &format!("mia@{slug}.example"), Role::Manager).await;
    let partner = test.create_person(slug, &format!("pat@{slug}.example"), Role::Manager).await;
    let admin = test.create_person(slug, &format!("ada@{slug}.example"), Role::Admin).await;
    let schema = test.schema_of(slug).await;
    let mut conn = test.raw().await;
    let client: i64 = sqlx::query_scalar(&format!(
        "insert into {schema}.clients (name, currency, billing_address, tax_id) values ('Acme Ltd', 'EUR', '1 Rue Neuve\nParis', 'FR123') returning client_id"
    ))
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let engagement: i64 = sqlx::query_scalar(&format!(
        "insert into {schema}.engagements (client_id, code, name) values ($1, 'AC-1', 'Annual audit') returning engagement_id"
    ))
    .bind(client)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    sqlx::query(&format!(
        "insert into {schema}.tax_rates (name, rate_thousandths, is_default) values ('VAT', 20000, true)"
    ))
    .execute(&mut conn)
    .await
    .unwrap();
    let tenant = TenantRegistry::load(&test.db).await.unwrap().by_slug(slug).unwrap();
    Firm { test, tenant, schema, manager, partner, admin, client, engagement }
}

impl Firm {
    pub async fn tx(&self) -> TenantTx {
        self.test.db.tenant_tx(self.tenant.handle()).await.unwrap()
    }

    /// `count` approved entries of `minutes` at 100.00 EUR an hour, on `date`.
    pub async fn approved_time(&self, date: Date, count: usize, minutes: i32) -> Vec<i64> {
        let mut conn = self.test.raw().await;
        let mut ids = Vec::new();
        for _ in 0..count {
            ids.push(
                sqlx::query_scalar(&format!(
                    "insert into {}.time_entries (user_id, engagement_id, work_date, minutes, status, currency, billable_rate_minor)
                     values ($1, $2, $3, $4, 'approved', 'EUR', 10000) returning time_entry_id",
                    self.schema
                ))
                .bind(self.manager)
                .bind(self.engagement)
                .bind(date)
                .bind(minutes)
                .fetch_one(&mut conn)
                .await
                .unwrap(),
            );
        }
        ids
    }

    /// A draft of the client's work from `from` to `to`, by the manager.
    pub async fn draft(&self, from: Date, to: Date) -> i64 {
        let mut tx = self.tx().await;
        let ask =
            DraftAsk { client_id: self.client, from, to, grouping: None, expense_grouping: None, instalment: None };
        let drafted = create_draft(&mut tx, self.manager, &ask).await.unwrap();
        tx.commit().await.unwrap();
        drafted.invoice_id
    }

    pub async fn invoice_policy(&self, rules: Vec<Rule>) {
        let mut tx = self.tx().await;
        pespro::practice::save_policy(&mut tx, DocumentKind::Invoice, &rules, self.admin).await.unwrap();
        tx.commit().await.unwrap();
    }

    /// Every invoice is approved (and numbered) as soon as it is submitted.
    pub async fn send_directly(&self) {
        self.invoice_policy(vec![Rule::AutoApproveBelow {
            measure: Measure::Amount,
            threshold: i64::MAX,
            currency: None,
            only_for: None,
        }])
        .await;
    }

    pub async fn scalar<T>(&self, sql: &str) -> T
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
    {
        let mut conn = self.test.raw().await;
        sqlx::query_scalar(&sql.replace("{schema}", &self.schema)).fetch_one(&mut conn).await.unwrap()
    }
}
