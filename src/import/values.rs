//! The cell values exports write in the exporting person's locale: dates in
//! three orders, hours with a decimal comma or point (and perhaps thousands
//! separators), Toggl's `hh:mm:ss` durations and yes/no flags.

use time::{Date, Month};

/// How the file writes dates, decided once per file (see [`DateOrder::decide`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `2026-03-01` (also accepted in any file, whatever the order).
    Iso,
    /// `03/01/2026` = 1 March: Harvest's default, the United States'.
    MonthFirst,
    /// `01/03/2026` = 1 March: most of Europe's.
    DayFirst,
}

impl DateOrder {
    /// The written rule: look at every slashed (or dotted) date in the file.
    /// A first part above 12 can only be a day, so the file is day-first; a
    /// second part above 12, month-first. When no date settles it (every part
    /// is 12 or less), a file written the European way (`;` between fields or
    /// a decimal comma in its hours) is day-first and any other month-first,
    /// Harvest's default. A file where both kinds occur is refused: one of its
    /// dates would be misread whichever order we chose.
    pub fn decide<'a>(dates: impl Iterator<Item = &'a str>, european: bool) -> Result<Self, String> {
        let (mut day_first, mut month_first, mut slashed) = (false, false, false);
        for date in dates {
            if let Some([a, b, _]) = split_slashed(date.trim()) {
                slashed = true;
                day_first |= a > 12;
                month_first |= b > 12;
            }
        }
        match (slashed, day_first, month_first) {
            (false, _, _) => Ok(Self::Iso),
            (true, true, true) => Err("The file mixes day-first and month-first dates (such as 13/01/2026 and \
                 01/13/2026), so its dates can't be read reliably. Export it again with one date format."
                .to_owned()),
            (true, true, false) => Ok(Self::DayFirst),
            (true, false, true) => Ok(Self::MonthFirst),
            (true, false, false) if european => Ok(Self::DayFirst),
            (true, false, false) => Ok(Self::MonthFirst),
        }
    }

    pub fn parse(self, raw: &str) -> Result<Date, String> {
        let raw = raw.trim();
        let bad = || format!("“{raw}” is not a date");
        let (year, month, day) = if let Some([y, m, d]) = split_iso(raw) {
            (y, m, d)
        } else if let Some([a, b, y]) = split_slashed(raw) {
            match self {
                Self::DayFirst => (y, b, a),
                Self::MonthFirst | Self::Iso => (y, a, b),
            }
        } else {
            return Err(bad());
        };
        let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or_else(bad)?;
        let year = i32::try_from(year).ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(bad)?;
        Date::from_calendar_date(year, month, u8::try_from(day).map_err(|_| bad())?).map_err(|_| bad())
    }
}

fn numbers<const N: usize>(raw: &str, separators: &[char]) -> Option<[u32; N]> {
    let mut parts = raw.split(separators);
    let mut out = [0; N];
    for slot in &mut out {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

fn split_iso(raw: &str) -> Option<[u32; 3]> {
    numbers(raw, &['-']).filter(|_| raw.len() == 10)
}

/// `a/b/yyyy` or `a.b.yyyy` (German exports use dots, always day-first:
/// dotted dates count as slashed ones for the order rule).
fn split_slashed(raw: &str) -> Option<[u32; 3]> {
    numbers(raw, &['/', '.']).filter(|[_, _, y]| *y >= 1000)
}

/// Decimal hours (`1.5`, `1,5`, `1,234.5`, `1.234,5`) or `h:mm`, as whole
/// minutes rounded to the nearest. The rule for separators: when both `.`
/// and `,` occur the last one is the decimal separator and the others group
/// thousands; a lone separator is decimal (no one works 1,500 hours in one
/// entry, so `1,500` is one and a half).
pub fn hours_to_minutes(raw: &str) -> Result<u32, String> {
    let raw = raw.trim();
    let bad = || format!("“{raw}” is not a number of hours");
    if let Some((h, m)) = raw.split_once(':') {
        let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        return if m < 60 { Ok(h * 60 + m) } else { Err(bad()) };
    }
    let decimal = match (raw.rfind('.'), raw.rfind(',')) {
        (Some(p), Some(c)) => Some(p.max(c)),
        (p, c) => p.or(c),
    };
    let (whole, fraction) = match decimal {
        Some(at) => (&raw[..at], &raw[at + 1..]),
        None => (raw, ""),
    };
    let whole: String = whole.chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\'')).collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(&whole) || whole.is_empty() && !fraction.is_empty()) || !(fraction.is_empty() || digits(fraction)) {
        return Err(bad());
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    // Exact decimal arithmetic: hours × 60, scaled by the fraction's digits.
    let scale = 10u64.pow(u32::try_from(fraction.len()).map_err(|_| bad())?);
    let fraction: u64 = if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| bad())? };
    let scaled = (whole * scale + fraction) * 60;
    u32::try_from((scaled + scale / 2) / scale).map_err(|_| bad())
}

/// Toggl's `hh:mm:ss` (or `hh:mm`) as whole minutes, 30 seconds rounding up.
pub fn duration_to_minutes(raw: &str) -> Result<u32, String> {
    let raw = raw.trim();
    let bad = || format!("“{raw}” is not a duration like 01:30:00");
    let parts: Vec<u32> = raw.split(':').map(|p| p.parse::<u32>().map_err(|_| bad())).collect::<Result<_, _>>()?;
    match parts[..] {
        [h, m, s] if m < 60 && s < 60 => Ok(h * 60 + m + u32::from(s >= 30)),
        [h, m] if m < 60 => Ok(h * 60 + m),
        _ => Err(bad()),
    }
}

/// `Yes`/`No` as Harvest and Toggl write them (also `true`/`false`, `1`/`0`).
pub fn yes_no(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "ja" | "oui" | "sí" | "si" => Ok(true),
        "no" | "n" | "false" | "0" | "nein" | "non" | "" => Ok(false),
        _ => Err(format!("“{}” is neither yes nor no", raw.trim())),
    }
}
