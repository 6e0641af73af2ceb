//! One legend for all the panels of a chart (a top-level `legend` beside `panels`, as
//! matplotlib's `fig.legend`): the panels' entries, each name and colour once, in panel order,
//! placed outside the grid at the right or the bottom — small multiples share one key instead
//! of repeating it in every cell.

use super::frame::Rect;
use super::legend::{self, Entry};
use super::paint::Painter;
use super::{panel_data, pie, radar};
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
    /// `data` is the panels' first pass ([`panel_data::first_pass`]).
    pub fn reserve<C: Canvas>(
        p: &Painter<C>,
        chart: &Chart,
        data: &[Option<panel_data::Data>],
        area: &mut Rect,
        k: f32,
    ) -> Option<FigureLegend> {
        let (place, reversed) = chart.figure_legend.filter(|_| !chart.sparkline)?;
        let mut entries: Vec<Entry> = Vec::new();
        for (panel, data) in chart.panels.iter().zip(data) {
            let more = match (&panel.content, data) {
                (Content::Cartesian(_), Some(data)) => legend::entries(&data.shapes),
                (Content::Pie(p), _) => pie::entries(p),
                (Content::Radar(r), _) => radar::entries(r),
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
            return None;
        }
        if reversed {
            entries.reverse();
        }
        let size = legend::measure(&p.fonts, &entries, k, area.width() * 0.3, area.height());
        let at = legend::outside(area, &size, place, k);
        Some(FigureLegend { entries, size, at })
    }

    pub fn draw<C: Canvas>(&self, p: &Painter<C>, chart: &Chart, k: f32) -> Result<()> {
        legend::draw(p, &self.entries, &self.size, self.at, &chart.theme, k)
    }
}
