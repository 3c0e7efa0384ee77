//! Firms on the platform: provisioning a new one (schema, role, migrations,
//! defaults — all or nothing), changing its status or hostnames, and the
//! in-memory registry every request is resolved against.

mod admin;
mod provision;
mod registry;
mod store;

pub use admin::{AdminError, add_hostname, set_status};
pub use provision::{NewTenant, ProvisionError, create_tenant, create_tenant_with};
pub use registry::{Tenant, TenantRegistry};
pub use store::list_tenants;
