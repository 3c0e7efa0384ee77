use super::values::{duration_to_minutes, hours_to_minutes, yes_no};
use super::*;

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day).unwrap()
}

const HARVEST: &str = include_str!("fixtures/harvest_detailed.csv");
const HARVEST_EUROPEAN: &[u8] = include_bytes!("fixtures/harvest_european.csv");
const TOGGL: &str = include_str!("fixtures/toggl_detailed.csv");

fn errors(file: &ParsedFile) -> Vec<(u64, &str)> {
    file.errors.iter().map(|e| (e.line, e.message.as_str())).collect()
}

#[test]
fn a_harvest_detailed_export_is_recognised_with_its_rows() {
    let file = parse(HARVEST).unwrap();
    assert_eq!(file.source, Source::Harvest);
    assert_eq!(file.rows.len(), 37);
    let first = &file.rows[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.work_date, date(2026, 10, 5));
    assert_eq!(first.person_name, "Avery Admin");
    assert_eq!(first.person_email, None);
    assert_eq!((first.client.as_str(), first.engagement_name.as_str()), ("Acme Holdings", "Year-end audit 2026"));
    assert_eq!(first.engagement_code.as_deref(), Some("ACM-AUDIT"));
    assert_eq!(first.minutes, 165);
    assert!(first.billable);
    assert_eq!(first.notes, "Fieldwork: Inventory count, warehouse B");
}

#[test]
fn a_quoted_newline_stays_in_the_notes_and_later_rows_keep_their_file_line_numbers() {
    let file = parse(HARVEST).unwrap();
    let call = file.rows.iter().find(|r| r.notes.contains("CFO")).unwrap();
    assert_eq!(call.notes, "VAT: Call with CFO, re: stock valuation\nFollow-up email sent");
    assert_eq!(call.line, 6);
    assert_eq!(file.rows[5].line, 8);
}

#[test]
fn harvest_rows_with_bad_hours_or_more_than_a_day_are_errors_with_their_line() {
    let file = parse(HARVEST).unwrap();
    assert_eq!(
        errors(&file),
        [
            (40, "“two” is not a number of hours"),
            (41, "The row records 1590 minutes, more than a day (1,440 minutes).")
        ]
    );
}

#[test]
fn a_european_export_with_a_bom_semicolons_and_decimal_commas_is_read() {
    let file = parse(&decode(HARVEST_EUROPEAN)).unwrap();
    assert_eq!(file.source, Source::Harvest);
    let minutes: Vec<u32> = file.rows.iter().map(|r| r.minutes).collect();
    assert_eq!(minutes, [90, 45, 120]);
    assert_eq!(file.rows[0].work_date, date(2026, 11, 3));
    assert_eq!(file.rows[0].notes, "Fieldwork: Inventurbericht; Lager B");
    assert!(!file.rows[2].billable);
    assert_eq!(errors(&file), [(5, "“31/11/2026” is not a date")]);
}

#[test]
fn a_toggl_detailed_export_is_recognised_and_people_are_keyed_by_email() {
    let file = parse(TOGGL).unwrap();
    assert_eq!(file.source, Source::Toggl);
    assert_eq!(file.rows.len(), 31);
    let first = &file.rows[0];
    assert_eq!(first.person_email.as_deref(), Some("admin@ledgerline.example"));
    assert_eq!(first.person_name, "Avery Admin");
    assert_eq!(first.minutes, 60);
    assert_eq!(first.notes, "Inventory count, warehouse B");
    assert_eq!(errors(&file), [(33, "The row records no time (it rounds to 0 minutes).")]);
}

#[test]
fn toggl_time_without_a_client_or_project_goes_under_toggls_own_labels() {
    let file = parse(TOGGL).unwrap();
    let internal = file.rows.last().unwrap();
    assert_eq!(
        (internal.line, internal.client.as_str(), internal.engagement_name.as_str()),
        (32, TOGGL_NO_CLIENT, "Internal")
    );
    let text = "Email,Client,Project,Start date,Duration\na@b.example,,,2026-11-02,00:30:00\n";
    let row = &parse(text).unwrap().rows[0];
    assert_eq!((row.client.as_str(), row.engagement_name.as_str()), (TOGGL_NO_CLIENT, TOGGL_NO_PROJECT));
}

