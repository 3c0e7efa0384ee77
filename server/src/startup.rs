//! Building and running the application. `pespro serve` and the integration
//! tests go through the same functions, so the tests exercise the real router,
//! middleware and state.

use crate::config::{Config, DatabaseSource};
use crate::{health, host_middleware};
use app::{App, shell};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use pespro::db::Database;
use pespro::db::embedded::EmbeddedPostgres;
use pespro::host::HostRules;
use pespro::tenancy::TenantRegistry;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::task::JoinHandle;

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub registry: TenantRegistry,
    pub hosts: HostRules,
    pub trust_proxy: bool,
    pub leptos: LeptosOptions,
    /// Set once the startup migration run has finished (see `/readyz`).
    pub migrations_done: Arc<AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Embedded(#[from] pespro::db::embedded::EmbeddedError),
    #[error(
        "cannot use PostgreSQL at DATABASE_URL: {0}. Fix DATABASE_URL, or unset it to use the embedded database"
    )]
    External(sqlx::Error),
    #[error("the embedded PostgreSQL started but refused the connection: {0}")]
    EmbeddedConnect(sqlx::Error),
}

/// Connects to the configured database: DATABASE_URL, or the embedded
/// cluster the caller started (see `main.rs`).
pub async fn connect(
    config: &Config,
    embedded: Option<&EmbeddedPostgres>,
) -> Result<Database, ConnectError> {
    match (&config.database, embedded) {
        (DatabaseSource::Url(url), _) => {
            let options = url.parse().map_err(ConnectError::External)?;
            Database::connect(options, config.max_connections)
                .await
                .map_err(ConnectError::External)
        }
        (DatabaseSource::Embedded { .. }, Some(cluster)) => {
            let options = cluster
                .ensure_app_database()
                .await
                .map_err(ConnectError::EmbeddedConnect)?;
            Database::connect(options, config.max_connections)
                .await
                .map_err(ConnectError::EmbeddedConnect)
        }
        (DatabaseSource::Embedded { .. }, None) => {
            unreachable!("main starts the embedded cluster before connecting")
        }
    }
}

pub struct Application {
    state: AppState,
    follower: JoinHandle<()>,
}

impl Application {
    /// Loads the firms and starts following changes to them. The platform
    /// schema must already be migrated.
    pub async fn build(config: &Config, db: Database) -> Result<Self, sqlx::Error> {
        let registry = TenantRegistry::load(&db).await?;
        let follower = tokio::spawn(registry.clone().follow_changes(db.clone()));
        let state = AppState {
            db,
            registry,
            hosts: config.hosts.clone(),
            trust_proxy: config.trust_proxy,
            leptos: config.leptos.clone(),
            migrations_done: Arc::new(AtomicBool::new(false)),
        };
        Ok(Self { state, follower })
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn mark_migrations_done(&self) {
        self.state.migrations_done.store(true, Ordering::Release);
    }

    pub fn router(&self) -> Router {
        router(self.state.clone())
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

impl Drop for Application {
    fn drop(&mut self) {
        self.follower.abort();
    }
}

fn router(state: AppState) -> Router {
    let options = state.leptos.clone();
    let db = state.db.clone();
    let context = move || provide_context(db.clone());
    let site = Router::new()
        .leptos_routes_with_context(&options, generate_route_list(App), context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options)
        .layer(from_fn_with_state(
            state.clone(),
            host_middleware::resolve_tenant,
        ));
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .with_state(state)
        .merge(site)
        .layer(from_fn(host_middleware::trace_request))
}
