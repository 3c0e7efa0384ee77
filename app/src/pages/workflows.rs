//! Workflow settings (`/settings/workflows`): the firm's approval rules for
//! each kind of document, as an ordered list of typed rule rows. Two empty
//! rows are always offered, which is how a rule is added without JavaScript;
//! choosing "no rule" removes one. "Try" runs the rules against an example
//! and saves nothing; "Save" stores them as the next version, which only
//! documents submitted from then on use.
//!
//! Without JavaScript, "Try it" is a GET of this page with the form in the
//! address: the page tries what it finds there and shows those rows again,
//! so a trial neither saves nor loses anything typed.

use crate::api::workflows::{
    PolicyForm, PolicyOutcome, SaveWorkflow, WorkflowSettings, load_workflow_settings, save_workflow,
};
use crate::components::guard::require;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use pespro::access::{Permission, Role};
use pespro::workflow::{DocumentKind, RULE_KINDS, RuleForm};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";
const EMPTY_ROWS: usize = 2;
/// More rows than any policy has; bounds what an address can make us read.
const MAX_ROWS: usize = 50;

/// The form as a "Try it" without JavaScript left it in the address, in
/// the same `form[...]` names the post uses.
fn tried_form(query: &ParamsMap) -> Option<PolicyForm> {
    let get = |key: &str| query.get(key).unwrap_or_default();
    if get("form[intent]") != "try" {
        return None;
    }
    let rules = (0..MAX_ROWS)
        .map_while(|i| {
            let field = |name: &str| query.get(&format!("form[rules][{i}][{name}]"));
            Some(RuleForm {
                kind: field("kind")?,
                threshold: field("threshold").unwrap_or_default(),
                currency: field("currency").unwrap_or_default(),
                count: field("count").unwrap_or_default(),
                role: field("role").unwrap_or_default(),
                scope: field("scope").unwrap_or_default(),
            })
        })
        .filter(|row| !row.kind.is_empty())
        .collect();
    Some(PolicyForm {
        kind: get("form[kind]"),
        rules,
        example_person: get("form[example_person]"),
        example_hours: get("form[example_hours]"),
        example_amount: get("form[example_amount]"),
        example_currency: get("form[example_currency]"),
        intent: "try".into(),
    })
}

/// A trial from the address: the form tried, and what trying it said.
type Tried = Option<(PolicyForm, Result<PolicyOutcome, AppError>)>;

