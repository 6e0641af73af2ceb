//! Shaping: text that needs it (right-to-left runs, joining and combining scripts) is split
//! into runs in visual order by the Unicode bidi algorithm, each run into pieces by the face that
//! draws it, and each piece shaped by `rustybuzz`; shaped lines are remembered for the render.

use super::{Fonts, Glyph, Shaped, MAX_REMEMBERED_LINES};
use ab_glyph::{Font, GlyphId};
use std::sync::Arc;

impl Fonts {
    /// [`Fonts::shaped`], remembered for this render.
    pub(super) fn shaped_once(&self, text: &str, size: f32, bold: bool) -> Arc<Shaped> {
        let key = (text.to_owned(), size.to_bits(), bold);
        if let Some(s) = self
            .inner
            .lines
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return s;
        }
        let mut glyphs = Vec::with_capacity(text.len());
        let (width, used) = self.shaped(text, size, bold, &mut glyphs);
        let s = Arc::new(Shaped {
            glyphs,
            width,
            used,
        });
        if let Ok(mut m) = self.inner.lines.lock() {
            if m.len() < MAX_REMEMBERED_LINES {
                m.insert(key, s.clone());
            }
        }
        s
    }

    /// Bidi runs in visual order, each split where the face changes and shaped.
    pub(super) fn shaped(
        &self,
        text: &str,
        size: f32,
        bold: bool,
        out: &mut Vec<Glyph>,
    ) -> (f32, u64) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        let em = self.em(bold, size);
        let mut x = 0.0f32;
        let mut used = 1u64;
        for (slot, rtl, piece) in self.visual_pieces(&clean, bold) {
            used |= 1 << slot.min(63);
            x = self.shape_piece(piece, slot, rtl, em, bold, x, out);
        }
        (x, used)
    }

    /// The bidi runs of `text` in visual order, each cut where the face changes (the pieces of
    /// a right-to-left run reversed): (slot, right to left, piece).
    pub(super) fn visual_pieces<'t>(&self, text: &'t str, bold: bool) -> Vec<(u16, bool, &'t str)> {
        let info = unicode_bidi::BidiInfo::new(text, None);
        let mut out = Vec::new();
        for para in &info.paragraphs {
            let (levels, runs) = info.visual_runs(para, para.range.clone());
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let mut pieces = self.pieces(&text[run], bold);
                if rtl {
                    pieces.reverse();
                }
                out.extend(pieces.into_iter().map(|(slot, p)| (slot, rtl, p)));
            }
        }
        out
    }

    /// `text` cut where the face changes. A character stays with the current piece when its
    /// face has it (marks, joiners, digits and spaces inside Arabic text), so shaping sees whole
    /// words.
    pub(super) fn pieces<'t>(&self, text: &'t str, bold: bool) -> Vec<(u16, &'t str)> {
        let mut pieces: Vec<(u16, &'t str)> = Vec::new();
        let (mut start, mut current) = (0usize, None::<u16>);
        for (i, c) in text.char_indices() {
            let keeps = match self.preferred(c) {
                Some(p) => current == Some(p),
                None => current.is_some_and(|s| {
                    self.font(bold, s)
                        .is_some_and(|f| f.glyph_id(c).0 != 0 || ignorable(c))
                }),
            };
            if keeps {
                continue;
            }
            let (slot, _) = self.face_for(c, bold);
            if let Some(s) = current {
                if s != slot {
                    pieces.push((s, &text[start..i]));
                    start = i;
                }
            }
            current = Some(slot);
        }
        if let Some(s) = current {
            pieces.push((s, &text[start..]));
        }
        pieces
    }

    /// Shapes `piece` with the face at `slot`, appending its glyphs from pen position `x`;
    /// returns the pen position after it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn shape_piece(
        &self,
        piece: &str,
        slot: u16,
        rtl: bool,
        em: f32,
        bold: bool,
        mut x: f32,
        out: &mut Vec<Glyph>,
    ) -> f32 {
        let Some(face) = self.face(bold, slot as usize) else {
            return x;
        };
        let shaper = face.shaper.get_or_init(|| {
            let i = self.chain(bold)[slot as usize];
            let file = &self.inner.library.faces()[i];
            rustybuzz::Face::from_slice(file.data, file.index)
        });
        let Some(shaper) = shaper else { return x };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(piece);
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let key = (slot, bold, rtl, buffer.script());
        let plan = self.inner.plans.lock().ok().map(|mut plans| {
            plans
                .entry(key)
                .or_insert_with(|| {
                    Arc::new(rustybuzz::ShapePlan::new(
                        shaper,
                        buffer.direction(),
                        Some(buffer.script()),
                        buffer.language().as_ref(),
                        &[],
                    ))
                })
                .clone()
        });
        let shaped = match plan {
            Some(plan) => rustybuzz::shape_with_plan(shaper, &plan, buffer),
            None => rustybuzz::shape(shaper, &[], buffer),
        };
        let k = em / face.upem;
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            out.push(Glyph {
                face: slot,
                id: GlyphId(info.glyph_id as u16),
                x: x + pos.x_offset as f32 * k,
                y: -(pos.y_offset as f32) * k,
            });
            x += pos.x_advance as f32 * k;
        }
        x
    }
}

/// Characters whose shape depends on their neighbours or that attach to another: combining
/// marks, right-to-left scripts, the Indic and South-East Asian scripts, joiners, Arabic
/// presentation forms. Everything else is drawn one glyph per character.
pub(super) fn needs_shaping(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0590..=0x1CFF
        | 0x200C..=0x200F
        | 0x202A..=0x202E
        | 0x2066..=0x2069
        | 0x20D0..=0x20FF
        | 0xA800..=0xABFF
        | 0xFB1D..=0xFEFF
        | 0x10800..=0x11FFF
        | 0x1E800..=0x1EFFF)
}

/// Characters that draw nothing, so no face needs a glyph for them.
pub(super) fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF)
}
