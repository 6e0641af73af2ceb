//! Hard limits and the cost estimate: what is refused before any drawing starts.
//!
//! A render that cannot fit in memory or in its budget should fail in microseconds with a clear
//! `limit_exceeded` (or `deadline_exceeded`) error, not after it has burned its time. The limits
//! bound memory (the raster is `pixels × 4` bytes); the estimate bounds time.

use crate::error::{Error, Result};
use crate::spec::model::{Chart, Content};
use std::time::Duration;

/// The hard limits. `Default` is what every entry point uses unless configured otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Raw spec size in bytes.
    pub max_input_bytes: usize,
    /// Device pixels (`width*scale × height*scale`); 25 MP is a 100 MB raster.
    pub max_pixels: u64,
    /// Either side of the image, in device pixels.
    pub max_side: u64,
    /// Data points over all series (line/scatter/bar/area points, histogram samples, heatmap cells).
    pub max_points: usize,
    pub max_series: usize,
    pub max_panels: usize,
    pub max_categories: usize,
    /// Characters of any one text (title, label, series name, category).
    pub max_text_chars: usize,
    pub max_bins: u32,
    pub max_scale: f64,
    // v2: annotations
    /// Annotations over all panels.
    pub max_annotations: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 20 * 1024 * 1024,
            max_pixels: 25_000_000,
            max_side: 10_000,
            max_points: 5_000_000,
            max_series: 200,
            max_panels: 36,
            max_categories: 5_000,
            max_text_chars: 500,
            max_bins: 10_000,
            max_scale: 4.0,
            max_annotations: 200,
        }
    }
}

impl Limits {
    pub fn check_input_size(&self, bytes: usize) -> Result<()> {
        if bytes > self.max_input_bytes {
            return Err(Error::limit(
                None,
                "spec size in bytes",
                bytes,
                self.max_input_bytes,
            ));
        }
        Ok(())
    }
}

/// What a render will cost, computed from the validated chart before drawing.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CostEstimate {
    pub pixels: u64,
    pub points: usize,
    pub series: usize,
    pub raster_bytes: u64,
    /// A deliberately optimistic time estimate: only a chart whose *lower bound* exceeds the
    /// budget is refused up front; anything else is started and stopped by the budget checks.
    pub min_ms: f64,
}

impl CostEstimate {
    pub fn of(chart: &Chart) -> CostEstimate {
        let pixels = chart.pixel_width() as u64 * chart.pixel_height() as u64;
        let mut points = 0usize;
        let mut series = 0usize;
        let mut markers = 0usize;
        for p in &chart.panels {
            // v2: annotations — each is drawn like a marker or two (a rule, a band, a callout).
            markers += p.annotations.len();
            match &p.content {
                Content::Cartesian(plots) => {
                    series += plots.len();
                    for plot in plots {
                        let n = plot.kind.point_count();
                        points += n;
                        if matches!(plot.kind, crate::spec::model::PlotKind::Scatter { .. }) {
                            markers += n;
                        }
                        // v2: series options
                        markers += plot.options.extra_marks(n);
                        // v2: new series types
                        if let crate::spec::model::PlotKind::Mark(m) = &plot.kind {
                            markers += m.drawn_items();
                        }
                    }
                }
                Content::Heatmap(h) => {
                    series += 1;
                    points += h.z.len() * h.cols;
                    // v2: series options — a label per cell
                    if h.data_labels.is_some() {
                        markers += h.z.len() * h.cols;
                    }
                }
                Content::Pie(pie) => {
                    series += 1;
                    points += pie.values.len();
                }
                // v2: new series types
                Content::Radar(r) => {
                    series += r.series.len();
                    points += r.series.iter().map(|s| s.values.len()).sum::<usize>();
                }
            }
        }
        // Lower bounds measured on a 2-core x86-64 (release): clearing + PNG encoding ≥ 1 ns/pixel
        // (WebP ≥ 2, JPEG ≥ 3: slower encoders), reading a point ≥ 2 ns, stamping a marker ≥ 50 ns.
        // A PDF has no pixels but parses and rewrites the SVG: ≥ 100 ns a point, 500 a marker.
        let (per_pixel, per_point, per_marker) = match chart.format {
            crate::spec::Format::Webp => (2.0, 2.0, 50.0),
            crate::spec::Format::Jpeg => (3.0, 2.0, 50.0),
            crate::spec::Format::Pdf => (0.0, 100.0, 500.0),
            _ => (1.0, 2.0, 50.0),
        };
        let min_ms =
            (pixels as f64 * per_pixel + points as f64 * per_point + markers as f64 * per_marker)
                / 1e6;
        CostEstimate {
            pixels,
            points,
            series,
            raster_bytes: pixels * 4,
            min_ms,
        }
    }

