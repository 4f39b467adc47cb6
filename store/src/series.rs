//! Choosing one figure per city and period when several facts compete.
//!
//! Reports repeat and refine figures: a plan and its result, a city total and a district's,
//! "超过258亿元" and "258.3亿元". A chart shows one value per city and period, picked by
//! these rules in order: achieved over target, reviewed (confirmed or corrected by a person)
//! over unreviewed, exact over bounded, city-wide over district, the latest article; the ids of all competing facts stay attached for provenance.
//!
//! Counts are different: "138个项目集中开工" and "96个项目签约" in the same quarter are two
//! figures, not two versions of one. For counting metrics the thing counted is part of the
//! key, so each gets its own point.

use std::{cmp::Ordering, collections::BTreeMap};

use crate::{
    model::{FactRow, SeriesPoint},
    period::Period,
};

/// Groups facts by (city, period) and picks the one to show. Facts without a followed
/// city or without a period cannot be placed on a chart and are left out.
pub fn pick_points(rows: Vec<FactRow>) -> Vec<SeriesPoint> {
    let mut groups: BTreeMap<(String, PeriodKey, Option<String>), Vec<FactRow>> = BTreeMap::new();
    for row in rows {
        let (Some(city_key), Some(period)) = (row.city_key.clone(), Period::parse(&row.period))
        else {
            continue;
        };
        let counted = counted_of(&row.metric, &row.label);
        groups
            .entry((city_key, PeriodKey(period, row.period.clone()), counted))
            .or_default()
            .push(row);
    }
    groups
        .into_values()
        .map(|mut facts| {
            facts.sort_by(preference);
            let ids = facts.iter().map(|f| f.id).collect();
            let best = facts.swap_remove(0);
            SeriesPoint {
                counted: counted_of(&best.metric, &best.label),
                city_key: best.city_key.unwrap_or_default(),
                city: best.city.unwrap_or_default(),
                period: best.period,
                value: best.value,
                bound: best.bound,
                label: best.label,
                scope: best.scope,
                quote: best.quote,
                article: best.article,
                article_id: best.article_id,
                published: best.published,
                fact_id: best.id,
                fact_ids: ids,
                status: best.status,
            }
        })
        .collect()
}

const COUNTED_MAX_CHARS: usize = 10;

/// What a counting metric counted, from the fact's label: "个项目集中开工" → "项目集中开工".
/// `None` for metrics that are amounts or rates.
pub fn counted_of(metric: &str, label: &str) -> Option<String> {
    if metric != "project_count" {
        return None;
    }
    // The label starts at the measure word that followed the number.
    let what = label.trim_start_matches(['个', '家', '批']).trim();
    // 项 is a measure word too ("5项工程"), but not in 项目.
    let what = match what.strip_prefix('项') {
        Some(rest) if !rest.starts_with('目') => rest,
        _ => what,
    };
    if what.is_empty() {
        return Some("项目".to_owned());
    }
    // Long descriptions end in what matters ("…有资金到位的项目"): keep the tail, short
    // enough for an axis label. The full label stays on the fact.
    let chars: Vec<char> = what.chars().collect();
    let keep = chars.len().saturating_sub(COUNTED_MAX_CHARS);
    Some(chars[keep..].iter().collect())
}

/// The latest point of each city: the period that ends last, the longer period on a tie
/// (a whole year over its second half).
pub fn latest_per_city(points: Vec<SeriesPoint>) -> Vec<SeriesPoint> {
    let mut best: BTreeMap<String, (Period, SeriesPoint)> = BTreeMap::new();
    for point in points {
        let Some(period) = Period::parse(&point.period) else {
            continue;
        };
        let replace = match best.get(&point.city_key) {
            None => true,
            Some((p, _)) => {
                (period.end, std::cmp::Reverse(period.start)) > (p.end, std::cmp::Reverse(p.start))
            }
        };
        if replace {
            best.insert(point.city_key.clone(), (period, point));
        }
    }
    best.into_values().map(|(_, p)| p).collect()
}

/// Orders periods by the day they end, the shorter first on a tie: the order in which
/// cumulative figures are reported (一季度, 上半年, 前三季度, 全年).
#[derive(Clone, Debug, PartialEq, Eq)]
struct PeriodKey(Period, String);

impl Ord for PeriodKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.0.end, std::cmp::Reverse(self.0.start), &self.1).cmp(&(
            other.0.end,
            std::cmp::Reverse(other.0.start),
            &other.1,
        ))
    }
}

