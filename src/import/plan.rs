//! What importing a parsed file would do to a firm: whom each row belongs
//! to, which clients and engagements it lands in (found, or to be created),
//! which rows are already imported, and which can't be imported and why.
//! The preview shows this plan and the import carries out the same plan, so
//! the two can't disagree. Pure: the backend loads the [`Directory`].

use super::{ImportRow, ParsedFile, RowError, Source};
use crate::client_name::ClientName;
use crate::first_day::FirstDay;
use crate::week::Week;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use time::Date;

/// The firm as the plan needs it.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// (user id, email, display name), deactivated people included: their
    /// past time is still theirs.
    pub people: Vec<(i64, String, String)>,
    /// (client id, name)
    pub clients: Vec<(i64, String)>,
    /// (engagement id, client id, code, name)
    pub engagements: Vec<(i64, i64, String, String)>,
    /// Keys of rows imported before, among this file's keys.
    pub imported_keys: HashSet<String>,
    /// (user id, week) of each week submitted or approved in PesPro: it
    /// takes no drafts, so an unapproved row cannot land in it.
    pub locked_weeks: HashSet<(i64, Week)>,
    /// Where the firm's weeks start, to find a row's week.
    pub first_day: FirstDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Existing(i64),
    /// An index into [`Plan::new_clients`] or [`Plan::new_engagements`].
    New(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEngagement {
    pub client: Target,
    /// For the preview.
    pub client_name: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEntry {
    pub user_id: i64,
    pub engagement: Target,
    pub work_date: Date,
    pub minutes: u32,
    pub billable: bool,
    pub notes: String,
    pub key: String,
    /// Imported approved (past work the source approved, or a source that
    /// cannot say), else as a draft in its person's week, to be submitted.
    pub approved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub source: Source,
    /// Rows read from the file without error.
    pub recognised: usize,
    pub duplicates: usize,
    pub entries: Vec<PlannedEntry>,
    pub new_clients: Vec<ClientName>,
    pub new_engagements: Vec<NewEngagement>,
    /// Row errors, by line.
    pub errors: Vec<RowError>,
    /// Each person named in the file, with the name they were matched to.
    pub people: Vec<PersonMatch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonMatch {
    /// As the file names them.
    pub in_file: String,
    /// Their name in PesPro, or none when no one matched.
    pub matched: Option<String>,
    pub rows: usize,
}

/// The plan as the preview page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub source: Source,
    pub recognised: usize,
    pub ready: usize,
    /// Of `ready`, the rows the source had not approved: they arrive as
    /// drafts.
    pub drafts: usize,
    pub duplicates: usize,
    pub people: Vec<PersonMatch>,
    pub new_clients: Vec<String>,
    /// "Client — CODE Name"
    pub new_engagements: Vec<String>,
    /// All of them: the page shows the first [`SHOWN_ERRORS`].
    pub error_count: usize,
    /// The first [`SHOWN_ERRORS`] row errors, by line.
    pub errors: Vec<RowError>,
}

/// How many row errors the preview lists: a file of the wrong firm could
/// have an error on each of 50,000 rows, and the first few hundred are
/// enough to see what is wrong.
pub const SHOWN_ERRORS: usize = 200;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub imported: usize,
    pub skipped: usize,
    pub errors: usize,
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Builds the plan for `file` against `firm`.
pub fn plan(file: &ParsedFile, firm: &Directory) -> Plan {
    let mut planner = Planner {
        firm,
        codes: firm.engagements.iter().map(|e| e.2.to_lowercase()).collect(),
        plan: Plan {
            source: file.source,
            recognised: file.rows.len(),
            duplicates: 0,
            entries: Vec::new(),
            new_clients: Vec::new(),
            new_engagements: Vec::new(),
            errors: file.errors.clone(),
            people: Vec::new(),
        },
        people: BTreeMap::new(),
    };
    for row in &file.rows {
        if let Err(message) = planner.row(row) {
            planner.plan.errors.push(RowError { line: row.line, message });
        }
    }
    let mut plan = planner.plan;
    plan.errors.sort_by_key(|e| e.line);
    plan.people = planner.people.into_values().collect();
    plan
}

struct Planner<'a> {
    firm: &'a Directory,
    /// Engagement codes in use, lower-cased, including planned ones.
    codes: HashSet<String>,
    plan: Plan,
    people: BTreeMap<String, PersonMatch>,
}

impl Planner<'_> {
    fn row(&mut self, row: &ImportRow) -> Result<(), String> {
        let user_id = self.person(row)?;
        if self.firm.imported_keys.contains(&row.key) {
            self.plan.duplicates += 1;
            return Ok(());
        }
        let approved = row.approved.unwrap_or(true);
        let week = Week::of(row.work_date, self.firm.first_day);
        if !approved && self.firm.locked_weeks.contains(&(user_id, week)) {
            return Err(format!(
                "The row was not approved in {source}, but {person}'s week of {monday} is already submitted in PesPro. \
                 Unlock that week from Approvals to import it as a draft.",
                source = self.plan.source.label(),
                person = row.person_name,
                monday = week.start(),
            ));
        }
        let client = self.client(&row.client)?;
        let engagement = self.engagement(client, row)?;
        self.plan.entries.push(PlannedEntry {
            user_id,
            engagement,
            work_date: row.work_date,
            minutes: row.minutes,
            billable: row.billable,
            notes: row.notes.clone(),
            key: row.key.clone(),
            approved,
        });
        Ok(())
    }

    fn person(&mut self, row: &ImportRow) -> Result<i64, String> {
        let (label, found): (String, Vec<&(i64, String, String)>) = match &row.person_email {
            Some(email) => {
                (email.clone(), self.firm.people.iter().filter(|p| p.1.eq_ignore_ascii_case(email)).collect())
            }
            None => {
                let name = fold(&row.person_name);
                (row.person_name.clone(), self.firm.people.iter().filter(|p| fold(&p.2) == name).collect())
            }
        };
        let entry = self.people.entry(fold(&label)).or_insert_with(|| PersonMatch {
            in_file: label.clone(),
            matched: (found.len() == 1).then(|| found[0].2.clone()),
            rows: 0,
        });
        entry.rows += 1;
        match found[..] {
            [one] => Ok(one.0),
            [] => Err(format!(
                "No one at the firm is {} “{label}”. Invite them from the People page, then upload the file again.",
                if row.person_email.is_some() { "registered with the email" } else { "named" }
            )),
            _ => Err(format!("More than one person at the firm is named “{label}”, so the time can't be assigned.")),
        }
    }

    fn client(&mut self, raw: &str) -> Result<Target, String> {
        let name = ClientName::parse(raw).map_err(|e| format!("The client “{raw}”: {e}."))?;
        let folded = fold(name.as_str());
        if let Some(c) = self.firm.clients.iter().find(|c| fold(&c.1) == folded) {
            return Ok(Target::Existing(c.0));
        }
        let index = match self.plan.new_clients.iter().position(|c| fold(c.as_str()) == folded) {
            Some(index) => index,
            None => {
                self.plan.new_clients.push(name);
                self.plan.new_clients.len() - 1
            }
        };
        Ok(Target::New(index))
    }

    fn engagement(&mut self, client: Target, row: &ImportRow) -> Result<Target, String> {
        if row.engagement_name.chars().count() > 200 {
            return Err("The project's name is longer than 200 characters.".to_owned());
        }
        let name = fold(&row.engagement_name);
        let code = row.engagement_code.as_deref().map(str::to_lowercase);
        let existing = self.firm.engagements.iter().find(|e| match &code {
            Some(code) => e.2.to_lowercase() == *code,
            None => Target::Existing(e.1) == client && fold(&e.3) == name,
        });
        if let Some(e) = existing {
            return Ok(Target::Existing(e.0));
        }
        let planned = self.plan.new_engagements.iter().position(|e| match &code {
            Some(code) => e.code.to_lowercase() == *code,
            None => e.client == client && fold(&e.name) == name,
        });
        if let Some(index) = planned {
            return Ok(Target::New(index));
        }
        let code = match &row.engagement_code {
            Some(code) => code.clone(),
            None => self.new_code(&row.client, &row.engagement_name),
        };
        self.codes.insert(code.to_lowercase());
        let name = row.engagement_name.split_whitespace().collect::<Vec<_>>().join(" ");
        let client_name = match client {
            Target::Existing(id) => self.firm.clients.iter().find(|c| c.0 == id).map(|c| c.1.clone()),
            Target::New(i) => self.plan.new_clients.get(i).map(|c| c.as_str().to_owned()),
        };
        self.plan.new_engagements.push(NewEngagement {
            client,
            client_name: client_name.unwrap_or_default(),
            code,
            name,
        });
        Ok(Target::New(self.plan.new_engagements.len() - 1))
    }

    /// A code for an engagement the export gave none: three letters of the
    /// client and six of the project ("DAY-QUARTE"), numbered when taken.
    fn new_code(&self, client: &str, project: &str) -> String {
        let letters = |text: &str, n: usize| -> String {
            text.chars().filter(char::is_ascii_alphanumeric).take(n).collect::<String>().to_ascii_uppercase()
        };
        let (c, p) = (letters(client, 3), letters(project, 6));
        let base = match (c.is_empty(), p.is_empty()) {
            (false, false) => format!("{c}-{p}"),
            (true, true) => "IMPORTED".to_owned(),
            _ => format!("{c}{p}"),
        };
        std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|code| !self.codes.contains(&code.to_lowercase()))
            .unwrap_or(base)
    }
}

impl Plan {
    pub fn preview(&self) -> ImportPreview {
        ImportPreview {
            source: self.source,
            recognised: self.recognised,
            ready: self.entries.len(),
            drafts: self.entries.iter().filter(|e| !e.approved).count(),
            duplicates: self.duplicates,
            people: self.people.clone(),
            new_clients: self.new_clients.iter().map(|c| c.as_str().to_owned()).collect(),
            new_engagements: self
                .new_engagements
                .iter()
                .map(|e| format!("{} — {} {}", e.client_name, e.code, e.name))
                .collect(),
            error_count: self.errors.len(),
            errors: self.errors.iter().take(SHOWN_ERRORS).cloned().collect(),
        }
    }
}
