//! Faults while load runs, against the real `pespro serve` on a PostgreSQL
//! cluster of this test's own: the database restarted, stopped for ten
//! seconds, and the pool filled by queries stuck behind a lock. The server
//! stays up, answers a clear 503 (and `/readyz` says so) while the database
//! is away, recovers by itself, and every write it acknowledged is there
//! afterwards. Then the server is killed in the middle of a 5,000-row
//! import: none of it is written, and the same import runs again after.
//! `make chaos` runs this module alone.

use crate::helpers::{PASSWORD, TestDb, form_encode};
use pespro::db::Database;
use pespro::db::embedded::{ClusterOptions, EmbeddedPostgres};
use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pespro");
const HOST: &str = "alpha.localhost";
/// More writers than the server has connections, so a lock can fill its pool.
const WRITERS: usize = 12;
const POOL: &str = "8";

/// A durable cluster on a thread of its own (PostgreSQL stops when that
/// thread ends), which the test stops and starts again.
struct Postgres {
    commands: mpsc::Sender<(bool, mpsc::Sender<()>)>,
    socket_dir: PathBuf,
    admin: PgConnectOptions,
}

impl Postgres {
    fn start(base_dir: PathBuf) -> Self {
        let (commands, received) = mpsc::channel::<(bool, mpsc::Sender<()>)>();
        let (ready, started) = mpsc::channel();
        std::thread::spawn(move || {
            let options = ClusterOptions { base_dir, durable: true };
            let mut pg = EmbeddedPostgres::start(&options).expect("start PostgreSQL");
            ready.send((pg.base_dir().join("run"), pg.admin_options())).unwrap();
            while let Ok((up, done)) = received.recv() {
                if up {
                    pg = EmbeddedPostgres::start(&options).expect("start PostgreSQL again");
                } else {
                    pg.stop();
                }
                let _ = done.send(());
            }
            pg.stop();
        });
        let (socket_dir, admin) = started.recv().unwrap();
        Self { commands, socket_dir, admin }
    }

    async fn set_running(&self, up: bool) {
        let (done, finished) = mpsc::channel();
        self.commands.send((up, done)).unwrap();
        tokio::task::spawn_blocking(move || finished.recv()).await.unwrap().unwrap();
    }

    fn url(&self) -> String {
        format!("postgres://pespro@localhost:5432/pespro?host={}", self.socket_dir.display())
    }
}

/// `pespro serve`, as an operator runs it, on `pg`.
struct Server {
    child: Child,
    port: u16,
    http: reqwest::Client,
}

