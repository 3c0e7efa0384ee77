//! The uploaded-logo checks, against files made by other tools (Pillow,
//! for the JPEG and WebP fixtures; the `png` encoder for PNGs) and SVGs
//! written by hand the way an attacker would.

use super::*;

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![0x55; (width * height * 3) as usize]).unwrap();
    writer.finish().unwrap();
    bytes
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/brand/logo_fixtures").join(name)).unwrap()
}

/// What the second line of defence keeps of an SVG: the tests below feed
/// it what the first (`svg_active`, refusing) would have stopped.
fn sanitised(svg: &str) -> String {
    String::from_utf8(svg_drawing(svg).expect("a drawable SVG").bytes).unwrap()
}

const SQUARE: &str = r##"<rect width="32" height="32" fill="#1e3a8a"/>"##;

#[test]
fn a_png_jpeg_and_webp_are_accepted_with_their_type_and_size_read_from_the_bytes() {
    for (bytes, kind) in [
        (png(64, 32), LogoKind::Png),
        (fixture("mark-64.jpg"), LogoKind::Jpeg),
        (fixture("mark-64.webp"), LogoKind::Webp),
    ] {
        let logo = check_logo(&bytes).unwrap();
        assert_eq!(logo.kind, kind);
        assert_eq!(logo.bytes, bytes, "raster files are stored as sent");
        assert!(logo.width == 64 && logo.height >= 32, "{kind:?} {}×{}", logo.width, logo.height);
    }
}

#[test]
fn a_logo_is_named_by_the_hash_of_its_bytes_and_its_type() {
    let logo = check_logo(&png(32, 32)).unwrap();
    assert_eq!(logo.file_name().len(), 64 + ".png".len());
    assert!(logo.file_name().ends_with(".png"));
    assert_ne!(logo.digest(), check_logo(&png(33, 32)).unwrap().digest());
}

#[test]
fn a_file_that_is_no_image_is_refused_whatever_its_name_says() {
    for bytes in [&b"<html><script>alert(1)</script></html>"[..], b"GIF89a\x01\x00\x01\x00", b"%PDF-1.7", b"\x00\x01"] {
        assert_eq!(check_logo(bytes), Err(LogoError::UnknownType), "{bytes:?}");
    }
}

#[test]
fn an_empty_or_oversized_file_is_refused_before_it_is_read() {
    assert_eq!(check_logo(b""), Err(LogoError::Empty));
    let mut big = png(32, 32);
    big.resize(MAX_LOGO_BYTES + 1, 0);
    assert_eq!(check_logo(&big), Err(LogoError::TooLarge(513)));
}

#[test]
fn truncated_images_of_every_kind_are_refused_as_damaged() {
    let whole = png(64, 64);
    assert_eq!(check_logo(&whole[..whole.len() - 20]), Err(LogoError::Unreadable("PNG")));
    assert_eq!(check_logo(&fixture("mark-64-truncated.jpg")), Err(LogoError::Unreadable("JPEG")));
    assert_eq!(check_logo(&fixture("mark-64-truncated.webp")), Err(LogoError::Unreadable("WebP")));
}

#[test]
fn images_too_small_too_large_or_too_narrow_are_refused_with_their_size() {
    assert_eq!(check_logo(&png(8, 8)), Err(LogoError::Dimensions(8, 8)));
    assert_eq!(check_logo(&fixture("strip-4000x20.jpg")), Err(LogoError::Dimensions(4000, 20)));
    assert_eq!(check_logo(&png(400, 40)), Err(LogoError::Aspect(400, 40)));
    assert!(check_logo(&png(320, 40)).is_ok(), "8:1 is still a logo");
}

#[test]
fn a_hostile_svg_is_refused_saying_what_it_carries_and_a_plain_one_is_kept() {
    let svg =
        |body: &str| format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">{body}{SQUARE}</svg>"#);
    assert_eq!(check_logo(svg("<script>alert(1)</script>").as_bytes()), Err(LogoError::Active(ActiveContent::Script)));
    assert_eq!(
        check_logo(svg("<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>").as_bytes()),
        Err(LogoError::Active(ActiveContent::Embedded))
    );
    assert_eq!(
        check_logo(svg(r#"<image width="1" height="1" href="https://evil.example/t.png"/>"#).as_bytes()),
        Err(LogoError::Active(ActiveContent::Reference))
    );
    assert_eq!(LogoError::Active(ActiveContent::Script).problem(), LogoProblem::SvgScript);
    assert!(check_logo(svg("").as_bytes()).is_ok());
}

#[test]
fn scripts_and_event_attributes_do_not_survive_an_svg() {
    let out = sanitised(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" onload="alert(1)">
             <script>alert(2)</script><g onclick="steal()">{SQUARE}</g>
             <set attributeName="onmouseover" to="alert(3)"/></svg>"#
    ));
    for bad in ["script", "alert", "onload", "onclick", "steal", "onmouseover"] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
    assert!(out.contains("<path") && out.contains("#1e3a8a"), "the drawing is kept: {out}");
}

#[test]
fn foreign_html_and_links_do_not_survive_an_svg() {
    let out = sanitised(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32">
             <foreignObject width="32" height="32"><body xmlns="http://www.w3.org/1999/xhtml">
               <iframe src="https://evil.example/"></iframe></body></foreignObject>
             <a xlink:href="javascript:alert(1)">{SQUARE}</a></svg>"#
    ));
    for bad in ["foreignObject", "iframe", "evil.example", "javascript", "<a"] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
}

