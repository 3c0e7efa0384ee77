//! Which day of a week a phone shows on "my week", and the links that move
//! from day to day. Seven columns of times do not fit 390 px, so narrow
//! screens read the week one day at a time; links rather than state, so the
//! day view works before hydration and a day can be bookmarked.

use crate::first_day::FirstDay;
use crate::week::Week;
use time::Date;

/// The day asked for (`?day=2026-12-02`) when it falls in `week`; else
/// today when `week` holds it; else the week's first day.
pub fn shown_day(week: Week, asked: Option<&str>, today: Date) -> Date {
    let asked = asked.and_then(|raw| crate::my_week::parse_date(raw).ok()).filter(|d| week.contains(*d));
    asked.unwrap_or(if week.contains(today) { today } else { week.start() })
}

/// The page showing `date`'s day, in whichever of the firm's weeks holds it.
pub fn day_href(date: Date, first: FirstDay) -> String {
    format!("/time?week={}&day={date}", Week::of(date, first))
}

/// The day before and the day after `date`, crossing into the neighbouring
/// weeks at either end.
pub fn neighbours(date: Date) -> (Date, Date) {
    (date.previous_day().unwrap_or(date), date.next_day().unwrap_or(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn week() -> Week {
        Week::of(date!(2026 - 11 - 30), FirstDay::Monday)
    }

    #[test]
    fn the_day_asked_for_is_shown_when_it_is_in_the_week() {
        assert_eq!(shown_day(week(), Some("2026-12-03"), date!(2026 - 12 - 01)), date!(2026 - 12 - 03));
    }

    #[test]
    fn a_day_outside_the_week_or_unreadable_falls_back_to_today_in_the_week() {
        let today = date!(2026 - 12 - 01);
        assert_eq!(shown_day(week(), Some("2026-12-09"), today), today);
        assert_eq!(shown_day(week(), Some("next tuesday"), today), today);
        assert_eq!(shown_day(week(), None, today), today);
    }

    #[test]
    fn another_week_opens_on_its_monday() {
        assert_eq!(shown_day(week(), None, date!(2026 - 12 - 20)), date!(2026 - 11 - 30));
    }

    #[test]
    fn moving_past_sunday_links_into_the_next_week() {
        let (before, after) = neighbours(date!(2026 - 12 - 06));
        assert_eq!(day_href(after, FirstDay::Monday), "/time?week=2026-W50&day=2026-12-07");
        assert_eq!(day_href(before, FirstDay::Monday), "/time?week=2026-W49&day=2026-12-05");
    }

    #[test]
    fn a_sunday_firm_s_sunday_links_into_the_week_it_starts() {
        assert_eq!(day_href(date!(2026 - 12 - 06), FirstDay::Sunday), "/time?week=2026-W50&day=2026-12-06");
        assert_eq!(day_href(date!(2026 - 12 - 05), FirstDay::Sunday), "/time?week=2026-W49&day=2026-12-05");
    }
}
