//! What an engagement's page opens on, before anything is edited: who
//! works on it and how much, what was done lately, and how the time has
//! built up against the budget, week by week, drawn as a small chart —
//! "are we on track?" is a picture question. Pure: the server loads the
//! numbers, these rules shape them, the page draws them.

use crate::money::Minutes;
use crate::week::Week;
use serde::{Deserialize, Serialize};
use time::Date;

/// One person's time on the engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonTime {
    pub person: String,
    pub total: Minutes,
    pub billable: Minutes,
}

/// One of the latest entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentEntry {
    pub work_date: Date,
    pub person: String,
    pub minutes: Minutes,
    pub billable: bool,
    pub notes: String,
}

/// The page's summary. `by_person` and `recent` are left empty for people
/// who may not read colleagues' time (see the loader).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementSummary {
    /// Named members and everyone who has logged time, by name.
    pub members: Vec<String>,
    pub by_person: Vec<PersonTime>,
    pub recent: Vec<RecentEntry>,
    pub chart: Option<BurnChart>,
}

/// Time logged so far, week by week, against an hours budget: coordinates
/// for an SVG of `WIDTH` × `HEIGHT`, with its reading in words for those
/// who do not see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BurnChart {
    /// `x,y` pairs of the cumulative line, left to right.
    pub points: String,
    /// Height of the budget line, when the budget is in hours.
    pub budget_y: Option<u32>,
    pub first_week: String,
    pub last_week: String,
    /// "72:30 h logged over 9 weeks, against a budget of 80:00 h."
    pub description: String,
}

pub const WIDTH: u32 = 320;
pub const HEIGHT: u32 = 96;

/// The chart of `weekly` (time per week, weeks in any order, each once),
/// or `None` before any time is logged.
pub fn burn_chart(weekly: &[(Week, Minutes)], budget: Option<Minutes>) -> Option<BurnChart> {
    let mut weekly: Vec<(Week, Minutes)> = weekly.iter().copied().filter(|(_, m)| m.0 > 0).collect();
    weekly.sort_by_key(|(week, _)| *week);
    let (first, last) = (weekly.first()?.0, weekly.last()?.0);
    let span_days = (last.start() - first.start()).whole_days().max(1);
    let total: u64 = weekly.iter().map(|(_, m)| u64::from(m.0)).sum();
    // A little headroom above whichever is higher, the time or the budget.
    let top = total.max(budget.map_or(0, |b| u64::from(b.0))).max(1) * 11 / 10;
    let y = |minutes: u64| HEIGHT - u32::try_from(minutes * u64::from(HEIGHT) / top).unwrap_or(HEIGHT);
    let x = |week: Week| {
        let days = (week.start() - first.start()).whole_days();
        u32::try_from(days * i64::from(WIDTH) / span_days).unwrap_or(WIDTH)
    };
    // The line starts at zero on the first week and steps up at each week's end.
    let mut points = vec![format!("0,{HEIGHT}")];
    let mut so_far = 0u64;
    for (week, minutes) in &weekly {
        so_far += u64::from(minutes.0);
        points.push(format!("{},{}", if weekly.len() == 1 { WIDTH } else { x(*week) }, y(so_far)));
    }
    let weeks = (span_days / 7) + 1;
    let logged = Minutes(u32::try_from(total).unwrap_or(u32::MAX));
    let over = |b: Minutes| if logged > b { ", over budget" } else { "" };
    let against = budget.map(|b| format!(", against a budget of {b} h{}", over(b))).unwrap_or_default();
    let plural = if weeks == 1 { "week" } else { "weeks" };
    Some(BurnChart {
        points: points.join(" "),
        budget_y: budget.map(|b| y(u64::from(b.0))),
        first_week: first.to_string(),
        last_week: last.to_string(),
        description: format!("{logged} h logged over {weeks} {plural}{against}."),
    })
}

/// What a client's page opens on: what is waiting to be invoiced, and the
/// time on each engagement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    /// Approved billable time on no invoice yet, one line per currency of
    /// its rates (and one for time without a rate). Empty for people who
    /// may not see it, and when nothing is waiting.
    pub unbilled: Vec<Unbilled>,
    /// (engagement id, time logged on it).
    pub logged: Vec<(i64, Minutes)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unbilled {
    pub minutes: Minutes,
    /// `None` for time no rate applied to yet.
    pub value: Option<crate::money::Money>,
}

impl Unbilled {
    /// "12:30 h worth 1,875.00 USD" (in the firm's number format) / "2:00 h
    /// without a rate yet".
    pub fn sentence(&self, formats: crate::formats::Formats) -> String {
        match self.value {
            Some(value) => format!("{} h worth {}", self.minutes, formats.amount(value.minor, value.currency)),
            None => format!("{} h without a rate yet", self.minutes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::first_day::FirstDay;
    use crate::week::IsoWeek;

    fn week(n: u8) -> Week {
        Week::named(IsoWeek { year: 2026, week: n }, FirstDay::Monday)
    }

    #[test]
    fn nothing_logged_draws_no_chart() {
        assert_eq!(burn_chart(&[], Some(Minutes(600))), None);
        assert_eq!(burn_chart(&[(week(10), Minutes(0))], None), None);
    }

    #[test]
    fn the_line_climbs_week_by_week_to_the_total_and_is_read_in_words() {
        let chart = burn_chart(&[(week(12), Minutes(120)), (week(10), Minutes(60))], Some(Minutes(600))).unwrap();
        // Top is 660 (the budget plus a tenth): 60 min sits at 96 - 8, 180 at 96 - 26.
        assert_eq!(chart.points, "0,96 0,88 320,70");
        assert_eq!(chart.budget_y, Some(9));
        assert_eq!((chart.first_week.as_str(), chart.last_week.as_str()), ("2026-W10", "2026-W12"));
        assert_eq!(chart.description, "3:00 h logged over 3 weeks, against a budget of 10:00 h.");
    }

    #[test]
    fn time_beyond_the_budget_rises_above_its_line_and_says_so() {
        let chart = burn_chart(&[(week(10), Minutes(900))], Some(Minutes(600))).unwrap();
        assert!(chart.budget_y.unwrap() > 0 && chart.points.ends_with(&format!(",{}", HEIGHT - 87)));
        assert_eq!(chart.description, "15:00 h logged over 1 week, against a budget of 10:00 h, over budget.");
    }

    #[test]
    fn without_an_hours_budget_there_is_no_budget_line() {
        let chart = burn_chart(&[(week(10), Minutes(60))], None).unwrap();
        assert_eq!((chart.budget_y, chart.description.as_str()), (None, "1:00 h logged over 1 week."));
    }
    #[test]
    fn unbilled_time_reads_as_hours_and_what_they_are_worth_or_that_no_rate_applies() {
        use crate::money::{Currency, Money};
        let priced = Unbilled { minutes: Minutes(750), value: Some(Money::new(187_500, Currency::USD)) };
        assert_eq!(priced.sentence(crate::formats::Formats::default()), "12:30 h worth 1,875.00 USD");
        assert_eq!(
            Unbilled { minutes: Minutes(120), value: None }.sentence(crate::formats::Formats::default()),
            "2:00 h without a rate yet"
        );
    }
}
