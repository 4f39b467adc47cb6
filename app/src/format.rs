//! How figures read on the pages: metric names from the catalogue, units, bound symbols.

use extractor::catalog;

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
    match bound {
        "at_least" => "≥",
        "at_most" => "≤",
        "about" => "≈",
        "target" => "目标 ",
        _ => "",
    }
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

/// Up to four decimals, without trailing zeros: 160.53, 0.301, 138.
pub fn format_number(value: f64) -> String {
    let s = format!("{value:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_bounds() {
        assert_eq!(format_number(160.53), "160.53");
        assert_eq!(format_number(138.0), "138");
        assert_eq!(format_number(0.301), "0.301");
        assert_eq!(bound_symbol("at_least"), "≥");
        assert_eq!(bound_symbol(""), "");
    }
}
