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
use crate::spec::model::{Annotation, AxisKind, Chart, Content, Panel, Plot};

/// The extents along x and y that a chart's panels share (`share_x`, `share_y`): each the
/// union over its cartesian panels, `None` where not shared.
#[derive(Default)]
pub struct Shared {
    pub x: Option<Extent>,
    pub y: Option<Extent>,
}

/// Every cartesian panel's data (`None` for other panels), prepared once before the panels
/// are drawn when the chart shares its axes or a legend across them (each panel is prepared
/// again when drawn); empty otherwise.
pub fn first_pass(chart: &Chart, budget: &Budget) -> Result<Vec<Option<Data>>> {
    if chart.share == (false, false) && chart.figure_legend.is_none() {
        return Ok(Vec::new());
    }
    chart
        .panels
        .iter()
        .map(|panel| match &panel.content {
            Content::Cartesian(plots) => {
                prepare(panel, plots, &panel.annotations, budget).map(Some)
            }
            _ => Ok(None),
        })
        .collect()
}

impl Shared {
    /// The extents along the axes `chart` shares, from its panels' `data` ([`first_pass`]).
    pub fn of(chart: &Chart, data: &[Option<Data>]) -> Shared {
        let (share_x, share_y) = chart.share;
        let mut shared = Shared::default();
        let union = |into: &mut Option<Extent>, e: Extent| match into {
            Some(u) => u.merge(&e),
            None => *into = Some(e),
        };
        // Category axes are left out: their extents are positions, not data.
        let numeric = |a: &crate::spec::model::Axis| !matches!(a.kind, AxisKind::Category(_));
        for (panel, data) in chart.panels.iter().zip(data) {
            let Some(data) = data else { continue };
            if share_x && numeric(&panel.x) {
                union(&mut shared.x, data.ex);
            }
            if share_y && numeric(&panel.y) {
                union(&mut shared.y, data.ey);
            }
        }
        shared
    }

