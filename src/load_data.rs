//! Synthetic firms for the "my week" benchmark (`make bench`): each with 20
//! people, 10 clients, 30 engagements and 5,000 time entries spread over the
//! last 26 weeks — about what a small firm accumulates in half a year. Rows
//! are generated inside PostgreSQL (one round trip per table per firm) and
//! every person shares one precomputed password hash, so seeding a thousand
//! firms takes minutes, not hours of Argon2.

use crate::auth::hash_password;
use crate::db::Database;
use crate::slug::TenantSlug;
use crate::tenancy::{NewTenant, ProvisionError, TenantRegistry, create_tenant};

pub const PEOPLE_PER_FIRM: u32 = 20;
pub const ENTRIES_PER_FIRM: u32 = 5_000;

/// `bench-0001`, `bench-0002`, …
pub fn firm_slug(n: u32) -> String {
    format!("bench-{n:04}")
}

/// Person `p` (1-based) of a firm: `user<p>@<slug>.example`.
pub fn person_email(slug: &str, p: u32) -> String {
    format!("user{p}@{slug}.example")
}

/// Creates firms 1..=`firms` that do not exist yet and fills them. Calls
/// `progress` after each firm.
pub async fn seed(db: &Database, firms: u32, password: &str, progress: &dyn Fn(u32)) -> Result<(), ProvisionError> {
    let hash = hash_password(password);
    for n in 1..=firms {
        let slug = firm_slug(n);
        let new = NewTenant {
            slug: TenantSlug::parse(&slug).expect("benchmark slugs are valid"),
            display_name: crate::brand::DisplayName::parse(&format!("Bench Firm {n}")).expect("valid name"),
            admin_email: None,
            primary: crate::colour::HexColour::parse("#1d4ed8").expect("valid colour"),
            accent: crate::colour::HexColour::parse("#f59e0b").expect("valid colour"),
            logo: None,
        };
        match create_tenant(db, &new).await {
            Ok(_) => {}
            Err(ProvisionError::SlugTaken(_)) => {
                progress(n);
                continue;
            }
            Err(e) => return Err(e),
        }
        let registry = TenantRegistry::load(db).await?;
        let tenant = registry.by_slug(&slug).expect("just created");
        let mut tx = db.tenant_tx(tenant.handle()).await?;
        fill(&mut tx, &slug, &hash).await?;
        tx.commit().await?;
        progress(n);
    }
    Ok(())
}

async fn fill(tx: &mut crate::db::TenantTx, slug: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("insert into clients (name) select 'Client ' || g from generate_series(1, 10) g")
        .execute(tx.conn())
        .await?;
    sqlx::query(
        "insert into engagements (client_id, code, name)
         select c.client_id, 'E' || lpad(g::text, 3, '0'), 'Engagement ' || g
         from generate_series(1, 30) g
         join lateral (select client_id from clients order by client_id offset (g - 1) % 10 limit 1) c on true",
    )
    .execute(tx.conn())
    .await?;
    sqlx::query(
        "insert into users (email, display_name, role, password_hash)
         select 'user' || g || '@' || $1 || '.example', 'Person ' || g,
                case when g = 1 then 'admin' when g <= 4 then 'manager' else 'employee' end, $2
         from generate_series(1, $3) g",
    )
    .bind(slug)
    .bind(hash)
    .bind(PEOPLE_PER_FIRM as i32)
    .execute(tx.conn())
    .await?;
    // Spread over 182 days (26 weeks) back from today, every person and
    // engagement in turn, 15 minutes to 4 hours, one in five non-billable.
    sqlx::query(
        "with u as (select array_agg(user_id order by user_id) ids from users),
              e as (select array_agg(engagement_id order by engagement_id) ids from engagements)
         insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes)
         select u.ids[1 + g % cardinality(u.ids)], e.ids[1 + (g / 20) % cardinality(e.ids)],
                current_date - (g % 182), 15 * (1 + g % 16), g % 5 <> 0, 'Work item ' || g
         from generate_series(1, $1) g, u, e",
    )
    .bind(ENTRIES_PER_FIRM as i32)
    .execute(tx.conn())
    .await?;
    Ok(())
}
