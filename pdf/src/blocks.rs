//! The blocks around the table: who is billed, the totals, and the closing
//! sections (terms, payment details, notes).
//!
//! They are the same in every design apart from sizes and colours taken
//! from the [`crate::designs::Style`]; each is cut into blocks small enough
//! that long notes or bank details can continue on the next page.

use crate::flow::Block;
use crate::fonts::{Align, Type};
use crate::layout::Ctx;
use crate::ops::{INK, MUTED, Op, RULE, Weight};

/// Space between the parts of the sheet.
const GAP: f32 = 16.0;

fn label(ctx: &Ctx<'_>) -> Type {
    Type::new(ctx.style.small, Weight::Bold, ctx.accent_ink())
}

/// "Bill to", the client's name, address and tax id, as one block.
pub(crate) fn client(ctx: &Ctx<'_>) -> Vec<Block> {
    let (s, f) = (ctx.sheet, ctx.fonts);
    let body = Type::new(ctx.style.body, Weight::Regular, INK);
    let name = Type::new(ctx.style.body + 1.5, Weight::Bold, INK);
    let column = ctx.width() * 0.6;
    let mut ops = vec![f.text(label(ctx), Align::Left, ctx.left, label(ctx).ascent(), "BILL TO")];
    let mut top = label(ctx).leading() + 2.0;
    let mut lines: Vec<(Type, String)> =
        f.wrap(&s.client_name, name.weight, name.size, column).into_iter().map(|l| (name, l)).collect();
    let address = s.client_address.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    if !address.is_empty() {
        lines.extend(f.wrap(&address, body.weight, body.size, column).into_iter().map(|l| (body, l)));
    }
    if !s.client_tax_id.trim().is_empty() {
        lines.push((body, format!("Tax ID: {}", s.client_tax_id.trim())));
    }
    for (ty, text) in &lines {
        ops.push(f.text(*ty, Align::Left, ctx.left, top + ty.ascent(), text));
        top += ty.leading();
    }
    vec![Block { height: top + GAP, ops, ..Block::default() }]
}

/// A row of the totals panel: label on the left, figure on the right, and
/// optionally the tax base in between.
fn figure_row(ctx: &Ctx<'_>, ty: Type, label: &str, middle: Option<&str>, value: &str) -> Block {
    let f = ctx.fonts;
    let x = panel_left(ctx);
    let pad = 3.0;
    let baseline = pad + ty.ascent();
    let mut ops = vec![f.text(Type { colour: MUTED, ..ty }, Align::Left, x, baseline, label)];
    if let Some(base) = middle {
        let mid = x + (ctx.right - x) * 0.62;
        ops.push(f.text(Type { colour: MUTED, ..ty }, Align::Right, mid, baseline, base));
    }
    ops.push(f.text(ty, Align::Right, ctx.right, baseline, value));
    Block { height: ty.leading() + 2.0 * pad, ops, keep_with_next: true, in_table: false }
}

/// The totals panel takes the right part of the page, under the figures.
fn panel_left(ctx: &Ctx<'_>) -> f32 {
    ctx.right - (ctx.width() * 0.5).min(270.0)
}

/// Subtotal, one line per tax rate, total, paid and the amount due. The
/// lines stay together (one group) so the amount due never stands alone.
pub(crate) fn totals(ctx: &Ctx<'_>) -> Vec<Block> {
    let s = ctx.sheet;
    let body = Type::new(ctx.style.body, Weight::Regular, INK);
    let strong = Type::new(ctx.style.body, Weight::Bold, INK);
    let x = panel_left(ctx);
    let mut blocks = vec![Block { height: 8.0, keep_with_next: true, ..Block::default() }];
    blocks.push(figure_row(ctx, body, "Subtotal", None, &s.subtotal));
    for row in &s.tax_rows {
        blocks.push(figure_row(ctx, body, &row.label, Some(&row.base), &row.tax));
    }
    let mut total = figure_row(ctx, strong, "Total", None, &s.total);
    let colour = if ctx.style.due_filled { RULE } else { s.accent };
    total.ops.insert(0, Op::Line { x1: x, y1: 0.5, x2: ctx.right, y2: 0.5, width: 0.75, colour });
    blocks.push(total);
    if let Some(paid) = &s.paid {
        blocks.push(figure_row(ctx, body, "Paid", None, paid));
    }
    blocks.push(Block { height: 6.0, keep_with_next: true, ..Block::default() });
    blocks.push(amount_due(ctx, x));
    blocks
}

/// The one figure the client acts on, set apart: on an accent bar, or in an
/// accent outline.
fn amount_due(ctx: &Ctx<'_>, x: f32) -> Block {
    let s = ctx.sheet;
    let size = ctx.style.body + 2.0;
    let colour = if ctx.style.due_filled { s.accent_text } else { ctx.accent_ink() };
    let ty = Type::new(size, Weight::Bold, colour);
    let pad = 7.0;
    let h = ty.leading() + 2.0 * pad;
    let w = ctx.right - x;
    let mut ops = if ctx.style.due_filled {
        vec![Op::Rect { x, y: 0.0, w, h, colour: s.accent }]
    } else {
        let edge = |x1, y1, x2, y2| Op::Line { x1, y1, x2, y2, width: 1.25, colour: s.accent };
        vec![edge(x, 0.0, x + w, 0.0), edge(x, h, x + w, h), edge(x, 0.0, x, h), edge(x + w, 0.0, x + w, h)]
    };
    let baseline = pad + ty.ascent();
    ops.push(ctx.fonts.text(ty, Align::Left, x + 8.0, baseline, "Amount due"));
    ops.push(ctx.fonts.text(ty, Align::Right, ctx.right - 8.0, baseline, &s.amount_due));
    Block { height: h + GAP, ops, keep_with_next: false, in_table: false }
}

/// Terms, payment details and notes: a heading kept with its first line,
/// then one block per line so long text may continue overleaf.
pub(crate) fn closing(ctx: &Ctx<'_>) -> Vec<Block> {
    let s = ctx.sheet;
    let body = Type::new(ctx.style.body, Weight::Regular, INK);
    let head = label(ctx);
    let sections = [("TERMS", &s.terms), ("PAYMENT DETAILS", &s.payment_details), ("NOTES", &s.notes)];
    let mut blocks = Vec::new();
    for (title, text) in sections {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let ops = vec![ctx.fonts.text(head, Align::Left, ctx.left, head.ascent(), title)];
        blocks.push(Block { height: head.leading() + 2.0, ops, keep_with_next: true, in_table: false });
        for line in ctx.fonts.wrap(text, body.weight, body.size, ctx.width()) {
            let ops = vec![ctx.fonts.text(body, Align::Left, ctx.left, body.ascent(), &line)];
            blocks.push(Block { height: body.leading(), ops, ..Block::default() });
        }
        blocks.push(Block { height: GAP * 0.75, ..Block::default() });
    }
    blocks
}
