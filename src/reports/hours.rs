//! The hours table every time-tracking tool has: recorded time over a
//! period, grouped by whatever the reader asks — day, week, month, person,
//! team, client, engagement, role or billable — and, within each group, by
//! a second choice. Grouping is done here, over one row per person, day,
//! engagement and billable flag, so any pair of groupings is the same rule
//! and is tested against worked examples.

use crate::first_day::FirstDay;
use crate::week::Week;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// What the hours are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dimension {
    Day,
    Week,
    Month,
    Person,
    Team,
    Client,
    Engagement,
    Role,
    Billable,
}

impl Dimension {
    pub const ALL: [Dimension; 9] = [
        Self::Day,
        Self::Week,
        Self::Month,
        Self::Person,
        Self::Team,
        Self::Client,
        Self::Engagement,
        Self::Role,
        Self::Billable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Person => "person",
            Self::Team => "team",
            Self::Client => "client",
            Self::Engagement => "engagement",
            Self::Role => "role",
            Self::Billable => "billable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "Day",
            Self::Week => "Week",
            Self::Month => "Month",
            Self::Person => "Person",
            Self::Team => "Team",
            Self::Client => "Client",
            Self::Engagement => "Engagement",
            Self::Role => "Role",
            Self::Billable => "Billable",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|dimension| dimension.key() == key)
    }

    /// Day, week and month: groups that are stretches of time, drawn in
    /// time order.
    pub fn is_time(self) -> bool {
        matches!(self, Self::Day | Self::Week | Self::Month)
    }
}

/// Recorded time of one person on one engagement on one day, billable or
/// not, with the names it is grouped under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursEntry {
    pub date: Date,
    pub person: String,
    pub team: Option<String>,
    /// "Employee", "Manager" or "Administrator".
    pub role: String,
    pub client: String,
    pub engagement: String,
    pub billable: bool,
    pub minutes: u64,
}

/// A group's name: a stretch of time (its first day) or a name. Dates sort
/// before names, and each among themselves in order, so time runs forward
/// and names read alphabetically.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GroupKey {
    Date(Date),
    Name(String),
}

/// Hours of a group: all recorded and the billable part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Hours {
    pub minutes: u64,
    pub billable: u64,
}

impl Hours {
    fn add(&mut self, entry: &HoursEntry) {
        self.minutes += entry.minutes;
        if entry.billable {
            self.billable += entry.minutes;
        }
    }

    /// Billable share of the hours, whole percent; none for no hours.
    pub fn billable_percent(self) -> Option<u64> {
        (self.minutes > 0).then(|| (self.billable * 100 + self.minutes / 2) / self.minutes)
    }
}

/// One group, with the groups of the second choice inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursGroup {
    pub key: GroupKey,
    pub hours: Hours,
    pub within: Vec<(GroupKey, Hours)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursTable {
    pub by: Dimension,
    pub then: Option<Dimension>,
    pub groups: Vec<HoursGroup>,
    pub total: Hours,
}

/// The group `entry` falls in along `dimension`; weeks are the firm's.
pub fn key_of(entry: &HoursEntry, dimension: Dimension, first: FirstDay) -> GroupKey {
    let name = |text: &str| GroupKey::Name(text.to_owned());
    match dimension {
        Dimension::Day => GroupKey::Date(entry.date),
        Dimension::Week => GroupKey::Date(Week::of(entry.date, first).start()),
        Dimension::Month => GroupKey::Date(entry.date.replace_day(1).unwrap_or(entry.date)),
        Dimension::Person => name(&entry.person),
        Dimension::Team => name(entry.team.as_deref().unwrap_or("No team")),
        Dimension::Client => name(&entry.client),
        Dimension::Engagement => name(&entry.engagement),
        Dimension::Role => name(&entry.role),
        Dimension::Billable => name(if entry.billable { "Billable" } else { "Not billable" }),
    }
}

/// Groups `entries` by `by`, then within each group by `then` (none, or
/// the same as `by`, gives no inner groups).
pub fn hours_table(entries: &[HoursEntry], by: Dimension, then: Option<Dimension>, first: FirstDay) -> HoursTable {
    let then = then.filter(|inner| *inner != by);
    let mut groups: BTreeMap<GroupKey, (Hours, BTreeMap<GroupKey, Hours>)> = BTreeMap::new();
    let mut total = Hours::default();
    for entry in entries {
        total.add(entry);
        let (hours, within) = groups.entry(key_of(entry, by, first)).or_default();
        hours.add(entry);
        if let Some(inner) = then {
            within.entry(key_of(entry, inner, first)).or_default().add(entry);
        }
    }
    let groups = groups
        .into_iter()
        .map(|(key, (hours, within))| HoursGroup { key, hours, within: within.into_iter().collect() })
        .collect();
    HoursTable { by, then, groups, total }
}
