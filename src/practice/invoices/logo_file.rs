//! Reading a firm's logo file for its invoice PDFs.
//!
//! A logo uploaded on the branding page is read from the firm's own schema
//! ([`uploaded_logo`]). A logo given as a path on the platform (`/brand/ledgerline.svg`) is a
//! file under the site root, the folder the web server serves `public/`
//! from. It is read afresh for each PDF: logos are a few KiB, and a replaced
//! file then shows at once with nothing to invalidate. An address elsewhere
//! is never fetched (drawing a PDF uses no network), and anything that
//! cannot be read leaves the monogram in place: a logo problem must never
//! keep an invoice from being drawn.

use crate::brand::logo::LogoKind;
use crate::brand::{LogoFormat, LogoUrl, local_logo_path};
use crate::db::TenantTx;
use pespro_pdf::Logo;
use std::io::Read;
use std::path::Path;

/// Larger files are not read: the PDF is drawn in memory, and no logo needs
/// more.
pub const MAX_LOGO_BYTES: u64 = 512 * 1024;

/// The firm's uploaded logo, when its address names one (`/logo/…`) and it
/// is stored: read in the firm's transaction, before the drawing.
pub async fn uploaded_logo(tx: &mut TenantTx, logo: Option<&LogoUrl>) -> Result<Option<Logo>, sqlx::Error> {
    let Some((digest, _)) = logo.and_then(crate::brand::logo::uploaded_logo) else { return Ok(None) };
    let Some(stored) = crate::tenancy::stored_logo(tx, digest).await? else {
        tracing::warn!(digest, "the firm's uploaded logo is not stored; its PDFs show the monogram");
        return Ok(None);
    };
    Ok(match stored.kind {
        LogoKind::Png => Some(Logo::Png(stored.bytes)),
        LogoKind::Jpeg => Some(Logo::Jpeg(stored.bytes)),
        LogoKind::Webp => Some(Logo::Webp(stored.bytes)),
        // Stored as usvg wrote it: UTF-8.
        LogoKind::Svg => String::from_utf8(stored.bytes).ok().map(Logo::Svg),
    })
}

/// The logo a firm's PDFs carry: the uploaded one, or else a file under
/// `site_root` (read off the async workers: file I/O).
pub async fn pdf_logo(
    tx: &mut TenantTx,
    site_root: &Path,
    logo: Option<&LogoUrl>,
) -> Result<Option<Logo>, sqlx::Error> {
    if let Some(uploaded) = uploaded_logo(tx, logo).await? {
        return Ok(Some(uploaded));
    }
    let (root, url) = (site_root.to_path_buf(), logo.cloned());
    Ok(tokio::task::spawn_blocking(move || read_logo(&root, url.as_ref())).await.unwrap_or(None))
}

/// The firm's logo file under `site_root`, if `logo` names one that may be
/// read and it can be. Blocking file I/O: call it where the PDF is drawn,
/// off the async workers.
pub fn read_logo(site_root: &Path, logo: Option<&LogoUrl>) -> Option<Logo> {
    let (path, format) = local_logo_path(logo?)?;
    // `join` with an absolute path would replace the root: drop the one
    // leading slash (`local_logo_path` refused "//").
    let file = site_root.join(path.trim_start_matches('/'));
    let bytes = match read_small_file(&file) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            tracing::warn!(path, "the firm's logo is not a file of at most 512 KiB; its PDFs show the monogram");
            return None;
        }
        Err(error) => {
            tracing::warn!(path, %error, "the firm's logo could not be read; its PDFs show the monogram");
            return None;
        }
    };
    match format {
        LogoFormat::Png => Some(Logo::Png(bytes)),
        LogoFormat::Svg => match String::from_utf8(bytes) {
            Ok(text) => Some(Logo::Svg(text)),
            Err(_) => {
                tracing::warn!(path, "the firm's SVG logo is not UTF-8 text; its PDFs show the monogram");
                None
            }
        },
    }
}

/// The file's bytes, or `None` if it is not a regular file or is larger
/// than [`MAX_LOGO_BYTES`].
fn read_small_file(file: &Path) -> std::io::Result<Option<Vec<u8>>> {
    // Checked before opening: opening a FIFO would block.
    let metadata = std::fs::metadata(file)?;
    if !metadata.is_file() || metadata.len() > MAX_LOGO_BYTES {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)?.take(MAX_LOGO_BYTES + 1).read_to_end(&mut bytes)?;
    // The file may have grown since it was measured.
    Ok((bytes.len() as u64 <= MAX_LOGO_BYTES).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A site root of its own, with `files` (path below the root, contents).
    struct Site(PathBuf);

    impl Site {
        fn with(files: &[(&str, &[u8])]) -> Self {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let base = std::env::temp_dir().join(format!("pespro-logo-test-{}-{n}", std::process::id()));
            let root = base.join("site");
            for (path, bytes) in files {
                let file = base.join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(file, bytes).unwrap();
            }
            std::fs::create_dir_all(&root).unwrap();
            Site(root)
        }

        fn read(&self, logo: &str) -> Option<Logo> {
            read_logo(&self.0, Some(&LogoUrl::parse(logo).unwrap()))
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
        }
    }

    const SVG: &[u8] = b"<svg xmlns='http://www.w3.org/2000/svg' width='3' height='1'/>";

    #[test]
    fn a_local_svg_logo_is_read_from_the_site_root() {
        let site = Site::with(&[("site/brand/x.svg", SVG)]);
        assert_eq!(site.read("/brand/x.svg"), Some(Logo::Svg(String::from_utf8(SVG.to_vec()).unwrap())));
    }

    #[test]
    fn a_local_png_logo_is_read_as_bytes() {
        let site = Site::with(&[("site/brand/x.png", b"\x89PNG bytes")]);
        assert_eq!(site.read("/brand/x.png"), Some(Logo::Png(b"\x89PNG bytes".to_vec())));
    }

    #[test]
    fn no_logo_or_a_missing_file_reads_nothing() {
        let site = Site::with(&[]);
        assert_eq!(read_logo(&site.0, None), None);
        assert_eq!(site.read("/brand/missing.svg"), None);
    }

    #[test]
    fn a_logo_path_with_dot_dot_is_never_read_even_if_the_file_exists() {
        // `outside.svg` sits beside the site root, where `..` would reach.
        let site = Site::with(&[("outside.svg", SVG)]);
        assert_eq!(site.read("/../outside.svg"), None);
    }

    #[test]
    fn an_https_logo_is_never_fetched() {
        let site = Site::with(&[]);
        assert_eq!(site.read("https://cdn.example/logo.svg"), None);
    }

    #[test]
    fn a_logo_file_over_512_kib_is_never_read() {
        let big = vec![b' '; MAX_LOGO_BYTES as usize + 1];
        let exact = vec![b' '; MAX_LOGO_BYTES as usize];
        let site = Site::with(&[("site/big.svg", &big), ("site/exact.svg", &exact)]);
        assert_eq!(site.read("/big.svg"), None);
        assert!(site.read("/exact.svg").is_some(), "512 KiB itself is allowed");
    }

    #[test]
    fn a_folder_or_non_utf8_svg_is_not_a_logo() {
        let site = Site::with(&[("site/dir.svg/inside", b"x"), ("site/latin1.svg", b"<svg>\xe9</svg>")]);
        assert_eq!(site.read("/dir.svg"), None);
        assert_eq!(site.read("/latin1.svg"), None);
    }
}
