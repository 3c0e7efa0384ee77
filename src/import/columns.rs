//! Which export a header row belongs to, and where its columns are. Column
//! order and extra columns vary between accounts and years (custom fields,
//! roles, currency columns), so columns are found by name, never position.

use super::{FileError, Source};

/// Where the columns an import uses sit in this file's rows.
#[derive(Debug, Clone)]
pub struct Columns {
    pub source: Source,
    pub date: usize,
    pub client: usize,
    pub project: usize,
    pub project_code: Option<usize>,
    pub task: Option<usize>,
    pub notes: Option<usize>,
    /// Harvest: decimal hours. Toggl: `hh:mm:ss`.
    pub duration: usize,
    pub billable: Option<usize>,
    /// Harvest's "Approved": whether the time was approved there. Toggl
    /// exports have no such column.
    pub approved: Option<usize>,
    /// Harvest splits the name; Toggl writes it whole (in `first_name`).
    pub first_name: Option<usize>,
    pub last_name: Option<usize>,
    pub email: Option<usize>,
    /// Toggl's start time: two entries of one person on one day differ by it.
    pub start_time: Option<usize>,
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| header.iter().position(|h| h == name))
}

fn required(header: &[String], source: Source, names: &[&str]) -> Result<usize, FileError> {
    find(header, names).ok_or_else(|| FileError::MissingColumn { export: source, column: display(names[0]) })
}

/// The column's name as the exports capitalise it.
fn display(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl Columns {
    /// `header` is the first row, each cell trimmed and lower-cased.
    pub fn detect(header: &[String]) -> Result<Self, FileError> {
        if find(header, &["hours"]).is_some() {
            Self::harvest(header)
        } else if find(header, &["duration"]).is_some() {
            Self::toggl(header)
        } else {
            Err(FileError::UnknownFormat)
        }
    }

    fn harvest(h: &[String]) -> Result<Self, FileError> {
        let s = Source::Harvest;
        Ok(Self {
            source: s,
            date: required(h, s, &["date", "spent date"])?,
            client: required(h, s, &["client"])?,
            project: required(h, s, &["project"])?,
            project_code: find(h, &["project code"]),
            task: find(h, &["task"]),
            notes: find(h, &["notes"]),
            duration: required(h, s, &["hours"])?,
            billable: find(h, &["billable?", "billable"]),
            approved: find(h, &["approved", "approved?"]),
            first_name: Some(required(h, s, &["first name"])?),
            last_name: Some(required(h, s, &["last name"])?),
            email: None,
            start_time: find(h, &["started at", "start time"]),
        })
    }

    fn toggl(h: &[String]) -> Result<Self, FileError> {
        let s = Source::Toggl;
        let name = find(h, &["user", "member", "name"]);
        let email = find(h, &["email"]);
        if name.is_none() && email.is_none() {
            return Err(FileError::MissingColumn { export: s, column: "Email".to_owned() });
        }
        Ok(Self {
            source: s,
            date: required(h, s, &["start date", "date"])?,
            client: required(h, s, &["client"])?,
            project: required(h, s, &["project"])?,
            project_code: None,
            task: find(h, &["task"]),
            notes: find(h, &["description"]),
            duration: required(h, s, &["duration"])?,
            billable: find(h, &["billable"]),
            approved: None,
            first_name: name,
            last_name: None,
            email,
            start_time: find(h, &["start time"]),
        })
    }
}
