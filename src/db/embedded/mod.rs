//! A private PostgreSQL cluster, started from the machine's own binaries when
//! no `DATABASE_URL` is given — the default for `make run` and for tests.
//!
//! The cluster listens only on a Unix socket in a directory private to the
//! account running it, so nothing else on the machine can connect. The process
//! that starts it owns it and stops it on the way out; a second process (say
//! `pespro tenant create` while `pespro serve` runs) attaches to the running
//! cluster instead of starting another. If the owner dies without cleaning
//! up, the kernel sends PostgreSQL a fast-shutdown signal (parent-death
//! signal), so no server is left behind.

mod host_os;

use host_os::{FileLock, ServiceUser};
use sha2::{Digest, Sha256};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Only names the socket file (`.s.PGSQL.5432`): no TCP port is opened.
const PORT: u16 = 5432;
const SUPERUSER: &str = "postgres";
/// The application's login role: not a superuser, may create roles (one per firm).
pub const APP_ROLE: &str = "pespro";
pub const APP_DATABASE: &str = "pespro";

/// Where PostgreSQL's programs are (`PESPRO_PG_BINDIR`, `PATH`,
/// `pg_config`, Debian's layout), for a server this process did not start.
pub fn pg_bin_dir() -> Option<PathBuf> {
    host_os::find_bin_dir()
}

#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Holds `pgdata/`, `run/` (the socket) and `postgres.log`.
    pub base_dir: PathBuf,
    /// `false` turns off fsync: for throwaway test clusters only.
    pub durable: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "no DATABASE_URL is set and PostgreSQL's server programs (initdb, postgres, pg_isready) were not found; \
         install PostgreSQL (e.g. `apt-get install postgresql`), point PESPRO_PG_BINDIR at its bin directory, \
         or set DATABASE_URL to an existing server"
    )]
    BinariesNotFound,
    #[error("could not prepare {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{step} failed; the last lines of {log} say:\n{tail}")]
    Step { step: &'static str, log: PathBuf, tail: String },
}

pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    base_dir: PathBuf,
    socket_dir: PathBuf,
    /// `None` when we attached to a cluster another process owns.
    child: Option<Child>,
}

impl EmbeddedPostgres {
    /// Starts (or attaches to) the cluster in `options.base_dir`, creating it
    /// on first use. Blocking. PostgreSQL is told to stop when the *calling
    /// thread* ends, so call this from a thread that outlives the cluster's use
    /// (the main thread, or a dedicated one in tests).
    pub fn start(options: &ClusterOptions) -> Result<Self, EmbeddedError> {
        let bin_dir = host_os::find_bin_dir().ok_or(EmbeddedError::BinariesNotFound)?;
        let user = ServiceUser::when_root();
        let base_dir = reachable_base_dir(&options.base_dir, user)?;
        let data_dir = base_dir.join("pgdata");
        let socket_dir = base_dir.join("run");
        let log = base_dir.join("postgres.log");
        let _lock = FileLock::acquire(&base_dir.join(".lock")).map_err(io_error(&base_dir))?;

        let mut cluster = Self { bin_dir, base_dir, socket_dir, child: None };
        if host_os::live_postmaster(&data_dir).is_some() && cluster.wait_ready(None, Duration::from_secs(30)) {
            tracing::info!(dir = %cluster.base_dir.display(), "attached to the running embedded PostgreSQL");
            return Ok(cluster);
        }
        if let Some(user) = user {
            user.own(&cluster.socket_dir).map_err(io_error(&cluster.socket_dir))?;
        } else {
            fs::create_dir_all(&cluster.socket_dir).map_err(io_error(&cluster.socket_dir))?;
        }
        if !data_dir.join("PG_VERSION").is_file() {
            cluster.init(&data_dir, &log, user, options.durable)?;
        }
        cluster.spawn(&data_dir, &log, user, options.durable)?;
        let pid = cluster.child.as_ref().map(Child::id);
        if !cluster.wait_ready(pid, Duration::from_secs(60)) {
            cluster.stop();
            return Err(step_error("starting PostgreSQL", &log));
        }
        tracing::info!(dir = %cluster.base_dir.display(), "started embedded PostgreSQL");
        Ok(cluster)
    }

    /// Where the data lives (it may differ from the requested directory when
    /// that one is out of reach of the unprivileged PostgreSQL account).
    pub fn base_dir(&self) -> &Path {
        &self.base_dir
    }

