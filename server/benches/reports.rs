//! How long the reports take over a year of a busy firm: 50 people, 30
//! engagements (half with a budget) for 10 clients, and about 60,000
//! approved, priced time entries — five a working day per person for 48
//! weeks — plus 2,000 expenses, and every month before this one invoiced
//! (one invoice a client a month, each engagement's time on a line billed
//! at 95 % of its worth). Each report is read as its page reads it
//! (`practice::reports::reports_page` in a tenant transaction, committed):
//! utilization and realization over the last 12 months, budget burn,
//! unbilled work.
//! Repeated `PESPRO_BENCH_RUNS` times (default 10) after one warm-up;
//! median and max. Uses a private, durable PostgreSQL cluster in a
//! temporary directory. Run: `make bench-reports`.

use pespro::db::Database;
use pespro::first_day::FirstDay;
use pespro::practice::reports::reports_page;
use pespro::reports::hours::Dimension;
use pespro::reports::period::PeriodChoice;
use pespro::reports::query::ReportQuery;
use pespro::reports::{ReportData, ReportKind};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

mod one_firm;

const POOL: u32 = 8;

fn main() {
    let runs = one_firm::runs(10);
    one_firm::with_firm("bench-reports", "Bench Reports Firm", POOL, |db, tenant| run(db, tenant, runs));
}

async fn run(db: Database, tenant: std::sync::Arc<pespro::tenancy::Tenant>, runs: usize) {
    let today = OffsetDateTime::now_utc().date();

    let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
    for statement in [
        "insert into users (email, display_name, role)
         select 'person' || g || '@bench-reports.example', 'Person ' || g,
                case when g = 1 then 'admin' when g <= 6 then 'manager' else 'employee' end
         from generate_series(1, 50) g",
        "insert into clients (name, currency) select 'Client ' || g, 'USD' from generate_series(1, 10) g",
        "insert into engagements (client_id, code, name, budget_minutes)
         select c.client_id, 'E-' || c.client_id || '-' || k, 'Engagement ' || k,
                case when k = 1 then 200000 when k = 2 then 60000 end
         from clients c cross join generate_series(1, 3) k",
        // Five entries a working day for each person, each on one of the
        // thirty engagements, over the 48 weeks up to yesterday.
        "insert into time_entries (user_id, engagement_id, work_date, minutes, billable, status, currency,
                                   billable_rate_minor)
         select u.user_id, 1 + (u.user_id * 7 + n + extract(doy from d)::int) % 30, d::date, 90, n <> 5,
                'approved', 'USD', 15000
         from users u cross join generate_series($1::date - 336, $1::date - 1, interval '1 day') d
         cross join generate_series(1, 5) n
         where extract(isodow from d) <= 5",
        "insert into expenses (user_id, engagement_id, spent_on, amount_minor, currency, category, status)
         select 1 + g % 50, 1 + g % 30, $1::date - (g % 336), 5000 + g, 'USD', 'travel', 'approved'
         from generate_series(1, 2000) g",
        // Every month before this one invoiced per client, paid, each
        // engagement's billable time on one line billed at 95 % of its
        // worth (so every line is a write-down); this month stays unbilled.
        "insert into invoices (client_id, currency, status, number, period_from, period_to, issued_on, due_on,
                               terms, design, created_by)
         select c.client_id, 'USD', 'paid', 'B-' || c.client_id || '-' || to_char(m, 'YYYYMM'), m::date,
                (m + interval '1 month - 1 day')::date, (m + interval '1 month')::date,
                (m + interval '1 month 14 days')::date, '{}'::jsonb, 'classic', 1
         from clients c cross join generate_series(date_trunc('month', $1::date - 336),
                                                   date_trunc('month', $1::date) - interval '1 month',
                                                   interval '1 month') m",
        "insert into invoice_lines (invoice_id, position, kind, engagement_id, description, quantity_minutes,
                                    rate_minor, amount_minor, worked_minor)
         select i.invoice_id, row_number() over (partition by i.invoice_id order by e.engagement_id), 'time',
                e.engagement_id, e.name, sum(t.minutes), 15000, sum(t.minutes::int8 * 15000 / 60) * 95 / 100,
                sum(t.minutes::int8 * 15000 / 60)
         from invoices i join engagements e on e.client_id = i.client_id
         join time_entries t on t.engagement_id = e.engagement_id and t.billable
                            and t.work_date between i.period_from and i.period_to
         group by i.invoice_id, e.engagement_id, e.name",
        "update time_entries t set invoice_line_id = l.invoice_line_id
         from invoice_lines l join invoices i using (invoice_id)
         where l.engagement_id = t.engagement_id and t.billable and t.work_date between i.period_from and i.period_to
