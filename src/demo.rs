//! Demo firms for `make run`: three kinds of practice with their own names,
//! logos, colours, clients, engagements and people (one per role), and one
//! platform staff account. Safe to run again: existing
//! firms and records are left as they are.

use crate::access::Role;
use crate::auth::{CreateUserError, NewUser, create_user};
use crate::brand::{DisplayName, LogoUrl};
use crate::colour::HexColour;
use crate::db::Database;
use crate::email::EmailAddress;
use crate::flags::{FlagValue, Plan, StaffActor};
use crate::person::PersonName;
use crate::slug::TenantSlug;
use crate::staff::CreateStaffError;
use crate::tenancy::{NewTenant, ProvisionError, TenantRegistry, create_tenant};

/// Every demo account's password; `pespro seed-demo` prints it.
pub const DEMO_PASSWORD: &str = "pespro-demo-2026";

/// The demo platform staff account (same password). Its TOTP is set up at
/// the first sign-in, like any staff account's: there is no demo key.
pub const DEMO_STAFF_EMAIL: &str = "staff@pespro.example";
const DEMO_STAFF_NAME: &str = "Sam Support";

/// (local part of the email, name, role); the domain is `<slug>.example`.
const PEOPLE: &[(&str, &str, Role)] = &[
    ("admin", "Avery Admin", Role::Admin),
    ("manager", "Morgan Manager", Role::Manager),
    ("employee", "Emery Employee", Role::Employee),
];

