//! The plot itself: y grid and ticks, period axis, bars or lines, value
//! labels, and the pixel boxes the SVG hotspots are laid over.
//!
//! plotters provides the value → pixel mapping; marks are drawn in pixel
//! space so that bar widths, hatching and label offsets are exact and equal
//! in both backends.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::error::ChartError;
use crate::frame::fill_rect;
use crate::prepare::Prepared;
use crate::style::{self, Scale};
use crate::text::{render_err, Look, Typo, MID_FROM_TOP};
use crate::ChartKind;

/// Where a point was drawn, in image pixels: the SVG puts a focusable,
/// titled rectangle there.
#[derive(Clone, Debug)]
pub struct Hotspot {
    pub series: usize,
    pub period: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Region given to the plot, y axis labels and period labels included.
#[derive(Clone, Copy)]
pub struct Region {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum LabelMode {
    Horizontal(f64),
    Vertical(f64),
    Hidden,
}

type Root<DB> = DrawingArea<DB, Shift>;

pub fn plot<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    region: Region,
) -> Result<Vec<Hotspot>, ChartError> {
    if prep.is_empty() {
        no_data(t, prep, sc, region)?;
        return Ok(Vec::new());
    }
    let n = prep.periods.len();
    let ns = prep.series.len();
    let gap = sc.gap();
    let axis_look = Look::new(sc.axis(), style::MUTED);

    let values: Vec<f64> = prep.points().map(|(_, _, p)| p.value).collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let mut hi = values.iter().copied().fold(0.0, f64::max);
    if hi <= lo {
        hi = lo + 1.0;
    }

    // The y labels' width depends on the ticks, which depend on the final
    // range; the unpadded range gives the same number of decimals and at most
    // one more digit, which the extra gap absorbs.
    let rough = ticks(lo, hi);
    let mut ylw: f64 = 0.0;
    for v in [rough.first, rough.last, lo, hi] {
        ylw = ylw.max(t.width(&rough.format(v), axis_look)?);
    }
    let ylw = ylw + gap * 1.2;
    let plot_left = region.left + ylw;
    let plot_right = region.right;
    let pw = (plot_right - plot_left) / n as f64;

    let (bar_w, slot) = bar_geometry(pw, ns, sc);
    let (mode, label_extent) = match prep.kind {
        ChartKind::Bar => bar_label_mode(t, prep, sc, slot)?,
        ChartKind::Line => {
            let em = sc.value();
            (
                LabelMode::Horizontal(em),
                em * 1.15 + sc.marker() + gap * 0.35,
            )
        }
    };

    // Period labels: horizontal if they fit, else vertical, else every k-th.
    let mut period_w: f64 = 0.0;
    for p in &prep.periods {
        period_w = period_w.max(t.width(p, axis_look)?);
    }
    let (period_vertical, every, band) = if period_w <= pw * 0.92 {
        (false, 1, sc.axis() * 1.3 + gap * 0.6)
    } else {
        let every = ((sc.axis() * 1.2) / pw).ceil().max(1.0) as usize;
        (true, every, period_w + gap)
    };

    let plot_top = region.top;
    let plot_bottom = (region.bottom - band).max(plot_top + 20.0);
    let plot_h = plot_bottom - plot_top;

    // Room for labels above the highest and below the lowest mark.
    let pad = 4.0;
    let top_pad = label_extent + pad;
    let bottom_pad = if lo < 0.0 { label_extent + pad } else { 0.0 };
    let usable = (plot_h - top_pad - bottom_pad).max(plot_h * 0.3);
    let per_px = (hi - lo) / usable;
    let y_hi = hi + top_pad * per_px;
    let y_lo = lo - bottom_pad * per_px;

    let area = t.root.clone().shrink(
        (plot_left.round() as i32, plot_top.round() as i32),
        (
            (plot_right - plot_left).round().max(1.0) as u32,
            plot_h.round().max(1.0) as u32,
        ),
    );
    let chart = ChartBuilder::on(&area)
        .build_cartesian_2d(0f64..n as f64, y_lo..y_hi)
        .map_err(render_err)?;
    let px = |x: f64, y: f64| {
        let (a, b) = chart.backend_coord(&(x, y));
        (f64::from(a), f64::from(b))
    };

    // Grid and y labels.
    let final_ticks = ticks(y_lo, y_hi);
    let mut v = final_ticks.first;
    while v <= y_hi + final_ticks.step * 1e-9 {
        let (_, gy) = px(0.0, v);
        if gy >= plot_top - 0.5 && gy <= plot_bottom + 0.5 {
            fill_rect(t.root, plot_left, gy, plot_right, gy + 1.0, style::GRID)?;
            t.draw(
                &final_ticks.format(v),
                axis_look,
                plot_left - gap * 0.6,
                gy - MID_FROM_TOP * sc.axis(),
                HPos::Right,
            )?;
        }
        v += final_ticks.step;
    }
    let (_, base_y) = px(0.0, 0.0);
    fill_rect(
        t.root,
        plot_left,
        base_y,
        plot_right,
        base_y + 1.0,
        style::AXIS,
    )?;

    // Period labels.
    for (i, p) in prep.periods.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let (cx, _) = px(i as f64 + 0.5, 0.0);
        let y = plot_bottom + gap * 0.6;
        if period_vertical {
            t.draw_vertical(p, axis_look, cx, y, HPos::Right)?;
        } else {
            t.draw(p, axis_look, cx, y, HPos::Center)?;
        }
    }

