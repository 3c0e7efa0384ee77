//! Teams (`/teams`), for administrators: create a team with its manager,
//! rename it, hand it over or remove it, and put people in teams. The manager chain approvals follow comes from here.
//! Plain form posts, so it works before hydration.

use crate::api::teams::{AssignTeam, CreateTeam, DeleteTeam, TeamsPage as TeamsData, UpdateTeam, load_teams};
use crate::components::guard::require;
use crate::components::row_editor::{RowEditor, RowEditors};
use leptos::prelude::*;
use pespro::access::{Permission, PersonSummary, Role};
use pespro::teams::TeamView;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";

#[component]
pub fn TeamsPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageUsers, "Only the firm's administrators manage teams.") {
        return instead;
    }
    let create = ServerAction::<CreateTeam>::new();
    let assign = ServerAction::<AssignTeam>::new();
    let changes =
        TeamChanges { update: ServerAction::new(), delete: ServerAction::new(), editors: RowEditors::default() };
    let data = Resource::new(
        move || {
            (
                create.version().get(),
                assign.version().get(),
                changes.update.version().get(),
                changes.delete.version().get(),
            )
        },
        |_| load_teams(),
    );
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Teams"</h1>
        <p class="text-sm text-slate-600">"A person's manager is the manager of their team; approvals that ask for “the submitter's manager” go to them."</p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Teams data create assign changes /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Teams(
    data: TeamsData,
    create: ServerAction<CreateTeam>,
    assign: ServerAction<AssignTeam>,
    changes: TeamChanges,
) -> impl IntoView {
    let error =
        move |field: &'static str| move || create.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let assign_error = move || assign.value().get().and_then(Result::err).map(|e| e.to_string());
    let TeamsData { teams, people, memberships } = data;
    let managers: Vec<_> = people.iter().filter(|p| p.active && p.role != Role::Employee).cloned().collect();
    let team_choices: Vec<(i64, String)> = teams.iter().map(|t| (t.team_id, t.name.clone())).collect();
    let change_error = move || {
        let failed = changes.update.value().get().and_then(Result::err);
        failed.or_else(|| changes.delete.value().get().and_then(Result::err)).map(|e| e.to_string())
    };
    let list = if teams.is_empty() {
        view! { <p data-testid="teams-empty" class="mt-4 text-slate-500">"No teams yet. Create the first one below."</p> }.into_any()
    } else {
        view! {
            <ul data-testid="teams" class="mt-4 space-y-2">
                {teams.into_iter().map(|team| view! { <TeamRow team managers=managers.clone() changes /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p data-testid="team-error" role="alert" class="mt-2 min-h-5 text-sm text-red-700">{change_error}</p>
        {list}
        <ActionForm action=create attr:class="mt-4 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3">
            <div>
                <label for="team-name" class="block text-sm font-medium text-slate-700">"New team"</label>
                <input id="team-name" name="name" required autocomplete="off" class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{error("name")}</p>
            </div>
            <div>
                <label for="team-manager" class="block text-sm font-medium text-slate-700">"Manager"</label>
                <select id="team-manager" name="manager_id" class=INPUT>
                    {managers.into_iter().map(|p| view! { <option value=p.user_id.to_string()>{p.display_name}</option> }).collect_view()}
                </select>
                <p class="min-h-5 text-sm text-red-700">{error("manager_id")}</p>
            </div>
            <div class="self-center">
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Create team"</button>
            </div>
        </ActionForm>
        <h2 class="mt-6 text-lg font-semibold">"Who is in which team"</h2>
        <p role="alert" class="min-h-5 text-sm text-red-700">{assign_error}</p>
        <ul data-testid="members" class="space-y-2">
            {people.into_iter().filter(|p| p.active).map(|p| {
                let current = memberships.iter().find(|(user, _)| *user == p.user_id).map(|(_, team)| *team);
                let id = format!("team-of-{}", p.user_id);
                let options = team_choices.iter().map(|(team_id, name)| {
                    view! { <option value=team_id.to_string() selected=current == Some(*team_id)>{name.clone()}</option> }
                }).collect_view();
                view! {
                    <li>
                        <ActionForm action=assign attr:class="flex flex-wrap items-center gap-3">
                            <input type="hidden" name="user_id" value=p.user_id.to_string() />
                            <label for=id.clone() class="w-56 text-sm">{p.display_name}</label>
                            <select id=id name="team_id" class="rounded border border-slate-300 px-2 py-1.5">
                                <option value="" selected=current.is_none()>"No team"</option>
                                {options}
                            </select>
                            <button type="submit" class="rounded border border-slate-300 px-3 py-1.5 text-sm">"Save"</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Renaming, handing over and removing teams: shared by every team's row.
#[derive(Clone, Copy)]
struct TeamChanges {
    update: ServerAction<UpdateTeam>,
    delete: ServerAction<DeleteTeam>,
    editors: RowEditors,
}

impl TeamChanges {
    fn last_failed(self) -> bool {
        let failed = |r: Option<Result<(), crate::error::AppError>>| matches!(r, Some(Err(_)));
        failed(self.update.value().get()) || failed(self.delete.value().get())
    }
}

#[component]
fn TeamRow(team: TeamView, managers: Vec<PersonSummary>, changes: TeamChanges) -> impl IntoView {
    let TeamView { team_id, name, manager_id, manager, members } = team;
    let field = move |what: &str| format!("team-{team_id}-{what}");
    let used = changes.editors.mark(team_id);
    let members = if members.is_empty() { "no members yet".to_owned() } else { members.join(", ") };
    let options = managers
        .into_iter()
        .map(|p| view! { <option value=p.user_id.to_string() selected=p.user_id == manager_id>{p.display_name}</option> })
        .collect_view();
    view! {
        <li data-testid="team" class="rounded border border-slate-200 bg-white p-3">
            <span class="font-medium">{name.clone()}</span>
            {format!(" · run by {manager} · {members}")}
            <RowEditor editors=changes.editors id=team_id failed=Signal::derive(move || changes.last_failed())
                summary="Change or remove" of=name.clone() class="mt-2 text-sm">
                <ActionForm action=changes.update attr:class="mt-2 flex flex-wrap items-end gap-3">
                    <input type="hidden" name="team_id" value=team_id.to_string() />
                    <div>
                        <label for=field("name") class="block font-medium text-slate-700">"Team name"</label>
                        <input id=field("name") name="name" required autocomplete="off" value=name class=INPUT />
                    </div>
                    <div>
                        <label for=field("manager") class="block font-medium text-slate-700">"Run by"</label>
                        <select id=field("manager") name="manager_id" class=INPUT>{options}</select>
                    </div>
                    <button type="submit" on:click=used class="rounded bg-brand px-3 py-2 font-medium text-on-brand hover:opacity-90">
                        "Save team"
                    </button>
                </ActionForm>
                <ActionForm action=changes.delete attr:class="mt-2 flex items-center gap-3">
                    <input type="hidden" name="team_id" value=team_id.to_string() />
                    <button type="submit" on:click=used class="rounded border border-red-300 px-3 py-1.5 text-red-700 hover:bg-red-50">
                        "Remove team"
                    </button>
                    <span class="text-slate-600">"Its members are left in no team: approvals that need their manager go to administrators."</span>
                </ActionForm>
            </RowEditor>
        </li>
    }
    .into_any()
}