#[test]
fn nothing_outside_the_svg_is_fetched_or_referenced() {
    let out = sanitised(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32">
             <style>@import url(https://evil.example/x.css); rect {{ fill: url(https://evil.example/p.svg#p) }}</style>
             <image width="32" height="32" href="https://evil.example/track.png"/>
             <image width="32" height="32" xlink:href="file:///etc/passwd"/>
             <use xlink:href="https://evil.example/sprite.svg#icon"/>
             <image width="8" height="8" href="data:image/svg+xml;base64,PHN2Zy8+"/>
             {SQUARE}</svg>"#
    ));
    for bad in ["evil.example", "passwd", "@import", "image/svg+xml", "<image", "<use"] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
}

#[test]
fn an_external_entity_is_never_read_into_an_svg() {
    let svg = format!(
        r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
           <svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><title>&secret;</title>{SQUARE}</svg>"#
    );
    match check_logo(svg.as_bytes()) {
        Ok(logo) => assert!(!String::from_utf8(logo.bytes).unwrap().contains("root:")),
        Err(e) => assert_eq!(e, LogoError::Unreadable("SVG")),
    }
}

#[test]
fn an_entity_bomb_is_refused_rather_than_expanded() {
    let mut doctype = String::from(r#"<!ENTITY a0 "dhaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">"#);
    for level in 1..10 {
        let prev = format!("&a{};", level - 1);
        doctype.push_str(&format!(r#"<!ENTITY a{level} "{}">"#, prev.repeat(10)));
    }
    let svg = format!(
        r#"<?xml version="1.0"?><!DOCTYPE svg [{doctype}]><svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><desc>&a9;</desc>{SQUARE}</svg>"#
    );
    assert_eq!(check_logo(svg.as_bytes()), Err(LogoError::Unreadable("SVG")));
}

#[test]
fn an_svg_of_text_alone_has_nothing_to_show() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20"><text y="15">ACME</text></svg>"#;
    assert_eq!(check_logo(svg.as_bytes()), Err(LogoError::NothingToDraw));
}

#[test]
fn a_broken_svg_is_refused_as_damaged() {
    assert_eq!(check_logo(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect"), Err(LogoError::Unreadable("SVG")));
}

#[test]
fn a_very_wide_svg_is_refused_like_a_very_wide_image() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="900" height="10"><rect width="900" height="10" fill="#000"/></svg>"##;
    assert_eq!(check_logo(svg.as_bytes()), Err(LogoError::Aspect(900, 10)));
}

#[test]
fn a_logo_address_is_a_sha256_and_a_known_extension() {
    let digest = "a".repeat(64);
    assert_eq!(parse_logo_file(&format!("{digest}.png")), Some((digest.as_str(), LogoKind::Png)));
    for bad in [format!("{digest}.exe"), format!("{}.png", "A".repeat(64)), "x.png".into(), digest.clone()] {
        assert_eq!(parse_logo_file(&bad), None, "{bad}");
    }
}

#[test]
fn only_addresses_under_logo_are_uploaded_logos() {
    let digest = "b".repeat(64);
    let url = |raw: &str| crate::brand::LogoUrl::parse(raw).unwrap();
    assert_eq!(uploaded_logo(&url(&format!("/logo/{digest}.svg"))), Some((digest.as_str(), LogoKind::Svg)));
    assert_eq!(uploaded_logo(&url(&format!("/brand/{digest}.svg"))), None);
    assert_eq!(uploaded_logo(&url(&format!("https://cdn.example/logo/{digest}.svg"))), None);
}

#[test]
fn a_tab_icon_is_square_or_nearly_and_otherwise_a_logo() {
    assert!(check_icon(&png(32, 32)).is_ok());
    assert!(check_icon(&png(40, 32)).is_ok(), "5:4 is still a square to the eye");
    assert_eq!(check_icon(&png(41, 32)), Err(LogoError::NotSquare(41, 32)));
    assert_eq!(check_icon(&png(32, 64)), Err(LogoError::NotSquare(32, 64)));
    assert_eq!(check_icon(b"GIF89a"), Err(LogoError::UnknownType), "the logo's own checks come first");
    assert_eq!(LogoError::NotSquare(1, 2).problem(), LogoProblem::NotSquare);
}
