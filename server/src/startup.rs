//! Building and running the application. `pespro serve` and the integration
//! tests go through the same functions, so the tests exercise the real router,
//! middleware and state.

use crate::config::{Config, DatabaseSource};
use crate::{
    accounting_files, audit_export, console, expenses, firm_export, health, host_middleware, impersonation,
    import_upload, invoice_pdf, logo_routes, report_export, security_headers, server_fn_answers, session_middleware,
    sso_routes, static_files, tls_ask,
};
use app::api::context::{Outbound, SiteRoot, SsoServices};
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use pespro::db::Database;
use pespro::db::embedded::EmbeddedPostgres;
use pespro::host::HostRules;
use pespro::secrets::SecretKey;
use pespro::session_cache::CachedSessions;
use pespro::sso::GuardedHttp;
use pespro::tenancy::TenantRegistry;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::task::JoinHandle;
use tower_sessions::cookie::SameSite;
use tower_sessions::cookie::time::Duration as CookieDuration;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

/// A session ends after this long without a request.
const SESSION_IDLE_HOURS: i64 = 12;

/// What every handler and middleware shares. Cloned by axum for each
/// middleware of each request, so it is one `Arc`: the benchmark showed
/// copying the Leptos options and the rest field by field on every request.
#[derive(Clone)]
pub struct AppState(Arc<Services>);

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

