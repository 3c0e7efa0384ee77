//! `pespro serve` listens before it migrates the firms: while a firm's
//! migration waits (here, behind a lock the test holds), `/healthz` says the
//! process is alive, `/readyz` answers 503, and the firm shows its
//! maintenance page; once the migration is through, all three say so.

use crate::helpers::{fresh_database, new_firm};
use pespro::migrate::MigrationSet;
use pespro::tenancy::create_tenant_with;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pespro");

async fn get(port: u16, host: &str, path: &str) -> Option<(u16, String)> {
    let response = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}{path}"))
        .header("host", host)
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    Some((response.status().as_u16(), response.text().await.ok()?))
}

async fn wait_for(port: u16, host: &str, path: &str, status: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some((code, body)) = get(port, host, path).await
            && code == status
        {
            return body;
        }
        assert!(Instant::now() < deadline, "{host}{path} never answered {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn readiness_waits_for_the_firms_migrations_while_the_process_answers() {
    let test = fresh_database().await;
    let behind = MigrationSet::tenant().up_to(MigrationSet::tenant().latest() - 1);
    create_tenant_with(&test.db, &new_firm("slowpoke"), &behind).await.unwrap();
    // The migration run records the firm's new version on its catalog row,
    // in the same transaction as the migration itself: holding that row
    // keeps the run open, whatever the last migration does.
    let mut holder = test.raw().await;
    sqlx::raw_sql("begin; select 1 from platform.tenants where slug = 'slowpoke' for update")
        .execute(&mut holder)
        .await
        .unwrap();
    let options = test.options();
    let url = format!(
        "postgres://pespro@localhost:5432/{}?host={}",
        options.get_database().unwrap(),
        options.get_socket().unwrap().display()
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let data_dir = std::env::temp_dir().join(format!("pespro-readiness-{}", std::process::id()));
    let mut server = Command::new(BIN)
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("PESPRO_DATA_DIR", &data_dir)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();

    wait_for(port, "anything.localhost", "/healthz", 200).await;
    let waiting = get(port, "anything.localhost", "/readyz").await;
    let firm_waiting = get(port, "slowpoke.localhost", "/sign-in").await;
    sqlx::raw_sql("rollback").execute(&mut holder).await.unwrap();
    let ready = wait_for(port, "anything.localhost", "/readyz", 200).await;
    let firm_ready = wait_for(port, "slowpoke.localhost", "/sign-in", 200).await;
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&data_dir);

    let (status, body) = waiting.expect("the process answers while migrating");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("\"startup_migrations_done\":false"), "{body}");
    let (status, page) = firm_waiting.unwrap();
    assert_eq!(status, 503, "the firm behind shows its maintenance page: {page}");
    assert!(ready.contains("\"ready\":true"), "{ready}");
    assert!(firm_ready.contains("Sign in"));
}
