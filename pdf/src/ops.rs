//! The display list: what layout decided, before anything is written.
//!
//! Layout needs to know how many pages there are before it can print
//! "Page 1 of N", and it must measure text to wrap and right-align it. Keeping
//! its output as plain data (positions in points, top-left origin, y down, as
//! krilla uses) separates those decisions from the PDF writer and makes them
//! easy to inspect.

/// An sRGB colour.
pub(crate) type Rgb = [u8; 3];

/// Body text colour: near-black reads softer than pure black in print.
pub(crate) const INK: Rgb = [0x22, 0x22, 0x22];
/// Secondary text (labels, details, page numbers).
pub(crate) const MUTED: Rgb = [0x6b, 0x6b, 0x6b];
/// Hairlines between rows.
pub(crate) const RULE: Rgb = [0xd0, 0xd0, 0xd0];
/// Light fill for zebra rows and the Compact design's table header.
pub(crate) const SHADE: Rgb = [0xf1, 0xf1, 0xf1];

/// Which of the two embedded faces to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One drawing instruction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// A filled rectangle.
    Rect { x: f32, y: f32, w: f32, h: f32, colour: Rgb },
    /// A horizontal or vertical hairline (any straight line, in fact).
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, colour: Rgb },
    /// A filled circle (the monogram's disc).
    Disc { cx: f32, cy: f32, r: f32, colour: Rgb },
    /// One line of text; `x` is its left edge (layout has already aligned it),
    /// `baseline` its baseline.
    Text { x: f32, baseline: f32, size: f32, weight: Weight, colour: Rgb, text: String },
    /// The firm's logo, scaled into this box.
    Logo { x: f32, y: f32, w: f32, h: f32 },
    /// The stamp ("PAID", "VOID"): outlined box and text, semi-transparent,
    /// rotated by `angle` degrees about the centre.
    Stamp { cx: f32, cy: f32, size: f32, angle: f32, colour: Rgb, text: String, text_width: f32 },
}

impl Op {
    /// The same instruction moved down by `dy` points.
    pub(crate) fn shifted(mut self, dy: f32) -> Self {
        match &mut self {
            Op::Rect { y, .. } | Op::Logo { y, .. } => *y += dy,
            Op::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Op::Disc { cy, .. } | Op::Stamp { cy, .. } => *cy += dy,
            Op::Text { baseline, .. } => *baseline += dy,
        }
        self
    }
}

/// One page of the display list.
pub(crate) type Page = Vec<Op>;