pub struct Services {
    pub db: Database,
    pub registry: TenantRegistry,
    /// Firms' slowly-changing data, kept in memory (`pespro::firm_data`).
    pub firm_data: pespro::firm_data::FirmData,
    pub hosts: HostRules,
    pub trust_proxy: bool,
    pub https: bool,
    /// The port in emailed links (`Config::public_port`).
    pub public_port: Option<u16>,
    pub mailer: pespro::mail::Mailer,
    pub sessions: CachedSessions,
    pub leptos: LeptosOptions,
    /// Seals and opens firms' SSO client secrets.
    pub secret_key: SecretKey,
    /// The only client that contacts identity providers.
    pub oidc_http: GuardedHttp,
    /// How long an impersonation lasts (see `Config::impersonation_duration`).
    pub impersonation_duration: Duration,
    /// Set once the startup migration run has finished (see `/readyz`).
    pub migrations_done: Arc<AtomicBool>,
    /// Checks custom domains' DNS ("Check now"; the background runs its own copy).
    pub domain_checks: pespro::domains::check::DomainChecks,
    /// Requests and server errors per minute, for the console's dashboard.
    pub request_metrics: Arc<crate::request_metrics::RequestMetrics>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Embedded(#[from] pespro::db::embedded::EmbeddedError),
    #[error("cannot use PostgreSQL at DATABASE_URL: {0}. Fix DATABASE_URL, or unset it to use the embedded database")]
    External(sqlx::Error),
    #[error("the embedded PostgreSQL started but refused the connection: {0}")]
    EmbeddedConnect(sqlx::Error),
}

/// Connects to the configured database: DATABASE_URL, or the embedded
/// cluster the caller started (see `main.rs`).
pub async fn connect(config: &Config, embedded: Option<&EmbeddedPostgres>) -> Result<Database, ConnectError> {
    match (&config.database, embedded) {
        (DatabaseSource::Url(url), _) => {
            let options = url.parse().map_err(ConnectError::External)?;
            Database::connect(options, config.max_connections).await.map_err(ConnectError::External)
        }
        (DatabaseSource::Embedded { .. }, Some(cluster)) => {
            let options = cluster.ensure_app_database().await.map_err(ConnectError::EmbeddedConnect)?;
            Database::connect(options, config.max_connections).await.map_err(ConnectError::EmbeddedConnect)
        }
        (DatabaseSource::Embedded { .. }, None) => {
            unreachable!("main starts the embedded cluster before connecting")
        }
    }
}

/// How often every firm is looked at for daily digests due, emails to try
/// again and scheduled reports due (new notices are emailed as they come,
/// see `pespro::notices_mail`).
const NOTICE_SWEEP: Duration = Duration::from_secs(300);

pub struct Application {
    state: AppState,
    /// Background work that lives as long as the application.
    tasks: Vec<JoinHandle<()>>,
}

impl Application {
    /// Loads the firms and starts following changes to them, prepares the
    /// session store and its clean-up. The platform schema must already be
    /// migrated.
    pub async fn build(config: &Config, db: Database) -> Result<Self, sqlx::Error> {
        let registry = TenantRegistry::load(&db).await?;
        let store = db.session_store();
        store.migrate().await?;
        let sessions = CachedSessions::new(store, config.sessions_in_memory);
        let firm_data = pespro::firm_data::FirmData::default();
        let tasks = vec![
            tokio::spawn(registry.clone().follow_changes(db.clone())),
            tokio::spawn(firm_data.clone().follow_changes(db.clone())),
            tokio::spawn(sessions.clone().follow_changes(db.clone())),
            tokio::spawn(config.domain_checks.clone().run(db.clone(), config.domain_check_every)),
            tokio::spawn(
                pespro::notices_mail::NoticeMail {
                    db: db.clone(),
                    registry: registry.clone(),
                    mailer: config.mailer.clone(),
                    hosts: config.hosts.clone(),
                    https: config.https,
                    public_port: config.public_port,
                }
                .run(NOTICE_SWEEP),
            ),
            tokio::spawn({
                let store = sessions.store().clone();
                async move {
                    if let Err(error) = store.continuously_delete_expired(Duration::from_secs(600)).await {
                        tracing::warn!(%error, "expired-session clean-up stopped");
                    }
                }
            }),
        ];
        let state = AppState(Arc::new(Services {
            db,
            registry,
            firm_data,
            hosts: config.hosts.clone(),
            trust_proxy: config.trust_proxy,
            https: config.https,
            public_port: config.public_port,
            mailer: config.mailer.clone(),
            sessions,
            leptos: config.leptos.clone(),
            // Without a configured key (tests, benchmarks) sealed values
            // live only as long as this process.
            secret_key: config.secret_key.clone().unwrap_or_else(SecretKey::generate),
            oidc_http: GuardedHttp::new(config.oidc_allow_internal.clone()),
            impersonation_duration: config.impersonation_duration,
            migrations_done: Arc::new(AtomicBool::new(false)),
            domain_checks: config.domain_checks.clone(),
            request_metrics: Arc::default(),
        }));
        Ok(Self { state, tasks })
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
        axum::serve(listener, self.router().into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

impl Drop for Application {
    fn drop(&mut self) {
        self.tasks.iter().for_each(JoinHandle::abort);
    }
}

/// The app's page routes, generated once per process. Generating them runs
/// the app with resource loading switched off for the *whole process*
/// (leptos_server's `SuppressResourceLoad`): a page whose data began loading
/// meanwhile would wait for it forever (leptos issue #4773). Once, before
/// the first router exists, nothing can be rendering yet. The integration
/// suite, which builds many routers at once, hung on this now and then;
/// `tests/integration/route_list.rs` forces it.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(state: AppState) -> Router {
    let https = state.https;
    let metrics = state.request_metrics.clone();
    let options = state.leptos.clone();
    let db = state.db.clone();
    let firm_data = state.firm_data.clone();
    // A firm admin's branding change reloads this process's copy before the
    // answer, so their next page already shows it; others follow the
    // catalog's notification.
    let registry = state.registry.clone();
    let outbound = Outbound {
        mailer: state.mailer.clone(),
        https: state.https,
        public_port: state.public_port,
        hosts: state.hosts.clone(),
    };
    let sso = SsoServices { secret_key: state.secret_key.clone(), http: state.oidc_http.clone() };
    // Where firms' logo files are read from when an emailed PDF is drawn.
    let site_root = SiteRoot(std::path::Path::new(&*options.site_root).into());
    let domain_checks = state.domain_checks.clone();
    let context = move || {
        provide_context(db.clone());
        provide_context(outbound.clone());
        provide_context(sso.clone());
        provide_context(site_root.clone());
        provide_context(firm_data.clone());
        provide_context(registry.clone());
        provide_context(domain_checks.clone());
    };
    let sso_routes = Router::new()
        .route("/sso/start", get(sso_routes::start))
        .route("/sso/callback", get(sso_routes::callback))
        .with_state(state.clone());
    // Plain handlers on a firm's host, behind the same middleware as pages.
    let impersonation = Router::new()
        .route("/impersonate", get(impersonation::redeem))
        .route(app::END_IMPERSONATION_PATH, post(impersonation::end))
        .route("/import/upload", post(import_upload::upload).layer(DefaultBodyLimit::max(import_upload::BODY_LIMIT)))
        .with_state(state.clone());
    // Files: expenses' receipts, exports, PDFs and the firm's logo, as plain routes.
    let expense_files = Router::new()
        .route(
            expenses::NEW_EXPENSE_PATH,
            post(expenses::create).layer(axum::extract::DefaultBodyLimit::max(expenses::BODY_LIMIT)),
        )
        .route("/expenses/{expense_id}/receipt", get(expenses::receipt))
        .route(firm_export::EXPORT_PATH, get(firm_export::download))
        .route(app::AUDIT_CSV_PATH, get(audit_export::download))
        .route(app::REPORTS_CSV_PATH, get(report_export::download))
        .route(app::REPORTS_PDF_PATH, get(report_export::download_pdf))
        .route("/invoices/{invoice_id}/pdf", get(invoice_pdf::for_firm))
        .route("/accounting/batches/{batch_id}/{position}", get(accounting_files::batch_download))
        .route("/accounting/packs/{pack_id}", get(accounting_files::pack_download))
        .route("/i/{token}/pdf", get(invoice_pdf::for_client))
        .route(
            logo_routes::UPLOAD_ROUTE,
            post(logo_routes::upload).layer(DefaultBodyLimit::max(logo_routes::BODY_LIMIT)),
        )
        .route(logo_routes::REMOVE_ROUTE, post(logo_routes::remove))
        .route("/logo/{file}", get(logo_routes::serve))
        .with_state(state.clone());
    let site_files = static_files::SiteFiles::new(&options.site_root, options.hash_files);
    let admin = console::AdminHost { state: state.clone(), console: console::router(state.clone()) };
    let site = Router::new()
        .merge(impersonation)
        .merge(expense_files)
        .leptos_routes_with_context(&options, page_routes(), context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .with_state(options)
        .merge(sso_routes)
        // In the order a request meets them: host → same-origin check →
        // session → person → support's writes attributed → site files
        // served → server functions' answers put right.
        .layer(from_fn(server_fn_answers::answer))
        .layer(from_fn_with_state(site_files, static_files::serve))
        .layer(from_fn_with_state(state.clone(), impersonation::attribute_writes))
        .layer(from_fn_with_state(state.clone(), session_middleware::load_user))
        .layer(session_layer(&state))
        .layer(from_fn_with_state(state.clone(), session_middleware::same_origin_writes))
        .layer(from_fn_with_state(state.clone(), host_middleware::resolve_tenant))
        // The admin host is the staff console's, before any firm is looked up.
        .layer(from_fn_with_state(admin, console::on_admin_host));
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(tls_ask::ASK_PATH, get(tls_ask::ask))
        .with_state(state)
        .merge(site)
        .layer(from_fn_with_state(https, security_headers::add))
        .layer(from_fn_with_state(metrics, crate::request_metrics::count))
        .layer(from_fn(host_middleware::trace_request))
}

/// Session cookies: HttpOnly, SameSite=Lax, Secure behind HTTPS, and with no
/// Domain attribute, so each firm's host keeps its own.
pub(crate) fn session_layer(state: &AppState) -> SessionManagerLayer<CachedSessions> {
    SessionManagerLayer::new(state.sessions.clone())
        .with_name("pespro_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.https)
        .with_expiry(Expiry::OnInactivity(CookieDuration::hours(SESSION_IDLE_HOURS)))
}
