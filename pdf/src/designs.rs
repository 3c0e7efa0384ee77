//! The three built-in designs: their densities and their headers.
//!
//! A design is a [`Style`] (sizes, spacing, how the table header and the
//! amount due are emphasised), a first-page header and per-page decoration.
//! Everything else is shared, so a fix to wrapping or pagination reaches all
//! three designs at once.

use crate::Design;
use crate::fonts::{Align, Type};
use crate::layout::{Ctx, PAGE_H, PAGE_W};
use crate::ops::{INK, MUTED, Op, RULE, Weight};

/// How the line table's header row is set apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TableHead {
    /// Accent-coloured bold labels over an accent rule (Classic).
    Underlined,
    /// Accent-filled band, labels in the accent text colour (Modern).
    Filled,
    /// Light grey band, ink labels (Compact).
    Shaded,
}

/// The measurements that make a design look the way it does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    /// Page margin on all sides, in points.
    pub(crate) margin: f32,
    /// Extra left indent of the content (room for Compact's accent stripe).
    pub(crate) inset: f32,
    /// Body text size.
    pub(crate) body: f32,
    /// Labels, line details, footer.
    pub(crate) small: f32,
    /// Space above and below the text of a table row.
    pub(crate) row_pad: f32,
    pub(crate) table_head: TableHead,
    /// Alternate rows shaded (helps the eye along dense rows).
    pub(crate) zebra: bool,
    /// A hairline under every row.
    pub(crate) row_rules: bool,
    /// The amount due on an accent-filled bar (else in an accent outline).
    pub(crate) due_filled: bool,
}

pub(crate) fn style(design: Design) -> Style {
    match design {
        Design::Classic => Style {
            margin: 56.0,
            inset: 0.0,
            body: 10.0,
            small: 8.0,
            row_pad: 6.0,
            table_head: TableHead::Underlined,
            zebra: false,
            row_rules: true,
            due_filled: false,
        },
        Design::Modern => Style {
            margin: 48.0,
            inset: 0.0,
            body: 10.0,
            small: 8.0,
            row_pad: 7.0,
            table_head: TableHead::Filled,
            zebra: false,
            row_rules: true,
            due_filled: true,
        },
        Design::Compact => Style {
            margin: 36.0,
            inset: 10.0,
            body: 8.5,
            small: 7.0,
            row_pad: 3.0,
            table_head: TableHead::Shaded,
            zebra: true,
            row_rules: false,
            due_filled: true,
        },
    }
}

/// The first page's header, in page coordinates, and where the flow starts.
pub(crate) fn first_header(ctx: &Ctx<'_>) -> (Vec<Op>, f32) {
    match ctx.sheet.design {
        Design::Classic => classic(ctx),
        Design::Modern => modern(ctx),
        Design::Compact => compact(ctx),
    }
}

/// Logo on the left, title in the accent colour on the right, and the
/// number and dates as a small table beneath the title.
fn classic(ctx: &Ctx<'_>) -> (Vec<Op>, f32) {
    let (s, f, top) = (ctx.sheet, ctx.fonts, ctx.style.margin);
    let (mut ops, _) = badge(ctx, ctx.left, top, 48.0, false);
    let name = Type::new(13.0, Weight::Bold, INK);
    ops.push(f.text(name, Align::Left, ctx.left, top + 48.0 + 20.0, &s.firm_name));
    let title = Type::new(26.0, Weight::Bold, ctx.accent_ink());
    ops.push(f.text(title, Align::Right, ctx.right, top + 24.0, &s.title));
    let rows = [("Number", s.number.as_str()), ("Issued", &s.issued_on), ("Due", &s.due_on)];
    let bottom = meta_table(ctx, &mut ops, top + 46.0, &rows);
    let rule_y = bottom.max(top + 76.0) + 8.0;
    ops.push(Op::Line { x1: ctx.left, y1: rule_y, x2: ctx.right, y2: rule_y, width: 1.5, colour: s.accent });
    (ops, rule_y + 20.0)
}

/// A full-width accent band with the firm and the title in the accent text
/// colour, then the dates and the amount due as three figures.
fn modern(ctx: &Ctx<'_>) -> (Vec<Op>, f32) {
    let (s, f) = (ctx.sheet, ctx.fonts);
    let band = 132.0;
    let mut ops = vec![Op::Rect { x: 0.0, y: 0.0, w: PAGE_W, h: band, colour: s.accent }];
    let (badge_ops, _) = badge(ctx, ctx.left, 34.0, 44.0, true);
    ops.extend(badge_ops);
    let on_accent = |size, weight| Type::new(size, weight, s.accent_text);
    ops.push(f.text(on_accent(15.0, Weight::Bold), Align::Left, ctx.left, 104.0, &s.firm_name));
    ops.push(f.text(on_accent(30.0, Weight::Bold), Align::Right, ctx.right, 70.0, &s.title));
    ops.push(f.text(on_accent(12.0, Weight::Regular), Align::Right, ctx.right, 96.0, &s.number));
    let figures = [
        ("Issued", s.issued_on.as_str(), INK),
        ("Due", &s.due_on, INK),
        ("Amount due", &s.amount_due, ctx.accent_ink()),
    ];
    let column = ctx.width() / 3.0;
    let label = Type::new(ctx.style.small, Weight::Bold, MUTED);
    for (i, (name, value, colour)) in figures.into_iter().enumerate() {
        let x = ctx.left + column * i as f32;
        ops.push(f.text(label, Align::Left, x, band + 26.0, &name.to_uppercase()));
        ops.push(f.text(Type::new(13.0, Weight::Bold, colour), Align::Left, x, band + 44.0, value));
    }
    let rule_y = band + 58.0;
    ops.push(Op::Line { x1: ctx.left, y1: rule_y, x2: ctx.right, y2: rule_y, width: 0.5, colour: RULE });
    (ops, rule_y + 18.0)
}

