//! Every report as a CSV file: the numbers behind its chart, for a
//! spreadsheet. Hours are decimal hours and amounts decimal numbers with a
//! `.` (machines read these files; people read the page), and names people
//! typed are made inert so a spreadsheet never runs them as formulas.

use super::budgets::{BudgetLine, BudgetUnit, Outlook};
use super::hours::{GroupKey, HoursTable};
use super::realization::{RealizationReport, Worth};
use super::receivables::ReceivablesReport;
use super::unbilled::UnbilledReport;
use super::utilization::{Utilization, UtilizationReport};
use crate::audit::csv_file::inert;
use crate::money::Currency;

fn file(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; a row that somehow did is left out
    // rather than ending the file.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Minutes as decimal hours with two places: 90 → "1.50".
pub fn hours(minutes: u64) -> String {
    let hundredths = (minutes * 100 + 30) / 60;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Minor units as a plain decimal in the currency's own places.
fn amount(minor: i64, currency: Currency) -> String {
    let digits = crate::expenses::minor_digits(currency);
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:0width$}", (minor / scale).abs(), (minor % scale).abs(), width = digits as usize)
}

pub fn utilization_csv(report: &UtilizationReport) -> String {
    let row = |kind: &str, name: String, part: &Utilization| {
        vec![
            kind.to_owned(),
            inert(&name),
            hours(part.used),
            hours(part.recorded),
            hours(part.available),
            part.percent().map(|p| p.to_string()).unwrap_or_default(),
        ]
    };
    let buckets = report.buckets.iter().map(|(start, part)| row("period", start.to_string(), part));
    let people = report.people.iter().map(|(name, part)| row("person", name.clone(), part));
    let teams = report.teams.iter().map(|(name, part)| row("team", name.clone(), part));
    let total = std::iter::once(row("total", String::new(), &report.total));
    let header =
        ["row", "name_or_period_start", "used_hours", "recorded_hours", "available_hours", "utilization_percent"];
    file(&header, buckets.chain(people).chain(teams).chain(total))
}

pub fn unbilled_csv(reports: &[UnbilledReport]) -> String {
    let rows = reports.iter().flat_map(|report| {
        let currency = report.currency;
        report.rows.iter().map(move |(client, engagement, amounts)| {
            let money = |minor: i64| currency.map(|c| amount(minor, c)).unwrap_or_default();
            let mut row = vec![
                currency.map(|c| c.as_str().to_owned()).unwrap_or_default(),
                inert(client),
                inert(engagement),
                hours(amounts.minutes),
            ];
            row.extend(amounts.by_age.iter().map(|minor| money(*minor)));
            row.push(money(amounts.total));
            row
        })
    });
    let header =
        ["currency", "client", "engagement", "hours", "age_0_30", "age_31_60", "age_61_90", "age_over_90", "total"];
    file(&header, rows)
}

pub fn budgets_csv(lines: &[BudgetLine]) -> String {
    let rows = lines.iter().map(|line| {
        let (unit, budget, used) = match line.unit {
            BudgetUnit::Minutes => {
                ("hours".to_owned(), hours(line.budget.unsigned_abs()), hours(line.used.unsigned_abs()))
            }
            BudgetUnit::Money(c) => (c.as_str().to_owned(), amount(line.budget, c), amount(line.used, c)),
        };
        let runs_out = match line.outlook {
            Outlook::Over => "over".to_owned(),
            Outlook::RunsOut(day) => day.to_string(),
            Outlook::Idle => String::new(),
        };
        vec![
            inert(&line.client),
            inert(&line.engagement),
            unit,
            budget,
            used,
            line.percent.to_string(),
            runs_out,
            line.at_risk.to_string(),
        ]
    });
    let header = ["client", "engagement", "unit", "budget", "used", "used_percent", "runs_out_on", "at_risk"];
    file(&header, rows)
}

/// One table: a row per engagement, client and person, the total, then
/// each write-down (its invoice number and reason in the last columns).
pub fn realization_csv(reports: &[RealizationReport]) -> String {
    let rows = reports.iter().flat_map(|report| {
        let currency = report.currency;
        let row = move |kind: &str, client: &str, name: &str, worth: &Worth, extra: [&str; 2]| {
            vec![
                kind.to_owned(),
                currency.as_str().to_owned(),
                inert(client),
                inert(name),
                amount(worth.worked, currency),
                amount(worth.billed, currency),
                worth.percent().map(|p| p.to_string()).unwrap_or_default(),
                inert(extra[0]),
                inert(extra[1]),
            ]
        };
        let engagements = report.engagements.iter().map(move |(c, e, w)| row("engagement", c, e, w, ["", ""]));
        let clients = report.clients.iter().map(move |(c, w)| row("client", c, "", w, ["", ""]));
        let people = report.people.iter().map(move |(p, w)| row("person", "", p, w, ["", ""]));
        let total = std::iter::once(row("total", "", "", &report.total, ["", ""]));
        let downs = report
            .write_downs
            .iter()
            .map(move |d| row("write_down", &d.client, &d.line, &d.worth, [d.number.as_str(), d.reason.as_str()]));
        engagements.chain(clients).chain(people).chain(total).chain(downs)
    });
    let header = [
        "row",
        "currency",
        "client",
        "engagement_or_person",
        "worked",
        "billed",
        "realization_percent",
        "invoice_number",
        "reason",
    ];
    file(&header, rows)
}

/// A row per point of the trend (`client` empty: all clients on that
/// day), then today's row per client, each by how late it is.
pub fn receivables_csv(report: &ReceivablesReport) -> String {
    let row = |currency: Currency, on: String, client: &str, row: &crate::invoice::aging::AgingRow| {
        let mut cells = vec![currency.as_str().to_owned(), on, inert(client)];
        cells.extend(row.buckets.iter().map(|minor| amount(*minor, currency)));
        cells.push(amount(row.total, currency));
        cells
    };
    let trend = report
        .trend
        .iter()
        .flat_map(|trend| trend.points.iter().map(move |(on, aging)| row(trend.currency, on.to_string(), "", aging)));
    let today = report.today.iter().flat_map(|aging| {
        aging.clients.iter().map(move |(client, owed)| row(aging.currency, "today".to_owned(), client, owed))
    });
    let header =
        ["currency", "as_of", "client", "current", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"];
    file(&header, trend.chain(today).collect::<Vec<_>>())
}

fn group_name(key: &GroupKey) -> String {
    match key {
        GroupKey::Date(day) => day.to_string(),
        GroupKey::Name(name) => inert(name),
    }
}

/// A row per group, then (with an inner grouping) its inner groups, the
/// inner column empty on the group's own row; dates (a week or month by
/// its first day) in ISO form.
pub fn hours_table_csv(table: &HoursTable) -> String {
    let inner_column = table.then.is_some();
    let row = move |outer: &GroupKey, inner: Option<&GroupKey>, hours: &super::hours::Hours| {
        let mut cells = vec![group_name(outer)];
        if inner_column {
            cells.push(inner.map(group_name).unwrap_or_default());
        }
        cells.extend([self::hours(hours.minutes), self::hours(hours.billable)]);
        cells
    };
    let rows = table.groups.iter().flat_map(|group| {
        std::iter::once(row(&group.key, None, &group.hours))
            .chain(group.within.iter().map(move |(key, hours)| row(&group.key, Some(key), hours)))
    });
    let mut header = vec![table.by.key()];
    header.extend(table.then.map(|then| then.key()));
    header.extend(["hours", "billable_hours"]);
    file(&header, rows.collect::<Vec<_>>())
}
