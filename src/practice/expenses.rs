//! Expenses and their receipts, in the firm's schema. A receipt is written
//! in the same transaction as its expense, so there is never one without
//! the other.

use crate::db::TenantTx;
use crate::expenses::{ExpenseCategory, ExpenseStatus, ExpenseSummary, NewExpense, ReceiptKind};
use crate::money::{Currency, Money};
use time::Date;

/// A checked receipt: bytes within the size limit, kind detected from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub kind: ReceiptKind,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateExpenseError {
    /// Unknown here (perhaps another firm's id), closed, or its client archived.
    #[error("that engagement is not open for expenses")]
    EngagementNotOpen,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Records a draft expense for `user_id`, with its receipt if any.
pub async fn create_expense(
    tx: &mut TenantTx,
    user_id: i64,
    expense: &NewExpense,
    receipt: Option<&Receipt>,
) -> Result<i64, CreateExpenseError> {
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into expenses (user_id, engagement_id, spent_on, amount_minor, currency, category, billable, notes)
         select $1, e.engagement_id, $3, $4, $5, $6, $7, $8
         from engagements e join clients c using (client_id)
         where e.engagement_id = $2 and e.status = 'active' and c.archived_at is null
         returning expense_id",
    )
    .bind(user_id)
    .bind(expense.engagement_id)
    .bind(expense.spent_on)
    .bind(expense.amount.minor)
    .bind(expense.amount.currency.as_str())
    .bind(expense.category.as_str())
    .bind(expense.billable)
    .bind(&expense.notes)
    .fetch_optional(tx.conn())
    .await?;
    let expense_id = inserted.ok_or(CreateExpenseError::EngagementNotOpen)?;
    if let Some(receipt) = receipt {
        sqlx::query("insert into expense_receipts (expense_id, content_type, content) values ($1, $2, $3)")
            .bind(expense_id)
            .bind(receipt.kind.content_type())
            .bind(&receipt.bytes)
            .execute(tx.conn())
            .await?;
    }
    Ok(expense_id)
}

#[derive(sqlx::FromRow)]
struct ExpenseRow {
    expense_id: i64,
    spent_on: Date,
    client_name: String,
    engagement_code: String,
    engagement_name: String,
    amount_minor: i64,
    currency: String,
    category: String,
    billable: bool,
    notes: String,
    status: String,
    has_receipt: bool,
    sent_back_because: Option<String>,
}

/// `user_id`'s expenses, newest first (the latest 200).
pub async fn my_expenses(tx: &mut TenantTx, user_id: i64) -> Result<Vec<ExpenseSummary>, sqlx::Error> {
    let rows: Vec<ExpenseRow> = sqlx::query_as(
        "select x.expense_id, x.spent_on, c.name as client_name, e.code as engagement_code,
                e.name as engagement_name, x.amount_minor, x.currency, x.category, x.billable, x.notes, x.status,
                exists (select from expense_receipts r where r.expense_id = x.expense_id) as has_receipt,
                case when x.status = 'rejected' then (
                    select d.comment from approval_decisions d
                    where d.document_kind = 'expense' and d.document_id = x.expense_id and not d.approve
                    order by d.approval_decision_id desc limit 1
                ) end as sent_back_because
         from expenses x join engagements e using (engagement_id) join clients c using (client_id)
         where x.user_id = $1
         order by x.spent_on desc, x.expense_id desc
         limit 200",
    )
    .bind(user_id)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().filter_map(ExpenseRow::into_summary).collect())
}

impl ExpenseRow {
    /// Rows were checked on the way in; one that no longer reads is skipped.
    fn into_summary(self) -> Option<ExpenseSummary> {
        Some(ExpenseSummary {
            expense_id: self.expense_id,
            spent_on: self.spent_on,
            engagement: format!("{} — {} {}", self.client_name, self.engagement_code, self.engagement_name),
            amount: Money::new(self.amount_minor, Currency::parse(&self.currency).ok()?),
            category: ExpenseCategory::parse(&self.category)?,
            billable: self.billable,
            notes: self.notes,
            status: ExpenseStatus::parse(&self.status)?,
            has_receipt: self.has_receipt,
            sent_back_because: self.sent_back_because,
        })
    }
}

/// A stored receipt and who recorded its expense.
#[derive(Debug, Clone)]
pub struct StoredReceipt {
    pub owner_id: i64,
    pub kind: ReceiptKind,
    pub bytes: Vec<u8>,
}

/// The receipt of `expense_id`, if the expense exists here and has one.
pub async fn receipt(tx: &mut TenantTx, expense_id: i64) -> Result<Option<StoredReceipt>, sqlx::Error> {
    let row: Option<(i64, String, Vec<u8>)> = sqlx::query_as(
        "select x.user_id, r.content_type, r.content
         from expenses x join expense_receipts r using (expense_id)
         where x.expense_id = $1",
    )
    .bind(expense_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.and_then(|(owner_id, content_type, bytes)| {
        Some(StoredReceipt { owner_id, kind: ReceiptKind::from_content_type(&content_type)?, bytes })
    }))
}

/// The firm's default currency (a setting every firm starts with).
pub async fn default_currency(tx: &mut TenantTx) -> Result<String, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("select value #>> '{}' from firm_settings where setting_key = 'default_currency'")
            .fetch_optional(tx.conn())
            .await?;
    Ok(stored.and_then(|raw| Currency::parse(&raw).ok()).unwrap_or(Currency::USD).to_string())
}
