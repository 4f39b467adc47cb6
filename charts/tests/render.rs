//! Rendering through the public API: SVG is parsed as XML, PNG is decoded.

use charts::{
    render_png, render_svg, ChartError, ChartKind, ChartSpec, CjkFont, Lang, Point, Series,
};

fn point(period: &str, value: f64, label: &str, href: Option<&str>) -> Point {
    Point {
        period: period.into(),
        value,
        label: label.into(),
        tooltip: format!("{label} · {period}"),
        href: href.map(Into::into),
        is_target: false,
    }
}

fn gdp(kind: ChartKind) -> ChartSpec {
    let mut target = point("2023-H1", 6.0, "6%", None);
    target.is_target = true;
    ChartSpec {
        title: "地区生产总值增长".into(),
        unit: "同比增长（%）".into(),
        kind,
        periods: vec!["2022".into(), "2023-Q1".into(), "2023-H1".into()],
        series: vec![
            Series {
                name: "四平".into(),
                points: vec![
                    point("2022", 2.4, "2.4%", Some("/articles/1#f1")),
                    point("2023-H1", 5.3, "5.3%", Some("/articles/2#f7")),
                ],
            },
            Series {
                name: "营口".into(),
                points: vec![
                    point("2022", -1.1, "-1.1%", None),
                    point(
                        "2023-Q1",
                        4.6,
                        "4.6%",
                        Some("https://example.org/a?x=1&y=2"),
                    ),
                ],
            },
            Series {
                name: "临汾".into(),
                points: vec![point("2023-Q1", 3.9, "3.9%", None), target],
            },
        ],
        source_line: "来源：四平日报 2023-08-04；营口日报 2023-04-03".into(),
        generated_line: "生成于 2026-11-23".into(),
        ..ChartSpec::default()
    }
}

fn point_count(spec: &ChartSpec) -> usize {
    spec.series.iter().map(|s| s.points.len()).sum()
}

/// The PNG tests need the CJK font: its absence is a setup error to fix,
/// not a reason to skip.
fn font() -> CjkFont {
    CjkFont::locate().unwrap_or_else(|e| panic!("PNG charts cannot be tested: {e}"))
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("PNG header decodes");
    let mut buf = vec![0; reader.output_buffer_size().expect("size fits")];
    let info = reader.next_frame(&mut buf).expect("PNG image data decodes");
    (info.width, info.height)
}

fn all_text(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn svg_is_xml_with_title_legend_labels_and_footer() {
    for kind in [ChartKind::Bar, ChartKind::Line] {
        let spec = gdp(kind);
        let svg = render_svg(&spec).unwrap();
        let doc = roxmltree::Document::parse(&svg).expect("SVG is well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("aria-label"), Some("地区生产总值增长"));
        assert_eq!(root.attribute("width"), Some("1200"));
        let text = all_text(&doc);
        for needle in [
            "地区生产总值增长",
            "同比增长（%）",
            "四平",
            "营口",
            "临汾",
            "5.3%",
            "2.4%",
            "2023-Q1",
            "目标 6%",
            "来源：四平日报 2023-08-04",
            "生成于 2026-11-23",
        ] {
            assert!(text.contains(needle), "{kind:?}: {needle:?} missing");
        }
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text());
        assert_eq!(title, Some("地区生产总值增长"));
    }
}

#[test]
fn one_hotspot_per_point() {
    for kind in [ChartKind::Bar, ChartKind::Line] {
        let spec = gdp(kind);
        let svg = render_svg(&spec).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let hotspots: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == "pt"))
            })
            .collect();
        assert_eq!(hotspots.len(), point_count(&spec), "{kind:?}");
        let links = hotspots.iter().filter(|n| n.has_tag_name("a")).count();
        assert_eq!(links, 3, "points with href are links");
        for h in &hotspots {
            assert!(h.attribute("data-series").is_some());
            assert!(h.attribute("data-period").is_some());
            let label = h.attribute("aria-label").unwrap();
            let title = h.children().find(|n| n.has_tag_name("title")).unwrap();
            assert_eq!(title.text(), Some(label));
            if !h.has_tag_name("a") {
                assert_eq!(h.attribute("tabindex"), Some("0"));
            }
            let rect = h.children().find(|n| n.has_tag_name("rect")).unwrap();
            let num = |a| rect.attribute(a).unwrap().parse::<f64>().unwrap();
            assert!(num("width") > 0.0 && num("height") > 0.0);
            assert!(num("x") >= 0.0 && num("x") + num("width") <= 1200.0);
            assert!(num("y") >= 0.0 && num("y") + num("height") <= 675.0);
        }
        let link = hotspots
            .iter()
            .find(|n| n.attribute("data-period") == Some("2023-Q1") && n.has_tag_name("a"))
            .unwrap();
        assert_eq!(
            link.attribute("href"),
            Some("https://example.org/a?x=1&y=2")
        );
    }
}

