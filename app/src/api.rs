//! Server functions: the page's typed calls into the database.
//! On the server they run directly; in the browser they become HTTP calls.

use leptos::prelude::*;
use store::model::City;

/// The followed cities with their places, in display order.
#[server(prefix = "/_fn", endpoint = "cities")]
pub async fn list_cities() -> Result<Vec<City>, ServerFnError> {
    let db = expect_context::<store::Db>();
    db.cities()
        .await
        .map_err(|e| ServerFnError::new(format!("cannot read cities: {e}")))
}
