//! One panel of a chart: its title, then its content (a pie, a heatmap or cartesian plots)
//! with its legend. A cartesian panel prepares its shapes first, because the axes are laid out
//! from their extents and the legend is placed where it hides the least of them.

use super::axes::{self, Axes, AxisSpan, Sizes};
use super::frame::Rect;
use super::geom::{self, Runs, Shape};
use super::legend::{self, Entry};
use super::paint::{Painter, TextStyle};
use super::panel_data::Shared;
use super::{annotations, colorbar, heatmap, labels, panel_data, pie, polar_area, y2};
use crate::budget::Budget;
use crate::draw::text::{fit, Fonts};
use crate::draw::{Canvas, HAlign, VAlign};
use crate::error::Result;
use crate::spec::color::Theme;
use crate::spec::model::{Annotation, Chart, Content, LegendPlace, Panel, Pie, Plot};

/// Draws `panel` of `chart` into `area`, its axes spanning at least the `shared` extents.
pub fn draw<C: Canvas>(
    p: &Painter<C>,
    (panel, shared): (&Panel, &Shared),
    mut area: Rect,
    chart: &Chart,
    k: f32,
) -> Result<()> {
    let theme: &Theme = &chart.theme;
    if chart.sparkline {
        return super::sparkline::draw(p, panel, area, chart, k);
    }
    if let Some(title) = &panel.title {
        let size = Sizes::at(k).title * 0.875;
        let text = fit(&p.fonts, title, size, true, area.width());
        p.text(
            &text,
            (area.x0 + area.x1) / 2.0,
            area.y0,
            TextStyle::new(size, theme.text, HAlign::Center, VAlign::Top).bold(),
        )?;
        area.y0 += p.fonts.measure(&text, size, true).1 + 6.0 * k;
    }
    let area = super::titles::panel_caption(p, panel, chart, area, k)?;
    match &panel.content {
        Content::Pie(pie) => draw_pie(
            p,
            pie,
            (panel.legend, panel.legend_reversed),
            area,
            chart,
            k,
        ),
        Content::Heatmap(h) => heatmap::draw(p, panel, h, area, theme, k),
        Content::Cartesian(plots) => draw_cartesian(p, (panel, shared), plots, area, theme, k),
        // v2: new series types
        Content::Radar(r) => {
            super::radar::draw(p, r, (panel.legend, panel.legend_reversed), area, theme, k)
        }
    }
}

/// A pie, with its legend (if any) outside it.
fn draw_pie<C: Canvas>(
    p: &Painter<C>,
    pie: &Pie,
    (legend, reversed): (Option<LegendPlace>, bool),
    area: Rect,
    chart: &Chart,
    k: f32,
) -> Result<()> {
    let mut entries = pie::entries(pie);
    if reversed {
        entries.reverse();
    }
    let mut plot = area;
    let placed = legend.map(|place| {
        let b = legend::measure(&p.fonts, &entries, k, area.width() * 0.35, area.height());
        let at = legend::outside(&mut plot, &b, place, k);
        (b, at)
    });
    match &pie.radial {
        Some(radial) => polar_area::draw(p, pie, radial, plot, &chart.theme, chart.background, k)?,
        None => pie::draw(p, pie, plot, &chart.theme, chart.background, k)?,
    }
    if let Some((b, at)) = placed {
        legend::draw(p, &entries, &b, at, &chart.theme, k)?;
    }
    Ok(())
}

/// Grid, shapes, axes and legend of a cartesian panel, in that order.
fn draw_cartesian<C: Canvas>(
    p: &Painter<C>,
    (panel, shared): (&Panel, &Shared),
    plots: &[Plot],
    area: Rect,
    theme: &Theme,
    k: f32,
) -> Result<()> {
    let budget = *p.budget();
    let cartesian = Cartesian::prepare(&p.fonts, (panel, shared), plots, area, k, &budget)?;
    let mut area = area;
    let colorbar = colorbar::reserve(&p.fonts, (&cartesian.shapes, &panel.y.labels), &mut area, k);
    let placed = cartesian.place(&p.fonts, area, k, &budget)?;
    let layout = &placed.axes;
    axes::draw_grid(p, layout, theme, k)?;
    y2::draw_grid(p, layout, theme, k)?;
    let runs = match placed.runs {
        Some(runs) => runs,
        None => geom::path_runs(&cartesian.shapes, &layout.frame, k, &budget)?,
    };
    let notes = &cartesian.notes;
    let mut callouts =
        annotations::callouts(notes, &cartesian.shapes, &runs, &layout.frame, k, &budget)?;
    callouts.placed.extend(placed.legend_at);
    annotations::draw_layer(p, notes, true, &layout.frame, &mut callouts, theme, k)?;
    let shapes = &cartesian.shapes;
    let mut i = 0;
    while i < shapes.len() {
        let end = geom::stack_end(shapes, i);
        if end > i + 1 {
            geom::draw_stack(p, &shapes[i..end], &layout.frame)?;
        } else {
            geom::draw_shape(p, &shapes[i], &runs[i], &layout.frame, k)?;
            geom::draw_marks(p, &shapes[i], &layout.frame, theme.text, k)?;
        }
        i = end;
    }
    annotations::draw_layer(p, notes, false, &layout.frame, &mut callouts, theme, k)?;
    axes::draw_axes(p, layout, theme, k)?;
    y2::draw_axis(p, layout, theme, k)?;
    let legend_box = placed.legend_at.filter(|_| cartesian.legend.is_some());
    labels::draw(
        p,
        &cartesian.shapes,
        (&runs, legend_box),
        &layout.frame,
        theme,
        k,
    )?;
    if let Some(side) = &colorbar {
        colorbar::draw(p, side, &layout.frame.plot, theme, k)?;
    }
    if let (Some((_, b)), Some(at)) = (&cartesian.legend, placed.legend_at) {
        legend::draw(p, &cartesian.entries, b, at, theme, k)?;
    }
    Ok(())
}

