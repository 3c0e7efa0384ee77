//! What a server function knows about its request. The server's middleware
//! resolved the firm (from the host) and the signed-in person (from the
//! session) before any of this runs, and left both in the request's
//! extensions; a request for no firm never reaches the app.

use pespro::access::CurrentUser;
use pespro::brand::Theme;

#[cfg(feature = "ssr")]
pub use server_side::{
    ClientAddress, CurrentTenant, FirmFeatures, Impersonation, Outbound, RequestContext, RequestHost, SIGNED_IN,
    SSO_PENDING, SignedIn, SignedInUser, SiteRoot, SsoServices,
};

/// The firm's theme on the server; in the browser only hydration needs it,
/// and then [`leptos::prelude::SharedValue`] reads it back from the page.
pub fn request_theme() -> Option<Theme> {
    #[cfg(feature = "ssr")]
    {
        server_side::extension::<CurrentTenant>().map(|t| t.0.theme.clone())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The firm's uploaded tab icon, read the same way as [`request_theme`].
pub fn request_icon() -> Option<pespro::brand::LogoUrl> {
    #[cfg(feature = "ssr")]
    {
        server_side::extension::<CurrentTenant>().and_then(|t| t.0.icon.clone())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The signed-in person, read the same way as [`request_theme`].
pub fn request_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        server_side::extension::<SignedInUser>().map(|u| u.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[cfg(feature = "ssr")]
mod server_side {
    use crate::error::AppError;
    use leptos::prelude::use_context;
    use pespro::access::{CurrentUser, Permission};
    use pespro::db::{Database, TenantTx};
    use pespro::flags::{Feature, FirmFlags};
    use pespro::tenancy::Tenant;
    use serde::{Deserialize, Serialize};
    use std::sync::Arc;
    use tower_sessions::Session;

    /// Put in the request's extensions by the host middleware.
    #[derive(Clone, Debug)]
    pub struct CurrentTenant(pub Arc<Tenant>);

    /// Put in the request's extensions by the session middleware once the
    /// session's person is found active in this request's firm.
    #[derive(Clone, Debug)]
    pub struct SignedInUser(pub CurrentUser);

    /// The firm's flags for this request, resolved by the session
    /// middleware (in the transaction that found the person) from the
    /// registry's plan and overrides and the firm's own settings. Present
    /// whenever [`SignedInUser`] is.
    #[derive(Clone, Debug)]
    pub struct FirmFeatures(pub Arc<FirmFlags>);

    /// Where the request came from (the peer, or behind a trusted proxy the
    /// address it reports), for throttling and the audit trail.
    #[derive(Clone, Copy, Debug)]
    pub struct ClientAddress(pub Option<std::net::IpAddr>);

    /// The host the client asked for (behind a trusted proxy, the one it
    /// reported): links sent by email point back to it.
    #[derive(Clone, Debug)]
    pub struct RequestHost(pub String);

    /// What server functions need to reach people outside the request:
    /// the mailer, and whether links they send should say https.
    #[derive(Clone, Debug)]
    pub struct Outbound {
        pub mailer: pespro::mail::Mailer,
        pub https: bool,
        /// The port in emailed links; with `hosts`, they never depend on
        /// the request's `Host` header.
        pub public_port: Option<u16>,
        pub hosts: pespro::host::HostRules,
    }

    /// The folder the site's own files are served from (`LEPTOS_SITE_ROOT`):
    /// a firm's logo given as a path on the platform is read from here to
    /// draw its invoice PDFs.
    #[derive(Clone, Debug)]
    pub struct SiteRoot(pub std::sync::Arc<std::path::Path>);

    /// What single sign-on needs beyond the request: the key that seals
    /// client secrets, and the one HTTP client allowed to reach providers.
    #[derive(Clone, Debug)]
    pub struct SsoServices {
        pub secret_key: pespro::secrets::SecretKey,
        pub http: pespro::sso::GuardedHttp,
    }

    /// The session key of a single sign-on attempt in progress.
    pub const SSO_PENDING: &str = "sso_pending";

    /// The session key, and what a session remembers about who signed in.
    /// The firm is part of it: a session is worth nothing on another firm.
    pub const SIGNED_IN: &str = "signed_in";

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct SignedIn {
        pub tenant_id: i64,
        pub user_id: i64,
        /// The person's credentials epoch when the session began.
        pub session_epoch: i32,
        /// Present when a platform staff member is acting as this person.
        /// Part of the same record, so a session can never lose the marker
        /// while keeping the sign-in.
        #[serde(default)]
        pub impersonation: Option<Impersonation>,
    }

    /// Who is impersonating, why, and until when (Unix seconds): the session
    /// middleware ends the session once that time has passed.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Impersonation {
        pub staff_id: i64,
        pub staff_name: String,
        pub reason: String,
        pub expires_at: i64,
        /// The grant allows changing money and approval rules.
        #[serde(default)]
        pub may_change_money_rules: bool,
    }

    pub(super) fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
        use_context::<http::request::Parts>()?.extensions.get::<T>().cloned()
    }

    pub struct RequestContext {
        pub tenant: Arc<Tenant>,
        pub user: Option<CurrentUser>,
        pub features: Option<Arc<FirmFlags>>,
        pub client_address: Option<std::net::IpAddr>,
        pub db: Database,
    }

    impl RequestContext {
        pub fn current() -> Result<Self, AppError> {
            let tenant = extension::<CurrentTenant>().ok_or(AppError::NotFound)?.0;
            let user = extension::<SignedInUser>().map(|u| u.0);
            let features = extension::<FirmFeatures>().map(|f| f.0);
            let client_address = extension::<ClientAddress>().and_then(|a| a.0);
            let db = use_context::<Database>().ok_or_else(|| AppError::internal("no database in context"))?;
            Ok(Self { tenant, user, features, client_address, db })
        }

        /// The signed-in person, if they may do `permission`.
        pub fn authorize(&self, permission: Permission) -> Result<&CurrentUser, AppError> {
            let user = self.user.as_ref().ok_or(AppError::Unauthenticated)?;
            if user.may(permission) { Ok(user) } else { Err(AppError::Forbidden) }
        }

        /// The firm's flags, as resolved for this request. Only signed-in
        /// requests have them (call after [`Self::authorize`]).
        pub fn flags(&self) -> Result<&FirmFlags, AppError> {
            match (&self.user, &self.features) {
                (None, _) => Err(AppError::Unauthenticated),
                (Some(_), Some(features)) => Ok(features),
                (Some(_), None) => Err(AppError::internal("a signed-in request without the firm's flags")),
            }
        }

        /// Refuses with a sentence naming the feature and who can change it
        /// when `feature` is off for this firm.
        pub fn require_feature(&self, feature: Feature) -> Result<(), AppError> {
            match self.flags()?.refusal(feature) {
                None => Ok(()),
                Some(sentence) => Err(AppError::PlanLimit(sentence)),
            }
        }

        /// A transaction confined to this request's firm. What it writes of
        /// the firm's data kept in memory is dropped from this process's
        /// copy when it commits (`TenantTx::wrote`).
        pub async fn tenant_tx(&self) -> Result<TenantTx, AppError> {
            let tx = self.db.tenant_tx(self.tenant.handle()).await?;
            Ok(match use_context::<pespro::firm_data::FirmData>() {
                Some(data) => tx.report_to(data, self.tenant.handle()),
                None => tx,
            })
        }

        /// A link to `path` on this request's own host.
        pub fn link(&self, path: &str) -> Result<String, AppError> {
            let outbound = self.outbound()?;
            let host = extension::<RequestHost>().ok_or_else(|| AppError::internal("no request host"))?.0;
            Ok(format!("{}://{host}{path}", if outbound.https { "https" } else { "http" }))
        }

        /// A link to this firm for an email: its primary host and the
        /// configured port, whatever host and port this request named.
        pub fn email_link(&self, path: &str) -> Result<String, AppError> {
            let outbound = self.outbound()?;
            // The firm's chosen domain once it has one (served: the
            // registry names a primary only while it is proven).
            let (slug, primary) = (&self.tenant.slug, self.tenant.primary_host.as_deref());
            Ok(outbound.hosts.firm_base(slug, primary, outbound.https, outbound.public_port) + path)
        }

        /// Records what the signed-in person did in the firm's audit trail,
        /// in the transaction that did it.
        pub async fn audit(
            &self,
            tx: &mut TenantTx,
            action: pespro::audit::AuditAction,
            subject: &str,
            detail: &str,
        ) -> Result<(), AppError> {
            let user = self.user.as_ref().ok_or(AppError::Unauthenticated)?;
            let entry = pespro::audit::AuditEntry {
                actor_user_id: Some(user.user_id),
                actor_label: &user.audit_label(),
                action,
                subject,
                detail,
                client_address: self.client_address,
            };
            pespro::audit::record(tx, &entry).await?;
            Ok(())
        }

        pub fn outbound(&self) -> Result<Outbound, AppError> {
            use_context::<Outbound>().ok_or_else(|| AppError::internal("no mailer in context"))
        }

        pub fn site_root(&self) -> Result<SiteRoot, AppError> {
            use_context::<SiteRoot>().ok_or_else(|| AppError::internal("no site root in context"))
        }

        pub fn sso(&self) -> Result<SsoServices, AppError> {
            use_context::<SsoServices>().ok_or_else(|| AppError::internal("no SSO services in context"))
        }

        /// The firm data cached in this process (`pespro::firm_data`).
        pub fn firm_data(&self) -> Result<pespro::firm_data::FirmData, AppError> {
            use_context::<pespro::firm_data::FirmData>().ok_or_else(|| AppError::internal("no firm data in context"))
        }

        pub fn session(&self) -> Result<Session, AppError> {
            extension::<Session>().ok_or_else(|| AppError::internal("no session layer"))
        }
    }
}
