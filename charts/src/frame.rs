//! Everything around the plot: title, unit caption, legend, source footer.
//! Each function draws its band and returns where the next one may start, so
//! the plot gets exactly the space that is left.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::error::ChartError;
use crate::prepare::Prepared;
use crate::style::{self, Scale};
use crate::text::{render_err, Look, Typo, MID_FROM_TOP};
use crate::ChartKind;

/// Draws the title; returns the y where the header row starts.
pub fn title<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    width: f64,
) -> Result<f64, ChartError> {
    let m = sc.margin();
    let top = (m * 0.7).round();
    if prep.title.is_empty() {
        return Ok(top);
    }
    let look = Look::new(sc.title(), style::TEXT).bold();
    let text = t.fit(&prep.title, look, width - 2.0 * m)?;
    t.draw(&text, look, m, top, HPos::Left)?;
    Ok(top + sc.title() * 1.3 + sc.gap() * 0.4)
}

/// One legend entry: a swatch and its text.
struct Entry {
    text: String,
    swatch: Swatch,
    width: f64,
}

#[derive(Clone, Copy)]
enum Swatch {
    Series(usize),
    Target,
}

/// Draws the unit caption (left) and the legend (right, wrapping onto more
/// rows when it does not fit beside the caption). Returns the y below it.
pub fn header<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    width: f64,
    top: f64,
) -> Result<f64, ChartError> {
    let m = sc.margin();
    let avail = width - 2.0 * m;
    let look = Look::new(sc.body(), style::MUTED);
    let row_h = (sc.body() * 1.6).round();
    let unit = t.fit(&prep.unit, look, avail)?;
    let unit_w = t.width(&unit, look)?;

    let swatch_w = swatch_width(prep.kind, sc);
    let name_look = Look::new(sc.body(), style::TEXT);
    let mut entries = Vec::new();
    if !prep.is_empty() {
        for (i, s) in prep.series.iter().enumerate() {
            let text = t.fit(&s.name, name_look, avail / 2.0)?;
            let width = swatch_w + sc.gap() * 0.5 + t.width(&text, name_look)?;
            entries.push(Entry {
                text,
                swatch: Swatch::Series(i),
                width,
            });
        }
        if prep.has_targets() {
            let text = prep.target_text().to_string();
            let width = swatch_w + sc.gap() * 0.5 + t.width(&text, name_look)?;
            entries.push(Entry {
                text,
                swatch: Swatch::Target,
                width,
            });
        }
    }
    let spacing = sc.gap() * 1.6;
    let legend_w: f64 = entries.iter().map(|e| e.width).sum::<f64>()
        + spacing * entries.len().saturating_sub(1) as f64;

    t.draw(&unit, look, m, top, HPos::Left)?;
    if entries.is_empty() {
        return Ok(top + row_h);
    }
    // Rows of entries, each right-aligned to the margin.
    let mut rows: Vec<Vec<&Entry>> = Vec::new();
    let first_row_room = if unit_w + sc.gap() * 3.0 + legend_w <= avail {
        avail - unit_w - sc.gap() * 3.0
    } else {
        0.0 // legend starts on the next row
    };
    let mut room = first_row_room;
    let mut current: Vec<&Entry> = Vec::new();
    let mut used = 0.0;
    if room == 0.0 {
        rows.push(Vec::new());
        room = avail;
    }
    for e in &entries {
        let need = if current.is_empty() {
            e.width
        } else {
            used + spacing + e.width
        };
        if need > room && !current.is_empty() {
            rows.push(std::mem::take(&mut current));
            room = avail;
            used = e.width;
        } else {
            used = need;
        }
        current.push(e);
    }
    rows.push(current);

    let mut y = top;
    for row in &rows {
        let row_w: f64 =
            row.iter().map(|e| e.width).sum::<f64>() + spacing * row.len().saturating_sub(1) as f64;
        let mut x = width - m - row_w;
        for e in row {
            draw_swatch(t, prep.kind, e.swatch, sc, x, y)?;
            let tx = x + swatch_w + sc.gap() * 0.5;
            t.draw(&e.text, name_look, tx, y, HPos::Left)?;
            x += e.width + spacing;
        }
        y += row_h;
    }
    Ok(y)
}

