//! Invoices waiting in an approver's inbox: every invoice awaiting approval
//! with its client, its lines' facts and its decisions in three statements
//! (see `practice::inbox_batch`), whatever the number waiting.

use super::super::approval_views::step_sentence;
use super::super::inbox_batch::{Policies, current_decisions};
use super::super::policies::hierarchy;
use super::approval_documents::{document_of, line_facts};
use super::{Header, InvoiceError};
use crate::access::Role;
use crate::db::TenantTx;
use crate::workflow::{DocumentKind, State, WorkflowError, pending_for, progress};

pub use crate::invoice::views::InvoiceWaiting;

#[derive(sqlx::FromRow)]
struct WaitingRow {
    #[sqlx(flatten)]
    header: Header,
    client_name: String,
}

/// Invoices waiting for `user_id` (holding `role`) to decide.
pub async fn invoice_inbox(tx: &mut TenantTx, user_id: i64, role: Role) -> Result<Vec<InvoiceWaiting>, InvoiceError> {
    let waiting: Vec<WaitingRow> = sqlx::query_as(
        "select i.invoice_id, i.kind, i.client_id, i.currency::text as currency, i.status, i.created_by,
                i.submitted_by, i.policy_version, i.round, i.total_minor, i.paid_minor, c.name as client_name
         from invoices i join clients c on c.client_id = i.client_id
         where i.status = 'awaiting_approval' and i.created_by <> $1 order by i.invoice_id",
    )
    .bind(user_id)
    .fetch_all(tx.conn())
    .await?;
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let formats = crate::practice::formats::firm_formats(tx).await?;
    let hierarchy = hierarchy(tx).await?;
    let names = super::super::people_names(tx).await?;
    let ids: Vec<i64> = waiting.iter().map(|w| w.header.invoice_id).collect();
    let mut facts = line_facts(tx, &ids).await?;
    let rounds: Vec<(i64, i32)> = waiting.iter().map(|w| (w.header.invoice_id, w.header.round)).collect();
    let mut decisions = current_decisions(tx, DocumentKind::Invoice, &rounds).await?;
    let mut policies = Policies::of(DocumentKind::Invoice);
    let mut items = Vec::new();
    for WaitingRow { header, client_name } in waiting {
        let (policy, scopes) = policies.version(tx, header.policy_version).await?.ok_or(WorkflowError::NotSubmitted)?;
        let submitter = header.submitted_by.unwrap_or(header.created_by);
        let doc = document_of(&header, submitter, &hierarchy, facts.remove(&header.invoice_id).unwrap_or_default());
        let so_far = decisions.remove(&header.invoice_id).unwrap_or_default();
        if pending_for(user_id, role, State::Submitted, &doc, policy, &so_far) {
            items.push(InvoiceWaiting {
                invoice_id: header.invoice_id,
                summary: format!("{client_name} · {}", formats.amount(header.total_minor, header.currency())),
                step: step_sentence(DocumentKind::Invoice, policy, scopes, &progress(&doc, policy, &so_far), &names),
            });
        }
    }
    Ok(items)
}
