//! The only HTTP client that talks to identity providers. An admin chooses
//! the issuer URL, so without a guard they could make our server fetch
//! internal addresses (cloud metadata, the database host, admin ports):
//! server-side request forgery. Every request here is checked twice — an IP
//! written in the URL, and every address a name resolves to — and private,
//! loopback, link-local and similar targets are refused unless the server's
//! own configuration allow-lists that host (tests and local runs do).
//! Redirects are not followed: a public URL could redirect inward.

use openidconnect::{HttpRequest, HttpResponse};
use std::collections::BTreeSet;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Responses larger than this are refused: discovery documents and key sets
/// are a few kilobytes.
const MAX_BODY: usize = 512 * 1024;

/// Hosts (names or IP literals, lowercase) whose internal addresses the
/// server operator allows, from `PESPRO_OIDC_ALLOW_INTERNAL`.
#[derive(Debug, Clone, Default)]
pub struct InternalAllowList(BTreeSet<String>);

impl InternalAllowList {
    pub fn parse(raw: &str) -> Self {
        Self(raw.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
    }

    fn allows(&self, host: &str) -> bool {
        self.0.contains(&host.trim_matches(['[', ']']).to_ascii_lowercase())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("refused to contact {0}: it is an internal address")]
    InternalAddress(String),
    #[error("the request has no host")]
    NoHost,
    #[error("the response was larger than {MAX_BODY} bytes")]
    TooLarge,
    #[error("HTTP request failed: {0}")]
    Transport(#[from] reqwest::Error),
    #[error("malformed HTTP message: {0}")]
    Http(#[from] openidconnect::http::Error),
}

/// Whether an address is on the public internet. Everything else — the
/// machine itself, private networks, link-local (where cloud metadata
/// lives), carrier-grade NAT, multicast, documentation and reserved ranges —
/// is internal.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || v4.is_multicast()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && v4.octets()[2] == 0))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// Resolves names, then drops the internal addresses of hosts that are not
/// allow-listed; nothing left means the connection is refused.
struct GuardedResolver(Arc<InternalAllowList>);

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow = self.0.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let permitted: Vec<SocketAddr> =
                addrs.into_iter().filter(|a| allow.allows(&host) || is_public(a.ip())).collect();
            if permitted.is_empty() {
                return Err(Box::new(HttpError::InternalAddress(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(permitted.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[derive(Clone)]
pub struct GuardedHttp {
    client: reqwest::Client,
    allow: Arc<InternalAllowList>,
}

impl std::fmt::Debug for GuardedHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardedHttp").field("allow", &self.allow).finish()
    }
}

impl GuardedHttp {
    pub fn new(allow: InternalAllowList) -> Self {
        let allow = Arc::new(allow);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .dns_resolver(Arc::new(GuardedResolver(allow.clone())))
            .build()
            .expect("a TLS backend is compiled in");
        Self { client, allow }
    }

    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let host = request.uri().host().ok_or(HttpError::NoHost)?.trim_matches(['[', ']']).to_owned();
        // IP literals never reach the resolver, so they are checked here.
        if let Ok(ip) = host.parse::<IpAddr>()
            && !is_public(ip)
            && !self.allow.allows(&host)
        {
            return Err(HttpError::InternalAddress(host));
        }
        let request = reqwest::Request::try_from(request.map(reqwest::Body::from))?;
        let mut response = self.client.execute(request).await?;
        let mut builder = openidconnect::http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            builder = builder.header(name, value);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_BODY {
                return Err(HttpError::TooLarge);
            }
        }
        Ok(builder.body(body)?)
    }
}

impl<'c> openidconnect::AsyncHttpClient<'c> for GuardedHttp {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + Sync + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.execute(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_not_public() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(internal.parse().unwrap()), "{internal}");
        }
    }

    #[test]
    fn public_addresses_are_public() {
        for public in ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn a_loopback_issuer_is_refused_unless_allow_listed() {
        let request = || {
            openidconnect::http::Request::get("http://127.0.0.1:9/.well-known/openid-configuration")
                .body(Vec::new())
                .unwrap()
        };

        let refused = GuardedHttp::new(InternalAllowList::default()).execute(request()).await;
        let attempted = GuardedHttp::new(InternalAllowList::parse("127.0.0.1")).execute(request()).await;

        assert!(matches!(refused, Err(HttpError::InternalAddress(_))), "{refused:?}");
        assert!(matches!(attempted, Err(HttpError::Transport(_))), "allowed, so it tried (nothing listens on port 9)");
    }

    #[tokio::test]
    async fn a_name_that_resolves_to_loopback_is_refused() {
        let request = openidconnect::http::Request::get("http://localhost:9/x").body(Vec::new()).unwrap();

        let refused = GuardedHttp::new(InternalAllowList::default()).execute(request).await;

        let message = format!("{:?}", refused.unwrap_err());
        assert!(message.contains("InternalAddress"), "{message}");
    }
}
