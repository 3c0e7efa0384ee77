//! Invoices as the pages read them: the list, and one invoice with what
//! the viewer may do.

use super::approval::{approval_sentence, may_decide};
use super::{InvoiceError, decode, header};
use crate::access::Role;
use crate::db::TenantTx;
use crate::formats::Formats;
use crate::invoice::InvoiceStatus;
use crate::invoice::drafting::LineKind;
use crate::invoice::status::is_overdue;
use crate::invoice::tax::{TaxRate, totals};
use crate::invoice::terms::PaymentTerms;
use crate::invoice::views::{Allowed, InvoicePage, InvoiceRow, LineView, PaymentView, TaxRowView};
use crate::money::{Currency, Minutes};
use time::Date;

/// Which invoices the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Drafts and those awaiting approval.
    Drafts,
    /// Sent and not fully paid.
    Open,
    Overdue,
    Paid,
    Void,
}

impl StatusFilter {
    pub const ALL: [(StatusFilter, &'static str, &'static str); 6] = [
        (Self::All, "all", "All"),
        (Self::Drafts, "drafts", "Drafts"),
        (Self::Open, "open", "Open"),
        (Self::Overdue, "overdue", "Overdue"),
        (Self::Paid, "paid", "Paid"),
        (Self::Void, "void", "Void"),
    ];

    pub fn parse(raw: &str) -> Self {
        Self::ALL.iter().find(|(_, key, _)| *key == raw).map_or(Self::All, |(f, _, _)| *f)
    }

    fn statuses(self) -> &'static [&'static str] {
        match self {
            Self::All => &["draft", "awaiting_approval", "approved", "sent", "partially_paid", "paid", "void"],
            Self::Drafts => &["draft", "awaiting_approval"],
            Self::Open | Self::Overdue => &["sent", "partially_paid"],
            Self::Paid => &["paid"],
            Self::Void => &["void"],
        }
    }
}

pub(super) fn currency_of(raw: &str) -> Currency {
    Currency::parse(raw).unwrap_or(Currency::USD)
}

#[derive(sqlx::FromRow)]
struct ListRow {
    invoice_id: i64,
    kind: String,
    number: Option<String>,
    client: String,
    status: String,
    issued_on: Option<Date>,
    due_on: Option<Date>,
    total_minor: i64,
    paid_minor: i64,
    currency: String,
}

/// The newest 200 invoices matching `filter`.
pub async fn invoice_list(
    tx: &mut TenantTx,
    filter: StatusFilter,
    today: Date,
) -> Result<Vec<InvoiceRow>, sqlx::Error> {
    let formats = crate::practice::formats::firm_formats(tx).await?;
    let statuses: Vec<String> = filter.statuses().iter().map(|s| (*s).to_owned()).collect();
    let rows: Vec<ListRow> =
        sqlx::query_as(
            "select i.invoice_id, i.kind, i.number, c.name as client, i.status, i.issued_on, i.due_on, i.total_minor, i.paid_minor,
                    i.currency::text as currency
             from invoices i join clients c using (client_id)
             where i.status = any($1) and ($2 = false or i.due_on < $3)
             order by i.invoice_id desc limit 200",
        )
        .bind(&statuses)
        .bind(filter == StatusFilter::Overdue)
        .bind(today)
        .fetch_all(tx.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |ListRow {
                 invoice_id,
                 kind,
                 number,
                 client,
                 status,
                 issued_on,
                 due_on,
                 total_minor: total,
                 paid_minor: paid,
                 currency,
             }| {
                let status = InvoiceStatus::parse(&status).unwrap_or(InvoiceStatus::Void);
                let currency = currency_of(&currency);
                InvoiceRow {
                    invoice_id,
                    credit_note: kind == "credit_note",
                    number,
                    client,
                    status,
                    overdue: kind == "invoice" && is_overdue(status, due_on, today),
                    issued_on,
                    due_on,
                    total: formats.amount(total, currency),
                    // A credit note is applied, not paid: nothing is due on it.
                    due: formats.amount(if status.is_open() && kind == "invoice" { total - paid } else { 0 }, currency),
                }
            },
        )
        .collect())
}

#[derive(sqlx::FromRow)]
struct PageRow {
    kind: String,
    number: Option<String>,
    client: String,
    billing_address: String,
    tax_id: String,
    period_from: Date,
    period_to: Date,
    issued_on: Option<Date>,
    due_on: Option<Date>,
    terms: String,
    notes: String,
    taxes: String,
    drafted_by: String,
    has_link: bool,
    left_out: String,
    design: String,
    show_hours: bool,
    show_rates: bool,
    footer: String,
    payment_details: String,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    invoice_line_id: i64,
    kind: String,
    description: String,
    detail: String,
    quantity_minutes: Option<i32>,
    quantity_hundredths: Option<i64>,
    rate_minor: Option<i64>,
    amount_minor: i64,
    worked_minor: i64,
    adjustment_reason: String,
    taxable: bool,
}

/// "2.5", "1", "0.25".
pub fn units_text(hundredths: i64) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    if fraction == 0 { whole.to_string() } else { format!("{whole}.{fraction:02}").trim_end_matches('0').to_owned() }
}

