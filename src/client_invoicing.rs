//! A client's invoicing terms as its page edits them: the short code that
//! goes into its invoice numbers (INV/ACME/007), which tax rates its
//! invoices carry, and the notes printed on them. Pure, so the browser runs
//! the very checks the server runs before the database's own (`code ~
//! '^[A-Z0-9-]{1,12}$'`, notes ≤ 1000 characters) could refuse with a 500.

use crate::engagement::FieldProblem;
use crate::invoice::views::TaxRateView;
use crate::newtype::text_newtype;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A client's code: 1–12 of A–Z, 0–9 and `-`; typed in any case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClientCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientCodeError {
    #[error("enter a short code for the client's invoice numbers, e.g. ACME")]
    Empty,
    #[error("a client code can be at most {0} characters")]
    TooLong(usize),
    #[error("a client code has only letters A–Z, digits and -, e.g. ACME-2")]
    Character,
}

impl ClientCode {
    pub const MAX_CHARS: usize = 12;

    /// Upper-cases what was typed (`acme` is `ACME`), so people need not
    /// think about case; anything but A–Z, 0–9 and `-` is refused rather
    /// than dropped, since the code appears on every invoice.
    pub fn parse(raw: &str) -> Result<Self, ClientCodeError> {
        let code = raw.trim().to_uppercase();
        if code.is_empty() {
            Err(ClientCodeError::Empty)
        } else if code.chars().count() > Self::MAX_CHARS {
            Err(ClientCodeError::TooLong(Self::MAX_CHARS))
        } else if !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
            Err(ClientCodeError::Character)
        } else {
            Ok(Self(code))
        }
    }
}

text_newtype!(ClientCode, ClientCodeError);

/// Which taxes a client's invoices carry (`clients.tax_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaxMode {
    /// The firm's default set (tax rates marked "applies by default").
    Firm,
    /// The client's own set (`client_tax_rates`).
    Own,
    Exempt,
}

impl TaxMode {
    pub const ALL: [TaxMode; 3] = [Self::Firm, Self::Own, Self::Exempt];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Firm => "firm",
            Self::Own => "own",
            Self::Exempt => "exempt",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Firm => "The firm's default rates",
            Self::Own => "Its own rates",
            Self::Exempt => "Exempt: no tax",
        }
    }
}

/// The taxes that apply, with the own set only where it means something:
/// saving "firm" or "exempt" clears the client's own set, so what the
/// database holds is exactly what drafting will use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientTaxes {
    Firm,
    /// Tax rate ids, ascending, without repeats; never empty.
    Own(Vec<i64>),
    Exempt,
}

impl ClientTaxes {
    pub fn mode(&self) -> TaxMode {
        match self {
            Self::Firm => TaxMode::Firm,
            Self::Own(_) => TaxMode::Own,
            Self::Exempt => TaxMode::Exempt,
        }
    }
}

/// The form key of a tax rate checkbox: `form[tax_rates][t<id>]=on`. The
/// `t` keeps the query-string decoder from reading numeric keys as a list
/// (as with [`crate::engagement::member_key`]).
pub fn tax_rate_key(tax_rate_id: i64) -> String {
    format!("t{tax_rate_id}")
}

/// The invoicing form on the client page, every field as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInvoicingForm {
    #[serde(default)]
    pub code: String,
    /// `firm`, `own` or `exempt`.
    #[serde(default)]
    pub tax_mode: String,
    /// Ticked rates, keyed by [`tax_rate_key`]; read only for `own`.
    #[serde(default)]
    pub tax_rates: BTreeMap<String, String>,
    #[serde(default)]
    pub invoice_notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInvoicing {
    pub code: ClientCode,
    pub taxes: ClientTaxes,
    pub invoice_notes: String,
}

pub const INVOICE_NOTES_MAX_CHARS: usize = 1000;

pub fn parse_code(raw: &str) -> Result<ClientCode, FieldProblem> {
    ClientCode::parse(raw).map_err(|e| ("code", e.to_string()))
}

/// The mode and, for `own`, the ticked rates. Rates ticked under another
/// mode are ignored: without JavaScript the boxes stay clickable whatever
/// mode is chosen.
pub fn parse_taxes(mode: &str, ticked: &BTreeMap<String, String>) -> Result<ClientTaxes, FieldProblem> {
    match TaxMode::parse(mode.trim()) {
        None => Err(("tax_mode", "choose how taxes apply to this client".into())),
        Some(TaxMode::Firm) => Ok(ClientTaxes::Firm),
        Some(TaxMode::Exempt) => Ok(ClientTaxes::Exempt),
        Some(TaxMode::Own) => {
            let mut ids = BTreeSet::new();
            for key in ticked.keys() {
                let id = key.strip_prefix('t').and_then(|id| id.parse::<i64>().ok());
                ids.insert(id.ok_or(("tax_rates", "choose rates from the list".to_owned()))?);
            }
            if ids.is_empty() {
                return Err(("tax_rates", "tick at least one rate, or choose “exempt”".into()));
            }
            Ok(ClientTaxes::Own(ids.into_iter().collect()))
        }
    }
}

/// Trimmed; line breaks are kept, since they print.
pub fn parse_invoice_notes(raw: &str) -> Result<String, FieldProblem> {
    let notes = raw.trim();
    let count = notes.chars().count();
    if count > INVOICE_NOTES_MAX_CHARS {
        return Err(("invoice_notes", format!("keep it to {INVOICE_NOTES_MAX_CHARS} characters (now {count})")));
    }
    Ok(notes.to_owned())
}

pub fn parse_client_invoicing(form: &ClientInvoicingForm) -> Result<ClientInvoicing, FieldProblem> {
    let code = parse_code(&form.code)?;
    let taxes = parse_taxes(&form.tax_mode, &form.tax_rates)?;
    let invoice_notes = parse_invoice_notes(&form.invoice_notes)?;
    Ok(ClientInvoicing { code, taxes, invoice_notes })
}

/// The client page's invoicing section: the stored terms as the form shows
/// them, and the firm's current rates to choose from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInvoicingView {
    pub form: ClientInvoicingForm,
    pub rates: Vec<TaxRateView>,
}

impl ClientInvoicingView {
    /// The labels of the rates the client's next draft would carry, as
    /// `rates_for_client` chooses them.
    pub fn applying(&self) -> Vec<String> {
        let applies = |rate: &TaxRateView| match TaxMode::parse(&self.form.tax_mode) {
            Some(TaxMode::Firm) => rate.is_default,
            Some(TaxMode::Own) => self.form.tax_rates.contains_key(&tax_rate_key(rate.tax_rate_id)),
            Some(TaxMode::Exempt) | None => false,
        };
        self.rates.iter().filter(|r| applies(r)).map(|r| r.label.clone()).collect()
    }
}

#[cfg(test)]
mod tests;