    let geo = Geometry {
        px: &px,
        ns,
        bar_w,
        slot,
        base_y,
        bounds: (plot_left, plot_top, plot_right, plot_bottom),
    };
    match prep.kind {
        ChartKind::Bar => bars(t, prep, sc, &geo, mode),
        ChartKind::Line => lines(t, prep, sc, &geo),
    }
}

struct Geometry<'a> {
    px: &'a dyn Fn(f64, f64) -> (f64, f64),
    ns: usize,
    bar_w: f64,
    slot: f64,
    base_y: f64,
    bounds: (f64, f64, f64, f64),
}

impl Geometry<'_> {
    fn bar_center(&self, period: usize, series: usize) -> f64 {
        let (cx, _) = (self.px)(period as f64 + 0.5, 0.0);
        cx - self.slot * self.ns as f64 / 2.0 + self.slot * (series as f64 + 0.5)
    }
}

/// Bars take 78 % of a period, 86 % of their slot within it, and never grow
/// wider than a thumb (one fat bar per period looks like a block).
fn bar_geometry(pw: f64, ns: usize, sc: Scale) -> (f64, f64) {
    let ns = ns.max(1) as f64;
    let max_w = 72.0 * sc.factor.max(0.5);
    let slot = (pw * 0.78 / ns).min(max_w / 0.86);
    let bar_w = if ns > 1.0 { slot * 0.86 } else { slot };
    (bar_w, slot)
}

fn bar_label_mode<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    slot: f64,
) -> Result<(LabelMode, f64), ChartError> {
    let em = sc.value();
    let look = Look::new(em, style::TEXT);
    let mut max_w: f64 = 0.0;
    for (_, _, p) in prep.points() {
        max_w = max_w.max(t.width(&p.label, look)?);
    }
    let gap = sc.gap() * 0.35;
    let small = (em * 0.85).max(9.0).min(em);
    let small_w = max_w * small / em;
    Ok(if max_w <= slot * 0.96 {
        (LabelMode::Horizontal(em), em * 1.15 + gap)
    } else if small_w <= slot * 0.96 {
        (LabelMode::Horizontal(small), small * 1.15 + gap)
    } else if slot >= em * 1.15 {
        (LabelMode::Vertical(em), max_w + gap)
    } else if slot >= small * 1.1 {
        (LabelMode::Vertical(small), small_w + gap)
    } else {
        // Too crowded to label: values stay in the tooltips and the table.
        (LabelMode::Hidden, 0.0)
    })
}

