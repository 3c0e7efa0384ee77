//! An invoice as its PDF prints it: the page data, the firm's branding and
//! the invoice's design mapped onto `pespro_pdf::InvoiceSheet`. Amounts are
//! already written out by [`invoice_page`](super::invoice_page); this only
//! chooses what is printed. The logo file is read by the caller
//! ([`read_logo`](super::read_logo)), which knows where the site's files are.

use crate::brand::Theme;
use crate::invoice::views::InvoicePage;
use crate::invoice::{Design, InvoiceStatus};
use pespro_pdf::{InvoiceSheet, Logo, PdfError, SheetLine, TaxRow};

/// The PDF of `page`, drawn in `theme`'s colours with the firm's `logo`
/// (else its monogram). A logo file that cannot be drawn is logged and the
/// monogram used: the client still gets the invoice.
pub fn invoice_pdf(page: &InvoicePage, theme: &Theme, logo: Option<Logo>) -> Result<Vec<u8>, PdfError> {
    let mut sheet = sheet(page, theme);
    sheet.logo = logo;
    match pespro_pdf::render(&sheet) {
        Err(PdfError::Logo(reason)) => {
            tracing::warn!(%reason, "the firm's logo could not be drawn; the PDF shows the monogram");
            sheet.logo = None;
            pespro_pdf::render(&sheet)
        }
        drawn => drawn,
    }
}

/// The file name an invoice's PDF is offered under: `Invoice-2026-0042.pdf`.
pub fn pdf_file_name(page: &InvoicePage) -> String {
    let title = if page.credit_note { "Credit-note" } else { "Invoice" };
    let number = page.number.clone().unwrap_or_else(|| format!("draft-{}", page.invoice_id));
    let safe: String = number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{title}-{safe}.pdf")
}

fn sheet(page: &InvoicePage, theme: &Theme) -> InvoiceSheet {
    let date = |d: Option<time::Date>| d.map(|d| page.formats.date(d)).unwrap_or_else(|| "—".to_owned());
    let stamp = match page.status {
        InvoiceStatus::Void => Some("VOID".to_owned()),
        InvoiceStatus::Paid => Some("PAID".to_owned()),
        InvoiceStatus::Draft | InvoiceStatus::AwaitingApproval => Some("DRAFT".to_owned()),
        _ => None,
    };
    InvoiceSheet {
        design: match page.design {
            Design::Classic => pespro_pdf::Design::Classic,
            Design::Modern => pespro_pdf::Design::Modern,
            Design::Compact => pespro_pdf::Design::Compact,
        },
        accent: theme.primary.rgb(),
        accent_text: theme.primary.readable_text().rgb(),
        firm_name: theme.display_name.to_string(),
        // Set by `invoice_pdf` from the file its caller read.
        logo: None,
        firm_initials: theme.display_name.initials(),
        title: if page.credit_note { "Credit note" } else { "Invoice" }.to_owned(),
        number: page.number.clone().unwrap_or_else(|| "Draft".to_owned()),
        issued_on: date(page.issued_on),
        due_on: date(page.due_on),
        client_name: page.client.clone(),
        client_address: page.client_address.clone(),
        client_tax_id: page.client_tax_id.clone(),
        currency: page.currency.clone(),
        show_quantity: page.show_hours,
        show_rate: page.show_rates,
        lines: page
            .lines
            .iter()
            .map(|l| SheetLine {
                description: l.description.clone(),
                detail: l.detail.clone(),
                quantity: l.quantity.clone(),
                rate: l.rate.clone(),
                amount: l.amount.clone(),
                tax: l.taxes.clone(),
            })
            .collect(),
        tax_rows: page
            .taxes
            .iter()
            .map(|t| TaxRow { label: t.label.clone(), base: t.base.clone(), tax: t.tax.clone() })
            .collect(),
        subtotal: page.subtotal.clone(),
        total: page.total.clone(),
        paid: (!page.payments.is_empty()).then(|| page.paid.clone()),
        amount_due: if page.status.is_open() { page.due.clone() } else { page.total.clone() },
        terms: page.terms.clone(),
        payment_details: page.payment_details.clone(),
        notes: page.notes.clone(),
        footer: page.footer.clone(),
        stamp,
    }
}
