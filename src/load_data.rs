//! Synthetic firms for the page benchmarks (`make bench`): each with 20
//! people, 10 clients, 30 engagements and 5,000 time entries spread over the
//! last 26 weeks — about what a small firm accumulates in half a year — and
//! 1,000 invoices over the last 12 months in every status, and last week's
//! timesheets of every employee waiting for a manager's approval. Rows are
//! generated inside PostgreSQL (one round trip per table per firm) and every
//! person shares one precomputed password hash, so seeding a thousand firms
//! takes minutes, not hours of Argon2.

use crate::auth::hash_password;
use crate::db::Database;
use crate::slug::TenantSlug;
use crate::tenancy::{NewTenant, ProvisionError, TenantRegistry, create_tenant};

pub const PEOPLE_PER_FIRM: u32 = 20;
pub const ENTRIES_PER_FIRM: u32 = 5_000;
pub const INVOICES_PER_FIRM: u32 = 1_000;

/// `bench-0001`, `bench-0002`, …
pub fn firm_slug(n: u32) -> String {
    format!("bench-{n:04}")
}

/// Person `p` (1-based) of a firm: `user<p>@<slug>.example`.
pub fn person_email(slug: &str, p: u32) -> String {
    format!("user{p}@{slug}.example")
}

/// Creates firms 1..=`firms` that do not exist yet and fills them; gives
/// firms seeded before invoicing existed their invoices. Calls `progress`
/// after each firm.
pub async fn seed(db: &Database, firms: u32, password: &str, progress: &dyn Fn(u32)) -> Result<(), ProvisionError> {
    let hash = hash_password(password);
    let registry = TenantRegistry::load(db).await?;
    for n in 1..=firms {
        let slug = firm_slug(n);
        let new = NewTenant {
            slug: TenantSlug::parse(&slug).expect("benchmark slugs are valid"),
            display_name: crate::brand::DisplayName::parse(&format!("Bench Firm {n}")).expect("valid name"),
            admin_email: None,
            primary: crate::colour::HexColour::parse("#1d4ed8").expect("valid colour"),
            accent: crate::colour::HexColour::parse("#f59e0b").expect("valid colour"),
            logo: None,
            plan: crate::flags::Plan::Team,
        };
        let created = match create_tenant(db, &new).await {
            Ok(_) => {
                registry.reload(db).await?;
                true
            }
            Err(ProvisionError::SlugTaken(_)) => false,
            Err(e) => return Err(e),
        };
        let tenant = registry.by_slug(&slug).expect("created or found");
        let mut tx = db.tenant_tx(tenant.handle()).await?;
        if created {
            fill(&mut tx, &slug, &hash).await?;
        }
        fill_invoices(&mut tx).await?;
        fill_approvals(&mut tx).await?;
        tx.commit().await?;
        progress(n);
    }
    Ok(())
}

async fn fill(tx: &mut crate::db::TenantTx, slug: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("insert into clients (name) select 'Client ' || g from generate_series(1, 10) g")
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "insert into engagements (client_id, code, name)
         select c.client_id, 'E' || lpad(g::text, 3, '0'), 'Engagement ' || g
         from generate_series(1, 30) g
         join lateral (select client_id from clients order by client_id offset (g - 1) % 10 limit 1) c on true",
    )
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "insert into users (email, display_name, role, password_hash)
         select 'user' || g || '@' || $1 || '.example', 'Person ' || g,
                case when g = 1 then 'admin' when g <= 4 then 'manager' else 'employee' end, $2
         from generate_series(1, $3) g",
    )
    .bind(slug)
    .bind(hash)
    .bind(PEOPLE_PER_FIRM as i32)
    .execute(tx.conn())
    .await?;
    // Spread over 182 days (26 weeks) back from today, every person and
    // engagement in turn, 15 minutes to 4 hours, one in five non-billable.
    sqlx::query(
        "with u as (select array_agg(user_id order by user_id) ids from users),
              e as (select array_agg(engagement_id order by engagement_id) ids from engagements)
         insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes)
         select u.ids[1 + g % cardinality(u.ids)], e.ids[1 + (g / 20) % cardinality(e.ids)],
                current_date - (g % 182), 15 * (1 + g % 16), g % 5 <> 0, 'Work item ' || g
         from generate_series(1, $1) g, u, e",
    )
    .bind(ENTRIES_PER_FIRM as i32)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// Last week's timesheet of every employee (people 5 to 20) who worked
