//! The demo firms' teams, approval workflows and engagement terms: three
//! firms, three ways of approving a week, so a visitor sees that the
//! difference is configuration; and budgets, so engagement pages show burn.
//!
//! * Ledgerline (accountants): a week under 10 hours is approved on
//!   submission; longer weeks go to the submitter's manager.
//! * Northstar (agency): one step, the submitter's manager.
//! * Harbor & Finch (law): two approvals by different managers or partners.

use crate::access::Role;
use crate::db::TenantTx;
use crate::workflow::{DocumentKind, Measure, Rule};

/// The timesheet rules of the demo firm `slug`.
pub fn timesheet_rules(slug: &str) -> Vec<Rule> {
    match slug {
        "ledgerline" => vec![
            Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, currency: None, only_for: None },
            Rule::SubmitterManager { only_for: None },
        ],
        "harbor-law" => vec![Rule::Approvals { count: 2, role: Role::Manager, only_for: None }],
        _ => vec![Rule::SubmitterManager { only_for: None }],
    }
}

/// Two teams (the partners, run by the admin, with the manager in it; and
/// delivery, run by the manager, with the employee), a budget on the first
/// engagement, a contact at the first client, and the firm's timesheet
/// policy unless one was saved already.
/// Safe to re-run.
pub async fn seed_practice(tx: &mut TenantTx, slug: &str) -> Result<(), sqlx::Error> {
    for (team, manager, member) in [("Partners", "admin", "manager"), ("Delivery", "manager", "employee")] {
        let manager = format!("{manager}@{slug}.example");
        let member = format!("{member}@{slug}.example");
        sqlx::query(
            "insert into teams (name, manager_id)
             select $1, user_id from users where lower(email) = $2
             on conflict ((lower(name))) do nothing",
        )
        .bind(team)
        .bind(&manager)
        .execute(tx.conn())
        .await?;
        sqlx::query(
            "insert into team_members (user_id, team_id)
             select u.user_id, t.team_id from users u, teams t
             where lower(u.email) = $1 and lower(t.name) = lower($2)
             on conflict (user_id) do nothing",
        )
        .bind(&member)
        .bind(team)
        .execute(tx.conn())
        .await?;
    }
    let saved: bool =
        sqlx::query_scalar("select exists (select from approval_policies where document_kind = 'timesheet')")
            .fetch_one(tx.conn())
            .await?;
    // Each firm's first engagement gets a 40-hour budget and the manager as
    // owner, once (an admin's later edits are kept).
    sqlx::query(
        "update engagements set budget_minutes = 2400, owner_id = (select user_id from users where lower(email) = $1)
         where engagement_id = (select min(engagement_id) from engagements) and budget_minutes is null
           and budget_minor is null and owner_id is null",
    )
    .bind(format!("manager@{slug}.example"))
    .execute(tx.conn())
    .await?;
    // The first client's finance contact, once.
    sqlx::query(
        "insert into client_contacts (client_id, name, email, role)
         select min(client_id), 'Dana Lee', 'dana.lee@client.example', 'Finance director' from clients
         having min(client_id) is not null and not exists (select from client_contacts)",
    )
    .execute(tx.conn())
    .await?;
    if !saved {
        let admin: i64 = sqlx::query_scalar("select user_id from users where lower(email) = $1")
            .bind(format!("admin@{slug}.example"))
            .fetch_one(tx.conn())
            .await?;
        crate::practice::save_policy(tx, DocumentKind::Timesheet, &timesheet_rules(slug), admin).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_demo_firms_approve_weeks_in_three_different_ways() {
        let rules: Vec<_> = ["ledgerline", "northstar", "harbor-law"].map(timesheet_rules).into();
        assert_ne!(rules[0], rules[1]);
        assert_ne!(rules[1], rules[2]);
        assert_ne!(rules[0], rules[2]);
        let directory = [(1, Role::Admin), (2, Role::Manager), (3, Role::Employee)];
        for rules in rules {
            let policy = crate::workflow::Policy { version: 2, rules };
            let (errors, warnings) = policy.validate(&directory);
            assert!(errors.is_empty() && warnings.is_empty(), "{errors:?} {warnings:?}");
        }
    }
}
