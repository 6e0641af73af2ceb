//! Candlestick and OHLC series drawn: each period's candle placed in pixels — more periods than
//! pixel columns merge per column, as a coarser period would — then its body and wick, or its
//! bar and ticks, in the up or down colour.

use super::check;
use crate::budget::Budget;
use crate::draw::{Canvas, Stroke};
use crate::error::Result;
use crate::render::frame::Frame;
use crate::render::paint::Painter;
use crate::spec::color::Rgba;
use crate::spec::CandleStyle;

/// A candle placed in pixels: its left edge, middle and right edge, and its prices.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PixelCandle {
    xl: f32,
    xm: f32,
    xr: f32,
    ohlc: [f64; 4],
}

/// The candles to draw. More candles than pixel columns merge per column, as a trader's
/// coarser period would: the first open, the highest high, the lowest low, the last close —
/// what the column would show anyway — so a long history costs the plot's width, not its length.
fn pixel_candles(
    budget: &Budget,
    xs: &[f64],
    ohlc: &[[f64; 4]],
    half: f64,
    frame: &Frame,
) -> Result<Vec<PixelCandle>> {
    let Frame { plot, sx, .. } = frame;
    let cx = |x: f64| sx.map(x).clamp(plot.x0, plot.x1);
    let each = |(&x, &prices): (&f64, &[f64; 4])| PixelCandle {
        xl: cx(x - half),
        xm: cx(x),
        xr: cx(x + half),
        ohlc: prices,
    };
    if (xs.len() as f32) <= plot.width() / 2.0 {
        return Ok(xs.iter().zip(ohlc).map(each).collect());
    }
    let mut merged: Vec<PixelCandle> = Vec::with_capacity(plot.width() as usize + 1);
    for (j, (&x, &[o, h, l, c])) in xs.iter().zip(ohlc).enumerate() {
        check(budget, j, "merging candles")?;
        let col = cx(x).floor();
        match merged.last_mut() {
            Some(m) if m.xl == col => {
                m.ohlc[1] = m.ohlc[1].max(h);
                m.ohlc[2] = m.ohlc[2].min(l);
                m.ohlc[3] = c;
            }
            _ => merged.push(PixelCandle {
                xl: col,
                xm: col + 0.5,
                xr: col + 1.0,
                ohlc: [o, h, l, c],
            }),
        }
    }
    Ok(merged)
}

/// The candles of a series, as prepared: one per period.
#[derive(Debug, Clone)]
pub struct Candles {
    pub xs: Vec<f64>,
    /// open, high, low, close per period.
    pub ohlc: Vec<[f64; 4]>,
    /// Half a candle's width in axis units.
    pub half: f64,
    pub style: CandleStyle,
    pub up: Rgba,
    pub down: Rgba,
}

impl Candles {
    /// Candles (a body from open to close, a wick from low to high) or OHLC bars (ticks left at
    /// the open, right at the close), in the up colour when the close is at or above the open.
    pub fn draw<C: Canvas>(&self, p: &Painter<C>, frame: &Frame, k: f32) -> Result<()> {
        let Candles {
            xs,
            ohlc,
            half,
            style,
            up,
            down,
        } = self;
        let Frame { plot, sy, .. } = frame;
        let cy = |y: f64| sy.map(y).clamp(plot.y0, plot.y1);
        for (j, candle) in pixel_candles(p.budget(), xs, ohlc, *half, frame)?
            .iter()
            .enumerate()
        {
            check(p.budget(), j, "drawing candles")?;
            let PixelCandle {
                xl,
                xm,
                xr,
                ohlc: [o, h, l, c],
            } = *candle;
            let color = if c >= o { *up } else { *down };
            let w = ((xr - xl) * 0.15).clamp(1.0 * k, 2.0 * k);
            let stroke = Stroke::solid(color, w);
            match style {
                CandleStyle::Candlestick => {
                    p.line(
                        &[(xm, cy(h)), (xm, cy(l))],
                        &Stroke::solid(color, (w * 0.75).max(k)),
                    )?;
                    let (top, bottom) = (cy(o.max(c)), cy(o.min(c)));
                    let (top, bottom) = if bottom - top < 1.0 * k {
                        (top - 0.5 * k, top + 0.5 * k)
                    } else {
                        (top, bottom)
                    };
                    p.rect(xl, top, xr.max(xl + 1.0), bottom, color)?;
                }
                CandleStyle::Ohlc => {
                    p.line(&[(xm, cy(h)), (xm, cy(l))], &stroke)?;
                    p.line(&[(xl, cy(o)), (xm, cy(o))], &stroke)?;
                    p.line(&[(xm, cy(c)), (xr, cy(c))], &stroke)?;
                }
            }
        }
        Ok(())
    }
}
