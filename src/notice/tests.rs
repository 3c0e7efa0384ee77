use super::*;
use time::macros::datetime;

fn notice(kind: NoticeKind, comment: &str) -> Notice {
    Notice {
        notification_id: 1,
        kind,
        actor: "Grace Hopper".into(),
        about: "2026-W48".into(),
        link: "/time?week=2026-W48".into(),
        comment: comment.into(),
        at: String::new(),
        read: false,
    }
}

#[test]
fn every_kind_reads_back_from_its_stored_name() {
    for kind in NoticeKind::ALL {
        assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(NoticeKind::parse("week_rejected"), None);
}

#[test]
fn every_email_choice_reads_back_and_none_is_stored_as_none() {
    for choice in EmailChoice::ALL {
        assert_eq!(EmailChoice::parse(choice.as_str()), Some(choice));
    }
    assert_eq!(EmailChoice::Never.as_str(), "none");
    assert_eq!(EmailChoice::parse("weekly"), None);
}

#[test]
fn a_sent_back_week_carries_the_approvers_reason_in_their_word() {
    let text = notice(NoticeKind::WeekSentBack, "  Split the workshop hours ").sentence();
    assert_eq!(text, "Your week 2026-W48 was sent back by Grace Hopper: “Split the workshop hours”");
    assert!(!text.contains("reject"));
}

#[test]
fn a_week_sent_back_without_a_reason_ends_with_a_full_stop() {
    assert_eq!(notice(NoticeKind::WeekSentBack, "").sentence(), "Your week 2026-W48 was sent back by Grace Hopper.");
}

#[test]
fn a_waiting_week_names_who_submitted_it() {
    let waiting = notice(NoticeKind::WeekWaiting, "");
    assert_eq!(waiting.sentence(), "Grace Hopper submitted the week 2026-W48: it waits for your approval.");
    assert_eq!(waiting.subject(), "Waiting for your approval: Grace Hopper, 2026-W48");
}

#[test]
fn an_accepted_invitation_names_the_new_member() {
    let mut joined = notice(NoticeKind::InvitationAccepted, "");
    joined.about = "Ivy Newton".into();
    assert_eq!(joined.sentence(), "Ivy Newton accepted your invitation and joined the firm.");
}

#[test]
fn the_digest_goes_at_the_first_digest_hour_after_the_oldest_notice() {
    let evening = datetime!(2026-12-03 18:30);
    assert_eq!(next_digest_after(evening), datetime!(2026-12-04 07:00));
    assert!(!digest_due(evening, datetime!(2026-12-04 06:59)));
    assert!(digest_due(evening, datetime!(2026-12-04 07:00)));
}

#[test]
fn a_notice_just_before_the_digest_hour_goes_in_that_mornings_digest() {
    let early = datetime!(2026-12-04 06:10);
    assert_eq!(next_digest_after(early), datetime!(2026-12-04 07:00));
    // One exactly at the hour waits for the next day's.
    assert_eq!(next_digest_after(datetime!(2026-12-04 07:00)), datetime!(2026-12-05 07:00));
}

#[test]
fn a_digest_lists_every_notice_with_its_link_and_counts_them() {
    let mut notices = [notice(NoticeKind::WeekApproved, ""), notice(NoticeKind::WeekSentBack, "Notes please")];
    notices[0].at = "3 Dec 2026, 14:58".into();
    let body = email_body("Acme", &notices, "https://acme.example");
    assert!(body.starts_with("2 things happened at Acme on PesPro:"));
    assert!(body.contains("\n3 Dec 2026, 14:58: Your week 2026-W48 was approved"), "{body}");
    assert_eq!(body.matches("https://acme.example/time?week=2026-W48").count(), 2);
    assert!(body.contains("https://acme.example/account"));
    assert_eq!(digest_subject("Acme", 1), "Your day at Acme: 1 notification");
    assert_eq!(digest_subject("Acme", 3), "Your day at Acme: 3 notifications");
}

#[test]
fn a_single_email_starts_with_its_sentence() {
    let body = email_body("Acme", &[notice(NoticeKind::WeekApproved, "")], "http://acme.localhost:3000");
    assert!(body.starts_with("Your week 2026-W48 was approved by Grace Hopper.\nhttp://acme.localhost:3000/time"));
}
