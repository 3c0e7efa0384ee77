//! A person logging time while the same week is being submitted, in two
//! transactions at once: the entry is either counted in the submitted total
//! or refused, never left as a draft outside it. The transactions are driven
//! directly, so each order is forced rather than hoped for.

use crate::helpers::{TestDb, fresh_database};
use crate::my_week::engagements;
use pespro::access::Role;
use pespro::first_day::FirstDay;
use pespro::money::Minutes;
use pespro::practice::{LogTimeError, NewTimeEntry, log_time, submit_week};
use pespro::tenancy::{Tenant, TenantRegistry};
use pespro::week::Week;
use pespro::workflow::State;
use std::sync::Arc;
use std::time::Duration;

/// Long enough for a transaction that isn't blocked to finish.
const SETTLE: Duration = Duration::from_millis(300);

struct Firm {
    test: TestDb,
    tenant: Arc<Tenant>,
    emma: i64,
    engagement: i64,
}

async fn firm() -> Firm {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let emma = test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    let engagement = engagements(&test, "alpha", 1).await[0];
    let tenant = TenantRegistry::load(&test.db).await.unwrap().by_slug("alpha").unwrap();
    Firm { test, tenant, emma, engagement }
}

impl Firm {
    fn entry(&self, minutes: u32) -> NewTimeEntry {
        NewTimeEntry {
            engagement_id: self.engagement,
            work_date: time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap(),
            minutes: Minutes(minutes),
            billable: true,
            notes: String::new(),
        }
    }

    /// Submits 2026-W48 for Emma in a transaction of its own.
    fn submit_in_background(&self) -> tokio::task::JoinHandle<State> {
        let (db, tenant, emma) = (self.test.db.clone(), self.tenant.clone(), self.emma);
        tokio::spawn(async move {
            let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
            let state = submit_week(&mut tx, emma, Week::parse("2026-W48", FirstDay::Monday).unwrap()).await.unwrap();
            tx.commit().await.unwrap();
            state
        })
    }

    /// (status, minutes) of Emma's week and of each of its entries.
    async fn stored(&self) -> (String, i32, Vec<String>) {
        let schema = self.test.schema_of("alpha").await;
        let mut conn = self.test.raw().await;
        let (status, minutes) = sqlx::query_as(&format!("select status, minutes from {schema}.timesheets"))
            .fetch_one(&mut conn)
            .await
            .unwrap();
        let entries = sqlx::query_scalar(&format!("select status from {schema}.time_entries order by time_entry_id"))
            .fetch_all(&mut conn)
            .await
            .unwrap();
        (status, minutes, entries)
    }
}

#[tokio::test]
async fn a_submission_waits_for_an_entry_being_logged_and_counts_it() {
    let firm = firm().await;
    let mut earlier = firm.test.db.tenant_tx(firm.tenant.handle()).await.unwrap();
    log_time(&mut earlier, firm.emma, &firm.entry(120)).await.unwrap();
    earlier.commit().await.unwrap();
    let mut logging = firm.test.db.tenant_tx(firm.tenant.handle()).await.unwrap();
    log_time(&mut logging, firm.emma, &firm.entry(30)).await.unwrap();

    let submitting = firm.submit_in_background();
    tokio::time::sleep(SETTLE).await;
    let waited = !submitting.is_finished();
    logging.commit().await.unwrap();
    let state = submitting.await.unwrap();

    assert!(waited, "the submission waits for the entry being logged");
    assert_eq!(state, State::Submitted);
    let submitted = ("submitted".to_owned(), 150, vec!["submitted".to_owned(), "submitted".to_owned()]);
    assert_eq!(firm.stored().await, submitted);
}

#[tokio::test]
async fn an_entry_logged_while_its_week_is_being_submitted_waits_and_is_refused() {
    let firm = firm().await;
    let mut earlier = firm.test.db.tenant_tx(firm.tenant.handle()).await.unwrap();
    log_time(&mut earlier, firm.emma, &firm.entry(120)).await.unwrap();
    earlier.commit().await.unwrap();
    let mut submitting = firm.test.db.tenant_tx(firm.tenant.handle()).await.unwrap();
    submit_week(&mut submitting, firm.emma, Week::parse("2026-W48", FirstDay::Monday).unwrap()).await.unwrap();

    let (db, tenant, emma, entry) = (firm.test.db.clone(), firm.tenant.clone(), firm.emma, firm.entry(30));
    let logging = tokio::spawn(async move {
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        log_time(&mut tx, emma, &entry).await.map(|_| ())
    });
    tokio::time::sleep(SETTLE).await;
    let waited = !logging.is_finished();
    submitting.commit().await.unwrap();
    let logged = logging.await.unwrap();

    assert!(waited, "the entry waits for the submission");
    assert!(matches!(logged, Err(LogTimeError::WeekLocked)), "{logged:?}");
    assert_eq!(firm.stored().await, ("submitted".to_owned(), 120, vec!["submitted".to_owned()]));
}
