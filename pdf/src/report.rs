//! Reports as PDF: the firm's band and logo, the report's title, period and
//! main numbers, its chart as horizontal bars, then its table flowing onto
//! as many pages as it needs with the header row repeated. Like invoices,
//! everything printed arrives formatted; this module only places it.

use crate::flow::{self, Block, Frame, Repeats};
use crate::fonts::{Align, Fonts, Type};
use crate::layout::{PAGE_H, PAGE_W};
use crate::ops::{INK, MUTED, Op, Page, RULE, SHADE, Weight};
use crate::{Logo, PdfError, logo};

/// A report as printed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportSheet {
    /// The band across the top of the first page (the firm's colour).
    pub accent: [u8; 3],
    /// Text drawn on the band.
    pub accent_text: [u8; 3],
    /// The bars' colour: the firm's, dark enough to show on white.
    pub chart: [u8; 3],
    pub firm_name: String,
    pub logo: Option<Logo>,
    pub firm_initials: String,
    /// "Utilization".
    pub title: String,
    /// "Last 12 weeks: 14 Sep 2026 to 8 Dec 2026".
    pub subtitle: String,
    /// The main numbers, a line each.
    pub headline: Vec<String>,
    /// The formula in words.
    pub definition: String,
    pub chart_title: String,
    pub bars: Vec<ReportBar>,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<ReportRow>,
    /// "Printed 8 Dec 2026", at the foot of every page.
    pub printed: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportBar {
    pub name: String,
    pub value: f64,
    /// The value as written beside the bar.
    pub shown: String,
    /// Drawn in red (over budget, overdue).
    pub alarm: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportColumn {
    pub title: String,
    /// Figures: right-aligned and only as wide as they need.
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportRow {
    pub cells: Vec<String>,
    /// A total or a group: bold, with a rule above.
    pub strong: bool,
}

const MARGIN: f32 = 40.0;
const BAND: f32 = 64.0;
const ALARM: [u8; 3] = [0xb9, 0x1c, 0x1c];
const PAD: f32 = 5.0;
const BODY: f32 = 9.0;
const BAR_ROW: f32 = 15.0;
const NAME_W: f32 = 150.0;
const VALUE_W: f32 = 90.0;

/// Renders the report (A4 pages).
pub fn render_report(sheet: &ReportSheet) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let logo = sheet.logo.as_ref().map(logo::ReadyLogo::read).transpose()?;
    let pages = lay_out(sheet, &fonts, logo.as_ref().map(logo::ReadyLogo::aspect));
    let title = format!("{}: {}", sheet.title, sheet.subtitle);
    crate::draw::write(&title, &sheet.firm_name, &fonts, logo, &pages)
}

struct Ctx<'a> {
    sheet: &'a ReportSheet,
    fonts: &'a Fonts,
    left: f32,
    right: f32,
}

impl Ctx<'_> {
    fn width(&self) -> f32 {
        self.right - self.left
    }

    /// Wrapped lines of `text` as one block per line, so long text flows.
    fn paragraph(&self, text: &str, ty: Type, space_after: f32) -> Vec<Block> {
        let lines = self.fonts.wrap(text, ty.weight, ty.size, self.width());
        let count = lines.len();
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let extra = if i + 1 == count { space_after } else { 0.0 };
                Block {
                    height: ty.leading() + extra,
                    ops: vec![self.fonts.text(ty, Align::Left, self.left, ty.ascent(), &line)],
                    ..Block::default()
                }
            })
            .collect()
    }
}

