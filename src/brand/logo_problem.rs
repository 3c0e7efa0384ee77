//! Why an uploaded logo was refused, as the branding page says it. The
//! upload is a plain form post answered with a redirect back to the page,
//! so the reason travels as a short code in the address (never as text: a
//! sentence in an address could be forged into a phishing message) and the
//! page turns it into its sentence.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    Missing,
    TooLarge,
    UnknownType,
    Damaged,
    Dimensions,
    Aspect,
    NothingToDraw,
    SvgScript,
    SvgEmbedded,
    SvgReference,
    NotSquare,
}

impl LogoProblem {
    pub const ALL: [Self; 11] = [
        Self::Missing,
        Self::TooLarge,
        Self::UnknownType,
        Self::Damaged,
        Self::Dimensions,
        Self::Aspect,
        Self::NothingToDraw,
        Self::SvgScript,
        Self::SvgEmbedded,
        Self::SvgReference,
        Self::NotSquare,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::TooLarge => "too-large",
            Self::UnknownType => "type",
            Self::Damaged => "damaged",
            Self::Dimensions => "dimensions",
            Self::Aspect => "aspect",
            Self::NothingToDraw => "nothing-to-draw",
            Self::SvgScript => "svg-script",
            Self::SvgEmbedded => "svg-embedded",
            Self::SvgReference => "svg-reference",
            Self::NotSquare => "not-square",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }

    pub fn sentence(self) -> &'static str {
        match self {
            Self::Missing => "Choose an image file to upload.",
            Self::TooLarge => "A logo can be at most 512 KB.",
            Self::UnknownType => "A logo is a PNG, JPEG, WebP or SVG image, and this file is none of those.",
            Self::Damaged => "The image is damaged or incomplete. Export it again and upload the new file.",
            Self::Dimensions => "A logo is 16 to 2048 pixels on each side.",
            Self::Aspect => "A logo is at most 8 times wider than high (or higher than wide).",
            Self::NothingToDraw => {
                "This SVG has nothing a logo can show; text is not drawn, so convert it to outlines."
            }
            Self::SvgScript => {
                "This SVG contains a script or an event handler (like onload). A logo must be a plain drawing: \
                 export it again without scripts or interactivity."
            }
            Self::SvgEmbedded => {
                "This SVG embeds web content (foreignObject, iframe, object or embed). Export the logo again as a plain drawing."
            }
            Self::NotSquare => {
                "A tab icon is square (or nearly: at most 5:4). Crop it to a square and upload it again."
            }
            Self::SvgReference => {
                "This SVG links to or loads another file or address (a link, an outside image or style sheet). \
                 Export it again with everything inside the file, or upload a PNG."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_found_again_by_its_code() {
        for problem in LogoProblem::ALL {
            assert_eq!(LogoProblem::from_code(problem.code()), Some(problem));
        }
    }

    #[test]
    fn an_unknown_code_is_no_problem_at_all() {
        assert_eq!(LogoProblem::from_code("Call 555-0100"), None);
    }
}
