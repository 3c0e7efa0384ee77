//! The two expense routes that are not server functions, because they carry
//! files: adding an expense with its receipt (a multipart form post, with or
//! without JavaScript) and serving a receipt. Both sit behind the firm's
//! middleware — same-origin check on the post, session, person — and refuse
//! when the firm's `expenses` feature is off.

use crate::startup::AppState;
use app::api::context::{CurrentTenant, FirmFeatures, SignedInUser};
use axum::extract::multipart::{Field, Multipart};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::expenses::{ExpenseForm, ExpenseProblem, MAX_RECEIPT_BYTES, ReceiptKind, may_see_receipt};
use pespro::flags::Feature;
use pespro::practice::{CreateExpenseError, Receipt};

/// Where the form posts.
pub const NEW_EXPENSE_PATH: &str = "/expenses/new";
/// The whole request may be a little larger than the receipt (the other
/// fields, multipart framing); beyond this the body is not even read.
pub const BODY_LIMIT: usize = MAX_RECEIPT_BYTES + 64 * 1024;

/// Why a request is not let in: nobody signed in, or the feature is off
/// (with the sentence that says who can change it).
enum Refused {
    SignIn,
    FeatureOff(String),
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::SignIn => Redirect::to("/sign-in").into_response(),
            Refused::FeatureOff(sentence) => {
                crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not available", &sentence)
            }
        }
    }
}

/// The signed-in person, if their firm has expenses on.
fn admitted(
    user: Option<Extension<SignedInUser>>,
    features: Option<Extension<FirmFeatures>>,
) -> Result<pespro::access::CurrentUser, Refused> {
    let (Some(Extension(SignedInUser(user))), Some(Extension(FirmFeatures(flags)))) = (user, features) else {
        return Err(Refused::SignIn);
    };
    match flags.refusal(Feature::Expenses) {
        None => Ok(user),
        Some(sentence) => Err(Refused::FeatureOff(sentence)),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    features: Option<Extension<FirmFeatures>>,
    multipart: Multipart,
) -> Response {
    let user = match admitted(user, features) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let (form, receipt) = match read_form(multipart).await {
        Ok(read) => read,
        Err(problem) => return back_with(problem, &ExpenseForm::default()),
    };
    let checked = form.check().and_then(|expense| Ok((expense, receipt.transpose()?)));
    let (expense, receipt) = match checked {
        Ok(checked) => checked,
        Err(problem) => return back_with(problem, &form),
    };
    let stored = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let id = pespro::practice::create_expense(&mut tx, user.user_id, &expense, receipt.as_ref()).await?;
        tx.commit().await?;
        Ok::<_, CreateExpenseError>(id)
    };
    match stored.await {
        Ok(id) => {
            tracing::info!(expense.id = id, receipt = receipt.is_some(), "expense recorded");
            Redirect::to("/expenses?added=1").into_response()
        }
        Err(CreateExpenseError::EngagementNotOpen) => back_with(ExpenseProblem::EngagementNotOpen, &form),
        Err(CreateExpenseError::Db(error)) => {
            tracing::error!(%error, "could not record an expense");
            crate::plain_pages::unavailable()
        }
    }
}

/// The form's fields and its receipt (`None` when no file was chosen; an
/// `Err` inside when the file was refused, reported after the other fields).
async fn read_form(
    mut multipart: Multipart,
) -> Result<(ExpenseForm, Option<Result<Receipt, ExpenseProblem>>), ExpenseProblem> {
    let mut form = ExpenseForm::default();
    let mut receipt = None;
    // A body past the route's limit, or broken framing, ends the loop with
    // an error: the only cause a person can act on is the file's size.
    while let Some(field) = multipart.next_field().await.map_err(|_| ExpenseProblem::ReceiptTooBig)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "receipt" {
            receipt = read_receipt(field).await?;
            continue;
        }
        let value = field.text().await.map_err(|_| ExpenseProblem::ReceiptTooBig)?;
        match name.as_str() {
            "engagement_id" => form.engagement_id = value,
            "spent_on" => form.spent_on = value,
            "amount" => form.amount = value,
            "currency" => form.currency = value,
            "category" => form.category = value,
            "billable" => form.billable = true,
            "notes" => form.notes = value,
            _ => {}
        }
    }
    Ok((form, receipt))
}

/// Reads the file in chunks and stops as soon as it passes the limit. The
/// kind comes from the bytes; the name and the browser's type are ignored.
async fn read_receipt(mut field: Field<'_>) -> Result<Option<Result<Receipt, ExpenseProblem>>, ExpenseProblem> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| ExpenseProblem::ReceiptTooBig)? {
        if bytes.len() + chunk.len() > MAX_RECEIPT_BYTES {
            return Ok(Some(Err(ExpenseProblem::ReceiptTooBig)));
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.is_empty() {
        return Ok(None);
    }
    Ok(Some(ReceiptKind::detect(&bytes).map(|kind| Receipt { kind, bytes }).ok_or(ExpenseProblem::ReceiptType)))
}

/// Back to the page with the problem's code and what was typed (no file:
/// browsers never refill one). The page maps the code to its sentence.
fn back_with(problem: ExpenseProblem, form: &ExpenseForm) -> Response {
    let encode = |value: &str| -> String {
        value
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect()
    };
    let fields = [
        ("engagement_id", form.engagement_id.as_str()),
        ("spent_on", form.spent_on.as_str()),
        ("amount", form.amount.as_str()),
        ("currency", form.currency.as_str()),
        ("category", form.category.as_str()),
        ("notes", form.notes.as_str()),
    ];
    let typed: String = fields.iter().map(|(name, value)| format!("&{name}={}", encode(value))).collect();
    let billable = if form.billable { "&billable=true" } else { "" };
    Redirect::to(&format!("/expenses?problem={}{typed}{billable}", problem.code())).into_response()
}

pub async fn receipt(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    features: Option<Extension<FirmFeatures>>,
    Path(expense_id): Path<i64>,
) -> Response {
    let user = match admitted(user, features) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let found = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let receipt = pespro::practice::receipt(&mut tx, expense_id).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(receipt)
    };
    let receipt = match found.await {
        Ok(Some(receipt)) => receipt,
        Ok(None) => {
            return crate::plain_pages::refused(StatusCode::NOT_FOUND, "Not found", "There is no such receipt.");
        }
        Err(error) => {
            tracing::error!(%error, "could not read a receipt");
            return crate::plain_pages::unavailable();
        }
    };
    if !may_see_receipt(&user, receipt.owner_id) {
        tracing::warn!(security_event = "receipt_refused", expense.id = expense_id, "a receipt was refused");
        return crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not yours", "Only its owner and approvers see it.");
    }
    let kind = receipt.kind;
    let disposition = format!(
        "{}; filename=\"receipt-{expense_id}.{}\"",
        if kind.inline() { "inline" } else { "attachment" },
        kind.extension()
    );
    let mut response = receipt.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    // Even opened directly, a receipt can run nothing and load nothing.
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    response
}
