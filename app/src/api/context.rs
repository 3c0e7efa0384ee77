//! What a server function knows about its request. The server's host
//! middleware resolved the firm before any of this runs and left it in the
//! request's extensions; a request without one never reaches the app.

use pespro::brand::Theme;

#[cfg(feature = "ssr")]
pub use server_side::{CurrentTenant, RequestContext};

/// The firm's theme on the server; on the client only during hydration is it
/// needed, and then [`leptos::prelude::SharedValue`] reads it from the page.
pub fn request_theme() -> Option<Theme> {
    #[cfg(feature = "ssr")]
    {
        server_side::current_tenant().map(|t| t.0.theme.clone())
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
    use pespro::db::{Database, TenantTx};
    use pespro::tenancy::Tenant;
    use std::sync::Arc;

    /// Put in the request's extensions by the host middleware.
    #[derive(Clone, Debug)]
    pub struct CurrentTenant(pub Arc<Tenant>);

    pub(super) fn current_tenant() -> Option<CurrentTenant> {
        use_context::<http::request::Parts>()?
            .extensions
            .get::<CurrentTenant>()
            .cloned()
    }

    pub struct RequestContext {
        pub tenant: Arc<Tenant>,
        db: Database,
    }

    impl RequestContext {
        pub fn current() -> Result<Self, AppError> {
            let tenant = current_tenant().ok_or(AppError::NotFound)?.0;
            let db = use_context::<Database>()
                .ok_or_else(|| AppError::internal("no database in context"))?;
            Ok(Self { tenant, db })
        }

        /// A transaction confined to this request's firm.
        pub async fn tenant_tx(&self) -> Result<TenantTx, AppError> {
            Ok(self.db.tenant_tx(self.tenant.handle()).await?)
        }
    }
}
