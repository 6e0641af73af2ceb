//! The fonts a render may use: a [`FontLibrary`].
//!
//! Compiled in: DejaVu Sans (Latin, Greek, Cyrillic and more) and the Noto Sans faces for
//! Arabic, Hebrew, Devanagari and Thai, regular and bold. Large fonts (CJK, emoji) come from a
//! folder named at start-up (`CHARTFN_FONT_DIR`, a Lambda layer): each font file there is mapped
//! into memory once and registered under its family name — no fontconfig, no cache file, nothing
//! read while rendering. The library is configuration passed to each render, not global state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

static DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static DEJAVU_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
static ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
static ARABIC_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf");
static HEBREW: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");
static HEBREW_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf");
static DEVANAGARI: &[u8] = include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf");
static DEVANAGARI_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansDevanagari-Bold.ttf");
static THAI: &[u8] = include_bytes!("../../assets/fonts/NotoSansThai-Regular.ttf");
static THAI_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansThai-Bold.ttf");

/// The family drawn when the spec names none.
pub const DEFAULT_FAMILY: &str = "DejaVu Sans";

/// At most this many font files are read from a folder, each at most this large.
const MAX_FILES: usize = 64;
const MAX_FILE_BYTES: u64 = 256 << 20;

/// One face of a font file.
#[derive(Debug, Clone)]
pub struct FaceFile {
    pub family: String,
    pub bold: bool,
    pub data: &'static [u8],
    /// The face's index in a collection (`.ttc`), else 0.
    pub index: u32,
}

/// A family's regular and bold faces (indices into the library), either possibly missing.
#[derive(Debug, Clone)]
pub struct Family {
    pub name: String,
    pub regular: Option<usize>,
    pub bold: Option<usize>,
}

impl Family {
    /// The face for this weight, else the other weight.
    pub fn face(&self, bold: bool) -> usize {
        let (want, other) = if bold {
            (self.bold, self.regular)
        } else {
            (self.regular, self.bold)
        };
        want.or(other).expect("a family has at least one face")
    }
}

/// Every registered face, and the families they form in fallback order: the compiled-in ones
/// first (DejaVu Sans, then the Noto scripts), then the folder's in file-name order.
#[derive(Debug, Clone)]
pub struct FontLibrary {
    inner: Arc<Library>,
}

#[derive(Debug)]
struct Library {
    faces: Vec<FaceFile>,
    families: Vec<Family>,
    folder: Option<PathBuf>,
}

/// Two libraries are equal when they hold the same faces of the same files (configuration
/// compares equal when it was read from the same environment).
impl PartialEq for FontLibrary {
    fn eq(&self, other: &FontLibrary) -> bool {
        let same = |a: &FaceFile, b: &FaceFile| {
            a.family == b.family
                && a.bold == b.bold
                && a.index == b.index
                && std::ptr::eq(a.data, b.data)
        };
        self.faces().len() == other.faces().len()
            && self
                .faces()
                .iter()
                .zip(other.faces())
                .all(|(a, b)| same(a, b))
    }
}

impl Default for FontLibrary {
    fn default() -> Self {
        FontLibrary::builtin()
    }
}

impl FontLibrary {
    /// The compiled-in fonts only.
    pub fn builtin() -> FontLibrary {
        FontLibrary::from_faces(builtin_faces(), None)
    }

    /// The compiled-in fonts and every font file in `folder` (and its subfolders, three levels
    /// deep): `.ttf`, `.otf`, `.ttc` and `.otc`. A folder that cannot be read, or that holds no
    /// font, is an error — a misconfigured layer should fail at start-up, not draw boxes later.
    pub fn with_folder(folder: &Path) -> Result<FontLibrary, String> {
        let mut files = Vec::new();
        font_files(folder, 0, &mut files)
            .map_err(|e| format!("cannot read the font folder {}: {e}", folder.display()))?;
        files.sort();
        if files.len() > MAX_FILES {
            return Err(format!(
                "the font folder {} holds {} font files; at most {MAX_FILES} are read",
                folder.display(),
                files.len()
            ));
        }
        let mut faces = builtin_faces();
        let before = faces.len();
        for path in &files {
            let data = map(path)?;
            let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
            for index in 0..count {
                if let Some(face) = describe(data, index) {
                    faces.push(face);
                }
            }
        }
        if faces.len() == before {
            return Err(format!(
                "the font folder {} holds no font this renderer can read (.ttf, .otf, .ttc, .otc)",
                folder.display()
            ));
        }
        Ok(FontLibrary::from_faces(faces, Some(folder.to_owned())))
    }

