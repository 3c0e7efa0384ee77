//! The export page's preview: what the next batch would carry and, before
//! anything is written, every gap in the mapping by document and line.

use super::{accounting_mapping, pending};
use crate::accounting::views::{GapView, PendingView, PreviewView};
use crate::accounting::{DocKind, resolve};
use crate::db::TenantTx;
use crate::invoice::money_text;
use crate::money::Currency;
use time::Date;

pub async fn preview(tx: &mut TenantTx, period: Option<(Date, Date)>) -> Result<PreviewView, sqlx::Error> {
    let mapping = accounting_mapping(tx).await?;
    let found = pending(tx, period).await?;
    let gaps = match &mapping {
        Some(mapping) => resolve(mapping, &found.documents, &found.payments).err().unwrap_or_default(),
        None => Vec::new(),
    };
    let mut totals: Vec<(Currency, i64)> = Vec::new();
    for document in &found.documents {
        let signed = if document.reversal { -document.total_minor() } else { document.total_minor() };
        match totals.iter_mut().find(|(c, _)| *c == document.currency) {
            Some(total) => total.1 += signed,
            None => totals.push((document.currency, signed)),
        }
    }
    Ok(PreviewView {
        target: mapping.map(|m| m.target.label().to_owned()),
        documents: found
            .documents
            .iter()
            .map(|d| PendingView {
                number: d.number.clone(),
                client: d.client_name.clone(),
                what: match (d.reversal, d.kind) {
                    (true, _) => "Reversal of a void".into(),
                    (false, DocKind::Invoice) => "Invoice".into(),
                    (false, DocKind::CreditNote) => "Credit note".into(),
                },
                dated: d.issued_on.to_string(),
                total: money_text(if d.reversal { -d.total_minor() } else { d.total_minor() }, d.currency),
            })
            .collect(),
        payments: found.payments.len(),
        gaps: gaps.iter().map(GapView::from).collect(),
        totals: totals.into_iter().map(|(c, minor)| money_text(minor, c)).collect(),
    })
}
