//! Emailing notifications. The notices themselves are written in the
//! transaction that caused them (`practice::notices`); this worker sends
//! their emails afterwards, so a slow or refusing SMTP server never holds
//! up an approval, and nothing is lost when it is down: a notice stays
//! "not emailed" until it went (or a few tries failed).
//!
//! Every server process runs one. A new notice wakes them at once (the
//! `pespro_mail` channel, sent after commit by tenant migration 0021's
//! trigger, payload the firm's schema); a sweep over every firm every few
//! minutes sends daily digests when due and retries, and e-mails the
//! saved reports whose day has come (`report_mail`). Rows are taken with
//! `for update skip locked`, so with several processes each notice is
//! handled by one of them. A crash between sending and committing sends
//! that message again: at least once, never silently not at all.

use crate::db::{Database, TenantTx};
use crate::host::HostRules;
use crate::mail::{Mailer, Outgoing};
use crate::notice::{EmailChoice, Notice, digest_due, digest_subject, email_body};
use crate::practice::notices::{NOTICE_COLUMNS, NoticeRow};
use crate::tenancy::{Tenant, TenantRegistry};
use crate::tenant::TenantStatus;
use std::time::Duration;
use time::{OffsetDateTime, PrimitiveDateTime};

const CHANNEL: &str = "pespro_mail";
/// Failed sends before a notice is no longer emailed (it stays in the app).
const MOST_ATTEMPTS: i32 = 5;
/// Notices one pass takes from one firm; the rest wait for the next pass.
const BATCH: i64 = 500;

/// What the worker needs, cheap to clone.
#[derive(Clone)]
pub struct NoticeMail {
    pub db: Database,
    pub registry: TenantRegistry,
    pub mailer: Mailer,
    /// For the links in the emails (as `RequestContext::email_link`).
    pub hosts: HostRules,
    pub https: bool,
    pub public_port: Option<u16>,
}

/// What one pass over a firm did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub emails: usize,
    /// Notices dealt with without an email (the person chose none, or left).
    pub skipped: usize,
    pub failed: usize,
}

impl NoticeMail {
    /// Sends as notices arrive and sweeps every `sweep_every`, until dropped.
    pub async fn run(self, sweep_every: Duration) {
        let (wake, mut woken) = tokio::sync::mpsc::unbounded_channel::<Option<String>>();
        let listener = {
            let (db, all, one) = (self.db.clone(), wake.clone(), wake.clone());
            // A (re)subscription may have missed notices: sweep everything.
            tokio::spawn(async move {
                db.follow(CHANNEL, move || drop(all.send(None)), move |schema| drop(one.send(Some(schema.to_owned()))))
                    .await
            })
        };
        let mut sweep = tokio::time::interval(sweep_every);
        loop {
            let firm = tokio::select! {
                _ = sweep.tick() => None,
                heard = woken.recv() => match heard {
                    Some(firm) => firm,
                    None => break,
                },
            };
            let firms = self.registry.all().into_iter().filter(|t| t.status == TenantStatus::Active);
            for tenant in firms.filter(|t| firm.as_deref().is_none_or(|schema| t.handle().schema_name() == schema)) {
                if let Err(error) = self.deliver(&tenant, OffsetDateTime::now_utc()).await {
                    tracing::warn!(tenant.id = %tenant.id, %error, "could not email notifications; will retry");
                }
                // Scheduled reports are due by the day: the sweep is soon enough.
                if firm.is_none()
                    && let Err(error) = self.send_due_reports(&tenant).await
                {
                    tracing::warn!(tenant.id = %tenant.id, %error, "could not email scheduled reports; will retry");
                }
            }
        }
        listener.abort();
    }

