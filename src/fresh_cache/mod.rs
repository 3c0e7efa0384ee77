//! A bounded cache that can never keep a value older than the last change
//! it was told about: the one shape behind every in-memory copy of data
//! that PostgreSQL owns (a firm's settings in `firm_data`, keyed by the
//! firm's schema; a session in `session_cache`, keyed by its digest).
//!
//! The hazard is the read that races a change: a request reads a value,
//! another process commits a change and its notification arrives, then the
//! request stores what it read — stale, and nothing would ever drop it. So
//! every read takes a [`Ticket`] first, and a value is stored only if its
//! key was not invalidated after that ticket. Forgetting a key (to stay
//! within capacity) remembers the newest invalidation it forgets, and a key
//! with no record counts as invalidated then: the cache may refuse a value
//! it could have kept, never keep one it must not.

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// When a read began, on the cache's own clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket(u64);

pub struct FreshCache<T> {
    capacity: usize,
    inner: Mutex<Inner<T>>,
}

struct Inner<T> {
    /// Ticks on every invalidation and every use, so both order.
    clock: u64,
    /// The newest invalidation among keys no longer recorded.
    forgotten: u64,
    slots: HashMap<String, Slot<T>>,
}

struct Slot<T> {
    invalidated_at: u64,
    used_at: u64,
    value: Option<Arc<T>>,
}

impl<T> FreshCache<T> {
    /// A cache that holds at most `capacity` keys (0: holds nothing).
    pub fn new(capacity: usize) -> Self {
        let inner = Inner { clock: 0, forgotten: 0, slots: HashMap::new() };
        Self { capacity, inner: Mutex::new(inner) }
    }

    /// Take before reading from the database; hand to [`FreshCache::put`].
    pub fn ticket(&self) -> Ticket {
        let mut inner = self.lock();
        inner.clock += 1;
        Ticket(inner.clock)
    }

    pub fn get(&self, key: &str) -> Option<Arc<T>> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let slot = inner.slots.get_mut(key)?;
        slot.used_at = now;
        slot.value.clone()
    }

    /// Stores what was read under `ticket`, unless the key changed since;
    /// either way returns the value for the caller to use.
    pub fn put(&self, key: &str, ticket: Ticket, value: T) -> Arc<T> {
        let value = Arc::new(value);
        let mut inner = self.lock();
        let changed_at = inner.slots.get(key).map_or(inner.forgotten, |s| s.invalidated_at);
        if changed_at >= ticket.0 {
            return value;
        }
        inner.clock += 1;
        let now = inner.clock;
        let slot = inner.slots.entry(key.to_owned()).or_insert(Slot { invalidated_at: 0, used_at: now, value: None });
        slot.used_at = now;
        slot.value = Some(value.clone());
        self.keep_within_capacity(&mut inner);
        value
    }

    /// The key's value changed: drop it, and refuse what was read before.
    pub fn invalidate(&self, key: &str) {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let slot = inner.slots.entry(key.to_owned()).or_insert(Slot { invalidated_at: 0, used_at: now, value: None });
        slot.invalidated_at = now;
        slot.value = None;
        self.keep_within_capacity(&mut inner);
    }

    /// Anything may have changed (notifications may have been missed).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.clock += 1;
        inner.forgotten = inner.clock;
        inner.slots.clear();
    }

    /// Keys holding a value.
    pub fn len(&self) -> usize {
        self.lock().slots.values().filter(|s| s.value.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn keep_within_capacity(&self, inner: &mut Inner<T>) {
        while inner.slots.len() > self.capacity {
            // Least recently used goes first; a scan is fine at the sizes
            // used (thousands of keys per process) and only runs when over capacity.
            let Some(oldest) = inner.slots.iter().min_by_key(|(_, s)| s.used_at).map(|(k, _)| k.clone()) else {
                return;
            };
            if let Some(slot) = inner.slots.remove(&oldest) {
                inner.forgotten = inner.forgotten.max(slot.invalidated_at);
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner<T>> {
        // A panic while holding the lock leaves consistent data behind
        // (every update is a few assignments), so a poisoned lock is used.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
