//! A real OpenID Connect provider for the run: panva's `oidc-provider`
//! (npm, installed by `scripts/setup.sh`) started from
//! `end2end/oidc/provider.mjs` on a loopback port. Two of them, so a token
//! from one can be presented as if it came from the other.
//!
//! [`Provider::log_in`] does what a person does on the provider's login
//! page, over plain HTTP, and returns where the provider sends the browser
//! back to (the firm's callback with `code` and `state`).

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

pub const CLIENT_ID: &str = "pespro";
pub const CLIENT_SECRET: &str = "pespro-dev-secret";
/// The firm hosts tests use; each has its callback registered.
pub const FIRM_HOSTS: [&str; 2] = ["alpha.localhost", "beta.localhost"];

pub struct Provider {
    pub issuer: String,
}

pub fn provider() -> &'static Provider {
    static A: OnceLock<Provider> = OnceLock::new();
    A.get_or_init(start)
}

/// A second, independent provider (its own issuer).
pub fn other_provider() -> &'static Provider {
    static B: OnceLock<Provider> = OnceLock::new();
    B.get_or_init(start)
}

fn start() -> Provider {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let script = root.join("end2end/oidc/provider.mjs");
    assert!(
        root.join("node_modules/oidc-provider").exists(),
        "no oidc-provider in node_modules: run `scripts/setup.sh test` (npm ci)"
    );
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let issuer = format!("http://127.0.0.1:{port}");
    let callbacks: Vec<String> = FIRM_HOSTS.iter().map(|h| format!("http://{h}/sso/callback")).collect();
    crate::peers::start_peer("oidc-provider", port, move || {
        let mut command = Command::new("node");
        command
            .arg(&script)
            .current_dir(&root)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_REDIRECT_URIS", callbacks.join(","));
        command
    });
    Provider { issuer }
}

/// A browser's cookies, just enough for the provider's login page.
#[derive(Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn keep(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            if let Some((name, value)) = pair.split_once('=') {
                self.0.insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
}

impl Provider {
    /// Opens `authorize_url`, signs in as `login` on the provider's login
    /// page (or cancels when `login` is `None`), and returns the URL the
    /// provider redirects back to.
    pub async fn log_in(&self, authorize_url: &str, login: Option<&str>) -> String {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut jar = Jar::default();
        let mut url = authorize_url.to_owned();
        let mut form: Option<Vec<(&str, &str)>> = None;
        for _ in 0..10 {
            let request = match form.take() {
                Some(fields) => http.post(&url).form(&fields),
                None => http.get(&url),
            };
            let response = request.header("cookie", jar.header()).send().await.unwrap();
            jar.keep(&response);
            if let Some(location) = response.headers().get("location") {
                let location = location.to_str().unwrap();
                let next =
                    if location.starts_with('/') { format!("{}{location}", self.issuer) } else { location.into() };
                if !next.starts_with(&self.issuer) {
                    return next;
                }
                url = next;
                continue;
            }
            // The login page itself: submit it, or cancel as a person would.
            let page = response.text().await.unwrap();
            assert!(page.contains("login"), "expected the provider's login page, got: {page}");
            match login {
                Some(login) => form = Some(vec![("prompt", "login"), ("login", login), ("password", "any")]),
                None => url = format!("{url}/abort"),
            }
        }
        panic!("the provider never sent the browser back");
    }
}
