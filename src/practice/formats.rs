//! The firm's date and number formats and the first day of its weeks
//! (`firm_settings` rows `date_format`, `number_format` and
//! `week_starts_on`; none means the defaults, "3 Dec 2026", "1,234.50"
//! and Monday), read with its time zone on every signed-in request
//! through the firm data cache (`FirmData::regional`), which the
//! `firm_settings` trigger keeps right in every process.

use crate::db::TenantTx;
use crate::first_day::FirstDay;
use crate::formats::{DateStyle, Formats, NumberStyle};

/// The firm's regional settings, as every signed-in request needs them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Regional {
    pub formats: Formats,
    /// The firm's time zone ("UTC" if none was set).
    pub zone: String,
}

/// The firm's formats and time zone in one statement; a stored format
/// this build does not know reads as the default rather than failing
/// every page.
pub async fn firm_regional(tx: &mut TenantTx) -> Result<Regional, sqlx::Error> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "select setting_key, value #>> '{}' from firm_settings
         where setting_key in ('date_format', 'number_format', 'week_starts_on', 'time_zone')",
    )
    .fetch_all(tx.conn())
    .await?;
    let mut regional = Regional { formats: Formats::default(), zone: "UTC".to_owned() };
    for (key, value) in rows {
        let value = value.unwrap_or_default();
        match key.as_str() {
            "date_format" => regional.formats.date = DateStyle::parse(&value).unwrap_or_default(),
            "number_format" => regional.formats.number = NumberStyle::parse(&value).unwrap_or_default(),
            "week_starts_on" => regional.formats.first_day = FirstDay::parse(&value).unwrap_or_default(),
            _ => regional.zone = value,
        }
    }
    Ok(regional)
}

/// The firm's formats alone (documents with no signed-in reader: the
/// client's invoice page, the PDF, emails).
/// The firm's formats: from this process's copy when the transaction
/// belongs to a request and has not itself changed the firm's settings
/// (as every signed-in request already read them), else read in `tx`.
pub async fn firm_formats(tx: &mut TenantTx) -> Result<Formats, sqlx::Error> {
    match tx.cached_unless_written(&["firm_settings"]) {
        Some((data, firm)) => Ok(data.regional(tx, &firm).await?.formats),
        None => Ok(firm_regional(tx).await?.formats),
    }
}

/// Stores the firm's formats; returns the ones they replace.
pub async fn set_firm_formats(tx: &mut TenantTx, formats: Formats) -> Result<Formats, sqlx::Error> {
    // From the database, not a copy: what the audit says they replace.
    let before = firm_regional(tx).await?.formats;
    tx.wrote("firm_settings");
    sqlx::query(
        "insert into firm_settings (setting_key, value)
         values ('date_format', to_jsonb($1::text)), ('number_format', to_jsonb($2::text))
         on conflict (setting_key) do update set value = excluded.value",
    )
    .bind(formats.date.key())
    .bind(formats.number.key())
    .execute(tx.conn())
    .await?;
    Ok(before)
}

/// The first day of the firm's weeks, as stored (Monday if unset or
/// unknown to this build).
pub async fn first_day(tx: &mut TenantTx) -> Result<FirstDay, sqlx::Error> {
    let value: Option<Option<String>> =
        sqlx::query_scalar("select value #>> '{}' from firm_settings where setting_key = 'week_starts_on'")
            .fetch_optional(tx.conn())
            .await?;
    Ok(value.flatten().and_then(|v| FirstDay::parse(&v)).unwrap_or_default())
}

/// The first day of the firm's weeks for a write that stores a week. It
/// first takes the lock every timesheet write takes anyway (row exclusive
/// on `timesheets`), which waits for a change of first day in flight
/// (`set_first_day` locks the table exclusively): the day read here is
/// the one the stored week will be kept under.
pub async fn first_day_for_write(tx: &mut TenantTx) -> Result<FirstDay, sqlx::Error> {
    sqlx::query("lock table timesheets in row exclusive mode").execute(tx.conn()).await?;
    first_day(tx).await
}

/// How many weeks ever went to approval (submitted, decided or sent back):
/// once there is one, the first day of the week stays.
pub async fn submitted_weeks(tx: &mut TenantTx) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from timesheets where round > 0 or status <> 'draft'")
        .fetch_one(tx.conn())
        .await
}

/// Why the first day of the week did not change.
#[derive(Debug, thiserror::Error)]
pub enum FirstDayError {
    /// Weeks already went to approval under the current first day; moving
    /// it would cut their entries into other weeks.
    #[error("{0} weeks were already submitted")]
    WeeksSubmitted(i64),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Sets the first day of the firm's weeks; returns the one it replaces.
/// Only while no week was ever submitted: a submitted, approved or
/// rejected week is a document people decided on, and its seven days must
/// stay its seven days. Every timesheet row is then an untouched draft
/// (entries carry their own dates and status), so the rows are deleted
/// and the next edit of each week recreates it under the new first day.
pub async fn set_first_day(tx: &mut TenantTx, first: FirstDay) -> Result<FirstDay, FirstDayError> {
    // Exclusive: no week is stored or submitted while the rule changes.
    sqlx::query("lock table timesheets in exclusive mode").execute(tx.conn()).await?;
    let before = first_day(tx).await?;
    if before == first {
        return Ok(before);
    }
    let submitted = submitted_weeks(tx).await?;
    if submitted > 0 {
        return Err(FirstDayError::WeeksSubmitted(submitted));
    }
    sqlx::query("delete from timesheets").execute(tx.conn()).await?;
    tx.wrote("firm_settings");
    sqlx::query(
        "insert into firm_settings (setting_key, value) values ('week_starts_on', to_jsonb($1::text))
         on conflict (setting_key) do update set value = excluded.value",
    )
    .bind(first.key())
    .execute(tx.conn())
    .await?;
    Ok(before)
}
