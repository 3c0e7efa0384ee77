//! The firm's date and number formats (`firm_settings` rows `date_format`
//! and `number_format`; none means the defaults, "3 Dec 2026" and
//! "1,234.50"), read with its time zone on every signed-in request
//! through the firm data cache (`FirmData::regional`), which the
//! `firm_settings` trigger keeps right in every process.

use crate::db::TenantTx;
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
         where setting_key in ('date_format', 'number_format', 'time_zone')",
    )
    .fetch_all(tx.conn())
    .await?;
    let mut regional = Regional { formats: Formats::default(), zone: "UTC".to_owned() };
    for (key, value) in rows {
        let value = value.unwrap_or_default();
        match key.as_str() {
            "date_format" => regional.formats.date = DateStyle::parse(&value).unwrap_or_default(),
            "number_format" => regional.formats.number = NumberStyle::parse(&value).unwrap_or_default(),
            _ => regional.zone = value,
        }
    }
    Ok(regional)
}

/// The firm's formats alone (documents with no signed-in reader: the
/// client's invoice page, the PDF, emails).
pub async fn firm_formats(tx: &mut TenantTx) -> Result<Formats, sqlx::Error> {
    Ok(firm_regional(tx).await?.formats)
}

/// Stores the firm's formats; returns the ones they replace.
pub async fn set_firm_formats(tx: &mut TenantTx, formats: Formats) -> Result<Formats, sqlx::Error> {
    let before = firm_formats(tx).await?;
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