fn swatch_width(kind: ChartKind, sc: Scale) -> f64 {
    match kind {
        ChartKind::Bar => (sc.body() * 0.9).round(),
        ChartKind::Line => (sc.body() * 1.8).round(),
    }
}

/// Swatches sit on the text's visual middle line.
fn draw_swatch<DB: DrawingBackend>(
    t: &Typo<DB>,
    kind: ChartKind,
    swatch: Swatch,
    sc: Scale,
    x: f64,
    top: f64,
) -> Result<(), ChartError> {
    let mid = top + MID_FROM_TOP * sc.body();
    let w = swatch_width(kind, sc);
    let root = t.root;
    match (kind, swatch) {
        (ChartKind::Bar, Swatch::Series(i)) => {
            let half = w / 2.0;
            fill_rect(
                root,
                x,
                mid - half,
                x + w,
                mid + half,
                style::series_color(i),
            )
        }
        (ChartKind::Bar, Swatch::Target) => {
            let half = w / 2.0;
            crate::plot::target_bar(root, (x, mid - half, x + w, mid + half), style::MUTED, sc)
        }
        (ChartKind::Line, swatch) => {
            let (color, target) = match swatch {
                Swatch::Series(i) => (style::series_color(i), false),
                Swatch::Target => (style::MUTED, true),
            };
            let a = (x, mid);
            let b = (x + w, mid);
            if target {
                crate::plot::dashed(root, a, b, color, sc)?;
            } else {
                crate::plot::segment(root, a, b, color, sc.line_width())?;
            }
            crate::plot::marker(root, (x + w / 2.0, mid), color, target, sc)
        }
    }
}

pub fn fill_rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    color: RGBColor,
) -> Result<(), ChartError> {
    let r = Rectangle::new(
        [
            (x0.round() as i32, y0.round() as i32),
            (x1.round() as i32, y1.round() as i32),
        ],
        color.filled(),
    );
    root.draw(&r).map_err(render_err)
}

/// Height the footer needs, and its lines: the source line wrapped to at
/// most two lines, the generated date right-aligned on the last line when
/// it fits there.
pub struct Footer {
    lines: Vec<String>,
    generated_own_line: bool,
    pub height: f64,
}

pub fn layout_footer<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    sc: Scale,
    width: f64,
) -> Result<Footer, ChartError> {
    let m = sc.margin();
    let avail = width - 2.0 * m;
    let look = Look::new(sc.small(), style::MUTED);
    let lines = if prep.source_line.is_empty() {
        Vec::new()
    } else {
        t.wrap(&prep.source_line, look, avail, 2)?
    };
    let gen_w = t.width(&prep.generated_line, look)?;
    let last_w = match lines.last() {
        Some(l) => t.width(l, look)?,
        None => 0.0,
    };
    let generated_own_line = !prep.generated_line.is_empty()
        && !lines.is_empty()
        && last_w + sc.gap() * 2.0 + gen_w > avail;
    let count = lines
        .len()
        .max(usize::from(!prep.generated_line.is_empty()))
        + usize::from(generated_own_line);
    let height = count as f64 * line_height(sc);
    Ok(Footer {
        lines,
        generated_own_line,
        height,
    })
}

fn line_height(sc: Scale) -> f64 {
    (sc.small() * 1.45).round()
}

/// Draws the footer so that it ends at the bottom margin.
pub fn footer<DB: DrawingBackend>(
    t: &Typo<DB>,
    prep: &Prepared,
    f: &Footer,
    sc: Scale,
    width: f64,
    height: f64,
) -> Result<(), ChartError> {
    let m = sc.margin();
    let look = Look::new(sc.small(), style::MUTED);
    let lh = line_height(sc);
    let top = height - footer_bottom_margin(sc) - f.height;
    for (i, line) in f.lines.iter().enumerate() {
        t.draw(line, look, m, top + i as f64 * lh, HPos::Left)?;
    }
    let gen_row = if f.generated_own_line {
        f.lines.len()
    } else {
        f.lines.len().max(1) - 1
    };
    t.draw(
        &prep.generated_line,
        look,
        width - m,
        top + gen_row as f64 * lh,
        HPos::Right,
    )
}

pub fn footer_bottom_margin(sc: Scale) -> f64 {
    (sc.margin() * 0.55).round()
}
