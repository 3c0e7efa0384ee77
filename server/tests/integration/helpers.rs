//! The test harness: a PostgreSQL cluster for the whole run, a fresh database
//! per test, firms to test with, and the real application to send requests to.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pespro::access::Role;
use pespro::auth::{NewUser, create_user};
use pespro::brand::{DisplayName, Theme};
use pespro::colour::HexColour;
use pespro::db::Database;
use pespro::db::embedded::{ClusterOptions, EmbeddedPostgres};
use pespro::email::EmailAddress;
use pespro::migrate::{MigrationSet, migrate_platform};
use pespro::person::PersonName;
use pespro::slug::TenantSlug;
use pespro::tenancy::{NewTenant, Tenant, TenantRegistry, create_tenant};
use pespro_server::config::{Config, DatabaseSource};
use pespro_server::startup::Application;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, PgConnection};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower::ServiceExt;

struct Cluster {
    admin: PgConnectOptions,
    app: Box<dyn Fn(&str) -> PgConnectOptions + Send + Sync>,
}

/// Started once per run, on a thread that lives until the process ends:
/// PostgreSQL is told to stop when that thread dies, i.e. when the run ends.
fn cluster() -> &'static Cluster {
    static CLUSTER: OnceLock<Cluster> = OnceLock::new();
    CLUSTER.get_or_init(|| {
        remove_clusters_of_finished_runs();
        let base_dir = std::env::temp_dir().join(format!("pespro-test-{}", std::process::id()));
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let started = EmbeddedPostgres::start(&ClusterOptions { base_dir, durable: false });
            match started {
                Ok(pg) => {
                    let socket_options = pg.connect_options("pespro", "postgres");
                    tx.send(Ok((pg.admin_options(), socket_options))).unwrap();
                    // Keep `pg` (and this thread) alive for the whole run.
                    loop {
                        std::thread::park();
                    }
                }
                Err(e) => tx.send(Err(e.to_string())).unwrap(),
            }
        });
        let (admin, app_template) = rx.recv().unwrap().expect("start the test PostgreSQL cluster");
        Cluster { admin, app: Box::new(move |db| app_template.clone().database(db)) }
    })
}

/// Each run leaves its throwaway cluster behind (it stops when the run
/// ends); the next run removes those whose process is gone.
fn remove_clusters_of_finished_runs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("pespro-test-").and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty database with the platform schema migrated.
pub async fn fresh_database() -> TestDb {
    let cluster = cluster();
    let name = format!("test_{}_{}", std::process::id(), NEXT_DB.fetch_add(1, Ordering::Relaxed));
    let mut admin = cluster.admin.connect().await.expect("admin connection");
    let role_exists: bool = sqlx::query_scalar("select exists (select from pg_roles where rolname = 'pespro')")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    if !role_exists {
        // Tests run in parallel; a concurrent creator may win the race.
        let _ = sqlx::raw_sql("create role pespro login createrole").execute(&mut admin).await;
    }
    sqlx::raw_sql(&format!("create database {name} owner pespro")).execute(&mut admin).await.unwrap();
    let options = (cluster.app)(&name);
    let db = Database::connect(options.clone(), 4).await.expect("connect to the test database");
    migrate_platform(&db, MigrationSet::platform()).await.expect("platform migrations");
    TestDb { db, options }
}

pub struct TestDb {
    pub db: Database,
    options: PgConnectOptions,
}

impl TestDb {
    /// A database of a cluster a test runs itself (see `chaos.rs`), with
    /// the platform schema already migrated.
    pub fn on(db: Database, options: PgConnectOptions) -> Self {
        Self { db, options }
    }

    pub fn options(&self) -> PgConnectOptions {
        self.options.clone()
    }

    /// A raw connection as the application role: what an attacker with the
    /// application's credentials could do, outside any tenant transaction.
    pub async fn raw(&self) -> PgConnection {
        self.options.connect().await.expect("raw connection")
    }

    pub async fn create_firm(&self, slug: &str) -> Arc<Tenant> {
        create_tenant(&self.db, &new_firm(slug)).await.expect("create firm");
        TenantRegistry::load(&self.db).await.unwrap().by_slug(slug).expect("firm is registered")
    }

    /// Adds a person to a firm, with `PASSWORD`.
    pub async fn create_person(&self, slug: &str, email: &str, role: Role) -> i64 {
        let tenant = TenantRegistry::load(&self.db).await.unwrap().by_slug(slug).expect("firm exists");
        let mut tx = self.db.tenant_tx(tenant.handle()).await.unwrap();
        let user = NewUser {
            email: EmailAddress::parse(email).unwrap(),
            display_name: PersonName::parse(&format!("Person {email}")).unwrap(),
            role,
            password: Some(PASSWORD.to_owned()),
            // Setting a test up may go past any plan; enforcement has its own tests.
            seat_limit: pespro::flags::FlagValue::Unlimited,
        };
        let id = create_user(&mut tx, &user).await.expect("create person");
        tx.commit().await.unwrap();
        id
    }

