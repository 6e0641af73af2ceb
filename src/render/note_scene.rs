//! What drawing an annotation needs, shared by the annotations and their callouts: the scene
//! (painter, frame, theme, scale) and the colour of an annotation's label.

use super::frame::Frame;
use super::paint::Painter;
use crate::draw::Canvas;
use crate::spec::color::Theme;
use crate::spec::model::Annotation;

/// What drawing an annotation needs: where, into what frame, in which theme, at what scale.
pub struct Scene<'a, 'p, C: Canvas> {
    pub p: &'a Painter<'p, C>,
    pub frame: &'a Frame,
    pub theme: &'a Theme,
    pub k: f32,
}

/// The colour of an annotation's label: its own colour, opaque (a faint band's label must still
/// read), or the theme's text colour for the default grey.
pub fn label_color(a: &Annotation, theme: &Theme) -> crate::spec::color::Rgba {
    if a.color == theme.axis || a.color == theme.text {
        theme.text
    } else {
        a.color
    }
}
