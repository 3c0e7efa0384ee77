//! Invoices against real PostgreSQL: drafts from approved time, totals with
//! tax, approval bound to content, payments, voiding, and invoiced work
//! that the database itself keeps final.

use crate::invoice_fixture::{day, firm};
use pespro::access::Role;
use pespro::invoice::InvoiceStatus;
use pespro::invoice::lines::LineForm;
use pespro::practice::invoices::{
    DraftAsk, InvoiceError, NewPayment, create_draft, decide_invoice, edit_line, invoice_page, mark_sent,
    record_payment, submit_invoice, void_invoice,
};
use pespro::workflow::Rule;

#[tokio::test]
async fn a_draft_bills_approved_time_at_its_rates_with_the_clients_tax() {
    let firm = firm("alpha").await;
    let entries = firm.approved_time(day(2), 3, 90).await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    let page = invoice_page(&mut tx, id, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(page.status, InvoiceStatus::Draft);
    assert_eq!(page.lines.len(), 1, "one line per engagement and rate by default");
    assert_eq!(page.lines[0].quantity, "4:30");
    assert_eq!(page.subtotal, "450.00 EUR");
    assert_eq!(page.taxes[0].label, "VAT 20 %");
    assert_eq!(page.total, "540.00 EUR");
    assert_eq!(page.number, None);
    drop(tx);
    let linked: i64 = firm.scalar("select count(*) from {schema}.time_entries where invoice_line_id is not null").await;
    assert_eq!(linked, entries.len() as i64);
    // The same work cannot go on a second draft.
    let mut tx = firm.tx().await;
    let ask = DraftAsk {
        client_id: firm.client,
        from: day(1),
        to: day(30),
        grouping: None,
        expense_grouping: None,
        instalment: None,
    };
    let again = create_draft(&mut tx, firm.manager, &ask).await.unwrap_err();
    assert!(matches!(again, InvoiceError::Invalid { field: "client_id", .. }), "{again:?}");
    assert!(again.to_string().contains("no approved, unbilled work"), "{again}");
}

#[tokio::test]
async fn another_firms_client_or_invoice_is_not_found() {
    let firm = firm("alpha").await;
    firm.approved_time(day(2), 1, 60).await;
    let id = firm.draft(day(1), day(30)).await;
    let other =
        crate::invoice_fixture::firm_in(crate::helpers::TestDb::on(firm.test.db.clone(), firm.test.options()), "beta")
            .await;
    let mut tx = other.tx().await;
    let seen = invoice_page(&mut tx, id + 1000, (other.manager, Role::Manager), day(30)).await.unwrap_err();
    assert!(matches!(seen, InvoiceError::NotFound), "{seen:?}");
    // Beta's own ids are its own: Alpha's invoice id names nothing in Beta.
    let seen = invoice_page(&mut tx, id, (other.manager, Role::Manager), day(30)).await.unwrap_err();
    assert!(matches!(seen, InvoiceError::NotFound), "{seen:?}");
}

#[tokio::test]
async fn an_edit_after_an_approval_withdraws_it_and_a_write_down_keeps_its_reason() {
    let firm = firm("alpha").await;
    firm.approved_time(day(2), 2, 60).await;
    firm.invoice_policy(vec![Rule::Approvals { count: 2, role: Role::Manager, only_for: None }]).await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    assert_eq!(submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap(), InvoiceStatus::AwaitingApproval);
    assert_eq!(
        decide_invoice(&mut tx, (firm.partner, Role::Manager), id, true, "", day(30)).await.unwrap(),
        InvoiceStatus::AwaitingApproval
    );
    let page = invoice_page(&mut tx, id, (firm.manager, Role::Manager), day(30)).await.unwrap();
    let line = &page.lines[0];
    let unexplained = LineForm {
        description: line.description.clone(),
        quantity: "1:30".into(),
        rate: "100".into(),
        reason: String::new(),
    };
    let refused = edit_line(&mut tx, id, line.line_id, &unexplained).await.unwrap_err();
    assert!(matches!(&refused, InvoiceError::Line(p) if p.field == "reason"), "{refused:?}");
    let explained = LineForm { reason: "agreed discount".into(), ..unexplained };
    assert_eq!(edit_line(&mut tx, id, line.line_id, &explained).await.unwrap(), 1, "one approval withdrawn");
    let page = invoice_page(&mut tx, id, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(page.status, InvoiceStatus::Draft);
    assert_eq!(page.lines[0].amount, "150.00 EUR");
    assert_eq!(page.lines[0].worked.as_deref(), Some("200.00 EUR"));
    // Submitted again, the earlier approval no longer counts: two are needed afresh.
    submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap();
    assert_eq!(
        decide_invoice(&mut tx, (firm.partner, Role::Manager), id, true, "", day(30)).await.unwrap(),
        InvoiceStatus::AwaitingApproval
    );
    assert_eq!(
        decide_invoice(&mut tx, (firm.admin, Role::Admin), id, true, "", day(30)).await.unwrap(),
        InvoiceStatus::Approved
    );
    let page = invoice_page(&mut tx, id, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(page.number.as_deref(), Some("2026-0001"));
    assert_eq!(page.due_on, Some(day(30) + time::Duration::days(30)));
}

#[tokio::test]
async fn nobody_approves_an_invoice_they_drafted() {
    let firm = firm("alpha").await;
    firm.approved_time(day(2), 1, 60).await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    // The partner submits the manager's draft; the manager still may not approve it.
    submit_invoice(&mut tx, firm.partner, id, day(30)).await.unwrap();
    let refused = decide_invoice(&mut tx, (firm.manager, Role::Manager), id, true, "", day(30)).await.unwrap_err();
    assert!(refused.to_string().contains("you drafted this invoice"), "{refused}");
}

#[tokio::test]
async fn payments_move_it_to_paid_and_an_overpayment_is_refused_at_the_amount() {
    let firm = firm("alpha").await;
    firm.approved_time(day(2), 1, 60).await;
    firm.send_directly().await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    assert_eq!(submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap(), InvoiceStatus::Approved);
    let early = NewPayment { paid_on: day(30), amount: "10".into(), method: "card".into(), reference: String::new() };
    assert!(
        matches!(record_payment(&mut tx, firm.manager, id, &early).await, Err(InvoiceError::Status(_))),
        "not sent yet"
    );
    mark_sent(&mut tx, id).await.unwrap();
    let part = NewPayment { amount: "100".into(), ..early.clone() };
    assert_eq!(record_payment(&mut tx, firm.manager, id, &part).await.unwrap(), InvoiceStatus::PartiallyPaid);
    let too_much = NewPayment { amount: "20.01".into(), ..early.clone() };
    let refused = record_payment(&mut tx, firm.manager, id, &too_much).await.unwrap_err();
    assert!(matches!(&refused, InvoiceError::Invalid { field: "amount", .. }), "{refused:?}");
    assert!(refused.to_string().contains("20.00 EUR"), "{refused}");
    let rest = NewPayment { amount: "20".into(), ..early };
    assert_eq!(record_payment(&mut tx, firm.manager, id, &rest).await.unwrap(), InvoiceStatus::Paid);
    let voided = void_invoice(&mut tx, id, "mistake").await.unwrap_err();
    assert!(voided.to_string().contains("credit note"), "{voided}");
}

#[tokio::test]
async fn invoiced_time_cannot_be_changed_or_deleted_until_the_invoice_is_voided() {
    let firm = firm("alpha").await;
    let entries = firm.approved_time(day(2), 1, 60).await;
    firm.send_directly().await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = firm.tx().await;
    let change = sqlx::query("update time_entries set minutes = 5 where time_entry_id = $1")
        .bind(entries[0])
        .execute(tx.conn())
        .await;
    assert!(change.unwrap_err().to_string().contains("invoiced work cannot be changed"));
    drop(tx);
    let mut tx = firm.tx().await;
    let delete =
        sqlx::query("delete from time_entries where time_entry_id = $1").bind(entries[0]).execute(tx.conn()).await;
    assert!(delete.unwrap_err().to_string().contains("invoiced work cannot be deleted"));
    drop(tx);
    let mut tx = firm.tx().await;
    void_invoice(&mut tx, id, "sent to the wrong client").await.unwrap();
    let page = invoice_page(&mut tx, id, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(page.status, InvoiceStatus::Void);
    assert_eq!(page.number.as_deref(), Some("2026-0001"), "a void invoice keeps its number");
    sqlx::query("update time_entries set minutes = 5 where time_entry_id = $1")
        .bind(entries[0])
        .execute(tx.conn())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Released, the work goes on the next draft, which gets the next number.
    let again = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, again, day(30)).await.unwrap();
    let page = invoice_page(&mut tx, again, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(page.number.as_deref(), Some("2026-0002"));
}

#[tokio::test]
async fn a_credit_note_has_its_own_numbers_and_settles_what_the_invoice_still_owed() {
    use pespro::practice::invoices::create_credit_note;
    let firm = firm("alpha").await;
    firm.approved_time(day(2), 1, 60).await;
    firm.send_directly().await;
    let id = firm.draft(day(1), day(30)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap();
    let early = create_credit_note(&mut tx, firm.manager, id).await.unwrap_err();
    assert!(early.to_string().contains("sent invoice"), "not before it is sent: {early}");
    mark_sent(&mut tx, id).await.unwrap();
    let part = NewPayment { paid_on: day(30), amount: "20".into(), method: "cash".into(), reference: String::new() };
    record_payment(&mut tx, firm.manager, id, &part).await.unwrap();
    let credit = create_credit_note(&mut tx, firm.manager, id).await.unwrap();
    let page = invoice_page(&mut tx, credit, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert!(page.credit_note);
    assert_eq!(page.total, "-120.00 EUR", "all of it, tax included");
    assert_eq!(submit_invoice(&mut tx, firm.manager, credit, day(30)).await.unwrap(), InvoiceStatus::Approved);
    let page = invoice_page(&mut tx, credit, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(page.number.as_deref(), Some("CN-2026-0001"), "the credit notes' own series");
    let invoice = invoice_page(&mut tx, id, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert_eq!(invoice.status, InvoiceStatus::Paid, "the 100.00 still owed is settled by the credit");
    assert!(invoice.payments.iter().any(|p| p.method == "Credit note" && p.reference == "CN-2026-0001"));
    let again = create_credit_note(&mut tx, firm.manager, id).await.unwrap_err();
    assert!(again.to_string().contains("already fully credited"), "{again}");
}

#[tokio::test]
async fn a_firm_that_hides_per_person_detail_drafts_lines_that_name_no_one() {
    use pespro::invoice::{Grouping, InvoiceSettings};
    let firm = firm("no-names").await;
    let mut tx = firm.tx().await;
    let hidden = InvoiceSettings { show_people: false, grouping: Grouping::Detailed, ..InvoiceSettings::default() };
    pespro::practice::invoices::save_invoice_settings(&mut tx, &hidden).await.unwrap();
    tx.commit().await.unwrap();
    firm.approved_time(day(2), 2, 60).await;
    firm.draft(day(1), day(30)).await;
    let name: String =
        firm.scalar(&format!("select display_name from {{schema}}.users where user_id = {}", firm.manager)).await;
    let details: String = firm.scalar("select string_agg(detail, ' | ') from {schema}.invoice_lines").await;
    assert!(details.contains("2026-"), "details still carry the date: {details}");
    assert!(!details.contains(&name), "{name} named in {details}");
}
