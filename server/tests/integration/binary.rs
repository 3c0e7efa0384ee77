//! The real `pespro` binary with its embedded database, as an operator runs
//! it: serve, create a firm from a second command while it serves, stop it
//! with SIGTERM — and no PostgreSQL process may be left behind.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pespro");

pub(crate) struct Env {
    pub(crate) data_dir: PathBuf,
    port: u16,
}

impl Env {
    pub(crate) fn new(name: &str) -> Self {
        let data_dir = std::env::temp_dir().join(format!("pespro-bin-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Self { data_dir, port }
    }

    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env_remove("DATABASE_URL")
            .env("PESPRO_DATA_DIR", &self.data_dir)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", self.port))
            .env("RUST_LOG", "warn");
        command
    }

    pub(crate) fn get(&self, host: &str, path: &str) -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let status = response.split(' ').nth(1)?.parse().ok()?;
        Some((status, response))
    }

    pub(crate) fn post_form(&self, host: &str, path: &str, body: &str) -> Option<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nAccept: text/html\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        Some(response)
    }

    pub(crate) fn wait_for(&self, host: &str, path: &str, status: u16) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Some((code, body)) = self.get(host, path) {
                if code == status {
                    return body;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{host}{path} never answered {status}");
    }

    fn postgres_processes(&self) -> usize {
        let needle = self.data_dir.to_string_lossy().into_owned();
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
            .filter(|cmdline| String::from_utf8_lossy(cmdline).contains(&needle))
            .count()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

#[test]
fn serve_runs_on_its_own_database_follows_the_cli_and_stops_postgres_on_sigterm() {
    let env = Env::new("serve");
    let mut server = env.command(&["serve"]).stdout(Stdio::null()).spawn().unwrap();
    env.wait_for("anything.localhost", "/readyz", 200);

    let created = env.command(&["tenant", "create", "--slug", "gamma", "--name", "Gamma LLP"]).output().unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let page = env.wait_for("gamma.localhost", "/sign-in", 200);
    assert!(page.contains("Gamma LLP"));
    assert!(env.postgres_processes() > 0, "the embedded cluster runs from the data directory");

    // SAFETY: signalling the child we spawned.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let status = server.wait().unwrap();

    assert!(status.success(), "{status}");
    assert_eq!(env.postgres_processes(), 0, "PostgreSQL was left running");
}

#[test]
fn data_survives_a_restart_of_the_embedded_database() {
    let env = Env::new("restart");
    let first = env.command(&["tenant", "create", "--slug", "delta", "--name", "Delta & Co"]).output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));

    let listed = env.command(&["tenant", "list"]).output().unwrap();

    assert!(String::from_utf8_lossy(&listed.stdout).contains("delta"));
    assert_eq!(env.postgres_processes(), 0, "each command stops the cluster it started");
}

#[test]
fn an_unreachable_database_url_is_one_clear_line() {
    let env = Env::new("bad-url");

    let output =
        env.command(&["migrate"]).env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/nothing").output().unwrap();

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with("pespro: cannot use PostgreSQL at DATABASE_URL"), "{stderr}");
}

#[test]
fn missing_postgresql_programs_are_one_clear_line() {
    let env = Env::new("no-binaries");

    let output = env.command(&["migrate"]).env("PESPRO_PG_BINDIR", "/nonexistent").output().unwrap();

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("set DATABASE_URL"), "{stderr}");
}

#[test]
fn a_bad_slug_is_refused_before_anything_runs() {
    let env = Env::new("bad-slug");

    let output = env.command(&["tenant", "create", "--slug", "Admin", "--name", "X"]).output().unwrap();

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("lowercase"));
    assert!(!env.data_dir.exists(), "no database was started for an invalid command");
}

#[test]
fn a_person_added_from_the_cli_can_sign_in_to_their_firm() {
    let env = Env::new("person");
    let created = env.command(&["tenant", "create", "--slug", "epsilon", "--name", "Epsilon LLP"]).output().unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let mut add = env
        .command(&[
            "person",
            "add",
            "--firm",
            "epsilon",
            "--email",
            "eve@epsilon.example",
            "--name",
            "Eve",
            "--role",
            "admin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(b"a long enough passphrase\n").unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let mut server = env.command(&["serve"]).stdout(Stdio::null()).spawn().unwrap();
    env.wait_for("anything.localhost", "/readyz", 200);

    let response = env
        .post_form("epsilon.localhost", "/api/sign_in", "email=eve%40epsilon.example&password=a+long+enough+passphrase")
        .unwrap();

    // SAFETY: signalling the child we spawned.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    server.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 302"), "{response}");
    assert!(response.contains("location: /\r\n"), "{response}");
    assert!(response.contains("pespro_session="), "{response}");
}

#[test]
fn a_short_password_from_the_cli_is_refused() {
    let env = Env::new("short-password");
    env.command(&["tenant", "create", "--slug", "zeta", "--name", "Zeta"]).output().unwrap();
    let mut add = env
        .command(&["person", "add", "--firm", "zeta", "--email", "z@zeta.example", "--name", "Z", "--role", "admin"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(b"short\n").unwrap();

    let output = add.wait_with_output().unwrap();

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least 10 characters"));
}

#[test]
fn a_staff_account_created_from_the_cli_can_begin_signing_in_on_the_admin_host() {
    let env = Env::new("staff");
    let mut create = env
        .command(&["staff", "create", "--email", "sam@pespro.example", "--name", "Sam Support"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    create.stdin.take().unwrap().write_all(b"a long enough passphrase\n").unwrap();
    let created = create.wait_with_output().unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let mut server = env.command(&["serve"]).stdout(Stdio::null()).spawn().unwrap();
    env.wait_for("anything.localhost", "/readyz", 200);

    let response = env
        .post_form("admin.localhost", "/sign-in", "email=sam%40pespro.example&password=a+long+enough+passphrase")
        .unwrap();

    // SAFETY: signalling the child we spawned.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    server.wait().unwrap();
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created staff account Sam Support"));
    assert!(response.starts_with("HTTP/1.1 303"), "{response}");
    assert!(response.contains("location: /totp\r\n"), "the code step comes next: {response}");
}
