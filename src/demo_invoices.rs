//! The demo firms' invoicing: three number formats, three designs, three
//! tax set-ups and three approval policies, and invoices in several states
//! built from last months' approved time through the same functions the
//! pages call — so `make run` shows receivables with something in them.
//!
//! * Ledgerline: `2026-0001`, classic, sales tax; invoices under 5,000.00
//!   USD are sent directly, larger ones need one manager's approval.
//! * Northstar: `NS-202611-001` (monthly counter), modern, GST + QST; one
//!   approval.
//! * Harbor & Finch: `INV/MARLOW1/001` (per client), compact, VAT 20 %,
//!   the estate exempt; two approvals by distinct partners.
//!
//! Seeded once: a firm that already has invoices is left alone.

use crate::access::Role;
use crate::db::TenantTx;
use crate::invoice::settings::{Design, InvoiceSettings};
use crate::invoice::{Grouping, PaymentTerms, Restart};
use crate::money::Currency;
use crate::practice::invoices::{self as invoices, DraftAsk, NewPayment};
use crate::workflow::{DocumentKind, Measure, Rule};
use time::{Date, Duration};

/// The invoice approval rules of the demo firm `slug`.
pub fn invoice_rules(slug: &str) -> Vec<Rule> {
    let one = Rule::Approvals { count: 1, role: Role::Manager, only_for: None };
    match slug {
        "ledgerline" => vec![
            Rule::AutoApproveBelow {
                measure: Measure::Amount,
                threshold: 500_000,
                currency: Some(Currency::USD),
                only_for: None,
            },
            one,
        ],
        "harbor-law" => vec![Rule::Approvals { count: 2, role: Role::Manager, only_for: None }],
        _ => vec![one],
    }
}

fn settings(slug: &str) -> InvoiceSettings {
    let base = InvoiceSettings {
        payment_details: "Bank: First Demo Bank\nAccount: 000123456789\nReference: the invoice number".to_owned(),
        ..InvoiceSettings::default()
    };
    match slug {
        "northstar" => InvoiceSettings {
            number_pattern: "NS-{YYYY}{MM}-{seq:3}".into(),
            credit_pattern: "NSC-{YYYY}{MM}-{seq:3}".into(),
            restart: Restart::Monthly,
            design: Design::Modern,
            terms: PaymentTerms::EndOfMonthPlus(15),
            grouping: Grouping::ByPerson,
            ..base
        },
        "harbor-law" => InvoiceSettings {
            number_pattern: "INV/{client}/{cseq:3}".into(),
            credit_pattern: "CN/{client}/{cseq:3}".into(),
            restart: Restart::Never,
            design: Design::Compact,
            terms: PaymentTerms::Days(14),
            grouping: Grouping::Detailed,
            footer: "Harbor & Finch LLP is regulated by the Demo Law Society.".into(),
            ..base
        },
        // An accounting practice that bills the engagement, not the people.
        _ => InvoiceSettings { show_people: false, ..base },
    }
}

fn taxes(slug: &str) -> &'static [(&'static str, &'static str)] {
    match slug {
        "northstar" => &[("GST", "5"), ("QST", "9.975")],
        "harbor-law" => &[("VAT", "20")],
        _ => &[("Sales tax", "8.875")],
    }
}

async fn person(tx: &mut TenantTx, slug: &str, local: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select user_id from users where lower(email) = $1")
        .bind(format!("{local}@{slug}.example"))
        .fetch_one(tx.conn())
        .await
}