impl PartialOrd for PeriodKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `Less` means preferred.
fn preference(a: &FactRow, b: &FactRow) -> Ordering {
    let rank = |f: &FactRow| {
        (
            f.bound == "target",
            !f.is_reviewed(),
            !f.bound.is_empty(),
            f.scope.is_some(),
        )
    };
    rank(a)
        .cmp(&rank(b))
        .then_with(|| b.published.cmp(&a.published))
        .then_with(|| b.article_id.cmp(&a.article_id))
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(
        id: i64,
        city: &str,
        period: &str,
        value: f64,
        bound: &str,
        scope: Option<&str>,
        published: &str,
    ) -> FactRow {
        FactRow {
            article: format!("a{id}.txt"),
            city: Some(city.to_uppercase()),
            scope: scope.map(str::to_owned),
            period: period.into(),
            metric: "gdp_growth_pct".into(),
            value,
            unit: "%".into(),
            bound: bound.into(),
            label: String::new(),
            quote: String::new(),
            id,
            article_id: id,
            city_key: Some(city.into()),
            span_start: 0,
            span_end: 0,
            rule: String::new(),
            confidence: 1.0,
            published: Some(published.into()),
            status: "extracted".into(),
            revision: 0,
        }
    }

    #[test]
    fn achieved_beats_target_exact_beats_bounded_city_beats_district_latest_wins() {
        let points = pick_points(vec![
            fact(1, "siping", "2023", 6.0, "target", None, "2023-02-01"),
            fact(2, "siping", "2023", 5.1, "about", None, "2024-01-10"),
            fact(3, "siping", "2023", 5.0, "", Some("双辽市"), "2024-01-10"),
            fact(4, "siping", "2023", 5.2, "", None, "2024-01-10"),
            fact(5, "siping", "2023", 5.3, "", None, "2024-02-01"),
            fact(6, "yingkou", "2023-Q1", 4.0, "", None, "2023-04-03"),
            fact(7, "yingkou", "", 9.0, "", None, "2023-04-03"),
        ]);
        assert_eq!(points.len(), 2);
        assert_eq!((points[0].fact_id, points[0].value), (5, 5.3));
        assert_eq!(points[0].fact_ids, vec![5, 4, 3, 2, 1]);
        assert_eq!(points[1].period, "2023-Q1");
    }

    #[test]
    fn a_reviewed_figure_beats_an_unreviewed_one_but_not_an_achieved_one_over_a_target() {
        let confirmed = |f: FactRow| FactRow {
            status: "confirmed".into(),
            ..f
        };
        let points = pick_points(vec![
            fact(1, "siping", "2023", 5.3, "", None, "2024-02-01"),
            confirmed(fact(2, "siping", "2023", 5.1, "about", None, "2024-01-10")),
            confirmed(fact(3, "siping", "2023", 6.0, "target", None, "2023-02-01")),
        ]);
        assert_eq!(
            (points[0].fact_id, points[0].status.as_str()),
            (2, "confirmed")
        );
        assert_eq!(points[0].fact_ids, vec![2, 1, 3]);
    }

    #[test]
    fn periods_are_chronological_and_latest_prefers_whole_year() {
        let points = pick_points(vec![
            fact(1, "linfen", "2023-H1", 1.0, "", None, "2023-08-01"),
            fact(2, "linfen", "2023", 2.0, "", None, "2024-01-01"),
            fact(3, "linfen", "2023-Q1", 3.0, "", None, "2023-04-01"),
            fact(4, "linfen", "2023-H2", 4.0, "", None, "2024-01-01"),
        ]);
        let periods: Vec<_> = points.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(periods, ["2023-Q1", "2023-H1", "2023-H2", "2023"]);
        let latest = latest_per_city(points);
        assert_eq!(latest[0].period, "2023");
    }

    #[test]
    fn counts_of_different_things_are_separate_points() {
        let count = |id, label: &str, value| FactRow {
            metric: "project_count".into(),
            label: label.into(),
            ..fact(id, "yingkou", "2023-Q1", value, "", None, "2023-04-03")
        };
        let points = pick_points(vec![
            count(1, "个项目集中开工", 138.0),
            count(2, "个项目签约", 96.0),
            count(3, "个项目集中开工", 130.0),
        ]);
        let got: Vec<_> = points
            .iter()
            .map(|p| (p.counted.as_deref(), p.value, p.fact_ids.len()))
            .collect();
        // Two reports of the same count: the later article's (fact 3) is shown.
        assert_eq!(
            got,
            [
                (Some("项目签约"), 96.0, 1),
                (Some("项目集中开工"), 130.0, 2)
            ]
        );
        assert_eq!(counted_of("gdp_growth_pct", "增长"), None);
        assert_eq!(counted_of("project_count", "个"), Some("项目".into()));
        assert_eq!(
            counted_of("project_count", "个项目集中开工"),
            Some("项目集中开工".into())
        );
        assert_eq!(
            counted_of("project_count", "项重点工程"),
            Some("重点工程".into())
        );
        assert_eq!(
            counted_of("project_count", "个系统省外1000万元以上有资金到位的项目"),
            Some("以上有资金到位的项目".into())
        );
    }
}
