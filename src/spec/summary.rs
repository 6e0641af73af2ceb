//! v2: the chart's alt text — the spec's `description`, or a summary generated from the
//! validated chart.
//!
//! The summary is deterministic (same chart, same text) and says what a reader of the image
//! would see first: the kind of chart, its title, the series, and the range each axis covers,
//! e.g. `Line chart "Stock prices 2000–2010": 5 series (MSFT, AMZN, IBM, GOOG, AAPL); x: date,
//! Jan 2000 to Mar 2010; y: price (USD), 5.97 to 707.` Ranges are of the data (not of the
//! padded axes), numbers to three significant digits.

use crate::budget::{Budget, CHECK_EVERY_ITEMS};
use crate::error::Result;
use crate::format::number::format_number;
use crate::format::zone::Zone;
use crate::spec::model::{
    Axis, AxisKind, Chart, Content, Heatmap, Mark, Panel, Pie, Plot, PlotKind, Radar,
};

/// The most names (series, categories, slices) a summary lists before counting the rest.
const MAX_LISTED: usize = 8;

/// The alt text of `chart`: its `description`, else the generated [`summary`].
pub fn alt_text(chart: &Chart, budget: &Budget) -> Result<String> {
    match &chart.description {
        Some(d) => Ok(d.clone()),
        None => summary(chart, budget),
    }
}

/// The generated summary of `chart`, one or more sentences.
pub fn summary(chart: &Chart, budget: &Budget) -> Result<String> {
    if let [panel] = chart.panels.as_slice() {
        let title = chart.title.as_ref().or(panel.title.as_ref());
        return Ok(format!("{}.", describe_panel(panel, title, budget)?));
    }
    let mut out = format!(
        "Chart{} of {} panels.",
        quoted(chart.title.as_ref()),
        chart.panels.len()
    );
    for (i, panel) in chart.panels.iter().enumerate() {
        match &panel.description {
            Some(d) => out.push_str(&format!(" Panel {}: {}", i + 1, with_stop(d))),
            None => {
                let text = describe_panel(panel, panel.title.as_ref(), budget)?;
                out.push_str(&format!(" Panel {}: {}.", i + 1, lower_first(&text)));
            }
        }
    }
    Ok(out)
}

/// ` "title"`, or nothing.
fn quoted(title: Option<&String>) -> String {
    title.map(|t| format!(" \"{t}\"")).unwrap_or_default()
}