/// then, submitted under the built-in policy (one approval by any manager)
/// with its entries locked as submitting locks them, unless the firm has
/// timesheets already: every manager's approvals inbox holds them.
async fn fill_approvals(tx: &mut crate::db::TenantTx) -> Result<(), sqlx::Error> {
    let started: bool = sqlx::query_scalar("select exists (select from timesheets)").fetch_one(tx.conn()).await?;
    if started {
        return Ok(());
    }
    sqlx::query(
        "with w as (select date_trunc('week', current_date)::date - 7 as monday)
         insert into timesheets (user_id, week_start, status, policy_version, round, minutes, submitted_at)
         select e.user_id, w.monday, 'submitted', 1, 1, sum(e.minutes)::int, now()
         from time_entries e join users u using (user_id), w
         where u.role = 'employee' and e.import_batch_id is null and e.work_date between w.monday and w.monday + 6
         group by e.user_id, w.monday",
    )
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "update time_entries e set status = 'submitted'
         from timesheets s
         where s.user_id = e.user_id and e.work_date between s.week_start and s.week_start + 6
           and e.import_batch_id is null and e.invoice_line_id is null",
    )
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// [`INVOICES_PER_FIRM`] invoices, unless the firm has some already. The
/// newest are drafts, awaiting approval or approved; one in forty is void;
/// the rest were sent, and the older an invoice the likelier it is paid
/// (some in part), so receivables fill every aging bucket. Numbered ones
/// are numbered as the firm's default format would have (`2026-0001`, per
/// year, in issue order) and the counters continue from there; each has one
/// to four time lines on its client's engagements, totals that are the sum
/// of its lines (no taxes), and one payment for what was paid.
async fn fill_invoices(tx: &mut crate::db::TenantTx) -> Result<(), sqlx::Error> {
    let started: bool = sqlx::query_scalar("select exists (select from invoices)").fetch_one(tx.conn()).await?;
    if started {
        return Ok(());
    }
    // Invoice g of n was issued (n - g) * 365 / n days ago, so g = n is today's.
    sqlx::query(
        r#"with c as (select array_agg(client_id order by client_id) ids from clients),
              m as (select coalesce(min(user_id) filter (where role = 'manager'), min(user_id)) id from users),
              s as (select g, current_date - ($1 - g) * 365 / $1 as day, c.ids[1 + g % cardinality(c.ids)] as client_id,
                           case when g > $1 - 15 then case when g % 3 = 0 then 'awaiting_approval' else 'draft' end
                                when g > $1 - 30 then 'approved'
                                when g % 40 = 0 then 'void'
                                when ($1 - g) * 365 / $1 > 90 then
                                     case when g * 37 % 100 < 94 then 'paid' when g * 37 % 100 < 97 then 'partially_paid' else 'sent' end
                                when ($1 - g) * 365 / $1 > 30 then
                                     case when g * 37 % 100 < 55 then 'paid' when g * 37 % 100 < 75 then 'partially_paid' else 'sent' end
                                else case when g * 37 % 100 < 15 then 'paid' when g * 37 % 100 < 35 then 'partially_paid' else 'sent' end
                           end as status
                    from generate_series(1, $1) g, c),
              n as (select s.*, s.status not in ('draft', 'awaiting_approval') as numbered,
                           row_number() over (partition by s.status not in ('draft', 'awaiting_approval'), extract(year from s.day)
                                              order by s.g) as seq
                    from s)
         insert into invoices (client_id, currency, status, number, period_from, period_to, issued_on, due_on, terms, design,
                               created_by, submitted_by, policy_version, round, submitted_at, approved_at, sent_at, voided_at,
                               void_reason, created_at, updated_at)
         select n.client_id, cl.currency, n.status,
                case when n.numbered then to_char(n.day, 'YYYY') || '-' || lpad(n.seq::text, 4, '0') end,
                (date_trunc('month', n.day) - interval '1 month')::date, (date_trunc('month', n.day) - interval '1 day')::date,
                case when n.numbered then n.day end, case when n.numbered then n.day + 30 end,
                '{"Days":30}'::jsonb, 'classic', m.id,
                case when n.status <> 'draft' then m.id end, case when n.status <> 'draft' then 1 end,
                case when n.status <> 'draft' then 1 else 0 end,
                case when n.status <> 'draft' then n.day::timestamptz end,
                case when n.numbered then n.day::timestamptz end,
                case when n.status in ('sent', 'partially_paid', 'paid', 'void') then n.day::timestamptz + interval '2 hours' end,
                case when n.status = 'void' then n.day::timestamptz + interval '3 days' end,
                case when n.status = 'void' then 'Issued to the wrong client' else '' end,
                n.day::timestamptz, n.day::timestamptz
         from n join clients cl using (client_id), m
         order by n.g"#,
    )
    .bind(INVOICES_PER_FIRM as i32)
    .execute(tx.conn())
    .await?;
    // One to four lines, 2 to 31 hours each at 150.00 to 250.00 an hour,
    // on the client's engagements in turn.
    sqlx::query(
        "with i as (select invoice_id, client_id, row_number() over (order by invoice_id)::int g from invoices),
              ce as (select client_id, array_agg(engagement_id order by engagement_id) ids from engagements group by client_id)
         insert into invoice_lines (invoice_id, position, kind, engagement_id, description, detail, quantity_minutes,
                                    rate_minor, amount_minor, worked_minor)
         select i.invoice_id, j - 1, 'time', e.engagement_id, e.code || ' ' || e.name, 'Professional services', q.minutes,
                q.rate, q.minutes * q.rate / 60, q.minutes * q.rate / 60
         from i join ce using (client_id)
         cross join lateral generate_series(1, 1 + i.g % 4) j
         join engagements e on e.engagement_id = ce.ids[1 + (j - 1) % cardinality(ce.ids)]
         cross join lateral (select 60 * (2 + (i.g * 7 + j * 13) % 30) as minutes,
                                    (15000 + 2500 * ((i.g + j) % 5))::bigint as rate) q",
    )
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "update invoices i
         set subtotal_minor = l.amount, total_minor = l.amount,
             paid_minor = case i.status when 'paid' then l.amount
                                        when 'partially_paid' then l.amount * (20 + i.invoice_id % 60) / 100
                                        else 0 end
         from (select invoice_id, sum(amount_minor)::bigint amount from invoice_lines group by invoice_id) l
         where l.invoice_id = i.invoice_id",
    )
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "insert into invoice_payments (invoice_id, paid_on, amount_minor, method, reference, recorded_by, recorded_at)
         select invoice_id, least(current_date, issued_on + 5 + (invoice_id % 50)::int), paid_minor, 'bank_transfer',
                'Transfer ' || number, created_by, least(current_date, issued_on + 5 + (invoice_id % 50)::int)::timestamptz
         from invoices where paid_minor > 0",
    )
    .execute(tx.conn())
    .await?;
    // The firm's counters (default format, yearly) continue after the seeded numbers.
    sqlx::query(
        "insert into invoice_counters (series, counter_key, last_value)
         select 'invoice', 'firm:' || extract(year from issued_on)::int, count(*)
         from invoices where number is not null group by 2",
    )
    .execute(tx.conn())
    .await?;
    Ok(())
}
