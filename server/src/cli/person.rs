//! `pespro person add`: puts a person into a firm from the command line —
//! how a new firm gets its first administrator until invitations exist.
//! The password is read from standard input (never from arguments, which
//! end up in shell history and process lists).

use super::fail;
use clap::Args;
use pespro::access::Role;
use pespro::auth::{NewUser, create_user};
use pespro::db::Database;
use pespro::email::EmailAddress;
use pespro::person::{PersonName, check_new_password};
use pespro::slug::TenantSlug;
use pespro::tenancy::TenantRegistry;
use std::io::BufRead;
use std::process::ExitCode;

fn role(raw: &str) -> Result<Role, String> {
    Role::parse(raw).ok_or_else(|| "the role is employee, manager or admin".to_owned())
}

#[derive(Debug, Args)]
pub struct AddPerson {
    /// The firm's short name.
    #[arg(long, value_parser = |s: &str| TenantSlug::parse(s).map_err(|e| e.to_string()))]
    firm: TenantSlug,
    #[arg(long, value_parser = |s: &str| EmailAddress::parse(s).map_err(|e| e.to_string()))]
    email: EmailAddress,
    #[arg(long, value_parser = |s: &str| PersonName::parse(s).map_err(|e| e.to_string()))]
    name: PersonName,
    /// employee, manager or admin.
    #[arg(long, value_parser = role)]
    role: Role,
}

pub async fn add(args: AddPerson, db: &Database) -> ExitCode {
    eprintln!("Password for {} (one line on standard input):", args.email);
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() {
        return fail("could not read the password from standard input");
    }
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    if let Err(e) = check_new_password(&password) {
        return fail(format_args!("password: {e}"));
    }
    let registry = match TenantRegistry::load(db).await {
        Ok(registry) => registry,
        Err(e) => return fail(e),
    };
    let Some(firm) = registry.by_slug(args.firm.as_str()) else {
        return fail(format_args!("no firm has the short name “{}”", args.firm));
    };
    let mut user = NewUser {
        email: args.email,
        display_name: args.name,
        role: args.role,
        password: Some(password),
        seat_limit: pespro::flags::FlagValue::Limit(0),
    };
    let result = async {
        let mut tx = db.tenant_tx(firm.handle()).await?;
        // The operator adds people within the firm's plan like anyone else.
        user.seat_limit = pespro::flags::firm_flags(&mut tx, &firm).await?.max_active_users();
        let id = create_user(&mut tx, &user).await?;
        tx.commit().await?;
        Ok::<_, pespro::auth::CreateUserError>(id)
    }
    .await;
    match result {
        Ok(_) => {
            println!(
                "Added {} ({}) to {} as {}.",
                user.display_name,
                user.email,
                firm.theme.display_name,
                user.role.label()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