    /// One pass over one firm as of `now`: every notice whose email is due.
    pub async fn deliver(&self, tenant: &Tenant, now: OffsetDateTime) -> Result<Delivered, sqlx::Error> {
        let mut tx = self.db.tenant_tx(tenant.handle()).await?;
        let rows = waiting(&mut tx, now).await?;
        let formats = crate::practice::formats::firm_formats(&mut tx).await?;
        let base = self.hosts.firm_base(&tenant.slug, tenant.primary_host.as_deref(), self.https, self.public_port);
        let firm = tenant.theme.display_name.to_string();
        let mut done = Delivered::default();
        for person in group_by_person(rows, formats) {
            let ids: Vec<i64> = person.notices.iter().map(|n| n.notification_id).collect();
            let emails: Vec<(String, Vec<Notice>)> = match person.choice {
                _ if !person.active => Vec::new(),
                EmailChoice::Never => Vec::new(),
                EmailChoice::Immediate => person.notices.into_iter().map(|n| (n.subject(), vec![n])).collect(),
                EmailChoice::Daily if digest_due(person.oldest, person.now) => {
                    vec![(digest_subject(&firm, person.notices.len()), person.notices)]
                }
                EmailChoice::Daily => continue,
            };
            if emails.is_empty() {
                done.skipped += ids.len();
                mark(&mut tx, &ids, true).await?;
            }
            for (subject, notices) in emails {
                let ids: Vec<i64> = notices.iter().map(|n| n.notification_id).collect();
                let body = email_body(&firm, &notices, &base);
                let sent = self.mailer.send(Outgoing { to: &person.email, subject: &subject, body }).await;
                if let Err(error) = &sent {
                    tracing::warn!(tenant.id = %tenant.id, user.id = person.user_id, %error, "a notification email failed");
                    done.failed += 1;
                } else {
                    done.emails += 1;
                }
                mark(&mut tx, &ids, sent.is_ok()).await?;
            }
        }
        tx.commit().await?;
        Ok(done)
    }
}

#[derive(sqlx::FromRow)]
struct WaitingRow {
    user_id: i64,
    email: String,
    email_notifications: String,
    active: bool,
    /// When the notice was written and the pass's "now", both on the
    /// person's clock (their zone, else the firm's): digests go at their
    /// morning, not the server's.
    local_created: PrimitiveDateTime,
    local_now: PrimitiveDateTime,
    #[sqlx(flatten)]
    notice: NoticeRow,
}

async fn waiting(tx: &mut TenantTx, now: OffsetDateTime) -> Result<Vec<WaitingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "with firm as (select coalesce((select value #>> '{{}}' from firm_settings where setting_key = 'time_zone'), 'UTC') as zone)
         select u.user_id, u.email, u.email_notifications, u.active,
                n.created_at at time zone coalesce(u.time_zone, firm.zone) as local_created,
                $3::timestamptz at time zone coalesce(u.time_zone, firm.zone) as local_now,
                {NOTICE_COLUMNS}
         from notifications n cross join firm join users u on u.user_id = n.user_id
              left join users a on a.user_id = n.actor_id
         where n.emailed_at is null and n.email_attempts < $1
         order by n.user_id, n.notification_id
         limit $2
         for update of n skip locked"
    ))
    .bind(MOST_ATTEMPTS)
    .bind(BATCH)
    .bind(now)
    .fetch_all(tx.conn())
    .await
}

/// Marks notices emailed (or not wanted), or counts a failed try.
async fn mark(tx: &mut TenantTx, ids: &[i64], sent: bool) -> Result<(), sqlx::Error> {
    let query = if sent {
        sqlx::query("update notifications set emailed_at = now() where notification_id = any($1)")
    } else {
        sqlx::query("update notifications set email_attempts = email_attempts + 1 where notification_id = any($1)")
    };
    query.bind(ids).execute(tx.conn()).await.map(drop)
}

/// One person's notices waiting for email, oldest first.
struct Person {
    user_id: i64,
    email: String,
    choice: EmailChoice,
    active: bool,
    /// On the person's clock.
    oldest: PrimitiveDateTime,
    now: PrimitiveDateTime,
    notices: Vec<Notice>,
}

fn group_by_person(rows: Vec<WaitingRow>, formats: crate::formats::Formats) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for row in rows {
        let created = row.local_created;
        let Some(notice) = row.notice.into_notice(formats.when(created)) else { continue };
        match people.last_mut() {
            Some(person) if person.user_id == row.user_id => {
                person.oldest = person.oldest.min(created);
                person.notices.push(notice);
            }
            _ => people.push(Person {
                user_id: row.user_id,
                email: row.email,
                choice: EmailChoice::parse(&row.email_notifications).unwrap_or_default(),
                active: row.active,
                oldest: created,
                now: row.local_now,
                notices: vec![notice],
            }),
        }
    }
    people
}
