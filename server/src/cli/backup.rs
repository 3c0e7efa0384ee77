//! `pespro tenant backup|restore|delete`: one firm on its own, with
//! PostgreSQL's own tools. A backup file is plain text: one comment line
//! carrying the manifest (the platform's rows about the firm and its row
//! counts, JSON), then `pg_dump --data-only` of the firm's schema. A restore
//! makes a new firm (new id, schema and role) at the backup's schema
//! version, loads the rows with `psql` in one transaction as that firm's
//! role, checks every table's count, then migrates it to this build's
//! version; on any failure the new firm is removed again. Other firms are
//! never touched: the rows only ever name the new firm's schema.

use pespro::db::Database;
use pespro::migrate::{MigrationSet, migrate_tenants};
use pespro::slug::TenantSlug;
use pespro::staff::{PlatformEntry, StaffAction, record_platform};
use pespro::tenancy::{self, BACKUP_FORMAT, Manifest};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// PostgreSQL's programs and how they reach the application's database.
pub struct PgTools {
    pub bin_dir: PathBuf,
    pub conninfo: String,
}

impl PgTools {
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(self.bin_dir.join(program));
        command.arg("--dbname").arg(&self.conninfo);
        command
    }
}

pub async fn backup(db: &Database, tools: &PgTools, slug: &str, file: &Path) -> Result<(), String> {
    let (manifest, _) = tenancy::read_manifest(db, slug).await.map_err(|e| e.to_string())?;
    let dump = tools
        .command("pg_dump")
        .args(["--data-only", "--format=plain", "--no-owner", "--no-privileges", "--schema"])
        .arg(&manifest.schema_name)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run pg_dump: {e}"))?;
    if !dump.status.success() {
        return Err(format!("pg_dump failed: {}", String::from_utf8_lossy(&dump.stderr).trim()));
    }
    let header = serde_json::to_string(&manifest).map_err(|e| e.to_string())?;
    let mut out = std::fs::File::create(file).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    writeln!(out, "-- {BACKUP_FORMAT}: {header}")
        .and_then(|()| out.write_all(&dump.stdout))
        .map_err(|e| e.to_string())?;
    let rows: i64 = manifest.row_counts.values().sum();
    println!("Backed up {slug}: {rows} rows in {} tables, to {}.", manifest.row_counts.len(), file.display());
    Ok(())
}

pub async fn restore(db: &Database, tools: &PgTools, file: &Path, as_slug: Option<TenantSlug>) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let (manifest, dump) = parse_backup(&text)?;
    let slug = match as_slug {
        Some(slug) => slug,
        None => TenantSlug::parse(&manifest.slug).map_err(|e| format!("the backup's short name: {e}"))?,
    };
    let handle = tenancy::prepare_restore(db, &manifest, &slug).await.map_err(|e| e.to_string())?;
    let loaded = async {
        let script = tenancy::load_script(db, &handle, &manifest, dump).await.map_err(|e| e.to_string())?;
        run_psql(tools, &script)?;
        tenancy::check_restored(db, &handle, &manifest).await.map_err(|e| e.to_string())
    }
    .await;
    if let Err(error) = loaded {
        if let Err(cleanup) = tenancy::discard_restore(db, &handle).await {
            return Err(format!("{error} (and the half-made firm could not be removed: {cleanup})"));
        }
        return Err(format!("{error}; nothing was kept"));
    }
    migrate_tenants(db, MigrationSet::tenant(), &|_| {}).await.map_err(|e| e.to_string())?;
    let detail = format!("restored from a backup of {} ({})", manifest.slug, file.display());
    audit(db, StaffAction::TenantRestored, Some(handle.tenant_id()), &detail).await?;
    let rows: i64 = manifest.row_counts.values().sum();
    println!("Restored {} as {slug}: {rows} rows in {} tables.", manifest.slug, manifest.row_counts.len());
    Ok(())
}

/// Removes a suspended firm after its retention period, writing a final
/// backup first: the operator keeps the firm's last state.
pub async fn delete(
    db: &Database,
    tools: &PgTools,
    slug: &str,
    retention_days: i64,
    final_backup: &Path,
) -> Result<(), String> {
    backup(db, tools, slug, final_backup).await?;
    let id = tenancy::delete_firm(db, slug, retention_days).await.map_err(|e| e.to_string())?;
    let ended = pespro::auth::end_sessions_of_firm(db, id).await.map_err(|e| e.to_string())?;
    // The firm's row is gone, so the entry names it in words.
    let detail = format!("deleted {slug} (id {id}); final backup {}; {ended} sessions ended", final_backup.display());
    audit(db, StaffAction::TenantDeleted, None, &detail).await?;
    println!("Deleted {slug} (its final backup is {}).", final_backup.display());
    Ok(())
}

/// The manifest and the rows of a backup file.
fn parse_backup(text: &str) -> Result<(Manifest, &str), String> {
    let not_a_backup = || "this file is not a PesPro firm backup".to_owned();
    let (first, rows) = text.split_once('\n').ok_or_else(not_a_backup)?;
    let json = first.strip_prefix("-- ").and_then(|l| l.strip_prefix(BACKUP_FORMAT)).and_then(|l| l.strip_prefix(": "));
    let manifest =
        serde_json::from_str(json.ok_or_else(not_a_backup)?).map_err(|e| format!("{}: {e}", not_a_backup()))?;
    Ok((manifest, rows))
}

/// Runs `script` with `psql`, stopping at the first error, in one
/// transaction: a failure leaves the new firm's tables as they were.
fn run_psql(tools: &PgTools, script: &str) -> Result<(), String> {
    let mut child = tools
        .command("psql")
        .args(["--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--file", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run psql: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("psql has no input")?;
    let writer = {
        let script = script.to_owned();
        std::thread::spawn(move || stdin.write_all(script.as_bytes()))
    };
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("loading the rows failed: {}", String::from_utf8_lossy(&output.stderr).trim()))
    }
}

async fn audit(
    db: &Database,
    action: StaffAction,
    tenant: Option<pespro::tenant::TenantId>,
    detail: &str,
) -> Result<(), String> {
    let entry = PlatformEntry { actor_label: "operator (pespro CLI)", tenant_id: tenant, detail, ..Default::default() };
    record_platform(db, action, &entry).await.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_the_header_is_not_a_backup() {
        assert_eq!(parse_backup("COPY x FROM stdin;\n").unwrap_err(), "this file is not a PesPro firm backup");
    }
}
