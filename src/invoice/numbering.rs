//! Invoice numbers as each firm writes them. A firm's number format is a
//! pattern (`{YYYY}-{seq:4}`, `INV/{client}/{cseq:3}`) and a rule for when
//! its counter restarts; this module reads the pattern, refuses one that
//! could hand out the same number twice, and says which counter a new
//! number draws from. The counter itself lives in the database and is
//! advanced inside the finalizing transaction (`practice::invoice_numbers`),
//! which is what makes numbers gap-free; nothing here can promise that.
//!
//! Tokens:
//! * `{YYYY}`, `{YY}`, `{MM}` — the issue date's year and month;
//! * `{seq}` / `{seq:N}` — the firm's counter, padded to N digits;
//! * `{cseq}` / `{cseq:N}` — a counter per client (needs `{client}`);
//! * `{client}` — the client's code.
//!
//! Anything else outside braces is printed as written.

use serde::{Deserialize, Serialize};
use time::Date;

/// When a counter starts again from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Restart {
    Never,
    Yearly,
    Monthly,
}

impl Restart {
    pub const ALL: [Restart; 3] = [Self::Never, Self::Yearly, Self::Monthly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Never => "never",
            Self::Yearly => "yearly",
            Self::Monthly => "monthly",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Never => "Never: one counter for ever",
            Self::Yearly => "Every year, on 1 January",
            Self::Monthly => "Every month",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CounterKind {
    Firm,
    Client,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Piece {
    Text(String),
    Year4,
    Year2,
    Month,
    ClientCode,
    Counter { kind: CounterKind, width: u8 },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("enter a number format, such as {{YYYY}}-{{seq:4}}")]
    Empty,
    #[error("a number format is at most 40 characters")]
    TooLong,
    #[error("“{{{0}}}” is not a token: use {{YYYY}}, {{YY}}, {{MM}}, {{seq}}, {{cseq}} or {{client}}")]
    UnknownToken(String),
    #[error("a “{{” is not closed with “}}”")]
    Unclosed,
    #[error("a counter's width is a number from 1 to 9, as in {{seq:4}}")]
    BadWidth,
    #[error("letters, digits, spaces and - / _ . # are allowed outside tokens")]
    BadCharacter,
    #[error("the format needs a counter ({{seq}} or {{cseq}}), or every invoice would get the same number")]
    NoCounter,
    #[error("use one counter only")]
    TwoCounters,
    #[error(
        "the counter restarts every year, so the format must include the year ({{YYYY}} or {{YY}}), or numbers would repeat"
    )]
    RestartsWithoutYear,
    #[error("the counter restarts every month, so the format must include the year and the month ({{MM}})")]
    RestartsWithoutMonth,
    #[error("a counter per client ({{cseq}}) needs the client's code ({{client}}), or two clients would share numbers")]
    ClientCounterWithoutClient,
    #[error(
        "{{YY}} repeats every hundred years; with a counter that never restarts that is fine, otherwise use {{YYYY}}"
    )]
    TwoDigitYearRepeats,
}

/// A checked number format: it always produces numbers that differ between
/// any two invoices of the same series (given distinct client codes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberPattern {
    raw: String,
    restart: Restart,
    pieces: Vec<Piece>,
}

impl NumberPattern {
    pub fn parse(raw: &str, restart: Restart) -> Result<Self, PatternError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(PatternError::Empty);
        }
        if raw.chars().count() > 40 {
            return Err(PatternError::TooLong);
        }
        let pieces = pieces(raw)?;
        let has = |p: &dyn Fn(&Piece) -> bool| pieces.iter().any(p);
        let counters = pieces.iter().filter(|p| matches!(p, Piece::Counter { .. })).count();
        match counters {
            0 => return Err(PatternError::NoCounter),
            1 => {}
            _ => return Err(PatternError::TwoCounters),
        }
        let year4 = has(&|p| *p == Piece::Year4);
        let year = year4 || has(&|p| *p == Piece::Year2);
        match restart {
            Restart::Yearly | Restart::Monthly if !year => return Err(PatternError::RestartsWithoutYear),
            Restart::Monthly if !has(&|p| *p == Piece::Month) => return Err(PatternError::RestartsWithoutMonth),
            Restart::Yearly | Restart::Monthly if !year4 => return Err(PatternError::TwoDigitYearRepeats),
            _ => {}
        }
        if has(&|p| matches!(p, Piece::Counter { kind: CounterKind::Client, .. })) && !has(&|p| *p == Piece::ClientCode)
        {
            return Err(PatternError::ClientCounterWithoutClient);
        }
        Ok(Self { raw: raw.to_owned(), restart, pieces })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn restart(&self) -> Restart {
        self.restart
    }

    /// Which counter a number issued on `issued_on` for `client_id` draws
    /// from: the key of its row in the counters table. Two invoices share a
    /// key exactly when the pattern would otherwise give them the same number.
    pub fn counter_key(&self, issued_on: Date, client_id: i64) -> String {
        let per_client = self.pieces.iter().any(|p| matches!(p, Piece::Counter { kind: CounterKind::Client, .. }));
        let owner = if per_client { format!("client:{client_id}") } else { "firm".to_owned() };
        match self.restart {
            Restart::Never => owner,
            Restart::Yearly => format!("{owner}:{}", issued_on.year()),
            Restart::Monthly => format!("{owner}:{}-{:02}", issued_on.year(), u8::from(issued_on.month())),
        }
    }

    /// The number with `counter` as the counter's value.
    pub fn render(&self, issued_on: Date, client_code: &str, counter: u64) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Year4 => out.push_str(&format!("{:04}", issued_on.year())),
                Piece::Year2 => out.push_str(&format!("{:02}", issued_on.year().rem_euclid(100))),
                Piece::Month => out.push_str(&format!("{:02}", u8::from(issued_on.month()))),
                Piece::ClientCode => out.push_str(client_code),
                Piece::Counter { width, .. } => out.push_str(&format!("{counter:0width$}", width = *width as usize)),
            }
        }
        out
    }
}

fn pieces(raw: &str) -> Result<Vec<Piece>, PatternError> {
    let mut pieces = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{') {
            let (token, tail) = after.split_once('}').ok_or(PatternError::Unclosed)?;
            pieces.push(token_piece(token)?);
            rest = tail;
        } else {
            let end = rest.find('{').unwrap_or(rest.len());
            let text = &rest[..end];
            if !text.chars().all(|c| c.is_ascii_alphanumeric() || " -/_.#".contains(c)) {
                return Err(PatternError::BadCharacter);
            }
            pieces.push(Piece::Text(text.to_owned()));
            rest = &rest[end..];
        }
    }
    Ok(pieces)
}

fn token_piece(token: &str) -> Result<Piece, PatternError> {
    let (name, width) = match token.split_once(':') {
        Some((name, width)) => {
            let width: u8 = width.parse().map_err(|_| PatternError::BadWidth)?;
            if !(1..=9).contains(&width) {
                return Err(PatternError::BadWidth);
            }
            (name, Some(width))
        }
        None => (token, None),
    };
    let counter = |kind| Ok(Piece::Counter { kind, width: width.unwrap_or(1) });
    match (name, width) {
        ("seq", _) => counter(CounterKind::Firm),
        ("cseq", _) => counter(CounterKind::Client),
        ("YYYY", None) => Ok(Piece::Year4),
        ("YY", None) => Ok(Piece::Year2),
        ("MM", None) => Ok(Piece::Month),
        ("client", None) => Ok(Piece::ClientCode),
        _ => Err(PatternError::UnknownToken(token.to_owned())),
    }
}
