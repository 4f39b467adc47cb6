//! The dashboard's state as it lives in the URL. Every control is a link or a GET form
//! built from this type, so a copied link reproduces the view, back/forward walk the
//! history, and everything works before (or without) the wasm bundle.
//!
//! The filter parameters use the API's names (`city`, `from`, `to`, `scope`,
//! `include_targets`), so the same query string drives the page, the chart images and the
//! CSV downloads, and a download is exactly what the page shows.

use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The metrics with a chart: KPI cards and presentation slides, in this order.
pub const CHARTED_METRICS: [&str; 5] = [
    "gdp_growth_pct",
    INVESTMENT_METRICS[0],
    INVESTMENT_METRICS[1],
    INVESTMENT_METRICS[2],
    "project_count",
];

/// The investment measures the investment panel switches between (never summed).
pub const INVESTMENT_METRICS: [&str; 3] = [
    "fixed_asset_investment_yi",
    "project_investment_yi",
    "funds_in_place_yi",
];
const DEFAULT_INVESTMENT: &str = "project_investment_yi";

/// The three chart panels of the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Panel {
    Gdp,
    Investment,
    Projects,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Gdp, Panel::Investment, Panel::Projects];

    /// The id used in the URL (`table=gdp`) and in element ids.
    pub fn id(self) -> &'static str {
        match self {
            Panel::Gdp => "gdp",
            Panel::Investment => "investment",
            Panel::Projects => "projects",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// Which places a figure may be about (the API's `scope`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// City-wide GDP and fixed-asset investment; projects and funds wherever they are.
    #[default]
    Default,
    /// City-wide figures only.
    City,
    /// Also figures about districts, counties, zones and single projects.
    All,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Default, Scope::City, Scope::All];

    pub fn param(self) -> Option<&'static str> {
        match self {
            Scope::Default => None,
            Scope::City => Some("city"),
            Scope::All => Some("all"),
        }
    }

    fn from_param(v: Option<&str>) -> Self {
        match v {
            Some("city") => Scope::City,
            Some("all") => Scope::All,
            _ => Scope::Default,
        }
    }
}

/// Which facts the dashboard reads: the part of the state that needs the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataFilter {
    /// City keys; empty means every followed city.
    pub cities: Vec<String>,
    pub include_targets: bool,
    pub scope: Scope,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DashQuery {
    pub data: DataFilter,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The investment measure shown.
    pub investment: String,
    /// Panels shown as a table instead of a chart.
    pub tables: Vec<Panel>,
    /// Period of the city comparison; `None` picks the best-covered one.
    pub compare: Option<String>,
    pub lang: Lang,
    /// Presentation mode: the slide shown, from 0 (the title slide).
    pub slide: usize,
}

impl Default for DashQuery {
    fn default() -> Self {
        Self {
            data: DataFilter::default(),
            from: None,
            to: None,
            investment: DEFAULT_INVESTMENT.to_owned(),
            tables: Vec::new(),
            compare: None,
            lang: Lang::Zh,
            slide: 0,
        }
    }
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn truthy(v: Option<&str>) -> bool {
    matches!(v, Some("1" | "true" | "on" | "yes"))
}

impl DashQuery {
    /// Reads the state from a query map. Unknown or malformed values fall back to the
    /// defaults: a hand-edited link still opens a working page.
    pub fn from_params(q: &ParamsMap) -> Self {
        let mut cities: Vec<String> = q
            .get_all("city")
            .unwrap_or_default()
            .iter()
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        cities.dedup();
        let investment = q
            .get("investment")
            .filter(|m| INVESTMENT_METRICS.contains(&m.as_str()))
            .unwrap_or_else(|| DEFAULT_INVESTMENT.to_owned());
        let tables = q
            .get_all("table")
            .unwrap_or_default()
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(Panel::from_id)
            .collect();
        Self {
            data: DataFilter {
                cities,
                include_targets: truthy(q.get_str("include_targets")),
                scope: Scope::from_param(q.get_str("scope")),
            },
            from: non_empty(q.get("from")),
            to: non_empty(q.get("to")),
            investment,
            tables,
            compare: non_empty(q.get("compare")),
            lang: Lang::from_param(q.get_str("lang")),
            slide: q.get_str("slide").and_then(|s| s.parse().ok()).unwrap_or(0),
        }
    }