    /// Connection options for `role` on `database`, over the private socket.
    pub fn connect_options(&self, role: &str, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.socket_dir).port(PORT).username(role).database(database)
    }

    /// Makes sure the application role and database exist, and returns the
    /// options to connect as the application.
    pub async fn ensure_app_database(&self) -> Result<PgConnectOptions, sqlx::Error> {
        let mut admin = self.connect_options(SUPERUSER, "postgres").connect().await?;
        let role_exists: bool = sqlx::query_scalar("select exists (select from pg_roles where rolname = $1)")
            .bind(APP_ROLE)
            .fetch_one(&mut admin)
            .await?;
        if !role_exists {
            sqlx::raw_sql("create role pespro login createrole").execute(&mut admin).await?;
        }
        self.create_database(&mut admin, APP_DATABASE).await?;
        admin.close().await?;
        Ok(self.connect_options(APP_ROLE, APP_DATABASE))
    }

    /// Creates an empty database owned by the application role (tests make
    /// one per test). `name` must be a plain lowercase identifier.
    pub async fn create_database(&self, admin: &mut sqlx::PgConnection, name: &str) -> Result<(), sqlx::Error> {
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        let exists: bool = sqlx::query_scalar("select exists (select from pg_database where datname = $1)")
            .bind(name)
            .fetch_one(&mut *admin)
            .await?;
        if !exists {
            sqlx::raw_sql(&format!("create database {name} owner {APP_ROLE}")).execute(&mut *admin).await?;
        }
        Ok(())
    }

    /// PostgreSQL's programs (`pg_dump`, `psql`, …) this cluster runs with.
    pub fn bin_dir(&self) -> &Path {
        &self.bin_dir
    }

    /// A libpq connection string for `role` on `database`, for PostgreSQL's
    /// own tools (backups).
    pub fn conninfo(&self, role: &str, database: &str) -> String {
        format!("host={} port={PORT} user={role} dbname={database}", self.socket_dir.display())
    }

    /// Superuser options, for test harnesses that create databases.
    pub fn admin_options(&self) -> PgConnectOptions {
        self.connect_options(SUPERUSER, "postgres")
    }

    /// Fast shutdown of a cluster we started; a no-op when we only attached.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = child.id() as i32;
        host_os::signal(pid, libc::SIGINT);
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                tracing::info!("stopped embedded PostgreSQL");
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        host_os::signal(pid, libc::SIGQUIT);
        let _ = child.wait();
    }

    fn init(&self, data_dir: &Path, log: &Path, user: Option<ServiceUser>, durable: bool) -> Result<(), EmbeddedError> {
        if let Some(user) = user {
            user.own(data_dir).map_err(io_error(data_dir))?;
        }
        let mut cmd = Command::new(self.bin_dir.join("initdb"));
        cmd.arg("-D").arg(data_dir);
        cmd.args(["-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"]);
        if !durable {
            cmd.arg("--no-sync");
        }
        as_service_user(&mut cmd, user);
        cmd.stdin(Stdio::null()).stdout(log_file(log)?).stderr(log_file(log)?);
        let ok = cmd.status().map(|s| s.success()).unwrap_or(false);
        if ok { Ok(()) } else { Err(step_error("initdb", log)) }
    }

    fn spawn(
        &mut self,
        data_dir: &Path,
        log: &Path,
        user: Option<ServiceUser>,
        durable: bool,
    ) -> Result<(), EmbeddedError> {
        let mut cmd = Command::new(self.bin_dir.join("postgres"));
        cmd.arg("-D").arg(data_dir).arg("-k").arg(&self.socket_dir).arg("-p").arg(PORT.to_string());
        // No TCP at all; the socket directory is private to the service user.
        cmd.args(["-c", "listen_addresses=", "-c", "unix_socket_permissions=0700", "-c", "max_connections=300"]);
        if !durable {
            cmd.args(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        as_service_user(&mut cmd, user);
        // Its own process group: Ctrl-C in a terminal reaches the server,
        // which drains requests first and then stops PostgreSQL itself.
        cmd.process_group(0);
        // SAFETY: prctl is async-signal-safe; it runs in the child before exec
        // and after the uid change (which would otherwise clear it).
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        cmd.stdin(Stdio::null()).stdout(log_file(log)?).stderr(log_file(log)?);
        let child = cmd.spawn().map_err(io_error(&self.bin_dir))?;
        self.child = Some(child);
        Ok(())
    }

    /// Polls `pg_isready` until the cluster accepts connections, giving up
    /// early if the process we started has died.
    fn wait_ready(&self, started_pid: Option<u32>, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            let ready = Command::new(self.bin_dir.join("pg_isready"))
                .arg("-q")
                .arg("-h")
                .arg(&self.socket_dir)
                .arg("-p")
                .arg(PORT.to_string())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ready {
                return true;
            }
            if started_pid.is_some_and(|pid| !host_os::process_alive(pid as i32)) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The requested directory when it will do; otherwise a directory under
/// /var/tmp named after it. Two things rule a directory out: a root-owned
/// 0700 checkout is out of reach of the unprivileged account PostgreSQL runs
/// as, and a socket path longer than the kernel's limit (~107 bytes).
fn reachable_base_dir(requested: &Path, user: Option<ServiceUser>) -> Result<PathBuf, EmbeddedError> {
    fs::create_dir_all(requested).map_err(io_error(requested))?;
    let requested = requested.canonicalize().map_err(io_error(requested))?;
    let socket_fits = requested.join("run/.s.PGSQL.5432.lock").as_os_str().len() < 100;
    if socket_fits && user.is_none_or(|user| user.can_reach(&requested)) {
        return Ok(requested);
    }
    let digest = Sha256::digest(requested.as_os_str().as_encoded_bytes());
    let tag: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let fallback = PathBuf::from(format!("/var/tmp/pespro-{tag}"));
    fs::create_dir_all(&fallback).map_err(io_error(&fallback))?;
    tracing::warn!(
        requested = %requested.display(),
        using = %fallback.display(),
        "the data directory is out of reach of the PostgreSQL account, or too deep for its socket; using another"
    );
    Ok(fallback)
}

fn as_service_user(cmd: &mut Command, user: Option<ServiceUser>) {
    if let Some(user) = user {
        cmd.uid(user.uid).gid(user.gid);
    }
}

fn log_file(path: &Path) -> Result<fs::File, EmbeddedError> {
    fs::OpenOptions::new().create(true).append(true).open(path).map_err(io_error(path))
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> EmbeddedError + '_ {
    move |source| EmbeddedError::Io { path: path.to_owned(), source }
}

fn step_error(step: &'static str, log: &Path) -> EmbeddedError {
    EmbeddedError::Step { step, log: log.to_owned(), tail: host_os::tail(log, 8) }
}