#[test]
fn a_harvest_row_without_a_client_is_an_error() {
    let text = "Date,Client,Project,Hours,First Name,Last Name\n2026-11-02,,Audit,1,Avery,Admin\n";
    let file = parse(text).unwrap();
    assert_eq!(errors(&file), [(2, "The row has no client; every engagement in PesPro belongs to a client.")]);
}

#[test]
fn every_row_gets_a_distinct_key_that_is_the_same_in_every_parse() {
    let keys: Vec<String> = parse(HARVEST).unwrap().rows.into_iter().map(|r| r.key).collect();
    let again: Vec<String> = parse(HARVEST).unwrap().rows.into_iter().map(|r| r.key).collect();
    assert_eq!(keys, again);
    let distinct: std::collections::HashSet<&String> = keys.iter().collect();
    assert_eq!(distinct.len(), keys.len());
}

#[test]
fn an_overlapping_newer_export_keys_the_shared_rows_alike() {
    let lines: Vec<&str> = TOGGL.lines().collect();
    let older = lines[..20].join("\n");
    let newer = [&lines[..1], &lines[10..]].concat().join("\n");
    let older: Vec<String> = parse(&older).unwrap().rows.into_iter().map(|r| r.key).collect();
    let newer: Vec<String> = parse(&newer).unwrap().rows.into_iter().map(|r| r.key).collect();
    assert_eq!(older[9..], newer[..10]);
}

#[test]
fn two_identical_rows_are_two_entries_with_two_keys() {
    let text = "Date,Client,Project,Hours,First Name,Last Name\n\
                2026-11-02,Acme,Audit,1,Avery,Admin\n2026-11-02,Acme,Audit,1,Avery,Admin\n";
    let file = parse(text).unwrap();
    assert_eq!(file.rows.len(), 2);
    assert_ne!(file.rows[0].key, file.rows[1].key);
}

#[test]
fn a_missing_required_column_is_a_file_error_that_names_it() {
    let error = parse("Date,Client,Hours,First Name,Last Name\n2026-11-02,Acme,1,Avery,Admin\n").unwrap_err();
    assert_eq!(error, FileError::MissingColumn { export: Source::Harvest, column: "Project".to_owned() });
    assert!(error.to_string().contains("no “Project” column"));
}

#[test]
fn a_file_from_another_tool_is_refused_as_unknown() {
    assert_eq!(parse("Name,Amount\nA,1\n").unwrap_err(), FileError::UnknownFormat);
    assert_eq!(parse("\u{feff}\r\n").unwrap_err(), FileError::Empty);
}

#[test]
fn columns_are_found_by_name_whatever_their_order_or_case() {
    let file =
        parse("HOURS ; last name;Project;first name;Client;DATE\r\n2;Admin;Audit;Avery;Acme;2026-11-02\r\n").unwrap();
    assert_eq!(file.rows[0].person_name, "Avery Admin");
    assert_eq!(file.rows[0].minutes, 120);
}

#[test]
fn a_latin_1_file_is_decoded_rather_than_refused() {
    assert_eq!(decode(b"Caf\xe9"), "Café");
    assert_eq!(decode(b"\xEF\xBB\xBFDate"), "Date");
}

#[test]
fn a_utf_16_file_with_its_mark_is_decoded() {
    assert_eq!(decode(b"\xFF\xFED\x00\xE9\x00"), "Dé");
    assert_eq!(decode(b"\xFE\xFF\x00D\x00\xE9"), "Dé");
}