fn bars<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    g: &Geometry,
    mode: LabelMode,
) -> Result<Vec<Hotspot>, ChartError> {
    let gap = sc.gap() * 0.35;
    let min_hot = 14.0 * sc.factor.max(0.6);
    let mut hotspots = Vec::new();
    for (si, pi, p) in prep.points() {
        let color = style::series_color(si);
        let cx = g.bar_center(pi, si);
        let x0 = cx - g.bar_w / 2.0;
        let x1 = cx + g.bar_w / 2.0;
        let (_, vy) = (g.px)(0.0, p.value);
        let (mut top, mut bottom) = (vy.min(g.base_y), vy.max(g.base_y));
        // A zero or tiny value still shows as a sliver on the axis.
        if bottom - top < 2.0 {
            if p.value >= 0.0 {
                top = bottom - 2.0;
            } else {
                bottom = top + 2.0;
            }
        }
        if p.is_target {
            target_bar(t.root, (x0, top, x1, bottom), color, sc)?;
        } else {
            fill_rect(t.root, x0, top, x1, bottom, color)?;
        }

        let up = p.value >= 0.0;
        match mode {
            LabelMode::Horizontal(em) => {
                let y = if up {
                    top - gap - em * 1.05
                } else {
                    bottom + gap
                };
                t.draw(&p.label, Look::new(em, style::TEXT), cx, y, HPos::Center)?;
            }
            LabelMode::Vertical(em) => {
                let look = Look::new(em, style::TEXT);
                if up {
                    t.draw_vertical(&p.label, look, cx, top - gap, HPos::Left)?;
                } else {
                    t.draw_vertical(&p.label, look, cx, bottom + gap, HPos::Right)?;
                }
            }
            LabelMode::Hidden => {}
        }

        let (hy0, hy1) = if bottom - top >= min_hot {
            (top, bottom)
        } else if up {
            (bottom - min_hot, bottom)
        } else {
            (top, top + min_hot)
        };
        hotspots.push(Hotspot {
            series: si,
            period: pi,
            x: x0,
            y: hy0,
            w: g.bar_w,
            h: hy1 - hy0,
        });
    }
    Ok(hotspots)
}

