//! `pespro serve`: load the firms, listen, migrate them (ready once done),
//! and stop cleanly on SIGINT or SIGTERM (requests in flight finish; the embedded database is
//! stopped by `main` afterwards).

use super::{fail, progress::Progress};
use crate::config::Config;
use crate::startup::Application;
use pespro::db::Database;
use pespro::migrate::{MigrationSet, migrate_tenants};
use std::process::ExitCode;
use std::time::Duration;

pub async fn run(config: &Config, db: Database, migrate: bool) -> ExitCode {
    let mut config = config.clone();
    match config.sealing_key() {
        Ok(key) => config.secret_key = Some(key),
        Err(e) => return fail(e),
    }
    let config = &config;
    let app = match Application::build(config, db.clone()).await {
        Ok(app) => app,
        Err(e) => return fail(format_args!("loading firms failed: {e}")),
    };
    let listener = match tokio::net::TcpListener::bind(config.leptos.site_addr).await {
        Ok(listener) => listener,
        Err(e) => {
            return fail(format_args!("cannot listen on {}: {e} (set LEPTOS_SITE_ADDR)", config.leptos.site_addr));
        }
    };
    tracing::info!(
        address = %config.leptos.site_addr,
        tenants = app.state().registry.len(),
        "listening; firms answer on http://<slug>.{}:{}/",
        config.hosts.base_domain(),
        config.leptos.site_addr.port()
    );
    // Listening before the firms are migrated: `/healthz` answers at once
    // (the process is alive), `/readyz` says 503 until the run is done, and
    // each firm still behind shows its maintenance page until its schema
    // is current (the registry follows the version as it changes).
    let state = app.state().clone();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.serve(listener, async {
        let _ = stop_rx.await;
    }));
    if migrate && let Err(e) = migrate_firms(&db).await {
        let _ = stop_tx.send(());
        return fail(e);
    }
    state.migrations_done.store(true, std::sync::atomic::Ordering::Release);
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight");
    let _ = stop_tx.send(());
    // Browsers holding connections open must not keep the process alive.
    match tokio::time::timeout(Duration::from_secs(10), server).await {
        Ok(Ok(Ok(()))) => ExitCode::SUCCESS,
        Ok(Ok(Err(e))) => fail(format_args!("server error: {e}")),
        Ok(Err(e)) => fail(format_args!("server task failed: {e}")),
        Err(_) => {
            tracing::warn!("requests still open after 10 s; stopping anyway");
            ExitCode::SUCCESS
        }
    }
}

/// Brings every firm's schema up to date; a firm whose migration fails
/// keeps its maintenance page, the others are served.
async fn migrate_firms(db: &Database) -> Result<(), pespro::migrate::MigrateError> {
    let progress = Progress::new("tenant schemas migrated");
    let report = migrate_tenants(db, MigrationSet::tenant(), &progress.callback()).await?;
    progress.finish();
    for failure in &report.failed {
        tracing::error!(tenant.id = %failure.tenant_id, tenant.slug = %failure.slug,
            "serving a maintenance page for this firm until its migration succeeds");
    }
    Ok(())
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}
