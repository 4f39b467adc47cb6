//! Finding and loading the CJK font used for PNG output.
//!
//! In a Noto Sans CJK collection the first face is Japanese, whose glyph
//! forms differ from the mainland standard for some characters, so the face
//! whose family name ends in "SC" is picked.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ab_glyph::{Font, FontArc, FontVec};

use crate::error::ChartError;

/// Environment variable that overrides the font search with one file.
pub const FONT_ENV: &str = "DASHBOARD_CJK_FONT";

/// Where distributions put a CJK sans-serif font, best first. The bold
/// variant is looked up beside the regular one.
const CANDIDATES: &[&str] = &[
    // Debian / Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    // Arch: noto-fonts-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    // Fedora: google-noto-sans-cjk-fonts
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    // Alpine: font-noto-cjk
    "/usr/share/fonts/noto/NotoSansCJK-Regular.ttc",
    // Debian / Ubuntu: fonts-wqy-microhei (smaller fallback)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    // macOS
    "/System/Library/Fonts/PingFang.ttc",
];

/// A loaded CJK font, ready for [`crate::render_png`]. Load it once at start
/// (≈ 20 MB for Noto Sans CJK) and share it; cloning is cheap.
#[derive(Clone)]
pub struct CjkFont {
    inner: Arc<Loaded>,
}

struct Loaded {
    path: PathBuf,
    regular: FontArc,
    /// Same family in bold, when installed next to the regular file.
    bold: Option<FontArc>,
}

impl std::fmt::Debug for CjkFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CjkFont")
            .field("path", &self.inner.path)
            .field("bold", &self.inner.bold.is_some())
            .finish()
    }
}

impl CjkFont {
    /// Finds a CJK font: `$DASHBOARD_CJK_FONT` if set (and then only that),
    /// else the usual install locations of Noto Sans CJK and a few others.
    pub fn locate() -> Result<Self, ChartError> {
        if let Some(path) = std::env::var_os(FONT_ENV).filter(|p| !p.is_empty()) {
            return Self::from_path(Path::new(&path));
        }
        let mut tried = Vec::new();
        let mut detail = None;
        for candidate in CANDIDATES {
            let path = Path::new(candidate);
            tried.push(path.to_path_buf());
            if !path.is_file() {
                continue;
            }
            match Self::from_path(path) {
                Ok(font) => return Ok(font),
                Err(ChartError::FontMissing { detail: d, .. }) => detail = d,
                Err(other) => return Err(other),
            }
        }
        Err(ChartError::FontMissing { tried, detail })
    }

    /// Loads one font file (.ttc, .otf or .ttf).
    pub fn from_path(path: &Path) -> Result<Self, ChartError> {
        let regular = load(path).map_err(|detail| ChartError::FontMissing {
            tried: vec![path.to_path_buf()],
            detail: Some(detail),
        })?;
        let bold = bold_sibling(path).and_then(|p| load(&p).ok());
        Ok(Self {
            inner: Arc::new(Loaded {
                path: path.to_path_buf(),
                regular,
                bold,
            }),
        })
    }

    /// The file the font was loaded from.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub(crate) fn face(&self, bold: bool) -> &FontArc {
        match (&self.inner.bold, bold) {
            (Some(b), true) => b,
            _ => &self.inner.regular,
        }
    }
}

fn bold_sibling(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    name.contains("Regular")
        .then(|| path.with_file_name(name.replace("Regular", "Bold")))
        .filter(|p| p.is_file())
}

fn load(path: &Path) -> Result<FontArc, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let index = simplified_chinese_face(&bytes).unwrap_or(0);
    let font = FontVec::try_from_vec_and_index(bytes, index)
        .map_err(|_| format!("{} is not a font file", path.display()))?;
    if font.glyph_id('中').0 == 0 {
        return Err(format!("{} has no Chinese glyphs", path.display()));
    }
    Ok(FontArc::new(font))
}

/// Index of the face in a collection whose family name marks it as
/// Simplified Chinese ("Noto Sans CJK SC", "PingFang SC").
fn simplified_chinese_face(bytes: &[u8]) -> Option<u32> {
    let count = ttf_parser::fonts_in_collection(bytes)?;
    (0..count).find(|&i| {
        let Ok(face) = ttf_parser::Face::parse(bytes, i) else {
            return false;
        };
        face.names().into_iter().any(|name| {
            name.name_id == ttf_parser::name_id::FAMILY
                && name.to_string().is_some_and(|n| n.ends_with(" SC"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_error_names_the_path_and_the_fix() {
        let err = CjkFont::from_path(Path::new("/nonexistent/font.ttc")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/nonexistent/font.ttc"), "{msg}");
        assert!(msg.contains("apt-get install fonts-noto-cjk"), "{msg}");
    }

    #[test]
    fn noto_collection_yields_the_simplified_chinese_face() {
        let font = CjkFont::locate().unwrap_or_else(|e| panic!("{e}"));
        if font.path().to_string_lossy().contains("NotoSansCJK") {
            let bytes = std::fs::read(font.path()).unwrap();
            let index = simplified_chinese_face(&bytes).expect("an SC face");
            let face = ttf_parser::Face::parse(&bytes, index).unwrap();
            let family = face
                .names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
                .find_map(|n| n.to_string())
                .unwrap();
            assert!(family.ends_with("SC"), "picked {family}");
        }
    }
}