fn lines<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    g: &Geometry,
) -> Result<Vec<Hotspot>, ChartError> {
    struct Pt {
        si: usize,
        pi: usize,
        x: f64,
        y: f64,
        target: bool,
    }
    let pts: Vec<Pt> = prep
        .points()
        .map(|(si, pi, p)| {
            let (x, y) = (g.px)(pi as f64 + 0.5, p.value);
            Pt {
                si,
                pi,
                x,
                y,
                target: p.is_target,
            }
        })
        .collect();

    // Lines join neighbouring periods only: a missing period is a gap, not
    // an interpolation. A segment touching a target is dashed.
    for (si, _) in prep.series.iter().enumerate() {
        let color = style::series_color(si);
        let mine: Vec<&Pt> = pts.iter().filter(|p| p.si == si).collect();
        let mut run: Vec<(f64, f64)> = Vec::new();
        for w in mine.windows(2) {
            let (a, b) = (w[0], w[1]);
            let joined = b.pi == a.pi + 1;
            let solid = joined && !a.target && !b.target;
            if solid {
                if run.is_empty() {
                    run.push((a.x, a.y));
                }
                run.push((b.x, b.y));
            } else {
                polyline(t.root, &run, color, sc.line_width())?;
                run.clear();
                if joined {
                    dashed(t.root, (a.x, a.y), (b.x, b.y), color, sc)?;
                }
            }
        }
        polyline(t.root, &run, color, sc.line_width())?;
    }
    for p in &pts {
        marker(t.root, (p.x, p.y), style::series_color(p.si), p.target, sc)?;
    }

    // Labels: above, below, right or left of their point, whichever
    // collides with nothing already there (labels, markers, line segments);
    // skipped if none fits (the value stays in the tooltip and the table).
    let em = sc.value();
    let look = Look::new(em, style::TEXT);
    let r = sc.marker() + sc.gap() * 0.3;
    let mut taken: Vec<[f64; 4]> = pts
        .iter()
        .map(|p| [p.x - r, p.y - r, p.x + r, p.y + r])
        .collect();
    let segments: Vec<[f64; 4]> = pts
        .windows(2)
        .filter(|w| w[0].si == w[1].si && w[1].pi == w[0].pi + 1)
        .map(|w| [w[0].x, w[0].y, w[1].x, w[1].y])
        .collect();
    let (left, top, right, bottom) = g.bounds;
    let mut order: Vec<usize> = (0..pts.len()).collect();
    order.sort_by(|&a, &b| {
        (pts[a].pi, pts[a].y)
            .partial_cmp(&(pts[b].pi, pts[b].y))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut hotspots = Vec::new();
    for &i in &order {
        let p = &pts[i];
        let label = prep.series[p.si].points[p.pi]
            .as_ref()
            .map(|q| q.label.as_str())
            .unwrap_or_default();
        let w = t.width(label, look)?;
        let lowest_here = !pts.iter().any(|q| q.pi == p.pi && q.y > p.y);
        let highest_here = !pts.iter().any(|q| q.pi == p.pi && q.y < p.y);
        // (x of the label's centre, y of its top)
        let above = (p.x, p.y - r - em * 1.05);
        let below = (p.x, p.y + r + 0.1 * em + 1.0);
        let side_y = p.y - MID_FROM_TOP * em;
        let rightward = (p.x + r + 2.0 + w / 2.0, side_y);
        let leftward = (p.x - r - 2.0 - w / 2.0, side_y);
        let tries = if lowest_here && !highest_here {
            [below, above, rightward, leftward]
        } else {
            [above, below, rightward, leftward]
        };
        for (cx, y) in tries {
            let b = [
                cx - w / 2.0 - 2.0,
                y - 0.1 * em,
                cx + w / 2.0 + 2.0,
                y + 1.05 * em,
            ];
            let inside =
                b[1] >= top - em * 0.5 && b[3] <= bottom && b[0] >= left - r && b[2] <= right + r;
            let free = taken.iter().all(|o| !overlaps(&b, o))
                && segments.iter().all(|s| !segment_hits(s, &b));
            if inside && free {
                t.draw(label, look, cx, y, HPos::Center)?;
                taken.push(b);
                break;
            }
        }
        let half = (sc.marker() * 2.0 + 8.0).max(11.0 * sc.factor.max(0.6));
        hotspots.push(Hotspot {
            series: p.si,
            period: p.pi,
            x: p.x - half,
            y: p.y - half,
            w: half * 2.0,
            h: half * 2.0,
        });
    }
    hotspots.sort_by_key(|h| (h.series, h.period));
    Ok(hotspots)
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether segment `s` (x0, y0, x1, y1) crosses box `b`; sampled every two
/// pixels, which is finer than any label.
fn segment_hits(s: &[f64; 4], b: &[f64; 4]) -> bool {
    let (dx, dy) = (s[2] - s[0], s[3] - s[1]);
    let steps = ((dx * dx + dy * dy).sqrt() / 2.0).ceil().max(1.0) as usize;
    (0..=steps).any(|k| {
        let f = k as f64 / steps as f64;
        let (x, y) = (s[0] + dx * f, s[1] + dy * f);
        x > b[0] && x < b[2] && y > b[1] && y < b[3]
    })
}

/// A target: pale fill, 45° hatching and a solid outline in the series
/// colour, so it never reads as an achieved (solid) bar, also in greyscale.
pub fn target_bar<DB: DrawingBackend>(
    root: &Root<DB>,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    color: RGBColor,
    sc: Scale,
) -> Result<(), ChartError> {
    fill_rect(root, x0, y0, x1, y1, style::tint(color, 0.82))?;
    let step = (7.0 * sc.factor).max(4.0).round();
    let hatch = ShapeStyle {
        color: color.to_rgba(),
        filled: false,
        stroke_width: 1,
    };
    // Lines x + y = c, clipped to the rectangle.
    let mut c = x0 + y0 + step;
    while c < x1 + y1 {
        let xa = x0.max(c - y1);
        let xb = x1.min(c - y0);
        if xb > xa {
            let seg = PathElement::new(
                vec![
                    (xa.round() as i32, (c - xa).round() as i32),
                    (xb.round() as i32, (c - xb).round() as i32),
                ],
                hatch,
            );
            root.draw(&seg).map_err(render_err)?;
        }
        c += step;
    }
    let bw = (2.0 * sc.factor).max(1.0).round();
    fill_rect(root, x0, y0, x1, y0 + bw, color)?;
    fill_rect(root, x0, y1 - bw, x1, y1, color)?;
    fill_rect(root, x0, y0, x0 + bw, y1, color)?;
    fill_rect(root, x1 - bw, y0, x1, y1, color)
}

pub fn segment<DB: DrawingBackend>(
    root: &Root<DB>,
    a: (f64, f64),
    b: (f64, f64),
    color: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    polyline(root, &[a, b], color, width)
}

fn polyline<DB: DrawingBackend>(
    root: &Root<DB>,
    pts: &[(f64, f64)],
    color: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    if pts.len() < 2 {
        return Ok(());
    }
    let path: Vec<(i32, i32)> = pts
        .iter()
        .map(|&(x, y)| (x.round() as i32, y.round() as i32))
        .collect();
    root.draw(&PathElement::new(path, color.stroke_width(width)))
        .map_err(render_err)
}

pub fn dashed<DB: DrawingBackend>(
    root: &Root<DB>,
    a: (f64, f64),
    b: (f64, f64),
    color: RGBColor,
    sc: Scale,
) -> Result<(), ChartError> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        return Ok(());
    }
    let dash = (7.0 * sc.factor).max(3.0);
    let mut s = 0.0;
    while s < len {
        let e = (s + dash).min(len);
        let p = |d: f64| (a.0 + dx * d / len, a.1 + dy * d / len);
        segment(root, p(s), p(e), color, (sc.line_width() / 2).max(2))?;
        s += dash * 1.8;
    }
    Ok(())
}

/// Achieved values: a filled dot with a white ring (stays visible where lines
/// cross). Targets: a hollow ring.
pub fn marker<DB: DrawingBackend>(
    root: &Root<DB>,
    (x, y): (f64, f64),
    color: RGBColor,
    target: bool,
    sc: Scale,
) -> Result<(), ChartError> {
    let r = sc.marker();
    let c = (x.round() as i32, y.round() as i32);
    let ring = (r + (1.5 * sc.factor).max(1.0)).round() as i32;
    let draw = |radius: i32, col: RGBColor| {
        root.draw(&Circle::new(c, radius, col.filled()))
            .map_err(render_err)
    };
    draw(ring, style::BACKGROUND)?;
    if target {
        draw(r.round() as i32, color)?;
        draw((r * 0.55).round() as i32, style::BACKGROUND)
    } else {
        draw(r.round() as i32, color)
    }
}

fn no_data<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    region: Region,
) -> Result<(), ChartError> {
    let em = (sc.body() * 1.5).round();
    let cx = (region.left + region.right) / 2.0;
    let cy = (region.top + region.bottom) / 2.0;
    fill_rect(
        t.root,
        region.left,
        region.bottom - 1.0,
        region.right,
        region.bottom,
        style::GRID,
    )?;
    t.draw(
        prep.no_data_text(),
        Look::new(em, style::MUTED),
        cx,
        cy - MID_FROM_TOP * em,
        HPos::Center,
    )
}

