//! `pespro tenant …`: create, list, suspend, resume and add hostnames to
//! firms; back one up, restore it, remove it (`backup.rs`). Arguments are
//! parsed with the domain's own rules, so a bad slug or colour is refused
//! before anything touches the database.

use super::backup::{self, PgTools};
use super::fail;
use crate::config::Config;
use clap::Subcommand;
use pespro::brand::{DEFAULT_ACCENT, DEFAULT_PRIMARY, DisplayName, LogoUrl};
use pespro::colour::HexColour;
use pespro::db::Database;
use pespro::email::EmailAddress;
use pespro::host::Hostname;
use pespro::slug::TenantSlug;
use pespro::tenancy::{self, NewTenant};
use pespro::tenant::TenantStatus;
use std::path::PathBuf;
use std::process::ExitCode;

fn slug(raw: &str) -> Result<TenantSlug, String> {
    TenantSlug::parse(raw).map_err(|e| e.to_string())
}
fn display_name(raw: &str) -> Result<DisplayName, String> {
    DisplayName::parse(raw).map_err(|e| e.to_string())
}
fn email(raw: &str) -> Result<EmailAddress, String> {
    EmailAddress::parse(raw).map_err(|e| e.to_string())
}
fn colour(raw: &str) -> Result<HexColour, String> {
    HexColour::parse(raw).map_err(|e| e.to_string())
}
fn logo(raw: &str) -> Result<LogoUrl, String> {
    LogoUrl::parse(raw).map_err(|e| e.to_string())
}
fn hostname(raw: &str) -> Result<Hostname, String> {
    Hostname::parse(raw).map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a firm: its schema, its own database role, migrations and defaults.
    Create {
        /// Short name used in its address: <slug>.<base domain>.
        #[arg(long, value_parser = slug)]
        slug: TenantSlug,
        /// The name shown to people.
        #[arg(long, value_parser = display_name)]
        name: DisplayName,
        /// The firm's first administrator.
        #[arg(long, value_parser = email)]
        admin_email: Option<EmailAddress>,
        /// Brand colour, like #1e3a8a.
        #[arg(long, value_parser = colour)]
        primary: Option<HexColour>,
        /// Accent colour, like #f59e0b.
        #[arg(long, value_parser = colour)]
        accent: Option<HexColour>,
        /// Logo: a path on this server (/brand/x.svg) or an https:// address.
        #[arg(long, value_parser = logo)]
        logo_url: Option<LogoUrl>,
    },
    /// List every firm with its status, schema version and hostnames.
    List,
    /// Close a firm's workspace (its data stays).
    Suspend {
        #[arg(value_parser = slug)]
        slug: TenantSlug,
    },
    /// Reopen a suspended firm's workspace.
    Resume {
        #[arg(value_parser = slug)]
        slug: TenantSlug,
    },
    /// Make a firm answer on a custom hostname too.
    AddHost {
        #[arg(value_parser = slug)]
        slug: TenantSlug,
        #[arg(value_parser = hostname)]
        hostname: Hostname,
    },
    /// Write one firm's data and platform settings to a file (pg_dump).
    Backup {
        #[arg(value_parser = slug)]
        slug: TenantSlug,
        file: PathBuf,
    },
    /// Make a firm from a backup file: under its own short name, or another.
    Restore {
        file: PathBuf,
        /// Restore as a new firm with this short name (the original may stay).
        #[arg(long = "as", value_parser = slug)]
        as_slug: Option<TenantSlug>,
    },
    /// Remove a suspended firm for good, after its retention period: writes a
    /// final backup, then drops its schema, role, platform rows and sessions.
    Delete {
        #[arg(value_parser = slug)]
        slug: TenantSlug,
        /// Where the final backup goes (required: nothing is deleted unkept).
        #[arg(long)]
        final_backup: PathBuf,
        /// Days the firm must have been suspended.
        #[arg(long, default_value_t = 30)]
        retention_days: i64,
    },
}

pub async fn run(command: TenantCommand, config: &Config, db: &Database, tools: Option<&PgTools>) -> ExitCode {
    let tools =
        || tools.ok_or_else(|| "PostgreSQL's programs (pg_dump, psql) were not found; set PESPRO_PG_BINDIR".to_owned());
    let result = match command {
        TenantCommand::Create { slug, name, admin_email, primary, accent, logo_url } => {
            let new = NewTenant {
                slug,
                display_name: name,
                admin_email,
                primary: primary.unwrap_or(DEFAULT_PRIMARY),
                accent: accent.unwrap_or(DEFAULT_ACCENT),
                logo: logo_url,
                plan: pespro::flags::Plan::Team,
            };
            tenancy::create_tenant(db, &new)
                .await
                .map(|id| {
                    let port = config.leptos.site_addr.port();
                    println!(
                        "Created {} (id {id}): http://{}.{}:{port}/",
                        new.display_name,
                        new.slug,
                        config.hosts.base_domain()
                    );
                })
                .map_err(|e| e.to_string())
        }
        TenantCommand::List => list(db).await,
        TenantCommand::Suspend { slug } => tenancy::set_status(db, &slug, TenantStatus::Suspended)
            .await
            .map(|()| println!("Suspended {slug}."))
            .map_err(|e| e.to_string()),
        TenantCommand::Resume { slug } => tenancy::set_status(db, &slug, TenantStatus::Active)
            .await
            .map(|()| println!("Resumed {slug}."))
            .map_err(|e| e.to_string()),
        TenantCommand::AddHost { slug, hostname } => tenancy::add_hostname(db, &config.hosts, &slug, &hostname)
            .await
            .map(|()| println!("{slug} now also answers on {hostname}."))
            .map_err(|e| e.to_string()),
        TenantCommand::Backup { slug, file } => match tools() {
            Ok(tools) => backup::backup(db, tools, slug.as_str(), &file).await,
            Err(e) => Err(e),
        },
        TenantCommand::Restore { file, as_slug } => match tools() {
            Ok(tools) => backup::restore(db, tools, &file, as_slug).await,
            Err(e) => Err(e),
        },
        TenantCommand::Delete { slug, final_backup, retention_days } => match tools() {
            Ok(tools) => backup::delete(db, tools, slug.as_str(), retention_days, &final_backup).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

async fn list(db: &Database) -> Result<(), String> {
    let tenants = tenancy::list_tenants(db).await.map_err(|e| e.to_string())?;
    if tenants.is_empty() {
        println!("No firms yet. Create one with `pespro tenant create --slug <slug> --name <name>`.");
        return Ok(());
    }
    println!("{:>6}  {:<24} {:<10} {:>6}  {:<32} hostnames", "id", "slug", "status", "schema", "name");
    for t in tenants {
        println!(
            "{:>6}  {:<24} {:<10} {:>6}  {:<32} {}",
            t.id,
            t.slug,
            t.status.as_str(),
            t.schema_version,
            t.theme.display_name,
            t.hostnames.join(", ")
        );
    }
    Ok(())
}