struct DemoFirm {
    slug: &'static str,
    name: &'static str,
    primary: &'static str,
    accent: &'static str,
    /// (client, [(engagement code, engagement name)])
    clients: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    /// Its plan, a staff override (flag, value, reason) and the firm's own
    /// setting (flag, value): three firms, three feature sets.
    plan: Plan,
    staff_override: Option<(&'static str, FlagValue, &'static str)>,
    firm_setting: Option<(&'static str, FlagValue)>,
}

const FIRMS: &[DemoFirm] = &[
    DemoFirm {
        slug: "ledgerline",
        name: "Ledgerline Accounting",
        primary: "#1e3a8a",
        accent: "#f59e0b",
        clients: &[
            ("Acme Holdings", &[("ACM-AUDIT", "Year-end audit 2026"), ("ACM-TAX", "Corporate tax return")]),
            ("Brightwater Bakery", &[("BWB-BOOKS", "Monthly bookkeeping")]),
            ("Copperfield Dental", &[("CPD-PAYROLL", "Payroll service")]),
        ],
        plan: Plan::Starter,
        staff_override: None,
        firm_setting: None,
    },
    DemoFirm {
        slug: "northstar",
        name: "Northstar Creative",
        primary: "#be185d",
        accent: "#14b8a6",
        clients: &[
            ("Fjord Outdoor Gear", &[("FJD-LAUNCH", "Spring campaign launch"), ("FJD-SOCIAL", "Social retainer")]),
            ("Greenleaf Organics", &[("GLO-BRAND", "Brand refresh")]),
        ],
        plan: Plan::Team,
        staff_override: Some(("timer", FlagValue::On, "Pilot customer")),
        firm_setting: None,
    },
    DemoFirm {
        slug: "harbor-law",
        name: "Harbor & Finch Law",
        primary: "#14532d",
        accent: "#ca8a04",
        clients: &[
            ("Marlow Shipping Ltd", &[("MAR-2026-014", "Charter dispute"), ("MAR-2026-021", "Fleet financing")]),
            ("Estate of R. Whitaker", &[("WHI-PROBATE", "Probate administration")]),
        ],
        plan: Plan::Enterprise,
        staff_override: None,
        firm_setting: Some(("expenses", FlagValue::Off)),
    },
];

/// A new demo firm's plan, staff override and own setting. Only when the
/// firm is created, so changes made to it since are kept.
async fn demo_flags(db: &Database, id: crate::tenant::TenantId, firm: &DemoFirm) -> Result<(), sqlx::Error> {
    crate::flags::set_plan(db, id, firm.plan).await?;
    if let Some((key, value, reason)) = firm.staff_override {
        let by = StaffActor { staff_id: None, email: "demo data" };
        crate::flags::set_staff_override(db, id, key, Some(value), reason, &by).await?;
    }
    if let Some((key, value)) = firm.firm_setting {
        let registry = TenantRegistry::load(db).await?;
        let tenant = registry.all().into_iter().find(|t| t.id == id).expect("demo firm was just created");
        let mut tx = db.tenant_tx(tenant.handle()).await?;
        crate::flags::set_firm_setting(&mut tx, key, Some(value)).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Creates the demo firms that are missing and fills in their sample data.
/// Returns the slugs of all demo firms.
pub async fn seed_demo(db: &Database) -> Result<Vec<String>, ProvisionError> {
    for firm in FIRMS {
        let new = NewTenant {
            slug: TenantSlug::parse(firm.slug).expect("demo slug is valid"),
            display_name: DisplayName::parse(firm.name).expect("demo name is valid"),
            admin_email: None,
            primary: HexColour::parse(firm.primary).expect("demo colour is valid"),
            accent: HexColour::parse(firm.accent).expect("demo colour is valid"),
            logo: Some(LogoUrl::parse(&format!("/brand/{}.svg", firm.slug)).expect("demo logo is valid")),
            plan: crate::flags::Plan::Team,
        };
        match create_tenant(db, &new).await {
            Ok(id) => demo_flags(db, id, firm).await?,
            Err(ProvisionError::SlugTaken(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let registry = TenantRegistry::load(db).await?;
    for firm in FIRMS {
        let tenant = registry.by_slug(firm.slug).expect("demo firm was just created");
        let mut tx = db.tenant_tx(tenant.handle()).await?;
        for (client, engagements) in firm.clients {
            sqlx::query("insert into clients (name) values ($1) on conflict ((lower(name))) do nothing")
                .bind(client)
                .execute(tx.conn())
                .await?;
            for (code, name) in *engagements {
                sqlx::query(
                    "insert into engagements (client_id, code, name)
                     select client_id, $2, $3 from clients where lower(name) = lower($1)
                     on conflict (code) do nothing",
                )
                .bind(client)
                .bind(code)
                .bind(name)
                .execute(tx.conn())
                .await?;
            }
        }
        for (local, name, role) in PEOPLE {
            let user = NewUser {
                email: EmailAddress::parse(&format!("{local}@{}.example", firm.slug)).expect("demo email is valid"),
                display_name: PersonName::parse(name).expect("demo name is valid"),
                role: *role,
                password: Some(DEMO_PASSWORD.to_owned()),
                // Three people fit every plan.
                seat_limit: FlagValue::Unlimited,
            };
            match create_user(&mut tx, &user).await {
                Ok(_) | Err(CreateUserError::EmailTaken(_) | CreateUserError::SeatLimit(_)) => {}
                Err(CreateUserError::Db(e)) => return Err(e.into()),
            }
        }
        if firm.slug == "harbor-law" {
            // A law firm's invoices need two partners' approval: a second
            // approver besides the administrator.
            let partner = NewUser {
                email: EmailAddress::parse("partner@harbor-law.example").expect("demo email is valid"),
                display_name: PersonName::parse("Parker Partner").expect("demo name is valid"),
                role: Role::Manager,
                password: Some(DEMO_PASSWORD.to_owned()),
                seat_limit: FlagValue::Unlimited,
            };
            match create_user(&mut tx, &partner).await {
                Ok(_) | Err(CreateUserError::EmailTaken(_) | CreateUserError::SeatLimit(_)) => {}
                Err(CreateUserError::Db(e)) => return Err(e.into()),
            }
        }
        seed_this_week(&mut tx, &format!("employee@{}.example", firm.slug)).await?;
        crate::demo_rates::seed_rates(&mut tx).await?;
        crate::demo_practice::seed_practice(&mut tx, firm.slug).await?;
        let today = time::OffsetDateTime::now_utc().date();
        crate::demo_invoices::seed_invoicing(&mut tx, firm.slug, today).await.map_err(|e| match e {
            crate::practice::invoices::InvoiceError::Db(db) => ProvisionError::Db(db),
            // A refusal here is a fault in the demo data itself: say which.
            other => ProvisionError::Db(sqlx::Error::Protocol(format!("demo invoices for {}: {other}", firm.slug))),
        })?;
        crate::demo_accounting::seed_accounting(&mut tx, firm.slug).await?;
        crate::demo_reports::seed_reports(&mut tx, firm.slug, today).await?;
        tx.commit().await?;
    }
    let staff_email = EmailAddress::parse(DEMO_STAFF_EMAIL).expect("demo staff email is valid");
    let staff_name = PersonName::parse(DEMO_STAFF_NAME).expect("demo staff name is valid");
    match crate::staff::create_staff(db, &staff_email, &staff_name, DEMO_PASSWORD, crate::staff::StaffRole::Owner).await
    {
        Ok(_) | Err(CreateStaffError::EmailTaken(_)) => {}
        Err(CreateStaffError::Db(e)) => return Err(e.into()),
    }
    Ok(FIRMS.iter().map(|f| f.slug.to_owned()).collect())
}

/// Gives `email` a plausible week so far — client work and a meeting on each
/// weekday up to today — unless they already have time (seeding is re-run
/// by every `make run`).
async fn seed_this_week(tx: &mut crate::db::TenantTx, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes)
         select u.user_id, e.engagement_id, d::date, m.minutes, m.billable, m.notes
         from users u
         cross join generate_series(date_trunc('week', current_date), current_date, interval '1 day') d
         cross join (values (180, true, 'Client work'), (60, false, 'Team meeting')) m (minutes, billable, notes)
         join lateral (select engagement_id from engagements where status = 'active' order by code limit 1) e on true
         where lower(u.email) = lower($1) and extract(isodow from d) <= 5
           and not exists (select from time_entries t where t.user_id = u.user_id)",
    )
    .bind(email)
    .execute(tx.conn())
    .await?;
    Ok(())
}
