//! The migrations compiled into this build, with their checksums.

use sha2::{Digest, Sha256};
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub version: i32,
    pub name: String,
    pub sql: String,
    /// SHA-256 of `sql`, hex: recorded when applied, compared on every run.
    pub checksum: String,
}

impl Migration {
    pub fn new(version: i32, name: &str, sql: &str) -> Self {
        let checksum = Sha256::digest(sql.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        Self { version, name: name.to_owned(), sql: sql.to_owned(), checksum }
    }
}

/// An ordered list of migrations numbered 1, 2, 3…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationSet(Vec<Migration>);

macro_rules! embedded {
    ($dir:literal: $($version:literal => $name:literal),* $(,)?) => {
        vec![$(Migration::new(
            $version,
            $name,
            include_str!(concat!("../../migrations/", $dir, "/", $name, ".sql")),
        )),*]
    };
}

impl MigrationSet {
    /// # Panics
    /// When versions are not exactly 1, 2, 3…: a gap or a duplicate is a
    /// programming error that must not reach a database.
    pub fn new(migrations: Vec<Migration>) -> Self {
        for (index, migration) in migrations.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1, "migrations must be numbered 1, 2, 3…");
        }
        Self(migrations)
    }

    /// The platform migrations compiled into this build.
    pub fn platform() -> &'static Self {
        static SET: LazyLock<MigrationSet> = LazyLock::new(|| {
            MigrationSet::new(embedded!(
                "platform": 1 => "0001_tenants", 2 => "0002_sign_in_throttle", 3 => "0003_staff", 4 => "0004_flags",
                5 => "0005_sign_in_attempts", 6 => "0006_impersonation_scope",
                7 => "0007_tenant_offboarding", 8 => "0008_session_notify", 9 => "0009_custom_domains",
                10 => "0010_firm_icons", 11 => "0011_staff_roles"
            ))
        });
        &SET
    }

    /// The tenant migrations compiled into this build.
    pub fn tenant() -> &'static Self {
        static SET: LazyLock<MigrationSet> = LazyLock::new(|| {
            MigrationSet::new(
                embedded!("tenant": 1 => "0001_practice", 2 => "0002_users", 3 => "0003_audit_events", 4 => "0004_account_tokens", 5 => "0005_sso", 6 => "0006_time_entries", 7 => "0007_approvals", 8 => "0008_client_details", 9 => "0009_expenses", 10 => "0010_time_imports", 11 => "0011_timers", 12 => "0012_rates", 13 => "0013_expense_approvals", 14 => "0014_client_contacts", 15 => "0015_invoices",
                    16 => "0016_firm_data_notify", 17 => "0017_firm_logos", 18 => "0018_accounting_exports",
                    19 => "0019_invitations", 20 => "0020_imported_drafts", 21 => "0021_notifications", 22 => "0022_time_zones",
                    23 => "0023_first_day_of_week", 24 => "0024_people_notify", 25 => "0025_engagements_notify",
                    26 => "0026_report_capacity", 27 => "0027_report_schedules"),
            )
        });
        &SET
    }

    /// The version a fully migrated schema has (0 for an empty set).
    pub fn latest(&self) -> i32 {
        self.0.len() as i32
    }

    pub fn get(&self, version: i32) -> Option<&Migration> {
        usize::try_from(version - 1).ok().and_then(|i| self.0.get(i))
    }

    /// The migrations a schema at `version` still needs.
    pub fn after(&self, version: i32) -> &[Migration] {
        &self.0[usize::try_from(version).unwrap_or(0).min(self.0.len())..]
    }

    /// The first `version` migrations only: for provisioning a schema as an
    /// older build would have (benchmarks and tests of catching up).
    pub fn up_to(&self, version: i32) -> Self {
        Self(self.0[..usize::try_from(version).unwrap_or(0).min(self.0.len())].to_vec())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Migration> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(dir);
        let mut names: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter_map(|n| n.strip_suffix(".sql").map(str::to_owned))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_platform_migration_file_is_compiled_in() {
        let listed: Vec<String> = MigrationSet::platform().iter().map(|m| m.name.clone()).collect();
        assert_eq!(listed, files_in("platform"));
    }

    #[test]
    fn every_tenant_migration_file_is_compiled_in() {
        let listed: Vec<String> = MigrationSet::tenant().iter().map(|m| m.name.clone()).collect();
        assert_eq!(listed, files_in("tenant"));
    }

    #[test]
    fn a_checksum_changes_when_the_sql_changes() {
        assert_ne!(Migration::new(1, "a", "select 1").checksum, Migration::new(1, "a", "select 2").checksum);
        assert_eq!(Migration::new(1, "a", "select 1").checksum.len(), 64);
    }

    #[test]
    fn after_returns_what_a_schema_still_needs() {
        let set = MigrationSet::new(vec![Migration::new(1, "one", "select 1"), Migration::new(2, "two", "select 2")]);
        assert_eq!(set.after(0).len(), 2);
        assert_eq!(set.after(1)[0].name, "two");
        assert!(set.after(2).is_empty());
        assert!(set.after(7).is_empty());
        assert_eq!(set.up_to(1).latest(), 1);
    }

    #[test]
    #[should_panic(expected = "numbered")]
    fn a_gap_in_numbering_is_refused() {
        MigrationSet::new(vec![Migration::new(2, "two", "select 2")]);
    }
}
