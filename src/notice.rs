//! Notifications: what a person is told, in words, and when their email
//! goes. Something waits for them (a week or expense submitted), something
//! of theirs was decided (approved, or sent back with the reason), someone
//! they invited joined. The in-app list, the single emails and the daily
//! digest all say it with [`Notice::sentence`], so a notice reads the same
//! wherever it is read. Pure; storing, listing and mailing are
//! `practice::notices` and `notices_mail` (ssr).

use serde::{Deserialize, Serialize};
use time::{Duration, PrimitiveDateTime, Time};

/// What happened, as stored in `notifications.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeKind {
    WeekWaiting,
    WeekApproved,
    WeekSentBack,
    ExpenseWaiting,
    ExpenseApproved,
    ExpenseSentBack,
    InvitationAccepted,
}

impl NoticeKind {
    const ALL: [NoticeKind; 7] = [
        Self::WeekWaiting,
        Self::WeekApproved,
        Self::WeekSentBack,
        Self::ExpenseWaiting,
        Self::ExpenseApproved,
        Self::ExpenseSentBack,
        Self::InvitationAccepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WeekWaiting => "week_waiting",
            Self::WeekApproved => "week_approved",
            Self::WeekSentBack => "week_sent_back",
            Self::ExpenseWaiting => "expense_waiting",
            Self::ExpenseApproved => "expense_approved",
            Self::ExpenseSentBack => "expense_sent_back",
            Self::InvitationAccepted => "invitation_accepted",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// How a person wants to hear by email (`users.email_notifications`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailChoice {
    /// One email per notice, as it happens.
    #[default]
    Immediate,
    /// One email a day listing what happened since the last.
    Daily,
    /// In the app only.
    Never,
}

impl EmailChoice {
    pub const ALL: [EmailChoice; 3] = [Self::Immediate, Self::Daily, Self::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Never => "none",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    /// As the profile page offers it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Immediate => "Email me each one as it happens",
            Self::Daily => "Email me a daily digest",
            Self::Never => "No email: I read them here",
        }
    }
}

/// One notice as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub notification_id: i64,
    pub kind: NoticeKind,
    /// Who did what caused it, by name ("Someone" once they are gone).
    pub actor: String,
    pub about: String,
    /// A path within the firm's site.
    pub link: String,
    pub comment: String,
    /// When, as shown ("2026-12-03 14:58 UTC").
    pub at: String,
    pub read: bool,
}

impl Notice {
    /// The notice in one sentence, the same in the app and in email.
    pub fn sentence(&self) -> String {
        let Self { actor, about, .. } = self;
        let reason = match self.comment.trim() {
            "" => ".".to_owned(),
            comment => format!(": “{comment}”"),
        };
        match self.kind {
            NoticeKind::WeekWaiting => format!("{actor} submitted the week {about}: it waits for your approval."),
            NoticeKind::WeekApproved => format!("Your week {about} was approved by {actor}."),
            NoticeKind::WeekSentBack => format!("Your week {about} was sent back by {actor}{reason}"),
            NoticeKind::ExpenseWaiting => format!("{actor} submitted the expense {about}: it waits for your approval."),
            NoticeKind::ExpenseApproved => format!("Your expense {about} was approved by {actor}."),
            NoticeKind::ExpenseSentBack => format!("Your expense {about} was sent back by {actor}{reason}"),
            NoticeKind::InvitationAccepted => format!("{about} accepted your invitation and joined the firm."),
        }
    }

    /// An email's subject line for this notice alone.
    pub fn subject(&self) -> String {
        let Self { actor, about, .. } = self;
        match self.kind {
            NoticeKind::WeekWaiting => format!("Waiting for your approval: {actor}, {about}"),
            NoticeKind::WeekApproved => format!("Approved: your week {about}"),
            NoticeKind::WeekSentBack => format!("Sent back: your week {about}"),
            NoticeKind::ExpenseWaiting => format!("Waiting for your approval: {actor}'s expense"),
            NoticeKind::ExpenseApproved => "Approved: your expense".to_owned(),
            NoticeKind::ExpenseSentBack => "Sent back: your expense".to_owned(),
            NoticeKind::InvitationAccepted => format!("{about} joined the firm"),
        }
    }
}

/// The hour of the day, on the person's own clock (their time zone, else
/// the firm's), at which daily digests go out.
pub const DIGEST_HOUR: u8 = 7;

/// The first digest time strictly after `moment`, both on the person's
/// clock.
pub fn next_digest_after(moment: PrimitiveDateTime) -> PrimitiveDateTime {
    let today = moment.replace_time(Time::from_hms(DIGEST_HOUR, 0, 0).expect("a valid hour"));
    if today > moment { today } else { today + Duration::days(1) }
}

/// Whether a person's digest is due: the first digest time after their
/// oldest notice not yet emailed has come (both read on their clock).
/// Everything waiting then goes in one message, so nobody gets two digests
/// for one day.
pub fn digest_due(oldest_waiting: PrimitiveDateTime, now: PrimitiveDateTime) -> bool {
    next_digest_after(oldest_waiting) <= now
}

/// The body of one email: the sentences and where to look, with `base`
/// (the firm's address, no trailing slash) before each link.
pub fn email_body(firm: &str, notices: &[Notice], base: &str) -> String {
    let mut body = match notices.len() {
        1 => String::new(),
        n => format!("{n} things happened at {firm} on PesPro:\n\n"),
    };
    for notice in notices {
        // A digest gathers a day: each line says when (on the person's
        // clock, written the firm's way).
        let when = if notices.len() > 1 && !notice.at.is_empty() { format!("{}: ", notice.at) } else { String::new() };
        body.push_str(&format!("{when}{}\n{}{}\n\n", notice.sentence(), base, notice.link));
    }
    body.push_str(&format!(
        "You get these emails because of your choice on your profile page at {firm}:\n{base}/account\n"
    ));
    body
}

/// A digest's subject line.
pub fn digest_subject(firm: &str, count: usize) -> String {
    match count {
        1 => format!("Your day at {firm}: 1 notification"),
        n => format!("Your day at {firm}: {n} notifications"),
    }
}

#[cfg(test)]
mod tests;
