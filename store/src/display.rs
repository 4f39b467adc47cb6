//! How figures are written for people, the same on pages and in chart images.

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

/// What goes before a bounded value: ≥ for 以上, ≤ for 以下, ≈ for 约, 目标 for plans.
pub fn bound_prefix(bound: &str, english: bool) -> &'static str {
    match (bound, english) {
        ("at_least", _) => "≥",
        ("at_most", _) => "≤",
        ("about", _) => "≈",
        ("target", false) => "目标 ",
        ("target", true) => "target ",
        _ => "",
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
        assert_eq!(format_number(-0.00001), "0");
        assert_eq!(bound_prefix("at_least", false), "≥");
        assert_eq!(bound_prefix("target", true), "target ");
        assert_eq!(bound_prefix("", false), "");
    }
}
