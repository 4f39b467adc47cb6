//! Prints the facts of one text file: cargo run -p extractor --example dump -- FILE [YYYY-MM-DD] [city_key] [title]
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&a[0]).expect("read");
    let m = common::meta(
        a.get(1).map(|s| s.as_str()).filter(|s| !s.is_empty()),
        a.get(2).map(|s| s.as_str()).filter(|s| !s.is_empty()),
        a.get(3).map(|s| s.as_str()),
    );
    let ex = extractor::extract(&text, &m, &common::gazetteer());
    println!("main_city={:?}", ex.main_city);
    for f in &ex.facts {
        println!(
            "{:<34} {:>9} {:<5} city={:<8} scope={:<14} period={:<10} bound={:<8} conf={:.2} label={} | {}",
            f.metric,
            f.value,
            f.unit,
            f.city.as_deref().unwrap_or("-"),
            f.scope.as_deref().unwrap_or("-"),
            f.period,
            f.bound.as_str(),
            f.confidence,
            f.label,
            f.quote.replace('\n', "⏎")
        );
    }
}
