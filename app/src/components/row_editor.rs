//! Which row's editor stays open after its form has been answered.
//!
//! Rows with their own editor (a `<details>` holding forms) share one
//! action per kind of change. When the answer comes back the page's data
//! reloads, and hydration keeps the existing elements, so an editor left
//! open would stay open over the new figures. Success closes them all; a
//! failure leaves only the row that was used open, still holding what was
//! typed. Without JavaScript none of this runs: the page is simply
//! rendered again with every editor closed.

use leptos::prelude::*;

/// Row `id`'s editor: a `<details>` whose summary opens it, holding the
/// row's forms as children. `failed` says whether the latest answer to any
/// of those forms' actions was a failure. `of` names the row for screen
/// readers, where every row's summary would otherwise read the same.
#[component]
pub fn RowEditor(
    editors: RowEditors,
    id: i64,
    failed: Signal<bool>,
    summary: &'static str,
    #[prop(optional, into)] of: Option<String>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let label = of.map(|row| format!("{summary}: {row}"));
    view! {
        <details class=class prop:open=move || editors.open_after_reply(id, failed.get())>
            <summary class="cursor-pointer text-brand underline" aria-label=label>{summary}</summary>
            {children()}
        </details>
    }
}

#[derive(Clone, Copy)]
pub struct RowEditors {
    last_used: RwSignal<Option<i64>>,
}

impl Default for RowEditors {
    fn default() -> Self {
        Self { last_used: RwSignal::new(None) }
    }
}

impl RowEditors {
    /// For the `on:click` of row `id`'s submit buttons.
    pub fn mark(self, id: i64) -> impl Fn(leptos::ev::MouseEvent) + Copy + 'static {
        move |_| self.last_used.set(Some(id))
    }

    /// For row `id`'s `prop:open`, given whether the latest answer was a
    /// failure — read reactively by the caller, so this re-runs with every
    /// answer.
    pub fn open_after_reply(self, id: i64, failed: bool) -> bool {
        failed && self.last_used.get_untracked() == Some(id)
    }
}
