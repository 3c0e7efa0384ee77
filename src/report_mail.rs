//! E-mailing saved reports when they are due. The notices mail worker
//! calls this on each of its sweeps, per firm: schedules whose day has
//! come on the firm's clock are taken `for update skip locked` (several
//! server processes never send one twice), each is read as its recipients
//! would read it on the page, and sent with its CSV attached; then its next
//! day is set in the same transaction. If every send failed, the schedule
//! stays due and the next sweep tries again: at least once, never silently
//! not at all.

use crate::mail::{Attachment, Outgoing};
use crate::notices_mail::NoticeMail;
use crate::practice::report_schedules::stored_query;
use crate::reports::schedule::Cadence;
use crate::tenancy::Tenant;

/// Schedules one sweep takes from one firm; the rest wait for the next.
const BATCH: i64 = 20;

impl NoticeMail {
    /// Sends `tenant`'s due reports; how many e-mails went.
    pub async fn send_due_reports(&self, tenant: &Tenant) -> Result<usize, sqlx::Error> {
        let mut tx = self.db.tenant_tx(tenant.handle()).await?;
        // Every firm is swept every few minutes, and most days nothing is
        // due: one indexed look first. No firm's today is past tomorrow
        // in UTC, so nothing due is missed.
        let maybe: bool = sqlx::query_scalar(
            "select exists (select from report_schedules where next_send_on <= (now() at time zone 'UTC')::date + 1)",
        )
        .fetch_one(tx.conn())
        .await?;
        if !maybe {
            tx.commit().await?;
            return Ok(0);
        }
        let zone = crate::practice::time_zones::firm_zone(&mut tx).await?;
        let today = crate::practice::reports::today_in(&mut tx, &zone).await?;
        let formats = crate::practice::formats::firm_formats(&mut tx).await?;
        type Due = (i64, String, String, String, Option<String>, Option<String>, String);
        let due: Vec<Due> = sqlx::query_as(
            "select report_schedule_id, name, report, period, group_by, then_by, cadence
             from report_schedules where next_send_on <= $1
             order by report_schedule_id limit $2
             for update skip locked",
        )
        .bind(today)
        .bind(BATCH)
        .fetch_all(tx.conn())
        .await?;
        let base = self.hosts.firm_base(&tenant.slug, tenant.primary_host.as_deref(), self.https, self.public_port);
        let firm = tenant.theme.display_name.to_string();
        let mut emails = 0;
        for (id, name, report, period, by, then, cadence) in due {
            let query = stored_query(&report, &period, by.as_deref(), then.as_deref());
            let page = crate::practice::reports::reports_page(&mut tx, query, today, formats.first_day, None).await?;
            // Only those who may still read every report receive it.
            let to: Vec<String> = sqlx::query_scalar(
                "select u.email from report_schedule_recipients r join users u using (user_id)
                 where r.report_schedule_id = $1 and u.active and u.role in ('manager', 'admin')",
            )
            .bind(id)
            .fetch_all(tx.conn())
            .await?;
            let what = query.kind.label().to_lowercase();
            let subject = match query.kind.has_period() {
                true => format!("{name}: {what}, {}", query.period.label().to_lowercase()),
                false => format!("{name}: {what}, as of today"),
            };
            let span = format!("{} to {}", formats.date(page.resolved.from), formats.date(page.resolved.to));
            let covers = if query.kind.has_period() { span } else { format!("as of {}", formats.date(today)) };
            let body = format!(
                "{firm}: {name}\n\n{} {covers}.\n{}\n\nThe numbers are attached as a CSV file. Open the report:\n{base}{}\n\n\
                 You receive this because you are on this report's list. Managers and administrators change \
                 the list at {base}/reports/scheduled.\n",
                query.kind.label(),
                page.headline(formats).join("\n"),
                query.address("/reports"),
            );
            let file = Attachment {
                filename: format!("{}-{}-{today}.csv", tenant.slug.as_str(), query.kind.key()),
                content_type: "text/csv".to_owned(),
                bytes: page.to_csv().into_bytes(),
            };
            let mut sent = 0;
            for address in &to {
                let outgoing = Outgoing { to: address, subject: &subject, body: body.clone() };
                match self.mailer.send_with(outgoing, std::slice::from_ref(&file)).await {
                    Ok(()) => sent += 1,
                    Err(error) => {
                        tracing::warn!(tenant.id = %tenant.id, schedule.id = id, %error, "a report email failed")
                    }
                }
            }
            emails += sent;
            if sent == 0 && !to.is_empty() {
                continue;
            }
            let next = Cadence::parse(&cadence).unwrap_or(Cadence::Monthly).next_after(today, formats.first_day);
            sqlx::query(
                "update report_schedules set next_send_on = $2, last_sent_at = now() where report_schedule_id = $1",
            )
            .bind(id)
            .bind(next)
            .execute(tx.conn())
            .await?;
        }
        tx.commit().await?;
        Ok(emails)
    }
}
