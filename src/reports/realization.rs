//! Realization: of the work invoiced, how much of its value the firm
//! actually billed. Worked value is what the time was worth at the rates it
//! was recorded at (`invoice_lines.worked_minor`, kept by drafting for this
//! purpose); billed is what the lines charge, less credit notes. A firm
//! that writes work down, discounts or credits invoices sees it here, with
//! the write-downs listed by invoice and reason. Within one currency only.

use crate::money::Currency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Worked and billed value, in minor units of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Worth {
    pub worked: i64,
    pub billed: i64,
}

impl Worth {
    /// Billed ÷ worked in whole percent, rounded half up; none when no
    /// work was valued (a credit note alone, free lines).
    pub fn percent(&self) -> Option<i64> {
        (self.worked > 0).then(|| (self.billed * 200 + self.worked).div_euclid(self.worked * 2))
    }

    fn add(&mut self, other: Worth) {
        self.worked += other.worked;
        self.billed += other.billed;
    }
}

/// Billed work on one engagement of one client, in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledItem {
    pub client: String,
    pub engagement: String,
    pub currency: Currency,
    pub worth: Worth,
}

/// One person's invoiced time, in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonItem {
    pub person: String,
    pub currency: Currency,
    pub worth: Worth,
}

/// An invoice line billed for less than its work was worth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteDown {
    pub number: String,
    pub client: String,
    pub line: String,
    pub currency: Currency,
    pub worth: Worth,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RealizationReport {
    pub currency: Currency,
    /// (client, engagement, worth), by client then engagement.
    pub engagements: Vec<(String, String, Worth)>,
    /// By client's name.
    pub clients: Vec<(String, Worth)>,
    /// By person's name; before credit notes (which bill no one's time).
    pub people: Vec<(String, Worth)>,
    pub total: Worth,
    pub write_downs: Vec<WriteDown>,
}

/// One report per currency (alphabetical), from what invoices billed.
pub fn realization(items: &[BilledItem], people: &[PersonItem], write_downs: &[WriteDown]) -> Vec<RealizationReport> {
    let mut by_currency: BTreeMap<String, RealizationReport> = BTreeMap::new();
    let report = |map: &mut BTreeMap<String, RealizationReport>, currency: Currency| {
        map.entry(currency.as_str().to_owned()).or_insert_with(|| RealizationReport {
            currency,
            engagements: Vec::new(),
            clients: Vec::new(),
            people: Vec::new(),
            total: Worth::default(),
            write_downs: Vec::new(),
        });
    };
    let mut engagements: BTreeMap<(&str, String, &str, &str), Worth> = BTreeMap::new();
    let mut clients: BTreeMap<(&str, String, &str), Worth> = BTreeMap::new();
    for item in items {
        report(&mut by_currency, item.currency);
        let key = (item.currency.as_str(), item.client.to_lowercase(), item.client.as_str(), item.engagement.as_str());
        engagements.entry(key).or_default().add(item.worth);
        let key = (item.currency.as_str(), item.client.to_lowercase(), item.client.as_str());
        clients.entry(key).or_default().add(item.worth);
    }
    for ((currency, _, client, engagement), worth) in engagements {
        let report = by_currency.get_mut(currency).expect("made above");
        report.engagements.push((client.to_owned(), engagement.to_owned(), worth));
        report.total.add(worth);
    }
    for ((currency, _, client), worth) in clients {
        by_currency.get_mut(currency).expect("made above").clients.push((client.to_owned(), worth));
    }
    let mut named: BTreeMap<(&str, String, &str), Worth> = BTreeMap::new();
    for person in people {
        report(&mut by_currency, person.currency);
        let key = (person.currency.as_str(), person.person.to_lowercase(), person.person.as_str());
        named.entry(key).or_default().add(person.worth);
    }
    for ((currency, _, person), worth) in named {
        by_currency.get_mut(currency).expect("made above").people.push((person.to_owned(), worth));
    }
    for write_down in write_downs {
        report(&mut by_currency, write_down.currency);
        by_currency.get_mut(write_down.currency.as_str()).expect("made above").write_downs.push(write_down.clone());
    }
    by_currency.into_values().collect()
}
