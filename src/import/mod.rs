//! Reading other tools' time exports — Harvest's detailed time report and
//! Toggl Track's detailed report, both as CSV — into rows PesPro can import,
//! with an error per unusable row (by the file's line number) instead of a
//! refusal of the whole file. Pure and wasm-safe: matching the rows against
//! the firm's people, clients and engagements happens in the backend.
//!
//! Re-importing must add nothing, and an overlapping newer export must add
//! only its new rows. Neither tool puts an entry id in these exports, so each
//! row gets a key from its content (see [`ImportRow::key`]).

mod columns;
mod plan;
mod values;

#[cfg(test)]
mod tests;

pub use plan::{
    Directory, ImportOutcome, ImportPreview, NewEngagement, PersonMatch, Plan, PlannedEntry, SHOWN_ERRORS, Target, plan,
};
pub use values::DateOrder;

use columns::Columns;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use time::Date;

/// Where Toggl time without a client, or without a project, is imported.
pub const TOGGL_NO_CLIENT: &str = "Without client";
pub const TOGGL_NO_PROJECT: &str = "Without project";

/// The largest file accepted, in bytes (10 MiB: about 50,000 rows).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    Harvest,
    Toggl,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Self::Harvest => "Harvest",
            Self::Toggl => "Toggl Track",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("The file is empty.")]
    Empty,
    #[error(
        "This is not a Harvest detailed time report or a Toggl Track detailed report: its first row has \
         neither an “Hours” nor a “Duration” column. Export the detailed report as CSV and upload that."
    )]
    UnknownFormat,
    #[error("This looks like a {} export, but it has no “{column}” column. Export the detailed report with all columns.", export.label())]
    MissingColumn { export: Source, column: String },
    #[error("{0}")]
    Dates(String),
    #[error("The file could not be read as CSV: {0}")]
    Unreadable(String),
}

/// One usable row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The line of the file the row starts on (1 is the header).
    pub line: u64,
    pub work_date: Date,
    /// Harvest's "First Last", or Toggl's user name.
    pub person_name: String,
    /// Toggl's email, the better key for a person when present.
    pub person_email: Option<String>,
    pub client: String,
    /// Harvest's project code, matched against engagement codes.
    pub engagement_code: Option<String>,
    pub engagement_name: String,
    /// 1..=1440.
    pub minutes: u32,
    pub billable: bool,
    /// Whether the source approved the time, where the export says
    /// (Harvest's "Approved"); `None` where it cannot (Toggl).
    pub approved: Option<bool>,
    pub notes: String,
    /// SHA-256 (hex) of the row's content and how many identical rows came
    /// before it in the file: the same entry gets the same key in every
    /// export that contains it, and two genuinely identical entries (two
    /// separate hours of the same work) keep two keys.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub source: Source,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
}

/// Bytes as uploaded to text: UTF-8 (with or without a byte-order mark),
/// UTF-16 with its mark (Excel's "Unicode text"), or else Latin-1, what
/// older spreadsheet programs save.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let units: Vec<u16> = rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The field separator: whichever of `,`, `;` and tab the header row uses
/// most (European spreadsheet exports use `;`, since `,` is their decimal).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t'].into_iter().max_by_key(|d| header.bytes().filter(|b| b == d).count()).unwrap_or(b',')
}

struct Record {
    line: u64,
    cells: Vec<String>,
}

impl Record {
    fn get(&self, column: Option<usize>) -> &str {
        column.and_then(|c| self.cells.get(c)).map_or("", |s| s.trim())
    }
}

pub fn parse(text: &str) -> Result<ParsedFile, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut lines = LineCounter::default();
    for record in reader.records() {
        let record = record.map_err(|e| FileError::Unreadable(e.to_string()))?;
        let line = lines.line_at(text, record.position().map_or(0, csv::Position::byte));
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            records.push(Record { line, cells });
        }
    }
    let mut records = records.into_iter();
    let header: Vec<String> =
        records.next().ok_or(FileError::Empty)?.cells.iter().map(|h| h.trim().to_lowercase()).collect();
    let columns = Columns::detect(&header)?;
    let records: Vec<Record> = records.collect();
    let european = delimiter == b';'
        || records.iter().any(|r| {
            let hours = r.get(Some(columns.duration));
            hours.contains(',') && !hours.contains('.')
        });
    let order =
        DateOrder::decide(records.iter().map(|r| r.get(Some(columns.date))), european).map_err(FileError::Dates)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for record in &records {
        match read_row(&columns, order, record) {
            Ok((mut row, identity)) => {
                let count = seen.entry(identity.clone()).or_default();
                row.key = hex(&Sha256::digest(format!("{identity}\u{1f}{count}").as_bytes()));
                *count += 1;
                rows.push(row);
            }
            Err(message) => errors.push(RowError { line: record.line, message }),
        }
    }
    Ok(ParsedFile { source: columns.source, rows, errors })
}

