//! A firm's slowly-changing data, kept in each server process's memory.
//!
//! Most requests need a few things about their firm that change rarely —
//! who is active in it (with their role and credentials epoch), its own
//! feature settings, its date and number formats and time zone, how many
//! notifications each person has not read, all read on every signed-in
//! request; the open engagements people record time and expenses on, read
//! by every view of "my week" and the expenses page. Reading
//! them from PostgreSQL each time is a statement per request for data that
//! changes a few times a year. So each process keeps them per firm in a
//! bounded [`FreshCache`], and drops a firm's entry when PostgreSQL says it
//! changed: a trigger on the tenant table notifies `pespro_firm_data` with
//! the schema and table (migration 0016), after commit, and [`listen`]
//! invalidates the caches fed by that table in every process. Anything
//! cached this way must be invalidated by such a trigger: that is the
//! pattern for new caches of firm data (one `FreshCache` here, one table
//! name in [`FirmData::changed`], and a test with two processes). The
//! function that writes such a table also says so on its transaction
//! (`TenantTx::wrote`), and a request's transaction drops this process's
//! copy as it commits, so the person who made a change never gets an answer
//! from before it on their next request, however soon it comes.
//!
//! With all of it in memory, a signed-in request reaches the database only
//! for its page: [`FirmData::signed_in`] answers the person check without
//! a statement. Revocation is as immediate as the notification: a
//! deactivation or password change committed through one process reaches
//! the others' caches a few milliseconds later (the same bound as a
//! session ended elsewhere, `session_cache`), and the process that made
//! it drops its own copy before answering.

mod listen;

use crate::auth::Authenticated;
use crate::db::{Database, TenantHandle, TenantTx};
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
    /// The firm's active people, by id (`users`), for the person check
    /// of every signed-in request.
    people: FreshCache<HashMap<i64, Authenticated>>,
    /// The firm's own flag settings (`firm_settings` rows `flag.*`).
    flag_settings: FreshCache<HashMap<String, FlagValue>>,
    /// Unread notifications per person (`notifications`), for the header
    /// of every signed-in page.
    unread: FreshCache<HashMap<i64, u32>>,
    /// How the firm writes dates and numbers and its time zone
    /// (`firm_settings`), for every signed-in page.
    regional: FreshCache<crate::practice::formats::Regional>,
    /// The open engagements time and expenses may be recorded on
    /// (`engagements`, and `clients` for their names and archiving).
    engagements: FreshCache<Vec<crate::my_week::EngagementChoice>>,
}

impl Default for FirmData {
    fn default() -> Self {
        Self(Arc::new(Caches {
            people: FreshCache::new(FIRMS_PER_CACHE),
            flag_settings: FreshCache::new(FIRMS_PER_CACHE),
            unread: FreshCache::new(FIRMS_PER_CACHE),
            regional: FreshCache::new(FIRMS_PER_CACHE),
            engagements: FreshCache::new(FIRMS_PER_CACHE),
        }))
    }
}

/// What the request middleware needs about a signed-in person and their
/// firm: the person as stored, their unread count, and the firm's formats
/// and flag settings.
pub struct SignedInPerson {
    pub found: Authenticated,
    pub unread: u32,
    pub regional: Arc<crate::practice::formats::Regional>,
    pub flag_settings: Arc<HashMap<String, FlagValue>>,
}

impl FirmData {
    /// `user_id` of `firm` if still active, with what every signed-in page
    /// needs. From memory when all of it is there and the person is found
    /// active with the session's `epoch` — no statement at all, which is
    /// every request once the firm has been seen. Otherwise what is
    /// missing is read in one transaction of the firm, and the people
    /// afresh unless the person was found with that epoch: memory may only
    /// say yes, so a copy that missed a notification for a moment can let a
    /// just-revoked session through (the bound above) but never end a good
    /// one (someone just added, a password just changed elsewhere).
    pub async fn signed_in(
        &self,
        db: &Database,
        firm: &TenantHandle,
        user_id: i64,
        epoch: i32,
    ) -> Result<Option<SignedInPerson>, sqlx::Error> {
        let key = firm.schema_name();
        let caches = &self.0;
        let found = caches.people.get(key).and_then(|people| people.get(&user_id).cloned());
        if let Some(found) = found.filter(|found| found.session_epoch == epoch)
            && let (Some(flag_settings), Some(unread), Some(regional)) =
                (caches.flag_settings.get(key), caches.unread.get(key), caches.regional.get(key))
        {
            let unread = unread.get(&user_id).copied().unwrap_or(0);
            return Ok(Some(SignedInPerson { found, unread, regional, flag_settings }));
        }
        let mut tx = db.tenant_tx(firm).await?;
        let person = self.read_signed_in(&mut tx, firm, user_id, epoch).await?;
        tx.commit().await?;
        Ok(person)
    }

    async fn read_signed_in(
        &self,
        tx: &mut TenantTx,
        firm: &TenantHandle,
        user_id: i64,
        epoch: i32,
    ) -> Result<Option<SignedInPerson>, sqlx::Error> {
        let cache = &self.0.people;
        let remembered = cache.get(firm.schema_name()).and_then(|people| people.get(&user_id).cloned());
        let found = match remembered.filter(|found| found.session_epoch == epoch) {
            Some(found) => found,
            None => {
                let ticket = cache.ticket();
                let people = cache.put(firm.schema_name(), ticket, crate::auth::active_people(tx).await?);
                let Some(found) = people.get(&user_id).cloned() else { return Ok(None) };
                found
            }
        };
        Ok(Some(SignedInPerson {
            found,
            unread: self.unread_notices(tx, firm, user_id).await?,
            regional: self.regional(tx, firm).await?,
            flag_settings: self.flag_settings(tx, firm).await?,
        }))
    }

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

    /// The firm's open engagements, from memory or read in `tx`.
    pub async fn open_engagements(
        &self,
        tx: &mut TenantTx,
        firm: &TenantHandle,
    ) -> Result<Arc<Vec<crate::my_week::EngagementChoice>>, sqlx::Error> {
        let cache = &self.0.engagements;
        if let Some(choices) = cache.get(firm.schema_name()) {
            return Ok(choices);
        }
        let ticket = cache.ticket();
        let choices = crate::practice::read_open_engagements(tx).await?;
        Ok(cache.put(firm.schema_name(), ticket, choices))
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

    /// This process just committed a change to the firm's `table`
    /// (`TenantTx::commit`): its own next request must not wait for the
    /// notification to see it.
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
            "users" => self.0.people.invalidate(schema),
            "engagements" | "clients" => self.0.engagements.invalidate(schema),
            other => tracing::debug!(table = other, "firm data change with no cache to drop"),
        }
    }

    /// Notifications may have been missed: forget everything.
    fn clear(&self) {
        self.0.people.clear();
        self.0.flag_settings.clear();
        self.0.unread.clear();
        self.0.regional.clear();
        self.0.engagements.clear();
    }
}