    fn from_faces(faces: Vec<FaceFile>, folder: Option<PathBuf>) -> FontLibrary {
        let mut families: Vec<Family> = Vec::new();
        for (i, f) in faces.iter().enumerate() {
            let family = match families.iter_mut().find(|x| x.name == f.family) {
                Some(x) => x,
                None => {
                    families.push(Family {
                        name: f.family.clone(),
                        regular: None,
                        bold: None,
                    });
                    families.last_mut().expect("just pushed")
                }
            };
            let slot = if f.bold {
                &mut family.bold
            } else {
                &mut family.regular
            };
            slot.get_or_insert(i);
        }
        FontLibrary {
            inner: Arc::new(Library {
                faces,
                families,
                folder,
            }),
        }
    }

    pub fn faces(&self) -> &[FaceFile] {
        &self.inner.faces
    }

    /// The families in fallback order.
    pub fn families(&self) -> &[Family] {
        &self.inner.families
    }

    /// The family called `name` (case-insensitively).
    pub fn family(&self, name: &str) -> Option<&Family> {
        self.families()
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name.trim()))
    }

    /// The folder the extra fonts came from, if any.
    pub fn folder(&self) -> Option<&Path> {
        self.inner.folder.as_deref()
    }
}

fn builtin_faces() -> Vec<FaceFile> {
    let face = |family: &str, bold: bool, data: &'static [u8]| FaceFile {
        family: family.to_owned(),
        bold,
        data,
        index: 0,
    };
    vec![
        face(DEFAULT_FAMILY, false, DEJAVU),
        face(DEFAULT_FAMILY, true, DEJAVU_BOLD),
        face("Noto Sans Arabic", false, ARABIC),
        face("Noto Sans Arabic", true, ARABIC_BOLD),
        face("Noto Sans Hebrew", false, HEBREW),
        face("Noto Sans Hebrew", true, HEBREW_BOLD),
        face("Noto Sans Devanagari", false, DEVANAGARI),
        face("Noto Sans Devanagari", true, DEVANAGARI_BOLD),
        face("Noto Sans Thai", false, THAI),
        face("Noto Sans Thai", true, THAI_BOLD),
    ]
}

/// The font files under `dir`, `depth` levels down so far.
fn font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if depth < 3 {
                font_files(&path, depth + 1, out)?;
            }
        } else if path.extension().is_some_and(|e| {
            ["ttf", "otf", "ttc", "otc"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        }) {
            out.push(path);
        }
    }
    Ok(())
}

/// `path` mapped into memory for the life of the process: a font folder is read once, at
/// start-up, and its pages are loaded only as glyphs are drawn.
fn map(path: &Path) -> Result<&'static [u8], String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let len = file
        .metadata()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    if len == 0 {
        return Ok(&[]);
    }
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "{} is {len} bytes; font files of at most {MAX_FILE_BYTES} are read",
            path.display()
        ));
    }
    // SAFETY: the mapping is read-only; a font layer is read-only too, and a file changed under
    // a running process is the operator's error (the parsers bound-check every read).
    let mapped = unsafe { memmap2::Mmap::map(&file) }
        .map_err(|e| format!("cannot map {}: {e}", path.display()))?;
    Ok(&Box::leak(Box::new(mapped))[..])
}

/// A face's family name (the typographic family when given, as fontconfig groups them) and
/// weight; `None` when the face does not parse.
fn describe(data: &'static [u8], index: u32) -> Option<FaceFile> {
    let face = ttf_parser::Face::parse(data, index).ok()?;
    let name = |id: u16| {
        face.names()
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    let family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
        .or_else(|| name(ttf_parser::name_id::FAMILY))?;
    Some(FaceFile {
        family,
        bold: face.is_bold() || face.weight().to_number() >= 600,
        data,
        index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_families_pair_their_weights() {
        let lib = FontLibrary::builtin();
        let names: Vec<&str> = lib.families().iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "DejaVu Sans",
                "Noto Sans Arabic",
                "Noto Sans Hebrew",
                "Noto Sans Devanagari",
                "Noto Sans Thai"
            ]
        );
        for f in lib.families() {
            assert!(f.regular.is_some() && f.bold.is_some(), "{}", f.name);
            assert!(describe(lib.faces()[f.face(true)].data, 0).unwrap().bold);
            assert_eq!(
                describe(lib.faces()[f.face(false)].data, 0).unwrap().family,
                f.name
            );
        }
        assert!(lib.family("dejavu sans").is_some());
        assert!(lib.family("Comic Sans").is_none());
    }

    #[test]
    fn a_folder_without_fonts_is_an_error() {
        let dir = std::env::temp_dir().join(format!("chartfn-nofonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("readme.txt"), "no fonts here").unwrap();
        std::fs::write(dir.join("broken.ttf"), "not a font").unwrap();
        let e = FontLibrary::with_folder(&dir).unwrap_err();
        assert!(e.contains("holds no font"), "{e}");
        let e = FontLibrary::with_folder(&dir.join("missing")).unwrap_err();
        assert!(e.contains("cannot read the font folder"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
