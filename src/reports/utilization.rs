//! Utilization: how much of the time people have was spent on work the
//! firm can bill. Available time comes from each person's weekly capacity
//! (theirs if set, else the firm's), spread evenly over Monday to Friday,
//! so a partial week or month counts only its own working days.

use super::period::{Period, working_days};
use crate::first_day::FirstDay;
use crate::money::Minutes;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// What counts as "used" time: only billable work (the usual definition),
/// or every recorded hour, internal work included (firms that staff
/// people on internal projects on purpose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum UtilizationBasis {
    #[default]
    Billable,
    AllRecorded,
}

impl UtilizationBasis {
    pub const ALL: [UtilizationBasis; 2] = [Self::Billable, Self::AllRecorded];

    pub fn key(self) -> &'static str {
        match self {
            Self::Billable => "billable",
            Self::AllRecorded => "all_recorded",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|basis| basis.key() == key)
    }

    /// The formula in words, shown under every utilization chart.
    pub fn definition(self) -> &'static str {
        match self {
            Self::Billable => {
                "Utilization = billable hours ÷ available hours. Available hours are each person's weekly \
                 capacity spread over Monday to Friday, for the working days of the period up to today."
            }
            Self::AllRecorded => {
                "Utilization = all recorded hours (billable and internal) ÷ available hours. Available hours \
                 are each person's weekly capacity spread over Monday to Friday, for the working days of the \
                 period up to today."
            }
        }
    }
}

/// Someone whose utilization is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub team: Option<String>,
    pub weekly_capacity: Minutes,
}

/// One person's time on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTime {
    pub user_id: i64,
    pub date: Date,
    pub billable: u32,
    pub recorded: u32,
}

/// Minutes used and available, and what they make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Utilization {
    pub used: u64,
    pub recorded: u64,
    pub available: u64,
}

impl Utilization {
    /// Used ÷ available in whole percent, rounded half up; none when
    /// nothing was available (a period of weekends, a capacity of zero).
    pub fn percent(&self) -> Option<u64> {
        (self.available > 0).then(|| (self.used * 200 + self.available) / (self.available * 2))
    }

    fn add(&mut self, other: Utilization) {
        self.used += other.used;
        self.recorded += other.recorded;
        self.available += other.available;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UtilizationReport {
    /// Each bucket's first day with the firm's (or the one person's) total.
    pub buckets: Vec<(Date, Utilization)>,
    /// By name.
    pub people: Vec<(String, Utilization)>,
    /// By name, people in no team last as "No team".
    pub teams: Vec<(String, Utilization)>,
    pub total: Utilization,
}

/// The report for `people` over `period`; `days` may hold anyone's time
/// (only the listed people's counts) and days in any order.
pub fn utilization(
    period: &Period,
    first: FirstDay,
    basis: UtilizationBasis,
    people: &[Person],
    days: &[DayTime],
) -> UtilizationReport {
    let buckets = period.buckets(first);
    let mut per_person: BTreeMap<i64, BTreeMap<Date, Utilization>> = BTreeMap::new();
    for person in people {
        let mine = per_person.entry(person.user_id).or_default();
        for &(start, from, to) in &buckets {
            let available = u64::from(working_days(from, to)) * u64::from(person.weekly_capacity.0) / 5;
            mine.insert(start, Utilization { available, ..Default::default() });
        }
    }
    for day in days.iter().filter(|day| period.contains(day.date)) {
        let Some(bucket) = per_person.get_mut(&day.user_id).and_then(|b| b.get_mut(&period.bucket_of(day.date, first)))
        else {
            continue;
        };
        let used = match basis {
            UtilizationBasis::Billable => day.billable,
            UtilizationBasis::AllRecorded => day.recorded,
        };
        bucket.add(Utilization { used: u64::from(used), recorded: u64::from(day.recorded), available: 0 });
    }
    let mut report = UtilizationReport::default();
    let mut by_bucket: BTreeMap<Date, Utilization> =
        buckets.iter().map(|&(start, ..)| (start, Default::default())).collect();
    let mut teams: BTreeMap<(bool, String), Utilization> = BTreeMap::new();
    let mut named: Vec<(String, Utilization)> = Vec::new();
    for person in people {
        let mut theirs = Utilization::default();
        for (start, part) in per_person.get(&person.user_id).into_iter().flatten() {
            theirs.add(*part);
            by_bucket.entry(*start).or_default().add(*part);
        }
        let team = person.team.clone().map_or((true, "No team".to_owned()), |name| (false, name));
        teams.entry(team).or_default().add(theirs);
        report.total.add(theirs);
        named.push((person.name.clone(), theirs));
    }
    named.sort_by_key(|(name, _)| name.to_lowercase());
    report.people = named;
    report.teams = teams.into_iter().map(|((_, name), part)| (name, part)).collect();
    report.buckets = by_bucket.into_iter().collect();
    report
}
