//! The line table: column widths, the header row and the rows themselves.
//!
//! Amount-like columns are as wide as their widest content (within a cap)
//! and right-aligned, so figures line up; the description takes the rest and
//! wraps. The header is built separately because pagination repeats it at
//! the top of every page the table continues on.

use crate::designs::TableHead;
use crate::flow::Block;
use crate::fonts::{Align, Type};
use crate::layout::Ctx;
use crate::ops::{INK, MUTED, Op, RULE, SHADE, Weight};

/// Space between a cell's text and its column edges.
const PAD: f32 = 6.0;

/// Which field of a [`crate::SheetLine`] a column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Description,
    Quantity,
    Rate,
    Tax,
    Amount,
}

impl Field {
    fn of(self, line: &crate::SheetLine) -> &str {
        match self {
            Field::Description => &line.description,
            Field::Quantity => &line.quantity,
            Field::Rate => &line.rate,
            Field::Tax => &line.tax,
            Field::Amount => &line.amount,
        }
    }
}

struct Column {
    field: Field,
    title: String,
    x: f32,
    w: f32,
    align: Align,
}

/// The columns this sheet shows, with their positions.
pub(crate) struct Columns(Vec<Column>);

impl Columns {
    pub(crate) fn new(ctx: &Ctx<'_>) -> Self {
        let s = ctx.sheet;
        let amount =
            if s.currency.trim().is_empty() { "Amount".to_owned() } else { format!("Amount ({})", s.currency) };
        let mut fields = vec![(Field::Description, "Description".to_owned())];
        if s.show_quantity {
            fields.push((Field::Quantity, "Quantity".to_owned()));
        }
        if s.show_rate {
            fields.push((Field::Rate, "Rate".to_owned()));
        }
        if s.lines.iter().any(|l| !l.tax.trim().is_empty()) {
            fields.push((Field::Tax, "Tax".to_owned()));
        }
        fields.push((Field::Amount, amount));

        let (head, body) = (head_type(ctx), body_type(ctx));
        let cap = ctx.width() * 0.2;
        let mut widths: Vec<f32> = fields
            .iter()
            .map(|(field, title)| {
                let cells = s.lines.iter().map(|l| ctx.fonts.width(field.of(l), body.weight, body.size));
                let natural = cells.fold(ctx.fonts.width(title, head.weight, head.size), f32::max);
                (natural + 2.0 * PAD).min(cap)
            })
            .collect();
        // The description gets what is left, but never less than 40 %: with
        // unusually wide figures, those columns shrink (and wrap) instead.
        let figures: f32 = widths[1..].iter().sum();
        let room = ctx.width() * 0.6;
        if figures > room {
            widths[1..].iter_mut().for_each(|w| *w *= room / figures);
        }
        widths[0] = ctx.width() - widths[1..].iter().sum::<f32>();

        let mut x = ctx.left;
        let columns = fields
            .into_iter()
            .zip(widths)
            .map(|((field, title), w)| {
                let align = if field == Field::Description { Align::Left } else { Align::Right };
                let column = Column { field, title, x, w, align };
                x += w;
                column
            })
            .collect();
        Columns(columns)
    }
}

fn head_type(ctx: &Ctx<'_>) -> Type {
    let colour = match ctx.style.table_head {
        TableHead::Underlined => ctx.accent_ink(),
        TableHead::Filled => ctx.sheet.accent_text,
        TableHead::Shaded => INK,
    };
    Type::new(ctx.style.small + 0.5, Weight::Bold, colour)
}

fn body_type(ctx: &Ctx<'_>) -> Type {
    Type::new(ctx.style.body, Weight::Regular, INK)
}

/// Where a cell's text goes horizontally.
fn anchor(column: &Column) -> f32 {
    match column.align {
        Align::Left => column.x + PAD,
        Align::Right => column.x + column.w - PAD,
        Align::Centre => column.x + column.w / 2.0,
    }
}

