//! The signed-in person's firm formats, for any component that writes a
//! date or an amount: read from the page's `CurrentUser` (the server put
//! them there, so the browser writes what the server wrote); signed-out
//! pages use the defaults.

use leptos::prelude::*;
use pespro::access::CurrentUser;
use pespro::formats::Formats;

pub fn use_formats() -> Formats {
    use_context::<Option<CurrentUser>>().flatten().map(|user| user.formats).unwrap_or_default()
}
