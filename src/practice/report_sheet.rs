//! A report printed: the page's numbers mapped onto `pespro_pdf::ReportSheet`
//! with the firm's colours, logo and ways of writing dates and amounts —
//! its chart as bars, its table as rows, the definition under the title.

use crate::brand::Theme;
use crate::colour::HexColour;
use crate::formats::Formats;
use crate::invoice::aging::Bucket;
use crate::reports::hours::{Dimension, GroupKey, Hours};
use crate::reports::period::Grain;
use crate::reports::receivables::ReceivablesTrend;
use crate::reports::{ReportData, ReportsPage};
use pespro_pdf::{Logo, PdfError, ReportBar, ReportColumn, ReportRow, ReportSheet};

/// Bars a printed chart has room for.
const MOST_BARS: usize = 30;

/// The report as a PDF; a logo that cannot be drawn gives way to initials.
pub fn report_pdf(
    page: &ReportsPage,
    formats: Formats,
    theme: &Theme,
    logo: Option<Logo>,
) -> Result<Vec<u8>, PdfError> {
    let mut sheet = report_sheet(page, formats, theme);
    sheet.logo = logo;
    match pespro_pdf::render_report(&sheet) {
        Err(PdfError::Logo(reason)) => {
            tracing::warn!(%reason, "the firm's logo could not be drawn; the report shows its initials");
            sheet.logo = None;
            pespro_pdf::render_report(&sheet)
        }
        drawn => drawn,
    }
}

fn hours(formats: Formats, minutes: u64) -> String {
    let tenths = i64::try_from((minutes * 10 + 30) / 60).unwrap_or(i64::MAX);
    format!("{} h", formats.decimal(tenths, 1))
}

fn percent(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
}

fn columns(titles: &[(&str, bool)]) -> Vec<ReportColumn> {
    titles.iter().map(|(title, numeric)| ReportColumn { title: (*title).to_owned(), numeric: *numeric }).collect()
}

fn row(cells: Vec<String>, strong: bool) -> ReportRow {
    ReportRow { cells, strong }
}

fn bar(name: String, value: f64, shown: String, alarm: bool) -> ReportBar {
    ReportBar { name, value, shown, alarm }
}

fn bucket_label(formats: Formats, grain: Grain, day: time::Date) -> String {
    match grain {
        Grain::Week => formats.day(day),
        Grain::Month => format!("{} {}", day.month(), day.year()),
    }
}

/// The sheet for `page`, without the logo (its caller reads the file).
pub fn report_sheet(page: &ReportsPage, formats: Formats, theme: &Theme) -> ReportSheet {
    let kind = page.query.kind;
    let subtitle = if kind.has_period() {
        let (from, to) = (formats.date(page.resolved.from), formats.date(page.resolved.to));
        format!("{}: {from} to {to}", page.query.period.label())
    } else {
        format!("As of {}", formats.date(page.today))
    };
    let mut sheet = ReportSheet {
        accent: theme.primary.rgb(),
        accent_text: theme.primary.readable_text().rgb(),
        chart: theme.primary.for_graphics_on(HexColour::WHITE).rgb(),
        firm_name: theme.display_name.to_string(),
        logo: None,
        firm_initials: theme.display_name.initials(),
        title: kind.label().to_owned(),
        subtitle,
        headline: page.headline(formats),
        definition: page.meaning(),
        printed: format!("Printed {}", formats.date(page.today)),
        ..ReportSheet::default()
    };
    fill(&mut sheet, page, formats);
    sheet.bars.truncate(MOST_BARS);
    sheet
}

