//! `pespro staff create`: adds a platform staff account — the only way one
//! comes to exist, since staff are trusted with every firm. The password is
//! read from standard input (never from arguments, which end up in shell
//! history and process lists); TOTP is enrolled at the first sign-in.

use super::fail;
use clap::{Args, Subcommand};
use pespro::db::Database;
use pespro::email::EmailAddress;
use pespro::person::{PersonName, check_new_password};
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff account; the password is read from standard input.
    Create(CreateStaff),
}

#[derive(Debug, Args)]
pub struct CreateStaff {
    #[arg(long, value_parser = |s: &str| EmailAddress::parse(s).map_err(|e| e.to_string()))]
    email: EmailAddress,
    #[arg(long, value_parser = |s: &str| PersonName::parse(s).map_err(|e| e.to_string()))]
    name: PersonName,
}

pub async fn run(command: StaffCommand, admin_url: &str, db: &Database) -> ExitCode {
    let StaffCommand::Create(args) = command;
    eprintln!("Password for {} (one line on standard input):", args.email);
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() {
        return fail("could not read the password from standard input");
    }
    let password = password.trim_end_matches(['\r', '\n']);
    if let Err(e) = check_new_password(password) {
        return fail(format_args!("password: {e}"));
    }
    match pespro::staff::create_staff(db, &args.email, &args.name, password).await {
        Ok(_) => {
            println!("Created staff account {} ({}).", args.name, args.email);
            println!("Sign in at {admin_url} — the first sign-in sets up the authenticator app.");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
