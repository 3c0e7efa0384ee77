//! Timesheet approval through the server functions the pages use, against
//! real PostgreSQL: submitting, the inbox, approving and sending back,
//! locking, unlocking, policy versions, and the refusals — self-approval,
//! the same person twice, employees, and another firm's timesheet ids.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;

pub(crate) const HOST: &str = "alpha.localhost";
pub(crate) const WEEK: &str = "2026-W48";
pub(crate) const MONDAY: &str = "2026-11-23";

/// Alpha: Avery (admin) runs "Partners", where Morgan (manager) is; Morgan
/// runs "Delivery", where Emery (employee) is. Max is another manager.
pub(crate) struct Firm {
    pub(crate) test: TestDb,
    pub(crate) app: TestApp,
    pub(crate) engagement: i64,
    pub(crate) avery: String,
    pub(crate) morgan: String,
    pub(crate) max: String,
    pub(crate) emery: String,
}

pub(crate) async fn firm() -> Firm {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let avery = test.create_person("alpha", "avery@alpha.example", Role::Admin).await;
    let morgan = test.create_person("alpha", "morgan@alpha.example", Role::Manager).await;
    test.create_person("alpha", "max@alpha.example", Role::Manager).await;
    let emery = test.create_person("alpha", "emery@alpha.example", Role::Employee).await;
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    let engagement: i64 = sqlx::query_scalar(&format!(
        "with c as (insert into {schema}.clients (name) values ('Acme Ltd') returning client_id)
         insert into {schema}.engagements (client_id, code, name) select client_id, 'E1', 'Audit' from c
         returning engagement_id"
    ))
    .fetch_one(&mut conn)
    .await
    .unwrap();
    for (team, manager, member) in [("Partners", avery, morgan), ("Delivery", morgan, emery)] {
        sqlx::query(&format!(
            "with t as (insert into {schema}.teams (name, manager_id) values ($1, $2) returning team_id)
             insert into {schema}.team_members (user_id, team_id) select $3, team_id from t"
        ))
        .bind(team)
        .bind(manager)
        .bind(member)
        .execute(&mut conn)
        .await
        .unwrap();
    }
    let app = TestApp::start(&test).await;
    let sign_in = async |email: &str| app.sign_in(HOST, email, PASSWORD).await.unwrap();
    let (avery, morgan, max, emery) = (
        sign_in("avery@alpha.example").await,
        sign_in("morgan@alpha.example").await,
        sign_in("max@alpha.example").await,
        sign_in("emery@alpha.example").await,
    );
    Firm { test, app, engagement, avery, morgan, max, emery }
}

impl Firm {
    pub(crate) async fn post(&self, path: &str, body: &str, who: &str) -> crate::helpers::Response {
        self.app.request(call(HOST, path, body, who)).await
    }

    /// Saves the timesheet policy as `rows` (`kind,threshold,count,role,scope`).
    pub(crate) async fn policy(&self, rows: &[&str]) -> crate::helpers::Response {
        self.save_or_try(rows, "save").await
    }

    async fn save_or_try(&self, rows: &[&str], intent: &str) -> crate::helpers::Response {
        let mut body = format!("form[kind]=timesheet&form[intent]={intent}&form[example_hours]=12");
        for (i, row) in rows.iter().enumerate() {
            let mut parts = row.split(',');
            for field in ["kind", "threshold", "count", "role", "scope"] {
                body.push_str(&format!("&form[rules][{i}][{field}]={}", parts.next().unwrap_or("")));
            }
        }
        self.post("/api/save_workflow", &body.replace('[', "%5B").replace(']', "%5D"), &self.avery).await
    }

    pub(crate) async fn log(&self, who: &str, date: &str, duration: &str) -> crate::helpers::Response {
        let body =
            format!("engagement_id={}&work_date={date}&duration={duration}&notes=Work&billable=true", self.engagement);
        self.post("/api/log_time", &body, who).await
    }

    pub(crate) async fn submit(&self, who: &str) -> crate::helpers::Response {
        self.post("/api/submit_week", &format!("week={WEEK}"), who).await
    }

    pub(crate) async fn inbox(&self, who: &str) -> serde_json::Value {
        let inbox = self.post("/api/load_inbox", "", who).await;
        assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.body);
        serde_json::from_str(&inbox.body).unwrap()
    }

    pub(crate) async fn decide(&self, who: &str, id: i64, decision: &str, comment: &str) -> crate::helpers::Response {
        self.post("/api/decide_timesheet", &format!("timesheet_id={id}&decision={decision}&comment={comment}"), who)
            .await
    }

    async fn entry_statuses(&self) -> Vec<String> {
        let schema = self.test.schema_of("alpha").await;
        sqlx::query_scalar(&format!("select distinct status from {schema}.time_entries order by 1"))
            .fetch_all(&mut self.test.raw().await)
            .await
            .unwrap()
    }
}

