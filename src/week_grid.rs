//! The week as a timesheet grid: one row per engagement (billable and
//! non-billable time kept apart), one column per day, with row and day
//! totals; and the grid's entry row, where a person types a week's hours for
//! one engagement across the days (Tab moves day to day, Enter saves).
//! Pure, so the page and its tests agree on every sum.

use crate::money::Minutes;
use crate::my_week::{EntryProblem, MyWeek, check_minutes, check_notes};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRow {
    /// "Acme Ltd — AC-01 Annual audit", with "(non-billable)" when it is.
    pub label: String,
    pub billable: bool,
    /// Monday first.
    pub days: [Minutes; 7],
    pub total: Minutes,
}

/// The week's rows, in the order engagements first appear in the week.
pub fn rows(week: &MyWeek) -> Vec<GridRow> {
    let mut rows: Vec<(String, String, bool, [Minutes; 7])> = Vec::new();
    for (day, entries) in week.days.iter().enumerate() {
        for e in &entries.entries {
            let key = format!("{}\u{0}{}", e.engagement_code, e.billable);
            let index = match rows.iter().position(|(k, ..)| *k == key) {
                Some(index) => index,
                None => {
                    let label = format!("{} — {} {}", e.client_name, e.engagement_code, e.engagement_name);
                    rows.push((key, label, e.billable, [Minutes::ZERO; 7]));
                    rows.len() - 1
                }
            };
            let cell = &mut rows[index].3[day];
            *cell = Minutes(cell.0 + e.minutes.0);
        }
    }
    rows.into_iter()
        .map(|(_, label, billable, days)| {
            let total = Minutes(days.iter().map(|m| m.0).sum());
            let label = if billable { label } else { format!("{label} (non-billable)") };
            GridRow { label, billable, days, total }
        })
        .collect()
}

/// The grid's entry row as posted: an engagement and up to seven durations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekRowForm {
    #[serde(default)]
    pub engagement_id: String,
    /// The week, as `2026-W48`.
    #[serde(default)]
    pub week: String,
    #[serde(default)]
    pub d0: String,
    #[serde(default)]
    pub d1: String,
    #[serde(default)]
    pub d2: String,
    #[serde(default)]
    pub d3: String,
    #[serde(default)]
    pub d4: String,
    #[serde(default)]
    pub d5: String,
    #[serde(default)]
    pub d6: String,
    #[serde(default)]
    pub billable: Option<String>,
    #[serde(default)]
    pub notes: String,
}

impl WeekRowForm {
    pub fn days(&self) -> [&str; 7] {
        [&self.d0, &self.d1, &self.d2, &self.d3, &self.d4, &self.d5, &self.d6]
    }
}

/// A row that reads: `(day index, minutes)` per filled day, and the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    pub cells: Vec<(usize, Minutes)>,
    pub notes: String,
}

/// The field name of day `index` (0 = Monday).
pub fn day_field(index: usize) -> &'static str {
    ["d0", "d1", "d2", "d3", "d4", "d5", "d6"][index.min(6)]
}

/// Reads the durations typed into the row: `(day index, minutes)` for each
/// non-empty cell, or the first bad cell's field and problem. A row with no
/// time at all is a problem too, on Monday's cell.
pub fn parse_row(form: &WeekRowForm) -> Result<ParsedRow, (&'static str, String)> {
    let mut cells = Vec::new();
    for (index, raw) in form.days().into_iter().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let minutes = Minutes::parse(raw)
            .map_err(|e| e.to_string())
            .and_then(|m| check_minutes(m).map_err(|e| e.to_string()))
            .map_err(|e| (day_field(index), e))?;
        cells.push((index, minutes));
    }
    if cells.is_empty() {
        return Err((day_field(0), "type the hours for at least one day".to_owned()));
    }
    let notes = check_notes(&form.notes).map_err(|e: EntryProblem| ("notes", e.to_string()))?;
    Ok(ParsedRow { cells, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::first_day::FirstDay;
    use crate::my_week::{WeekEntry, group};
    use crate::week::Week;

    fn w48() -> Week {
        Week::parse("2026-W48", FirstDay::Monday).unwrap()
    }

    fn entry(day: usize, code: &str, minutes: u32, billable: bool) -> WeekEntry {
        let week = w48();
        WeekEntry {
            time_entry_id: 1,
            work_date: week.dates()[day],
            minutes: Minutes(minutes),
            billable,
            notes: String::new(),
            client_name: "Acme".into(),
            engagement_code: code.into(),
            engagement_name: "Audit".into(),
            locked: false,
            imported: None,
        }
    }

    #[test]
    fn entries_for_one_engagement_add_up_in_its_row_by_day() {
        let week = group(
            w48(),
            vec![
                entry(0, "A1", 60, true),
                entry(0, "A1", 30, true),
                entry(2, "A1", 120, true),
                entry(1, "B2", 45, true),
            ],
        );
        let rows = rows(&week);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].days[0], Minutes(90));
        assert_eq!(rows[0].days[2], Minutes(120));
        assert_eq!(rows[0].total, Minutes(210));
        assert_eq!(rows[1].total, Minutes(45));
    }

    #[test]
    fn non_billable_time_on_the_same_engagement_gets_its_own_row() {
        let week = group(w48(), vec![entry(0, "A1", 60, true), entry(0, "A1", 30, false)]);
        let rows = rows(&week);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].label.ends_with("(non-billable)"));
    }

    #[test]
    fn an_entry_row_reads_the_filled_days_only() {
        let form = WeekRowForm { d0: "8".into(), d2: "7:30".into(), d4: "4,5".into(), ..WeekRowForm::default() };
        let cells = parse_row(&form).unwrap().cells;
        assert_eq!(cells, vec![(0, Minutes(480)), (2, Minutes(450)), (4, Minutes(270))]);
    }

    #[test]
    fn a_bad_cell_is_reported_on_its_own_day() {
        let form = WeekRowForm { d0: "8".into(), d3: "soon".into(), ..WeekRowForm::default() };
        assert_eq!(parse_row(&form).unwrap_err().0, "d3");
        let too_long = WeekRowForm { d6: "25".into(), ..WeekRowForm::default() };
        assert_eq!(parse_row(&too_long).unwrap_err().0, "d6");
    }

    #[test]
    fn an_empty_row_asks_for_some_time() {
        assert_eq!(parse_row(&WeekRowForm::default()).unwrap_err().0, "d0");
    }
}