    /// Adds a platform staff account, with `PASSWORD`.
    /// A staff owner (every console action), with `PASSWORD`.
    pub async fn create_staff(&self, email: &str, name: &str) -> i64 {
        self.create_staff_as(email, name, pespro::staff::StaffRole::Owner).await
    }

    pub async fn create_staff_as(&self, email: &str, name: &str, role: pespro::staff::StaffRole) -> i64 {
        let email = EmailAddress::parse(email).unwrap();
        let name = PersonName::parse(name).unwrap();
        pespro::staff::create_staff(&self.db, &email, &name, PASSWORD, role).await.expect("create staff")
    }

    /// The platform audit trail, oldest first: (action, actor, tenant id,
    /// user id, reason, address).
    pub async fn platform_audit(&self) -> Vec<PlatformAuditRow> {
        sqlx::query_as(
            "select action, actor_label, tenant_id, user_id, reason, host(client_address) as client_address
             from platform.platform_audit_events order by platform_audit_event_id",
        )
        .fetch_all(&mut self.raw().await)
        .await
        .unwrap()
    }

    /// The schema a firm's data lives in, read from the platform tables.
    pub async fn schema_of(&self, slug: &str) -> String {
        sqlx::query_scalar("select schema_name from platform.tenants where slug = $1")
            .bind(slug)
            .fetch_one(&mut self.raw().await)
            .await
            .unwrap()
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct PlatformAuditRow {
    pub action: String,
    pub actor_label: String,
    pub tenant_id: Option<i64>,
    pub user_id: Option<i64>,
    pub reason: String,
    pub client_address: Option<String>,
}

pub const PASSWORD: &str = "a long test passphrase";

pub fn new_firm(slug: &str) -> NewTenant {
    NewTenant {
        slug: TenantSlug::parse(slug).unwrap(),
        display_name: DisplayName::parse(&format!("Firm {slug}")).unwrap(),
        admin_email: None,
        primary: HexColour::parse("#123456").unwrap(),
        accent: HexColour::parse("#abcdef").unwrap(),
        logo: None,
        plan: pespro::flags::Plan::Team,
    }
}

pub fn test_config(trust_proxy: bool) -> Config {
    let mut config = Config::from_env().expect("config");
    config.database = DatabaseSource::Url("unused: tests pass their own database".into());
    config.trust_proxy = trust_proxy;
    // Emailed links name this port whatever the environment says.
    config.public_port = Some(3000);
    config.hosts = pespro::host::HostRules::new("localhost", "admin.localhost");
    // Whatever the environment says: tests that reach the loopback provider
    // opt in themselves.
    config.oidc_allow_internal = pespro::sso::InternalAllowList::default();
    // Mail with no SMTP server lands in the run's own folder (removed with
    // its cluster), not in the source tree.
    let outbox = std::env::temp_dir().join(format!("pespro-test-{}", std::process::id())).join("outbox");
    config.mailer = pespro::mail::Mailer::new(None, outbox, "PesPro <no-reply@localhost>").expect("test mailer");
    config
}

const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The application's warnings and errors, written where the test harness
/// captures them: a failing test shows what the server said meanwhile.
fn show_warnings_with_failures() {
    let filter = tracing_subscriber::EnvFilter::new("warn");
    let _already_set = tracing_subscriber::fmt().with_test_writer().with_env_filter(filter).without_time().try_init();
}

fn host_of(request: &Request<Body>) -> &str {
    request.headers().get("host").and_then(|h| h.to_str().ok()).unwrap_or_default()
}

/// The application as `pespro serve` builds it, on a test database.
pub struct TestApp {
    pub app: Application,
    /// Built once, as `pespro serve` does.
    router: axum::Router,
}

impl TestApp {
    pub async fn start(db: &TestDb) -> Self {
        Self::start_with(db, test_config(false)).await
    }

    pub async fn start_with(db: &TestDb, config: Config) -> Self {
        show_warnings_with_failures();
        let app = Application::build(&config, db.db.clone()).await.expect("build app");
        app.mark_migrations_done();
        let router = app.router();
        Self { app, router }
    }

    /// Sends `request` and reads the whole answer. An answer that never
    /// comes fails the test, naming the request: far above any real
    /// request's time, even with every test running at once.
    pub async fn request(&self, request: Request<Body>) -> Response {
        let what = format!("{} {}{}", request.method(), host_of(&request), request.uri());
        let answer = async {
            let response = self.router.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await.unwrap();
            Response { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), body_bytes: bytes.to_vec() }
        };
        match tokio::time::timeout(REQUEST_TIMEOUT, answer).await {
            Ok(response) => response,
            Err(_) => {
                let (open, idle) = self.app.state().db.connections();
                panic!("no answer to {what} within {REQUEST_TIMEOUT:?} (pool: {open} open, {idle} idle)")
            }
        }
    }

    pub async fn get(&self, host: &str, path: &str) -> Response {
        self.request(page_request(host, path).body(Body::empty()).unwrap()).await
    }

    pub async fn get_with(&self, host: &str, path: &str, cookie: &str) -> Response {
        self.request(page_request(host, path).header("cookie", cookie).body(Body::empty()).unwrap()).await
    }

    /// Signs in through the real `sign_in` server function, as a browser's
    /// form post would, and returns the session cookie (`name=value`).
    pub async fn sign_in(&self, host: &str, email: &str, password: &str) -> Result<String, Response> {
        let body = format!("email={}&password={}", form_encode(email), form_encode(password));
        let request = form_post(host, "/api/sign_in", None).header("accept", "text/html").body(Body::from(body));
        let response = self.request(request.unwrap()).await;
        let cookie = response
            .headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or_default().to_owned());
        match (response.headers.get("location").and_then(|v| v.to_str().ok()), cookie) {
            (Some("/"), Some(cookie)) => Ok(cookie),
            _ => Err(response),
        }
    }

