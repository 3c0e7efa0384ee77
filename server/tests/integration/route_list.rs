//! Pages keep loading their data while routers are built elsewhere in the
//! process. Building a router used to generate Leptos' route list each
//! time, and generating it switches resource loading off *process-wide*
//! while it runs: a page whose data began loading in that moment waited
//! forever (leptos issue #4773). The suite builds many apps at once, so this
//! was its intermittent hang; here it is forced, on purpose.

use crate::helpers::{PASSWORD, TestApp, fresh_database};
use crate::my_week::engagements;
use axum::http::StatusCode;
use pespro::access::Role;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const HOST: &str = "alpha.localhost";

/// Stops the router builder however the test ends: a failing request
/// panics, and the runtime would otherwise wait for the builder forever.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_gets_its_data_while_routers_are_built_on_another_thread() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    engagements(&test, "alpha", 1).await;
    let app = Arc::new(TestApp::start(&test).await);
    let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    let stop = StopOnDrop(Arc::new(AtomicBool::new(false)));
    let builder = tokio::task::spawn_blocking({
        let (app, stop) = (Arc::clone(&app), Arc::clone(&stop.0));
        move || {
            let mut built = 0;
            while !stop.load(Ordering::Relaxed) {
                drop(app.app.router());
                built += 1;
            }
            built
        }
    });

    let mut pages = Vec::new();
    for _ in 0..20 {
        pages.push(app.get_with(HOST, "/time?week=2026-W48", &emma).await);
    }
    drop(stop);
    let built = builder.await.unwrap();

    assert!(built > 0, "routers were built meanwhile");
    for page in pages {
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("E1 Annual audit"), "the week's data arrived: {}", page.body);
    }
}
