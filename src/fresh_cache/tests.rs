use super::FreshCache;

#[test]
fn a_value_read_and_stored_is_served_until_its_firm_changes() {
    let cache = FreshCache::new(10);
    let ticket = cache.ticket();
    cache.put("alpha", ticket, 1);
    assert_eq!(cache.get("alpha").as_deref(), Some(&1));
    cache.invalidate("alpha");
    assert_eq!(cache.get("alpha"), None);
}

#[test]
fn a_value_read_before_a_change_is_never_stored_after_it() {
    let cache = FreshCache::new(10);
    let ticket = cache.ticket();
    cache.invalidate("alpha");
    assert_eq!(*cache.put("alpha", ticket, 1), 1, "the caller still gets what it read");
    assert_eq!(cache.get("alpha"), None);
    let fresh = cache.ticket();
    cache.put("alpha", fresh, 2);
    assert_eq!(cache.get("alpha").as_deref(), Some(&2));
}

#[test]
fn another_firms_change_does_not_drop_a_firm() {
    let cache = FreshCache::new(10);
    let ticket = cache.ticket();
    cache.invalidate("beta");
    cache.put("alpha", ticket, 1);
    assert_eq!(cache.get("alpha").as_deref(), Some(&1));
}

#[test]
fn the_cache_never_holds_more_firms_than_its_capacity_and_drops_the_least_used() {
    let cache = FreshCache::new(2);
    for firm in ["alpha", "beta"] {
        let ticket = cache.ticket();
        cache.put(firm, ticket, firm.len());
    }
    cache.get("alpha");
    let ticket = cache.ticket();
    cache.put("gamma", ticket, 5);
    assert_eq!(cache.len(), 2);
    assert!(cache.get("beta").is_none(), "beta was used least recently");
    assert!(cache.get("alpha").is_some() && cache.get("gamma").is_some());
}

#[test]
fn a_change_to_a_firm_that_was_forgotten_still_refuses_an_older_read() {
    let cache = FreshCache::new(1);
    let old = cache.ticket();
    cache.invalidate("alpha");
    // Filling the cache forgets alpha's record of that change.
    let ticket = cache.ticket();
    cache.put("beta", ticket, 2);
    cache.put("alpha", old, 1);
    assert_eq!(cache.get("alpha"), None);
}

#[test]
fn clearing_refuses_every_read_that_began_before() {
    let cache = FreshCache::new(10);
    let old = cache.ticket();
    cache.clear();
    cache.put("alpha", old, 1);
    assert!(cache.is_empty());
}

#[test]
fn a_cache_with_no_room_keeps_nothing_and_still_answers() {
    let cache = FreshCache::new(0);
    let ticket = cache.ticket();
    assert_eq!(*cache.put("alpha", ticket, 1), 1);
    assert_eq!(cache.get("alpha"), None);
    cache.invalidate("alpha");
    assert!(cache.is_empty());
}
