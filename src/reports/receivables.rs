//! Receivables over time: what clients owed on sent invoices at the end of
//! each week or month of a period, by how late it was then, so a partner
//! sees whether the firm is being paid faster or slower. Today's aging (the
//! table per client) is `invoice::aging`; this reconstructs the same
//! buckets at earlier days from when each invoice was issued, paid and
//! voided, so the last point of the trend equals today's total.

use crate::invoice::aging::{AgingReport, AgingRow, Bucket};
use crate::money::Currency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// A sent invoice with its history: what it asked, when, and what was
/// paid or credited against it on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentInvoice {
    pub currency: Currency,
    pub issued_on: Date,
    pub due_on: Date,
    pub total_minor: i64,
    pub voided_on: Option<Date>,
    /// `(paid_on, amount)`; credit notes applied to it count as payments.
    pub payments: Vec<(Date, i64)>,
}

impl SentInvoice {
    /// What the client still owed at the end of `day`: nothing before it
    /// was issued or once voided, and never less than nothing.
    pub fn owed_at(&self, day: Date) -> i64 {
        if self.issued_on > day || self.voided_on.is_some_and(|voided| voided <= day) {
            return 0;
        }
        let paid: i64 = self.payments.iter().filter(|(on, _)| *on <= day).map(|(_, amount)| amount).sum();
        (self.total_minor - paid).max(0)
    }
}

/// Owed in one currency at each point, by how late it was on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivablesTrend {
    pub currency: Currency,
    pub points: Vec<(Date, AgingRow)>,
}

impl ReceivablesTrend {
    /// What was past due at a point: every bucket but "current".
    pub fn overdue(row: &AgingRow) -> i64 {
        row.total - row.buckets[Bucket::Current as usize]
    }
}

/// The trend per currency (alphabetical) over `points` (oldest first).
/// A currency appears once any invoice in it was owed at any point.
pub fn receivables_trend(invoices: &[SentInvoice], points: &[Date]) -> Vec<ReceivablesTrend> {
    let mut by_currency: BTreeMap<&str, (Currency, Vec<AgingRow>)> = BTreeMap::new();
    for invoice in invoices {
        for (index, day) in points.iter().enumerate() {
            let owed = invoice.owed_at(*day);
            if owed == 0 {
                continue;
            }
            let (_, rows) = by_currency
                .entry(invoice.currency.as_str())
                .or_insert_with(|| (invoice.currency, vec![AgingRow::default(); points.len()]));
            rows[index].add(Bucket::of(invoice.due_on, *day), owed);
        }
    }
    by_currency
        .into_values()
        .map(|(currency, rows)| ReceivablesTrend { currency, points: points.iter().copied().zip(rows).collect() })
        .collect()
}

/// The receivables report: the trend over the period, and today's aging
/// per client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivablesReport {
    pub trend: Vec<ReceivablesTrend>,
    pub today: Vec<AgingReport>,
}
