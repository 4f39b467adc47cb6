//! Writes sample charts to the workspace's target/charts-demo/ and prints
//! render timings.
//!
//!     cargo run -p charts --release --example demo

use std::time::Instant;

use charts::{render_png, render_svg, ChartKind, ChartSpec, CjkFont, Lang, Point, Series};

fn gdp(kind: ChartKind) -> ChartSpec {
    let pt = |period: &str, value: f64, city: &str, date: &str| {
        Point {
        period: period.into(),
        value,
        label: format!("{value}%"),
        tooltip: format!(
            "{city} {period} 地区生产总值同比增长 {value}%\n“全市地区生产总值同比增长{value}%”\n{city}日报 {date}"
        ),
        href: Some(format!("/articles/{city}-{date}#gdp")),
        is_target: false,
    }
    };
    let mut linfen_target = pt("2023-H1", 6.0, "临汾", "2023-02-10");
    linfen_target.is_target = true;
    linfen_target.label = "目标 6%".into();
    ChartSpec {
        title: "地区生产总值（GDP）增长".into(),
        unit: "同比增长（%）".into(),
        kind,
        width: 1200,
        height: 675,
        periods: vec!["2022".into(), "2023-Q1".into(), "2023-H1".into()],
        series: vec![
            Series {
                name: "四平".into(),
                points: vec![
                    pt("2022", 2.4, "四平", "2023-01-12"),
                    pt("2023-Q1", 6.1, "四平", "2023-04-28"),
                    pt("2023-H1", 5.3, "四平", "2023-08-04"),
                ],
            },
            Series {
                name: "营口".into(),
                points: vec![
                    pt("2022", 1.1, "营口", "2023-01-16"),
                    pt("2023-Q1", 4.6, "营口", "2023-04-03"),
                    pt("2023-H1", 5.0, "营口", "2023-07-27"),
                ],
            },
            Series {
                name: "临汾".into(),
                points: vec![
                    pt("2022", 4.8, "临汾", "2023-01-30"),
                    pt("2023-Q1", 3.9, "临汾", "2023-04-25"),
                    linfen_target,
                ],
            },
        ],
        source_line: "来源：四平日报 2023-01-12、2023-04-28、2023-08-04；营口日报 2023-01-16、2023-04-03、2023-07-27；临汾日报 2023-01-30、2023-02-10、2023-04-25".into(),
        generated_line: "生成于 2026-11-23".into(),
        lang: Lang::Zh,
    }
}

/// The crowded case the layout must survive: 4 cities × 8 periods.
fn crowded(kind: ChartKind) -> ChartSpec {
    let cities = ["四平", "营口", "临汾", "长春"];
    let periods: Vec<String> = (2020..2024)
        .flat_map(|y| [format!("{y}-H1"), format!("{y}-H2")])
        .collect();
    let series = cities
        .iter()
        .enumerate()
        .map(|(ci, c)| Series {
            name: (*c).into(),
            points: periods
                .iter()
                .enumerate()
                .map(|(pi, p)| {
                    let v = 120.0 + 37.5 * ci as f64 + 11.25 * pi as f64
                        - if pi == 2 { 90.0 } else { 0.0 };
                    let mut point = Point::new(p.clone(), v, format!("{v:.1}"));
                    point.is_target = pi == 7 && ci == 1;
                    point
                })
                .collect(),
        })
        .collect();
    ChartSpec {
        title: "固定资产投资（完成额）".into(),
        unit: "亿元".into(),
        kind,
        periods,
        series,
        source_line: "来源：示例数据".into(),
        generated_line: "生成于 2026-11-23".into(),
        ..ChartSpec::default()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The workspace's target/ (ignored by git), wherever the demo is run from.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/charts-demo");
    let dir = dir.as_path();
    std::fs::create_dir_all(dir)?;
    let start = Instant::now();
    let font = CjkFont::locate()?;
    println!(
        "font: {} (loaded in {:?})",
        font.path().display(),
        start.elapsed()
    );

    let mut jobs = vec![
        ("gdp", gdp(ChartKind::Bar)),
        ("gdp-line", gdp(ChartKind::Line)),
        ("crowded", crowded(ChartKind::Bar)),
        ("crowded-line", crowded(ChartKind::Line)),
    ];
    let mut en = gdp(ChartKind::Bar);
    en.lang = Lang::En;
    en.title = "GDP growth".into();
    en.unit = "Year on year (%)".into();
    en.series
        .iter_mut()
        .zip(["Siping", "Yingkou", "Linfen"])
        .for_each(|(s, n)| s.name = n.into());
    en.width = 800;
    en.height = 450;
    jobs.push(("gdp-en-800", en));
    let mut empty = gdp(ChartKind::Bar);
    empty.series.clear();
    jobs.push(("empty", empty));

    for (name, spec) in &jobs {
        std::fs::write(dir.join(format!("{name}.svg")), render_svg(spec)?)?;
        std::fs::write(dir.join(format!("{name}.png")), render_png(spec, &font)?)?;
    }

    // Timings at the reference size (warm: font loaded, first render done).
    let spec = gdp(ChartKind::Bar);
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(render_svg(&spec)?);
    }
    let svg = start.elapsed() / runs;
    let start = Instant::now();
    let mut size = 0;
    for _ in 0..runs {
        size = std::hint::black_box(render_png(&spec, &font)?).len();
    }
    let png = start.elapsed() / runs;
    println!("1200×675 bar, 3 cities × 3 periods: SVG {svg:?}, PNG {png:?} ({size} bytes)");
    println!("wrote {}", dir.display());
    Ok(())
}