/// Evenly spaced "round" y values (steps of 1, 2, 2.5 or 5 × 10ⁿ).
struct Ticks {
    first: f64,
    last: f64,
    step: f64,
    decimals: usize,
}

impl Ticks {
    fn format(&self, v: f64) -> String {
        let s = format!("{:.*}", self.decimals, v);
        // "-0" and "-0.0" read as errors on a slide.
        if s.trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            s.trim_start_matches('-').to_string()
        } else {
            s
        }
    }
}

fn ticks(lo: f64, hi: f64) -> Ticks {
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| norm <= n)
        .unwrap_or(10.0);
    let step = nice * mag;
    let decimals = (0..=6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6) as usize;
    let first = (lo / step).ceil() * step;
    let last = (hi / step).floor() * step;
    Ticks {
        first,
        last,
        step,
        decimals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        let t = ticks(0.0, 6.8);
        assert_eq!(t.step, 2.0);
        assert_eq!(t.decimals, 0);
        assert_eq!(t.format(4.0), "4");
        let t = ticks(-1.2, 1.3);
        assert_eq!(t.step, 0.5);
        assert_eq!(t.format(-0.0), "0.0");
        let t = ticks(0.0, 12.0);
        assert_eq!(t.step, 2.5);
        assert_eq!(t.decimals, 1);
    }
}
