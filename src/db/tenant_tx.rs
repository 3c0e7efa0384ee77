//! The tenant transaction: the only way to reach a firm's tables.
//!
//! It starts with the equivalent of `set local role <firm role>` and
//! `set local search_path` to the firm's schema. From then on PostgreSQL itself checks every
//! statement against the firm's role, which owns its schema and has no
//! privilege anywhere else: a bug that names another firm's table gets a
//! permission error, not data. Both settings are `local`, so they end with
//! the transaction and a pooled connection goes back clean — even when the
//! transaction is dropped without commit.

use super::quote_ident;
use crate::tenant::TenantId;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

/// What it takes to enter a firm's schema. Only the tenancy module builds one,
/// from the platform's own records, so a handle always names a real firm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantHandle {
    tenant_id: TenantId,
    schema_name: String,
    role_name: String,
}

impl TenantHandle {
    pub(crate) fn new(tenant_id: TenantId, schema_name: String, role_name: String) -> Self {
        Self { tenant_id, schema_name, role_name }
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant_id
    }

    pub(crate) fn schema_name(&self) -> &str {
        &self.schema_name
    }

    pub(crate) fn role_name(&self) -> &str {
        &self.role_name
    }

    /// Confines the current transaction to this firm: `set local role` and
    /// `set local search_path`, as `set_config(.., is_local => true)` so the
    /// names travel as bind parameters rather than SQL text.
    pub(crate) async fn enter(&self, conn: &mut PgConnection) -> Result<(), sqlx::Error> {
        sqlx::query("select set_config('role', $1, true), set_config('search_path', $2, true)")
            .bind(&self.role_name)
            .bind(quote_ident(&self.schema_name))
            .execute(conn)
            .await
            .map(drop)
    }
}

pub struct TenantTx {
    tx: Transaction<'static, Postgres>,
    tenant_id: TenantId,
    /// Tables this transaction wrote of which processes keep copies in
    /// memory (`firm_data`): the reported caches drop the firm's copy
    /// the moment the transaction commits.
    wrote: Vec<&'static str>,
    report_to: Option<(crate::firm_data::FirmData, TenantHandle)>,
}

impl TenantTx {
    pub(super) async fn begin(pool: &PgPool, tenant: &TenantHandle) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        tenant.enter(&mut tx).await?;
        Ok(Self { tx, tenant_id: tenant.tenant_id, wrote: Vec::new(), report_to: None })
    }

    /// Confines a transaction that has already done platform work to this
    /// firm, so that work and the firm's own (its audit entry) commit or
    /// fail together. Only the tenancy module does this, for the platform
    /// rows a firm owns (its branding), keyed by this handle's firm.
    pub(crate) async fn enter_after(
        mut tx: Transaction<'static, Postgres>,
        tenant: &TenantHandle,
    ) -> Result<Self, sqlx::Error> {
        tenant.enter(&mut tx).await?;
        Ok(Self { tx, tenant_id: tenant.tenant_id, wrote: Vec::new(), report_to: None })
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant_id
    }

    /// The connection, confined to this firm: whatever runs on it runs as the
    /// firm's role and cannot see another firm or the platform tables.
    pub fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Says that this transaction changed `table`, one whose data server
    /// processes keep in memory (`firm_data`). Every process hears of it by
    /// notification after the commit; the one reported to (the request's
    /// own, [`TenantTx::report_to`]) drops its copy before the commit
    /// returns, so whoever made a change never gets an answer from before
    /// it. Called by the functions that write those tables.
    pub fn wrote(&mut self, table: &'static str) {
        if !self.wrote.contains(&table) {
            self.wrote.push(table);
        }
    }

    /// The caches this transaction reports to and its firm, for reading
    /// from memory — unless it wrote one of `tables` itself: its own
    /// uncommitted change is not in any copy yet.
    pub fn cached_unless_written(&self, tables: &[&str]) -> Option<(crate::firm_data::FirmData, TenantHandle)> {
        if tables.iter().any(|table| self.wrote.contains(table)) {
            return None;
        }
        self.report_to.clone()
    }

    /// The caches of this process, to be told at commit what was written.
    pub fn report_to(mut self, data: crate::firm_data::FirmData, firm: &TenantHandle) -> Self {
        self.report_to = Some((data, firm.clone()));
        self
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        let Self { tx, wrote, report_to, .. } = self;
        tx.commit().await?;
        if let Some((data, firm)) = report_to {
            for table in wrote {
                data.changed_here(&firm, table);
            }
        }
        Ok(())
    }
}