/// One tight line: small badge and firm name left, title and number right,
/// dates under them; the accent appears as a stripe down the left edge.
fn compact(ctx: &Ctx<'_>) -> (Vec<Op>, f32) {
    let (s, f, top) = (ctx.sheet, ctx.fonts, ctx.style.margin);
    let (mut ops, badge_w) = badge(ctx, ctx.left, top, 30.0, false);
    ops.push(f.text(
        Type::new(12.0, Weight::Bold, INK),
        Align::Left,
        ctx.left + badge_w + 10.0,
        top + 19.0,
        &s.firm_name,
    ));
    let heading = format!("{} {}", s.title, s.number);
    ops.push(f.text(Type::new(13.0, Weight::Bold, ctx.accent_ink()), Align::Right, ctx.right, top + 13.0, &heading));
    let dates = format!("Issued {}  ·  Due {}", s.issued_on, s.due_on);
    ops.push(f.text(
        Type::new(ctx.style.small + 0.5, Weight::Regular, MUTED),
        Align::Right,
        ctx.right,
        top + 27.0,
        &dates,
    ));
    let rule_y = top + 38.0;
    ops.push(Op::Line { x1: ctx.left, y1: rule_y, x2: ctx.right, y2: rule_y, width: 0.5, colour: RULE });
    (ops, rule_y + 12.0)
}

/// Label/value pairs right-aligned under the title; returns the bottom.
fn meta_table(ctx: &Ctx<'_>, ops: &mut Vec<Op>, top: f32, rows: &[(&str, &str)]) -> f32 {
    let label = Type::new(ctx.style.body - 1.0, Weight::Regular, MUTED);
    let value = Type::new(ctx.style.body, Weight::Bold, INK);
    let widest = rows.iter().map(|(_, v)| ctx.fonts.width(v, value.weight, value.size)).fold(0.0, f32::max);
    let label_right = ctx.right - widest - 12.0;
    let mut baseline = top + value.ascent();
    for (name, text) in rows {
        ops.push(ctx.fonts.text(label, Align::Right, label_right, baseline, name));
        ops.push(ctx.fonts.text(value, Align::Right, ctx.right, baseline, text));
        baseline += value.leading() + 1.0;
    }
    baseline
}

/// Later pages: the firm and the document named in one line, so a loose
/// page is still identifiable, and no big header eating into the table.
pub(crate) fn continuation_header(ctx: &Ctx<'_>) -> (Vec<Op>, f32) {
    let (s, f, top) = (ctx.sheet, ctx.fonts, ctx.style.margin);
    let baseline = top + 10.0;
    let mut ops =
        vec![f.text(Type::new(ctx.style.body, Weight::Bold, INK), Align::Left, ctx.left, baseline, &s.firm_name)];
    let name = format!("{} {}", s.title, s.number);
    ops.push(f.text(Type::new(ctx.style.body, Weight::Regular, MUTED), Align::Right, ctx.right, baseline, &name));
    let colour = if ctx.sheet.design == Design::Classic { s.accent } else { RULE };
    ops.push(Op::Line { x1: ctx.left, y1: top + 18.0, x2: ctx.right, y2: top + 18.0, width: 0.75, colour });
    (ops, top + 32.0)
}

/// Drawn under the content of every page.
pub(crate) fn decoration(ctx: &Ctx<'_>) -> Vec<Op> {
    match ctx.sheet.design {
        Design::Classic => Vec::new(),
        // On later pages a thin band echoes the first page's header.
        Design::Modern => vec![Op::Rect { x: 0.0, y: 0.0, w: PAGE_W, h: 8.0, colour: ctx.sheet.accent }],
        Design::Compact => vec![Op::Rect { x: 0.0, y: 0.0, w: 14.0, h: PAGE_H, colour: ctx.sheet.accent }],
    }
}

/// The logo, or a monogram disc when there is none; `on_accent` swaps the
/// colours so the disc shows on an accent background. Returns its width.
fn badge(ctx: &Ctx<'_>, x: f32, y: f32, height: f32, on_accent: bool) -> (Vec<Op>, f32) {
    if let Some(aspect) = ctx.logo_aspect {
        // Very wide logos are capped at three times the height, so they
        // cannot push into the title.
        let w = (height * aspect).min(height * 3.0);
        let h = w / aspect;
        return (vec![Op::Logo { x, y: y + (height - h) / 2.0, w, h }], w);
    }
    let s = ctx.sheet;
    let (disc, ink) = if on_accent { (s.accent_text, s.accent) } else { (s.accent, s.accent_text) };
    let initials: String = match s.firm_initials.trim() {
        "" => s.firm_name.chars().take(1).collect(),
        given => given.to_owned(),
    };
    let r = height / 2.0;
    let natural = ctx.fonts.width(&initials, Weight::Bold, 1.0).max(0.01);
    let size = (height * 0.42).min(height * 0.7 / natural);
    let mut ops = vec![Op::Disc { cx: x + r, cy: y + r, r, colour: disc }];
    ops.push(ctx.fonts.text(Type::new(size, Weight::Bold, ink), Align::Centre, x + r, y + r + size * 0.36, &initials));
    (ops, height)
}