impl Server {
    fn start(pg: &Postgres, data_dir: &std::path::Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(data_dir.join(format!("server-{port}.log"))).unwrap();
        let child = Command::new(BIN)
            .arg("serve")
            .env("DATABASE_URL", pg.url())
            .env("PESPRO_DATA_DIR", data_dir)
            .env("PESPRO_DB_MAX_CONNECTIONS", POOL)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Self { child, port, http }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    async fn get(&self, path: &str, cookie: &str) -> Result<(u16, String), reqwest::Error> {
        let response = self.http.get(self.url(path)).header("host", HOST).header("cookie", cookie).send().await?;
        Ok((response.status().as_u16(), response.text().await?))
    }

    async fn post(&self, path: &str, body: String, cookie: &str) -> Result<(u16, String), reqwest::Error> {
        let response = self
            .http
            .post(self.url(path))
            .header("host", HOST)
            .header("origin", format!("http://{HOST}"))
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", cookie)
            .body(body)
            .send()
            .await?;
        Ok((response.status().as_u16(), response.text().await?))
    }

    async fn ready_within(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if matches!(self.get("/readyz", "").await, Ok((200, _))) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    async fn sign_in(&self, email: &str) -> String {
        let body = format!("email={}&password={}", form_encode(email), form_encode(PASSWORD));
        let response = self
            .http
            .post(self.url("/api/sign_in"))
            .header("host", HOST)
            .header("origin", format!("http://{HOST}"))
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let cookie = response.headers().get("set-cookie").expect("signed in").to_str().unwrap();
        cookie.split(';').next().unwrap().to_owned()
    }

    fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What the writers saw: acknowledged names, and how often each status came back.
#[derive(Default)]
struct Tally {
    acknowledged: Vec<String>,
    statuses: BTreeMap<String, usize>,
}

async fn write_until(
    server: Arc<Server>,
    cookie: String,
    writer: usize,
    stop: Arc<AtomicBool>,
    tally: Arc<Mutex<Tally>>,
) {
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let name = format!("Chaos {writer}-{n}");
        let outcome = server.post("/api/create_client", format!("name={}", form_encode(&name)), &cookie).await;
        {
            let mut tally = tally.lock().unwrap();
            let status = match outcome {
                Ok((200, _)) => {
                    tally.acknowledged.push(name);
                    "200".to_owned()
                }
                Ok((status, _)) => status.to_string(),
                Err(_) => "no answer".to_owned(),
            };
            *tally.statuses.entry(status).or_default() += 1;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn setup(pg: &Postgres) -> TestDb {
    let mut admin = pg.admin.clone().database("postgres").connect().await.unwrap();
    sqlx::raw_sql("create role pespro login createrole").execute(&mut admin).await.unwrap();
    sqlx::raw_sql("create database pespro owner pespro").execute(&mut admin).await.unwrap();
    let options = pg.admin.clone().username("pespro").database("pespro");
    let db = Database::connect(options.clone(), 2).await.unwrap();
    pespro::migrate::migrate_platform(&db, pespro::migrate::MigrationSet::platform()).await.unwrap();
    let test = TestDb::on(db, options);
    crate::import::firm(&test, "alpha").await;
    test
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarts_outages_and_a_full_pool_lose_no_acknowledged_write_and_a_killed_import_leaves_nothing() {
    let base = std::env::temp_dir().join(format!("pespro-chaos-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    let pg = Postgres::start(base.join("cluster"));
    let test = setup(&pg).await;
    let schema = test.schema_of("alpha").await;
    let server = Arc::new(Server::start(&pg, &base));
    assert!(server.ready_within(Duration::from_secs(60)).await, "the server never became ready");
    let cookie = server.sign_in("manager@alpha.example").await;

    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| tokio::spawn(write_until(server.clone(), cookie.clone(), w, stop.clone(), tally.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(2)).await;

    // 1. A restart.
    pg.set_running(false).await;
    pg.set_running(true).await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    // 2. Ten seconds without a database: a clear 503, and /readyz says so.
    pg.set_running(false).await;
    let stopped_at = Instant::now();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (ready_status, ready_body) = server.get("/readyz", "").await.unwrap();
    let (page_status, page_body) = server.get("/time", &cookie).await.unwrap();
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(stopped_at.elapsed())).await;
    pg.set_running(true).await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    // 3. The pool filled by writes stuck behind a lock for longer than a
    // request waits for a connection.
    let mut locker = pg.admin.clone().database("pespro").connect().await.unwrap();
    sqlx::raw_sql(&format!("begin; lock table {schema}.clients in access exclusive mode"))
        .execute(&mut locker)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(12)).await;
    let (health, _) = server.get("/healthz", "").await.unwrap();
    sqlx::raw_sql("rollback").execute(&mut locker).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;

    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    let recovered = server.ready_within(Duration::from_secs(30)).await;
    let stored: Vec<String> = sqlx::query_scalar(&format!("select name from {schema}.clients"))
        .fetch_all(&mut test.raw().await)
        .await
        .unwrap();
    let tally = std::mem::take(&mut *tally.lock().unwrap());
    println!("chaos: {} writes acknowledged; answers by status: {:?}", tally.acknowledged.len(), tally.statuses);

    assert_eq!(ready_status, 503, "{ready_body}");
    assert!(ready_body.contains("unreachable"), "{ready_body}");
    assert_eq!(page_status, 503, "{page_body}");
    assert!(page_body.contains("Temporarily unavailable"), "{page_body}");
    assert_eq!(health, 200, "the process answers while its pool is full");
    assert!(recovered, "the server did not recover by itself");
    let missing: Vec<&String> = tally.acknowledged.iter().filter(|name| !stored.contains(name)).collect();
    assert!(missing.is_empty(), "acknowledged but not stored: {missing:?}");
    assert!(tally.acknowledged.len() > 50, "the load ran: {:?}", tally.statuses);
    let failed: usize = tally.statuses.iter().filter(|(s, _)| s.as_str() != "200").map(|(_, n)| n).sum();
    assert!(failed > 0, "the faults were felt: {:?}", tally.statuses);
    assert_eq!(tally.statuses.get("500"), None, "an outage is a 503, never a 500: {:?}", tally.statuses);

    let mut server = Arc::into_inner(server).expect("the writers are done");
    assert!(server.is_running(), "the server stayed up through it all");
    killed_import_leaves_nothing(&pg, &test, &schema, &mut server, &base).await;
    let _ = std::fs::remove_dir_all(&base);
}

/// Kills the server while a 5,000-row import's transaction is open, then
/// checks nothing of it was written and the same batch imports afterwards.
async fn killed_import_leaves_nothing(
    pg: &Postgres,
    test: &TestDb,
    schema: &str,
    server: &mut Server,
    base: &std::path::Path,
) {
    let admin = server.sign_in("admin@alpha.example").await;
    let upload =
        crate::import::upload_request(HOST, &admin, "export.csv", crate::import::five_thousand_rows().as_bytes());
    let (parts, body) = upload.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let mut request = server.http.post(server.url("/import/upload")).body(bytes.to_vec());
    for (name, value) in &parts.headers {
        request = request.header(name, value);
    }
    let uploaded = request.send().await.unwrap();
    let location = uploaded.headers()["location"].to_str().unwrap().to_owned();
    let batch: i64 = location.strip_prefix("/import/").unwrap().parse().unwrap();
    let run = {
        let (http, url, admin) = (server.http.clone(), server.url("/api/run_import"), admin.clone());
        tokio::spawn(async move {
            http.post(url)
                .header("host", HOST)
                .header("origin", format!("http://{HOST}"))
                .header("accept", "application/json")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", admin)
                .body(format!("batch_id={batch}"))
                .send()
                .await
        })
    };
    let mut watcher = pg.admin.clone().database("pespro").connect().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // A transaction that has written (it has an id) and not committed.
        let writing: i64 = sqlx::query_scalar(
            "select count(*) from pg_stat_activity where datname = 'pespro' and backend_xid is not null",
        )
        .fetch_one(&mut watcher)
        .await
        .unwrap();
        if writing > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the import never started writing");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    assert!(run.await.unwrap().is_err(), "the import was cut off before it answered");

    let imported = format!("select count(*) from {schema}.time_entries where import_batch_id is not null");
    let entries: i64 = sqlx::query_scalar(&imported).fetch_one(&mut test.raw().await).await.unwrap();
    assert_eq!(entries, 0, "a killed import left entries behind");

    let mut again = Server::start(pg, base);
    assert!(again.ready_within(Duration::from_secs(60)).await);
    let admin = again.sign_in("admin@alpha.example").await;
    let (status, body) = again.post("/api/run_import", format!("batch_id={batch}"), &admin).await.unwrap();
    assert_eq!((status, body.as_str()), (200, r#"{"imported":5000,"skipped":0,"errors":0}"#));
    again.kill();
}
