//! Bar charts drawn on the server as SVG, so they show without JavaScript:
//! one bar per point, the highest value and the first and last labels
//! written on the axes, each bar's exact value in its tooltip, and the
//! numbers again in a table under the chart for those who cannot see it.
//! Bars take the firm's colour where its stylesheet is loaded (`fill-chart`:
//! the brand colour, darkened where it would not stand out from the page)
//! and slate elsewhere (the console has no firm).

use leptos::prelude::*;

/// One bar: its label (a day, a minute), its value, and a part of it to
/// draw in the alarm colour (errors among requests); 0 for none.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub alarm: f64,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 160.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 20.0;

/// `unit` follows every number ("h", "people", "requests").
#[component]
pub fn BarChart(
    caption: String,
    #[prop(into)] unit: String,
    bars: Vec<Bar>,
    alarm_name: Option<&'static str>,
) -> AnyView {
    let top = bars.iter().map(|bar| bar.value).fold(0.0, f64::max);
    let scale = if top > 0.0 { (HEIGHT - BOTTOM - 8.0) / top } else { 0.0 };
    let step = (WIDTH - LEFT) / bars.len().max(1) as f64;
    let number = |value: f64| if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") };
    let rects = bars
        .iter()
        .enumerate()
        .map(|(index, bar)| {
            let x = LEFT + index as f64 * step + step * 0.1;
            let (height, alarm) = (bar.value * scale, bar.alarm * scale);
            let title = match alarm_name {
                Some(name) if bar.alarm > 0.0 => {
                    format!("{}: {} {unit}, {} {name}", bar.label, number(bar.value), number(bar.alarm))
                }
                _ => format!("{}: {} {unit}", bar.label, number(bar.value)),
            };
            view! {
                <g>
                    <title>{title}</title>
                    <rect x=x y=HEIGHT - BOTTOM - height width=step * 0.8 height=height fill="#334155" class="fill-chart"></rect>
                    <rect x=x y=HEIGHT - BOTTOM - alarm width=step * 0.8 height=alarm fill="#b91c1c"></rect>
                </g>
            }
        })
        .collect_view();
    let (first, last) = (bars.first().map(|b| b.label.clone()), bars.last().map(|b| b.label.clone()));
    let unit_head = unit.clone();
    let summary = format!("{caption}: highest {} {unit}", number(top));
    let rows = bars
        .iter()
        .map(|bar| {
            let alarm = alarm_name.map(|_| view! { <td>{number(bar.alarm)}</td> });
            view! {
                <tr>
                    <td>{bar.label.clone()}</td>
                    <td>{number(bar.value)}</td>
                    {alarm}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart mt-4">
            <figcaption class="font-semibold">{caption.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary width="100%">
                <line x1=LEFT y1=HEIGHT - BOTTOM x2=WIDTH y2=HEIGHT - BOTTOM stroke="#94a3b8"></line>
                <text x=LEFT - 6.0 y="14" text-anchor="end" font-size="11">{number(top)}</text>
                <text x=LEFT - 6.0 y=HEIGHT - BOTTOM text-anchor="end" font-size="11">"0"</text>
                <text x=LEFT y=HEIGHT - 4.0 font-size="11">{first}</text>
                <text x=WIDTH y=HEIGHT - 4.0 text-anchor="end" font-size="11">{last}</text>
                {rects}
            </svg>
            <details class="mt-2 text-sm">
                <summary class="cursor-pointer text-brand underline">"The numbers"</summary>
                <table class="mt-2 text-left">
                    <thead>
                        <tr>
                            <th>"When"</th>
                            <th>{unit_head}</th>
                            {alarm_name.map(|name| view! { <th>{name}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}
