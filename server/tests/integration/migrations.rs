//! The coordinated migration run: every firm in its own transaction, one
//! firm's failure isolated and recorded, re-runs resuming, edits refused.

use crate::helpers::{fresh_database, new_firm};
use pespro::migrate::{MigrateError, Migration, MigrationSet, ProgressEvent, migrate_platform, migrate_tenants};
use pespro::tenancy::create_tenant_with;
use std::sync::Mutex;

/// Version 2 fails in any firm whose settings contain `break_me`.
fn two_step_set(second_sql: &str) -> MigrationSet {
    MigrationSet::new(vec![
        Migration::new(1, "base", "create table firm_settings (setting_key text primary key, value jsonb not null)"),
        Migration::new(2, "second", second_sql),
    ])
}

const FAILS_FOR_MARKED_FIRMS: &str = "
    create table notes (note_id int primary key);
    do $$ begin
        if exists (select from firm_settings where setting_key = 'break_me') then
            raise exception 'this firm is marked to fail';
        end if;
    end $$;";

#[tokio::test]
async fn the_platform_migration_run_is_a_no_op_the_second_time() {
    let test = fresh_database().await;

    let applied = migrate_platform(&test.db, MigrationSet::platform()).await.unwrap();

    assert_eq!(applied, 0, "fresh_database already migrated the platform");
}

#[tokio::test]
async fn a_failing_firm_is_reported_keeps_its_schema_and_resumes_on_the_next_run() {
    let test = fresh_database().await;
    let target = two_step_set(FAILS_FOR_MARKED_FIRMS);
    for slug in ["alpha", "beta", "gamma"] {
        create_tenant_with(&test.db, &new_firm(slug), &target.up_to(1)).await.unwrap();
    }
    let beta_schema = test.schema_of("beta").await;
    let mut raw = test.raw().await;
    sqlx::query(&format!("insert into {beta_schema}.firm_settings values ('break_me', 'true')"))
        .execute(&mut raw)
        .await
        .unwrap();
    let events = Mutex::new(Vec::new());

    let report = migrate_tenants(&test.db, &target, &|e| events.lock().unwrap().push(e)).await.unwrap();

    assert_eq!(report.pending, 3);
    let mut migrated = report.migrated.clone();
    migrated.sort();
    assert_eq!(migrated, ["alpha", "gamma"]);
    assert_eq!(report.failed.len(), 1);
    assert_eq!((report.failed[0].slug.as_str(), report.failed[0].version), ("beta", 2));
    assert!(report.failed[0].error.contains("marked to fail"), "{}", report.failed[0].error);
    let events = events.into_inner().unwrap();
    assert!(matches!(events[0], ProgressEvent::Started { total: 3 }));
    assert_eq!(events.len(), 4);

    let (version, notes_exists): (i32, bool) = sqlx::query_as(
        "select schema_version, to_regclass(schema_name || '.notes') is not null from platform.tenants where slug = 'beta'",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap();
    assert_eq!((version, notes_exists), (1, false), "beta's failed step left nothing half-applied");
    let (finished, error): (Option<time::OffsetDateTime>, Option<String>) = sqlx::query_as(
        "select m.finished_at, m.error from platform.tenant_migrations m
         join platform.tenants t using (tenant_id) where t.slug = 'beta' and m.version = 2",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap();
    assert!(finished.is_none());
    assert!(error.unwrap().contains("marked to fail"));

    sqlx::query(&format!("delete from {beta_schema}.firm_settings where setting_key = 'break_me'"))
        .execute(&mut raw)
        .await
        .unwrap();
    let resumed = migrate_tenants(&test.db, &target, &|_| {}).await.unwrap();
    assert_eq!((resumed.pending, resumed.migrated.as_slice(), resumed.failed.len()), (1, &["beta".to_owned()][..], 0));

    let third = migrate_tenants(&test.db, &target, &|_| {}).await.unwrap();
    assert_eq!(third.pending, 0, "nothing left to do");
}

#[tokio::test]
async fn two_runs_at_once_migrate_each_firm_exactly_once() {
    let test = fresh_database().await;
    let target = two_step_set("create table notes (note_id int primary key)");
    for i in 0..8 {
        create_tenant_with(&test.db, &new_firm(&format!("firm-{i}")), &target.up_to(1)).await.unwrap();
    }

    let (first, second) =
        tokio::join!(migrate_tenants(&test.db, &target, &|_| {}), migrate_tenants(&test.db, &target, &|_| {}),);

    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(first.failed.is_empty() && second.failed.is_empty(), "{:?} {:?}", first.failed, second.failed);
    let behind: i64 = sqlx::query_scalar("select count(*) from platform.tenants where schema_version <> 2")
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(behind, 0);
}

#[tokio::test]
async fn a_migration_edited_after_it_was_applied_is_refused() {
    let test = fresh_database().await;
    let original = two_step_set("create table notes (note_id int primary key)");
    create_tenant_with(&test.db, &new_firm("alpha"), &original).await.unwrap();
    let edited = two_step_set("create table notes (note_id bigint primary key)");

    let result = migrate_tenants(&test.db, &edited, &|_| {}).await;

    assert!(matches!(result, Err(MigrateError::Edited { version: 2, .. })), "{result:?}");
}

#[tokio::test]
async fn a_database_ahead_of_this_build_is_refused() {
    let test = fresh_database().await;
    let newer = two_step_set("create table notes (note_id int primary key)");
    create_tenant_with(&test.db, &new_firm("alpha"), &newer).await.unwrap();

    let result = migrate_tenants(&test.db, &newer.up_to(1), &|_| {}).await;

    assert!(matches!(result, Err(MigrateError::Unknown { version: 2, .. })), "{result:?}");
}
