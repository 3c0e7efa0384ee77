//! The operator's command line. Every command that needs the database brings
//! the platform schema up to date first (a no-op costs one query), so each
//! works on a fresh database.

mod backup;
mod person;
mod progress;
mod serve;
mod staff;
mod tenant;

use crate::config::Config;
use crate::startup;
use clap::{Parser, Subcommand};
use pespro::db::Database;
use pespro::db::embedded::EmbeddedPostgres;
use pespro::migrate::{MigrationSet, migrate_platform, migrate_tenants};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "pespro", version, about = "PesPro: one platform, many professional-services firms")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (migrates first unless --no-migrate).
    Serve {
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply platform migrations, then tenant migrations to every firm.
    Migrate,
    /// Manage firms (tenants).
    #[command(subcommand)]
    Tenant(tenant::TenantCommand),
    /// Manage a firm's people.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Manage platform staff (who use the admin console).
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Create the demo firms and their sample data (safe to repeat).
    SeedDemo,
    /// Create synthetic firms for the "my week" benchmark (`make bench`):
    /// bench-0001 … with 20 people, 10 clients, 30 engagements and 5,000
    /// time entries each. Safe to repeat; existing firms are kept.
    SeedBench {
        #[arg(long, default_value_t = 40)]
        firms: u32,
        /// Every person's password.
        #[arg(long, default_value = "pespro-bench-2026")]
        password: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person to a firm; the password is read from standard input.
    Add(person::AddPerson),
}

/// Runs a command; `embedded` is the cluster `main` started, if any.
pub async fn run(command: Command, config: Config, embedded: Option<&EmbeddedPostgres>) -> ExitCode {
    let db = match startup::connect(&config, embedded).await {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    if let Err(e) = migrate_platform(&db, MigrationSet::platform()).await {
        return fail(e);
    }
    let code = match command {
        Command::Serve { no_migrate } => serve::run(&config, db.clone(), !no_migrate).await,
        Command::Migrate => migrate(&db).await,
        Command::Tenant(command) => tenant::run(command, &config, &db, pg_tools(&config, embedded).as_ref()).await,
        Command::Person(PersonCommand::Add(args)) => person::add(args, &db).await,
        Command::Staff(command) => staff::run(command, &admin_url(&config), &db).await,
        Command::SeedDemo => seed_demo(&config, &db).await,
        Command::SeedBench { firms, password } => seed_bench(&db, firms, &password).await,
    };
    db.close().await;
    code
}

/// PostgreSQL's own tools, pointed at the database this command uses.
fn pg_tools(config: &Config, embedded: Option<&EmbeddedPostgres>) -> Option<backup::PgTools> {
    use crate::config::DatabaseSource;
    use pespro::db::embedded::{APP_DATABASE, APP_ROLE, pg_bin_dir};
    match (&config.database, embedded) {
        (DatabaseSource::Url(url), _) => Some(backup::PgTools { bin_dir: pg_bin_dir()?, conninfo: url.clone() }),
        (DatabaseSource::Embedded { .. }, Some(pg)) => {
            Some(backup::PgTools { bin_dir: pg.bin_dir().to_owned(), conninfo: pg.conninfo(APP_ROLE, APP_DATABASE) })
        }
        (DatabaseSource::Embedded { .. }, None) => None,
    }
}

/// Prints one clear line for the operator and returns a failing exit code.
pub fn fail(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("pespro: {error}");
    ExitCode::FAILURE
}

async fn migrate(db: &Database) -> ExitCode {
    let progress = progress::Progress::new("tenant schemas migrated");
    let report = match migrate_tenants(db, MigrationSet::tenant(), &progress.callback()).await {
        Ok(report) => report,
        Err(e) => return fail(e),
    };
    progress.finish();
    if report.pending == 0 {
        println!("Nothing to do: every firm is at tenant schema version {}.", MigrationSet::tenant().latest());
        return ExitCode::SUCCESS;
    }
    println!("Migrated {} of {} firms.", report.migrated.len(), report.pending);
    if report.failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "{} firms failed (they keep their previous schema; run `pespro migrate` again to retry):",
        report.failed.len()
    );
    for failure in &report.failed {
        eprintln!("  {} (id {}): migration {}: {}", failure.slug, failure.tenant_id, failure.version, failure.error);
    }
    ExitCode::FAILURE
}

/// The staff console's address, as `pespro serve` answers it.
fn admin_url(config: &Config) -> String {
    let scheme = if config.https { "https" } else { "http" };
    format!("{scheme}://{}:{}/", config.hosts.admin_host(), config.leptos.site_addr.port())
}

async fn seed_bench(db: &Database, firms: u32, password: &str) -> ExitCode {
    let report_every = (firms / 20).max(1);
    let progress = |n: u32| {
        if n % report_every == 0 || n == firms {
            eprintln!("benchmark firms: {n}/{firms}");
        }
    };
    match pespro::load_data::seed(db, firms, password, &progress).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn seed_demo(config: &Config, db: &Database) -> ExitCode {
    match pespro::demo::seed_demo(db).await {
        Ok(slugs) => {
            let port = config.leptos.site_addr.port();
            println!("Demo firms are ready:");
            for slug in slugs {
                println!("  http://{slug}.{}:{port}/", config.hosts.base_domain());
                println!("      sign in as admin@{slug}.example, manager@{slug}.example or employee@{slug}.example");
                if slug == "harbor-law" {
                    println!("      (and partner@{slug}.example, the second approver of its invoices)");
                }
            }
            println!("Platform staff console: {}", admin_url(config));
            println!("      sign in as {} (TOTP is set up at the first sign-in)", pespro::demo::DEMO_STAFF_EMAIL);
            println!("  password for every demo account: {}", pespro::demo::DEMO_PASSWORD);
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