#[test]
fn slashed_dates_are_day_first_when_a_day_above_twelve_says_so() {
    let order = DateOrder::decide(["01/11/2026", "13/11/2026"].into_iter(), false).unwrap();
    assert_eq!(order, DateOrder::DayFirst);
    assert_eq!(order.parse("01/11/2026").unwrap(), date(2026, 11, 1));
}

#[test]
fn slashed_dates_are_month_first_when_a_second_part_above_twelve_says_so() {
    let order = DateOrder::decide(["11/01/2026", "11/30/2026"].into_iter(), true).unwrap();
    assert_eq!(order, DateOrder::MonthFirst);
    assert_eq!(order.parse("11/01/2026").unwrap(), date(2026, 11, 1));
}

#[test]
fn undecided_slashed_dates_follow_the_files_locale() {
    let dates = ["01/02/2026", "03/04/2026"];
    assert_eq!(DateOrder::decide(dates.into_iter(), true).unwrap(), DateOrder::DayFirst);
    assert_eq!(DateOrder::decide(dates.into_iter(), false).unwrap(), DateOrder::MonthFirst);
}

#[test]
fn a_file_mixing_both_date_orders_is_refused() {
    assert!(DateOrder::decide(["13/01/2026", "01/13/2026"].into_iter(), false).is_err());
    let text = "Date,Client,Project,Hours,First Name,Last Name\n13/01/2026,A,P,1,A,B\n01/13/2026,A,P,1,A,B\n";
    assert!(matches!(parse(text), Err(FileError::Dates(_))));
}

#[test]
fn iso_and_dotted_dates_are_read_and_nonsense_is_not() {
    assert_eq!(DateOrder::Iso.parse("2026-02-28").unwrap(), date(2026, 2, 28));
    assert_eq!(DateOrder::DayFirst.parse("28.02.2026").unwrap(), date(2026, 2, 28));
    assert!(DateOrder::Iso.parse("2026-02-30").is_err());
    assert!(DateOrder::Iso.parse("yesterday").is_err());
}

#[test]
fn hours_read_with_either_decimal_separator_and_thousands_groups() {
    assert_eq!(hours_to_minutes("1.5"), Ok(90));
    assert_eq!(hours_to_minutes("1,5"), Ok(90));
    assert_eq!(hours_to_minutes("0,25"), Ok(15));
    assert_eq!(hours_to_minutes(".75"), Ok(45));
    assert_eq!(hours_to_minutes("1,000.5"), Ok(60_030));
    assert_eq!(hours_to_minutes("1.000,5"), Ok(60_030));
    assert_eq!(hours_to_minutes("1:45"), Ok(105));
    assert_eq!(hours_to_minutes("0.33"), Ok(20));
}

#[test]
fn hours_that_are_not_numbers_are_refused() {
    for bad in ["", "two", "1.5h", "-1", "1:75", "1.2.3,4,5x"] {
        assert!(hours_to_minutes(bad).is_err(), "{bad}");
    }
}

#[test]
fn toggl_durations_round_to_the_nearest_minute() {
    assert_eq!(duration_to_minutes("01:30:00"), Ok(90));
    assert_eq!(duration_to_minutes("00:00:29"), Ok(0));
    assert_eq!(duration_to_minutes("00:00:30"), Ok(1));
    assert_eq!(duration_to_minutes("25:00:00"), Ok(1500));
    assert!(duration_to_minutes("1h30").is_err());
    assert!(duration_to_minutes("00:61:00").is_err());
}

#[test]
fn toggl_durations_in_decimal_hours_are_read_too() {
    let text = "Email,Client,Project,Start date,Duration\nadmin@a.example,Acme,Audit,2026-11-02,\"1,25\"\n";
    assert_eq!(parse(text).unwrap().rows[0].minutes, 75);
}

#[test]
fn yes_and_no_are_read_in_any_case() {
    assert_eq!(yes_no("Yes"), Ok(true));
    assert_eq!(yes_no("no"), Ok(false));
    assert!(yes_no("maybe").is_err());
}

mod planning;