/// One invoice as `viewer` (id, role) sees it.
pub async fn invoice_page(
    tx: &mut TenantTx,
    invoice_id: i64,
    viewer: (i64, Role),
    today: Date,
) -> Result<InvoicePage, InvoiceError> {
    let head = header(tx, invoice_id).await?;
    let currency = head.currency();
    let formats = crate::practice::formats::firm_formats(tx).await?;
    let row: PageRow = sqlx::query_as(
        "select i.kind, i.number, c.name as client, c.billing_address, c.tax_id, i.period_from, i.period_to, i.issued_on,
                i.due_on, i.terms::text as terms, i.notes, i.taxes::text as taxes, u.display_name as drafted_by,
                i.client_token_sha256 is not null as has_link, i.left_out, i.design, i.show_hours, i.show_rates,
                i.footer, i.payment_details
         from invoices i join clients c using (client_id) join users u on u.user_id = i.created_by
         where i.invoice_id = $1",
    )
    .bind(invoice_id)
    .fetch_one(tx.conn())
    .await?;
    let lines: Vec<LineRow> = sqlx::query_as(
        "select invoice_line_id, kind, description, detail, quantity_minutes, quantity_hundredths, rate_minor,
                amount_minor, worked_minor, adjustment_reason, taxable
         from invoice_lines where invoice_id = $1 order by position, invoice_line_id",
    )
    .bind(invoice_id)
    .fetch_all(tx.conn())
    .await?;
    let payments: Vec<(Date, i64, String, String, String)> = sqlx::query_as(
        "select p.paid_on, p.amount_minor, p.method, p.reference, u.display_name
         from invoice_payments p join users u on u.user_id = p.recorded_by
         where p.invoice_id = $1 order by p.paid_on, p.invoice_payment_id",
    )
    .bind(invoice_id)
    .fetch_all(tx.conn())
    .await?;
    let taxes: Vec<TaxRate> = decode(&row.taxes)?;
    let amounts: Vec<(i64, bool)> = lines.iter().map(|l| (l.amount_minor, l.taxable)).collect();
    let t = totals(&amounts, &taxes);
    let status = head.status();
    let (user_id, role) = viewer;
    let decide = may_decide(tx, &head, user_id, role).await?;
    let approval = approval_sentence(tx, &head).await?;
    let editable = status.check_editable().is_ok();
    Ok(InvoicePage {
        invoice_id,
        credit_note: row.kind == "credit_note",
        number: row.number,
        status,
        overdue: row.kind == "invoice" && is_overdue(status, row.due_on, today),
        client_id: head.client_id,
        client: row.client,
        client_address: row.billing_address,
        client_tax_id: row.tax_id,
        currency: currency.to_string(),
        period_from: row.period_from,
        period_to: row.period_to,
        issued_on: row.issued_on,
        due_on: row.due_on,
        terms: decode::<PaymentTerms>(&row.terms)?.sentence(),
        notes: row.notes,
        lines: lines.into_iter().map(|l| line_view(l, currency, &taxes, formats)).collect(),
        taxes: t
            .taxes
            .iter()
            .map(|tax| TaxRowView {
                label: tax.rate.label(),
                base: formats.amount(tax.base_minor, currency),
                tax: formats.amount(tax.tax_minor, currency),
            })
            .collect(),
        subtotal: formats.amount(t.subtotal_minor, currency),
        total: formats.amount(t.total_minor, currency),
        paid: formats.amount(head.paid_minor, currency),
        due: formats.amount(
            if status.is_open() && row.kind == "invoice" { t.total_minor - head.paid_minor } else { 0 },
            currency,
        ),
        payments: payments
            .into_iter()
            .map(|(paid_on, amount, method, reference, recorded_by)| PaymentView {
                paid_on,
                amount: formats.amount(amount, currency),
                method: super::payments::method_label(&method),
                reference,
                recorded_by,
            })
            .collect(),
        drafted_by: row.drafted_by,
        left_out: if editable { row.left_out.lines().map(str::to_owned).collect() } else { Vec::new() },
        design: crate::invoice::Design::parse(&row.design).unwrap_or(crate::invoice::Design::Classic),
        show_hours: row.show_hours,
        show_rates: row.show_rates,
        footer: row.footer,
        payment_details: row.payment_details,
        formats,
        approval,
        client_link: row.has_link.then(String::new),
        allowed: Allowed {
            edit: editable,
            submit: status == InvoiceStatus::Draft,
            decide,
            send: status.check_sendable().is_ok(),
            pay: status.is_open() && row.kind == "invoice",
            void: status.check_voidable(head.paid_minor).is_ok(),
            delete: editable,
            credit: status.check_creditable().is_ok() && row.kind == "invoice",
        },
    })
}

fn line_view(l: LineRow, currency: Currency, taxes: &[TaxRate], formats: Formats) -> LineView {
    let quantity = match (l.quantity_minutes, l.quantity_hundredths) {
        (Some(m), _) => Minutes(u32::try_from(m).unwrap_or(0)).to_string(),
        (None, Some(h)) => units_text(h),
        (None, None) => String::new(),
    };
    let kind = LineKind::parse(&l.kind).unwrap_or(LineKind::Free);
    let written = kind != LineKind::Free && l.worked_minor != l.amount_minor;
    let taxes =
        if l.taxable { taxes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(" + ") } else { String::new() };
    LineView {
        line_id: l.invoice_line_id,
        kind,
        description: l.description,
        detail: l.detail,
        quantity,
        rate: l.rate_minor.map(|r| formats.field_amount(r, currency)).unwrap_or_default(),
        amount: formats.amount(l.amount_minor, currency),
        worked: written.then(|| formats.amount(l.worked_minor, currency)),
        reason: l.adjustment_reason,
        taxes,
    }
}
