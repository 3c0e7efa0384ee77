//! What an approver's inbox loads for many documents at once. The inbox
//! used to ask, for each waiting week, expense or invoice, for its policy,
//! its decisions and what it touches — a round trip each, fifty a request
//! under `make bench`, where the database's own work was a few
//! milliseconds. These load the same things for every waiting document in
//! one statement, so an inbox costs the same handful of round trips
//! however long it is.

use super::policies::{policy_version, scope_names};
use crate::access::Role;
use crate::db::TenantTx;
use crate::workflow::{Decision, DocumentKind, Policy, ScopeNames};
use std::collections::HashMap;
use time::OffsetDateTime;

/// The policy versions an inbox's documents were submitted under, each
/// read once with the names its rules mention.
pub(super) struct Policies {
    kind: DocumentKind,
    loaded: Vec<(Policy, ScopeNames)>,
}

impl Policies {
    pub(super) fn of(kind: DocumentKind) -> Self {
        Self { kind, loaded: Vec::new() }
    }

    /// The policy `version` names, or `None` when there is none (a
    /// document that was never submitted).
    pub(super) async fn version(
        &mut self,
        tx: &mut TenantTx,
        version: Option<i32>,
    ) -> Result<Option<&(Policy, ScopeNames)>, sqlx::Error> {
        let Some(version) = version.and_then(|v| u32::try_from(v).ok()) else { return Ok(None) };
        if !self.loaded.iter().any(|(p, _)| p.version == version) {
            let Some(policy) = policy_version(tx, self.kind, version).await? else { return Ok(None) };
            let scopes = scope_names(tx, &policy.rules).await?;
            self.loaded.push((policy, scopes));
        }
        Ok(self.loaded.iter().find(|(p, _)| p.version == version))
    }
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    document_id: i64,
    decided_by: i64,
    role: String,
    approve: bool,
    comment: String,
    decided_at: OffsetDateTime,
}

/// The decisions of each document's current round, oldest first, by
/// document id. `docs` are (document id, round).
pub(super) async fn current_decisions(
    tx: &mut TenantTx,
    kind: DocumentKind,
    docs: &[(i64, i32)],
) -> Result<HashMap<i64, Vec<Decision>>, sqlx::Error> {
    let (ids, rounds): (Vec<i64>, Vec<i32>) = docs.iter().copied().unzip();
    let rows: Vec<DecisionRow> = sqlx::query_as(
        "select d.document_id, d.decided_by, d.role, d.approve, d.comment, d.decided_at
         from unnest($2::int8[], $3::int4[]) as w(document_id, round)
         join approval_decisions d on d.document_id = w.document_id and d.round = w.round
         where d.document_kind = $1
         order by d.approval_decision_id",
    )
    .bind(super::policies::kind_str(kind))
    .bind(&ids)
    .bind(&rounds)
    .fetch_all(tx.conn())
    .await?;
    let mut by_document: HashMap<i64, Vec<Decision>> = HashMap::new();
    for row in rows {
        by_document.entry(row.document_id).or_default().push(Decision {
            by: row.decided_by,
            role: Role::parse(&row.role).unwrap_or(Role::Employee),
            approve: row.approve,
            comment: row.comment,
            at: row.decided_at,
        });
    }
    Ok(by_document)
}

/// The decisions of one document's current round, oldest first.
pub(super) async fn round_decisions(
    tx: &mut TenantTx,
    kind: DocumentKind,
    document_id: i64,
    round: i32,
) -> Result<Vec<Decision>, sqlx::Error> {
    Ok(current_decisions(tx, kind, &[(document_id, round)]).await?.remove(&document_id).unwrap_or_default())
}
