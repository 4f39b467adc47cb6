//! The extractor's gazetteer, built from the cities tables: a new city is rows, not code.

use extractor::{CityDef, Gazetteer};

use crate::{Db, StoreError};

impl Db {
    pub async fn gazetteer(&self) -> Result<Gazetteer, StoreError> {
        let cities = self.cities().await?;
        Ok(Gazetteer::new(
            cities
                .into_iter()
                .map(|c| {
                    let (aliases, subplaces) = c
                        .places
                        .into_iter()
                        .partition::<Vec<_>, _>(|p| p.kind == "alias");
                    CityDef {
                        key: c.key,
                        name_zh: c.name_zh,
                        aliases: aliases.into_iter().map(|p| p.name).collect(),
                        subplaces: subplaces.into_iter().map(|p| p.name).collect(),
                    }
                })
                .collect(),
        ))
    }
}
