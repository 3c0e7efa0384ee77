//! `pespro staff create`: adds a platform staff account — the only way one
//! comes to exist, since staff are trusted with every firm. The password is
//! read from standard input (never from arguments, which end up in shell
//! history and process lists); TOTP is enrolled at the first sign-in.
//! `pespro staff reset-totp` clears a key so the next sign-in enrols anew
//! (a lost phone; a key sealed before keys were bound to their account).

use super::fail;
use clap::{Args, Subcommand};
use pespro::db::Database;
use pespro::email::EmailAddress;
use pespro::person::{PersonName, check_new_password};
use pespro::staff::StaffRole;
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff account; the password is read from standard input.
    Create(CreateStaff),
    /// Clear a staff member's authenticator key: the next sign-in sets up a new one.
    ResetTotp {
        #[arg(long, value_parser = |s: &str| EmailAddress::parse(s).map_err(|e| e.to_string()))]
        email: EmailAddress,
    },
}

#[derive(Debug, Args)]
pub struct CreateStaff {
    #[arg(long, value_parser = |s: &str| EmailAddress::parse(s).map_err(|e| e.to_string()))]
    email: EmailAddress,
    #[arg(long, value_parser = |s: &str| PersonName::parse(s).map_err(|e| e.to_string()))]
    name: PersonName,
    /// support (read, impersonate), operator (also run firms) or owner (also manage staff).
    #[arg(long, default_value = "owner", value_parser = |s: &str| StaffRole::parse(s).ok_or("the role is support, operator or owner"))]
    role: StaffRole,
}

pub async fn run(command: StaffCommand, admin_url: &str, db: &Database) -> ExitCode {
    let args = match command {
        StaffCommand::Create(args) => args,
        StaffCommand::ResetTotp { email } => return reset_totp(db, &email).await,
    };
    eprintln!("Password for {} (one line on standard input):", args.email);
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() {
        return fail("could not read the password from standard input");
    }
    let password = password.trim_end_matches(['\r', '\n']);
    if let Err(e) = check_new_password(password) {
        return fail(format_args!("password: {e}"));
    }
    match pespro::staff::create_staff(db, &args.email, &args.name, password, args.role).await {
        Ok(_) => {
            println!("Created staff account {} ({}) as {}.", args.name, args.email, args.role.label());
            println!("Sign in at {admin_url} — the first sign-in sets up the authenticator app.");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

async fn reset_totp(db: &Database, email: &EmailAddress) -> ExitCode {
    use pespro::staff::{PlatformEntry, StaffAction, record_platform};
    match pespro::staff::reset_totp(db, email).await {
        Ok(true) => {
            let entry =
                PlatformEntry { actor_label: "operator (pespro CLI)", detail: email.as_str(), ..Default::default() };
            if let Err(e) = record_platform(db, StaffAction::TotpReset, &entry).await {
                return fail(e);
            }
            println!("Cleared the authenticator key of {email}: their next sign-in sets up a new one.");
            ExitCode::SUCCESS
        }
        Ok(false) => fail(format_args!("no staff account has the email {email}")),
        Err(e) => fail(e),
    }
}
