//! How a value is written into an accounting file: the rules every target
//! shares (CSV quoting, spreadsheet-formula neutralising, numbers, dates)
//! and the one legacy encoding two of them need (Windows-1252).
//!
//! Formula injection: a spreadsheet opening a CSV runs a cell that starts
//! with `=`, `+`, `-` or `@` (and tab or carriage return) as a formula, so a
//! client named `=HYPERLINK(…)` would run on the accountant's machine. Text
//! cells starting so get a leading apostrophe (OWASP's "CSV Injection"
//! advice); numbers are never text cells, so `-12.50` stays a number.

use time::Date;

/// A text cell: line breaks and tabs become spaces (no target takes them
/// inside a cell, and a description never needs one) and a formula-like
/// start is neutralised.
pub fn text_cell(raw: &str) -> String {
    let flat: String = raw.chars().map(|c| if matches!(c, '\r' | '\n' | '\t') { ' ' } else { c }).collect();
    let flat = flat.trim().to_owned();
    match flat.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{flat}"),
        _ => flat,
    }
}

/// One CSV record (RFC 4180): a cell with the separator, a quote or a line
/// break is quoted and its quotes doubled; records end with CRLF.
pub fn csv_record(cells: &[String], separator: char) -> String {
    let mut line = cells
        .iter()
        .map(|cell| {
            if cell.contains([separator, '"', '\r', '\n']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(&separator.to_string());
    line.push_str("\r\n");
    line
}

/// `minor` units with `digits` decimals and `point` as the decimal mark, no
/// grouping: 123456 → "1234.56" (or "1234,56"). The sign is kept.
pub fn decimal(minor: i64, digits: u32, point: char) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10_u64.pow(digits);
    format!("{sign}{}{point}{:0width$}", abs / scale, abs % scale, width = digits as usize)
}

/// A quantity in ten-thousandths with the fewest decimals it needs: 15000
/// → "1.5", 10000 → "1".
pub fn quantity(ten_thousandths: i64) -> String {
    let text = decimal(ten_thousandths, 4, '.');
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Which comes first in a written date: the firm chooses (Xero and
/// QuickBooks Online read dates as the organisation's region writes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrder {
    /// 31/12/2026, as in the UK, Australia, New Zealand and most of Europe.
    #[default]
    DayFirst,
    /// 12/31/2026, as in the United States.
    MonthFirst,
}

impl DayOrder {
    pub fn write(self, date: Date) -> String {
        let (d, m, y) = (date.day(), u8::from(date.month()), date.year());
        match self {
            Self::DayFirst => format!("{d:02}/{m:02}/{y}"),
            Self::MonthFirst => format!("{m:02}/{d:02}/{y}"),
        }
    }
}

/// 2026-12-31.
pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Text in Windows-1252, the "ANSI" encoding DATEV and QuickBooks Desktop
/// read. A character the encoding cannot hold becomes `?`; the export page
/// lists each such text beforehand ([`unencodable`]), so no name changes
/// silently.
pub fn windows_1252(text: &str) -> Vec<u8> {
    text.chars().map(|c| to_1252(c).unwrap_or(b'?')).collect()
}

/// The characters of `text` that Windows-1252 cannot hold, once each.
pub fn unencodable(text: &str) -> Vec<char> {
    let mut found: Vec<char> = text.chars().filter(|c| to_1252(*c).is_none()).collect();
    found.sort_unstable();
    found.dedup();
    found
}

fn to_1252(c: char) -> Option<u8> {
    // 0x80–0x9F hold typographic characters instead of C1 controls.
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    let code = u32::from(c);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    HIGH.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b)
}