    /// `own` widened to the shared extent along that axis, if any.
    pub fn widen(own: Extent, shared: &Option<Extent>) -> Extent {
        match shared {
            Some(s) => {
                let mut e = own;
                e.merge(s);
                e
            }
            None => own,
        }
    }
}

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
    let centred = |p: &Plot| panel.x.opts.center || y2::axis_of(panel, p).opts.center;
    let shapes = if plots.iter().any(normalized) {
        geom::prepare(
            &normalize::normalize(plots, normalized, budget)?,
            centred,
            budget,
        )?
    } else {
        geom::prepare(plots, centred, budget)?
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::geom::{Anchor, Geom};
    use crate::spec::model::{Chart, Content};

    fn chart(spec: &str) -> Chart {
        let limits = crate::Limits::default();
        let parsed = crate::spec::validate::parse_spec(spec.as_bytes(), &limits).unwrap();
        crate::spec::validate::validate(&parsed, &limits).unwrap()
    }

    fn plots(c: &Chart) -> &[Plot] {
        match &c.panels[0].content {
            Content::Cartesian(p) => p,
            _ => panic!("not cartesian"),
        }
    }

    #[test]
    fn a_centred_stack_of_areas_sits_about_zero() {
        let c = chart(
            r#"{"y": {"stack": "center"}, "series": [
            {"type": "area", "stack": "s", "x": [1, 2], "y": [2, 1]},
            {"type": "area", "stack": "s", "x": [1, 2], "y": [4, null]},
            {"type": "area", "x": [1, 2], "y": [6, 6]},
            {"type": "line", "x": [1, 2], "y": [5, 5]}]}"#,
        );
        let data = prepare(&c.panels[0], plots(&c), &[], &Budget::from_millis(10_000)).unwrap();
        let band = |i: usize| match &data.shapes[i].geom {
            Geom::Band { lo, hi, .. } => (lo.clone(), hi.clone()),
            _ => panic!("not a band"),
        };
        // At x = 1 the stack holds 6 (from -3 to 3); at x = 2 only 1 (a gap adds nothing).
        assert_eq!(band(0), (vec![-3.0, -0.5], vec![-1.0, 0.5]));
        assert_eq!(band(1), (vec![-1.0, 0.5], vec![3.0, 0.5]));
        // An area of its own is centred alone; a line is drawn as given.
        assert_eq!(band(2), (vec![-3.0, -3.0], vec![3.0, 3.0]));
        assert_eq!((data.ey.min, data.ey.max), (-3.0, 5.0));
        // A stack of the same name on y2 (not centred) is a stack of its own.
        let c = chart(
            r#"{"y": {"stack": "center"}, "series": [
            {"type": "area", "stack": "s", "axis": "y2", "x": [1], "y": [10]},
            {"type": "area", "stack": "s", "x": [1], "y": [4]}]}"#,
        );
        let data = prepare(&c.panels[0], plots(&c), &[], &Budget::from_millis(10_000)).unwrap();
        let bands: Vec<_> = (0..2)
            .map(|i| match &data.shapes[i].geom {
                Geom::Band { lo, hi, .. } => (lo[0], hi[0]),
                _ => panic!("not a band"),
            })
            .collect();
        assert_eq!(bands, [(0.0, 10.0), (-2.0, 2.0)]);
        // Only on a value axis, and a linear one.
        let limits = crate::Limits::default();
        let log =
            r#"{"y": {"stack": "center", "type": "log"}, "series": [{"type": "area", "y": [1]}]}"#;
        let parsed = crate::spec::validate::parse_spec(log.as_bytes(), &limits).unwrap();
        let err = crate::spec::validate::validate(&parsed, &limits).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("/y/stack"));
    }

    #[test]
    fn error_bars_and_labels_on_y2_are_measured_and_carried_on_y2() {
        let c = chart(
            r#"{"y": {"min": 0, "max": 100}, "y2": {"min": 0, "max": 10}, "series": [
            {"type": "bar", "x": ["a"], "y": [50]},
            {"type": "line", "x": ["a"], "y": [5], "axis": "y2", "error": 3, "data_labels": true}]}"#,
        );
        let (panel, plots) = (&c.panels[0], plots(&c));
        let budget = Budget::from_millis(10_000);
        let mut data = prepare(panel, plots, &[], &budget).unwrap();
        assert_eq!((data.ey2.min, data.ey2.max), (2.0, 8.0), "whisker on y2");
        assert!(data.ey.max < 60.0, "y does not see the y2 whisker");
        let y = AxisSpan {
            axis: &panel.y,
            range: (0.0, 100.0),
        };
        let y2 = AxisSpan {
            axis: panel.y2.as_ref().unwrap(),
            range: (0.0, 10.0),
        };
        onto_y(&mut data.shapes, plots, &[], (Some(y2), y), &budget).unwrap();
        let m = &data.shapes[1].marks;
        assert_eq!((m.whiskers[0].lo, m.whiskers[0].hi), (20.0, 80.0));
        let item = m.labels.as_ref().unwrap().items[0];
        assert!(matches!(item.anchor, Anchor::Point(_, y) if y == 50.0));
        assert_eq!(item.value, 5.0, "the label still says the series' value");
    }

    #[test]
    fn labels_on_a_normalized_stack_say_the_share() {
        let c = chart(
            r#"{"y": {"stack": "normalize"}, "series": [
            {"type": "bar", "stack": "s", "x": ["a"], "y": [30], "error": 10, "data_labels": true},
            {"type": "bar", "stack": "s", "x": ["a"], "y": [90]}]}"#,
        );
        let (panel, plots) = (&c.panels[0], plots(&c));
        let data = prepare(panel, plots, &[], &Budget::from_millis(10_000)).unwrap();
        let set = data.shapes[0].marks.labels.as_ref().unwrap();
        assert_eq!(set.opts.text(set.items[0].value), "25%");
        let w = data.shapes[0].marks.whiskers[0];
        assert!((w.hi - w.lo - 20.0 / 120.0).abs() < 1e-12, "{w:?}");
    }

    /// With `content: "value"` a normalized bar's label says its own value, not its share,
    /// in the label's format.
    #[test]
    fn value_labels_on_a_normalized_stack_say_the_value() {
        let c = chart(
            r#"{"y": {"stack": "normalize"}, "series": [
            {"type": "bar", "stack": "s", "x": ["a", "b"], "y": [30, 1200], "data_labels": {"content": "value", "format": ","}},
            {"type": "bar", "stack": "s", "x": ["a", "b"], "y": [90, 800]}]}"#,
        );
        let (panel, plots) = (&c.panels[0], plots(&c));
        let data = prepare(panel, plots, &[], &Budget::from_millis(10_000)).unwrap();
        let set = data.shapes[0].marks.labels.as_ref().unwrap();
        let said: Vec<String> = set.items.iter().map(|i| set.opts.text(i.value)).collect();
        assert_eq!(said, ["30", "1,200"]);
    }
}
