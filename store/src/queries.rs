//! Chart-ready reads built on the fact filter: one series per metric, KPI summaries.

use extractor::catalog;

use crate::{
    facts::FactFilter,
    model::{City, CitySummary, MetricLatest, Series},
    series::{latest_per_city, pick_points},
    Db, StoreError,
};

fn unit_of(metric: &str) -> String {
    catalog::metric(metric)
        .map(|m| m.unit.to_owned())
        .unwrap_or_default()
}

impl Db {
    /// One point per city and period for `metric`, over all facts the filter admits
    /// (its metric list and pagination are ignored).
    pub async fn series(&self, filter: &FactFilter, metric: &str) -> Result<Series, StoreError> {
        let filter = FactFilter {
            metrics: vec![metric.to_owned()],
            limit: None,
            offset: 0,
            ..filter.clone()
        };
        let rows = self.facts(&filter).await?;
        Ok(Series {
            metric: metric.to_owned(),
            unit: unit_of(metric),
            points: pick_points(rows),
        })
    }

    /// For each city (those of the filter, else all), the latest point of each metric of the
    /// filter (else every core metric).
    pub async fn summary(
        &self,
        filter: &FactFilter,
        cities: &[City],
    ) -> Result<Vec<CitySummary>, StoreError> {
        let mut filter = FactFilter {
            limit: None,
            offset: 0,
            ..filter.clone()
        };
        if filter.metrics.is_empty() {
            filter.metrics = catalog::METRICS
                .iter()
                .filter(|m| m.core)
                .map(|m| m.key.to_owned())
                .collect();
        }
        let rows = self.facts(&filter).await?;
        Ok(cities
            .iter()
            .filter(|c| filter.cities.is_empty() || filter.cities.contains(&c.key))
            .map(|city| CitySummary {
                city_key: city.key.clone(),
                city: city.name_zh.clone(),
                metrics: filter
                    .metrics
                    .iter()
                    .filter_map(|metric| {
                        let of_metric = rows
                            .iter()
                            .filter(|r| {
                                &r.metric == metric
                                    && r.city_key.as_deref() == Some(city.key.as_str())
                            })
                            .cloned()
                            .collect();
                        let point = latest_per_city(pick_points(of_metric)).pop()?;
                        Some(MetricLatest {
                            metric: metric.clone(),
                            unit: unit_of(metric),
                            point,
                        })
                    })
                    .collect(),
            })
            .collect())
    }
}
