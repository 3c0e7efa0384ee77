//! The platform's audit trail as staff read it on the console: newest
//! first, narrowed by firm, staff member, action and days, a page at a
//! time. Pages are keyed on the entry's id ("older than this one"), so the
//! thousandth page is read as quickly as the first and an entry written
//! meanwhile never shifts what the next page shows.

use super::StaffAction;
use super::totp::percent_encode;
use crate::db::Database;
use crate::my_week::parse_date;
use crate::slug::TenantSlug;
use serde::Deserialize;
use time::Date;

/// Entries on one page.
pub const PAGE: usize = 50;

/// The filter form as typed (a `GET` query, so a page can be bookmarked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct TypedTrailFilter {
    #[serde(default)]
    pub firm: String,
    #[serde(default)]
    pub staff: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Entries older than this id (the "Older" link).
    #[serde(default)]
    pub before: Option<i64>,
}

impl TypedTrailFilter {
    /// The address of the page of entries older than `before`, keeping the
    /// filter.
    pub fn older(&self, before: i64) -> String {
        let fields = [
            ("firm", &self.firm),
            ("staff", &self.staff),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ];
        let mut query: Vec<String> = fields
            .iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(name, value)| format!("{name}={}", percent_encode(value.trim())))
            .collect();
        query.push(format!("before={before}"));
        format!("/trail?{}", query.join("&"))
    }
}

/// The filter, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrailFilter {
    firm: Option<TenantSlug>,
    /// Lower-case; matched against the email the entry records.
    staff: Option<String>,
    action: Option<StaffAction>,
    from: Option<Date>,
    to: Option<Date>,
    before: Option<i64>,
}

/// The filter, or what is wrong with it, as a sentence naming the field.
pub fn parse_filter(typed: &TypedTrailFilter) -> Result<TrailFilter, String> {
    let given = |raw: &str| Some(raw.trim()).filter(|raw| !raw.is_empty()).map(str::to_owned);
    let firm = given(&typed.firm).map(|raw| TenantSlug::parse(&raw)).transpose().map_err(|e| format!("Firm: {e}."))?;
    let action = given(&typed.action)
        .map(|raw| StaffAction::parse(&raw).ok_or("Action: choose one of the listed actions."))
        .transpose()?;
    let date = |raw: &str, field: &str| {
        given(raw)
            .map(|raw| parse_date(&raw))
            .transpose()
            .map_err(|_| format!("{field}: enter a date like 2026-12-31."))
    };
    let (from, to) = (date(&typed.from, "From")?, date(&typed.to, "To")?);
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        return Err("To: choose a day on or after From.".to_owned());
    }
    let staff = given(&typed.staff).map(|raw| raw.to_lowercase());
    Ok(TrailFilter { firm, staff, action, from, to, before: typed.before })
}

/// One entry, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailEntry {
    pub id: i64,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub at: String,
    pub actor: String,
    pub action: String,
    /// The firm's short name, when the entry names one still on the platform.
    pub firm: Option<String>,
    pub reason: String,
    pub detail: String,
    pub client_address: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TrailRow {
    platform_audit_event_id: i64,
    at: String,
    actor_label: String,
    action: String,
    slug: Option<String>,
    reason: String,
    detail: String,
    client_address: Option<String>,
}

/// A page of entries, newest first, and the id to ask for the next (older)
/// page with, when there is one.
pub async fn read_trail(db: &Database, filter: &TrailFilter) -> Result<(Vec<TrailEntry>, Option<i64>), sqlx::Error> {
    let rows: Vec<TrailRow> = sqlx::query_as(
        "select e.platform_audit_event_id,
                to_char(e.occurred_at at time zone 'utc', 'YYYY-MM-DD HH24:MI \"UTC\"') as at,
                e.actor_label, e.action, t.slug, e.reason, e.detail, host(e.client_address) as client_address
         from platform.platform_audit_events e
         left join platform.tenants t using (tenant_id)
         where ($1::text is null or t.slug = $1)
           and ($2::text is null or lower(e.actor_label) = $2)
           and ($3::text is null or e.action = $3)
           and ($4::date is null or e.occurred_at >= $4::timestamp at time zone 'utc')
           and ($5::date is null or e.occurred_at < ($5 + 1)::timestamp at time zone 'utc')
           and ($6::bigint is null or e.platform_audit_event_id < $6)
         order by e.platform_audit_event_id desc
         limit $7",
    )
    .bind(filter.firm.as_ref().map(TenantSlug::as_str))
    .bind(filter.staff.as_deref())
    .bind(filter.action.map(StaffAction::as_str))
    .bind(filter.from)
    .bind(filter.to)
    .bind(filter.before)
    .bind(PAGE as i64 + 1)
    .fetch_all(db.pool())
    .await?;
    let more = rows.len() > PAGE;
    let entries: Vec<TrailEntry> = rows
        .into_iter()
        .take(PAGE)
        .map(|row| TrailEntry {
            id: row.platform_audit_event_id,
            at: row.at,
            actor: row.actor_label,
            action: row.action,
            firm: row.slug,
            reason: row.reason,
            detail: row.detail,
            client_address: row.client_address,
        })
        .collect();
    let next = if more { entries.last().map(|entry| entry.id) } else { None };
    Ok((entries, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> TypedTrailFilter {
        TypedTrailFilter {
            firm: "alpha".to_owned(),
            staff: " Sam@PesPro.example ".to_owned(),
            action: "staff.firm.suspended".to_owned(),
            from: "2026-12-01".to_owned(),
            to: "2026-12-07".to_owned(),
            before: Some(40),
        }
    }

    #[test]
    fn an_empty_form_shows_everything() {
        assert_eq!(parse_filter(&TypedTrailFilter::default()), Ok(TrailFilter::default()));
    }

    #[test]
    fn a_complete_filter_is_read_with_the_staff_email_in_lower_case() {
        let filter = parse_filter(&typed()).unwrap();
        assert_eq!(filter.staff.as_deref(), Some("sam@pespro.example"));
        assert_eq!(filter.action, Some(StaffAction::FirmSuspended));
        assert_eq!(filter.before, Some(40));
    }

    #[test]
    fn a_day_that_is_not_a_date_or_a_range_backwards_is_refused_by_field() {
        let bad_day = parse_filter(&TypedTrailFilter { from: "yesterday".to_owned(), ..typed() }).unwrap_err();
        assert!(bad_day.starts_with("From: "), "{bad_day}");
        let backwards = parse_filter(&TypedTrailFilter { to: "2026-11-30".to_owned(), ..typed() }).unwrap_err();
        assert!(backwards.starts_with("To: "), "{backwards}");
    }

    #[test]
    fn the_older_page_keeps_the_filter() {
        let typed =
            TypedTrailFilter { firm: "alpha".to_owned(), staff: "a b@x".to_owned(), ..TypedTrailFilter::default() };
        assert_eq!(typed.older(17), "/trail?firm=alpha&staff=a%20b@x&before=17");
    }

    #[test]
    fn an_unknown_action_is_refused() {
        let refused = parse_filter(&TypedTrailFilter { action: "drop table".to_owned(), ..typed() }).unwrap_err();
        assert_eq!(refused, "Action: choose one of the listed actions.");
    }
}
