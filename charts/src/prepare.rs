//! Turns the caller's [`ChartSpec`] into what the drawing code relies on:
//! text safe for XML, one slot per (series, period), labels that say "目标"
//! for targets, links that cannot run script.

use crate::error::ChartError;
use crate::{ChartKind, ChartSpec, Lang};

pub(crate) struct Prepared {
    pub title: String,
    pub unit: String,
    pub kind: ChartKind,
    pub lang: Lang,
    pub periods: Vec<String>,
    pub series: Vec<PSeries>,
    pub source_line: String,
    pub generated_line: String,
}

pub(crate) struct PSeries {
    pub name: String,
    /// Indexed like `Prepared::periods`.
    pub points: Vec<Option<PPoint>>,
}

pub(crate) struct PPoint {
    pub value: f64,
    pub label: String,
    pub tooltip: String,
    pub href: Option<String>,
    pub is_target: bool,
}

impl Prepared {
    pub fn is_empty(&self) -> bool {
        self.series
            .iter()
            .all(|s| s.points.iter().all(Option::is_none))
    }

    pub fn has_targets(&self) -> bool {
        self.points().any(|(_, _, p)| p.is_target)
    }

    /// Every present point as (series index, period index, point).
    pub fn points(&self) -> impl Iterator<Item = (usize, usize, &PPoint)> {
        self.series.iter().enumerate().flat_map(|(si, s)| {
            s.points
                .iter()
                .enumerate()
                .filter_map(move |(pi, p)| p.as_ref().map(|p| (si, pi, p)))
        })
    }

    pub fn no_data_text(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "暂无数据",
            Lang::En => "No data",
        }
    }

    pub fn target_text(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "目标",
            Lang::En => "Target",
        }
    }
}

pub(crate) fn prepare(spec: &ChartSpec) -> Result<Prepared, ChartError> {
    let mut periods: Vec<String> = Vec::new();
    for p in &spec.periods {
        let p = one_line(p);
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    // A point whose period the caller forgot in `periods` is still shown
    // (appended in order of appearance) rather than silently dropped.
    for s in &spec.series {
        for p in &s.points {
            let period = one_line(&p.period);
            if !periods.contains(&period) {
                periods.push(period);
            }
        }
    }

    let target_word = match spec.lang {
        Lang::Zh => "目标",
        Lang::En => "Target",
    };
    let mut series = Vec::with_capacity(spec.series.len());
    for s in &spec.series {
        let name = one_line(&s.name);
        let mut points: Vec<Option<PPoint>> = periods.iter().map(|_| None).collect();
        for p in &s.points {
            if !p.value.is_finite() {
                return Err(ChartError::InvalidValue {
                    series: s.name.clone(),
                    period: p.period.clone(),
                });
            }
            let period = one_line(&p.period);
            let Some(slot) = periods.iter().position(|q| *q == period) else {
                continue;
            };
            // The API picks one fact per (city, period); if a caller still
            // sends two, the first wins, as documented on `Series`.
            if points[slot].is_some() {
                continue;
            }
            let mut label = one_line(&p.label);
            if label.is_empty() {
                label = format_number(p.value);
            }
            let says_target =
                label.contains("目标") || label.to_ascii_lowercase().contains("target");
            if p.is_target && !says_target {
                label = format!("{target_word} {label}");
            }
            let mut tooltip = xml_text(&p.tooltip);
            if tooltip.trim().is_empty() {
                tooltip = format!("{name} {period}: {label}");
            }
            points[slot] = Some(PPoint {
                value: p.value,
                label,
                tooltip,
                href: p.href.as_deref().and_then(safe_href),
                is_target: p.is_target,
            });
        }
        series.push(PSeries { name, points });
    }

    Ok(Prepared {
        title: one_line(&spec.title),
        unit: one_line(&spec.unit),
        kind: spec.kind,
        lang: spec.lang,
        periods,
        series,
        source_line: one_line(&spec.source_line),
        generated_line: one_line(&spec.generated_line),
    })
}

/// Drops characters XML 1.0 forbids even when escaped (control characters,
/// unpaired surrogates cannot occur in a `str`, U+FFFE/U+FFFF).
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

/// Text drawn on the chart: one line, no control characters.
fn one_line(s: &str) -> String {
    let s = xml_text(s);
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Keeps links to web pages and to the app itself; anything else
/// (`javascript:`, `data:` …) would be a script injection point in the SVG.
fn safe_href(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let ok = lower.starts_with("http://")
        || lower.starts_with("https://")
        || (href.starts_with('/') && !href.starts_with("//"))
        || href.starts_with('?')
        || href.starts_with('#');
    (ok && !href.chars().any(char::is_control)).then(|| href.to_string())
}

/// Shortest readable form: 5.3 → "5.3", 258.0 → "258", 0.301 → "0.301".
pub(crate) fn format_number(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_that_could_run_script_are_dropped() {
        assert_eq!(
            safe_href("/articles/3#f12").as_deref(),
            Some("/articles/3#f12")
        );
        assert!(safe_href("https://example.org/a?b=1&c=2").is_some());
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href(" JavaScript:alert(1)").is_none());
        assert!(safe_href("data:text/html,x").is_none());
        assert!(safe_href("//evil.example").is_none());
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(format_number(5.3), "5.3");
        assert_eq!(format_number(258.0), "258");
        assert_eq!(format_number(0.301), "0.301");
        assert_eq!(format_number(-0.0001), "0");
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(one_line("四平\u{0}\u{8}市\n 2023"), "四平市 2023");
    }
}