/// A cartesian panel before layout: its shapes, the spans of its axes and its measured legend.
struct Cartesian<'a> {
    shapes: Vec<Shape>,
    x: AxisSpan<'a>,
    y: AxisSpan<'a>,
    // v2: y2 and annotations
    y2: Option<AxisSpan<'a>>,
    /// The panel's annotations, those on y2 carried into y's units.
    notes: Vec<Annotation>,
    entries: Vec<Entry>,
    /// Where the legend goes and its measured box; `None` without a legend or named series.
    legend: Option<(LegendPlace, legend::Box)>,
}

/// The laid-out axes and where the legend goes.
struct Placed<'a> {
    axes: Axes<'a>,
    legend_at: Option<Rect>,
    /// The lines in pixels, when placing the legend needed them.
    runs: Option<Vec<Runs>>,
}

impl<'a> Cartesian<'a> {
    fn prepare(
        fonts: &Fonts,
        (panel, shared): (&'a Panel, &Shared),
        plots: &[Plot],
        area: Rect,
        k: f32,
        budget: &Budget,
    ) -> Result<Cartesian<'a>> {
        let notes = &panel.annotations;
        let panel_data::Data {
            mut shapes,
            ex,
            ey,
            ey2,
        } = panel_data::prepare(panel, plots, notes, budget)?;
        let x = AxisSpan {
            axis: &panel.x,
            range: axes::resolve_range(&panel.x, Shared::widen(ex, &shared.x)),
        };
        let y = AxisSpan {
            axis: &panel.y,
            range: axes::resolve_range(&panel.y, Shared::widen(ey, &shared.y)),
        };
        let y2 = panel.y2.as_ref().map(|a| AxisSpan {
            axis: a,
            range: axes::resolve_range(a, ey2),
        });
        let notes = panel_data::onto_y(&mut shapes, plots, notes, (y2, y), budget)?;
        let mut entries = legend::entries(&shapes);
        if panel.legend_reversed {
            entries.reverse();
        }
        let legend = panel.legend.filter(|_| !entries.is_empty()).map(|place| {
            let b = legend::measure(fonts, &entries, k, area.width() * 0.3, area.height());
            (place, b)
        });
        Ok(Cartesian {
            shapes,
            x,
            y,
            y2,
            notes,
            entries,
            legend,
        })
    }

    /// Lays out the axes in `area` and places the legend: outside (right or bottom) or in a
    /// corner of the plot as asked, or at the best free spot (which maps the lines to pixels).
    fn place(&self, fonts: &Fonts, area: Rect, k: f32, budget: &Budget) -> Result<Placed<'a>> {
        let placed = |inner: Rect, legend_at: Option<Rect>| Placed {
            axes: y2::layout(fonts, self.x, self.y, self.y2, inner, k),
            legend_at,
            runs: None,
        };
        let Some((place, b)) = &self.legend else {
            return Ok(placed(area, None));
        };
        let corner = match place {
            LegendPlace::Right | LegendPlace::Bottom => {
                let mut inner = area;
                let at = legend::outside(&mut inner, b, *place, k);
                return Ok(placed(inner, Some(at)));
            }
            LegendPlace::Best => return self.place_best(fonts, area, b, k, budget),
            LegendPlace::TopRight => 0,
            LegendPlace::TopLeft => 1,
            LegendPlace::BottomLeft => 2,
            LegendPlace::BottomRight => 3,
        };
        let mut out = placed(area, None);
        out.legend_at = Some(legend::candidates(&out.axes.frame.plot, b, k)[corner]);
        Ok(out)
    }

    /// The first spot inside the plot that hides no data; when there is none, the legend goes
    /// outside to the right and the axes are laid out again.
    fn place_best(
        &self,
        fonts: &Fonts,
        area: Rect,
        b: &legend::Box,
        k: f32,
        budget: &Budget,
    ) -> Result<Placed<'a>> {
        let layout = y2::layout(fonts, self.x, self.y, self.y2, area, k);
        let plot = layout.frame.plot;
        let cands = legend::candidates(&plot, b, k);
        let runs = geom::path_runs(&self.shapes, &layout.frame, k, budget)?;
        let occ = legend::occupancy(&self.shapes, &runs, &layout.frame, k, budget)?;
        match legend::best_free(&occ, &cands) {
            Some(r) if r.x0 >= plot.x0 && r.y1 <= plot.y1 => Ok(Placed {
                axes: layout,
                legend_at: Some(r),
                runs: Some(runs),
            }),
            _ => {
                let mut inner = area;
                let at = legend::outside(&mut inner, b, LegendPlace::Right, k);
                Ok(Placed {
                    axes: y2::layout(fonts, self.x, self.y, self.y2, inner, k),
                    legend_at: Some(at),
                    runs: None,
                })
            }
        }
    }
}
