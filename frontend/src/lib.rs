//! The browser entry point. The page already works as server-rendered HTML;
//! this makes it interactive by hydrating the same `App` the server rendered.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