pub(crate) fn first_id(inbox: &serde_json::Value) -> i64 {
    inbox["waiting"][0]["timesheet_id"].as_i64().expect("a waiting timesheet")
}

#[tokio::test]
async fn a_week_goes_to_the_submitter_s_manager_and_locks_once_approved() {
    let f = firm().await;
    assert_eq!(f.policy(&["manager"]).await.status, StatusCode::OK);
    f.log(&f.emery, MONDAY, "8h").await;

    let submitted = f.submit(&f.emery).await;
    let late = f.log(&f.emery, "2026-11-24", "1h").await;
    let morgan_inbox = f.inbox(&f.morgan).await;
    let avery_inbox = f.inbox(&f.avery).await;
    let approved = f.decide(&f.morgan, first_id(&morgan_inbox), "approve", "").await;

    assert_eq!(submitted.body, "\"Submitted\"");
    assert!(late.body.contains("\"field\":\"work_date\"") && late.body.contains("submitted"), "{}", late.body);
    assert!(morgan_inbox["waiting"][0]["step"].as_str().unwrap().contains("submitter's manager"));
    let entries = morgan_inbox["waiting"][0]["entries"].as_array().expect("the week's entries on the card");
    assert_eq!(
        (entries.len(), &entries[0]["entry"]["minutes"], &entries[0]["entry"]["work_date"]),
        (1, &serde_json::json!(480), &serde_json::json!([2026, 327]))
    );
    assert_eq!(avery_inbox["waiting"], serde_json::json!([]), "the step names Morgan, not any manager");
    assert_eq!(approved.body, "\"Approved\"");
    assert_eq!(f.entry_statuses().await, vec!["approved"]);
    assert_eq!(f.inbox(&f.morgan).await["waiting"], serde_json::json!([]));
}

