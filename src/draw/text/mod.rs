//! Text layout for one render: a fallback chain of faces from the [`FontLibrary`], shaping
//! with `rustybuzz`, and a record of the characters no face has.
//!
//! A line is laid out in visual order: the Unicode bidi algorithm orders right-to-left runs
//! (Hebrew, Arabic); each run is split where the face changes — every character is drawn by the
//! first face of the chain that has it (the spec's `font`, then DejaVu Sans, then the Noto
//! scripts, then the font folder's) — and each piece is shaped, so Arabic letters join and
//! Devanagari conjuncts form (`shaping`). Text that needs no shaping (Latin, Greek, Cyrillic, CJK, symbols)
//! takes a faster path: one glyph per character, kerned. Nothing is cached between renders:
//! parsing a face is a table lookup, done when the face is first needed.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};

pub use super::fonts::FontLibrary;

mod shaping;
use shaping::{ignorable, needs_shaping};

/// DejaVu Sans' units per em over its ascent − descent (2048 / (1901 + 483)).
const EM_PER_SIZE: f32 = 2048.0 / 2384.0;

/// The family list written into SVG after the chosen family, for viewers without DejaVu.
pub const SVG_FALLBACKS: &str = "Verdana, Arial, sans-serif";

/// The faces of one render, in fallback order, and what they could not draw.
#[derive(Clone)]
pub struct Fonts {
    inner: Arc<Chain>,
}

struct Chain {
    library: FontLibrary,
    /// Face indices into the library, per weight, in fallback order.
    regular: Vec<usize>,
    bold: Vec<usize>,
    /// Parsed faces, by library index, parsed when first needed.
    parsed: Vec<OnceLock<Option<Face>>>,
    family: String,
    /// Whether the spec chose the first family (it then draws every character it has).
    chosen: bool,
    /// The slots of the compiled-in script faces, by [`Script`].
    scripts: [Option<u16>; 4],
    missing: Mutex<BTreeSet<char>>,
    /// Shaping plans by (slot, bold, right to left, script): compiling one looks up the face's
    /// features, which costs more than shaping a label.
    plans: Mutex<HashMap<PlanKey, Arc<rustybuzz::ShapePlan>>>,
    /// Shaped lines by (text, size, bold): a label is measured several times before drawing.
    lines: Mutex<HashMap<(String, u32, bool), Arc<Shaped>>>,
}

type PlanKey = (u16, bool, bool, rustybuzz::Script);

/// A shaped line: its glyphs, width and the faces used (a bit set of slots).
struct Shaped {
    glyphs: Vec<Glyph>,
    width: f32,
    used: u64,
}

/// At most this many shaped lines are remembered per render.
const MAX_REMEMBERED_LINES: usize = 4096;

/// The scripts with a compiled-in face of their own, preferred for their letters over DejaVu
/// Sans (which covers some of them, less well).
#[derive(Clone, Copy)]
enum Script {
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
}

impl Script {
    const FAMILIES: [&'static str; 4] = [
        "Noto Sans Arabic",
        "Noto Sans Hebrew",
        "Noto Sans Devanagari",
        "Noto Sans Thai",
    ];

    fn of(c: char) -> Option<Script> {
        Some(match c as u32 {
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
            0x0E00..=0x0E7F => Script::Thai,
            _ => return None,
        })
    }
}

struct Face {
    outline: FontRef<'static>,
    shaper: OnceLock<Option<rustybuzz::Face<'static>>>,
    /// Units per em, and the font's height (ascent − descent) in units.
    upem: f32,
    height: f32,
}

/// One positioned glyph: which face (its place in the chain), which glyph, where its origin is
/// relative to the line's start on the baseline (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: u16,
    pub id: GlyphId,
    pub x: f32,
    pub y: f32,
}

/// A run of text drawn with one face: see [`Fonts::pieces_of`].
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub family: Option<String>,
    pub text: String,
    pub x: f32,
}

/// A laid-out line of text: glyphs with their pen positions, and the line's extent.
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    pub ascent: f32,
    pub descent: f32,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

impl Fonts {
    /// The compiled-in fonts, DejaVu Sans first.
    pub fn new() -> Fonts {
        Fonts::from_library(&FontLibrary::builtin(), None).expect("the default family exists")
    }

