//! v2: the chart-level extras — `subtitle`, `caption`, `description`, `palette`, `sparkline` —
//! and the warnings they raise.
//!
//! Separate from the panels: these describe the whole image. A sparkline draws no text, so the
//! texts a spec gives it are listed as warnings (cosmetic, not honoured) rather than refused.

use super::{check_text, parse_color};
use crate::error::{Error, Result};
use crate::spec::color::{Palette, Theme};
use crate::spec::limits::Limits;
use crate::spec::model::Panel;
use crate::spec::{AxisSpec, ChartSpec, LegendPosition, LegendSpec, PaletteSpec, PanelSpec};

/// The checked extras of a chart.
pub(super) struct Extras {
    pub subtitle: Option<String>,
    pub caption: Option<String>,
    pub description: Option<String>,
    pub palette: Palette,
    pub sparkline: bool,
    pub warnings: Vec<String>,
}

pub(super) fn check(spec: &ChartSpec, theme: &Theme, limits: &Limits) -> Result<Extras> {
    check_text(spec.subtitle.as_deref(), "/subtitle", limits)?;
    check_text(spec.caption.as_deref(), "/caption", limits)?;
    check_text(spec.description.as_deref(), "/description", limits)?;
    let palette = match &spec.palette {
        None => theme.palette.clone(),
        Some(PaletteSpec::Named(name)) => crate::spec::palette::named(*name, &theme.palette),
        Some(PaletteSpec::Colors(list)) => custom_palette(list, limits)?,
    };
    let sparkline = spec.sparkline.unwrap_or(false);
    let mut warnings = spec.warnings.clone();
    if sparkline {
        warnings.extend(sparkline_warnings(spec));
    }
    Ok(Extras {
        subtitle: spec.subtitle.clone(),
        caption: spec.caption.clone(),
        description: spec.description.clone().filter(|d| !d.trim().is_empty()),
        palette,
        sparkline,
        warnings,
    })
}

/// A panel's own `caption` and `description` (v2), checked like the chart's.
pub(super) fn panel(
    panel: &mut Panel,
    spec: &PanelSpec,
    path: &str,
    limits: &Limits,
) -> Result<()> {
    check_text(spec.caption.as_deref(), &format!("{path}/caption"), limits)?;
    check_text(
        spec.description.as_deref(),
        &format!("{path}/description"),
        limits,
    )?;
    panel.caption = spec.caption.clone();
    panel.description = spec.description.clone().filter(|d| !d.trim().is_empty());
    Ok(())
}

/// A list of CSS colours: at least one, each parsed, no more than a pie has slices.
fn custom_palette(list: &[String], limits: &Limits) -> Result<Palette> {
    if list.is_empty() {
        return Err(Error::spec(
            "/palette",
            "must name a palette or list at least one colour",
        ));
    }
    if list.len() > limits.max_categories {
        return Err(Error::limit(
            Some("/palette"),
            "palette colours",
            list.len(),
            limits.max_categories,
        ));
    }
    let colors = list
        .iter()
        .enumerate()
        .map(|(i, c)| parse_color(c, &format!("/palette/{i}")))
        .collect::<Result<Vec<_>>>()?;
    Ok(Palette::Custom(colors))
}

/// The texts and legends a sparkline leaves out, where the spec gives them.
fn sparkline_warnings(spec: &ChartSpec) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut text = |path: String, given: bool| {
        if given {
            found.push(path);
        }
    };
    text("/title".into(), spec.title.is_some());
    text("/subtitle".into(), spec.subtitle.is_some());
    text("/caption".into(), spec.caption.is_some());
    let mut panel =
        |base: String, p: Option<&PanelSpec>, x: Option<&AxisSpec>, y: Option<&AxisSpec>| {
            text(
                format!("{base}/title"),
                p.is_some_and(|p| p.title.is_some()),
            );
            text(
                format!("{base}/caption"),
                p.is_some_and(|p| p.caption.is_some()),
            );
            for (axis, a) in [("x", x), ("y", y)] {
                text(
                    format!("{base}/{axis}/label"),
                    a.is_some_and(|a| a.label.is_some()),
                );
            }
        };
    panel(String::new(), None, spec.x.as_ref(), spec.y.as_ref());
    let legends = std::iter::once((String::new(), spec.legend.as_ref()));
    let mut legend_paths = Vec::new();
    for (i, p) in spec.panels.iter().flatten().enumerate() {
        panel(format!("/panels/{i}"), Some(p), p.x.as_ref(), p.y.as_ref());
        legend_paths.push((format!("/panels/{i}"), p.legend.as_ref()));
    }
    let mut out: Vec<String> = found
        .into_iter()
        .map(|p| format!("{p}: not drawn in a sparkline"))
        .collect();
    for (base, legend) in legends.chain(legend_paths) {
        if shows_legend(legend) {
            out.push(format!("{base}/legend: a sparkline has no legend"));
        }
    }
    out
}