fn lay_out(sheet: &ReportSheet, fonts: &Fonts, logo_aspect: Option<f32>) -> Vec<Page> {
    let ctx = Ctx { sheet, fonts, left: MARGIN, right: PAGE_W - MARGIN };
    let small = Type::new(7.5, Weight::Regular, MUTED);
    let footer_top = PAGE_H - MARGIN;
    let frame = Frame { first_top: BAND + 24.0, next_top: MARGIN + 26.0, bottom: footer_top - 14.0 };
    let widths = column_widths(&ctx);
    let table_header = header_row(&ctx, &widths);
    let mut blocks = Vec::new();
    blocks.extend(ctx.paragraph(&sheet.title, Type::new(18.0, Weight::Bold, INK), 2.0));
    blocks.extend(ctx.paragraph(&sheet.subtitle, Type::new(10.0, Weight::Regular, MUTED), 8.0));
    for line in &sheet.headline {
        blocks.extend(ctx.paragraph(line, Type::new(11.0, Weight::Bold, INK), 2.0));
    }
    blocks.extend(ctx.paragraph(&sheet.definition, Type::new(8.0, Weight::Regular, MUTED), 12.0));
    if !sheet.bars.is_empty() {
        let mut heading = ctx.paragraph(&sheet.chart_title, Type::new(10.0, Weight::Bold, INK), 4.0);
        if let Some(last) = heading.last_mut() {
            last.keep_with_next = true;
        }
        blocks.extend(heading);
        blocks.extend(bars(&ctx));
        blocks.push(Block { height: 14.0, ..Block::default() });
    }
    if !sheet.columns.is_empty() {
        let mut head = header_row(&ctx, &widths);
        head.keep_with_next = true;
        blocks.push(head);
        blocks.extend(sheet.rows.iter().map(|row| table_row(&ctx, &widths, row)));
    }
    let continuation = continuation(&ctx);
    let repeats = Repeats { continuation: &continuation, table_header: &table_header };
    let mut pages = flow::paginate(&frame, &repeats, band(&ctx, logo_aspect), &blocks);
    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        page.push(Op::Line {
            x1: ctx.left,
            y1: footer_top - 8.0,
            x2: ctx.right,
            y2: footer_top - 8.0,
            width: 0.5,
            colour: RULE,
        });
        let left = format!("{} · {} · {}", sheet.firm_name, sheet.title, sheet.printed);
        page.push(fonts.text(small, Align::Left, ctx.left, footer_top + small.ascent() - 2.0, &left));
        let number = format!("Page {} of {count}", index + 1);
        page.push(fonts.text(small, Align::Right, ctx.right, footer_top + small.ascent() - 2.0, &number));
    }
    pages
}

/// The firm's band: its logo (or initials) and name on its colour.
fn band(ctx: &Ctx<'_>, logo_aspect: Option<f32>) -> Page {
    let s = ctx.sheet;
    let mut ops = vec![Op::Rect { x: 0.0, y: 0.0, w: PAGE_W, h: BAND, colour: s.accent }];
    let height = 36.0;
    let top = (BAND - height) / 2.0;
    let badge_w = match logo_aspect {
        Some(aspect) => {
            let w = (height * aspect).min(height * 3.0);
            let h = w / aspect;
            // A white card behind the logo: it was drawn for a light page.
            ops.push(Op::Rect { x: ctx.left - 4.0, y: top - 4.0, w: w + 8.0, h: height + 8.0, colour: [0xff; 3] });
            ops.push(Op::Logo { x: ctx.left, y: top + (height - h) / 2.0, w, h });
            w
        }
        None => {
            let initials = match s.firm_initials.trim() {
                "" => s.firm_name.chars().take(1).collect(),
                given => given.to_owned(),
            };
            let r = height / 2.0;
            ops.push(Op::Disc { cx: ctx.left + r, cy: top + r, r, colour: s.accent_text });
            let ty = Type::new(14.0, Weight::Bold, s.accent);
            ops.push(ctx.fonts.text(ty, Align::Centre, ctx.left + r, top + r + 5.0, &initials));
            height
        }
    };
    let name = Type::new(15.0, Weight::Bold, s.accent_text);
    ops.push(ctx.fonts.text(name, Align::Left, ctx.left + badge_w + 14.0, BAND / 2.0 + 5.0, &s.firm_name));
    ops
}

/// Later pages: a thin band and whose report this is.
fn continuation(ctx: &Ctx<'_>) -> Vec<Op> {
    let s = ctx.sheet;
    let ty = Type::new(9.0, Weight::Bold, INK);
    vec![
        Op::Rect { x: 0.0, y: 0.0, w: PAGE_W, h: 8.0, colour: s.accent },
        ctx.fonts.text(ty, Align::Left, ctx.left, MARGIN, &format!("{} — {}", s.firm_name, s.title)),
        ctx.fonts.text(Type::new(9.0, Weight::Regular, MUTED), Align::Right, ctx.right, MARGIN, &s.subtitle),
    ]
}

