//! "My week" on a phone: a strip of the week's seven days with each day's
//! total, and links to the day before and after. The chosen day's entries
//! are the only ones the entries table shows below 48rem (see
//! `WeekEntries`), so a narrow screen reads one day at a time instead of a
//! seven-column grid. Plain links, so it works before hydration. An
//! `AnyView`, like the week's other parts: the page's static type is deep
//! enough for the compiler's recursion limit without this strip's.

use leptos::prelude::*;
use pespro::day_view::{day_href, neighbours};
use pespro::my_week::WeekDay;
use time::Date;

#[component]
pub fn DayStrip(days: Vec<WeekDay>, selected: Signal<Date>) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    let tiles = days
        .into_iter()
        .map(|day| {
            let date = day.date;
            let current = move || (selected.get() == date).then_some("date");
            let class = move || {
                let chosen = if selected.get() == date { "border-brand bg-brand text-on-brand" } else { "border-slate-200 bg-white" };
                format!("block rounded border px-0.5 py-1 text-center text-xs {chosen}")
            };
            let label = formats.day(date);
            let weekday = label[..3].to_owned();
            view! {
                <li>
                    <a href=day_href(date, formats.first_day) aria-current=current class=class aria-label=format!("{label}: {}", day.total)>
                        <span class="block">{weekday}</span>
                        <span class="block font-medium">{date.day()}</span>
                        <span class="block">{day.total.to_string()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let before = move || neighbours(selected.get()).0;
    let after = move || neighbours(selected.get()).1;
    view! {
        <nav data-testid="day-strip" aria-label="Days of the week" class="mt-4 md:hidden">
            <ul class="grid grid-cols-7 gap-1">{tiles}</ul>
            <div class="mt-2 flex justify-between text-sm">
                <a class="text-brand underline" href=move || day_href(before(), formats.first_day)>{move || format!("← {}", formats.day(before()))}</a>
                <a class="text-brand underline" href=move || day_href(after(), formats.first_day)>{move || format!("{} →", formats.day(after()))}</a>
            </div>
        </nav>
    }
    .into_any()
}
