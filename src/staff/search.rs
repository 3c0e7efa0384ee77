//! Staff support starts from "a user wrote in": find the firm by its name,
//! short name or one of its hostnames, or the person by (part of) their
//! email in every firm. Firms are matched in memory (the registry holds
//! them all); people are looked for in each firm's own schema through its
//! tenant transaction, a few firms at a time, so the search obeys the same
//! isolation as every other read — PostgreSQL lets each query see one firm.

use crate::access::Role;
use crate::db::{Database, TenantTx};
use crate::tenancy::Tenant;
use futures::StreamExt;
use std::sync::Arc;

/// The fewest characters worth looking for a person with: shorter would
/// list half the platform.
pub const MIN_EMAIL_CHARS: usize = 3;
/// At most this many people are listed, however many match.
pub const MOST_PEOPLE: usize = 50;

/// What staff typed, tidied: trimmed and lower-case, since names, short
/// names, hostnames and emails are all compared without case.
pub fn needle(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// Whether a firm answers to `needle` (already [`needle`]d): by name, short
/// name or any hostname containing it.
pub fn firm_matches(needle: &str, name: &str, slug: &str, hostnames: &[String]) -> bool {
    !needle.is_empty()
        && (name.to_lowercase().contains(needle)
            || slug.contains(needle)
            || hostnames.iter().any(|host| host.contains(needle)))
}

/// One person found, and the firm they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPerson {
    pub slug: String,
    pub firm_name: String,
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

#[derive(sqlx::FromRow)]
struct MatchRow {
    user_id: i64,
    email: String,
    display_name: String,
    role: String,
    active: bool,
}

/// The firm's people whose email contains `needle`.
async fn people_with_email(tx: &mut TenantTx, needle: &str) -> Result<Vec<MatchRow>, sqlx::Error> {
    // strpos, not like: what staff paste may hold `%` or `_`.
    sqlx::query_as(
        "select user_id, email, display_name, role, active from users
         where strpos(lower(email), $1) > 0
         order by lower(email) limit $2",
    )
    .bind(needle)
    .bind(MOST_PEOPLE as i64)
    .fetch_all(tx.conn())
    .await
}

/// People in every firm whose email contains `needle` (already
/// [`needle`]d, at least [`MIN_EMAIL_CHARS`]), by email, at most
/// [`MOST_PEOPLE`]; and whether there were more.
pub async fn people_by_email(
    db: &Database,
    firms: &[Arc<Tenant>],
    needle: &str,
) -> Result<(Vec<FoundPerson>, bool), sqlx::Error> {
    if needle.chars().count() < MIN_EMAIL_CHARS {
        return Ok((Vec::new(), false));
    }
    // Half the pool: a search must not starve the firms' own requests.
    let width = (db.max_connections() / 2).max(1) as usize;
    let mut reads = futures::stream::iter(firms.iter().cloned())
        .map(|firm| async move {
            let mut tx = db.tenant_tx(firm.handle()).await?;
            let rows = people_with_email(&mut tx, needle).await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>((firm, rows))
        })
        .buffer_unordered(width);
    let mut found = Vec::new();
    while let Some(read) = reads.next().await {
        let (firm, rows) = read?;
        found.extend(rows.into_iter().filter_map(|row| {
            Some(FoundPerson {
                slug: firm.slug.as_str().to_owned(),
                firm_name: firm.theme.display_name.as_str().to_owned(),
                user_id: row.user_id,
                role: Role::parse(&row.role)?,
                email: row.email,
                display_name: row.display_name,
                active: row.active,
            })
        }));
    }
    found.sort_by(|a, b| (a.email.to_lowercase(), &a.slug).cmp(&(b.email.to_lowercase(), &b.slug)));
    let more = found.len() > MOST_PEOPLE;
    found.truncate(MOST_PEOPLE);
    Ok((found, more))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_firm_is_found_by_part_of_its_name_in_any_case() {
        assert!(firm_matches(&needle(" HARBOR "), "Harbor Law", "hl", &[]));
    }

    #[test]
    fn a_firm_is_found_by_its_short_name_or_a_hostname() {
        let hosts = ["time.harborlaw.example".to_owned()];
        assert!(firm_matches("hl", "Harbor Law", "hl", &hosts));
        assert!(firm_matches("harborlaw.example", "Harbor", "hl", &hosts));
    }

    #[test]
    fn nothing_typed_finds_no_firm() {
        assert!(!firm_matches(&needle("  "), "Harbor Law", "hl", &[]));
        assert!(!firm_matches("ledger", "Harbor Law", "hl", &[]));
    }
}
