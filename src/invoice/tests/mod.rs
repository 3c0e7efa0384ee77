mod drafting;
mod lines;
mod numbering;
mod settings;
mod status;
mod tax;

use time::{Date, Month};

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}
