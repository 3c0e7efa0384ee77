//! Pagination: stacking blocks down the page and starting a new one when
//! the next block does not fit.
//!
//! Everything below the first page's header is a sequence of blocks (a table
//! row, a totals line, a line of notes), each with its height and drawing
//! instructions relative to its own top. This module only decides where each
//! block goes; it knows nothing about invoices, which keeps the page-breaking
//! rules (keep a heading with what follows, repeat the table header) in one
//! place.

use crate::ops::{Op, Page};

/// A unit of content that is never split across pages.
#[derive(Debug, Default)]
pub(crate) struct Block {
    pub(crate) height: f32,
    /// Relative to the block's top-left corner's y (x is absolute).
    pub(crate) ops: Vec<Op>,
    /// Moves to the next page together with the following block (headings,
    /// the table header, all but the last totals line).
    pub(crate) keep_with_next: bool,
    /// Part of the line table: a page that starts with it repeats the
    /// table header first.
    pub(crate) in_table: bool,
}

/// The vertical space blocks may use, in points from the top of the page.
pub(crate) struct Frame {
    /// Where the flow starts on the first page (below its header).
    pub(crate) first_top: f32,
    /// Where it starts on later pages (below the continuation header).
    pub(crate) next_top: f32,
    /// Where it must end on every page (above the footer).
    pub(crate) bottom: f32,
}

/// What every page but the first starts with.
pub(crate) struct Repeats<'a> {
    /// The continuation header, in page coordinates.
    pub(crate) continuation: &'a [Op],
    /// The table header, placed like a block.
    pub(crate) table_header: &'a Block,
}

struct Cursor<'a> {
    frame: &'a Frame,
    repeats: &'a Repeats<'a>,
    pages: Vec<Page>,
    y: f32,
    top: f32,
}

impl Cursor<'_> {
    fn at_page_start(&self) -> bool {
        self.y <= self.top + 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(self.repeats.continuation.to_vec());
        self.y = self.frame.next_top;
        self.top = self.y;
    }

    fn place(&mut self, block: &Block) {
        // A spacer never starts a page, nor pushes onto a new one (which
        // could leave a last page with nothing but a footer).
        if block.ops.is_empty() && (self.at_page_start() || block.height > self.frame.bottom - self.y) {
            return;
        }
        if block.height > self.frame.bottom - self.y && !self.at_page_start() {
            self.new_page();
        }
        if block.in_table && self.at_page_start() && self.pages.len() > 1 {
            let header = self.repeats.table_header;
            self.put(header);
        }
        self.put(block);
    }

    fn put(&mut self, block: &Block) {
        let y = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.extend(block.ops.iter().cloned().map(|op| op.shifted(y)));
        }
        self.y += block.height;
    }
}

/// Lays `blocks` out on as many pages as they need. The first page starts
/// with `first_page` (the header, in page coordinates).
pub(crate) fn paginate(frame: &Frame, repeats: &Repeats<'_>, first_page: Page, blocks: &[Block]) -> Vec<Page> {
    let mut cursor = Cursor { frame, repeats, pages: vec![first_page], y: frame.first_top, top: frame.first_top };
    let header_height = repeats.table_header.height;
    for group in groups(blocks) {
        let height: f32 = group.iter().map(|b| b.height).sum();
        let repeat = if group[0].in_table { header_height } else { 0.0 };
        let room_on_fresh_page = frame.bottom - frame.next_top - repeat;
        // Move the whole group when it does not fit here but would fit on a
        // fresh page; a group taller than a page just flows block by block.
        if height > frame.bottom - cursor.y && height <= room_on_fresh_page && !cursor.at_page_start() {
            cursor.new_page();
        }
        for block in group {
            cursor.place(block);
        }
    }
    cursor.pages
}

/// Splits the blocks into runs that stay together: each run ends with the
/// first block that does not ask to be kept with the next.
fn groups(blocks: &[Block]) -> Vec<&[Block]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for (i, block) in blocks.iter().enumerate() {
        if !block.keep_with_next || i + 1 == blocks.len() {
            groups.push(&blocks[start..=i]);
            start = i + 1;
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::INK;

    fn block(height: f32, in_table: bool) -> Block {
        let ops = vec![Op::Rect { x: 0.0, y: 0.0, w: 1.0, h: height, colour: INK }];
        Block { height, ops, keep_with_next: false, in_table }
    }

    #[test]
    fn rows_that_overflow_start_a_page_that_repeats_the_table_header() {
        let frame = Frame { first_top: 100.0, next_top: 50.0, bottom: 400.0 };
        let header =
            Block { height: 20.0, ops: vec![Op::Disc { cx: 0.0, cy: 0.0, r: 1.0, colour: INK }], ..Block::default() };
        let repeats = Repeats { continuation: &[], table_header: &header };
        let rows: Vec<Block> = (0..10).map(|_| block(50.0, true)).collect();
        let pages = paginate(&frame, &repeats, Vec::new(), &rows);
        // 6 rows fit below 100 on the first page, 6 more (after the repeated header) on the next.
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 6);
        assert!(matches!(pages[1][0], Op::Disc { cy, .. } if cy == 50.0));
        assert_eq!(pages[1].len(), 5);
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_the_line_it_introduces() {
        let frame = Frame { first_top: 0.0, next_top: 0.0, bottom: 100.0 };
        let header = Block::default();
        let repeats = Repeats { continuation: &[], table_header: &header };
        let mut heading = block(10.0, false);
        heading.keep_with_next = true;
        let blocks = vec![block(80.0, false), heading, block(15.0, false)];
        let pages = paginate(&frame, &repeats, Vec::new(), &blocks);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![1, 2]);
    }
}
