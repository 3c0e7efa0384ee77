//! The firm's logo: PNG, JPEG, WebP or SVG, drawn where the monogram would be, within a
//! fixed box and keeping its proportions; a file that cannot be drawn is an
//! error, never a panic. Vector art is invisible to `pdfimages`, so SVG logos
//! are checked on the page as poppler paints it, by their colour.

use crate::support::{Raster, png_logo, poppler, sheet, svg_logo, text_of};
use pespro_pdf::{Design, Logo, PdfError, render};

/// Not used anywhere else on the sample sheet.
const ORANGE: [u8; 3] = [0xe4, 0x57, 0x2e];
const ORANGE_HEX: &str = "#e4572e";

/// The height of each design's logo box, in points (see `designs.rs`).
const BOX_HEIGHTS: [(Design, f32); 3] = [(Design::Classic, 48.0), (Design::Modern, 44.0), (Design::Compact, 30.0)];

/// Where (x0, y0, x1, y1) and how many orange pixels page 1 has.
fn orange_on_page(design: Design, logo: Option<Logo>) -> Option<((usize, usize, usize, usize), usize)> {
    let mut sheet = sheet(design);
    sheet.logo = logo;
    Raster::of(&render(&sheet).expect("the sheet renders")).extent_of(ORANGE)
}

fn assert_near(what: &str, actual: usize, expected: f32) {
    assert!((actual as f32 - expected).abs() <= 1.5, "{what}: {actual} px, expected about {expected}");
}

#[test]
fn an_svg_logo_is_drawn_in_its_colour_in_the_logo_box_instead_of_the_monogram() {
    for (design, height) in BOX_HEIGHTS {
        assert_eq!(orange_on_page(design, None), None, "{design:?}: orange without a logo");
        let logo = Logo::Svg(svg_logo(300, 100, ORANGE_HEX));
        let ((x0, y0, x1, y1), count) =
            orange_on_page(design, Some(logo.clone())).unwrap_or_else(|| panic!("{design:?}: no logo on the page"));
        let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
        // At the top left, in the header, where the monogram otherwise is.
        assert!(x1 < 297 && y1 < 150, "{design:?}: logo at ({x0}, {y0})–({x1}, {y1})");
        assert_near("height", h, height);
        assert_near("width", w, height * 3.0);
        assert!(count as f32 >= 0.95 * (w * h) as f32, "{design:?}: a solid logo, {count} of {w}×{h} px");
        let monogram = |logo: Option<Logo>| {
            let mut sheet = sheet(design);
            sheet.logo = logo;
            text_of(&render(&sheet).unwrap()).split_whitespace().any(|w| w == "DA")
        };
        assert!(monogram(None), "{design:?}: no monogram without a logo");
        assert!(!monogram(Some(logo)), "{design:?}: the monogram is drawn as well as the logo");
    }
}

#[test]
fn an_svg_logo_keeps_its_proportions_within_the_logo_box() {
    let extent = |w, h| {
        let ((x0, y0, x1, y1), _) =
            orange_on_page(Design::Classic, Some(Logo::Svg(svg_logo(w, h, ORANGE_HEX)))).expect("a logo");
        (x1 - x0 + 1, y1 - y0 + 1)
    };
    // Taller than wide: the box's full height, half as wide.
    let (w, h) = extent(50, 100);
    assert_near("tall logo's height", h, 48.0);
    assert_near("tall logo's width", w, 24.0);
    // Ten times wider than high: capped at three heights wide, still 10:1.
    let (w, h) = extent(1000, 100);
    assert_near("wide logo's width", w, 144.0);
    assert_near("wide logo's height", h, 14.4);
}