/// Sets up invoicing for the demo firm `slug` and writes its sample invoices.
pub async fn seed_invoicing(tx: &mut TenantTx, slug: &str, today: Date) -> Result<(), invoices::InvoiceError> {
    let started: bool = sqlx::query_scalar("select exists (select from invoices)").fetch_one(tx.conn()).await?;
    if started {
        return Ok(());
    }
    invoices::save_invoice_settings(tx, &settings(slug)).await?;
    for (name, rate) in taxes(slug) {
        invoices::add_tax_rate(tx, name, rate, true).await?;
    }
    if slug == "harbor-law" {
        sqlx::query("update clients set tax_mode = 'exempt' where name like 'Estate%'").execute(tx.conn()).await?;
    }
    let admin = person(tx, slug, "admin").await?;
    crate::practice::save_policy(tx, DocumentKind::Invoice, &invoice_rules(slug), admin).await?;
    let manager = person(tx, slug, "manager").await?;
    let second = if slug == "harbor-law" { Some(person(tx, slug, "partner").await?) } else { None };
    past_work(tx, today).await?;
    let client: i64 = sqlx::query_scalar("select min(client_id) from clients").fetch_one(tx.conn()).await?;
    let months: Vec<(Date, Date)> = (1..=3).rev().map(|back| month_back(today, back)).collect();
    // Oldest: paid; then: sent, part paid; last month: waiting or sent; a draft.
    for (index, (from, to)) in months.iter().enumerate() {
        let ask = DraftAsk {
            client_id: client,
            from: *from,
            to: *to,
            grouping: None,
            expense_grouping: None,
            instalment: None,
        };
        let Ok(drafted) = invoices::create_draft(tx, manager, &ask).await else { continue };
        let id = drafted.invoice_id;
        if index == 1 {
            write_down(tx, id).await?;
        }
        let issued = to.next_day().unwrap_or(*to);
        if index == 2 && slug != "ledgerline" {
            invoices::submit_invoice(tx, manager, id, issued).await?;
            continue;
        }
        let mut status = invoices::submit_invoice(tx, manager, id, issued).await?;
        for approver in [Some((admin, Role::Admin)), second.map(|p| (p, Role::Manager))].into_iter().flatten() {
            if status == crate::invoice::InvoiceStatus::AwaitingApproval {
                status = invoices::decide_invoice(tx, approver, id, true, "", issued).await?;
            }
        }
        invoices::mark_sent(tx, id).await?;
        let (total, due_on): (i64, Date) =
            sqlx::query_as("select total_minor, due_on from invoices where invoice_id = $1")
                .bind(id)
                .fetch_one(tx.conn())
                .await?;
        let paid = match index {
            0 => total,
            1 => total / 2,
            _ => 0,
        };
        if paid > 0 {
            let amount = crate::invoice::amount_text(paid, Currency::USD);
            let payment = NewPayment {
                // The oldest is paid five weeks late (or today, if sooner):
                // a month's end falls in between whatever the firm's terms,
                // so the receivables trend shows it overdue, then settled.
                paid_on: if index == 0 {
                    (due_on + Duration::days(35)).min(today)
                } else {
                    issued + Duration::days(20)
                },
                amount,
                method: "bank_transfer".into(),
                reference: "DEMO".into(),
            };
            invoices::record_payment(tx, manager, id, &payment).await?;
        }
    }
    // A draft for the second client, from this month's time so far.
    let other: Option<i64> = sqlx::query_scalar("select client_id from clients order by client_id offset 1 limit 1")
        .fetch_optional(tx.conn())
        .await?;
    if let Some(other) = other {
        let ask = DraftAsk {
            client_id: other,
            from: months[2].0,
            to: months[2].1,
            grouping: None,
            expense_grouping: None,
            instalment: None,
        };
        let _ = invoices::create_draft(tx, manager, &ask).await;
    }
    Ok(())
}

/// The draft's first line at 90 % of its rate, with the reason a firm
/// would give: so the realization report has a write-down to list.
async fn write_down(tx: &mut TenantTx, invoice_id: i64) -> Result<(), invoices::InvoiceError> {
    let line: Option<(i64, String, Option<i32>, Option<i64>)> = sqlx::query_as(
        "select invoice_line_id, description, quantity_minutes, rate_minor from invoice_lines
         where invoice_id = $1 and kind = 'time' order by position limit 1",
    )
    .bind(invoice_id)
    .fetch_optional(tx.conn())
    .await?;
    let Some((line_id, description, Some(minutes), Some(rate))) = line else { return Ok(()) };
    let form = crate::invoice::lines::LineForm {
        description,
        quantity: format!("{}:{:02}", minutes / 60, minutes % 60),
        rate: crate::invoice::amount_text(rate * 9 / 10, Currency::USD),
        reason: "Agreed 10 % discount on the first month".into(),
    };
    invoices::edit_line(tx, invoice_id, line_id, &form).await?;
    Ok(())
}

/// The first and last day of the month `back` months before `today`'s.
pub(crate) fn month_back(today: Date, back: u8) -> (Date, Date) {
    let mut first = crate::invoice::terms::first_of_month(today);
    for _ in 0..back {
        first = crate::invoice::terms::first_of_month(first.previous_day().unwrap_or(first));
    }
    let (start, end) = crate::invoice::terms::retainer_period(first, "month");
    (start, end)
}

/// Approved client work by the employee and the manager on every third
/// weekday of the last three months, on each client's first engagement,
/// priced by the firm's rate rules like any entry (with their reasons),
/// then approved.
async fn past_work(tx: &mut TenantTx, today: Date) -> Result<(), sqlx::Error> {
    let (from, _) = month_back(today, 3);
    let (_, to) = month_back(today, 1);
    let ids: Vec<i64> = sqlx::query_scalar(
        "insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes)
         select u.user_id, e.engagement_id, d::date, 150, true, 'Client work'
         from users u
         cross join generate_series($1::date, $2::date, interval '1 day') d
         join lateral (select distinct on (client_id) engagement_id from engagements
                       order by client_id, code) e on true
         where u.role in ('manager', 'employee') and extract(isodow from d) <= 5
           and (extract(day from d)::int % 3) = 0
         returning time_entry_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await?;
    price_and_approve(tx, &ids).await
}

/// Prices demo entries by the firm's rate rules, as any entry is priced
/// (with their reasons), then approves them.
pub(crate) async fn price_and_approve(tx: &mut TenantTx, ids: &[i64]) -> Result<(), sqlx::Error> {
    crate::practice::price_entries(tx, ids).await?;
    sqlx::query("update time_entries set status = 'approved' where time_entry_id = any($1)")
        .bind(ids)
        .execute(tx.conn())
        .await?;
    Ok(())
}
