//! Creating a firm is all or nothing: its row, role, schema, migrations and
//! default settings appear together, or not at all.

use crate::helpers::{fresh_database, new_firm};
use pespro::migrate::{Migration, MigrationSet};
use pespro::tenancy::{ProvisionError, create_tenant, create_tenant_with};

#[tokio::test]
async fn a_new_firm_gets_its_schema_role_migrations_and_default_settings() {
    let test = fresh_database().await;

    let id = create_tenant(&test.db, &new_firm("alpha")).await.unwrap();

    let mut raw = test.raw().await;
    let (schema, role, version): (String, String, i32) =
        sqlx::query_as("select schema_name, role_name, schema_version from platform.tenants where tenant_id = $1")
            .bind(id.0)
            .fetch_one(&mut raw)
            .await
            .unwrap();
    assert_eq!(schema, format!("tenant_{id}"));
    assert_eq!(version, MigrationSet::tenant().latest());
    let (owner, can_login): (String, bool) = sqlx::query_as(
        "select pg_get_userbyid(n.nspowner)::text, r.rolcanlogin
         from pg_namespace n join pg_roles r on r.rolname = $2 where n.nspname = $1",
    )
    .bind(&schema)
    .bind(&role)
    .fetch_one(&mut raw)
    .await
    .unwrap();
    assert_eq!(owner, role, "the firm's role owns its schema");
    assert!(!can_login, "nobody logs in as a firm");
    let recorded: Vec<(i32, String)> = sqlx::query_as(
        "select version, checksum from platform.tenant_migrations where tenant_id = $1 and finished_at is not null order by 1",
    )
    .bind(id.0)
    .fetch_all(&mut raw)
    .await
    .unwrap();
    let expected: Vec<(i32, String)> = MigrationSet::tenant().iter().map(|m| (m.version, m.checksum.clone())).collect();
    assert_eq!(recorded, expected);
    let settings: i64 =
        sqlx::query_scalar(&format!("select count(*) from {schema}.firm_settings")).fetch_one(&mut raw).await.unwrap();
    assert!(settings >= 3, "default settings were written");
}

#[tokio::test]
async fn a_taken_slug_is_refused_and_changes_nothing() {
    let test = fresh_database().await;
    create_tenant(&test.db, &new_firm("alpha")).await.unwrap();

    let second = create_tenant(&test.db, &new_firm("alpha")).await;

    assert!(matches!(second, Err(ProvisionError::SlugTaken(_))), "{second:?}");
    let firms: i64 =
        sqlx::query_scalar("select count(*) from platform.tenants").fetch_one(&mut test.raw().await).await.unwrap();
    assert_eq!(firms, 1);
}

#[tokio::test]
async fn a_firm_whose_migrations_fail_leaves_no_row_role_or_schema_behind() {
    let test = fresh_database().await;
    let broken = MigrationSet::new(vec![
        Migration::new(1, "fine", "create table fine (fine_id int)"),
        Migration::new(2, "broken", "select * from table_that_does_not_exist"),
    ]);
    let mut raw = test.raw().await;
    // Roles are cluster-wide and other tests create theirs in parallel: count
    // only this database's firm roles (their names carry its tag).
    let own_roles = "select count(*) from pg_roles
                     where rolname like 'pespro_' || substr(md5(current_database()), 1, 10) || '_t%'";
    let roles_before: i64 = sqlx::query_scalar(own_roles).fetch_one(&mut raw).await.unwrap();
    let schemas_before: i64 =
        sqlx::query_scalar("select count(*) from pg_namespace").fetch_one(&mut raw).await.unwrap();

    let result = create_tenant_with(&test.db, &new_firm("alpha"), &broken).await;

    match result {
        Err(ProvisionError::Migration { version, message }) => {
            assert_eq!(version, 2);
            assert!(message.contains("table_that_does_not_exist"), "{message}");
        }
        other => panic!("expected a migration failure, got {other:?}"),
    }
    let firms: i64 = sqlx::query_scalar("select count(*) from platform.tenants").fetch_one(&mut raw).await.unwrap();
    let roles_after: i64 = sqlx::query_scalar(own_roles).fetch_one(&mut raw).await.unwrap();
    let schemas_after: i64 = sqlx::query_scalar("select count(*) from pg_namespace").fetch_one(&mut raw).await.unwrap();
    assert_eq!((firms, roles_after, schemas_after), (0, roles_before, schemas_before));
    create_tenant(&test.db, &new_firm("alpha")).await.expect("the slug is free again");
}

#[tokio::test]
async fn firms_with_the_same_id_in_two_databases_get_different_roles() {
    let first = fresh_database().await;
    let second = fresh_database().await;

    let a = create_tenant(&first.db, &new_firm("alpha")).await.unwrap();
    let b = create_tenant(&second.db, &new_firm("alpha")).await.unwrap();

    assert_eq!(a, b, "both databases number their firms from 1");
}
