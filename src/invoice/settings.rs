//! A firm's invoice format as configuration: numbering, default grouping,
//! payment terms, the texts printed on every invoice, and the design. Stored
//! as one JSON value in the firm's settings; read back leniently (a value
//! saved by an older version still loads, with defaults for what it lacks),
//! written only after [`SettingsForm::check`] accepted it.

use super::grouping::{ExpenseGrouping, Grouping};
use super::numbering::{NumberPattern, Restart};
use super::terms::PaymentTerms;
use serde::{Deserialize, Serialize};

/// The built-in invoice designs; each is drawn in the firm's colours with its logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Design {
    /// A coloured band with the logo, lines in a ruled table.
    Classic,
    /// A sidebar in the accent colour, large total.
    Modern,
    /// Dense, small type, for long detailed invoices.
    Compact,
}

impl Design {
    pub const ALL: [Design; 3] = [Self::Classic, Self::Modern, Self::Compact];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Classic => "classic",
            Self::Modern => "modern",
            Self::Compact => "compact",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Classic => "Classic — a band in your colour across the top",
            Self::Modern => "Modern — a sidebar in your colour, a large total",
            Self::Compact => "Compact — small type for long, detailed invoices",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceSettings {
    pub number_pattern: String,
    pub credit_pattern: String,
    pub restart: Restart,
    pub grouping: Grouping,
    pub expense_grouping: ExpenseGrouping,
    pub terms: PaymentTerms,
    pub footer: String,
    pub payment_details: String,
    pub design: Design,
    pub show_hours: bool,
    pub show_rates: bool,
    /// Line details name who did the work (absent from settings saved
    /// before the option existed: those firms keep seeing names).
    pub show_people: bool,
    pub attach_receipts: bool,
}

impl Default for InvoiceSettings {
    fn default() -> Self {
        Self {
            number_pattern: "{YYYY}-{seq:4}".to_owned(),
            credit_pattern: "CN-{YYYY}-{seq:4}".to_owned(),
            restart: Restart::Yearly,
            grouping: Grouping::ByEngagement,
            expense_grouping: ExpenseGrouping::ByCategory,
            terms: PaymentTerms::Days(30),
            footer: String::new(),
            payment_details: String::new(),
            design: Design::Classic,
            show_hours: true,
            show_rates: true,
            show_people: true,
            attach_receipts: false,
        }
    }
}

impl InvoiceSettings {
    /// The checked invoice pattern. A stored pattern was checked when saved;
    /// should it no longer pass (rules tightened), the default is used
    /// rather than refusing to finalize.
    pub fn invoice_pattern(&self) -> NumberPattern {
        NumberPattern::parse(&self.number_pattern, self.restart)
            .unwrap_or_else(|_| default_pattern(&InvoiceSettings::default().number_pattern))
    }

    pub fn credit_note_pattern(&self) -> NumberPattern {
        NumberPattern::parse(&self.credit_pattern, self.restart)
            .unwrap_or_else(|_| default_pattern(&InvoiceSettings::default().credit_pattern))
    }
}

fn default_pattern(raw: &str) -> NumberPattern {
    // The defaults are constants the unit tests parse, so this cannot fail.
    NumberPattern::parse(raw, Restart::Yearly).expect("default pattern parses")
}

/// The settings page's form, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub number_pattern: String,
    pub credit_pattern: String,
    pub restart: String,
    pub grouping: String,
    pub expense_grouping: String,
    pub terms_kind: String,
    pub terms_days: String,
    pub footer: String,
    pub payment_details: String,
    pub design: String,
    #[serde(default)]
    pub show_hours: Option<String>,
    #[serde(default)]
    pub show_rates: Option<String>,
    #[serde(default)]
    pub show_people: Option<String>,
    #[serde(default)]
    pub attach_receipts: Option<String>,
}

impl SettingsForm {
    /// Checks every field; the problems name their field.
    pub fn check(&self) -> Result<InvoiceSettings, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let restart = Restart::parse(&self.restart).unwrap_or_else(|| {
            problems.push(("restart", "choose when the counter restarts".to_owned()));
            Restart::Never
        });
        let invoice = NumberPattern::parse(&self.number_pattern, restart);
        if let Err(e) = &invoice {
            problems.push(("number_pattern", e.to_string()));
        }
        let credit = NumberPattern::parse(&self.credit_pattern, restart);
        if let Err(e) = &credit {
            problems.push(("credit_pattern", e.to_string()));
        }
        if let (Ok(a), Ok(b)) = (&invoice, &credit)
            && a.as_str() == b.as_str()
        {
            problems.push((
                "credit_pattern",
                "credit notes need a format of their own, such as CN-{YYYY}-{seq:4}".to_owned(),
            ));
        }
        let grouping = Grouping::parse(&self.grouping);
        if grouping.is_none() {
            problems.push(("grouping", "choose how time is grouped".to_owned()));
        }
        let expense_grouping = ExpenseGrouping::parse(&self.expense_grouping);
        if expense_grouping.is_none() {
            problems.push(("expense_grouping", "choose how expenses are grouped".to_owned()));
        }
        let terms = PaymentTerms::parse(&self.terms_kind, &self.terms_days);
        if let Err(e) = &terms {
            problems.push(("terms_days", e.to_string()));
        }
        let design = Design::parse(&self.design);
        if design.is_none() {
            problems.push(("design", "choose a design".to_owned()));
        }
        for (field, text, limit) in [("footer", &self.footer, 500), ("payment_details", &self.payment_details, 500)] {
            if text.chars().count() > limit {
                problems.push((field, format!("at most {limit} characters")));
            }
        }
        match (invoice, credit, grouping, expense_grouping, terms, design) {
            (Ok(invoice), Ok(credit), Some(grouping), Some(expense_grouping), Ok(terms), Some(design))
                if problems.is_empty() =>
            {
                Ok(InvoiceSettings {
                    number_pattern: invoice.as_str().to_owned(),
                    credit_pattern: credit.as_str().to_owned(),
                    restart,
                    grouping,
                    expense_grouping,
                    terms,
                    footer: self.footer.trim().to_owned(),
                    payment_details: self.payment_details.trim().to_owned(),
                    design,
                    show_hours: self.show_hours.is_some(),
                    show_rates: self.show_rates.is_some(),
                    show_people: self.show_people.is_some(),
                    attach_receipts: self.attach_receipts.is_some(),
                })
            }
            _ => Err(problems),
        }
    }

    pub fn from_settings(s: &InvoiceSettings) -> Self {
        let on = |b: bool| b.then(|| "on".to_owned());
        Self {
            number_pattern: s.number_pattern.clone(),
            credit_pattern: s.credit_pattern.clone(),
            restart: s.restart.as_str().to_owned(),
            grouping: s.grouping.as_str().to_owned(),
            expense_grouping: s.expense_grouping.as_str().to_owned(),
            terms_kind: s.terms.kind().to_owned(),
            terms_days: s.terms.days().to_string(),
            footer: s.footer.clone(),
            payment_details: s.payment_details.clone(),
            design: s.design.as_str().to_owned(),
            show_hours: on(s.show_hours),
            show_rates: on(s.show_rates),
            show_people: on(s.show_people),
            attach_receipts: on(s.attach_receipts),
        }
    }
}
