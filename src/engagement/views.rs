//! What the client and engagement pages show, as plain data for the browser.

use super::{Burn, ClientForm, EngagementForm};
use crate::money::Minutes;
use crate::overview::EngagementOverview;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientPage {
    pub client_id: i64,
    /// The stored values, as the edit form shows them.
    pub form: ClientForm,
    pub archived: bool,
    /// Code, taxes and invoice notes, with the firm's rates to choose from.
    pub invoicing: crate::client_invoicing::ClientInvoicingView,
    pub contacts: Vec<crate::contact::ContactView>,
    pub engagements: Vec<EngagementOverview>,
    /// The add-contact form as a refused post held it: filled in by the
    /// page's loader from the person's session, never stored.
    pub typed_contact: Option<crate::contact::ContactForm>,
    /// What the page opens on: time per engagement, what waits to be invoiced.
    pub summary: super::summary::ClientSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementPage {
    pub engagement_id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub form: EngagementForm,
    pub logged: Minutes,
    pub burn: Option<Burn>,
    /// Active people, (user id, name), for the owner and member choices.
    pub people: Vec<(i64, String)>,
    /// What the page opens on, before its edit form.
    pub summary: super::summary::EngagementSummary,
}
