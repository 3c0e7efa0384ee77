//! PesPro's user interface, rendered on the server and hydrated in the
//! browser, and the `#[server]` functions it calls.
//!
//! Server functions are thin adapters (see [`api`]): they take the firm the
//! request is for, open a tenant transaction, call the domain and map errors.
//! The rules themselves live in the `pespro` crate, which the browser bundle
//! also links, so forms can validate as the user types.

pub mod api;
mod components;
#[cfg(feature = "ssr")]
pub mod console;
pub mod error;
mod pages;
#[cfg(feature = "ssr")]
pub mod plain_page;
mod shell;

pub use components::layout::END_IMPERSONATION_PATH;
pub use pages::audit::AUDIT_CSV_PATH;
pub use pages::branding_icon::{ICON_REMOVE_PATH, ICON_UPLOAD_PATH};
pub use pages::branding_logo::{LOGO_REMOVE_PATH, LOGO_UPLOAD_PATH};
pub use pages::reports::{REPORTS_CSV_PATH, REPORTS_PDF_PATH};
pub use shell::shell;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use pages::account::AccountPage;
use pages::accounting::AccountingPage;
use pages::accounting_settings::AccountingSettingsPage;
use pages::approval_week::ApprovalWeekPage;
use pages::approvals::ApprovalsPage;
use pages::audit::AuditLogPage;
use pages::branding::BrandingPage;
use pages::client::ClientDetailPage;
use pages::client_invoice::ClientInvoicePage;
use pages::domains::DomainsPage;
use pages::engagement::EngagementDetailPage;
use pages::expenses::ExpensesPage;
use pages::export::ExportPage;
use pages::features::FeaturesPage;
use pages::import::{ImportBatchPage, ImportPage};
use pages::invoice::InvoiceDetailPage;
use pages::invoice_settings::InvoiceSettingsPage;
use pages::invoices::InvoicesPage;
use pages::my_week::MyWeekPage;
use pages::notifications::NotificationsPage;
use pages::password_reset::{ForgotPasswordPage, ResetPasswordPage};
use pages::people::PeoplePage;
use pages::rates::{RatePreviewPage, RatesPage};
use pages::receivables::ReceivablesPage;
use pages::regional::RegionalPage;
use pages::report_settings::ReportSettingsPage;
use pages::reports::ReportsPage;
use pages::search::SearchPage;
use pages::sso_settings::SsoSettingsPage;
use pages::teams::TeamsPage;
use pages::workflows::WorkflowsPage;
use pages::{dashboard::DashboardPage, not_found::NotFoundPage, sign_in::SignInPage};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Computed from the request on the server, read back from the page during
    // hydration: the branded header needs no round trip and no loading state.
    let theme = SharedValue::new(api::context::request_theme).into_inner();
    provide_context(theme);
    let user = SharedValue::new(api::context::request_user).into_inner();
    provide_context(user);
    // Effects run only in the browser, after hydration: the attribute tells
    // end-to-end tests (and any style that cares) the page is interactive.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    // Async: the whole page arrives as HTML, so it reads and
                    // works before (or without) the WebAssembly.
                    <Route path=path!("/") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/audit") view=AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/time") view=MyWeekPage ssr=SsrMode::Async />
                    <Route path=path!("/people") view=PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/clients/:id") view=ClientDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/engagements/:id") view=EngagementDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/teams") view=TeamsPage ssr=SsrMode::Async />
                    <Route path=path!("/approvals") view=ApprovalsPage ssr=SsrMode::Async />
                    <Route path=path!("/approvals/weeks/:id") view=ApprovalWeekPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/workflows") view=WorkflowsPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/sign-in") view=SsoSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/branding") view=BrandingPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/domains") view=DomainsPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/features") view=FeaturesPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/regional") view=RegionalPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/export") view=ExportPage ssr=SsrMode::Async />
                    <Route path=path!("/expenses") view=ExpensesPage ssr=SsrMode::Async />
                    <Route path=path!("/import") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/import/:batch_id") view=ImportBatchPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/rates") view=RatesPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/rates/preview") view=RatePreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/invoices") view=InvoicesPage ssr=SsrMode::Async />
                    <Route path=path!("/invoices/:id") view=InvoiceDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/receivables") view=ReceivablesPage ssr=SsrMode::Async />
                    <Route path=path!("/reports") view=ReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/scheduled") view=pages::report_schedules::ReportSchedulesPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/reports") view=ReportSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/invoicing") view=InvoiceSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/accounting") view=AccountingSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/accounting") view=AccountingPage ssr=SsrMode::Async />
                    <Route path=path!("/i/:token") view=ClientInvoicePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
