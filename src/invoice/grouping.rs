//! How a client's billable time becomes invoice lines: one line per entry,
//! or summed by person, role, week or engagement. Each entry is priced on
//! its own (at the rate stamped on it, by [`amount_for`]) and a line's
//! amount is the sum of its entries', so a detailed and a summed invoice
//! for the same work have the same total to the cent.

use super::drafting::{DraftRequest, LineKind, PlannedLine, Quantity, SpendItem, WorkItem};
use crate::money::{Minutes, amount_for};
use crate::week::Week;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grouping {
    /// One line per time entry.
    Detailed,
    ByPerson,
    ByRole,
    ByWeek,
    /// One line per engagement and rate.
    ByEngagement,
    /// One line per engagement, whatever the rates.
    Summed,
}

impl Grouping {
    pub const ALL: [Grouping; 6] =
        [Self::Detailed, Self::ByPerson, Self::ByRole, Self::ByWeek, Self::ByEngagement, Self::Summed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Detailed => "detailed",
            Self::ByPerson => "person",
            Self::ByRole => "role",
            Self::ByWeek => "week",
            Self::ByEngagement => "engagement",
            Self::Summed => "summed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Detailed => "One line per time entry",
            Self::ByPerson => "One line per person",
            Self::ByRole => "One line per role",
            Self::ByWeek => "One line per week",
            Self::ByEngagement => "One line per engagement and rate",
            Self::Summed => "One summed line per engagement",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExpenseGrouping {
    Detailed,
    ByCategory,
}

impl ExpenseGrouping {
    pub const ALL: [ExpenseGrouping; 2] = [Self::Detailed, Self::ByCategory];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Detailed => "detailed",
            Self::ByCategory => "category",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Detailed => "One line per expense",
            Self::ByCategory => "One line per category",
        }
    }
}

/// Lines for hourly work on one engagement (`label` names it), in the
/// order: group, then rate. Without `show_people` the details name no one;
/// grouping by person still names each group, that being what was asked.
pub fn time_lines(label: &str, items: &[&WorkItem], request: &DraftRequest) -> Vec<PlannedLine> {
    let (grouping, show_people) = (request.grouping, request.show_people);
    if grouping == Grouping::Detailed {
        return items.iter().map(|item| detailed_line(label, item, show_people)).collect();
    }
    let mut groups: BTreeMap<(String, Option<i64>), Vec<&WorkItem>> = BTreeMap::new();
    for item in items {
        let key = match grouping {
            Grouping::ByPerson => item.person.clone(),
            Grouping::ByRole => item.role.clone(),
            Grouping::ByWeek => Week::of(item.work_date, request.first_day).start().to_string(),
            Grouping::ByEngagement | Grouping::Summed | Grouping::Detailed => String::new(),
        };
        let rate = if grouping == Grouping::Summed { None } else { item.rate_minor };
        groups.entry((key, rate)).or_default().push(item);
    }
    groups
        .into_iter()
        .map(|((key, _), members)| {
            let description = match grouping {
                Grouping::ByWeek => format!("{label} — week of {key}"),
                Grouping::ByPerson | Grouping::ByRole => format!("{label} — {key}"),
                _ => label.to_owned(),
            };
            summed_line(description, &members, show_people)
        })
        .collect()
}

fn detailed_line(label: &str, item: &WorkItem, show_people: bool) -> PlannedLine {
    let amount = item.rate_minor.map(|rate| amount_for(item.minutes, rate)).unwrap_or(0);
    let description = if item.notes.trim().is_empty() { label.to_owned() } else { item.notes.trim().to_owned() };
    PlannedLine {
        kind: LineKind::Time,
        engagement_id: Some(item.engagement_id),
        description,
        detail: if show_people {
            format!("{} · {} · {label}", item.work_date, item.person)
        } else {
            format!("{} · {label}", item.work_date)
        },
        quantity: Quantity::Minutes(item.minutes),
        rate_minor: item.rate_minor,
        amount_minor: amount,
        worked_minor: amount,
        entries: vec![item.time_entry_id],
        expenses: Vec::new(),
    }
}

fn summed_line(description: String, members: &[&WorkItem], show_people: bool) -> PlannedLine {
    let minutes: Minutes = members.iter().map(|m| m.minutes).sum();
    let amount: i64 = members.iter().map(|m| m.rate_minor.map(|r| amount_for(m.minutes, r)).unwrap_or(0)).sum();
    let first_rate = members.first().and_then(|m| m.rate_minor);
    let one_rate = members.iter().all(|m| m.rate_minor == first_rate);
    let people: std::collections::BTreeSet<&str> = members.iter().map(|m| m.person.as_str()).collect();
    let entries = members.len();
    let counted = format!("{entries} {}", if entries == 1 { "entry" } else { "entries" });
    let detail = if show_people {
        format!("{counted} by {}", people.into_iter().collect::<Vec<_>>().join(", "))
    } else {
        counted
    };
    PlannedLine {
        kind: LineKind::Time,
        engagement_id: members.first().map(|m| m.engagement_id),
        description,
        detail,
        quantity: Quantity::Minutes(minutes),
        rate_minor: if one_rate { first_rate } else { None },
        amount_minor: amount,
        worked_minor: amount,
        entries: members.iter().map(|m| m.time_entry_id).collect(),
        expenses: Vec::new(),
    }
}

/// Lines for an engagement's expenses: one per expense, or one per category.
pub(super) fn expense_lines(
    label: &str,
    spent: &[&SpendItem],
    grouping: ExpenseGrouping,
    show_people: bool,
) -> Vec<PlannedLine> {
    let line = |description: String, detail: String, items: &[&SpendItem]| {
        let amount: i64 = items.iter().map(|s| s.amount_minor).sum();
        PlannedLine {
            kind: LineKind::Expense,
            engagement_id: items.first().map(|s| s.engagement_id),
            description,
            detail,
            quantity: Quantity::Units(100),
            rate_minor: Some(amount),
            amount_minor: amount,
            worked_minor: amount,
            entries: Vec::new(),
            expenses: items.iter().map(|s| s.expense_id).collect(),
        }
    };
    match grouping {
        ExpenseGrouping::Detailed => spent
            .iter()
            .map(|s| {
                let what = if s.notes.trim().is_empty() { s.category.clone() } else { s.notes.trim().to_owned() };
                let detail = if show_people {
                    format!("{} · {} · {}", s.spent_on, s.person, s.category)
                } else {
                    format!("{} · {}", s.spent_on, s.category)
                };
                line(format!("{label} — {what}"), detail, &[*s])
            })
            .collect(),
        ExpenseGrouping::ByCategory => {
            let mut groups: BTreeMap<&str, Vec<&SpendItem>> = BTreeMap::new();
            for s in spent {
                groups.entry(s.category.as_str()).or_default().push(s);
            }
            groups
                .into_iter()
                .map(|(category, items)| {
                    let n = items.len();
                    line(
                        format!("{label} — {category}"),
                        format!("{n} {}", if n == 1 { "expense" } else { "expenses" }),
                        &items,
                    )
                })
                .collect()
        }
    }
}
