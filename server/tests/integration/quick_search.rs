//! Quick search through the server function and the page: clients and
//! engagements by name or code for everyone in the firm, people only for
//! those who manage them, typed wildcards taken literally, and never a
//! thing of another firm's.

use crate::helpers::{TestApp, call};
use crate::invoice_fixture::firm;
use crate::invoice_server_fns::{host, signed_in};
use pespro::search::Found;

#[tokio::test]
async fn clients_engagements_and_people_are_found_in_this_firm_only() {
    let firm = firm("alpha").await;
    firm.test.create_firm("beta").await;
    let beta = firm.test.schema_of("beta").await;
    sqlx::query(&format!("insert into {beta}.clients (name) values ('Acme Beta Secret')"))
        .execute(&mut firm.test.raw().await)
        .await
        .unwrap();
    let app = TestApp::start(&firm.test).await;
    let (mia, ada) = (signed_in(&app, &firm, "mia").await, signed_in(&app, &firm, "ada").await);
    let search = async |who: &str, q: &str| -> Found {
        let response = app.request(call(&host(&firm), "/api/quick_search", &format!("q={q}"), who)).await;
        serde_json::from_str(&response.body).expect(&response.body)
    };

    let acme = search(&mia, "ACME").await;
    let by_code = search(&mia, "ac-1").await;
    let people_for_manager = search(&mia, "pat").await;
    let people_for_admin = search(&ada, "pat").await;
    let wildcard = search(&ada, "%25").await;
    let blank = search(&ada, "+++").await;
    let page = app.get_with(&host(&firm), "/search?q=acme", &mia).await;

    let clients: Vec<&str> = acme.clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(clients, ["Acme Ltd"], "never another firm's Acme");
    assert_eq!(by_code.engagements.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(), ["AC-1"]);
    assert_eq!(by_code.engagements[0].client_name, "Acme Ltd");
    assert!(people_for_manager.people.is_empty(), "managers do not manage people");
    assert_eq!(people_for_admin.people.iter().map(|p| p.email.as_str()).collect::<Vec<_>>(), ["pat@alpha.example"]);
    assert!(wildcard.is_empty(), "a typed % is looked for as itself: {wildcard:?}");
    assert_eq!(blank, Found::default());
    assert!(page.body.contains("Acme Ltd") && page.body.contains("search-results"), "rendered on the server");
}
