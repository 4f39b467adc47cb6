//! What the overview and the presentation show, computed from the dashboard data and the
//! URL state: the period range applied to each series, the latest figures per city, the
//! comparison period. Pure functions, so the server render and the browser agree.

use store::{
    model::{Series, SeriesPoint},
    period::{sort_labels, Period},
};

use crate::{api::DashboardData, query::DashQuery};

/// `series` restricted to the periods inside [from, to] with the API's rule (a period
/// counts when it starts on or after `from` starts and ends on or before `to` ends), so
/// the page and its downloads hold the same points.
pub fn in_range(series: &Series, q: &DashQuery) -> Series {
    let from = q.from.as_deref().and_then(Period::parse);
    let to = q.to.as_deref().and_then(Period::parse);
    Series {
        metric: series.metric.clone(),
        unit: series.unit.clone(),
        points: series
            .points
            .iter()
            .filter(|p| {
                let Some(period) = Period::parse(&p.period) else {
                    return false;
                };
                from.is_none_or(|f| period.start >= f.start)
                    && to.is_none_or(|t| period.end <= t.end)
            })
            .cloned()
            .collect(),
    }
}

/// The series of `metric` with the period range applied (empty when there is none).
pub fn shown(data: &DashboardData, metric: &str, q: &DashQuery) -> Series {
    match data.series(metric) {
        Some(s) => in_range(s, q),
        None => Series {
            metric: metric.to_owned(),
            unit: String::new(),
            points: Vec::new(),
        },
    }
}

/// The points of `city` in its latest period (several for counts of different things).
pub fn latest(series: &Series, city: &str) -> Vec<SeriesPoint> {
    let mine: Vec<&SeriesPoint> = series
        .points
        .iter()
        .filter(|p| p.city_key == city)
        .collect();
    let best = mine
        .iter()
        .filter_map(|p| Period::parse(&p.period).map(|per| (per, &p.period)))
        .max_by_key(|(per, _)| (per.end, std::cmp::Reverse(per.start)))
        .map(|(_, label)| label.clone());
    let Some(best) = best else {
        return Vec::new();
    };
    let mut out: Vec<SeriesPoint> = mine
        .into_iter()
        .filter(|p| p.period == best)
        .cloned()
        .collect();
    // The biggest count first: it is usually the headline figure.
    out.sort_by(|a, b| b.value.total_cmp(&a.value));
    out
}

/// Every period with at least one figure, in reporting order.
pub fn periods(data: &DashboardData) -> Vec<String> {
    let mut all: Vec<String> = data
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period.clone()))
        .collect();
    all.sort();
    all.dedup();
    sort_labels(&mut all);
    all
}

/// The comparison period: the one asked for if it has data, else the period with the most
/// (metric, city) figures, the later one on a tie.
pub fn compare_period(data: &DashboardData, asked: Option<&str>) -> Option<String> {
    let periods = periods(data);
    if let Some(asked) = asked {
        if periods.iter().any(|p| p == asked) {
            return Some(asked.to_owned());
        }
    }
    periods
        .iter()
        .enumerate()
        .max_by_key(|(i, period)| {
            let cells = data
                .series
                .iter()
                .flat_map(|s| {
                    s.points
                        .iter()
                        .filter(|p| &p.period == *period)
                        .map(move |p| (s.metric.as_str(), p.city_key.as_str()))
                })
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            (cells, *i)
        })
        .map(|(_, p)| p.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(city: &str, period: &str, value: f64) -> SeriesPoint {
        SeriesPoint {
            city_key: city.into(),
            city: city.into(),
            period: period.into(),
            value,
            bound: String::new(),
            label: String::new(),
            scope: None,
            quote: String::new(),
            article: String::new(),
            article_id: 1,
            published: None,
            fact_id: 1,
            fact_ids: vec![1],
            status: "extracted".into(),
            counted: None,
        }
    }

    fn series(metric: &str, points: Vec<SeriesPoint>) -> Series {
        Series {
            metric: metric.into(),
            unit: "%".into(),
            points,
        }
    }

    #[test]
    fn range_uses_the_api_rule() {
        let s = series(
            "gdp_growth_pct",
            vec![
                point("a", "2022", 1.0),
                point("a", "2023-Q1", 2.0),
                point("a", "2023-H1", 3.0),
                point("a", "2023", 4.0),
            ],
        );
        let q = DashQuery {
            from: Some("2023-Q1".into()),
            to: Some("2023-H1".into()),
            ..DashQuery::default()
        };
        let got: Vec<_> = in_range(&s, &q)
            .points
            .iter()
            .map(|p| p.period.clone())
            .collect();
        assert_eq!(got, ["2023-Q1", "2023-H1"]);
    }

    #[test]
    fn latest_takes_the_last_period_biggest_count_first() {
        let s = series(
            "project_count",
            vec![
                point("a", "2023-Q1", 3.0),
                point("a", "2023-Q1", 138.0),
                point("a", "2022", 900.0),
                point("b", "2023", 1.0),
            ],
        );
        let got: Vec<_> = latest(&s, "a").iter().map(|p| p.value).collect();
        assert_eq!(got, [138.0, 3.0]);
        assert!(latest(&s, "c").is_empty());
    }

    #[test]
    fn comparison_defaults_to_best_covered_period() {
        let data = DashboardData {
            cities: Vec::new(),
            selected: Vec::new(),
            series: vec![
                series(
                    "gdp_growth_pct",
                    vec![point("a", "2023-H1", 1.0), point("b", "2023-H1", 1.0)],
                ),
                series("project_count", vec![point("a", "2023-Q1", 1.0)]),
            ],
            articles: Vec::new(),
            today: String::new(),
        };
        assert_eq!(compare_period(&data, None).as_deref(), Some("2023-H1"));
        assert_eq!(
            compare_period(&data, Some("2023-Q1")).as_deref(),
            Some("2023-Q1")
        );
        assert_eq!(
            compare_period(&data, Some("1999")).as_deref(),
            Some("2023-H1")
        );
    }
}