#[component]
pub fn WorkflowsPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, "Only the firm's administrators change workflows.") {
        return instead;
    }
    let save = ServerAction::<SaveWorkflow>::new();
    let query = use_query_map();
    let saved_version = move || save.value().get().and_then(Result::ok).and_then(|o| o.saved_version);
    let settings = Resource::new(
        move || (query.with(|q| q.get("kind").or_else(|| q.get("form[kind]"))), saved_version()),
        |(kind, _)| load_workflow_settings(kind),
    );
    let tried = Resource::new(
        move || query.with(tried_form),
        |form| async move {
            match form {
                Some(form) => Some((form.clone(), save_workflow(form).await)),
                None => None,
            }
        },
    );
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Approval workflows"</h1>
        <nav aria-label="Kinds of document" class="mt-2 flex gap-4 text-sm">
            {[DocumentKind::Timesheet, DocumentKind::Expense, DocumentKind::Invoice].map(|k| view! {
                <a class="text-brand underline" href=format!("/settings/workflows?kind={}", k.label())>{capitalised(k.label())}"s"</a>
            }).collect_view()}
        </nav>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let tried = tried.await;
                match settings.await {
                    Ok(settings) => view! { <Editor settings save tried /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[component]
fn Editor(settings: WorkflowSettings, save: ServerAction<SaveWorkflow>, tried: Tried) -> impl IntoView {
    let WorkflowSettings { kind, version, mut rows, sentences, warnings, scopes, people } = settings;
    let (tried_form, tried_result) = match tried {
        Some((form, result)) if form.kind == kind.label() => (Some(form), Some(result)),
        _ => (None, None),
    };
    let example = tried_form.clone().unwrap_or_else(|| PolicyForm {
        example_hours: "12".into(),
        example_amount: "0".into(),
        ..PolicyForm::default()
    });
    if let Some(form) = tried_form {
        rows = form.rules;
    }
    rows.extend(std::iter::repeat_n(RuleForm::default(), EMPTY_ROWS));
    let posted = save.value();
    // What the last post said, else what the trial in the address said.
    let result = Signal::derive(move || posted.get().or_else(|| tried_result.clone()));
    let outcome = move || result.get().and_then(Result::ok);
    let error = move |field: &'static str| move || result.get().and_then(Result::err).and_then(|e| e.for_field(field));
    let other_error = move || {
        result
            .get()
            .and_then(Result::err)
            .filter(|e| !matches!(e, crate::error::AppError::Validation { .. }))
            .map(|e| e.to_string())
    };
    view! {
        <section class="mt-4">
            <h2 class="font-semibold">{format!("Current {} policy (version {version})", kind.label())}</h2>
            <ol data-testid="current-rules" class="mt-1 list-decimal pl-6 text-sm">
                {sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ol>
            <ul class="mt-1 text-sm text-amber-800">{warnings.into_iter().map(|w| view! { <li>{format!("Warning: {w}")}</li> }).collect_view()}</ul>
        </section>
        <ActionForm action=save attr:class="mt-4 space-y-3 rounded border border-slate-200 bg-white p-4">
            <input type="hidden" name="form[kind]" value=kind.label() />
            <p class="text-sm text-slate-600">"Rules are read from top to bottom. Leave a row on “no rule” to remove it."</p>
            {rows.into_iter().enumerate().map(|(i, row)| view! { <RuleRow i row scopes=scopes.clone() /> }).collect_view()}
            <p id="rules-error" role="alert" class="min-h-5 text-sm text-red-700">{error("rules")}</p>
            <fieldset class="grid gap-3 sm:grid-cols-4">
                <legend class="text-sm font-medium text-slate-700">"Example to try"</legend>
                <label class="text-sm">"Submitted by"
                    <select name="form[example_person]" class=INPUT>
                        {people.into_iter().map(|(id, name)| {
                            let selected = example.example_person == id.to_string();
                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="text-sm">"Example hours" <input name="form[example_hours]" value=example.example_hours class=INPUT /></label>
                <label class="text-sm">"Example amount" <input name="form[example_amount]" value=example.example_amount class=INPUT /></label>
                // Timesheets have no amount, hence no currency to try.
                {(kind != DocumentKind::Timesheet).then(|| view! {
                    <label class="text-sm">"Example currency"
                        <input name="form[example_currency]" value=example.example_currency.clone() class=INPUT
                            placeholder="The firm's" maxlength="3" autocomplete="off" />
                    </label>
                })}
            </fieldset>
            <p class="min-h-5 text-sm text-red-700">{error("example_hours")}{error("example_amount")}{error("example_currency")}</p>
            <div class="flex gap-3">
                <button type="submit" name="form[intent]" value="try" formmethod="get" formaction="/settings/workflows"
                    class="rounded border border-slate-300 px-4 py-2 font-medium">"Try it"</button>
                <button type="submit" name="form[intent]" value="save" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Save as a new version"
                </button>
            </div>
            <p role="alert" class="min-h-5 text-sm text-red-700">{other_error}</p>
        </ActionForm>
        {move || outcome().map(|o| view! {
            <section data-testid="trial" class="mt-4 rounded border border-slate-200 bg-slate-50 p-4 text-sm">
                {o.saved_version.map(|v| view! { <p role="status" class="font-medium text-green-700">{format!("Saved as version {v}.")}</p> })}
                <p class="font-medium">{o.verdict}</p>
                <ol class="mt-1 list-decimal pl-6">{o.trial.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ol>
                <ul class="mt-1 text-amber-800">{o.warnings.into_iter().map(|w| view! { <li>{format!("Warning: {w}")}</li> }).collect_view()}</ul>
            </section>
        })}
    }
}

#[component]
fn RuleRow(i: usize, row: RuleForm, scopes: Vec<(String, String)>) -> impl IntoView {
    let name = move |field: &str| format!("form[rules][{i}][{field}]");
    let number = i + 1;
    let kinds = RULE_KINDS
        .iter()
        .map(|(value, label)| view! { <option value=*value selected=row.kind == *value>{*label}</option> })
        .collect_view();
    let roles = Role::ALL
        .map(|r| view! { <option value=r.as_str() selected=row.role == r.as_str()>{r.label()}</option> })
        .collect_view();
    let scopes = scopes
        .into_iter()
        .map(|(value, label)| {
            let selected = row.scope == value;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <fieldset data-testid="rule-row" class="grid gap-2 border-t border-slate-100 pt-2 sm:grid-cols-12">
            <legend class="sr-only">{format!("Rule {number}")}</legend>
            <label class="text-sm sm:col-span-4">{format!("Rule {number}")}
                <select name=name("kind") class=INPUT>
                    <option value="" selected=row.kind.is_empty()>"— no rule —"</option>
                    {kinds}
                </select>
            </label>
            <label class="text-sm sm:col-span-2">"Below (hours or amount)"
                <input name=name("threshold") value=row.threshold class=INPUT autocomplete="off" />
            </label>
            // Empty means any currency; only amounts have one.
            <label class="text-sm sm:col-span-1">"Currency"
                <input name=name("currency") value=row.currency class=INPUT placeholder="Any" maxlength="3" autocomplete="off" />
            </label>
            <label class="text-sm sm:col-span-1">"Approvals"
                <input name=name("count") value=row.count class=INPUT inputmode="numeric" autocomplete="off" />
            </label>
            <label class="text-sm sm:col-span-2">"Role"
                <select name=name("role") class=INPUT><option value="">"—"</option>{roles}</select>
            </label>
            <label class="text-sm sm:col-span-2">"Only for"
                <select name=name("scope") class=INPUT><option value="">"Everything"</option>{scopes}</select>
            </label>
        </fieldset>
    }
}
