//! Invoices acted on by several people at once. Numbers come from a counter
//! row that the finalizing transaction keeps locked, so concurrent
//! finalizations are consecutive; payments and approvals lock the invoice,
//! so the second of two gets a clear answer. The orders are forced by
//! holding one transaction open while the other starts.

use crate::invoice_fixture::{Firm, day, firm};
use pespro::access::Role;
use pespro::invoice::InvoiceStatus;
use pespro::practice::invoices::{InvoiceError, NewPayment, decide_invoice, mark_sent, record_payment, submit_invoice};
use pespro::workflow::Rule;
use std::time::Duration;

/// Long enough for a transaction that isn't blocked to finish.
const SETTLE: Duration = Duration::from_millis(300);

#[tokio::test]
async fn twenty_concurrent_finalizations_get_twenty_consecutive_numbers() {
    let firm = firm("alpha").await;
    firm.send_directly().await;
    let mut drafts = Vec::new();
    for d in 1..=20u8 {
        firm.approved_time(day(d), 1, 60).await;
        drafts.push(firm.draft(day(d), day(d)).await);
    }
    let tasks: Vec<_> = drafts
        .iter()
        .map(|&id| {
            let (db, tenant, by) = (firm.test.db.clone(), firm.tenant.clone(), firm.manager);
            tokio::spawn(async move {
                let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
                let status = submit_invoice(&mut tx, by, id, day(30)).await.unwrap();
                tx.commit().await.unwrap();
                status
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), InvoiceStatus::Approved);
    }
    let mut conn = firm.test.raw().await;
    let mut numbers: Vec<String> =
        sqlx::query_scalar(&format!("select number from {}.invoices", firm.schema)).fetch_all(&mut conn).await.unwrap();
    numbers.sort();
    let expected: Vec<String> = (1..=20).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn a_finalization_that_rolls_back_gives_its_number_back() {
    let firm = firm("alpha").await;
    firm.send_directly().await;
    firm.approved_time(day(2), 1, 60).await;
    let first = firm.draft(day(2), day(2)).await;
    firm.approved_time(day(3), 1, 60).await;
    let second = firm.draft(day(3), day(3)).await;
    let mut abandoned = firm.tx().await;
    submit_invoice(&mut abandoned, firm.manager, first, day(30)).await.unwrap();
    drop(abandoned);
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, second, day(30)).await.unwrap();
    tx.commit().await.unwrap();
    let number: String =
        firm.scalar(&format!("select number from {{schema}}.invoices where invoice_id = {second}")).await;
    assert_eq!(number, "2026-0001");
}

async fn sent_invoice(firm: &Firm) -> i64 {
    firm.send_directly().await;
    firm.approved_time(day(2), 1, 60).await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap();
    mark_sent(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    id
}

fn full_payment() -> NewPayment {
    NewPayment { paid_on: day(30), amount: "120".into(), method: "bank_transfer".into(), reference: "REF-1".into() }
}

#[tokio::test]
async fn two_people_recording_the_same_payment_at_once_count_it_once() {
    let firm = firm("alpha").await;
    let id = sent_invoice(&firm).await;
    let mut first = firm.tx().await;
    assert_eq!(record_payment(&mut first, firm.manager, id, &full_payment()).await.unwrap(), InvoiceStatus::Paid);
    let (db, tenant, by) = (firm.test.db.clone(), firm.tenant.clone(), firm.partner);
    let second = tokio::spawn(async move {
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        let result = record_payment(&mut tx, by, id, &full_payment()).await;
        if result.is_ok() {
            tx.commit().await.unwrap();
        }
        result
    });
    tokio::time::sleep(SETTLE).await;
    assert!(!second.is_finished(), "the second payment waits for the first");
    first.commit().await.unwrap();
    let refused = second.await.unwrap().unwrap_err();
    assert!(matches!(refused, InvoiceError::Status(_)), "{refused:?}");
    let paid: i64 = firm.scalar(&format!("select paid_minor from {{schema}}.invoices where invoice_id = {id}")).await;
    assert_eq!(paid, 12_000);
    let rows: i64 = firm.scalar("select count(*) from {schema}.invoice_payments").await;
    assert_eq!(rows, 1);
}

async fn awaiting_one_approval(firm: &Firm) -> i64 {
    firm.invoice_policy(vec![Rule::Approvals { count: 1, role: Role::Manager, only_for: None }]).await;
    firm.approved_time(day(2), 1, 60).await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// The partner and the administrator approve at once; `partner_first`
/// decides whose transaction starts first. One wins, and the invoice is
/// numbered once.
async fn approve_together(partner_first: bool) {
    let firm = firm("alpha").await;
    let id = awaiting_one_approval(&firm).await;
    let (early, late) = if partner_first {
        ((firm.partner, Role::Manager), (firm.admin, Role::Admin))
    } else {
        ((firm.admin, Role::Admin), (firm.partner, Role::Manager))
    };
    let mut first = firm.tx().await;
    assert_eq!(decide_invoice(&mut first, early, id, true, "", day(30)).await.unwrap(), InvoiceStatus::Approved);
    let (db, tenant) = (firm.test.db.clone(), firm.tenant.clone());
    let second = tokio::spawn(async move {
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        decide_invoice(&mut tx, late, id, true, "", day(30)).await
    });
    tokio::time::sleep(SETTLE).await;
    assert!(!second.is_finished(), "the second approval waits for the first");
    first.commit().await.unwrap();
    let refused = second.await.unwrap().unwrap_err();
    assert!(refused.to_string().contains("no longer waiting for approval"), "{refused}");
    let counter: i64 = firm.scalar("select last_value from {schema}.invoice_counters").await;
    assert_eq!(counter, 1, "numbered once");
}

#[tokio::test]
async fn two_approvers_at_once_partner_first_one_wins() {
    approve_together(true).await;
}

#[tokio::test]
async fn two_approvers_at_once_administrator_first_one_wins() {
    approve_together(false).await;
}