/// Whether a legend is asked for (any position but `none`).
fn shows_legend(legend: Option<&LegendSpec>) -> bool {
    legend
        .and_then(|l| l.position)
        .is_some_and(|p| p != LegendPosition::None)
}

#[cfg(test)]
mod tests {
    use crate::spec::validate::{parse_spec, validate};
    use crate::Limits;

    fn chart(json: &str) -> crate::Result<crate::spec::model::Chart> {
        let limits = Limits::default();
        validate(&parse_spec(json.as_bytes(), &limits)?, &limits)
    }

    const LINE: &str =
        r#""series": [{"type": "line", "y": [1, 2]}, {"type": "line", "y": [2, 1]}]"#;

    #[test]
    fn palettes_colour_the_series_in_turn() {
        let c = chart(&format!(r##"{{"palette": ["#ff0000"], {LINE}}}"##)).unwrap();
        let crate::spec::model::Content::Cartesian(plots) = &c.panels[0].content else {
            panic!()
        };
        // One colour for two series: it wraps around (not a warning).
        assert_eq!(plots[0].color, plots[1].color);
        assert!(c.warnings.is_empty());
        let c = chart(&format!(r#"{{"palette": "okabe-ito", {LINE}}}"#)).unwrap();
        let crate::spec::model::Content::Cartesian(plots) = &c.panels[0].content else {
            panic!()
        };
        assert_eq!(
            plots[1].color,
            crate::spec::color::Rgba(0x56, 0xb4, 0xe9, 255)
        );
    }

    #[test]
    fn bad_palettes_point_at_the_colour() {
        let e = chart(&format!(r##"{{"palette": ["#fff", "nope"], {LINE}}}"##)).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/palette/1"));
        let e = chart(&format!(r#"{{"palette": [], {LINE}}}"#)).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/palette"));
        let e = chart(&format!(r#"{{"palette": "rainbow", {LINE}}}"#)).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/palette"));
    }

    #[test]
    fn texts_are_limited() {
        let long = "a".repeat(501);
        for field in ["subtitle", "caption", "description"] {
            let e = chart(&format!(r#"{{"{field}": "{long}", {LINE}}}"#)).unwrap_err();
            assert_eq!(e.path.as_deref(), Some(format!("/{field}").as_str()));
        }
    }

    #[test]
    fn sparklines_warn_about_the_texts_they_leave_out() {
        let c = chart(&format!(
            r#"{{"sparkline": true, "title": "t", "y": {{"label": "v"}}, "legend": {{"position": "right"}}, {LINE}}}"#
        ))
        .unwrap();
        assert_eq!(
            c.warnings,
            [
                "/title: not drawn in a sparkline",
                "/y/label: not drawn in a sparkline",
                "/legend: a sparkline has no legend"
            ]
        );
        let c = chart(&format!(r#"{{"title": "t", {LINE}}}"#)).unwrap();
        assert!(c.warnings.is_empty() && !c.sparkline);
        let c = chart(&format!(
            r#"{{"sparkline": true, "panels": [{{"caption": "c", {LINE}}}]}}"#
        ))
        .unwrap();
        assert_eq!(c.warnings, ["/panels/0/caption: not drawn in a sparkline"]);
    }

    #[test]
    fn panels_keep_their_caption_and_description() {
        let c = chart(&format!(
            r#"{{"panels": [{{"caption": "Source: A", "description": " ", {LINE}}}, {{"description": "B", {LINE}}}]}}"#
        ))
        .unwrap();
        assert_eq!(c.panels[0].caption.as_deref(), Some("Source: A"));
        assert_eq!(c.panels[0].description, None, "blank counts as none");
        assert_eq!(c.panels[1].description.as_deref(), Some("B"));
        let long = "a".repeat(501);
        let e = chart(&format!(
            r#"{{"panels": [{{"series": [{{"type": "line", "y": [1]}}]}}, {{"caption": "{long}", {LINE}}}]}}"#
        ))
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("/panels/1/caption"));
    }
}
