//! Time zones: the firm's (`firm_settings.time_zone`) and each person's own
//! (`users.time_zone`; none means the firm's). PostgreSQL's time zone
//! database is the one used: names are checked against `pg_timezone_names`
//! and local times are computed in SQL (`at time zone`), so the server
//! ships no second copy that could disagree with it.

use crate::db::TenantTx;

/// The zones people choose from: "Area/City" names and UTC, sorted. (The
/// view also lists aliases such as `posix/…` and `Etc/GMT+3`, whose signs
/// read backwards; they are still accepted if stored by other means.)
pub async fn zone_names(tx: &mut TenantTx) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select name from pg_timezone_names
         where (name ~ '^[A-Z][A-Za-z_]+/[A-Za-z_/+-]+$' and name !~ '^(posix|Etc|SystemV|US|Canada|Mexico|Brazil|Chile)/')
            or name = 'UTC'
         order by name",
    )
    .fetch_all(tx.conn())
    .await
}

/// Whether PostgreSQL knows `name` as a time zone.
pub async fn is_zone(tx: &mut TenantTx, name: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists (select 1 from pg_timezone_names where name = $1)")
        .bind(name)
        .fetch_one(tx.conn())
        .await
}

/// The firm's time zone ("UTC" if none was ever set).
pub async fn firm_zone(tx: &mut TenantTx) -> Result<String, sqlx::Error> {
    let zone: Option<String> =
        sqlx::query_scalar("select value #>> '{}' from firm_settings where setting_key = 'time_zone'")
            .fetch_optional(tx.conn())
            .await?;
    Ok(zone.unwrap_or_else(|| "UTC".to_owned()))
}

/// Sets the firm's time zone, already checked with [`is_zone`]; returns
/// the one it replaces.
pub async fn set_firm_zone(tx: &mut TenantTx, zone: &str) -> Result<String, sqlx::Error> {
    let before = firm_zone(tx).await?;
    tx.wrote("firm_settings");
    sqlx::query(
        "insert into firm_settings (setting_key, value) values ('time_zone', to_jsonb($1::text))
         on conflict (setting_key) do update set value = excluded.value",
    )
    .bind(zone)
    .execute(tx.conn())
    .await?;
    Ok(before)
}

/// The person's own choice (`None`: they follow the firm's).
pub async fn own_zone(tx: &mut TenantTx, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    let zone: Option<Option<String>> = sqlx::query_scalar("select time_zone from users where user_id = $1")
        .bind(user_id)
        .fetch_optional(tx.conn())
        .await?;
    Ok(zone.flatten())
}

/// Sets the person's own zone, already checked (`None`: the firm's).
pub async fn set_own_zone(tx: &mut TenantTx, user_id: i64, zone: Option<&str>) -> Result<(), sqlx::Error> {
    tx.wrote("users");
    sqlx::query("update users set time_zone = $2 where user_id = $1")
        .bind(user_id)
        .bind(zone)
        .execute(tx.conn())
        .await
        .map(drop)
}

/// The zone the person reads times in: their own, else the firm's.
pub async fn zone_of(tx: &mut TenantTx, user_id: i64) -> Result<String, sqlx::Error> {
    match own_zone(tx, user_id).await? {
        Some(zone) => Ok(zone),
        None => firm_zone(tx).await,
    }
}

/// Who reads the times a page shows: their clock and the firm's formats.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub zone: &'a str,
    pub formats: crate::formats::Formats,
}

impl<'a> Reader<'a> {
    /// The signed-in person (UTC until the request has resolved a zone).
    pub fn of(user: &'a crate::access::CurrentUser) -> Self {
        let zone = if user.time_zone.is_empty() { "UTC" } else { user.time_zone.as_str() };
        Self { zone, formats: user.formats }
    }

    /// `times` on this reader's clock, written the firm's way ("3 Dec
    /// 2026, 14:58"), in order: one statement for a page's worth, none
    /// for none.
    pub async fn when(&self, tx: &mut TenantTx, times: &[time::OffsetDateTime]) -> Result<Vec<String>, sqlx::Error> {
        Ok(on_clock(tx, self.zone, times).await?.into_iter().map(|at| self.formats.when(at)).collect())
    }
}

/// `times` on the clock of `zone`, in order.
pub async fn on_clock(
    tx: &mut TenantTx,
    zone: &str,
    times: &[time::OffsetDateTime],
) -> Result<Vec<time::PrimitiveDateTime>, sqlx::Error> {
    if times.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query_scalar("select t at time zone $2 from unnest($1::timestamptz[]) with ordinality as u(t, n) order by n")
        .bind(times)
        .bind(zone)
        .fetch_all(tx.conn())
        .await
}
