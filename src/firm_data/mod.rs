//! A firm's slowly-changing data, kept in each server process's memory.
//!
//! Most requests need a few things about their firm that change rarely —
//! its own feature settings, its date and number formats and time zone, how many
//! notifications each person has not read, all read on every signed-in
//! request. Reading
//! them from PostgreSQL each time is a statement per request for data that
//! changes a few times a year. So each process keeps them per firm in a
//! bounded [`FreshCache`], and drops a firm's entry when PostgreSQL says it
//! changed: a trigger on the tenant table notifies `pespro_firm_data` with
//! the schema and table (migration 0016), after commit, and [`listen`]
//! invalidates the caches fed by that table in every process. Anything
//! cached this way must be invalidated by such a trigger: that is the
//! pattern for new caches of firm data (one `FreshCache` here, one table
//! name in [`FirmData::changed`], and a test with two processes). The
//! server function that makes a change also calls
//! [`FirmData::changed_here`] after its commit, so the person who made it
//! never gets an answer from before it on their next request.

mod listen;

use crate::db::{TenantHandle, TenantTx};
use crate::flags::FlagValue;
use crate::fresh_cache::FreshCache;
use std::collections::HashMap;
use std::sync::Arc;

/// Firms one process keeps at once, per cache; beyond it the least
/// recently used firm is read again from the database when next needed.
const FIRMS_PER_CACHE: usize = 2_000;

/// Every cache of firm data in this process. Cheap to clone.
#[derive(Clone)]
pub struct FirmData(Arc<Caches>);

struct Caches {
    /// The firm's own flag settings (`firm_settings` rows `flag.*`).
    flag_settings: FreshCache<HashMap<String, FlagValue>>,
    /// Unread notifications per person (`notifications`), for the header
    /// of every signed-in page.
    unread: FreshCache<HashMap<i64, u32>>,
    /// How the firm writes dates and numbers and its time zone
    /// (`firm_settings`), for every signed-in page.
    regional: FreshCache<crate::practice::formats::Regional>,
}

impl Default for FirmData {
    fn default() -> Self {
        Self(Arc::new(Caches {
            flag_settings: FreshCache::new(FIRMS_PER_CACHE),
            unread: FreshCache::new(FIRMS_PER_CACHE),
            regional: FreshCache::new(FIRMS_PER_CACHE),
        }))
    }
}

impl FirmData {
    /// The firm's own flag settings, from memory or read in `tx`.
    pub async fn flag_settings(
        &self,
        tx: &mut TenantTx,
        firm: &TenantHandle,
    ) -> Result<Arc<HashMap<String, FlagValue>>, sqlx::Error> {
        let cache = &self.0.flag_settings;
        if let Some(settings) = cache.get(firm.schema_name()) {
            return Ok(settings);
        }
        let ticket = cache.ticket();
        let settings = crate::flags::firm_settings(tx).await?;
        Ok(cache.put(firm.schema_name(), ticket, settings))
    }

    /// The firm's formats and time zone, from memory or read in `tx`.
    pub async fn regional(
        &self,
        tx: &mut TenantTx,
        firm: &TenantHandle,
    ) -> Result<Arc<crate::practice::formats::Regional>, sqlx::Error> {
        let cache = &self.0.regional;
        if let Some(regional) = cache.get(firm.schema_name()) {
            return Ok(regional);
        }
        let ticket = cache.ticket();
        let regional = crate::practice::formats::firm_regional(tx).await?;
        Ok(cache.put(firm.schema_name(), ticket, regional))
    }

    /// How many of `user_id`'s notifications are unread, from memory or
    /// (everyone's at once) read in `tx`.
    pub async fn unread_notices(
        &self,
        tx: &mut TenantTx,
        firm: &TenantHandle,
        user_id: i64,
    ) -> Result<u32, sqlx::Error> {
        let cache = &self.0.unread;
        let counts = match cache.get(firm.schema_name()) {
            Some(counts) => counts,
            None => {
                let ticket = cache.ticket();
                let counts = crate::practice::notices::unread_counts(tx).await?;
                cache.put(firm.schema_name(), ticket, counts)
            }
        };
        Ok(counts.get(&user_id).copied().unwrap_or(0))
    }

    /// Keeps these caches right until the returned future is dropped.
    pub async fn follow_changes(self, db: crate::db::Database) {
        listen::follow(self, db).await
    }

    /// This process just committed a change to the firm's `table`: its
    /// own next request must not wait for the notification to see it.
    pub fn changed_here(&self, firm: &TenantHandle, table: &str) {
        self.changed(firm.schema_name(), table);
    }

    /// A firm's `table` changed (a notification, or [`FirmData::changed_here`]).
    fn changed(&self, schema: &str, table: &str) {
        match table {
            "firm_settings" => {
                self.0.flag_settings.invalidate(schema);
                self.0.regional.invalidate(schema);
            }
            "notifications" => self.0.unread.invalidate(schema),
            other => tracing::debug!(table = other, "firm data change with no cache to drop"),
        }
    }

    /// Notifications may have been missed: forget everything.
    fn clear(&self) {
        self.0.flag_settings.clear();
        self.0.unread.clear();
        self.0.regional.clear();
    }
}
