//! How long migrations take with many firms: provision N firms (default
//! 1,000; `PESPRO_BENCH_TENANTS` to change) with empty schemas, bring every
//! schema to the current tenant migrations, run again with nothing to do,
//! add one migration (what a release usually brings: a column) and run it
//! over every firm, then provision N more firms the normal way (schema
//! migrated as part of provisioning). Uses a private, durable PostgreSQL
//! cluster in a temporary directory and the same pool size as the server's
//! default. Run: `make bench-migrations`.

use futures::StreamExt;
use pespro::brand::{DEFAULT_ACCENT, DEFAULT_PRIMARY, DisplayName};
use pespro::db::Database;
use pespro::db::embedded::{ClusterOptions, EmbeddedPostgres};
use pespro::migrate::{Migration, MigrationSet, migrate_platform, migrate_tenants};
use pespro::slug::TenantSlug;
use pespro::tenancy::{NewTenant, create_tenant_with};
use std::time::Instant;

const POOL: u32 = 16;

fn main() {
    let count: usize = std::env::var("PESPRO_BENCH_TENANTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let base_dir = std::env::temp_dir().join(format!("pespro-bench-{}", std::process::id()));
    let mut cluster = EmbeddedPostgres::start(&ClusterOptions { base_dir: base_dir.clone(), durable: true })
        .expect("start PostgreSQL");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(run(&cluster, count));
    drop(runtime);
    cluster.stop();
    let _ = std::fs::remove_dir_all(base_dir);
}

async fn run(cluster: &EmbeddedPostgres, count: usize) {
    let options = cluster.ensure_app_database().await.expect("application database");
    let db = Database::connect(options.clone(), POOL).await.expect("connect");
    migrate_platform(&db, MigrationSet::platform()).await.expect("platform migrations");

    let started = Instant::now();
    provision_many(&db, 0..count, &MigrationSet::tenant().up_to(0)).await;
    let bare = started.elapsed();

    let started = Instant::now();
    let full = migrate_tenants(&db, MigrationSet::tenant(), &|_| {}).await.expect("full run");
    let full_time = started.elapsed();
    assert_eq!((full.migrated.len(), full.failed.len()), (count, 0));

    let started = Instant::now();
    let noop = migrate_tenants(&db, MigrationSet::tenant(), &|_| {}).await.expect("no-op run");
    let noop_time = started.elapsed();
    assert_eq!(noop.pending, 0);

    let next = one_more_migration();
    let started = Instant::now();
    let release = migrate_tenants(&db, &next, &|_| {}).await.expect("one new migration");
    let release_time = started.elapsed();
    assert_eq!((release.migrated.len(), release.failed.len()), (count, 0));

    let started = Instant::now();
    provision_many(&db, count..2 * count, MigrationSet::tenant()).await;
    let provisioned = started.elapsed();

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let latest = MigrationSet::tenant().latest();
    println!("tenants: {count}, pool: {POOL}, cores: {cores}");
    println!("provision {count} firms, schema migrated as part of it: {:.1} s", provisioned.as_secs_f64());
    println!("provision {count} firms with empty schemas (row, role, schema): {:.1} s", bare.as_secs_f64());
    println!(
        "full migration over those {count} schemas ({latest} tenant migrations): {:.1} s",
        full_time.as_secs_f64()
    );
    println!("no-op migration run over {count} firms: {:.1} ms", noop_time.as_secs_f64() * 1000.0);
    println!("one new migration (a column) over {count} firms: {:.1} s", release_time.as_secs_f64());
    println!(
        "per firm: provisioning {:.0} ms, full migration {:.0} ms; one firm's schema holds {}",
        provisioned.as_secs_f64() * 1000.0 / count as f64,
        full_time.as_secs_f64() * 1000.0 / count as f64,
        objects_per_firm(&options).await
    );
    db.close().await;
}

/// Provisions firms `bench-<i>` for each i, as many at once as the pool allows.
async fn provision_many(db: &Database, ids: std::ops::Range<usize>, migrations: &MigrationSet) {
    let mut done = futures::stream::iter(ids)
        .map(|i| async move {
            let new = NewTenant {
                slug: TenantSlug::parse(&format!("bench-{i}")).unwrap(),
                display_name: DisplayName::parse(&format!("Bench Firm {i}")).unwrap(),
                admin_email: None,
                primary: DEFAULT_PRIMARY,
                accent: DEFAULT_ACCENT,
                logo: None,
                plan: pespro::flags::Plan::Team,
            };
            create_tenant_with(db, &new, migrations).await.expect("provision")
        })
        .buffer_unordered(POOL as usize);
    while done.next().await.is_some() {}
}

/// The current tenant migrations and one more, as a release adds them.
fn one_more_migration() -> MigrationSet {
    let mut migrations: Vec<Migration> = MigrationSet::tenant().iter().cloned().collect();
    let version = migrations.len() as i32 + 1;
    migrations.push(Migration::new(version, "bench_column", "alter table clients add column bench_note text"));
    MigrationSet::new(migrations)
}

/// What PostgreSQL creates for every firm: most of a firm's provisioning
/// time is spent making these catalog entries and files, one by one.
async fn objects_per_firm(options: &sqlx::postgres::PgConnectOptions) -> String {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect_with(options).await.expect("connect");
    let (tables, indexes, toast, sequences, constraints, triggers): (i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "with s as (select schema_name::regnamespace as oid from platform.tenants order by tenant_id limit 1)
             select (select count(*) from pg_class, s where relnamespace = s.oid and relkind = 'r'),
                    (select count(*) from pg_class, s where relnamespace = s.oid and relkind = 'i'),
                    (select count(*) from pg_class c, s where c.relnamespace = s.oid and c.reltoastrelid <> 0),
                    (select count(*) from pg_class, s where relnamespace = s.oid and relkind = 'S'),
                    (select count(*) from pg_constraint, s where connamespace = s.oid),
                    (select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid, s where c.relnamespace = s.oid)",
        )
        .fetch_one(&mut conn)
        .await
        .expect("catalog counts");
    format!(
        "{tables} tables, {indexes} indexes, {toast} TOAST tables (each with its index), {sequences} sequences, \
         {constraints} constraints, {triggers} triggers (foreign keys' included)"
    )
}