#[tokio::test]
async fn a_rule_for_one_client_is_described_by_the_client_s_name() {
    let f = firm().await;
    let schema = f.test.schema_of("alpha").await;
    let client: i64 = sqlx::query_scalar(&format!("select client_id from {schema}.clients"))
        .fetch_one(&mut f.test.raw().await)
        .await
        .unwrap();

    let saved = f.policy(&[format!("manager,,,,client:{client}").as_str()]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let inbox = f.inbox(&f.morgan).await;

    assert!(saved.body.contains("only for client Acme Ltd"), "{}", saved.body);
    let step = inbox["waiting"][0]["step"].as_str().unwrap();
    assert!(step.contains("(only for client Acme Ltd)") && !step.contains('#'), "{step}");
}

#[tokio::test]
async fn two_approvals_need_two_different_people() {
    let f = firm().await;
    f.policy(&["approvals,,2,manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);

    let first = f.decide(&f.morgan, id, "approve", "").await;
    let again = f.decide(&f.morgan, id, "approve", "").await;
    let second = f.decide(&f.max, id, "approve", "").await;

    assert_eq!(first.body, "\"Submitted\"", "one of two approvals");
    assert!(again.body.contains("already approved"), "{}", again.body);
    assert_eq!(second.body, "\"Approved\"");
}

#[tokio::test]
async fn a_short_week_is_approved_on_submission_and_a_long_one_waits() {
    let f = firm().await;
    f.policy(&["auto_hours,10", "manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.log(&f.morgan, MONDAY, "11h").await;

    let short = f.submit(&f.emery).await;
    let long = f.submit(&f.morgan).await;

    assert_eq!(short.body, "\"Approved\"");
    assert_eq!(long.body, "\"Submitted\"");
    let avery_inbox = f.inbox(&f.avery).await;
    assert_eq!(avery_inbox["waiting"].as_array().unwrap().len(), 1, "Morgan's week goes to Avery, her manager");
}

#[tokio::test]
async fn the_submitter_cannot_approve_their_own_week() {
    let f = firm().await;
    f.policy(&["approvals,,1,manager"]).await;
    f.log(&f.morgan, MONDAY, "8h").await;
    f.submit(&f.morgan).await;
    let id = first_id(&f.inbox(&f.max).await);

    let own = f.decide(&f.morgan, id, "approve", "").await;

    assert!(own.body.contains("your own"), "{}", own.body);
    assert_eq!(f.inbox(&f.morgan).await["waiting"], serde_json::json!([]), "nor see it in the inbox");
}

#[tokio::test]
async fn sending_back_needs_a_reason_and_reopens_the_week_for_a_new_round() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);

    let silent = f.decide(&f.morgan, id, "reject", "").await;
    let rejected = f.decide(&f.morgan, id, "reject", "Tuesday%20is%20missing").await;
    let fixed = f.log(&f.emery, "2026-11-24", "7h").await;
    let resubmitted = f.submit(&f.emery).await;
    let week = f.post("/api/my_week", &format!("week={WEEK}"), &f.emery).await;

    assert!(silent.body.contains("\"field\":\"comment\""), "{}", silent.body);
    assert_eq!(rejected.body, "\"Rejected\"");
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    assert_eq!(resubmitted.body, "\"Submitted\"");
    assert!(week.body.contains("Tuesday is missing"), "the decision stays in the history: {}", week.body);
    assert_eq!(f.inbox(&f.morgan).await["waiting"][0]["minutes"], 900, "the new round waits for Morgan again");
}

#[tokio::test]
async fn an_admin_unlocks_an_approved_week_with_a_reason_that_is_audited() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);
    f.decide(&f.morgan, id, "approve", "").await;

    let by_manager = f.post("/api/unlock_timesheet", &format!("timesheet_id={id}&reason=typo"), &f.morgan).await;
    let no_reason = f.post("/api/unlock_timesheet", &format!("timesheet_id={id}&reason=%20"), &f.avery).await;
    let unlocked = f.post("/api/unlock_timesheet", &format!("timesheet_id={id}&reason=Wrong%20client"), &f.avery).await;
    let relogged = f.log(&f.emery, MONDAY, "1h").await;

    assert_eq!(by_manager.body, "\"Forbidden\"");
    assert!(no_reason.body.contains("\"field\":\"reason\""), "{}", no_reason.body);
    assert_eq!(unlocked.status, StatusCode::OK, "{}", unlocked.body);
    assert_eq!(relogged.status, StatusCode::OK, "{}", relogged.body);
    let schema = f.test.schema_of("alpha").await;
    let (action, detail): (String, String) = sqlx::query_as(&format!(
        "select action, detail from {schema}.audit_events where action = 'timesheet.unlocked'"
    ))
    .fetch_one(&mut f.test.raw().await)
    .await
    .unwrap();
    assert_eq!((action.as_str(), detail.as_str()), ("timesheet.unlocked", "Wrong client"));
}

#[tokio::test]
async fn a_submitted_week_keeps_the_policy_version_it_was_submitted_under() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);

    let stricter = f.policy(&["approvals,,3,manager"]).await;
    let approved = f.decide(&f.morgan, id, "approve", "").await;

    assert!(stricter.body.contains("\"saved_version\":3"), "{}", stricter.body);
    assert_eq!(approved.body, "\"Approved\"", "version 2 asked for Morgan only");
}

#[tokio::test]
async fn a_policy_with_errors_is_refused_with_its_rule_number_and_try_saves_nothing() {
    let f = firm().await;

    let zero = f.policy(&["manager", "approvals,,0,manager"]).await;
    let unreadable = f.policy(&["auto_hours,soon"]).await;
    let tried = f.save_or_try(&["auto_hours,10", "manager"], "try").await;
    let settings = f.post("/api/workflow_settings", "", &f.avery).await;

    assert!(zero.body.contains("\"field\":\"rules\"") && zero.body.contains("Rule 2"), "{}", zero.body);
    assert!(unreadable.body.contains("Rule 1: hours"), "{}", unreadable.body);
    assert!(tried.body.contains("\"saved_version\":null"), "{}", tried.body);
    assert!(tried.body.contains("would need one approval step"), "12 hours is not below 10: {}", tried.body);
    assert!(settings.body.contains("\"version\":1"), "still the default: {}", settings.body);
}

#[tokio::test]
async fn employees_may_not_approve_or_change_workflows() {
    let f = firm().await;

    let inbox = f.post("/api/load_inbox", "", &f.emery).await;
    let decide = f.decide(&f.emery, 1, "approve", "").await;
    let settings = f.post("/api/workflow_settings", "", &f.emery).await;
    let save = f.post("/api/save_workflow", "form%5Bkind%5D=timesheet", &f.morgan).await;

    for refused in [inbox, decide, settings, save] {
        assert_eq!(refused.body, "\"Forbidden\"");
    }
}

