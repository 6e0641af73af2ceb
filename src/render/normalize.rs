//! `stack: "normalize"` on a value axis: every stack of bars or areas is scaled so that it sums
//! to 1 (the axis shows it as 100 %). A series without `stack` is a stack of its own. Lines and
//! points are drawn as given.

use crate::budget::{Budget, CHECK_EVERY_ITEMS};
use crate::error::Result;
use crate::format::d3::NumberFormat;
use crate::spec::model::{Plot, PlotKind, SeriesOptions};
use crate::spec::PieLabelContent;
use std::collections::HashMap;

/// The stack a series belongs to (bars and areas stack separately), if it is a bar or an area.
fn stack_key(i: usize, kind: &PlotKind) -> Option<(String, &[f64], &[f64])> {
    let (prefix, stack, xs, ys) = match kind {
        PlotKind::Bar { stack, xs, ys, .. } => ("bar", stack, xs, ys),
        PlotKind::Area { stack, xs, ys, .. } => ("area", stack, xs, ys),
        _ => return None,
    };
    let key = match stack {
        Some(s) => format!("{prefix}:s:{s}"),
        None => format!("{prefix}:#{i}"),
    };
    Some((key, xs, ys))
}

/// `plots` with every bar and area value divided by the total size (sum of magnitudes) of its
/// stack at its x. A total of zero leaves the values at zero.
pub fn normalize(
    plots: &[Plot],
    on_normalized_axis: impl Fn(&Plot) -> bool,
    budget: &Budget,
) -> Result<Vec<Plot>> {
    let mut totals: HashMap<(String, u64), f64> = HashMap::new();
    for (i, p) in plots.iter().enumerate() {
        if !on_normalized_axis(p) {
            continue;
        }
        if let Some((key, xs, ys)) = stack_key(i, &p.kind) {
            for (j, (&x, &y)) in xs.iter().zip(ys).enumerate() {
                if j % CHECK_EVERY_ITEMS == 0 {
                    budget.check("normalizing stacks")?;
                }
                if y.is_finite() {
                    *totals.entry((key.clone(), x.to_bits())).or_insert(0.0) += y.abs();
                }
            }
        }
    }
    let mut out = plots.to_vec();
    for (i, p) in out.iter_mut().enumerate() {
        if !on_normalized_axis(&plots[i]) {
            continue;
        }
        let Some((key, xs, _)) = stack_key(i, &plots[i].kind) else {
            continue;
        };
        let xs = xs.to_vec();
        let options = &mut p.options;
        shares_in_labels(options, &plots[i].kind);
        let ys = match &mut p.kind {
            PlotKind::Bar { ys, .. } | PlotKind::Area { ys, .. } => ys,
            _ => continue,
        };
        for (j, (x, y)) in xs.iter().zip(ys.iter_mut()).enumerate() {
            if j % CHECK_EVERY_ITEMS == 0 {
                budget.check("normalizing stacks")?;
            }
            let t = totals
                .get(&(key.clone(), x.to_bits()))
                .copied()
                .unwrap_or(0.0);
            let share = |v: f64| if t > 0.0 { v / t } else { 0.0 * v };
            *y = share(*y);
            // Error bars shrink with their value.
            if let Some(e) = &mut options.error {
                for d in [e.down.get_mut(j), e.up.get_mut(j)].into_iter().flatten() {
                    *d = share(*d);
                }
            }
        }
    }
    Ok(out)
}

/// Data labels on a normalized stack say the share (without a `format`, as a whole percent),
/// or with `content: "value"` each bar's own value, kept from `kind` before it is scaled.
fn shares_in_labels(options: &mut SeriesOptions, kind: &PlotKind) {
    let Some(l) = options.data_labels.as_mut() else {
        return;
    };
    if l.content == PieLabelContent::Value {
        if let PlotKind::Bar { ys, .. } | PlotKind::Area { ys, .. } = kind {
            l.values = Some(ys.clone());
        }
    } else if l.format.is_none() {
        l.format = NumberFormat::parse(".0%").ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::color::Rgba;

    fn bar(ys: &[f64], stack: Option<&str>) -> Plot {
        Plot {
            name: None,
            color: Rgba::parse("red").unwrap(),
            kind: PlotKind::Bar {
                xs: vec![0.0, 1.0],
                ys: ys.to_vec(),
                stack: stack.map(str::to_owned),
                horizontal: false,
                opacity: 1.0,
                base: None,
                overlay: false,
            },
            on_y2: false,
            options: Default::default(),
        }
    }

    fn ys(p: &Plot) -> Vec<f64> {
        match &p.kind {
            PlotKind::Bar { ys, .. } => ys.clone(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn stacks_sum_to_one() {
        let plots = [bar(&[1.0, 3.0], Some("a")), bar(&[3.0, 1.0], Some("a"))];
        let out = normalize(&plots, |_| true, &Budget::from_millis(10_000)).unwrap();
        assert_eq!(ys(&out[0]), vec![0.25, 0.75]);
        assert_eq!(ys(&out[1]), vec![0.75, 0.25]);
    }

    #[test]
    fn an_unstacked_series_is_its_own_stack() {
        let plots = [bar(&[2.0, 0.0], None), bar(&[5.0, 5.0], None)];
        let out = normalize(&plots, |_| true, &Budget::from_millis(10_000)).unwrap();
        assert_eq!(ys(&out[0]), vec![1.0, 0.0]);
        assert_eq!(ys(&out[1]), vec![1.0, 1.0]);
    }
}
