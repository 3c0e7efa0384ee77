//! A wide table on a narrow screen. Instead of the whole page scrolling
//! sideways (and the header with it), the table scrolls inside its own
//! region with its first column kept in view, so each row stays readable
//! on a phone. The region is named and focusable, so it can be scrolled
//! from the keyboard too.

use leptos::prelude::*;

#[component]
pub fn ScrollRegion(
    /// What the table lists, read out when the region takes the focus.
    label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="scroll-region" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
