//! A form whose save went through is emptied; one whose save was refused
//! keeps what was typed.
//!
//! Why this is needed at all: once hydrated, a page that reloads its data
//! after an action is rebuilt in place, so its `<form>` and `<input>`
//! elements survive, and with them whatever was typed. Left alone, pressing
//! Enter again would save the same entries a second time. Without
//! JavaScript the browser loads a fresh page after a save, so the form is
//! empty there already.
//!
//! Underneath is "an action answered anew" (`on_new_answer`), which pages
//! with several actions also use to let only the last one's message show.

use leptos::html::Form;
use leptos::prelude::*;

/// A reference to give the form (`node_ref=`): the form is reset to its
/// initial values when the action answers anew (`answers`, its version)
/// and the answer is a success (`saved`).
pub fn cleared_when_saved(answers: impl Fn() -> usize + 'static, saved: impl Fn() -> bool + 'static) -> NodeRef<Form> {
    let form = NodeRef::<Form>::new();
    on_new_answer(answers, move || {
        if saved()
            && let Some(form) = form.get_untracked()
        {
            form.reset();
        }
    });
    form
}

/// Runs `then` each time an action answers anew (`answers`, its version
/// moving on), never for an answer given before this was set up: a page
/// rebuilt after some other action sets this up again, and a success from
/// before must not wipe what was typed since (or speak again).
pub fn on_new_answer(answers: impl Fn() -> usize + 'static, then: impl Fn() + 'static) {
    Effect::new(move |seen: Option<usize>| {
        let now = answers();
        if seen.is_some_and(|seen| seen != now) {
            then();
        }
        now
    });
}
