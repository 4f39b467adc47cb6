//! Plain data shared by the database layer, the API and the pages.

use serde::{Deserialize, Serialize};

/// A city the dashboard follows, with the places inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct City {
    /// Stable ASCII id used in URLs and the API (`siping`).
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub province: String,
    pub places: Vec<Place>,
}

/// A name that refers to a city (`alias`) or to a place inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// `alias`, `county_city`, `county`, `district` or `zone`.
    pub kind: String,
}
