//! v2: a cartesian panel's data before layout, shared by charts with axes and sparklines:
//! stacks normalized where an axis asks for it, shapes prepared, extents measured along x, y
//! and y2 (error bars, room for bar labels and annotations included), and, once the ranges
//! are known, everything drawn against y2 carried into y's units so one frame draws it all.

use super::annotations;
use super::axes::AxisSpan;
use super::geom::{self, Extent, Shape};
use super::{normalize, y2};
use crate::budget::Budget;
use crate::error::Result;
use crate::spec::model::{Annotation, Panel, Plot};

/// The shapes of a panel's plots, in order, and their extents.
pub struct Data {
    pub shapes: Vec<Shape>,
    pub ex: Extent,
    /// Along y: the shapes on y, and the texts and points annotated on y.
    pub ey: Extent,
    /// Along y2: the shapes and annotations on y2.
    pub ey2: Extent,
}

/// Prepares `plots` (those of `panel`) and measures them with `notes`, the annotations that
/// must be seen.
pub fn prepare(
    panel: &Panel,
    plots: &[Plot],
    notes: &[Annotation],
    budget: &Budget,
) -> Result<Data> {
    let normalized = |p: &Plot| panel.x.opts.normalize || y2::axis_of(panel, p).opts.normalize;
    let shapes = if plots.iter().any(normalized) {
        geom::prepare(&normalize::normalize(plots, normalized, budget)?, budget)?
    } else {
        geom::prepare(plots, budget)?
    };
    let (mut ex, mut ey, mut ey2) = y2::extents(&shapes, plots, budget)?;
    annotations::extend(notes, &mut ex, &mut ey, &mut ey2);
    Ok(Data {
        shapes,
        ex,
        ey,
        ey2,
    })
}

/// Carries the shapes and annotations on `from` (y2, when the panel has it) into `to`'s units;
/// returns the annotations so carried.
pub fn onto_y(
    shapes: &mut [Shape],
    plots: &[Plot],
    notes: &[Annotation],
    (from, to): (Option<AxisSpan>, AxisSpan),
    budget: &Budget,
) -> Result<Vec<Annotation>> {
    match from {
        Some(from) => {
            y2::carry_shapes(shapes, plots, from, to, budget)?;
            Ok(y2::carry_annotations(notes, from, to))
        }
        None => Ok(notes.to_vec()),
    }
}
