//! How long a manager waits for a big invoice: a draft built from 500
//! approved, priced time entries (grouping "detailed": one line per entry,
//! 500 lines), then submitted under a "send directly" policy, which
//! finalizes it in the same transaction (numbered, dated, due). Each step in
//! its own transaction, as the pages run them; repeated `PESPRO_BENCH_RUNS`
//! times (default 5), each time on 500 fresh entries of the same firm.
//! Uses a private, durable PostgreSQL cluster in a temporary directory.
//! Run: `make bench-invoice`.

use pespro::db::Database;
use pespro::invoice::{Grouping, InvoiceStatus};
use pespro::practice::invoices::{DraftAsk, create_draft, submit_invoice};
use pespro::workflow::{DocumentKind, Measure, Rule};
use std::time::{Duration, Instant};

mod one_firm;
use time::OffsetDateTime;

const POOL: u32 = 16;
const ENTRIES: i32 = 500;

fn main() {
    let runs = one_firm::runs(5);
    one_firm::with_firm("bench-invoice", "Bench Invoice Firm", POOL, |db, tenant| run(db, tenant, runs));
}

async fn run(db: Database, tenant: std::sync::Arc<pespro::tenancy::Tenant>, runs: usize) {
    // Five people (an admin, the drafting manager, three employees), one
    // client billed in USD with the firm's default tax (VAT 20 %), one
    // hourly engagement, and invoices sent directly whatever their amount.
    let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
    let people: Vec<i64> = sqlx::query_scalar(
        "insert into users (email, display_name, role)
         select 'person' || g || '@bench-invoice.example', 'Person ' || g,
                case when g = 1 then 'admin' when g = 2 then 'manager' else 'employee' end
         from generate_series(1, 5) g returning user_id",
    )
    .fetch_all(tx.conn())
    .await
    .unwrap();
    let (admin, manager) = (people[0], people[1]);
    let client: i64 =
        sqlx::query_scalar("insert into clients (name, currency) values ('Acme Ltd', 'USD') returning client_id")
            .fetch_one(tx.conn())
            .await
            .unwrap();
    sqlx::query("insert into engagements (client_id, code, name) values ($1, 'AC-1', 'Annual audit')")
        .bind(client)
        .execute(tx.conn())
        .await
        .unwrap();
    sqlx::query("insert into tax_rates (name, rate_thousandths, is_default) values ('VAT', 20000, true)")
        .execute(tx.conn())
        .await
        .unwrap();
    let rules =
        vec![Rule::AutoApproveBelow { measure: Measure::Amount, threshold: i64::MAX, currency: None, only_for: None }];
    pespro::practice::save_policy(&mut tx, DocumentKind::Invoice, &rules, admin).await.unwrap();
    tx.commit().await.unwrap();

    let today = OffsetDateTime::now_utc().date();
    let from = today - time::Duration::days(30);
    let to = today - time::Duration::days(1);
    let ask = DraftAsk {
        client_id: client,
        from,
        to,
        grouping: Some(Grouping::Detailed),
        expense_grouping: None,
        instalment: None,
    };
    let mut draft_times = Vec::new();
    let mut submit_times = Vec::new();
    let mut totals = Vec::new();
    for _ in 0..runs {
        // 500 approved entries over the 30 days, every person in turn,
        // 15 minutes to 4 hours, at 150.00 to 250.00 USD an hour.
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        sqlx::query(
            "with u as (select array_agg(user_id order by user_id) ids from users),
                  e as (select min(engagement_id) id from engagements)
             insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes, status, currency,
                                       billable_rate_minor)
             select u.ids[1 + g % cardinality(u.ids)], e.id, $2::date + g % 30, 15 * (1 + g % 16), true,
                    'Work item ' || g, 'approved', 'USD', 15000 + 2500 * (g % 5)
             from generate_series(1, $1) g, u, e",
        )
        .bind(ENTRIES)
        .bind(from)
        .execute(tx.conn())
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let started = Instant::now();
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        let drafted = create_draft(&mut tx, manager, &ask).await.expect("draft");
        tx.commit().await.unwrap();
        let drafting = started.elapsed();

        let started = Instant::now();
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        let status = submit_invoice(&mut tx, manager, drafted.invoice_id, today).await.expect("submit");
        tx.commit().await.unwrap();
        let submitting = started.elapsed();

        assert_eq!(status, InvoiceStatus::Approved, "a send-directly policy finalizes on submission");
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        let (lines, number): (i64, Option<String>) = sqlx::query_as(
            "select (select count(*) from invoice_lines where invoice_id = $1), (select number from invoices where invoice_id = $1)",
        )
        .bind(drafted.invoice_id)
        .fetch_one(tx.conn())
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(lines, i64::from(ENTRIES), "detailed grouping: one line per entry");
        assert!(number.is_some(), "finalized invoices are numbered");
        draft_times.push(drafting);
        submit_times.push(submitting);
        totals.push(drafting + submitting);
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "invoice of {ENTRIES} time entries ({ENTRIES} lines), draft + finalize: median {:.0} ms (draft {:.0} ms, finalize {:.0} ms), max {:.0} ms, {runs} runs, {cores} cores",
        ms(median(&totals)),
        ms(median(&draft_times)),
        ms(median(&submit_times)),
        ms(*totals.iter().max().unwrap()),
    );
    db.close().await;
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2 }
}
