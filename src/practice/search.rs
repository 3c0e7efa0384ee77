//! Quick search in the firm's schema: clients, engagements and (for those
//! who manage people) people whose name, code or email contains what was
//! typed. Each kind is one indexed-or-small query with a limit.

use crate::db::TenantTx;
use crate::search::{Found, FoundClient, FoundEngagement, FoundPerson, PER_KIND, contains_pattern};

/// Looks for `looked_for` (already tidied); people only when `with_people`.
pub async fn quick_search(tx: &mut TenantTx, looked_for: &str, with_people: bool) -> Result<Found, sqlx::Error> {
    let pattern = contains_pattern(looked_for);
    let clients: Vec<(i64, String, bool)> = sqlx::query_as(
        "select client_id, name, archived_at is not null from clients
         where name ilike $1 order by archived_at is not null, lower(name) limit $2",
    )
    .bind(&pattern)
    .bind(PER_KIND)
    .fetch_all(tx.conn())
    .await?;
    let engagements: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select e.engagement_id, e.code, e.name, c.name from engagements e join clients c using (client_id)
         where e.code ilike $1 or e.name ilike $1 order by lower(e.code) limit $2",
    )
    .bind(&pattern)
    .bind(PER_KIND)
    .fetch_all(tx.conn())
    .await?;
    let people: Vec<(String, String)> = match with_people {
        true => {
            sqlx::query_as(
                "select display_name, email from users
                 where active and (display_name ilike $1 or email ilike $1) order by lower(display_name) limit $2",
            )
            .bind(&pattern)
            .bind(PER_KIND)
            .fetch_all(tx.conn())
            .await?
        }
        false => Vec::new(),
    };
    Ok(Found {
        looked_for: looked_for.to_owned(),
        clients: clients
            .into_iter()
            .map(|(client_id, name, archived)| FoundClient { client_id, name, archived })
            .collect(),
        engagements: engagements
            .into_iter()
            .map(|(engagement_id, code, name, client_name)| FoundEngagement { engagement_id, code, name, client_name })
            .collect(),
        people: people.into_iter().map(|(display_name, email)| FoundPerson { display_name, email }).collect(),
    })
}