/// The header row, as a block.
pub(crate) fn header(ctx: &Ctx<'_>, columns: &Columns) -> Block {
    let ty = head_type(ctx);
    let pad = ctx.style.row_pad.max(5.0);
    let height = ty.leading() + 2.0 * pad;
    let width = ctx.width();
    let mut ops = match ctx.style.table_head {
        TableHead::Underlined => {
            vec![Op::Line { x1: ctx.left, y1: height, x2: ctx.right, y2: height, width: 1.0, colour: ctx.sheet.accent }]
        }
        TableHead::Filled => vec![Op::Rect { x: ctx.left, y: 0.0, w: width, h: height, colour: ctx.sheet.accent }],
        TableHead::Shaded => vec![Op::Rect { x: ctx.left, y: 0.0, w: width, h: height, colour: SHADE }],
    };
    for column in &columns.0 {
        ops.push(ctx.fonts.text(ty, column.align, anchor(column), pad + ty.ascent(), &column.title));
    }
    Block { height, ops, keep_with_next: false, in_table: true }
}

/// One block per line of the invoice, or several for a line too tall for a
/// page (`room` is the height a page offers below the repeated header).
pub(crate) fn rows(ctx: &Ctx<'_>, columns: &Columns, room: f32) -> Vec<Block> {
    let body = body_type(ctx);
    let detail = Type::new(ctx.style.small, Weight::Regular, MUTED);
    let pad = ctx.style.row_pad;
    let mut blocks = Vec::new();
    for (index, line) in ctx.sheet.lines.iter().enumerate() {
        let mut stacks: Vec<Vec<(Type, String)>> = Vec::new();
        for column in &columns.0 {
            let max = column.w - 2.0 * PAD;
            let wrap =
                |ty: Type, text: &str| ctx.fonts.wrap(text, ty.weight, ty.size, max).into_iter().map(move |l| (ty, l));
            let mut stack: Vec<_> = wrap(body, column.field.of(line)).collect();
            if column.field == Field::Description && !line.detail.trim().is_empty() {
                stack.extend(wrap(detail, &line.detail));
            }
            stacks.push(stack);
        }
        for (part, chunk) in split(&stacks, room - 2.0 * pad).into_iter().enumerate() {
            let mut ops = Vec::new();
            let mut content: f32 = 0.0;
            for (column, stack) in columns.0.iter().zip(&stacks) {
                // Only the first part of a split row carries the figures.
                let lines = match (column.field, part) {
                    (Field::Description, _) => &stack[chunk.clone()],
                    (_, 0) => &stack[..],
                    _ => &[][..],
                };
                let mut top = pad;
                for (ty, text) in lines {
                    ops.push(ctx.fonts.text(*ty, column.align, anchor(column), top + ty.ascent(), text));
                    top += ty.leading();
                }
                content = content.max(top - pad);
            }
            let height = content + 2.0 * pad;
            if ctx.style.zebra && index % 2 == 1 {
                ops.insert(0, Op::Rect { x: ctx.left, y: 0.0, w: ctx.width(), h: height, colour: SHADE });
            }
            if ctx.style.row_rules {
                ops.push(Op::Line { x1: ctx.left, y1: height, x2: ctx.right, y2: height, width: 0.5, colour: RULE });
            }
            blocks.push(Block { height, ops, keep_with_next: false, in_table: true });
        }
    }
    blocks
}

/// Ranges of the description's lines, each short enough for `room` (a
/// description longer than a page, pasted in by mistake, still prints).
fn split(stacks: &[Vec<(Type, String)>], room: f32) -> Vec<std::ops::Range<usize>> {
    let description = &stacks[0];
    let mut parts = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (i, (ty, _)) in description.iter().enumerate() {
        if i > start && used + ty.leading() > room {
            parts.push(start..i);
            (start, used) = (i, 0.0);
        }
        used += ty.leading();
    }
    parts.push(start..description.len());
    parts
}
