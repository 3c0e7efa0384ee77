//! Firms on the platform: provisioning a new one (schema, role, migrations,
//! defaults — all or nothing), changing its status, hostnames, custom domains or branding, backing one
//! up, restoring and removing it on its own, and the in-memory registry every
//! request is resolved against.

mod admin;
mod backup;
mod branding;
mod domains;
mod dump;
mod provision;
mod registry;
mod store;

pub use admin::{AdminError, add_hostname, add_hostname_by, set_status};
pub use backup::{
    BACKUP_FORMAT, BackupError, Manifest, check_restored, delete_firm, discard_restore, load_script, prepare_restore,
    read_manifest, row_counts,
};
pub use branding::{
    BrandImage, StoredLogo, logo_address, remove_image, save_image, save_theme, stored_logo, stored_theme,
};
pub use domains::{DomainError, add_domain, every_domain, firm_domains, make_primary, remove_domain};
pub use dump::{DumpError, retarget};
pub use provision::{NewTenant, ProvisionError, create_tenant, create_tenant_with};
pub use registry::{Tenant, TenantRegistry};
pub use store::list_tenants;
