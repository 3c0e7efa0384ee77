//! Notifications in the firm's schema: who is told when a week or expense
//! moves through the approval engine, a person's list and unread count,
//! and their email choice. Written in the transaction that made the change,
//! so a notice exists exactly when what it tells of committed; the mail
//! worker (`crate::notices_mail`) sends the emails afterwards. Joining the
//! firm is told by a trigger (tenant migration 0021), whichever way the
//! new member came in.

use super::time_zones::Reader;
use crate::access::Role;
use crate::db::TenantTx;
use crate::notice::{EmailChoice, Notice, NoticeKind};
use crate::workflow::{Decision, Document, DocumentKind, Policy, State, pending_for};
use std::collections::HashMap;
use time::OffsetDateTime;

/// The newest notices a person's list shows.
pub const LIST_LENGTH: i64 = 100;

/// A document the engine just moved, named for the people told of it.
#[derive(Clone)]
pub(super) struct Moved<'a> {
    pub doc: &'a Document,
    pub policy: &'a Policy,
    /// How the notice names it ("2026-W48", "42.00 USD on 2026-12-01").
    pub about: String,
    /// Where its approvers look at it, and where its owner does.
    pub for_approvers: String,
    pub for_owner: String,
}

impl<'a> Moved<'a> {
    pub(super) fn week(timesheet_id: i64, start: time::Date, doc: &'a Document, policy: &'a Policy) -> Self {
        let week = crate::week::Week::starting(start);
        Self {
            doc,
            policy,
            about: week.to_string(),
            for_approvers: format!("/approvals/weeks/{timesheet_id}"),
            for_owner: format!("/time?week={week}"),
        }
    }

    pub(super) fn expense(
        minor: i64,
        currency: &str,
        spent_on: time::Date,
        doc: &'a Document,
        policy: &'a Policy,
        formats: crate::formats::Formats,
    ) -> Self {
        let amount = match crate::money::Currency::parse(currency) {
            Ok(currency) => formats.amount(minor, currency),
            Err(_) => format!("{minor} {currency}"),
        };
        let spent_on = formats.date(spent_on);
        Self {
            doc,
            policy,
            about: format!("{amount} of {spent_on}"),
            for_approvers: "/approvals".to_owned(),
            for_owner: "/expenses".to_owned(),
        }
    }
}

/// Just submitted: everyone its first step waits for is told.
pub(super) async fn submitted(tx: &mut TenantTx, moved: &Moved<'_>, state: State) -> Result<(), sqlx::Error> {
    if state != State::Submitted {
        return Ok(());
    }
    // The document as loaded still carries the version of its previous
    // round (or none); it is now under the policy it was submitted with.
    let doc = Document { policy_version: Some(moved.policy.version), ..moved.doc.clone() };
    let to = approvers(tx, &Moved { doc: &doc, ..moved.clone() }, &[]).await?;
    let kind = waiting(moved.doc.kind);
    tell(tx, &to, kind, moved.doc.submitter, &moved.about, &moved.for_approvers, "").await
}

/// Just decided (`decision` added to `before`, the round's earlier ones):
/// a finished round tells the owner how it ended; one that goes on tells
/// the people its next step waits for who were not already waited for.
pub(super) async fn decided(
    tx: &mut TenantTx,
    moved: &Moved<'_>,
    before: &[Decision],
    decision: &Decision,
    next: State,
) -> Result<(), sqlx::Error> {
    let expense = moved.doc.kind == DocumentKind::Expense;
    let (owner, by, about, link) = (moved.doc.submitter, decision.by, &moved.about, &moved.for_owner);
    match next {
        State::Approved => {
            let kind = if expense { NoticeKind::ExpenseApproved } else { NoticeKind::WeekApproved };
            tell(tx, &[owner], kind, by, about, link, "").await
        }
        State::Rejected => {
            let kind = if expense { NoticeKind::ExpenseSentBack } else { NoticeKind::WeekSentBack };
            tell(tx, &[owner], kind, by, about, link, &decision.comment).await
        }
        State::Submitted => {
            let earlier = approvers(tx, moved, before).await?;
            let now: Vec<Decision> = before.iter().cloned().chain([decision.clone()]).collect();
            let to: Vec<i64> = approvers(tx, moved, &now).await?.into_iter().filter(|p| !earlier.contains(p)).collect();
            tell(tx, &to, waiting(moved.doc.kind), owner, about, &moved.for_approvers, "").await
        }
        State::Draft => Ok(()),
    }
}

fn waiting(kind: DocumentKind) -> NoticeKind {
    if kind == DocumentKind::Expense { NoticeKind::ExpenseWaiting } else { NoticeKind::WeekWaiting }
}

