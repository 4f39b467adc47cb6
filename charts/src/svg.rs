//! SVG output: plotters' drawing plus what the dashboard needs on top of it,
//! an accessible name for the figure and one focusable, titled hotspot per
//! point (tooltip on hover and keyboard focus, link to the source article).

use plotters::prelude::*;

use crate::error::ChartError;
use crate::plot::Hotspot;
use crate::prepare::Prepared;
use crate::text::{render_err, Engine};

pub(crate) fn render(prep: &Prepared, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    let hotspots = {
        let backend = SVGBackend::with_string(&mut out, (width, height));
        let root = backend.into_drawing_area();
        let (hotspots, _) = crate::draw::draw(&root, prep, Engine::Svg, width, height)?;
        root.present().map_err(render_err)?;
        hotspots
    };
    decorate(out, prep, &hotspots)
}

/// Escapes text for use in XML content and in double- or single-quoted
/// attributes. Line breaks become character references so that they
/// survive attribute-value normalisation (tooltips are multi-line).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

fn decorate(svg: String, prep: &Prepared, hotspots: &[Hotspot]) -> Result<String, ChartError> {
    let malformed = || ChartError::Render("plotters produced an SVG without a root element".into());
    let open = svg.find("<svg").ok_or_else(malformed)?;
    let open_end = open + svg[open..].find('>').ok_or_else(malformed)?;
    let close = svg.rfind("</svg>").ok_or_else(malformed)?;
    if close < open_end {
        return Err(malformed());
    }

    let title = escape(&prep.title);
    let mut desc = Vec::new();
    for part in [&prep.unit, &prep.source_line, &prep.generated_line] {
        if !part.is_empty() {
            desc.push(escape(part));
        }
    }
    // role="img" would make every descendant presentational, hiding the
    // focusable hotspots from assistive technology (axe: nested-interactive);
    // a chart with hotspots is a figure, one without is an image.
    let role = if hotspots.is_empty() { "img" } else { "figure" };

    let mut out = String::with_capacity(svg.len() + hotspots.len() * 400 + 512);
    out.push_str(&svg[..open_end]);
    out.push_str(&format!(
        r#" role="{role}" aria-label="{title}" class="chart">"#
    ));
    out.push_str(&format!("<title>{title}</title>"));
    if !desc.is_empty() {
        out.push_str(&format!("<desc>{}</desc>", desc.join("; ")));
    }
    out.push('\n');
    out.push_str(&svg[open_end + 1..close]);

    if !hotspots.is_empty() {
        out.push_str(r#"<g class="hotspots">"#);
        for h in hotspots {
            push_hotspot(&mut out, prep, h);
        }
        out.push_str("</g>\n");
    }
    out.push_str(&svg[close..]);
    Ok(out)
}

fn push_hotspot(out: &mut String, prep: &Prepared, h: &Hotspot) {
    let series = &prep.series[h.series];
    let Some(point) = series.points[h.period].as_ref() else {
        return;
    };
    let tip = escape(&point.tooltip);
    let common = format!(
        r#"class="pt{}" data-series="{}" data-period="{}" data-value="{}" aria-label="{tip}""#,
        if point.is_target { " target" } else { "" },
        escape(&series.name),
        escape(&prep.periods[h.period]),
        point.value,
    );
    let rect = format!(
        r#"<title>{tip}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="transparent"/>"#,
        h.x, h.y, h.w, h.h
    );
    match &point.href {
        Some(href) => out.push_str(&format!(
            r#"<a href="{}" {common}>{rect}</a>"#,
            escape(href)
        )),
        None => out.push_str(&format!(
            r#"<g tabindex="0" role="img" {common}>{rect}</g>"#
        )),
    }
    out.push('\n');
}