    /// The filter part only, in the API's parameter names (for chart images and CSV).
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = self
            .data
            .cities
            .iter()
            .map(|c| ("city", c.clone()))
            .collect();
        if let Some(f) = &self.from {
            out.push(("from", f.clone()));
        }
        if let Some(t) = &self.to {
            out.push(("to", t.clone()));
        }
        if let Some(scope) = self.data.scope.param() {
            out.push(("scope", scope.to_owned()));
        }
        if self.data.include_targets {
            out.push(("include_targets", "true".to_owned()));
        }
        out
    }

    /// The view choices that are not filters (investment measure, tables, comparison period,
    /// language): what a form must carry along so submitting it keeps the view.
    pub fn view_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.investment != DEFAULT_INVESTMENT {
            pairs.push(("investment", self.investment.clone()));
        }
        for t in &self.tables {
            pairs.push(("table", t.id().to_owned()));
        }
        if let Some(c) = &self.compare {
            pairs.push(("compare", c.clone()));
        }
        if let Some(l) = self.lang.param() {
            pairs.push(("lang", l.to_owned()));
        }
        pairs
    }

    /// The whole state as a query string (with the leading `?`, or empty for the defaults).
    pub fn to_query(&self) -> String {
        let mut pairs = self.filter_pairs();
        pairs.extend(self.view_pairs());
        if self.slide > 0 {
            pairs.push(("slide", self.slide.to_string()));
        }
        encode(&pairs)
    }

    /// A link to `path` with this state changed by `change`.
    pub fn href_with(&self, path: &str, change: impl FnOnce(&mut Self)) -> String {
        let mut next = self.clone();
        change(&mut next);
        format!("{path}{}", next.to_query())
    }

    pub fn shows_table(&self, panel: Panel) -> bool {
        self.tables.contains(&panel)
    }

    /// Turns `city` on or off; turning off the last one means "all cities" again.
    pub fn toggle_city(&mut self, city: &str, all: &[String]) {
        let current: Vec<String> = if self.data.cities.is_empty() {
            all.to_vec()
        } else {
            self.data.cities.clone()
        };
        let next: Vec<String> = if current.iter().any(|c| c == city) {
            current.into_iter().filter(|c| c != city).collect()
        } else {
            // Keep the display order of `all`.
            all.iter()
                .filter(|c| *c == city || current.contains(c))
                .cloned()
                .collect()
        };
        self.data.cities = if next.len() == all.len() {
            Vec::new()
        } else {
            next
        };
    }
}

/// `?a=1&b=x` with each key and value percent-encoded (UTF-8).
pub fn encode(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("?{body}")
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> ParamsMap {
        let mut map = ParamsMap::new();
        for (k, v) in pairs {
            map.insert(k.to_string(), v.to_string());
        }
        map
    }

    #[test]
    fn round_trips_through_the_query_string() {
        let q = DashQuery::from_params(&params(&[
            ("city", "siping"),
            ("city", "yingkou"),
            ("from", "2023-Q1"),
            ("scope", "all"),
            ("include_targets", "1"),
            ("investment", "funds_in_place_yi"),
            ("table", "gdp"),
            ("lang", "en"),
        ]));
        assert_eq!(q.data.cities, ["siping", "yingkou"]);
        assert!(q.data.scope == Scope::All && q.data.include_targets);
        assert_eq!(q.tables, [Panel::Gdp]);
        assert_eq!(q.lang, Lang::En);
        assert_eq!(
            q.to_query(),
            "?city=siping&city=yingkou&from=2023-Q1&scope=all&include_targets=true\
             &investment=funds_in_place_yi&table=gdp&lang=en"
        );
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let q = DashQuery::from_params(&params(&[
            ("investment", "gdp_total_yi"),
            ("table", "nonsense"),
            ("slide", "x"),
            ("from", "  "),
        ]));
        assert_eq!(q, DashQuery::default());
        assert_eq!(q.to_query(), "");
    }

    #[test]
    fn toggling_cities_keeps_order_and_all_means_none() {
        let all = ["siping", "yingkou", "linfen"].map(String::from).to_vec();
        let mut q = DashQuery::default();
        q.toggle_city("yingkou", &all);
        assert_eq!(q.data.cities, ["siping", "linfen"]);
        q.toggle_city("yingkou", &all);
        assert!(q.data.cities.is_empty());
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(
            encode(&[("city", "四平&x".into())]),
            "?city=%E5%9B%9B%E5%B9%B3%26x"
        );
    }
}