/// `text`, ending with a full stop (or the `!`/`?` it has).
fn with_stop(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_owned()
    } else {
        format!("{t}.")
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One panel, without the final full stop.
fn describe_panel(panel: &Panel, title: Option<&String>, budget: &Budget) -> Result<String> {
    match &panel.content {
        Content::Pie(pie) => Ok(describe_pie(pie, title)),
        Content::Heatmap(h) => describe_heatmap(panel, h, title, budget),
        Content::Cartesian(plots) => describe_cartesian(panel, plots, title, budget),
        Content::Radar(radar) => describe_radar(radar, title, budget),
    }
}

fn describe_radar(radar: &Radar, title: Option<&String>, budget: &Budget) -> Result<String> {
    let mut range = Range::default();
    for s in &radar.series {
        range.add_all(&s.values, budget)?;
    }
    let names: Vec<String> = radar.series.iter().filter_map(|s| s.name.clone()).collect();
    let mut series = count(radar.series.len(), "series", "series");
    if !names.is_empty() {
        series.push_str(&format!(" ({})", listed(&names)));
    }
    let spokes = count(radar.labels.len(), "spoke", "spokes");
    Ok(format!(
        "Radar chart{}: {series}; {spokes} ({}); values {}",
        quoted(title),
        listed(&radar.labels),
        range.text(None)
    ))
}

fn describe_pie(pie: &Pie, title: Option<&String>) -> String {
    if let Some(radial) = &pie.radial {
        // Each slice by how far it reaches, the number a reader takes from the rings.
        let slices: Vec<String> = pie
            .labels
            .iter()
            .zip(&radial.radii)
            .map(|(l, r)| format!("{l} {}", number(*r)))
            .collect();
        return format!(
            "Polar area chart{}: {} ({})",
            quoted(title),
            count(pie.values.len(), "slice", "slices"),
            listed(&slices)
        );
    }
    let kind = if pie.donut > 0.0 {
        "Donut chart"
    } else {
        "Pie chart"
    };
    let total: f64 = pie.values.iter().sum();
    let slices: Vec<String> = pie
        .labels
        .iter()
        .zip(&pie.values)
        .map(|(l, v)| format!("{l} {}%", number(100.0 * v / total)))
        .collect();
    format!(
        "{kind}{}: {} ({})",
        quoted(title),
        count(pie.values.len(), "slice", "slices"),
        listed(&slices)
    )
}

fn describe_heatmap(
    panel: &Panel,
    h: &Heatmap,
    title: Option<&String>,
    budget: &Budget,
) -> Result<String> {
    let mut range = Range::default();
    for row in &h.z {
        range.add_all(&row[..], budget)?;
    }
    let side = |name: &str, axis: &Axis, labels: &Option<Vec<String>>, n: usize| {
        let mut s = format!("{name}: ");
        if let Some(l) = &axis.label {
            s.push_str(&format!("{l}, "));
        }
        match labels {
            Some(labels) => s.push_str(&categories(labels)),
            None => s.push_str(&count(n, name.trim_end_matches('s'), name)),
        }
        s
    };
    Ok(format!(
        "Heatmap{}: {} × {} cells; {}; {}; values {}",
        quoted(title),
        h.z.len(),
        h.cols,
        side("rows", &panel.y, &h.y_labels, h.z.len()),
        side("columns", &panel.x, &h.x_labels, h.cols),
        range.text(None)
    ))
}

fn describe_cartesian(
    panel: &Panel,
    plots: &[Plot],
    title: Option<&String>,
    budget: &Budget,
) -> Result<String> {
    let horizontal = plots.iter().any(|p| {
        matches!(
            p.kind,
            PlotKind::Bar {
                horizontal: true,
                ..
            } | PlotKind::Line {
                horizontal: true,
                ..
            } | PlotKind::Scatter {
                horizontal: true,
                ..
            } | PlotKind::Mark(Mark::Box {
                horizontal: true,
                ..
            })
        )
    });
    let histogram_only = plots
        .iter()
        .all(|p| matches!(p.kind, PlotKind::Histogram { .. }));
    let (mut xs, mut ys_y, mut ys2) = (Range::default(), Range::default(), Range::default());
    for plot in plots {
        budget.check("summarizing the chart")?;
        // v2: y2 — the values of series on y2 are read on y2's range.
        let ys = if plot.on_y2 && panel.y2.is_some() {
            &mut ys2
        } else {
            &mut ys_y
        };
        match &plot.kind {
            PlotKind::Line { xs: x, ys: y, .. }
            | PlotKind::Scatter { xs: x, ys: y, .. }
            | PlotKind::Bar { xs: x, ys: y, .. }
            | PlotKind::Area { xs: x, ys: y, .. } => {
                xs.add_all(x, budget)?;
                ys.add_all(y, budget)?;
            }
            PlotKind::Histogram { values, .. } => xs.add_all(values, budget)?,
            PlotKind::Mark(m) => mark_ranges(m, &mut xs, ys, budget)?,
        }
    }
    // In data terms: positions along x, values along y (swapped on screen for horizontal bars).
    let (pos_axis, val_axis, pos_name, val_name) = if horizontal {
        (&panel.y, &panel.x, "y", "x")
    } else {
        (&panel.x, &panel.y, "x", "y")
    };
    let values = if histogram_only {
        val_axis.label.clone().unwrap_or_else(|| "count".to_owned())
    } else {
        axis_text(val_axis, &ys_y)
    };
    let y2 = match &panel.y2 {
        Some(a) => format!("; y2: {}", axis_text(a, &ys2)),
        None => String::new(),
    };
    Ok(format!(
        "{}{}: {}; {pos_name}: {}; {val_name}: {values}{y2}",
        chart_kind(plots),
        quoted(title),
        series_text(plots),
        axis_text(pos_axis, &xs),
    ))
}

/// Adds the positions and values of a v2 mark (band, box, candlestick, text) to the ranges.
fn mark_ranges(m: &Mark, xs: &mut Range, ys: &mut Range, budget: &Budget) -> Result<()> {
    match m {
        Mark::Band {
            xs: x,
            lower,
            upper,
            ..
        } => {
            xs.add_all(x, budget)?;
            ys.add_all(lower, budget)?;
            ys.add_all(upper, budget)
        }
        Mark::Box { xs: x, samples, .. } => {
            xs.add_all(x, budget)?;
            samples.iter().try_for_each(|s| ys.add_all(s, budget))
        }
        Mark::Candlestick {
            xs: x, high, low, ..
        } => {
            xs.add_all(x, budget)?;
            ys.add_all(low, budget)?;
            ys.add_all(high, budget)
        }
        Mark::Text { xs: x, ys: y, .. } => {
            xs.add_all(x, budget)?;
            ys.add_all(y, budget)
        }
    }
}

/// `Line chart`, `Bar chart`, `Line and scatter chart`, `Histogram`.
fn chart_kind(plots: &[Plot]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for p in plots {
        let k = match &p.kind {
            PlotKind::Line { .. } => "line",
            PlotKind::Scatter { .. } => "scatter",
            PlotKind::Bar {
                horizontal: true, ..
            } => "horizontal bar",
            PlotKind::Bar { .. } => "bar",
            PlotKind::Area { .. } => "area",
            PlotKind::Histogram { .. } => "histogram",
            PlotKind::Mark(Mark::Band { .. }) => "band",
            PlotKind::Mark(Mark::Box { .. }) => "box",
            PlotKind::Mark(Mark::Candlestick { .. }) => "candlestick",
            PlotKind::Mark(Mark::Text { .. }) => "text",
        };
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    match kinds.as_slice() {
        ["histogram"] => "Histogram".to_owned(),
        ["scatter"] => "Scatter plot".to_owned(),
        ["box"] => "Box plot".to_owned(),
        _ => {
            let text = match kinds.split_last() {
                Some((last, [])) => last.to_string(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            let mut c = text.chars();
            let first: String = c
                .next()
                .map(|f| f.to_uppercase().collect())
                .unwrap_or_default();
            format!("{first}{} chart", c.as_str())
        }
    }
}

/// `3 series (A, B, C)`: the count, and the names the series have.
fn series_text(plots: &[Plot]) -> String {
    let names: Vec<String> = plots.iter().filter_map(|p| p.name.clone()).collect();
    let mut s = count(plots.len(), "series", "series");
    if let [PlotKind::Histogram { values, .. }] =
        plots.iter().map(|p| &p.kind).collect::<Vec<_>>()[..]
    {
        s = format!(
            "{} values",
            group(values.iter().filter(|v| v.is_finite()).count())
        );
    }
    if !names.is_empty() {
        s.push_str(&format!(" ({})", listed(&names)));
    }
    s
}

/// `label, from to to` (the label when there is one).
fn axis_text(axis: &Axis, range: &Range) -> String {
    let span = match &axis.kind {
        AxisKind::Category(labels) => categories(labels),
        // v2: `stack: "normalize"` — the axis shows shares, not the values.
        _ if axis.opts.normalize => "0% to 100% of each stack".to_owned(),
        _ => range.text(Some(axis)),
    };
    match &axis.label {
        Some(l) => format!("{l}, {span}"),
        None => span,
    }
}

/// `3 categories (a, b, c)`, or `12 categories, Jan to Dec` when there are many.
fn categories(labels: &[String]) -> String {
    let n = count(labels.len(), "category", "categories");
    match labels {
        [] => n,
        [first, .., last] if labels.len() > MAX_LISTED => format!("{n}, {first} to {last}"),
        _ => format!("{n} ({})", labels.join(", ")),
    }
}

/// The first [`MAX_LISTED`] names, and how many more.
fn listed(names: &[String]) -> String {
    if names.len() <= MAX_LISTED {
        return names.join(", ");
    }
    format!(
        "{}, and {} more",
        names[..MAX_LISTED].join(", "),
        names.len() - MAX_LISTED
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// `12,345`.
fn group(n: usize) -> String {
    group_digits(&n.to_string())
}

/// A run of digits with a comma every three from the right.
fn group_digits(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number to three significant digits (whole numbers of more digits stay whole).
fn number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format_number(v);
    }
    let decimals = 2 - v.abs().log10().floor() as i32;
    if decimals <= 0 {
        // Whole numbers of five or more digits are grouped (`178,600`), as English writes them.
        let text = format_number(v.round());
        return match text.strip_prefix('\u{2212}') {
            _ if text.contains('e') || v.abs() < 1e4 => text,
            Some(digits) => format!("\u{2212}{}", group_digits(digits)),
            None => group_digits(&text),
        };
    }
    let f = 10f64.powi(decimals.min(300));
    format_number((v * f).round() / f)
}

/// A date at the precision a span of `span_ms` needs, on the clock of `zone` (the chart's
/// `timezone`, as the axis labels show it).
fn date(ms: f64, span_ms: f64, zone: &Zone) -> String {
    const DAY: f64 = 86_400_000.0;
    let Some(t) = zone.local(ms) else {
        return format_number(ms);
    };
    let fmt = if span_ms >= 60.0 * DAY {
        "%b %Y"
    } else if span_ms >= 2.0 * DAY {
        "%-d %b %Y"
    } else {
        "%-d %b %Y %H:%M"
    };
    t.when.format(fmt).to_string()
}

/// The smallest and largest finite value seen, and how many values were read (the budget is
/// checked every [`CHECK_EVERY_ITEMS`] of them, however they come: one long series or many
/// short heatmap rows).
#[derive(Debug, Clone, Copy)]
struct Range {
    lo: f64,
    hi: f64,
    read: usize,
}

impl Default for Range {
    fn default() -> Self {
        Range {
            lo: f64::INFINITY,
            hi: f64::NEG_INFINITY,
            read: 0,
        }
    }
}

impl Range {
    fn add_all(&mut self, values: &[f64], budget: &Budget) -> Result<()> {
        // Blocks between budget checks, each a plain loop that the compiler vectorizes (a
        // check inside it cost a fifth of a histogram's render).
        for block in values.chunks(CHECK_EVERY_ITEMS) {
            let before = self.read;
            self.read += block.len();
            if before == 0 || before / CHECK_EVERY_ITEMS != self.read / CHECK_EVERY_ITEMS {
                budget.check("summarizing the chart")?;
            }
            let (lo, hi) = block.iter().fold((self.lo, self.hi), |(lo, hi), &v| {
                if v.is_finite() {
                    (if v < lo { v } else { lo }, if v > hi { v } else { hi })
                } else {
                    (lo, hi)
                }
            });
            (self.lo, self.hi) = (lo, hi);
        }
        Ok(())
    }

    /// `lo to hi` as `axis` writes values (dates on a time axis, else numbers); `no data`
    /// when nothing was finite.
    fn text(&self, axis: Option<&Axis>) -> String {
        if self.lo > self.hi {
            return "no data".to_owned();
        }
        let one = |v: f64| match axis {
            Some(a) if a.kind == AxisKind::Time => date(v, self.hi - self.lo, &a.labels.zone),
            _ => number(v),
        };
        let (lo, hi) = (one(self.lo), one(self.hi));
        if lo == hi {
            lo
        } else {
            format!("{lo} to {hi}")
        }
    }
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
