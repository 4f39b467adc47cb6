//! Turning what users type (城市 names or keys, metric keys) into validated keys, with
//! errors that list what is allowed.

use store::model::City;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LookupError {
    #[error("unknown city {given:?}; use one of: {allowed}")]
    City { given: String, allowed: String },
    #[error("unknown metric {given:?}; use one of: {allowed}")]
    Metric { given: String, allowed: String },
}

/// Resolves each of `given` (a key like `siping` or a name like 四平 / 四平市) to a city key.
pub fn city_keys(cities: &[City], given: &[String]) -> Result<Vec<String>, LookupError> {
    given
        .iter()
        .map(|g| {
            let g = g.trim();
            cities
                .iter()
                .find(|c| {
                    c.key.eq_ignore_ascii_case(g)
                        || c.name_zh == g
                        || c.name_en.eq_ignore_ascii_case(g)
                        || c.places.iter().any(|p| p.kind == "alias" && p.name == g)
                })
                .map(|c| c.key.clone())
                .ok_or_else(|| LookupError::City {
                    given: g.to_owned(),
                    allowed: cities
                        .iter()
                        .map(|c| format!("{} ({})", c.key, c.name_zh))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
        })
        .collect()
}

/// Checks metric keys against the catalogue.
pub fn metric_keys(given: &[String]) -> Result<Vec<String>, LookupError> {
    given
        .iter()
        .map(|g| {
            let g = g.trim();
            if extractor::catalog::is_known(g) {
                Ok(g.to_owned())
            } else {
                Err(LookupError::Metric {
                    given: g.to_owned(),
                    allowed: extractor::catalog::known_keys()
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        })
        .collect()
}
