//! Budget burn: for each engagement with a budget, how much of it is used,
//! how that grew week by week, and, at the pace of the last four weeks,
//! when it runs out. Engagements at risk come first, so the report answers
//! "which ones do I call about this week?" before anything else.

use crate::first_day::FirstDay;
use crate::money::Currency;
use crate::week::Week;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// The pace is the work of this many days up to today.
pub const RECENT_DAYS: i64 = 28;

/// Weeks of history drawn for each budget, this one included.
pub const HISTORY_WEEKS: i64 = 12;

/// A budget in hours (counted in minutes) or in money (minor units of a
/// currency, the value of the time at the rates it was recorded at).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BudgetUnit {
    Minutes,
    Money(Currency),
}

/// What an engagement's budget and use are, as read from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementUse {
    pub engagement_id: i64,
    pub engagement: String,
    pub client: String,
    pub unit: BudgetUnit,
    pub budget: i64,
    pub used: i64,
    /// Used in the `RECENT_DAYS` days up to today.
    pub recent: i64,
    pub ends_on: Option<Date>,
    /// Used per day over the last `HISTORY_WEEKS` weeks (days with none
    /// left out), to rebuild what was used at each week's end.
    pub daily: Vec<(Date, i64)>,
}

/// Where the budget is heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outlook {
    /// All of it is used, and more.
    Over,
    /// At the recent pace, the day the last of it goes.
    RunsOut(Date),
    /// Nothing was used lately: no pace to forecast from.
    Idle,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub engagement_id: i64,
    pub engagement: String,
    pub client: String,
    pub unit: BudgetUnit,
    pub budget: i64,
    pub used: i64,
    /// Used ÷ budget in whole percent, rounded down (100 is all of it).
    pub percent: u64,
    pub outlook: Outlook,
    pub at_risk: bool,
    /// Each of the last `HISTORY_WEEKS` weeks (its first day) with the
    /// percent of the budget used by its end, oldest first.
    pub history: Vec<(Date, u64)>,
}

/// Lines for `uses` on `today`: at risk first (over budget, then by the
/// day the budget runs out), then the rest by how much is used.
///
/// At risk means over budget, 90 % used or more, running out within
/// `RECENT_DAYS`, or running out before the engagement's end date.
pub fn budget_burn(uses: &[EngagementUse], today: Date, first: FirstDay) -> Vec<BudgetLine> {
    let mut lines: Vec<BudgetLine> = uses.iter().filter(|u| u.budget > 0).map(|u| line(u, today, first)).collect();
    lines.sort_by(|a, b| {
        let rank = |line: &BudgetLine| match line.outlook {
            Outlook::Over => (0, None),
            Outlook::RunsOut(day) => (1, Some(day)),
            Outlook::Idle => (2, None),
        };
        b.at_risk
            .cmp(&a.at_risk)
            .then_with(|| if a.at_risk { rank(a).cmp(&rank(b)) } else { std::cmp::Ordering::Equal })
            .then_with(|| b.percent.cmp(&a.percent))
            .then_with(|| a.engagement.cmp(&b.engagement))
    });
    lines
}

/// What was used by the end of each of the last `HISTORY_WEEKS` weeks (the
/// current one ends today), as a percent of the budget: today's use less
/// what was used after that day.
pub fn history(usage: &EngagementUse, today: Date, first: FirstDay) -> Vec<(Date, u64)> {
    let this_week = Week::of(today, first).start();
    (0..HISTORY_WEEKS)
        .rev()
        .map(|back| {
            let start = this_week - Duration::weeks(back);
            let end = (start + Duration::days(6)).min(today);
            let later: i64 = usage.daily.iter().filter(|(day, _)| *day > end).map(|(_, amount)| amount).sum();
            let used = (usage.used - later).max(0);
            (start, u64::try_from(used.saturating_mul(100) / usage.budget.max(1)).unwrap_or(0))
        })
        .collect()
}

fn line(usage: &EngagementUse, today: Date, first: FirstDay) -> BudgetLine {
    let used = usage.used.max(0);
    let percent = u64::try_from(used.saturating_mul(100) / usage.budget).unwrap_or(0);
    let left = usage.budget - used;
    let outlook = if left < 0 {
        Outlook::Over
    } else if usage.recent <= 0 {
        Outlook::Idle
    } else {
        // Whole days until what is left is gone at the recent daily pace,
        // rounded up: a budget with a minute left lasts into that day.
        let (work, pace) = (i128::from(left) * i128::from(RECENT_DAYS), i128::from(usage.recent));
        let days = (work + pace - 1) / pace;
        let days = i64::try_from(days).unwrap_or(i64::MAX).min(36_500);
        Outlook::RunsOut(today.saturating_add(Duration::days(days)))
    };
    let at_risk = match outlook {
        Outlook::Over => true,
        Outlook::RunsOut(day) => {
            percent >= 90 || day <= today + Duration::days(RECENT_DAYS) || usage.ends_on.is_some_and(|end| day < end)
        }
        Outlook::Idle => percent >= 90,
    };
    BudgetLine {
        engagement_id: usage.engagement_id,
        engagement: usage.engagement.clone(),
        client: usage.client.clone(),
        unit: usage.unit,
        budget: usage.budget,
        used,
        percent,
        outlook,
        at_risk,
        history: history(usage, today, first),
    }
}
