//! Export batches against a real firm schema: nothing exported twice by
//! accident (the unique index refuses a racing second export), gaps refuse
//! the whole batch, a void after export comes back as its reversal, files
//! download again byte for byte, and another firm's batch is not there.

use crate::helpers::TestDb;
use crate::invoice_fixture::{Firm, day, firm, firm_in};
use pespro::accounting::{Income, Mapping, Target};
use pespro::practice::accounting::{
    Actor, ExportError, ExportOutcome, batch_file, batches, export, reexport, save_accounting_mapping,
};
use pespro::practice::invoices::{NewPayment, mark_sent, record_payment, submit_invoice, void_invoice};
use pespro::practice::time_zones::Reader;
use std::time::Duration;
use time::OffsetDateTime;

/// Lists read as a new firm's administrator reads them: UTC, default formats.
const UTC_READER: Reader<'static> = Reader {
    zone: "UTC",
    formats: pespro::formats::Formats {
        date: pespro::formats::DateStyle::DayMonthName,
        number: pespro::formats::NumberStyle::CommaThousandsPointDecimals,
        first_day: pespro::first_day::FirstDay::Monday,
    },
};

const SETTLE: Duration = Duration::from_millis(300);

fn journal() -> Mapping {
    Mapping {
        target: Target::Journal,
        income: Income::ALL.into_iter().map(|i| (i, "4000".to_owned())).collect(),
        tax_codes: [("VAT 20 %".to_owned(), "2200".to_owned())].into_iter().collect(),
        receivables_account: "1100".into(),
        bank_account: "1000".into(),
        ..Mapping::default()
    }
}

fn actor(firm: &Firm) -> Actor<'static> {
    Actor { user_id: firm.admin, label: "ada@example", address: None }
}

