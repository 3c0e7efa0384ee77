//! From sheet to display list: the page geometry and the order of things.
//!
//! The design decides how the header looks and how dense the table is
//! ([`crate::designs`]); the blocks below it are built the same way for every
//! design ([`crate::blocks`], [`crate::table`]) and flowed onto pages
//! ([`crate::flow`]). Footers and page numbers come last, once the number of
//! pages is known.

use crate::InvoiceSheet;
use crate::designs::{self, Style};
use crate::flow::{self, Frame, Repeats};
use crate::fonts::{Align, Fonts, Type};
use crate::ops::{MUTED, Op, Page, RULE, Weight};
use crate::{blocks, table};

/// A4 in points (210 × 297 mm).
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;

/// The stamp's colour: rubber-stamp red, whatever the firm's accent, so that
/// "VOID" cannot be missed or mistaken for decoration.
const STAMP: [u8; 3] = [0xc0, 0x22, 0x22];
const STAMP_ANGLE: f32 = -6.0;

/// What every part of the layout needs to see.
pub(crate) struct Ctx<'a> {
    pub(crate) sheet: &'a InvoiceSheet,
    pub(crate) fonts: &'a Fonts,
    pub(crate) style: Style,
    /// Width / height of the logo, when there is one.
    pub(crate) logo_aspect: Option<f32>,
    /// Left and right edges of the content.
    pub(crate) left: f32,
    pub(crate) right: f32,
}

impl Ctx<'_> {
    pub(crate) fn width(&self) -> f32 {
        self.right - self.left
    }

    /// Text in the accent colour on white needs a minimum of contrast; a
    /// very pale accent (a firm that chose light yellow) would vanish, so
    /// text falls back to ink while fills keep the accent.
    pub(crate) fn accent_ink(&self) -> [u8; 3] {
        let [r, g, b] = self.sheet.accent.map(f32::from);
        let luma = 0.299 * r + 0.587 * g + 0.114 * b;
        if luma > 190.0 { crate::ops::INK } else { self.sheet.accent }
    }
}

/// The whole document as pages of drawing instructions.
pub(crate) fn lay_out(sheet: &InvoiceSheet, fonts: &Fonts, logo_aspect: Option<f32>) -> Vec<Page> {
    let style = designs::style(sheet.design);
    let margin = style.margin;
    let ctx = Ctx { sheet, fonts, style, logo_aspect, left: margin + style.inset, right: PAGE_W - margin };

    let (header, first_top) = designs::first_header(&ctx);
    let (continuation, next_top) = designs::continuation_header(&ctx);
    let footer_lines = footer_lines(&ctx);
    let small = Type::new(ctx.style.small, Weight::Regular, MUTED);
    let footer_top = PAGE_H - margin - footer_lines.len().max(1) as f32 * small.leading();
    let frame = Frame { first_top, next_top, bottom: footer_top - 12.0 };

    let columns = table::Columns::new(&ctx);
    let table_header = table::header(&ctx, &columns);
    let room = frame.bottom - frame.next_top - table_header.height;
    let mut content = blocks::client(&ctx);
    let client_height = content.iter().map(|b| b.height).sum::<f32>();
    let mut head = table::header(&ctx, &columns);
    head.keep_with_next = true;
    content.push(head);
    content.extend(table::rows(&ctx, &columns, room));
    content.extend(blocks::totals(&ctx));
    content.extend(blocks::closing(&ctx));

    let repeats = Repeats { continuation: &continuation, table_header: &table_header };
    let mut pages = flow::paginate(&frame, &repeats, header, &content);

    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        let mut furniture = designs::decoration(&ctx);
        furniture.append(page);
        *page = furniture;
        page.extend(footer(&ctx, &footer_lines, footer_top, index + 1, count));
    }
    if let (Some(stamp), Some(first)) = (&sheet.stamp, pages.first_mut()) {
        first.push(stamp_op(&ctx, stamp, first_top, client_height));
    }
    pages
}

/// "Page 1 of 3" sits to the right of the footer text, so the text wraps
/// short of it.
fn footer_lines(ctx: &Ctx<'_>) -> Vec<String> {
    if ctx.sheet.footer.trim().is_empty() {
        return Vec::new();
    }
    ctx.fonts.wrap(ctx.sheet.footer.trim(), Weight::Regular, ctx.style.small, ctx.width() - 90.0)
}

fn footer(ctx: &Ctx<'_>, lines: &[String], top: f32, number: usize, count: usize) -> Vec<Op> {
    let small = Type::new(ctx.style.small, Weight::Regular, MUTED);
    let mut ops =
        vec![Op::Line { x1: ctx.left, y1: top - 6.0, x2: ctx.right, y2: top - 6.0, width: 0.5, colour: RULE }];
    let mut baseline = top + small.ascent();
    for line in lines {
        ops.push(ctx.fonts.text(small, Align::Left, ctx.left, baseline, line));
        baseline += small.leading();
    }
    let first_baseline = top + small.ascent();
    ops.push(ctx.fonts.text(small, Align::Right, ctx.right, first_baseline, &format!("Page {number} of {count}")));
    ops
}

/// Large and translucent on the first page, beside the client's address:
/// where the eye lands first, without covering a figure. It is not tilted,
/// so that it stays one word in the text layer (search, copy, screen
/// readers); long words are scaled down to fit the free space.
fn stamp_op(ctx: &Ctx<'_>, text: &str, first_top: f32, client_height: f32) -> Op {
    let room = ctx.width() * 0.38;
    let natural = ctx.fonts.width(text, Weight::Bold, 1.0).max(0.01);
    // The box adds 0.8 em around the text (see draw.rs).
    let size = (room / (natural + 0.8)).min(54.0);
    let text_width = natural * size;
    Op::Stamp {
        cx: ctx.right - room / 2.0,
        cy: first_top + (client_height - 16.0).max(size * 1.3) / 2.0,
        size,
        angle: STAMP_ANGLE,
        colour: STAMP,
        text: text.to_owned(),
        text_width,
    }
}