/// One block per bar: the name on the left, the bar, its value on the right.
fn bars(ctx: &Ctx<'_>) -> Vec<Block> {
    let s = ctx.sheet;
    let top = s.bars.iter().map(|bar| bar.value).fold(0.0, f64::max);
    let span = ctx.width() - NAME_W - VALUE_W - 8.0;
    let ty = Type::new(BODY, Weight::Regular, INK);
    s.bars
        .iter()
        .map(|bar| {
            let name = first_line(ctx.fonts, &bar.name, NAME_W - 8.0);
            let width = if top > 0.0 { (bar.value.max(0.0) / top) as f32 * span } else { 0.0 };
            let x = ctx.left + NAME_W;
            let colour = if bar.alarm { ALARM } else { s.chart };
            let baseline = ty.ascent() + 2.0;
            Block {
                height: BAR_ROW,
                ops: vec![
                    ctx.fonts.text(ty, Align::Right, x - 8.0, baseline, &name),
                    Op::Rect { x, y: 2.0, w: width.max(0.5), h: BAR_ROW - 5.0, colour },
                    ctx.fonts.text(ty, Align::Left, x + span + 8.0, baseline, &bar.shown),
                ],
                ..Block::default()
            }
        })
        .collect()
}

/// As much of `text` as fits in `max` points, with an ellipsis if cut.
fn first_line(fonts: &Fonts, text: &str, max: f32) -> String {
    if fonts.width(text, Weight::Regular, BODY) <= max {
        return text.to_owned();
    }
    let mut kept = String::new();
    for c in text.chars() {
        if fonts.width(&format!("{kept}{c}…"), Weight::Regular, BODY) > max {
            break;
        }
        kept.push(c);
    }
    format!("{kept}…")
}

/// Figures as wide as their widest cell (within a cap); text columns share
/// the rest.
fn column_widths(ctx: &Ctx<'_>) -> Vec<f32> {
    let s = ctx.sheet;
    let measure = |index: usize, title: &str| {
        let cells = s.rows.iter().filter_map(|row| row.cells.get(index));
        cells
            .map(|cell| ctx.fonts.width(cell, Weight::Bold, BODY))
            .chain(std::iter::once(ctx.fonts.width(title, Weight::Bold, BODY)))
            .fold(0.0, f32::max)
            + 2.0 * PAD
    };
    let mut widths: Vec<Option<f32>> = s
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| column.numeric.then(|| measure(i, &column.title).min(110.0)))
        .collect();
    let fixed: f32 = widths.iter().flatten().sum();
    let free = widths.iter().filter(|w| w.is_none()).count().max(1) as f32;
    let share = ((ctx.width() - fixed) / free).max(40.0);
    widths.iter_mut().map(|w| w.unwrap_or(share)).collect()
}

fn cells(ctx: &Ctx<'_>, widths: &[f32], texts: &[String], ty: Type) -> (Vec<Op>, f32) {
    let mut ops = Vec::new();
    let mut x = ctx.left;
    let mut lines_most = 1;
    for (index, width) in widths.iter().enumerate() {
        let text = texts.get(index).map(String::as_str).unwrap_or("");
        let numeric = ctx.sheet.columns.get(index).is_some_and(|c| c.numeric);
        let lines =
            if numeric { vec![text.to_owned()] } else { ctx.fonts.wrap(text, ty.weight, ty.size, width - 2.0 * PAD) };
        lines_most = lines_most.max(lines.len());
        for (n, line) in lines.iter().enumerate() {
            let baseline = PAD + ty.ascent() + n as f32 * ty.leading();
            let op = if numeric {
                ctx.fonts.text(ty, Align::Right, x + width - PAD, baseline, line)
            } else {
                ctx.fonts.text(ty, Align::Left, x + PAD, baseline, line)
            };
            ops.push(op);
        }
        x += width;
    }
    (ops, 2.0 * PAD + lines_most as f32 * ty.leading())
}

fn header_row(ctx: &Ctx<'_>, widths: &[f32]) -> Block {
    let titles: Vec<String> = ctx.sheet.columns.iter().map(|c| c.title.clone()).collect();
    let (text, height) = cells(ctx, widths, &titles, Type::new(BODY, Weight::Bold, INK));
    let mut ops = vec![Op::Rect { x: ctx.left, y: 0.0, w: ctx.width(), h: height, colour: SHADE }];
    ops.extend(text);
    Block { height, ops, ..Block::default() }
}

fn table_row(ctx: &Ctx<'_>, widths: &[f32], row: &ReportRow) -> Block {
    let weight = if row.strong { Weight::Bold } else { Weight::Regular };
    let (mut ops, height) = cells(ctx, widths, &row.cells, Type::new(BODY, weight, INK));
    let rule = if row.strong { INK } else { RULE };
    ops.push(Op::Line { x1: ctx.left, y1: 0.0, x2: ctx.right, y2: 0.0, width: 0.5, colour: rule });
    Block { height, ops, in_table: true, ..Block::default() }
}