",
        // Sent when issued; paid in full 10 to 55 days later (so some late),
        // except last month's, which are still owed.
        "update invoices i set total_minor = l.total, subtotal_minor = l.total, sent_at = i.issued_on
         from (select invoice_id, sum(amount_minor) as total from invoice_lines group by invoice_id) l
         where l.invoice_id = i.invoice_id",
        "insert into invoice_payments (invoice_id, paid_on, amount_minor, method, recorded_by)
         select invoice_id, issued_on + 10 + ((client_id * 5) % 46)::int, total_minor, 'bank_transfer', 1
         from invoices where total_minor > 0 and issued_on + 10 + ((client_id * 5) % 46)::int < $1",
        "update invoices i set paid_minor = coalesce((select sum(amount_minor) from invoice_payments p
                                                      where p.invoice_id = i.invoice_id), 0),
                               status = case when exists (select from invoice_payments p where p.invoice_id = i.invoice_id)
                                             then 'paid' else 'sent' end",
        "analyze",
    ] {
        // Every statement gets today as $1; those that need no date ignore it.
        sqlx::query(statement).bind(today).execute(tx.conn()).await.expect(statement);
    }
    let entries: i64 = sqlx::query_scalar("select count(*) from time_entries").fetch_one(tx.conn()).await.unwrap();
    let invoiced: i64 = sqlx::query_scalar("select count(*) from time_entries where invoice_line_id is not null")
        .fetch_one(tx.conn())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    println!(
        "bench-reports: 50 people, 30 engagements, {entries} time entries over 48 weeks ({invoiced} invoiced), \
         2000 expenses"
    );

    let query = ReportQuery::default().with_period(PeriodChoice::Last12Months).with_then(Some(Dimension::Month));
    for kind in ReportKind::ALL {
        let mut timings = Vec::with_capacity(runs);
        for round in 0..=runs {
            let started = Instant::now();
            let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
            let page =
                reports_page(&mut tx, query.with_kind(kind), today, FirstDay::Monday, None).await.expect("report");
            tx.commit().await.unwrap();
            let took = started.elapsed();
            if round == 0 {
                println!("  {:<14} {}", kind.key(), shape(&page.data));
            } else {
                timings.push(took);
            }
        }
        timings.sort();
        let millis = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {:<14} median {:>7.1} ms   max {:>7.1} ms   ({runs} runs)",
            kind.key(),
            millis(timings[timings.len() / 2]),
            millis(*timings.last().unwrap())
        );
    }
}

/// What the report held, so the timing is known to be of real work.
fn shape(data: &ReportData) -> String {
    match data {
        ReportData::Utilization { report, .. } => {
            format!(
                "{} people, {} months, {} % overall",
                report.people.len(),
                report.buckets.len(),
                report.total.percent().unwrap_or(0)
            )
        }
        ReportData::Realization(reports) => {
            let (lines, downs): (usize, usize) = reports
                .iter()
                .map(|r| (r.engagements.len(), r.write_downs.len()))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
            let total = reports.first().and_then(|r| r.total.percent()).unwrap_or(0);
            format!("{lines} engagements billed, {downs} write-downs listed, {total} % overall")
        }
        ReportData::Budgets(lines) => {
            format!("{} budgets, {} at risk", lines.len(), lines.iter().filter(|l| l.at_risk).count())
        }
        ReportData::Unbilled(reports) => {
            let rows: usize = reports.iter().map(|r| r.rows.len()).sum();
            format!("{rows} engagements with unbilled work")
        }
        ReportData::Receivables(report) => {
            let points: usize = report.trend.iter().map(|t| t.points.len()).sum();
            let clients: usize = report.today.iter().map(|a| a.clients.len()).sum();
            format!("{points} points of the trend, {clients} clients owing today")
        }
        ReportData::Hours(table) => {
            let inner: usize = table.groups.iter().map(|g| g.within.len()).sum();
            format!("{} people, {inner} person-months", table.groups.len())
        }
    }
}