/// The active people the document waits for after `decisions`.
async fn approvers(tx: &mut TenantTx, moved: &Moved<'_>, decisions: &[Decision]) -> Result<Vec<i64>, sqlx::Error> {
    let people: Vec<(i64, String)> =
        sqlx::query_as("select user_id, role from users where active and user_id <> $1 order by user_id")
            .bind(moved.doc.submitter)
            .fetch_all(tx.conn())
            .await?;
    Ok(people
        .into_iter()
        .filter_map(|(id, role)| Some((id, Role::parse(&role)?)))
        .filter(|(id, role)| pending_for(*id, *role, State::Submitted, moved.doc, moved.policy, decisions))
        .map(|(id, _)| id)
        .collect())
}

async fn tell(
    tx: &mut TenantTx,
    to: &[i64],
    kind: NoticeKind,
    actor: i64,
    about: &str,
    link: &str,
    comment: &str,
) -> Result<(), sqlx::Error> {
    if to.is_empty() {
        return Ok(());
    }
    tx.wrote("notifications");
    sqlx::query(
        "insert into notifications (user_id, kind, actor_id, about, link, comment)
         select person, $2, $3, $4, $5, $6 from unnest($1::bigint[]) as person",
    )
    .bind(to)
    .bind(kind.as_str())
    .bind(actor)
    .bind(about)
    .bind(link)
    .bind(comment)
    .execute(tx.conn())
    .await
    .map(drop)
}

#[derive(sqlx::FromRow)]
pub(crate) struct NoticeRow {
    pub(crate) notification_id: i64,
    pub(crate) kind: String,
    pub(crate) actor: String,
    pub(crate) about: String,
    pub(crate) link: String,
    pub(crate) comment: String,
    pub(crate) created_at: OffsetDateTime,
    pub(crate) read: bool,
}

impl NoticeRow {
    /// `None` for a kind this build does not know (a newer server's);
    /// `at` is its time as the reader reads it.
    pub(crate) fn into_notice(self, at: String) -> Option<Notice> {
        Some(Notice {
            notification_id: self.notification_id,
            kind: NoticeKind::parse(&self.kind)?,
            actor: self.actor,
            about: self.about,
            link: self.link,
            comment: self.comment,
            at,
            read: self.read,
        })
    }
}

/// The columns of a notice as read, with its actor's current name.
pub(crate) const NOTICE_COLUMNS: &str = "n.notification_id, n.kind, coalesce(a.display_name, 'Someone') as actor,
    n.about, n.link, n.comment, n.created_at, n.read_at is not null as read";

/// A person's newest notices, newest first, their times on `reader`'s clock.
pub async fn my_notices(tx: &mut TenantTx, user_id: i64, reader: Reader<'_>) -> Result<Vec<Notice>, sqlx::Error> {
    let rows: Vec<NoticeRow> = sqlx::query_as(&format!(
        "select {NOTICE_COLUMNS} from notifications n left join users a on a.user_id = n.actor_id
         where n.user_id = $1 order by n.created_at desc, n.notification_id desc limit $2"
    ))
    .bind(user_id)
    .bind(LIST_LENGTH)
    .fetch_all(tx.conn())
    .await?;
    let times: Vec<OffsetDateTime> = rows.iter().map(|r| r.created_at).collect();
    let when = reader.when(tx, &times).await?;
    Ok(rows.into_iter().zip(when).filter_map(|(row, at)| row.into_notice(at)).collect())
}

/// Marks one of the person's notices read and returns where it points;
/// `None` when it is not theirs (or does not exist).
pub async fn open_notice(tx: &mut TenantTx, user_id: i64, notification_id: i64) -> Result<Option<String>, sqlx::Error> {
    tx.wrote("notifications");
    sqlx::query_scalar(
        "update notifications set read_at = coalesce(read_at, now())
         where notification_id = $1 and user_id = $2 returning link",
    )
    .bind(notification_id)
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await
}

/// Marks every unread notice of the person read; returns how many.
pub async fn mark_all_read(tx: &mut TenantTx, user_id: i64) -> Result<u64, sqlx::Error> {
    tx.wrote("notifications");
    let done = sqlx::query("update notifications set read_at = now() where user_id = $1 and read_at is null")
        .bind(user_id)
        .execute(tx.conn())
        .await?;
    Ok(done.rows_affected())
}

/// Everyone's unread count (only people with some), for the header.
pub async fn unread_counts(tx: &mut TenantTx) -> Result<HashMap<i64, u32>, sqlx::Error> {
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("select user_id, count(*) from notifications where read_at is null group by user_id")
            .fetch_all(tx.conn())
            .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX))).collect())
}

pub async fn email_choice(tx: &mut TenantTx, user_id: i64) -> Result<EmailChoice, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar("select email_notifications from users where user_id = $1")
        .bind(user_id)
        .fetch_optional(tx.conn())
        .await?;
    Ok(stored.as_deref().and_then(EmailChoice::parse).unwrap_or_default())
}

pub async fn set_email_choice(tx: &mut TenantTx, user_id: i64, choice: EmailChoice) -> Result<(), sqlx::Error> {
    tx.wrote("users");
    sqlx::query("update users set email_notifications = $2 where user_id = $1")
        .bind(user_id)
        .bind(choice.as_str())
        .execute(tx.conn())
        .await
        .map(drop)
}
