//! The rows the hours table groups: recorded time summed per person, day,
//! engagement and billable flag in one grouped statement over ids (cheap
//! to send), with the names it is grouped under read once per person and
//! engagement. Every recorded entry counts, whatever its approval state:
//! the table answers "where did the time go", not "what may be billed".

use crate::access::Role;
use crate::db::TenantTx;
use crate::reports::hours::HoursEntry;
use crate::reports::period::Period;
use std::collections::HashMap;
use time::Date;

pub async fn hours_entries(tx: &mut TenantTx, period: &Period) -> Result<Vec<HoursEntry>, sqlx::Error> {
    let rows: Vec<(Date, i64, i64, bool, i64)> = sqlx::query_as(
        "select work_date, user_id, engagement_id, billable, sum(minutes)::int8
         from time_entries
         where work_date between $1 and $2
         group by 1, 2, 3, 4",
    )
    .bind(period.from)
    .bind(period.to)
    .fetch_all(tx.conn())
    .await?;
    let people: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
        "select u.user_id, u.display_name, t.name, u.role
         from users u left join team_members m using (user_id) left join teams t using (team_id)",
    )
    .fetch_all(tx.conn())
    .await?;
    let people: HashMap<i64, (String, Option<String>, &str)> = people
        .into_iter()
        .map(|(id, name, team, role)| (id, (name, team, Role::parse(&role).map_or("", Role::label))))
        .collect();
    let engagements: Vec<(i64, String, String)> = sqlx::query_as(
        "select e.engagement_id, c.name, e.code || ' — ' || e.name
         from engagements e join clients c on c.client_id = e.client_id",
    )
    .fetch_all(tx.conn())
    .await?;
    let engagements: HashMap<i64, (String, String)> =
        engagements.into_iter().map(|(id, client, engagement)| (id, (client, engagement))).collect();
    Ok(rows
        .into_iter()
        .filter_map(|(date, user_id, engagement_id, billable, minutes)| {
            let (person, team, role) = people.get(&user_id)?;
            let (client, engagement) = engagements.get(&engagement_id)?;
            Some(HoursEntry {
                date,
                person: person.clone(),
                team: team.clone(),
                role: (*role).to_owned(),
                client: client.clone(),
                engagement: engagement.clone(),
                billable,
                minutes: u64::try_from(minutes).unwrap_or(0),
            })
        })
        .collect())
}
