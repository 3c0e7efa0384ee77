//! Asking DNS about stored domains and recording what it said: "Check now"
//! for one firm's domain, and the background check that works through the
//! due ones. Each domain is checked in its own transaction holding its row
//! (`for update`; the background takes only rows nobody holds, `skip
//! locked`), so several server processes share the queue and never check
//! one domain twice at once. A status change fires the catalog's trigger
//! and every process serves, or stops serving, the domain.

use super::lifecycle::{AfterCheck, CheckPolicy, DomainState, DomainStatus, after_check};
use super::proof::{EdgeTarget, Finding, challenge_value, judge};
use super::resolve::DomainResolver;
use crate::db::Database;
use crate::tenant::TenantId;
use sqlx::{PgConnection, Postgres, Transaction};
use std::time::Duration;

/// What checking needs: where DNS is asked, what it must say, how often.
#[derive(Debug, Clone)]
pub struct DomainChecks {
    pub resolver: DomainResolver,
    pub edge: EdgeTarget,
    pub policy: CheckPolicy,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    hostname: String,
    tenant_id: i64,
    status: String,
    token: Option<String>,
    attempts: i32,
    unproven_secs: f64,
}

const DUE_COLUMNS: &str = "hostname, tenant_id, status, token, attempts,
    coalesce(extract(epoch from now() - unproven_since), 0)::float8 as unproven_secs";

/// The reason shown when another firm proved the name first.
pub const TAKEN_REASON: &str = "Another firm on PesPro proved this domain first.";

impl DomainChecks {
    /// Checks one of `firm`'s domains now; its status after, or `None`
    /// when it has no such domain (or one an operator vouched for).
    pub async fn check_now(
        &self,
        db: &Database,
        firm: TenantId,
        host: &str,
    ) -> Result<Option<DomainStatus>, sqlx::Error> {
        let mut tx = db.pool().begin().await?;
        let row: Option<DueRow> = sqlx::query_as(&format!(
            "select {DUE_COLUMNS} from platform.tenant_hostnames
             where tenant_id = $1 and hostname = $2 and added_by = 'firm' for update"
        ))
        .bind(firm.0)
        .bind(host)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let status = self.check_row(&mut tx, row).await?;
        tx.commit().await?;
        Ok(Some(status))
    }

    /// Checks every domain that is due, each in its own transaction; how
    /// many were checked. Bounded per call, so one pass never runs long.
    pub async fn check_due(&self, db: &Database, at_most: usize) -> Result<usize, sqlx::Error> {
        for done in 0..at_most {
            let mut tx = db.pool().begin().await?;
            let row: Option<DueRow> = sqlx::query_as(&format!(
                "select {DUE_COLUMNS} from platform.tenant_hostnames
                 where added_by = 'firm' and next_check_at <= now()
                 order by next_check_at limit 1 for update skip locked"
            ))
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else { return Ok(done) };
            self.check_row(&mut tx, row).await?;
            tx.commit().await?;
        }
        Ok(at_most)
    }

    /// Keeps checking due domains until the returned future is dropped.
    pub async fn run(self, db: Database, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match self.check_due(&db, 100).await {
                Ok(0) => {}
                Ok(checked) => tracing::info!(checked, "custom domains checked"),
                Err(error) => tracing::warn!(%error, "custom domain check failed; trying again later"),
            }
        }
    }

    async fn check_row(
        &self,
        tx: &mut Transaction<'static, Postgres>,
        row: DueRow,
    ) -> Result<DomainStatus, sqlx::Error> {
        let Some(token) = &row.token else { return Ok(DomainStatus::Verified) };
        let answers = self.resolver.answers(&row.hostname).await;
        let finding = judge(&answers, &challenge_value(token), &self.edge);
        let state = DomainState {
            status: DomainStatus::parse(&row.status).unwrap_or(DomainStatus::Failed),
            attempts: u32::try_from(row.attempts).unwrap_or(0),
            unproven_for: Duration::from_secs_f64(row.unproven_secs.max(0.0)),
        };
        let after = after_check(state, &finding, &self.policy);
        let reason = finding.reason(&row.hostname, &self.edge);
        if after.status.serves() && !state.status.serves() {
            // Whoever proves a name first is served on it; the index on
            // served names decides a race between two proofs.
            let mut attempt = sqlx::Connection::begin(&mut **tx).await?;
            match record(&mut attempt, &row, &after, reason.as_deref()).await {
                Ok(()) => {
                    attempt.commit().await?;
                    return Ok(after.status);
                }
                Err(e) if e.as_database_error().and_then(|d| d.code()).is_some_and(|c| c == "23505") => {
                    attempt.rollback().await?;
                    let taken =
                        AfterCheck { status: DomainStatus::Failed, attempts: 0, proven: false, next_check_in: None };
                    record(tx, &row, &taken, Some(TAKEN_REASON)).await?;
                    return Ok(DomainStatus::Failed);
                }
                Err(e) => return Err(e),
            }
        }
        if let Finding::LookupFailed(why) = &finding {
            tracing::info!(tenant.id = row.tenant_id, domain = %row.hostname, why = %why, "DNS did not answer");
        }
        record(tx, &row, &after, reason.as_deref()).await?;
        Ok(after.status)
    }
}

async fn record(
    conn: &mut PgConnection,
    row: &DueRow,
    after: &AfterCheck,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update platform.tenant_hostnames
         set status = $3, attempts = $4, reason = $5, checked_at = now(),
             unproven_since = case when $6 then null else coalesce(unproven_since, now()) end,
             next_check_at = now() + make_interval(secs => $7)
         where hostname = $1 and tenant_id = $2",
    )
    .bind(&row.hostname)
    .bind(row.tenant_id)
    .bind(after.status.as_str())
    .bind(i32::try_from(after.attempts).unwrap_or(i32::MAX))
    .bind(reason)
    .bind(after.proven)
    // null seconds make a null time: no automatic check.
    .bind(after.next_check_in.map(|wait| wait.as_secs_f64()))
    .execute(conn)
    .await?;
    Ok(())
}

/// The edge forwarded an HTTPS request for `host`: it holds a certificate
/// for it, so a verified domain is now active. Idempotent.
pub async fn certificate_seen(db: &Database, firm: TenantId, host: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update platform.tenant_hostnames set status = $3
         where tenant_id = $1 and hostname = $2 and status = 'verified'",
    )
    .bind(firm.0)
    .bind(host)
    .bind(super::lifecycle::after_certificate(DomainStatus::Verified).as_str())
    .execute(db.pool())
    .await?;
    Ok(())
}
