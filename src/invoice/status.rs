//! An invoice's life: draft → awaiting approval → approved (numbered,
//! final) → sent → partially paid → paid, and void. Which moves are allowed
//! and what a payment does are decided here; the database stores the
//! answer in the same transaction that locked the invoice.

use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InvoiceStatus {
    Draft,
    AwaitingApproval,
    /// Approved and finalized: it has its number and its lines are final.
    Approved,
    Sent,
    PartiallyPaid,
    Paid,
    Void,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("this invoice is {0} and can no longer be changed; correct it with a credit note")]
    Final(&'static str),
    #[error("only a draft can be submitted (this invoice is {0})")]
    NotADraft(&'static str),
    #[error("an invoice is sent once it has been approved (this one is {0})")]
    NotApproved(&'static str),
    #[error("payments are recorded against a sent invoice (this one is {0})")]
    NotPayable(&'static str),
    #[error("this invoice is already void")]
    AlreadyVoid,
    #[error("a draft is deleted, not voided")]
    DraftIsDeleted,
    #[error("payments have been recorded on this invoice; issue a credit note instead of voiding it")]
    HasPayments,
    #[error("an invoice with no lines can't be submitted")]
    Empty,
    #[error("an invoice's total can't be negative; issue a credit note")]
    Negative,
    #[error("a credit note takes money off: its total must be below zero")]
    CreditNotNegative,
    #[error("a credit note is issued against a sent invoice (this one is {0})")]
    NotCreditable(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    #[error("enter an amount above zero")]
    NotPositive,
    #[error("that is more than the {due} still due; record at most what is owed")]
    Overpayment { due: String },
    #[error(transparent)]
    Status(#[from] StatusError),
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 7] =
        [Self::Draft, Self::AwaitingApproval, Self::Approved, Self::Sent, Self::PartiallyPaid, Self::Paid, Self::Void];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Approved => "approved",
            Self::Sent => "sent",
            Self::PartiallyPaid => "partially_paid",
            Self::Paid => "paid",
            Self::Void => "void",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingApproval => "awaiting approval",
            Self::Approved => "approved",
            Self::Sent => "sent",
            Self::PartiallyPaid => "partially paid",
            Self::Paid => "paid",
            Self::Void => "void",
        }
    }

    /// Lines, dates and texts can change only before approval. Changing an
    /// invoice awaiting approval sends it back to draft (the caller withdraws
    /// the approvals given so far: they approved other content).
    pub fn check_editable(self) -> Result<(), StatusError> {
        match self {
            Self::Draft | Self::AwaitingApproval => Ok(()),
            other => Err(StatusError::Final(other.label())),
        }
    }

    /// An invoice's total is zero or more; a credit note's below zero.
    pub fn check_submittable(self, line_count: usize, total_minor: i64, credit_note: bool) -> Result<(), StatusError> {
        if self != Self::Draft {
            return Err(StatusError::NotADraft(self.label()));
        }
        if line_count == 0 {
            return Err(StatusError::Empty);
        }
        match (credit_note, total_minor) {
            (false, t) if t < 0 => Err(StatusError::Negative),
            (true, t) if t >= 0 => Err(StatusError::CreditNotNegative),
            _ => Ok(()),
        }
    }

    /// A credit note corrects an invoice the client has received.
    pub fn check_creditable(self) -> Result<(), StatusError> {
        match self {
            Self::Sent | Self::PartiallyPaid | Self::Paid => Ok(()),
            other => Err(StatusError::NotCreditable(other.label())),
        }
    }

    pub fn check_sendable(self) -> Result<(), StatusError> {
        match self {
            // Sending again (a reminder) is allowed once sent.
            Self::Approved | Self::Sent | Self::PartiallyPaid => Ok(()),
            other => Err(StatusError::NotApproved(other.label())),
        }
    }

    pub fn check_voidable(self, paid_minor: i64) -> Result<(), StatusError> {
        match self {
            Self::Void => Err(StatusError::AlreadyVoid),
            Self::Draft | Self::AwaitingApproval => Err(StatusError::DraftIsDeleted),
            _ if paid_minor > 0 => Err(StatusError::HasPayments),
            _ => Ok(()),
        }
    }

    /// Has it been numbered (approved at some point and not a draft)?
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Draft | Self::AwaitingApproval)
    }

    /// Does the client owe on it?
    pub fn is_open(self) -> bool {
        matches!(self, Self::Sent | Self::PartiallyPaid)
    }
}

/// The status after recording `amount_minor` on an invoice of `total_minor`
/// of which `paid_minor` is already paid. `format` writes an amount for the
/// refusal's message.
pub fn after_payment(
    status: InvoiceStatus,
    total_minor: i64,
    paid_minor: i64,
    amount_minor: i64,
    format: impl Fn(i64) -> String,
) -> Result<InvoiceStatus, PaymentError> {
    if !status.is_open() {
        return Err(StatusError::NotPayable(status.label()).into());
    }
    if amount_minor <= 0 {
        return Err(PaymentError::NotPositive);
    }
    let due = total_minor - paid_minor;
    if amount_minor > due {
        return Err(PaymentError::Overpayment { due: format(due) });
    }
    Ok(if amount_minor == due { InvoiceStatus::Paid } else { InvoiceStatus::PartiallyPaid })
}

/// Overdue is never stored: it is an open invoice past its due date.
pub fn is_overdue(status: InvoiceStatus, due_on: Option<Date>, today: Date) -> bool {
    status.is_open() && due_on.is_some_and(|due| today > due)
}