#[test]
fn an_svg_that_cannot_be_read_is_a_logo_error_not_a_panic() {
    for bad in [
        "",
        "not an image at all",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"",
        "<html><body>logo</body></html>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>",
    ] {
        let mut sheet = sheet(Design::Classic);
        sheet.logo = Some(Logo::Svg(bad.to_owned()));
        let error = render(&sheet).expect_err("a bad SVG is refused");
        assert!(matches!(error, PdfError::Logo(_)), "{bad:?}: {error:?}");
        assert!(error.to_string().contains("logo"), "{error}");
    }
}

#[test]
fn an_svg_logo_never_reads_the_files_it_names() {
    let png = std::env::temp_dir().join(format!("pespro-pdf-test-{}-named.png", std::process::id()));
    std::fs::write(&png, png_logo()).unwrap();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 40\">\
         <image href=\"{}\" width=\"120\" height=\"40\"/><rect width=\"10\" height=\"10\" fill=\"{ORANGE_HEX}\"/></svg>",
        png.display()
    );
    let mut sheet = sheet(Design::Classic);
    sheet.logo = Some(Logo::Svg(svg));
    let pdf = render(&sheet).expect("the logo renders, without its image");
    let _ = std::fs::remove_file(&png);
    let images = poppler("pdfimages", &["-list"], &[], &pdf);
    assert_eq!(images.lines().count(), 2, "no image expected:\n{images}");
    assert!(Raster::of(&pdf).extent_of(ORANGE).is_some(), "the rest of the logo is drawn");
}

#[test]
fn a_png_logo_is_embedded_as_an_image() {
    let mut sheet = sheet(Design::Classic);
    sheet.logo = Some(Logo::Png(png_logo()));
    let images = poppler("pdfimages", &["-list"], &[], &render(&sheet).unwrap());
    assert_eq!(images.lines().count(), 3, "one image expected:\n{images}");
}

#[test]
fn jpeg_and_webp_logos_are_embedded_as_images() {
    // Made with Pillow (the upload checks' fixtures in the main crate).
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/brand/logo_fixtures");
    for (kind, logo) in [
        ("JPEG", Logo::Jpeg(std::fs::read(fixtures.join("mark-64.jpg")).unwrap())),
        ("WebP", Logo::Webp(std::fs::read(fixtures.join("mark-64.webp")).unwrap())),
    ] {
        let mut sheet = sheet(Design::Classic);
        sheet.logo = Some(logo);
        let images = poppler("pdfimages", &["-list"], &[], &render(&sheet).unwrap());
        assert_eq!(images.lines().count(), 3, "{kind}: one image expected:\n{images}");
    }
}

#[test]
fn a_jpeg_that_is_not_one_is_an_error_not_a_panic() {
    let mut sheet = sheet(Design::Modern);
    sheet.logo = Some(Logo::Jpeg(b"GIF89a this is not a JPEG".to_vec()));
    assert!(matches!(render(&sheet), Err(PdfError::Logo(_))));
}

#[test]
fn a_logo_that_is_not_a_png_is_an_error_not_a_panic() {
    let mut sheet = sheet(Design::Modern);
    sheet.logo = Some(Logo::Png(b"GIF89a this is not a PNG".to_vec()));
    let error = render(&sheet).expect_err("a bad logo is refused");
    assert!(matches!(error, PdfError::Logo(_)), "{error:?}");
    assert!(error.to_string().contains("logo"), "{error}");
}

#[test]
fn a_png_with_corrupt_pixels_is_an_error_not_a_panic() {
    let mut logo = png_logo();
    // The header stays intact (so the logo's size can be read up front); the
    // compressed pixels are spoilt, which only shows when they are decoded.
    let data = logo.windows(4).position(|w| w == b"IDAT").expect("an IDAT chunk") + 4;
    for byte in &mut logo[data + 2..data + 12] {
        *byte ^= 0xff;
    }
    let mut sheet = sheet(Design::Compact);
    sheet.logo = Some(Logo::Png(logo));
    let error = render(&sheet).expect_err("a corrupt logo is refused");
    assert!(matches!(error, PdfError::Logo(_)), "{error:?}");
}