/// A numbered invoice for an hour of work, and the firm's mapping saved.
async fn invoiced(firm: &Firm, mapping: &Mapping) -> i64 {
    firm.send_directly().await;
    firm.approved_time(day(2), 1, 60).await;
    let id = firm.draft(day(1), day(2)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(3)).await.unwrap();
    save_accounting_mapping(&mut tx, mapping).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn export_now(firm: &Firm) -> Result<ExportOutcome, ExportError> {
    let mut tx = firm.tx().await;
    let outcome = export(&mut tx, &actor(firm), None, OffsetDateTime::now_utc()).await;
    tx.commit().await.unwrap();
    outcome
}

#[tokio::test]
async fn exporting_twice_in_a_row_gives_nothing_the_second_time_and_files_download_unchanged() {
    let firm = firm("alpha").await;
    invoiced(&firm, &journal()).await;
    let ExportOutcome::Written { batch_id, documents: 1, payments: 0 } = export_now(&firm).await.unwrap() else {
        panic!("one invoice to export")
    };
    assert_eq!(export_now(&firm).await.unwrap(), ExportOutcome::Nothing);
    let mut tx = firm.tx().await;
    let (name, first) = batch_file(&mut tx, batch_id, 0).await.unwrap().expect("the journal");
    let (_, again) = batch_file(&mut tx, batch_id, 0).await.unwrap().unwrap();
    assert_eq!(name, "journal.csv");
    assert_eq!(first, again);
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(text.starts_with("Date,Account,Debit,Credit,Tax,Reference,"), "{text}");
    assert!(text.contains(",1100,120.00,,"), "an hour at 100.00 plus 20 % VAT: {text}");
    let listed = batches(&mut tx, UTC_READER).await.unwrap();
    assert_eq!((listed.len(), listed[0].documents, listed[0].files[0].name.as_str()), (1, 1, "journal.csv"));
    tx.commit().await.unwrap();
    let stored: Vec<u8> = firm.scalar("select sha256 from {schema}.export_batch_files").await;
    assert_eq!(stored, sha2_of(&first));
}

fn sha2_of(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

#[tokio::test]
async fn an_export_with_gaps_is_refused_whole_and_writes_nothing() {
    let firm = firm("alpha").await;
    let mut gappy = journal();
    gappy.tax_codes.clear();
    invoiced(&firm, &gappy).await;
    let Err(ExportError::Gaps(gaps)) = export_now(&firm).await else { panic!("the VAT account is missing") };
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!((gaps[0].line, gaps[0].field.as_str()), (Some(1), "tax_codes"));
    let written: i64 = firm.scalar("select count(*) from {schema}.export_batches").await;
    assert_eq!(written, 0);
}

#[tokio::test]
async fn a_void_after_export_comes_back_once_as_its_reversal() {
    let firm = firm("alpha").await;
    let id = invoiced(&firm, &journal()).await;
    export_now(&firm).await.unwrap();
    let mut tx = firm.tx().await;
    void_invoice(&mut tx, id, "billed the wrong client").await.unwrap();
    tx.commit().await.unwrap();
    let ExportOutcome::Written { batch_id, documents: 1, .. } = export_now(&firm).await.unwrap() else {
        panic!("the reversal")
    };
    let mut tx = firm.tx().await;
    let (_, bytes) = batch_file(&mut tx, batch_id, 0).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("-VOID,"), "{text}");
    assert!(text.contains(",1100,,120.00,"), "receivables credited back: {text}");
    assert_eq!(export_now(&firm).await.unwrap(), ExportOutcome::Nothing);
}

#[tokio::test]
async fn payments_go_out_once() {
    let firm = firm("alpha").await;
    let id = invoiced(&firm, &journal()).await;
    let mut tx = firm.tx().await;
    mark_sent(&mut tx, id).await.unwrap();
    let paid = NewPayment {
        paid_on: day(20),
        amount: "50.00".into(),
        method: "bank_transfer".into(),
        reference: "=1+1".into(),
    };
    record_payment(&mut tx, firm.manager, id, &paid).await.unwrap();
    tx.commit().await.unwrap();
    let ExportOutcome::Written { batch_id, payments: 1, .. } = export_now(&firm).await.unwrap() else { panic!() };
    let mut tx = firm.tx().await;
    let (name, bytes) = batch_file(&mut tx, batch_id, 1).await.unwrap().expect("the payments file");
    tx.commit().await.unwrap();
    assert_eq!(name, "payments.csv");
    assert!(String::from_utf8(bytes).unwrap().contains(",'=1+1"), "the reference is neutralised");
    assert_eq!(export_now(&firm).await.unwrap(), ExportOutcome::Nothing);
}

#[tokio::test]
async fn two_exports_racing_never_carry_a_document_twice() {
    let firm = firm("alpha").await;
    invoiced(&firm, &journal()).await;
    let mut first = firm.tx().await;
    let written = export(&mut first, &actor(&firm), None, OffsetDateTime::now_utc()).await.unwrap();
    assert!(matches!(written, ExportOutcome::Written { documents: 1, .. }));
    let (db, tenant, admin) = (firm.test.db.clone(), firm.tenant.clone(), firm.admin);
    let second = tokio::spawn(async move {
        let mut tx = db.tenant_tx(tenant.handle()).await.unwrap();
        let actor = Actor { user_id: admin, label: "ada@example", address: None };
        // Sees the invoice as not yet exported (the first has not committed)
        // and waits on the unique index until the first commits.
        let outcome = export(&mut tx, &actor, None, OffsetDateTime::now_utc()).await;
        drop(tx);
        outcome
    });
    tokio::time::sleep(SETTLE).await;
    first.commit().await.unwrap();
    let Err(ExportError::Conflict(message)) = second.await.unwrap() else { panic!("the second export must lose") };
    assert!(message.contains("another export"), "{message}");
    let carried: i64 = firm.scalar("select count(*) from {schema}.export_batch_documents").await;
    assert_eq!(carried, 1);
}

#[tokio::test]
async fn a_deliberate_reexport_needs_a_reason_and_is_audited() {
    let firm = firm("alpha").await;
    let id = invoiced(&firm, &journal()).await;
    let mut tx = firm.tx().await;
    let now = OffsetDateTime::now_utc();
    let refused = reexport(&mut tx, &actor(&firm), &[id], "  ", now).await;
    assert!(matches!(refused, Err(ExportError::Invalid(_))), "no reason: {refused:?}");
    let not_yet = reexport(&mut tx, &actor(&firm), &[id], "lost the file", now).await;
    assert!(matches!(not_yet, Err(ExportError::Invalid(_))), "never exported: {not_yet:?}");
    tx.commit().await.unwrap();
    export_now(&firm).await.unwrap();
    let mut tx = firm.tx().await;
    let batch = reexport(&mut tx, &actor(&firm), &[id], "the accountant lost the file", now).await.unwrap();
    tx.commit().await.unwrap();
    let reason: String = firm
        .scalar(&format!("select reexport_reason from {{schema}}.export_batches where export_batch_id = {batch}"))
        .await;
    assert_eq!(reason, "the accountant lost the file");
    let audited: String =
        firm.scalar("select detail from {schema}.audit_events where action = 'accounting.reexported'").await;
    assert!(audited.contains("the accountant lost the file"), "{audited}");
    // A deliberate re-export does not use up the document's ordinary export.
    assert_eq!(export_now(&firm).await.unwrap(), ExportOutcome::Nothing);
}

#[tokio::test]
async fn another_firms_batch_files_are_not_there() {
    let alpha = firm("alpha").await;
    invoiced(&alpha, &journal()).await;
    let ExportOutcome::Written { batch_id, .. } = export_now(&alpha).await.unwrap() else { panic!() };
    let beta = firm_in(TestDb::on(alpha.test.db.clone(), alpha.test.options()), "beta").await;
    let mut tx = beta.tx().await;
    assert_eq!(batch_file(&mut tx, batch_id, 0).await.unwrap(), None);
    assert!(batches(&mut tx, UTC_READER).await.unwrap().is_empty());
    // Naming alpha's table directly is refused by PostgreSQL itself.
    let direct = sqlx::query_scalar::<_, i64>(&format!("select count(*) from {}.export_batch_files", alpha.schema))
        .fetch_one(tx.conn())
        .await;
    assert!(direct.is_err(), "beta's role reads alpha's batches");
}

#[tokio::test]
async fn a_client_named_like_a_formula_exports_as_text_and_legacy_encodings_warn_first() {
    let firm = firm("alpha").await;
    let mut datev = journal();
    datev.target = Target::Datev;
    datev.tax_codes.insert("VAT 20 %".into(), "9".into());
    datev.receivables_account = "10000".into();
    datev.datev = pespro::accounting::mapping::DatevNumbers {
        consultant: 1001,
        client: 1,
        fiscal_year_start_month: 1,
        account_length: 4,
    };
    invoiced(&firm, &journal()).await;
    let mut conn = firm.test.raw().await;
    sqlx::query(&format!("update {}.clients set name = '=HYPERLINK(\"http://x\")–Łódź'", firm.schema))
        .execute(&mut conn)
        .await
        .unwrap();
    let mut tx = firm.tx().await;
    save_accounting_mapping(&mut tx, &datev).await.unwrap();
    let preview = pespro::practice::accounting::preview(&mut tx, None).await.unwrap();
    assert_eq!(preview.warnings.len(), 1, "{:?}", preview.warnings);
    assert!(preview.warnings[0].contains("(Ł, ź)"), "{:?}", preview.warnings);
    save_accounting_mapping(&mut tx, &journal()).await.unwrap();
    tx.commit().await.unwrap();
    let ExportOutcome::Written { batch_id, .. } = export_now(&firm).await.unwrap() else { panic!() };
    let mut tx = firm.tx().await;
    let (_, bytes) = batch_file(&mut tx, batch_id, 0).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(",\"'=HYPERLINK(\"\"http://x\"\")–Łódź\","), "neutralised and quoted: {text}");
    assert!(!text.contains(",=HYPERLINK"), "{text}");
}
