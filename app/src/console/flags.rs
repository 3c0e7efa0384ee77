//! A firm's plan and every feature flag with its value and why, each with
//! a form to override it; on the firm's console page.

use leptos::prelude::*;
use pespro::flags::{FirmFlag, FirmFlags, FlagKind, Plan, StaffOverride, why};
use pespro::staff::MAX_REASON_CHARS;

/// The firm's plan, its resolved flags and the overrides staff set.
pub struct FlagsSection {
    pub plan: Plan,
    pub flags: FirmFlags,
    pub overrides: Vec<StaffOverride>,
}

impl FlagsSection {
    /// `may_change`: the plan form and each flag's override form are shown
    /// (the staff member's role runs firms).
    pub(super) fn view(self, slug: &str, may_change: bool) -> impl IntoView + use<> {
        let plans = Plan::ALL
            .iter()
            .map(|plan| view! { <option value=plan.as_str() selected=*plan == self.plan>{plan.label()}</option> })
            .collect_view();
        let rows = self.flags.iter().map(|flag| flag_row(slug, flag, &self.overrides, may_change)).collect_view();
        let plan_form = may_change.then(|| {
            view! {
                <form method="post" action=format!("/firms/{slug}/plan")>
                <label for="plan">"Plan"</label>
                <select id="plan" name="plan">{plans}</select>
                <label for="reason-plan">"Reason"</label>
                <textarea id="reason-plan" name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="2"></textarea>
                <p>
                    <button type="submit">"Change plan"</button>
                </p>
                </form>
            }
        });
        view! {
            <h2>"Plan and features"</h2>
            <p>{format!("Plan: {}", self.plan.label())}</p>
            {plan_form}
            <table>
                <thead>
                    <tr>
                        <th>"Flag"</th>
                        <th>"Value for this firm"</th>
                        <th>"Staff override"</th>
                        {may_change.then(|| view! { <th>"Change"</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    }
}

fn flag_row(slug: &str, flag: &FirmFlag, overrides: &[StaffOverride], may_change: bool) -> impl IntoView + use<> {
    let key = flag.definition.key;
    let current = overrides
        .iter()
        .find(|o| o.flag_key == key)
        .map_or_else(|| "None".to_owned(), |o| format!("{} — “{}” ({}, {})", o.value, o.reason, o.set_by, o.set_at));
    let (value_id, reason_id) = (format!("value-{key}"), format!("reason-flag-{key}"));
    let input = match flag.definition.kind {
        FlagKind::Switch => view! {
            <select id=value_id.clone() name="value">
                <option value="on">"On"</option>
                <option value="off">"Off"</option>
            </select>
        }
        .into_any(),
        FlagKind::Limit => {
            view! { <input id=value_id.clone() name="value" placeholder="a number or unlimited" /> }.into_any()
        }
    };
    view! {
        <tr>
            <td>
                <strong>{key}</strong>
                <br />
                {flag.definition.description}
            </td>
            <td>
                {flag.resolved.value.to_string()}
                <br />
                <small>{why(&flag.resolved)}</small>
            </td>
            <td>{current}</td>
            {may_change.then(|| view! {
            <td>
                <form method="post" action=format!("/firms/{slug}/flags")>
                    <input type="hidden" name="flag" value=key />
                    <label for=value_id>"Override"</label>
                    {input}
                    <label for=reason_id.clone()>"Reason"</label>
                    <textarea id=reason_id name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="2"></textarea>
                    <p>
                        <button type="submit" name="action" value="set">"Set override"</button>
                        " "
                        <button type="submit" name="action" value="clear">"Clear override"</button>
                    </p>
                </form>
            </td>
            })}
        </tr>
    }
}