    /// The chain for a render: `family` (a registered family) first when given, then every
    /// family of the library in its order. `Err` names the registered families.
    pub fn from_library(library: &FontLibrary, family: Option<&str>) -> Result<Fonts, String> {
        let mut order: Vec<&super::fonts::Family> = Vec::new();
        if let Some(name) = family {
            let chosen = library.family(name).ok_or_else(|| {
                let known: Vec<&str> = library.families().iter().map(|f| f.name.as_str()).collect();
                format!(
                    "no font family {name:?} is registered (registered: {})",
                    known.join(", ")
                )
            })?;
            order.push(chosen);
        }
        for f in library.families() {
            if !order.iter().any(|o| o.name == f.name) {
                order.push(f);
            }
        }
        let chain = |bold: bool| order.iter().map(|f| f.face(bold)).collect::<Vec<usize>>();
        let scripts = Script::FAMILIES
            .map(|name| order.iter().position(|f| f.name == name).map(|i| i as u16));
        Ok(Fonts {
            inner: Arc::new(Chain {
                chosen: family.is_some(),
                scripts,
                regular: chain(false),
                bold: chain(true),
                parsed: (0..library.faces().len())
                    .map(|_| OnceLock::new())
                    .collect(),
                family: order[0].name.clone(),
                library: library.clone(),
                missing: Mutex::new(BTreeSet::new()),
                plans: Mutex::new(HashMap::new()),
                lines: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// The chain's first family.
    pub fn first_family(&self) -> &str {
        &self.inner.family
    }

    /// The font-family attribute of SVG: the chain's first family, then common fallbacks.
    pub fn svg_family(&self) -> String {
        format!("'{}', {SVG_FALLBACKS}", self.inner.family.replace('\'', ""))
    }

    /// The font files of the chain, each once (a collection holds several faces), for writers
    /// that load fonts themselves (PDF).
    pub fn files(&self) -> Vec<&'static [u8]> {
        let lib = &self.inner.library;
        let mut seen: Vec<&'static [u8]> = Vec::new();
        for &i in self.inner.regular.iter().chain(&self.inner.bold) {
            let data = lib.faces()[i].data;
            if !seen.iter().any(|d| std::ptr::eq(*d, data)) {
                seen.push(data);
            }
        }
        seen
    }

    /// The characters that no face could draw so far (drawn as the first face's empty box).
    pub fn missing(&self) -> Vec<char> {
        self.inner
            .missing
            .lock()
            .map(|m| m.iter().copied().collect())
            .unwrap_or_default()
    }

    /// `text` (control characters dropped) cut where the face changes, in visual order, each
    /// piece with its family (`None`: the chain's first), its text in logical order and its
    /// pen position; and the line's width. SVG writes one `<text>` per piece so that every
    /// viewer — and the PDF writer — draws each piece with the face chosen here. Characters no
    /// face has are recorded as [`Fonts::missing`].
    pub fn pieces_of(&self, text: &str, size: f32, bold: bool) -> (Vec<Piece>, f32) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        let lib = &self.inner.library;
        let family = |slot: u16| {
            (slot > 0).then(|| lib.faces()[self.chain(bold)[slot as usize]].family.clone())
        };
        let mut out = Vec::new();
        let mut x = 0.0f32;
        if !clean.chars().any(needs_shaping) {
            for (slot, piece) in self.pieces(&clean, bold) {
                let (w, _) = self.simple(piece, size, bold, |_| {});
                out.push(Piece {
                    family: family(slot),
                    text: piece.to_owned(),
                    x,
                });
                x += w;
            }
            return (out, x);
        }
        let em = self.em(bold, size);
        let mut scratch = Vec::new();
        for (slot, rtl, piece) in self.visual_pieces(&clean, bold) {
            out.push(Piece {
                family: family(slot),
                text: piece.to_owned(),
                x,
            });
            x = self.shape_piece(piece, slot, rtl, em, bold, x, &mut scratch);
        }
        (out, x)
    }

    /// Records the characters of `text` no face has, without laying it out.
    #[cfg(test)]
    fn note_missing(&self, text: &str) {
        for c in text.chars() {
            self.face_for(c, false);
        }
    }

    fn chain(&self, bold: bool) -> &[usize] {
        if bold {
            &self.inner.bold
        } else {
            &self.inner.regular
        }
    }

    /// The face at `slot` of the chain, parsed on first use; `None` if it does not parse.
    fn face(&self, bold: bool, slot: usize) -> Option<&Face> {
        let i = *self.chain(bold).get(slot)?;
        self.inner.parsed[i]
            .get_or_init(|| {
                let file = &self.inner.library.faces()[i];
                let outline = FontRef::try_from_slice_and_index(file.data, file.index).ok()?;
                let upem = outline.units_per_em().unwrap_or(1000.0);
                let height = outline.height_unscaled();
                Some(Face {
                    outline,
                    shaper: OnceLock::new(),
                    upem,
                    height,
                })
            })
            .as_ref()
    }

    /// The outline font of the face at `slot` of the chain.
    pub fn font(&self, bold: bool, slot: u16) -> Option<&FontRef<'static>> {
        self.face(bold, slot as usize).map(|f| &f.outline)
    }

    /// The scale at which the face at `slot` draws text of `size`: every face at the same em
    /// ([`Fonts::em`]), which for DejaVu Sans is ab_glyph's scale `size` itself.
    pub fn scale(&self, bold: bool, slot: u16, size: f32) -> PxScale {
        match self.face(bold, slot as usize) {
            // DejaVu's own proportions: exactly `size`, not a rounding away from it.
            Some(f) if f.upem / f.height != EM_PER_SIZE => {
                PxScale::from(self.em(bold, size) * f.height / f.upem)
            }
            _ => PxScale::from(size),
        }
    }

    /// Pixels per em at `size`. A text size is DejaVu Sans' ascent − descent (how ab_glyph
    /// scales, and how chartfn's sizes were set), so `size` 16 is an em of 13.74 pixels in every
    /// family — a chosen family with taller ascenders is not drawn smaller. SVG's `font-size`
    /// is this em.
    pub fn em(&self, _bold: bool, size: f32) -> f32 {
        size * EM_PER_SIZE
    }

    /// The first face of the chain with a glyph for `c`, and the glyph; the first face's
    /// (empty box) glyph, recorded as missing, when none has one.
    fn face_for(&self, c: char, bold: bool) -> (u16, GlyphId) {
        if let Some(slot) = self.preferred(c) {
            if let Some(f) = self.font(bold, slot) {
                let id = f.glyph_id(c);
                if id.0 != 0 {
                    return (slot, id);
                }
            }
        }
        for slot in 0..self.chain(bold).len() {
            if let Some(f) = self.face(bold, slot) {
                let id = f.outline.glyph_id(c);
                if id.0 != 0 {
                    return (slot as u16, id);
                }
            }
        }
        if !ignorable(c) {
            if let Ok(mut m) = self.inner.missing.lock() {
                m.insert(c);
            }
        }
        (0, GlyphId(0))
    }

    /// The slot that should draw `c` before the chain's order is tried: the compiled-in face of
    /// its script, unless the spec chose a family that has it.
    fn preferred(&self, c: char) -> Option<u16> {
        let slot = self.inner.scripts[Script::of(c)? as usize]?;
        let chosen_has_it =
            self.inner.chosen && self.font(false, 0).is_some_and(|f| f.glyph_id(c).0 != 0);
        (!chosen_has_it).then_some(slot)
    }

    /// Lays out one line (control characters are dropped) in visual order.
    pub fn layout(&self, text: &str, size: f32, bold: bool) -> Line {
        let (glyphs, width, used) = if text.chars().any(needs_shaping) {
            let s = self.shaped_once(text, size, bold);
            (s.glyphs.clone(), s.width, s.used)
        } else {
            let mut glyphs = Vec::with_capacity(text.len());
            let (width, used) = self.simple(text, size, bold, |g| glyphs.push(g));
            (glyphs, width, used)
        };
        let (ascent, descent) = self.extent(size, bold, used);
        Line {
            glyphs,
            width,
            ascent,
            descent,
        }
    }

    /// Width and height (ascent − descent) of one line of text.
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> (f32, f32) {
        if text.chars().any(needs_shaping) {
            let s = self.shaped_once(text, size, bold);
            let (ascent, descent) = self.extent(size, bold, s.used);
            return (s.width, ascent - descent);
        }
        let (width, used) = self.simple(text, size, bold, |_| {});
        let (ascent, descent) = self.extent(size, bold, used);
        (width, ascent - descent)
    }

    /// Ascent and (negative) descent of the chain's first face at `size`.
    pub fn metrics(&self, size: f32, bold: bool) -> (f32, f32) {
        self.extent(size, bold, 1)
    }

    /// The tallest ascent and deepest descent of the faces in `used` (a bit set of slots).
    fn extent(&self, size: f32, bold: bool, used: u64) -> (f32, f32) {
        let (mut ascent, mut descent) = (0.0f32, 0.0f32);
        for slot in 0..self.chain(bold).len().min(64) {
            if used & (1 << slot) == 0 {
                continue;
            }
            if let Some(f) = self.font(bold, slot as u16) {
                let scaled = f.as_scaled(self.scale(bold, slot as u16, size));
                ascent = ascent.max(scaled.ascent());
                descent = descent.min(scaled.descent());
            }
        }
        (ascent, descent)
    }

    /// One glyph per character, kerned within a face: text without right-to-left runs, joining
    /// scripts or combining marks. Returns the width and the faces used.
    fn simple(&self, text: &str, size: f32, bold: bool, mut put: impl FnMut(Glyph)) -> (f32, u64) {
        let mut x = 0.0f32;
        let mut used = 1u64;
        let mut prev: Option<(u16, GlyphId)> = None;
        let mut scaled: Option<(u16, ab_glyph::PxScaleFont<&FontRef<'static>>)> = None;
        for ch in text.chars().filter(|c| !c.is_control()) {
            let (slot, id) = self.face_for(ch, bold);
            if scaled.as_ref().is_none_or(|(s, _)| *s != slot) {
                scaled = self
                    .font(bold, slot)
                    .map(|f| (slot, f.as_scaled(self.scale(bold, slot, size))));
            }
            let Some((_, font)) = &scaled else { continue };
            if let Some((ps, pid)) = prev {
                if ps == slot {
                    x += font.kern(pid, id);
                }
            }
            put(Glyph {
                face: slot,
                id,
                x,
                y: 0.0,
            });
            x += font.h_advance(id);
            used |= 1 << slot.min(63);
            prev = Some((slot, id));
        }
        (x, used)
    }
}

/// Truncates `text` with an ellipsis so that it fits in `max_width` pixels.
pub fn fit(fonts: &Fonts, text: &str, size: f32, bold: bool, max_width: f32) -> String {
    if fonts.measure(text, size, bold).0 <= max_width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if fonts.measure(&candidate, size, bold).0 <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_em_is_dejavus() {
        let f = Fonts::new();
        let dejavu = f.face(false, 0).unwrap();
        assert_eq!(EM_PER_SIZE, dejavu.upem / dejavu.height);
        assert_eq!(f.scale(false, 0, 16.0), PxScale::from(16.0));
    }

    #[test]
    fn covers_greek_and_cyrillic_in_dejavu() {
        let f = Fonts::new();
        for ch in ['α', 'Ω', 'Ж', 'я', 'é', 'ß', '€', '−'] {
            for bold in [false, true] {
                let (slot, id) = f.face_for(ch, bold);
                assert!(slot == 0 && id.0 != 0, "glyph for {ch} (bold {bold})");
            }
        }
        assert!(f.missing().is_empty());
    }

    /// Each script is drawn by its own face with no missing glyph, regular and bold.
    #[test]
    fn every_compiled_script_has_its_glyphs() {
        let f = Fonts::new();
        for (text, slot) in [
            ("مبيعات الربع", 1),
            ("מכירות לפי רבעון", 2),
            ("तिमाही बिक्री", 3),
            ("ยอดขายรายไตรมาส", 4),
        ] {
            for bold in [false, true] {
                let line = f.layout(text, 16.0, bold);
                assert!(line.glyphs.iter().all(|g| g.id.0 != 0), "{text}");
                assert!(line.glyphs.iter().any(|g| g.face == slot), "{text}");
                assert!(line.width > 40.0, "{text}: {}", line.width);
            }
        }
        assert!(f.missing().is_empty(), "{:?}", f.missing());
    }

    /// Arabic letters take their joined forms: the shaped glyphs of a word differ from the
    /// letters' isolated glyphs.
    #[test]
    fn arabic_letters_join() {
        let f = Fonts::new();
        let word = "بيت";
        let line = f.layout(word, 16.0, false);
        let isolated: Vec<u16> = word.chars().map(|c| f.face_for(c, false).1 .0).collect();
        let mut shaped: Vec<u16> = line.glyphs.iter().map(|g| g.id.0).collect();
        // Right to left: the first letter is drawn last.
        shaped.reverse();
        assert_eq!(shaped.len(), 3);
        assert!(
            shaped.iter().zip(&isolated).all(|(a, b)| a != b),
            "{shaped:?} vs isolated {isolated:?}"
        );
        assert!(line.glyphs.windows(2).all(|w| w[0].x < w[1].x));
    }

    /// Devanagari: क + ् + ष forms the conjunct क्ष, one glyph for three characters; the vowel
    /// sign ि is drawn before the consonant it follows.
    #[test]
    fn devanagari_conjuncts_form() {
        let f = Fonts::new();
        let line = f.layout("क्ष", 16.0, false);
        assert_eq!(line.glyphs.len(), 1, "{:?}", line.glyphs);
        let ki = f.layout("कि", 16.0, false);
        let ka = f.face_for('क', false).1;
        assert_eq!(ki.glyphs.len(), 2);
        assert_eq!(ki.glyphs[1].id, ka, "the i-matra comes first, visually");
    }

    /// Hebrew letters alef, bet, gimel read right to left: drawn gimel, bet, alef.
    #[test]
    fn right_to_left_runs_are_reordered() {
        let f = Fonts::new();
        let line = f.layout("x \u{5D0}\u{5D1}\u{5D2}", 16.0, false);
        let id = |c| f.face_for(c, false).1;
        let drawn: Vec<GlyphId> = line.glyphs.iter().map(|g| g.id).collect();
        assert_eq!(drawn[0], id('x'));
        assert_eq!(&drawn[2..], &[id('\u{5D2}'), id('\u{5D1}'), id('\u{5D0}')]);
    }

    /// A character no face has is drawn as the first face's box and recorded; spaces and
    /// joiners are not.
    #[test]
    fn missing_glyphs_are_recorded() {
        let f = Fonts::new();
        let line = f.layout("Sales 売上\u{200D} ", 16.0, false);
        assert_eq!(f.missing(), vec!['上', '売']);
        assert!(line.glyphs.iter().filter(|g| g.id.0 == 0).count() == 2);
        f.note_missing("한");
        assert_eq!(f.missing(), vec!['上', '売', '한']);
    }

    /// A chosen family goes first; an unknown one is refused with the registered names.
    #[test]
    fn the_chosen_family_leads_the_chain() {
        let lib = FontLibrary::builtin();
        let f = Fonts::from_library(&lib, Some("noto sans hebrew")).unwrap();
        assert_eq!(
            f.svg_family(),
            "'Noto Sans Hebrew', Verdana, Arial, sans-serif"
        );
        assert_eq!(
            Fonts::new().svg_family(),
            "'DejaVu Sans', Verdana, Arial, sans-serif"
        );
        let e = Fonts::from_library(&lib, Some("Comic Sans")).err().unwrap();
        assert!(e.contains("DejaVu Sans, Noto Sans Arabic"), "{e}");
    }

    #[test]
    fn measures_and_fits() {
        let f = Fonts::new();
        let (w, h) = f.measure("Hello", 12.0, false);
        assert!(w > 20.0 && w < 45.0 && h > 10.0 && h < 18.0, "{w} {h}");
        let short = fit(
            &f,
            "a very long legend entry that will not fit",
            12.0,
            false,
            60.0,
        );
        assert!(short.ends_with('…') && f.measure(&short, 12.0, false).0 <= 60.0);
    }
}