fn fill(sheet: &mut ReportSheet, page: &ReportsPage, formats: Formats) {
    let grain = page.resolved.grain;
    match &page.data {
        ReportData::Utilization { report, .. } => {
            sheet.chart_title = "Utilization by week or month".to_owned();
            sheet.bars = report
                .buckets
                .iter()
                .map(|(day, u)| {
                    bar(
                        bucket_label(formats, grain, *day),
                        u.percent().unwrap_or(0) as f64,
                        percent(u.percent()),
                        false,
                    )
                })
                .collect();
            sheet.columns = columns(&[
                ("Who", false),
                ("Used", true),
                ("Recorded", true),
                ("Available", true),
                ("Utilization", true),
            ]);
            let line = |name: &str, u: &crate::reports::utilization::Utilization, strong| {
                row(
                    vec![
                        name.to_owned(),
                        hours(formats, u.used),
                        hours(formats, u.recorded),
                        hours(formats, u.available),
                        percent(u.percent()),
                    ],
                    strong,
                )
            };
            sheet.rows = report.people.iter().map(|(name, u)| line(name, u, false)).collect();
            sheet.rows.push(line("Total", &report.total, true));
            sheet.rows.extend(report.teams.iter().map(|(name, u)| line(&format!("Team: {name}"), u, false)));
        }
        ReportData::Realization(reports) => {
            sheet.chart_title = "Realization by client".to_owned();
            sheet.columns = columns(&[
                ("Client", false),
                ("Engagement", false),
                ("Worked", true),
                ("Billed", true),
                ("Realization", true),
            ]);
            for r in reports {
                let money = |minor| formats.amount(minor, r.currency);
                sheet.bars.extend(r.clients.iter().map(|(client, w)| {
                    bar(
                        format!("{client} ({})", r.currency),
                        w.percent().unwrap_or(0) as f64,
                        percent(w.percent()),
                        false,
                    )
                }));
                sheet.rows.extend(r.engagements.iter().map(|(client, engagement, w)| {
                    row(
                        vec![
                            client.clone(),
                            engagement.clone(),
                            money(w.worked),
                            money(w.billed),
                            percent(w.percent()),
                        ],
                        false,
                    )
                }));
                let total = &r.total;
                sheet.rows.push(row(
                    vec![
                        format!("All, in {}", r.currency),
                        String::new(),
                        money(total.worked),
                        money(total.billed),
                        percent(total.percent()),
                    ],
                    true,
                ));
            }
        }
        ReportData::Budgets(lines) => {
            sheet.chart_title = "Budget used".to_owned();
            sheet.columns = columns(&[
                ("Engagement", false),
                ("Client", false),
                ("Used", true),
                ("Budget", true),
                ("Used %", true),
                ("Outlook", false),
            ]);
            let amount = |unit, value: i64| match unit {
                crate::reports::budgets::BudgetUnit::Minutes => hours(formats, value.unsigned_abs()),
                crate::reports::budgets::BudgetUnit::Money(c) => formats.amount(value, c),
            };
            for line in lines {
                let over = line.outlook == crate::reports::budgets::Outlook::Over;
                sheet.bars.push(bar(line.engagement.clone(), line.percent as f64, format!("{} %", line.percent), over));
                let outlook = match line.outlook {
                    crate::reports::budgets::Outlook::Over => "Over budget".to_owned(),
                    crate::reports::budgets::Outlook::RunsOut(day) => format!("Runs out {}", formats.date(day)),
                    crate::reports::budgets::Outlook::Idle => "No recent work".to_owned(),
                };
                let outlook = if line.at_risk && !over { format!("{outlook} (at risk)") } else { outlook };
                sheet.rows.push(row(
                    vec![
                        line.engagement.clone(),
                        line.client.clone(),
                        amount(line.unit, line.used),
                        amount(line.unit, line.budget),
                        format!("{} %", line.percent),
                        outlook,
                    ],
                    false,
                ));
            }
        }
        ReportData::Unbilled(reports) => {
            sheet.chart_title = "Unbilled work by age".to_owned();
            sheet.columns = columns(&[
                ("Client", false),
                ("Engagement", false),
                ("Hours", true),
                ("0–30", true),
                ("31–60", true),
                ("61–90", true),
                ("Over 90", true),
                ("Total", true),
            ]);
            for r in reports {
                let money = |minor: i64| r.currency.map_or_else(|| "—".to_owned(), |c| formats.amount(minor, c));
                if r.currency.is_some() {
                    sheet.bars.extend(crate::reports::unbilled::Age::ALL.into_iter().map(|age| {
                        let minor = r.total.by_age[age as usize];
                        bar(
                            age.label().to_owned(),
                            minor as f64,
                            money(minor),
                            age == crate::reports::unbilled::Age::Over90,
                        )
                    }));
                }
                let line = |client: &str, engagement: &str, a: &crate::reports::unbilled::AgedAmounts, strong| {
                    let mut cells = vec![client.to_owned(), engagement.to_owned(), hours(formats, a.minutes)];
                    cells.extend(a.by_age.iter().map(|minor| money(*minor)));
                    cells.push(money(a.total));
                    row(cells, strong)
                };
                sheet.rows.extend(r.rows.iter().map(|(client, engagement, a)| line(client, engagement, a, false)));
                sheet.rows.push(line("All clients", "", &r.total, true));
            }
        }
        ReportData::Receivables(report) => {
            sheet.chart_title = "Owed at the end of each week or month (red: some of it overdue)".to_owned();
            for trend in &report.trend {
                sheet.bars.extend(trend.points.iter().map(|(day, owed)| {
                    let overdue = ReceivablesTrend::overdue(owed);
                    let shown = formats.amount(owed.total, trend.currency);
                    bar(bucket_label(formats, grain, *day), owed.total as f64, shown, overdue > 0)
                }));
            }
            let mut heads = vec![("Client", false)];
            heads.extend(Bucket::ALL.iter().map(|b| (b.label(), true)));
            heads.push(("Total", true));
            sheet.columns = columns(&heads);
            for aging in &report.today {
                let line = |client: &str, owed: &crate::invoice::aging::AgingRow, strong| {
                    let mut cells = vec![client.to_owned()];
                    cells.extend(owed.buckets.iter().map(|minor| formats.amount(*minor, aging.currency)));
                    cells.push(formats.amount(owed.total, aging.currency));
                    row(cells, strong)
                };
                sheet.rows.extend(aging.clients.iter().map(|(client, owed)| line(client, owed, false)));
                sheet.rows.push(line(&format!("All clients, in {}", aging.currency), &aging.total, true));
            }
        }
        ReportData::Hours(table) => {
            let key = |key: &GroupKey, dimension: Dimension| match (key, dimension) {
                (GroupKey::Date(day), Dimension::Week) => format!("Week of {}", formats.day(*day)),
                (GroupKey::Date(day), Dimension::Month) => format!("{} {}", day.month(), day.year()),
                (GroupKey::Date(day), _) => formats.date(*day),
                (GroupKey::Name(name), _) => name.clone(),
            };
            sheet.chart_title = format!("Hours by {}", table.by.label().to_lowercase());
            sheet.bars = table
                .groups
                .iter()
                .map(|g| bar(key(&g.key, table.by), g.hours.minutes as f64, hours(formats, g.hours.minutes), false))
                .collect();
            let mut heads = vec![(table.by.label(), false)];
            heads.extend(table.then.map(|then| (then.label(), false)));
            heads.extend([("Hours", true), ("Billable", true), ("Billable %", true)]);
            sheet.columns = columns(&heads);
            let line = |outer: String, inner: Option<String>, h: &Hours, strong| {
                let mut cells = vec![outer];
                if table.then.is_some() {
                    cells.push(inner.unwrap_or_default());
                }
                cells.extend([hours(formats, h.minutes), hours(formats, h.billable), percent(h.billable_percent())]);
                row(cells, strong)
            };
            for g in &table.groups {
                sheet.rows.push(line(key(&g.key, table.by), None, &g.hours, true));
                if let Some(then) = table.then {
                    sheet.rows.extend(g.within.iter().map(|(k, h)| line(String::new(), Some(key(k, then)), h, false)));
                }
            }
            sheet.rows.push(line("Total".to_owned(), None, &table.total, true));
        }
    }
}
