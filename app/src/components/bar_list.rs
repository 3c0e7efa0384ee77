//! Horizontal bars, one per named thing (a person, an engagement, an age
//! of unbilled work), drawn on the server as SVG so they show without
//! JavaScript and print: the name on the left, the bar, the value written
//! on the right, an optional reference line (100 % of a budget), and the
//! numbers again in a table behind a toggle for those who cannot see it.

use leptos::prelude::*;

/// One bar: what it is, its size, the value as the page writes it, and
/// whether to draw it in the alarm colour (over budget, long unbilled).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedBar {
    pub name: String,
    pub value: f64,
    pub shown: String,
    pub alarm: bool,
}

const WIDTH: f64 = 640.0;
const ROW: f64 = 26.0;
const NAME: f64 = 220.0;
const VALUE: f64 = 110.0;
/// Characters of a name the chart has room for; the rest is in its tooltip.
const NAME_CHARS: usize = 27;

fn shortened(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_owned();
    }
    let kept: String = name.chars().take(NAME_CHARS - 1).collect();
    format!("{kept}…")
}

/// `mark` draws a dashed line at that value, labelled `mark_label`.
#[component]
pub fn BarList(
    caption: String,
    /// Head of the table's value column ("Utilization", "Used").
    value_name: &'static str,
    bars: Vec<NamedBar>,
    #[prop(optional)] mark: Option<(f64, &'static str)>,
) -> AnyView {
    let top = bars.iter().map(|bar| bar.value).chain(mark.map(|(at, _)| at)).fold(0.0, f64::max);
    let span = WIDTH - NAME - VALUE;
    let scale = if top > 0.0 { span / top } else { 0.0 };
    let height = ROW * bars.len().max(1) as f64 + 18.0;
    let summary = format!("{caption}: {} bars", bars.len());
    let rows = bars
        .iter()
        .enumerate()
        .map(|(index, bar)| {
            let y = 18.0 + index as f64 * ROW;
            let fill = if bar.alarm { "fill-red-700" } else { "fill-chart" };
            let colour = if bar.alarm { "#b91c1c" } else { "#334155" };
            view! {
                <g>
                    <title>{format!("{}: {}", bar.name, bar.shown)}</title>
                    <text x=NAME - 8.0 y=y + 16.0 text-anchor="end" font-size="12">{shortened(&bar.name)}</text>
                    <rect x=NAME y=y + 4.0 width=(bar.value.max(0.0) * scale).max(1.0) height=ROW - 8.0 fill=colour class=fill></rect>
                    <text x=WIDTH - VALUE + 8.0 y=y + 16.0 font-size="12">{bar.shown.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let marker = mark.map(|(at, label)| {
        let x = NAME + at * scale;
        view! {
            <line x1=x y1="14" x2=x y2=height stroke="#475569" stroke-dasharray="4 3"></line>
            <text x=x y="11" text-anchor="middle" font-size="11">{label}</text>
        }
    });
    let table = bars
        .into_iter()
        .map(|bar| view! { <tr><td class="pr-4">{bar.name}</td><td>{bar.shown}</td></tr> })
        .collect_view();
    view! {
        <figure class="mt-4" data-testid="bar-list">
            <figcaption class="font-semibold">{caption}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=summary width="100%" class="max-w-3xl">
                {marker}
                {rows}
            </svg>
            <details class="mt-2 text-sm">
                <summary class="cursor-pointer text-brand underline">"The numbers"</summary>
                <table class="mt-2 text-left">
                    <thead><tr><th class="pr-4">"Name"</th><th>{value_name}</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}
