//! How figures read on the pages: metric names from the catalogue, units, bound symbols.

use extractor::catalog;
use store::display::format_number;

/// The catalogue's Chinese name, or the fact's own label for figures outside it.
pub fn metric_name(metric: &str, label: &str) -> String {
    match catalog::metric(metric) {
        Some(m) => m.name_zh.to_owned(),
        None if !label.is_empty() => label.to_owned(),
        None => "其他".to_owned(),
    }
}

/// ≥ for 以上, ≤ for 以下, ≈ for 约, "目标 " for plans; nothing for exact figures.
pub fn bound_symbol(bound: &str) -> &'static str {
    store::display::bound_prefix(bound, false)
}

/// The value in the metric's stored unit (`5.3%`, `258 亿元`, `138 个`).
pub fn value_with_unit(value: f64, metric: &str, written_unit: &str) -> String {
    let unit = catalog::metric(metric)
        .map(|m| m.unit)
        .unwrap_or(written_unit);
    let number = format_number(value);
    if unit == "%" {
        format!("{number}%")
    } else {
        format!("{number} {unit}")
    }
}
