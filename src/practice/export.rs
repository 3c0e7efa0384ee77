//! Everything a firm keeps here, as files it can take away: one CSV per
//! kind of record (what docs/export-format.md describes) and its receipts
//! as they were uploaded. Secrets never leave: password hashes, emailed-link
//! tokens and the SSO client secret are not exported. Rows are read with
//! PostgreSQL's `COPY … TO STDOUT`, streamed, inside the firm's transaction.

use crate::db::TenantTx;
use futures::stream::{BoxStream, StreamExt};

/// One file of the export: its name and the statement that writes it.
pub struct ExportFile {
    pub name: &'static str,
    pub copy: &'static str,
}

/// The files, in the order they are written. Each is a whole table (all its
/// columns as they are at export time, ordered by key) unless a secret or a
/// file's bytes had to be left out.
pub const EXPORT_FILES: &[ExportFile] = &[
    ExportFile {
        name: "people.csv",
        copy: "copy (select user_id, email, display_name, role, active, sso_subject is not null as single_sign_on,
                            created_at, deactivated_at
                     from users order by user_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "teams.csv",
        copy: "copy (select * from teams order by team_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "team_members.csv",
        copy: "copy (select * from team_members order by user_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "clients.csv",
        copy: "copy (select * from clients order by client_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "client_contacts.csv",
        copy: "copy (select * from client_contacts order by client_contact_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "engagements.csv",
        copy: "copy (select * from engagements order by engagement_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "engagement_members.csv",
        copy: "copy (select * from engagement_members order by engagement_id, user_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "rates.csv",
        copy: "copy (select * from rates order by rate_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "time_entries.csv",
        copy: "copy (select * from time_entries order by time_entry_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "timesheets.csv",
        copy: "copy (select * from timesheets order by timesheet_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "expenses.csv",
        copy: "copy (select x.*, r.content_type as receipt_content_type
                     from expenses x left join expense_receipts r using (expense_id)
                     order by x.expense_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "tax_rates.csv",
        copy: "copy (select * from tax_rates order by tax_rate_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "client_tax_rates.csv",
        copy: "copy (select * from client_tax_rates order by client_id, tax_rate_id) to stdout with (format csv, header)",
    },
    // Every column but the digest of the client's link: a live link is a
    // credential, and a new one is made by sending the invoice again.
    ExportFile {
        name: "invoices.csv",
        copy: "copy (select invoice_id, kind, credits_invoice_id, client_id, currency, status, number, period_from,
                            period_to, issued_on, due_on, terms, design, show_hours, show_rates, notes, footer,
                            payment_details, taxes, subtotal_minor, tax_minor, total_minor, paid_minor, created_by,
                            submitted_by, policy_version, round, submitted_at, approved_at, sent_at, voided_at,
                            void_reason, left_out, created_at, updated_at
                     from invoices order by invoice_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "invoice_lines.csv",
        copy: "copy (select * from invoice_lines order by invoice_id, position, invoice_line_id)
                     to stdout with (format csv, header)",
    },
    ExportFile {
        name: "invoice_payments.csv",
        copy: "copy (select * from invoice_payments order by invoice_payment_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "invoice_counters.csv",
        copy: "copy (select * from invoice_counters order by series, counter_key) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "accounting_batches.csv",
        copy: "copy (select export_batch_id, target, period_from, period_to, mapping, created_by, created_at,
                            reexport_reason
                     from export_batches order by export_batch_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "accounting_batch_documents.csv",
        copy: "copy (select * from export_batch_documents order by export_batch_id, invoice_id, as_reversal)
                     to stdout with (format csv, header)",
    },
    ExportFile {
        name: "accounting_batch_payments.csv",
        copy: "copy (select * from export_batch_payments order by export_batch_id, invoice_payment_id)
                     to stdout with (format csv, header)",
    },
    ExportFile {
        name: "approval_policies.csv",
        copy: "copy (select * from approval_policies order by 1, 2) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "approval_decisions.csv",
        copy: "copy (select * from approval_decisions order by approval_decision_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "import_batches.csv",
        copy: "copy (select import_batch_id, file_name, uploaded_by, uploaded_at, imported_at, imported_count,
                            skipped_count, error_count
                     from import_batches order by import_batch_id) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "settings.csv",
        copy: "copy (select * from firm_settings order by setting_key) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "single_sign_on.csv",
        copy: "copy (select provider_name, issuer_url, client_id, allowed_domains, default_role, require_sso,
                            break_glass_email, updated_at
                     from sso_settings) to stdout with (format csv, header)",
    },
    ExportFile {
        name: "audit_log.csv",
        copy: "copy (select * from audit_events order by audit_event_id) to stdout with (format csv, header)",
    },
];

/// A file's rows, as CSV bytes in chunks.
pub async fn copy_out<'c>(
    tx: &'c mut TenantTx,
    file: &ExportFile,
) -> Result<BoxStream<'c, Result<Vec<u8>, sqlx::Error>>, sqlx::Error> {
    let rows = tx.conn().copy_out_raw(file.copy).await?;
    Ok(rows.map(|chunk| chunk.map(|bytes| bytes.to_vec())).boxed())
}

/// One receipt: the expense it belongs to, its type and its bytes.
pub struct ExportedReceipt {
    pub expense_id: i64,
    pub content_type: String,
    pub content: Vec<u8>,
}

impl ExportedReceipt {
    /// Its name in the export: `receipts/<expense id>.<extension>`.
    pub fn file_name(&self) -> String {
        let extension = match self.content_type.as_str() {
            "application/pdf" => "pdf",
            "image/png" => "png",
            "image/jpeg" => "jpg",
            "image/webp" => "webp",
            _ => "bin",
        };
        format!("receipts/{}.{extension}", self.expense_id)
    }
}

/// The receipts, one row at a time (each is at most 5 MiB).
pub fn receipts<'c>(tx: &'c mut TenantTx) -> BoxStream<'c, Result<ExportedReceipt, sqlx::Error>> {
    sqlx::query_as::<_, (i64, String, Vec<u8>)>(
        "select expense_id, content_type, content from expense_receipts order by expense_id",
    )
    .fetch(tx.conn())
    .map(|row| row.map(|(expense_id, content_type, content)| ExportedReceipt { expense_id, content_type, content }))
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_exported_file_reads_a_secret() {
        for file in EXPORT_FILES {
            for secret in
                ["password_hash", "token_hash", "client_secret", "account_tokens", "content from", "token_sha256"]
            {
                assert!(!file.copy.contains(secret), "{} reads {secret}", file.name);
            }
        }
    }

    #[test]
    fn every_file_has_its_own_name() {
        let mut names: Vec<&str> = EXPORT_FILES.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EXPORT_FILES.len());
    }

    #[test]
    fn a_receipt_is_named_after_its_expense_and_type() {
        let receipt = ExportedReceipt { expense_id: 42, content_type: "image/jpeg".into(), content: vec![1] };
        assert_eq!(receipt.file_name(), "receipts/42.jpg");
    }
}