#[test]
fn data_text_is_escaped() {
    let evil = r#"<script>alert(1)</script> "quoted" & 'single' ]]> &amp;"#;
    let mut spec = gdp(ChartKind::Bar);
    spec.title = evil.into();
    spec.unit = evil.into();
    spec.source_line = evil.into();
    spec.series[0].name = evil.into();
    spec.series[0].points[0].label = evil.into();
    spec.series[0].points[0].tooltip = format!("{evil}\nsecond line");
    spec.series[0].points[0].href = Some(format!("/articles/1?q={evil}"));
    spec.series[0].points[1].href = Some("javascript:alert(1)".into());
    spec.series[1].points[0].period = evil.into();
    for kind in [ChartKind::Bar, ChartKind::Line] {
        spec.kind = kind;
        let svg = render_svg(&spec).unwrap();
        assert!(!svg.contains("<script"), "raw <script in SVG");
        assert!(!svg.contains("javascript:"), "script URL kept");
        let doc = roxmltree::Document::parse(&svg).expect("still well-formed");
        assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
        assert_eq!(doc.root_element().attribute("aria-label"), Some(evil));
        assert!(
            all_text(&doc).contains(evil),
            "text survives escaping intact"
        );
        let first = doc
            .descendants()
            .find(|n| n.attribute("data-series") == Some(evil))
            .expect("hotspot with the evil series name");
        assert_eq!(
            first.attribute("aria-label"),
            Some(format!("{evil}\nsecond line").as_str())
        );
        assert!(doc
            .descendants()
            .any(|n| n.attribute("data-period") == Some(evil)));
    }
}

#[test]
fn control_characters_do_not_break_xml() {
    let mut spec = gdp(ChartKind::Bar);
    spec.title = "四平\u{0}\u{1b}[31m 标题\u{FFFF}".into();
    let svg = render_svg(&spec).unwrap();
    roxmltree::Document::parse(&svg).expect("well-formed");
}

#[test]
fn png_has_exactly_the_requested_size() {
    let font = font();
    for (w, h) in [
        (1200, 675),
        (800, 450),
        (1920, 1080),
        (200, 200),
        (4000, 200),
    ] {
        for kind in [ChartKind::Bar, ChartKind::Line] {
            let mut spec = gdp(kind);
            spec.width = w;
            spec.height = h;
            let png = render_png(&spec, &font).unwrap();
            assert_eq!(png_size(&png), (w, h), "{kind:?} {w}×{h}");
            let svg = render_svg(&spec).unwrap();
            roxmltree::Document::parse(&svg).expect("small and odd sizes stay valid");
        }
    }
}

#[test]
fn png_draws_the_chinese_title() {
    // The title band must contain dark text pixels: with a font lacking CJK
    // glyphs it would stay white (or show .notdef boxes we cannot tell from
    // text, hence the font check in CjkFont::locate).
    let font = font();
    let mut spec = gdp(ChartKind::Bar);
    spec.series.clear();
    spec.unit.clear();
    spec.source_line.clear();
    spec.generated_line.clear();
    let with_title = render_png(&spec, &font).unwrap();
    spec.title.clear();
    let without_title = render_png(&spec, &font).unwrap();
    assert_ne!(with_title, without_title);
}