#[tokio::test]
async fn another_firm_s_timesheet_id_is_not_found() {
    let f = firm().await;
    f.test.create_firm("beta").await;
    f.test.create_person("beta", "bo@beta.example", Role::Employee).await;
    let schema = f.test.schema_of("beta").await;
    let beta_sheet: i64 = sqlx::query_scalar(&format!(
        "insert into {schema}.timesheets (user_id, week_start, status, policy_version, round, minutes)
         select user_id, '2026-11-23', 'submitted', 1, 1, 60 from {schema}.users returning timesheet_id"
    ))
    .fetch_one(&mut f.test.raw().await)
    .await
    .unwrap();

    let decide = f.decide(&f.morgan, beta_sheet, "approve", "").await;
    let unlock = f.post("/api/unlock_timesheet", &format!("timesheet_id={beta_sheet}&reason=x"), &f.avery).await;

    assert_eq!(decide.body, "\"NotFound\"");
    assert_eq!(unlock.body, "\"NotFound\"");
}

#[tokio::test]
async fn a_plan_without_multi_step_approvals_refuses_to_save_a_second_step_but_lets_it_be_tried() {
    let test = fresh_database().await;
    let firm = test.create_firm("alpha").await;
    pespro::flags::set_plan(&test.db, firm.id, pespro::flags::Plan::Starter).await.unwrap();
    test.create_person("alpha", "avery@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let avery = app.sign_in(HOST, "avery@alpha.example", PASSWORD).await.unwrap();
    let post = async |intent: &str, second: &str| {
        let body = format!(
            "form[kind]=timesheet&form[intent]={intent}&form[rules][0][kind]=manager&form[rules][1][kind]={second}"
        );
        app.request(call(HOST, "/api/save_workflow", &body.replace('[', "%5B").replace(']', "%5D"), &avery)).await
    };

    let two_steps = post("save", "managers_manager").await;
    let tried = post("try", "managers_manager").await;
    let one_step = post("save", "").await;

    assert!(two_steps.body.contains("PlanLimit"), "{}", two_steps.body);
    assert!(tried.body.contains("\"saved_version\":null"), "{}", tried.body);
    assert!(one_step.body.contains("\"saved_version\":2"), "{}", one_step.body);
}

#[tokio::test]
async fn expenses_go_through_the_same_engine_with_their_amount_as_the_measure() {
    let f = firm().await;
    let rows = "form[kind]=expense&form[intent]=save&form[rules][0][kind]=auto_amount&form[rules][0][threshold]=100&form[rules][1][kind]=manager";
    let saved = f.post("/api/save_workflow", &rows.replace('[', "%5B").replace(']', "%5D"), &f.avery).await;
    let schema = f.test.schema_of("alpha").await;
    let expense = async |user: &str, amount: i64| -> i64 {
        sqlx::query_scalar(&format!(
            "insert into {schema}.expenses (user_id, engagement_id, spent_on, amount_minor, currency, category)
             select user_id, $2, '2026-11-20', $3, 'USD', 'travel' from {schema}.users where email = $1
             returning expense_id"
        ))
        .bind(user)
        .bind(f.engagement)
        .bind(amount)
        .fetch_one(&mut f.test.raw().await)
        .await
        .unwrap()
    };
    let small = expense("emery@alpha.example", 5_000).await;
    let large = expense("emery@alpha.example", 25_000).await;
    let morgans = expense("morgan@alpha.example", 1_000).await;

    let small_state = f.post("/api/submit_expense", &format!("expense_id={small}"), &f.emery).await;
    let large_state = f.post("/api/submit_expense", &format!("expense_id={large}"), &f.emery).await;
    let not_mine = f.post("/api/submit_expense", &format!("expense_id={morgans}"), &f.emery).await;
    let inbox = f.inbox(&f.morgan).await;
    let by_employee =
        f.post("/api/decide_expense", &format!("expense_id={large}&decision=approve&comment="), &f.emery).await;
    let approved =
        f.post("/api/decide_expense", &format!("expense_id={large}&decision=approve&comment="), &f.morgan).await;

    assert!(saved.body.contains("\"saved_version\":2"), "{}", saved.body);
    assert_eq!(small_state.body, "\"Approved\"", "50.00 is below 100.00");
    assert_eq!(large_state.body, "\"Submitted\"");
    assert_eq!(not_mine.body, "\"NotFound\"", "only one's own expenses are submitted");
    assert_eq!(inbox["expenses"].as_array().unwrap().len(), 1, "{inbox}");
    assert!(inbox["expenses"][0]["summary"].as_str().unwrap().contains("250.00 USD"), "{inbox}");
    assert_eq!(by_employee.body, "\"Forbidden\"");
    assert_eq!(approved.body, "\"Approved\"");
}
