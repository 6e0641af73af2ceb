//! One legend for all the panels of a chart (a top-level `legend` beside `panels`, as
//! matplotlib's `fig.legend`): the panels' entries, each name and colour once, in panel order,
//! placed outside the grid at the right or the bottom — small multiples share one key instead
//! of repeating it in every cell.

use super::frame::Rect;
use super::legend::{self, Entry};
use super::paint::Painter;
use super::{panel_data, pie, radar};
use crate::budget::Budget;
use crate::draw::Canvas;
use crate::error::Result;
use crate::spec::model::{Chart, Content};

/// The legend, measured and placed.
pub struct FigureLegend {
    entries: Vec<Entry>,
    size: legend::Box,
    at: Rect,
}

impl FigureLegend {
    /// Takes the legend's room from `area` (where the panels go); `None` when the chart has no
    /// such legend or no panel names a series.
    pub fn reserve<C: Canvas>(
        p: &Painter<C>,
        chart: &Chart,
        area: &mut Rect,
        k: f32,
        budget: &Budget,
    ) -> Result<Option<FigureLegend>> {
        let Some((place, reversed)) = chart.figure_legend.filter(|_| !chart.sparkline) else {
            return Ok(None);
        };
        let mut entries: Vec<Entry> = Vec::new();
        for panel in &chart.panels {
            let more = match &panel.content {
                Content::Cartesian(plots) => {
                    let data = panel_data::prepare(panel, plots, &panel.annotations, budget)?;
                    legend::entries(&data.shapes)
                }
                Content::Pie(p) => pie::entries(p),
                Content::Radar(r) => radar::entries(r),
                _ => Vec::new(),
            };
            for e in more {
                if !entries
                    .iter()
                    .any(|seen| seen.name == e.name && seen.color == e.color)
                {
                    entries.push(e);
                }
            }
        }
        if entries.is_empty() {
            return Ok(None);
        }
        if reversed {
            entries.reverse();
        }
        let size = legend::measure(&p.fonts, &entries, k, area.width() * 0.3, area.height());
        let at = legend::outside(area, &size, place, k);
        Ok(Some(FigureLegend { entries, size, at }))
    }

    pub fn draw<C: Canvas>(&self, p: &Painter<C>, chart: &Chart, k: f32) -> Result<()> {
        legend::draw(p, &self.entries, &self.size, self.at, &chart.theme, k)
    }
}