#[test]
fn invalid_sizes_are_rejected_with_the_allowed_range() {
    let font = font();
    for (w, h) in [(0, 675), (199, 675), (1200, 4001), (u32::MAX, u32::MAX)] {
        let mut spec = gdp(ChartKind::Bar);
        spec.width = w;
        spec.height = h;
        let err = render_svg(&spec).unwrap_err();
        assert!(matches!(err, ChartError::InvalidSize { .. }), "{err}");
        assert!(err.to_string().contains("between 200 and 4000"), "{err}");
        assert!(matches!(
            render_png(&spec, &font),
            Err(ChartError::InvalidSize { .. })
        ));
    }
}

#[test]
fn empty_chart_says_no_data() {
    let font = font();
    let no_series = ChartSpec {
        title: "项目个数".into(),
        ..ChartSpec::default()
    };
    let mut no_points = gdp(ChartKind::Line);
    no_points.series.iter_mut().for_each(|s| s.points.clear());
    let mut english = no_series.clone();
    english.lang = Lang::En;
    for (spec, text) in [
        (&no_series, "暂无数据"),
        (&no_points, "暂无数据"),
        (&english, "No data"),
    ] {
        let svg = render_svg(spec).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(all_text(&doc).contains(text));
        assert_eq!(doc.root_element().attribute("role"), Some("img"));
        assert!(!svg.contains("class=\"pt"));
        let png = render_png(spec, &font).unwrap();
        assert_eq!(png_size(&png), (1200, 675));
    }
}

#[test]
fn targets_are_labelled_as_targets() {
    let mut spec = gdp(ChartKind::Bar);
    spec.lang = Lang::En;
    let svg = render_svg(&spec).unwrap();
    assert!(svg.contains("Target 6%"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let target = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("pt target"))
        .expect("target hotspot is marked");
    assert_eq!(target.attribute("data-series"), Some("临汾"));
}

#[test]
fn non_finite_values_are_an_error_naming_the_point() {
    let mut spec = gdp(ChartKind::Bar);
    spec.series[1].points[1].value = f64::NAN;
    let err = render_svg(&spec).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("营口") && msg.contains("2023-Q1"), "{msg}");
}

#[test]
fn periods_missing_from_the_axis_are_appended_not_dropped() {
    let mut spec = gdp(ChartKind::Bar);
    spec.periods.truncate(1);
    let svg = render_svg(&spec).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(all_text(&doc).contains("2023-H1"));
    assert_eq!(svg.matches("class=\"pt").count(), point_count(&spec));
}

#[test]
fn crowded_chart_renders_every_point() {
    let font = font();
    let periods: Vec<String> = (2020..2024)
        .flat_map(|y| [format!("{y}-H1"), format!("{y}-H2")])
        .collect();
    let series: Vec<Series> = ["四平", "营口", "临汾", "长春"]
        .iter()
        .enumerate()
        .map(|(i, c)| Series {
            name: (*c).into(),
            points: periods
                .iter()
                .enumerate()
                .map(|(j, p)| Point::new(p.clone(), 100.0 + (i * 8 + j) as f64 * 7.3, ""))
                .collect(),
        })
        .collect();
    for kind in [ChartKind::Bar, ChartKind::Line] {
        let spec = ChartSpec {
            title: "固定资产投资".into(),
            kind,
            periods: periods.clone(),
            series: series.clone(),
            ..ChartSpec::default()
        };
        let svg = render_svg(&spec).unwrap();
        assert_eq!(svg.matches("class=\"pt").count(), 32);
        assert_eq!(png_size(&render_png(&spec, &font).unwrap()), (1200, 675));
    }
}

#[test]
fn svg_is_deterministic_and_font_independent() {
    let spec = gdp(ChartKind::Bar);
    assert_eq!(render_svg(&spec).unwrap(), render_svg(&spec).unwrap());
}