    /// Refuses a chart whose optimistic estimate already exceeds the time left.
    pub fn check_fits(&self, remaining: Duration, budget_ms: u64) -> Result<()> {
        if self.min_ms > remaining.as_secs_f64() * 1000.0 {
            return Err(Error::new(
                crate::error::ErrorCode::DeadlineExceeded,
                format!(
                    "render budget of {budget_ms} ms cannot fit this chart: it needs at least {:.0} ms ({} pixels, {} points); elapsed 0 ms",
                    self.min_ms, self.pixels, self.points
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::validate::{parse_spec, validate};

    fn estimate(spec: &str) -> CostEstimate {
        let limits = Limits::default();
        let chart = validate(&parse_spec(spec.as_bytes(), &limits).unwrap(), &limits).unwrap();
        CostEstimate::of(&chart)
    }

    /// v2: annotations, data labels and per-point sizes count as drawn marks.
    #[test]
    fn every_drawn_element_adds_to_the_estimate() {
        let bare = estimate(r#"{"series": [{"type": "scatter", "x": [1, 2, 3], "y": [1, 2, 3]}]}"#);
        let annotated = estimate(
            r#"{"series": [{"type": "scatter", "x": [1, 2, 3], "y": [1, 2, 3]}],
                "annotations": [{"type": "line", "y": 2}, {"type": "band", "x": [1, 2]},
                                {"type": "text", "x": 1, "y": 1, "text": "a"}]}"#,
        );
        let labelled = estimate(
            r#"{"series": [{"type": "scatter", "x": [1, 2, 3], "y": [1, 2, 3],
                            "data_labels": true, "sizes": [10, 20, 30]}]}"#,
        );
        let mark_ms = 50.0 / 1e6;
        assert!((annotated.min_ms - bare.min_ms - 3.0 * mark_ms).abs() < 1e-9);
        // A heatmap's labels are one mark per cell.
        let cells = |labels: &str| {
            estimate(&format!(
                r#"{{"series": [{{"type": "heatmap", "z": [[1, 2, 3], [4, 5, 6]]{labels}}}]}}"#
            ))
        };
        let (plain, labelled_cells) = (cells(""), cells(r#", "data_labels": true"#));
        assert!((labelled_cells.min_ms - plain.min_ms - 6.0 * mark_ms).abs() < 1e-9);
        assert!((labelled.min_ms - bare.min_ms - 6.0 * mark_ms).abs() < 1e-9);
    }

    /// The slower encoders cost more per pixel, so a chart that fits as PNG may not as JPEG.
    #[test]
    fn the_format_counts() {
        let spec = |f: &str| {
            format!(r#"{{"format": "{f}", "series": [{{"type": "line", "y": [1, 2]}}]}}"#)
        };
        let (png, webp, jpeg) = (
            estimate(&spec("png")),
            estimate(&spec("webp")),
            estimate(&spec("jpg")),
        );
        let pixels = png.pixels as f64 / 1e6;
        assert!((webp.min_ms - png.min_ms - pixels).abs() < 1e-9);
        assert!((jpeg.min_ms - png.min_ms - 2.0 * pixels).abs() < 1e-9);
        // A PDF costs by what is drawn, not by pixels: a million points are 100 ms at least.
        let big = |f: &str| {
            let y = vec!["1"; 1_000_000].join(",");
            estimate(&format!(
                r#"{{"format": "{f}", "series": [{{"type": "line", "y": [{y}]}}]}}"#
            ))
        };
        let pdf = big("pdf");
        assert!(pdf.min_ms >= 100.0, "{}", pdf.min_ms);
        assert!(pdf.min_ms > 10.0 * big("png").min_ms);
    }
}
