//! Narrowing the audit trail: by who (or whom) it names, by action and by
//! date. The filter travels in the page's address (`?who=…&action=…&from=…
//! &to=…`), so the page works without JavaScript, paging keeps it, and the
//! CSV export downloads exactly what is shown.

use super::AuditAction;
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of an email or a name: matched against who acted and what the
    /// event was about, whatever the case.
    pub who: Option<String>,
    pub action: Option<AuditAction>,
    /// From this day on, and up to and including `to` (UTC days).
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// `2026-12-03`, as a date input sends it.
fn date(raw: &str) -> Option<Date> {
    let mut parts = raw.trim().splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::from(year), month, u8::try_from(day).ok()?).ok()
}

impl AuditFilter {
    /// Reads the page's query, ignoring what does not read (an empty box,
    /// an unknown action, a date that is not one).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let who = get("who").map(|w| w.trim().chars().take(120).collect::<String>()).filter(|w| !w.is_empty());
        Self {
            who,
            action: get("action").as_deref().and_then(AuditAction::parse),
            from: get("from").as_deref().and_then(date),
            to: get("to").as_deref().and_then(date),
        }
    }

    /// The filter as query pairs (`who=…&action=…`), for links that keep
    /// it; empty when nothing narrows the trail.
    pub fn to_query(&self) -> String {
        let pairs = [
            ("who", self.who.clone()),
            ("action", self.action.map(|a| a.as_str().to_owned())),
            ("from", self.from.map(|d| d.to_string())),
            ("to", self.to.map(|d| d.to_string())),
        ];
        pairs
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| format!("{name}={}", encoded(&v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `who` for SQL `ilike`: its own `%`, `_` and `\` matched literally.
    pub fn who_pattern(&self) -> Option<String> {
        self.who.as_deref().map(crate::search::contains_pattern)
    }
}

/// Percent-encoding for a query value: everything but the unreserved
/// characters.
fn encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn a_filter_is_read_from_the_query_and_written_back_the_same() {
        let filter = AuditFilter::from_query(query(&[
            ("who", " emery@firm.example "),
            ("action", "timesheet.sent_back"),
            ("from", "2026-12-01"),
            ("to", "2026-12-03"),
        ]));
        assert_eq!(filter.who.as_deref(), Some("emery@firm.example"));
        assert_eq!(filter.action, Some(AuditAction::WeekSentBack));
        assert_eq!(
            filter.to_query(),
            "who=emery%40firm.example&action=timesheet.sent_back&from=2026-12-01&to=2026-12-03"
        );
        assert_eq!(AuditFilter::from_query(query(&[])).to_query(), "");
    }

    #[test]
    fn what_does_not_read_narrows_nothing() {
        let filter = AuditFilter::from_query(query(&[("who", "  "), ("action", "drop table"), ("from", "3/12/2026")]));
        assert_eq!(filter, AuditFilter::default());
    }

    #[test]
    fn wildcards_typed_in_who_are_matched_literally() {
        let filter = AuditFilter { who: Some("100%_a\\b".into()), ..AuditFilter::default() };
        assert_eq!(filter.who_pattern().as_deref(), Some("%100\\%\\_a\\\\b%"));
    }
}