    /// Polls until `host` answers `status` — changes reach the registry by
    /// notification, a few milliseconds after they commit.
    pub async fn eventually(&self, host: &str, status: StatusCode) -> Response {
        for _ in 0..100 {
            let response = self.get(host, "/sign-in").await;
            if response.status == status {
                return response;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{host} never answered {status}");
    }
}

/// `request` as if it came from `ip` (the TCP peer, as `pespro serve`
/// records it): the per-address throttle and the audit trail see it.
pub fn from_address(mut request: Request<Body>, ip: &str) -> Request<Body> {
    let peer = std::net::SocketAddr::new(ip.parse().expect("an IP address"), 40_000);
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    request
}

/// A sign-in form post as the hydrated page makes it, from `ip`.
pub fn sign_in_from(host: &str, email: &str, password: &str, ip: &str) -> Request<Body> {
    let body = format!("email={}&password={}", form_encode(email), form_encode(password));
    from_address(call_anonymous(host, "/api/sign_in", &body), ip)
}

/// The `name=value` of the session cookie a response sets, if it sets one.
pub fn set_cookie(response: &Response) -> Option<String> {
    let value = response.headers.get("set-cookie")?.to_str().ok()?;
    Some(value.split(';').next().unwrap_or_default().to_owned())
}

pub fn location(response: &Response) -> &str {
    response.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// A page load, as a browser asks for it.
pub fn page_request(host: &str, path: &str) -> axum::http::request::Builder {
    Request::get(path).header("host", host).header("accept", "text/html,application/xhtml+xml")
}

/// A form post from a page of `host` itself (same-origin), optionally signed in.
pub fn form_post(host: &str, path: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let builder = Request::post(path)
        .header("host", host)
        .header("origin", format!("http://{host}"))
        .header("content-type", "application/x-www-form-urlencoded");
    match cookie {
        Some(cookie) => builder.header("cookie", cookie),
        None => builder,
    }
}

/// A server function call as the hydrated page makes it (a same-origin form
/// post asking for JSON back), signed in with `cookie`.
pub fn call(host: &str, path: &str, body: &str, cookie: &str) -> Request<Body> {
    form_post(host, path, Some(cookie)).header("accept", "application/json").body(Body::from(body.to_owned())).unwrap()
}

/// The same, by someone not signed in.
pub fn call_anonymous(host: &str, path: &str, body: &str) -> Request<Body> {
    form_post(host, path, None).header("accept", "application/json").body(Body::from(body.to_owned())).unwrap()
}

pub fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The same, as sent (downloads are not text).
    pub body_bytes: Vec<u8>,
}

pub fn theme_css(primary: &str, accent: &str) -> String {
    Theme {
        display_name: DisplayName::parse("x").unwrap(),
        primary: HexColour::parse(primary).unwrap(),
        accent: HexColour::parse(accent).unwrap(),
        logo: None,
    }
    .css_custom_properties()
}

pub fn sqlstate(error: &sqlx::Error) -> String {
    error.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned()).unwrap_or_default()
}

/// This run's own folder (removed with its cluster), one per use.
pub fn scratch(kind: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir()
        .join(format!("pespro-test-{}", std::process::id()))
        .join(format!("{kind}-{}", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A site root holding `files` (path relative to the root, contents).
pub fn site_with(files: &[(&str, &str)]) -> PathBuf {
    let root = scratch("site").join("site");
    for (path, contents) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, contents).unwrap();
    }
    std::fs::create_dir_all(&root).unwrap();
    root
}