/// The 1-based line a record starting at a byte offset begins on, counted
/// incrementally (records come in order). The reader's own line count lags a
/// line behind after a CRLF line end, and its start offset may still point
/// at the previous line's end, so line ends are skipped first.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: u64,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: u64) -> u64 {
        let bytes = text.as_bytes();
        let start = usize::try_from(byte).unwrap_or(usize::MAX).clamp(self.byte, bytes.len());
        let skipped = bytes[start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let end = start + skipped;
        self.newlines += bytes[self.byte..end].iter().filter(|&&b| b == b'\n').count() as u64;
        self.byte = end;
        self.newlines + 1
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The row, and the text its key is made from.
fn read_row(c: &Columns, order: DateOrder, r: &Record) -> Result<(ImportRow, String), String> {
    let work_date = order.parse(r.get(Some(c.date)))?;
    let person_name = [r.get(c.first_name), r.get(c.last_name)].join(" ").trim().to_owned();
    let person_email = Some(r.get(c.email).to_lowercase()).filter(|e| !e.is_empty());
    if person_name.is_empty() && person_email.is_none() {
        return Err("The row names no person.".to_owned());
    }
    let (client, engagement_name) = (r.get(Some(c.client)), r.get(Some(c.project)));
    // Toggl lets time go without a project, and projects without a client;
    // such time is gathered under Toggl's own labels for them (the preview
    // says these will be created). Harvest always has both.
    let (client, engagement_name) = match c.source {
        Source::Toggl => (
            if client.is_empty() { TOGGL_NO_CLIENT } else { client }.to_owned(),
            if engagement_name.is_empty() { TOGGL_NO_PROJECT } else { engagement_name }.to_owned(),
        ),
        Source::Harvest => (client.to_owned(), engagement_name.to_owned()),
    };
    if client.is_empty() {
        return Err("The row has no client; every engagement in PesPro belongs to a client.".to_owned());
    }
    if engagement_name.is_empty() {
        return Err("The row has no project.".to_owned());
    }
    let minutes = match c.source {
        Source::Harvest => values::hours_to_minutes(r.get(Some(c.duration)))?,
        // Toggl writes `hh:mm:ss`, or decimal hours when the account is set
        // to show durations that way.
        Source::Toggl if r.get(Some(c.duration)).contains(':') => values::duration_to_minutes(r.get(Some(c.duration)))?,
        Source::Toggl => values::hours_to_minutes(r.get(Some(c.duration)))?,
    };
    if minutes == 0 {
        return Err("The row records no time (it rounds to 0 minutes).".to_owned());
    }
    if minutes > 1440 {
        return Err(format!("The row records {minutes} minutes, more than a day (1,440 minutes)."));
    }
    let billable = match c.billable {
        Some(_) => values::yes_no(r.get(c.billable))?,
        None => true,
    };
    let approved = match c.approved {
        Some(_) => Some(values::yes_no(r.get(c.approved)).map_err(|e| format!("Approved: {e}"))?),
        None => None,
    };
    let (task, notes) = (r.get(c.task), r.get(c.notes));
    // The task is kept with the notes: PesPro has no tasks yet, and
    // dropping it would lose what the time was spent on.
    let notes = match (task.is_empty(), notes.is_empty()) {
        (false, false) => format!("{task}: {notes}"),
        (false, true) => task.to_owned(),
        _ => notes.to_owned(),
    };
    if notes.chars().count() > 2000 {
        return Err("The row's notes are longer than 2,000 characters.".to_owned());
    }
    let engagement_code = Some(r.get(c.project_code).to_owned()).filter(|code| !code.is_empty());
    let identity = [
        c.source.label(),
        &work_date.to_string(),
        &person_email.clone().unwrap_or_else(|| person_name.to_lowercase()),
        &client.to_lowercase(),
        &engagement_code.clone().unwrap_or_default(),
        &engagement_name.to_lowercase(),
        &minutes.to_string(),
        if billable { "billable" } else { "non-billable" },
        &notes,
        r.get(c.start_time),
    ]
    .join("\u{1f}");
    let row = ImportRow {
        line: r.line,
        work_date,
        person_name,
        person_email,
        client,
        engagement_code,
        engagement_name,
        minutes,
        billable,
        approved,
        notes,
        key: String::new(),
    };
    Ok((row, identity))
}
