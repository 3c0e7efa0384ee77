//! The firms, in memory, so that resolving a request's host costs a hash
//! lookup rather than a query. Every server process keeps its own copy and
//! reloads it when PostgreSQL announces a change (LISTEN/NOTIFY on
//! `pespro_tenants`, sent by triggers on the platform tables), which keeps
//! several processes in step without restarts.

use super::store::list_tenants;
use crate::brand::Theme;
use crate::db::{Database, TenantHandle};
use crate::flags::{FirmFlags, FlagValue, Plan};
use crate::host::HostTarget;
use crate::slug::TenantSlug;
use crate::tenant::{TenantId, TenantStatus};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

const CHANNEL: &str = "pespro_tenants";
/// A safety net: even if a notification were lost, changes show within this.
const FULL_RELOAD_EVERY: Duration = Duration::from_secs(60);
/// Bursts (a migration run touches every firm) are folded into one reload.
const SETTLE: Duration = Duration::from_millis(50);
const MAX_SETTLE: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct Tenant {
    pub id: TenantId,
    pub slug: TenantSlug,
    pub status: TenantStatus,
    pub theme: Theme,
    pub schema_version: i32,
    /// The custom domains it is served on (proven, or added by an operator).
    pub hostnames: Vec<String>,
    /// The one of them the firm chose for links and redirects.
    pub primary_host: Option<String>,
    /// Served hostnames not yet seen over HTTPS through the edge: the first
    /// such request shows a certificate was issued (`domains::check`).
    pub awaiting_certificate: Vec<String>,
    /// The tab icon the firm uploaded, if any (else its logo is used).
    pub icon: Option<crate::brand::LogoUrl>,
    /// What the firm pays for (see `pespro::flags`).
    pub plan: Plan,
    /// PesPro staff's overrides for this firm, by flag key.
    pub flag_overrides: HashMap<String, FlagValue>,
    pub(super) handle: TenantHandle,
}

impl Tenant {
    /// The key to this firm's schema, for [`Database::tenant_tx`].
    pub fn handle(&self) -> &TenantHandle {
        &self.handle
    }

    /// Every flag for this firm, given its own settings (read from its
    /// `firm_settings` in the request's transaction).
    pub fn flags(&self, firm_settings: &HashMap<String, FlagValue>) -> FirmFlags {
        FirmFlags::resolve(&self.id.to_string(), self.plan, &self.flag_overrides, firm_settings)
    }
}

#[derive(Default)]
struct Snapshot {
    by_slug: HashMap<String, Arc<Tenant>>,
    by_host: HashMap<String, Arc<Tenant>>,
}

#[derive(Clone, Default)]
pub struct TenantRegistry {
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
}

impl TenantRegistry {
    pub async fn load(db: &Database) -> Result<Self, sqlx::Error> {
        let registry = Self::default();
        registry.reload(db).await?;
        Ok(registry)
    }

    /// Replaces the snapshot with the database's current list; returns its size.
    pub async fn reload(&self, db: &Database) -> Result<usize, sqlx::Error> {
        let mut next = Snapshot::default();
        for tenant in list_tenants(db).await? {
            let tenant = Arc::new(tenant);
            for host in &tenant.hostnames {
                next.by_host.insert(host.clone(), tenant.clone());
            }
            next.by_slug.insert(tenant.slug.as_str().to_owned(), tenant);
        }
        let count = next.by_slug.len();
        *self.snapshot.write().expect("registry lock poisoned") = Arc::new(next);
        Ok(count)
    }

    fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().expect("registry lock poisoned").clone()
    }

    pub fn resolve(&self, target: &HostTarget) -> Option<Arc<Tenant>> {
        let snapshot = self.current();
        match target {
            HostTarget::Admin => None,
            HostTarget::Subdomain(slug) => snapshot.by_slug.get(slug.as_str()).cloned(),
            HostTarget::Custom(host) => snapshot.by_host.get(host).cloned(),
        }
    }

    pub fn by_slug(&self, slug: &str) -> Option<Arc<Tenant>> {
        self.current().by_slug.get(slug).cloned()
    }

    /// Every firm, by slug: the staff console's list.
    pub fn all(&self) -> Vec<Arc<Tenant>> {
        let mut firms: Vec<Arc<Tenant>> = self.current().by_slug.values().cloned().collect();
        firms.sort_by(|a, b| a.slug.as_str().cmp(b.slug.as_str()));
        firms
    }

    pub fn len(&self) -> usize {
        self.current().by_slug.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Keeps the registry current until the returned future is dropped.
    /// Reconnects on its own; reloads after every (re)subscription, so
    /// changes made while it was not listening are never missed.
    pub async fn follow_changes(self, db: Database) {
        loop {
            match self.listen_once(&db).await {
                Ok(()) => tracing::warn!("tenant change listener lost its connection; subscribing again"),
                Err(e) => {
                    tracing::warn!(error = %e, "tenant change listener lost its connection; retrying")
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, db: &Database) -> Result<(), sqlx::Error> {
        let mut listener = db.listener(&[CHANNEL]).await?;
        self.reload_logged(db).await;
        let mut full = tokio::time::interval(FULL_RELOAD_EVERY);
        full.tick().await;
        loop {
            tokio::select! {
                // `try_recv` says when the connection was lost (what `recv`
                // would hide by reconnecting): subscribe afresh, then reload.
                received = listener.try_recv() => {
                    if received?.is_none() {
                        return Ok(());
                    }
                    let deadline = tokio::time::Instant::now() + MAX_SETTLE;
                    while tokio::time::Instant::now() < deadline {
                        match tokio::time::timeout(SETTLE, listener.try_recv()).await {
                            Ok(more) => {
                                if more?.is_none() {
                                    return Ok(());
                                }
                            }
                            Err(_quiet) => break,
                        }
                    }
                }
                _ = full.tick() => {}
            }
            self.reload_logged(db).await;
        }
    }

    async fn reload_logged(&self, db: &Database) {
        match self.reload(db).await {
            Ok(count) => tracing::debug!(tenants = count, "tenant registry reloaded"),
            Err(e) => {
                tracing::warn!(error = %e, "tenant registry reload failed; keeping the previous list")
            }
        }
    }
}
