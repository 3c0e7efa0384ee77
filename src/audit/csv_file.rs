//! The audit trail as a CSV file, for keeping or for an auditor's
//! spreadsheet: one row per event, its time in UTC (RFC 3339, for
//! machines) and as the reader's page shows it (their clock, the firm's
//! date format, for people).

use super::AuditEvent;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) is prefixed with `'`: the trail holds text people
/// typed (emails on failed sign-ins, reasons), and opening the export must
/// never run it. Every CSV the firm downloads with typed text uses it.
pub(crate) fn inert(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

pub fn to_csv(events: &[AuditEvent]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["when_utc", "when_local", "who", "action", "action_label", "about", "detail", "from_address"];
    // Writing to memory cannot fail; a row that somehow did is left out
    // rather than ending the file.
    let _ = writer.write_record(header);
    for event in events {
        let row = [
            event.occurred_at.clone(),
            event.when.clone(),
            inert(&event.actor),
            event.action.as_str().to_owned(),
            event.action.label().to_owned(),
            inert(&event.subject),
            inert(&event.detail),
            event.client_address.clone().unwrap_or_default(),
        ];
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::AuditAction;

    fn event(detail: &str) -> AuditEvent {
        AuditEvent {
            audit_event_id: 1,
            occurred_at: "2026-12-03T14:58:00Z".into(),
            when: "3 Dec 2026, 14:58".into(),
            actor: "ada@firm.example".into(),
            action: AuditAction::WeekSentBack,
            subject: "Emery Employee · 2026-W48".into(),
            detail: detail.into(),
            client_address: Some("192.0.2.1".into()),
        }
    }

    #[test]
    fn each_event_is_a_row_with_its_action_named_both_ways() {
        let csv = to_csv(&[event("back with its owner: wrong client, \"Acme\"")]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("when_utc,when_local,who,action,action_label,about,detail,from_address"));
        assert_eq!(
            lines.next(),
            Some(
                "2026-12-03T14:58:00Z,\"3 Dec 2026, 14:58\",ada@firm.example,timesheet.sent_back,Sent a week back,Emery Employee · 2026-W48,\"back with its owner: wrong client, \"\"Acme\"\"\",192.0.2.1"
            )
        );
    }

    #[test]
    fn a_cell_that_looks_like_a_formula_is_made_inert() {
        let csv = to_csv(&[event("=HYPERLINK(\"http://evil.example\")")]);
        assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    }
}
