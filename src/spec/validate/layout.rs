//! The layout: one panel from the top-level fields, or several from `panels` on a grid.
//!
//! Separate from the panel checks because it decides which fields describe the panels and how
//! many cells the grid has; each panel is then checked the same way wherever it came from.

use super::panel::PanelParts;
use super::Validation;
use crate::error::{Error, Result};
use crate::spec::limits::Limits;
use crate::spec::model::{LegendPlace, Panel};
use crate::spec::{ChartSpec, GridSpec, LegendPosition, LegendSpec, PanelSpec};

/// The checked panels and the grid they sit on.
pub(super) struct Layout {
    pub panels: Vec<Panel>,
    pub rows: u32,
    pub cols: u32,
    /// The legend of all the panels, from the top-level `legend`.
    pub figure_legend: Option<(LegendPlace, bool)>,
}

impl Validation<'_> {
    pub(super) fn layout(&mut self, spec: &ChartSpec) -> Result<Layout> {
        match &spec.panels {
            Some(panels) => self.panel_grid(spec, panels),
            None => self.single_panel(spec),
        }
    }

    /// A chart of `panels`: the top-level panel fields are refused, the grid is checked or
    /// chosen, then each panel is checked.
    fn panel_grid(&mut self, spec: &ChartSpec, panels: &[PanelSpec]) -> Result<Layout> {
        refuse_top_level_panel_fields(spec)?;
        if panels.is_empty() {
            return Err(Error::spec("/panels", "must hold at least one panel"));
        }
        if panels.len() > self.limits.max_panels {
            return Err(Error::limit(
                Some("/panels"),
                "number of panels",
                panels.len(),
                self.limits.max_panels,
            ));
        }
        let (rows, cols) = grid_shape(spec.grid, panels.len(), self.limits)?;
        let figure_legend = figure_legend(spec.legend.as_ref())?;
        // With a legend for all of them, a panel draws none of its own unless it asks.
        let no_legend = LegendSpec {
            position: Some(LegendPosition::None),
            reverse: None,
        };
        let own_legend = |p: &'_ PanelSpec| {
            p.legend
                .as_ref()
                .or(spec.legend.is_some().then_some(&no_legend))
                .cloned()
        };
        let mut out = Vec::with_capacity(panels.len());
        for (i, p) in panels.iter().enumerate() {
            let path = format!("/panels/{i}");
            self.check_text(p.title.as_deref(), &format!("{path}/title"))?;
            let legend = own_legend(p);
            let mut panel = self.panel(&PanelParts {
                path: &path,
                title: p.title.as_ref(),
                x: p.x.as_ref(),
                y: p.y.as_ref(),
                legend: legend.as_ref(),
                series: &p.series,
                y2: p.y2.as_ref(),
                annotations: p.annotations.as_deref(),
            })?;
            super::extras::panel(&mut panel, p, &path, self.limits)?;
            out.push(panel);
        }
        Ok(Layout {
            panels: out,
            rows,
            cols,
            figure_legend,
        })
    }

    /// A chart of one panel, described by the top-level `series`, `x`, `y` and `legend`.
    fn single_panel(&mut self, spec: &ChartSpec) -> Result<Layout> {
        if spec.grid.is_some() {
            return Err(Error::spec("/grid", "only applies together with `panels`"));
        }
        for (given, path) in [(spec.share_x, "/share_x"), (spec.share_y, "/share_y")] {
            if given.is_some() {
                return Err(Error::spec(path, "only applies together with `panels`"));
            }
        }
        let series = spec
            .series
            .as_ref()
            .ok_or_else(|| Error::spec("/series", "is required (or give `panels`)"))?;
        let panel = self.panel(&PanelParts {
            path: "",
            title: None,
            x: spec.x.as_ref(),
            y: spec.y.as_ref(),
            legend: spec.legend.as_ref(),
            series,
            y2: spec.y2.as_ref(),
            annotations: spec.annotations.as_deref(),
        })?;
        Ok(Layout {
            panels: vec![panel],
            rows: 1,
            cols: 1,
            figure_legend: None,
        })
    }
}

/// With `panels`, a top-level `legend` is one legend for all of them, outside them: at the right
/// (by default) or the bottom; `none` draws none (and the panels none of their own).
fn figure_legend(legend: Option<&LegendSpec>) -> Result<Option<(LegendPlace, bool)>> {
    let Some(l) = legend else {
        return Ok(None);
    };
    let place = match l.position.unwrap_or(LegendPosition::Right) {
        LegendPosition::Right => LegendPlace::Right,
        LegendPosition::Bottom => LegendPlace::Bottom,
        LegendPosition::None => return Ok(None),
        _ => {
            return Err(Error::spec(
                "/legend/position",
                "a legend for all the panels goes outside them: \"right\", \"bottom\" or \"none\" (a corner belongs to a panel's own legend)",
            ))
        }
    };
    Ok(Some((place, l.reverse.unwrap_or(false))))
}

/// With `panels`, the fields that describe a single panel belong inside each panel.
fn refuse_top_level_panel_fields(spec: &ChartSpec) -> Result<()> {
    super::refuse_given(
        "",
        &[
            ("series", spec.series.is_some()),
            ("x", spec.x.is_some()),
            ("y", spec.y.is_some()),
            ("annotations", spec.annotations.is_some()),
            ("y2", spec.y2.is_some()),
        ],
        "give it inside each panel when `panels` is used",
    )
}

/// The grid's rows and columns: as given (checked to hold `count` panels within the limit), or
/// the squarest grid that holds them.
fn grid_shape(grid: Option<GridSpec>, count: usize, limits: &Limits) -> Result<(u32, u32)> {
    let Some(g) = grid else {
        let cols = (count as f64).sqrt().ceil() as u32;
        return Ok((count.div_ceil(cols as usize) as u32, cols));
    };
    if g.rows == 0 || g.cols == 0 {
        return Err(Error::spec("/grid", "rows and cols must be at least 1"));
    }
    if (g.rows as u64 * g.cols as u64) < count as u64 {
        return Err(Error::spec(
            "/grid",
            format!("{}×{} cells cannot hold {count} panels", g.rows, g.cols),
        ));
    }
    // In u64: 65536 × 65536 overflows u32 (and usize on 32-bit targets).
    let cells = g.rows as u64 * g.cols as u64;
    if cells > limits.max_panels as u64 {
        return Err(Error::limit(
            Some("/grid"),
            "grid cells",
            cells,
            limits.max_panels,
        ));
    }
    Ok((g.rows, g.cols))
}
