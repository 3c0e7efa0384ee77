//! What makes an uploaded SVG more than a drawing: scripts and event
//! handlers, embedded web content, and references to other files or
//! addresses. Such a logo is refused with the reason, so the admin learns
//! their file carries it (and nothing half-cleaned is stored behind their
//! back); a drawing without any is still re-written by `usvg` before it is
//! kept, which would drop all of these anyway (`logo.rs`).

use usvg::roxmltree::{Document, Node, ParsingOptions};

/// The kind of active content found first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveContent {
    /// `<script>`, an `on…` event attribute, or an animation that sets one.
    Script,
    /// `<foreignObject>` (HTML inside the SVG), `<iframe>`, `<object>`, `<embed>`.
    Embedded,
    /// A link or reference to another file or address: `href` other than a
    /// fragment or an embedded raster image, a style sheet `@import` or `url(…)`.
    Reference,
}

/// The first active content in `text`; `None` for a plain drawing, and for
/// a document that does not parse (`usvg` refuses it as damaged).
pub fn active_content(text: &str) -> Option<ActiveContent> {
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let document = Document::parse_with_options(text, options).ok()?;
    document.descendants().filter(Node::is_element).find_map(in_element)
}

fn in_element(node: Node<'_, '_>) -> Option<ActiveContent> {
    let name = node.tag_name().name().to_ascii_lowercase();
    match name.as_str() {
        "script" | "handler" | "listener" => return Some(ActiveContent::Script),
        "foreignobject" | "iframe" | "object" | "embed" => return Some(ActiveContent::Embedded),
        "style" if node.text().is_some_and(refers_elsewhere) => return Some(ActiveContent::Reference),
        _ => {}
    }
    node.attributes().find_map(|attribute| {
        let (key, value) = (attribute.name().to_ascii_lowercase(), attribute.value());
        if key.starts_with("on") || (key == "attributename" && value.trim().to_ascii_lowercase().starts_with("on")) {
            Some(ActiveContent::Script)
        } else if (key == "href" && !is_local(value)) || (key == "style" && refers_elsewhere(value)) {
            Some(ActiveContent::Reference)
        } else {
            None
        }
    })
}

/// A fragment of this document, or a raster image inside it.
fn is_local(href: &str) -> bool {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    href.starts_with('#')
        || ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/webp"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// CSS that imports or points at anything but a fragment of this document.
fn refers_elsewhere(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    lower.contains("@import")
        || lower.match_indices("url(").any(|(at, _)| {
            let target = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
            !target.starts_with('#')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Option<ActiveContent> {
        active_content(&format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32">{body}</svg>"#
        ))
    }

    #[test]
    fn a_plain_drawing_with_gradients_fragments_and_embedded_pixels_is_no_active_content() {
        let body = r##"<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
            <rect width="32" height="32" fill="url(#g)" style="fill: url('#g')"/><use href="#g"/>
            <image width="4" height="4" href="data:image/png;base64,iVBORw0KGgo="/>"##;
        assert_eq!(found(body), None);
    }

    #[test]
    fn scripts_event_attributes_and_animations_that_set_them_are_scripts() {
        for body in [
            "<script>alert(1)</script>",
            r#"<SCRIPT>alert(1)</SCRIPT>"#,
            r#"<g onclick="steal()"/>"#,
            r#"<rect ONLOAD="x()"/>"#,
            r#"<set attributeName="onmouseover" to="alert(3)"/>"#,
        ] {
            assert_eq!(found(body), Some(ActiveContent::Script), "{body}");
        }
    }

    #[test]
    fn html_inside_the_svg_is_embedded_content() {
        let body = r#"<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><p>hi</p></body></foreignObject>"#;
        assert_eq!(found(body), Some(ActiveContent::Embedded));
        assert_eq!(found(r#"<iframe src="https://evil.example/"/>"#), Some(ActiveContent::Embedded));
    }

    #[test]
    fn links_and_references_to_other_files_are_references() {
        for body in [
            r#"<a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a>"#,
            r#"<image href="https://evil.example/track.png"/>"#,
            r#"<use xlink:href="sprite.svg#icon"/>"#,
            r#"<image href="data:image/svg+xml;base64,PHN2Zy8+"/>"#,
            "<style>@import url(https://evil.example/x.css);</style>",
            r#"<style>rect { fill: url( "https://evil.example/p.svg#p") }</style>"#,
            r#"<rect style="fill: url(file:///etc/passwd)"/>"#,
        ] {
            assert_eq!(found(body), Some(ActiveContent::Reference), "{body}");
        }
    }

    #[test]
    fn a_document_that_does_not_parse_is_left_to_the_drawing_check() {
        assert_eq!(active_content("<svg><script>"), None);
    }
}
