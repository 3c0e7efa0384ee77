//! What the benches over one firm share: a private, durable PostgreSQL
//! cluster in a temporary directory (removed afterwards), the platform
//! migrated, and one firm provisioned the normal way, so each bench states
//! only its own data and timings.

use pespro::brand::{DEFAULT_ACCENT, DEFAULT_PRIMARY, DisplayName};
use pespro::db::Database;
use pespro::db::embedded::{ClusterOptions, EmbeddedPostgres};
use pespro::migrate::{MigrationSet, migrate_platform};
use pespro::slug::TenantSlug;
use pespro::tenancy::{NewTenant, Tenant, TenantRegistry, create_tenant};
use std::sync::Arc;

/// `PESPRO_BENCH_RUNS`, else `default`: how many timed repetitions.
pub fn runs(default: usize) -> usize {
    std::env::var("PESPRO_BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(default).max(1)
}

/// Runs `bench` with a pool of `pool` connections to a fresh cluster and
/// the firm `slug` (named `name`, on the Team plan) provisioned in it.
pub fn with_firm<F>(slug: &str, name: &str, pool: u32, bench: impl FnOnce(Database, Arc<Tenant>) -> F)
where
    F: Future<Output = ()>,
{
    let base_dir = std::env::temp_dir().join(format!("pespro-{slug}-{}", std::process::id()));
    let mut cluster = EmbeddedPostgres::start(&ClusterOptions { base_dir: base_dir.clone(), durable: true })
        .expect("start PostgreSQL");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let options = cluster.ensure_app_database().await.expect("application database");
        let db = Database::connect(options, pool).await.expect("connect");
        migrate_platform(&db, MigrationSet::platform()).await.expect("platform migrations");
        let new = NewTenant {
            slug: TenantSlug::parse(slug).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            admin_email: None,
            primary: DEFAULT_PRIMARY,
            accent: DEFAULT_ACCENT,
            logo: None,
            plan: pespro::flags::Plan::Team,
        };
        create_tenant(&db, &new).await.expect("provision");
        let tenant = TenantRegistry::load(&db).await.unwrap().by_slug(slug).unwrap();
        bench(db, tenant).await;
    });
    drop(runtime);
    cluster.stop();
    let _ = std::fs::remove_dir_all(base_dir);
}
