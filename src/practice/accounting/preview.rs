//! The export page's preview: what the next batch would carry and, before
//! anything is written, every gap in the mapping by document and line, and
//! any text the target's legacy encoding would turn into "?".

use super::{accounting_mapping, pending};
use crate::accounting::text::unencodable;
use crate::accounting::views::{GapView, PendingView, PreviewView};
use crate::accounting::{DocKind, Target, resolve};
use crate::db::TenantTx;
use crate::money::Currency;
use time::Date;

pub async fn preview(tx: &mut TenantTx, period: Option<(Date, Date)>) -> Result<PreviewView, sqlx::Error> {
    let mapping = accounting_mapping(tx).await?;
    let found = pending(tx, period).await?;
    let formats = crate::practice::formats::firm_formats(tx).await?;
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
    let legacy = mapping.as_ref().is_some_and(|m| matches!(m.target, Target::QuickbooksDesktop | Target::Datev));
    let warnings = if legacy { unencodable_text(&found.documents) } else { Vec::new() };
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
                dated: formats.date(d.issued_on),
                total: formats.amount(if d.reversal { -d.total_minor() } else { d.total_minor() }, d.currency),
            })
            .collect(),
        payments: found.payments.len(),
        gaps: gaps.iter().map(GapView::from).collect(),
        totals: totals.into_iter().map(|(c, minor)| formats.amount(minor, c)).collect(),
        warnings,
    })
}

/// "INV-7: “Łódź Sp. z o.o.” (Ł, ź)": names and descriptions Windows-1252
/// cannot hold, once per document and text.
fn unencodable_text(documents: &[crate::accounting::SourceDocument]) -> Vec<String> {
    let mut found = Vec::new();
    for d in documents {
        let texts = std::iter::once(&d.client_name).chain(d.lines.iter().map(|l| &l.description));
        for text in texts {
            let missing = unencodable(text);
            if !missing.is_empty() {
                let chars: Vec<String> = missing.iter().map(char::to_string).collect();
                let warning = format!("{}: “{text}” ({})", d.number, chars.join(", "));
                if !found.contains(&warning) {
                    found.push(warning);
                }
            }
        }
    }
    found
}
