//! The fixed-fee and retainer billing models: what a draft bills for an
//! engagement billed by instalments of a fee, or by a set amount per
//! period with the time beyond its included hours shown (and billed as
//! overage where the engagement says so).

use super::drafting::{DraftRequest, EngagementTerms, LineKind, Plan, PlannedLine, Quantity, WorkItem, instalment};
use crate::money::{Minutes, amount_for};

pub(super) fn worked(time: &[&WorkItem]) -> (Minutes, i64) {
    let minutes = time.iter().map(|w| w.minutes).sum();
    let value = time.iter().map(|w| w.rate_minor.map(|r| amount_for(w.minutes, r)).unwrap_or(0)).sum();
    (minutes, value)
}

pub(super) fn fixed_fee(plan: &mut Plan, request: &DraftRequest, terms: &EngagementTerms, time: &[&WorkItem]) {
    let Some(asked) = request.instalment else {
        if !time.is_empty() {
            plan.left_out.push(format!("{}: fixed fee, no instalment asked for this time", terms.label));
        }
        return;
    };
    match instalment(terms.fee_minor, terms.fee_billed_minor, asked) {
        Ok(amount) => {
            let (minutes, value) = worked(time);
            plan.lines.push(PlannedLine {
                kind: LineKind::FixedFee,
                engagement_id: Some(terms.engagement_id),
                description: format!("{} — fixed fee instalment", terms.label),
                detail: format!("{minutes} hours of work in the period"),
                quantity: Quantity::Units(100),
                rate_minor: Some(amount),
                amount_minor: amount,
                worked_minor: value,
                entries: time.iter().map(|w| w.time_entry_id).collect(),
                expenses: Vec::new(),
            });
        }
        Err(e) => plan.left_out.push(format!("{}: {e}", terms.label)),
    }
}

pub(super) fn retainer(plan: &mut Plan, terms: &EngagementTerms, time: &[&WorkItem]) {
    let (from, to) = terms.retainer_period;
    if terms.retainer_already_billed {
        plan.left_out.push(format!("{}: the retainer for {from} to {to} is already invoiced", terms.label));
        return;
    }
    let Some(fee) = terms.fee_minor else {
        plan.left_out.push(format!("{}: the retainer has no amount set", terms.label));
        return;
    };
    let included = terms.retainer_included.unwrap_or(Minutes(u32::MAX));
    let (within, beyond) = split_at_included(time, included);
    let (all_minutes, _) = worked(time);
    let (_, value) = worked(&within);
    let minutes = Minutes(all_minutes.0.min(included.0));
    plan.lines.push(PlannedLine {
        kind: LineKind::Retainer,
        engagement_id: Some(terms.engagement_id),
        description: format!("{} — retainer, {from} to {to}", terms.label),
        detail: format!("{minutes} hours of work included"),
        quantity: Quantity::Units(100),
        rate_minor: Some(fee),
        amount_minor: fee,
        worked_minor: value,
        entries: within.iter().map(|w| w.time_entry_id).collect(),
        expenses: Vec::new(),
    });
    if beyond.is_empty() {
        return;
    }
    let minutes: Minutes = beyond.iter().map(|(_, m)| *m).sum();
    let value: i64 = beyond.iter().map(|(w, m)| w.rate_minor.map(|r| amount_for(*m, r)).unwrap_or(0)).sum();
    let amount = if terms.bill_overage { value } else { 0 };
    let rates: std::collections::BTreeSet<Option<i64>> = beyond.iter().map(|(w, _)| w.rate_minor).collect();
    plan.lines.push(PlannedLine {
        kind: LineKind::Overage,
        engagement_id: Some(terms.engagement_id),
        description: format!("{} — time beyond the retainer", terms.label),
        detail: if terms.bill_overage { "billed at the usual rates".to_owned() } else { "not billed".to_owned() },
        quantity: Quantity::Minutes(minutes),
        rate_minor: if terms.bill_overage && rates.len() == 1 { rates.into_iter().next().flatten() } else { None },
        amount_minor: amount,
        worked_minor: value,
        // An entry split across the limit is billed by the overage line.
        entries: beyond.iter().map(|(w, _)| w.time_entry_id).collect(),
        expenses: Vec::new(),
    });
}

/// Entries in date order while they fit in `included` minutes, and the
/// minutes beyond it per entry. An entry that crosses the limit is billed
/// by the overage line for its part beyond the limit only.
fn split_at_included<'a>(
    time: &[&'a WorkItem],
    included: Minutes,
) -> (Vec<&'a WorkItem>, Vec<(&'a WorkItem, Minutes)>) {
    let mut sorted: Vec<&WorkItem> = time.to_vec();
    sorted.sort_by_key(|w| (w.work_date, w.time_entry_id));
    let (mut within, mut beyond, mut used) = (Vec::new(), Vec::new(), 0u32);
    for w in sorted {
        let inside = w.minutes.0.min(included.0.saturating_sub(used));
        used += inside;
        if inside == w.minutes.0 {
            within.push(w);
        } else {
            beyond.push((w, Minutes(w.minutes.0 - inside)));
        }
    }
    (within, beyond)
}
