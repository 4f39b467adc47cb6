//! The metric catalogue of `eval/metrics.md`: the names every layer (DB, API, CSV,
//! charts) agrees on. Keep in sync with that file, not with the rules.

/// One metric key with its display names and the unit values are normalised to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricInfo {
    pub key: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// Unit the value is stored in ("%", "亿元", "个", "万美元").
    pub unit: &'static str,
    /// "gdp" | "investment" | "projects" | "trade" | "foreign_capital"
    pub family: &'static str,
    /// Core metrics are the ones the dashboard charts and the eval scores.
    pub core: bool,
}

pub const METRICS: &[MetricInfo] = &[
    MetricInfo {
        key: "gdp_growth_pct",
        name_zh: "地区生产总值（GDP）增长",
        name_en: "GDP growth",
        unit: "%",
        family: "gdp",
        core: true,
    },
    MetricInfo {
        key: "gdp_total_yi",
        name_zh: "地区生产总值",
        name_en: "GDP",
        unit: "亿元",
        family: "gdp",
        core: true,
    },
    MetricInfo {
        key: "fixed_asset_investment_yi",
        name_zh: "固定资产投资（完成额）",
        name_en: "Fixed-asset investment",
        unit: "亿元",
        family: "investment",
        core: true,
    },
    MetricInfo {
        key: "fixed_asset_investment_growth_pct",
        name_zh: "固定资产投资增长",
        name_en: "Fixed-asset investment growth",
        unit: "%",
        family: "investment",
        core: true,
    },
    MetricInfo {
        key: "project_investment_yi",
        name_zh: "项目总投资",
        name_en: "Total investment of projects",
        unit: "亿元",
        family: "investment",
        core: true,
    },
    MetricInfo {
        key: "project_count",
        name_zh: "项目个数",
        name_en: "Number of projects",
        unit: "个",
        family: "projects",
        core: true,
    },
    MetricInfo {
        key: "funds_in_place_yi",
        name_zh: "到位资金",
        name_en: "Funds in place",
        unit: "亿元",
        family: "investment",
        core: true,
    },
    MetricInfo {
        key: "funds_in_place_growth_pct",
        name_zh: "到位资金增长",
        name_en: "Funds in place growth",
        unit: "%",
        family: "investment",
        core: false,
    },
    MetricInfo {
        key: "trade_growth_pct",
        name_zh: "进出口总额增长",
        name_en: "Imports and exports growth",
        unit: "%",
        family: "trade",
        core: false,
    },
    MetricInfo {
        key: "foreign_capital_10k_usd",
        name_zh: "实际利用外资",
        name_en: "Foreign capital used",
        unit: "万美元",
        family: "foreign_capital",
        core: false,
    },
];

/// Keys outside the catalogue, for figures that fit no metric: amounts and counts.
pub const OTHER_METRICS: [&str; 2] = ["other", "other_count"];

/// Whether `key` may be stored as a fact's metric: a catalogue key or one of [`OTHER_METRICS`].
pub fn is_known(key: &str) -> bool {
    metric(key).is_some() || OTHER_METRICS.contains(&key)
}

/// Every key [`is_known`] accepts, catalogue order first.
pub fn known_keys() -> impl Iterator<Item = &'static str> {
    METRICS.iter().map(|m| m.key).chain(OTHER_METRICS)
}

/// Looks a metric up by key; `None` for "other"/"other_count" and unknown keys.
pub fn metric(key: &str) -> Option<&'static MetricInfo> {
    METRICS.iter().find(|m| m.key == key)
}

/// True when `key` is a core metric (scored, charted first).
pub fn is_core(key: &str) -> bool {
    metric(key).is_some_and(|m| m.core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_findable() {
        for m in METRICS {
            assert_eq!(metric(m.key), Some(m));
            assert_eq!(METRICS.iter().filter(|x| x.key == m.key).count(), 1);
        }
        assert!(metric("other").is_none());
        assert_eq!(METRICS.iter().filter(|m| m.core).count(), 7);
    }
}
