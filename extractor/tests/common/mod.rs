//! Shared fixtures: the cities table the product ships with (the rows of
//! `migrations/`, kept in step by hand), and a helper to build article metadata.
#![allow(dead_code)]

use chrono::NaiveDate;
use extractor::{extract, ArticleMeta, CityDef, Extraction, Fact, Gazetteer};

pub fn gazetteer() -> Gazetteer {
    let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    Gazetteer::new(vec![
        CityDef {
            key: "siping".into(),
            name_zh: "四平".into(),
            aliases: v(&["四平市"]),
            subplaces: v(&[
                "双辽市",
                "双辽",
                "梨树县",
                "梨树",
                "伊通满族自治县",
                "伊通县",
                "伊通",
                "铁西区",
                "铁东区",
                "四平经济开发区",
                "四平红嘴经济技术开发区",
                "红嘴高新区",
            ]),
        },
        CityDef {
            key: "yingkou".into(),
            name_zh: "营口".into(),
            aliases: v(&["营口市"]),
            subplaces: v(&[
                "站前区",
                "西市区",
                "鲅鱼圈区",
                "鲅鱼圈",
                "老边区",
                "盖州市",
                "盖州",
                "大石桥市",
                "大石桥",
                "营口经济技术开发区",
                "营口高新区",
                "营口自贸区",
                "仙人岛能源化工区",
                "营口港",
                "辽河经济开发区",
                "营口辽河经济开发区",
                "老边",
                "鲅鱼圈经济开发区",
            ]),
        },
        CityDef {
            key: "linfen".into(),
            name_zh: "临汾".into(),
            aliases: v(&["临汾市"]),
            subplaces: v(&[
                "尧都区",
                "尧都",
                "侯马市",
                "侯马",
                "霍州市",
                "霍州",
                "曲沃县",
                "翼城县",
                "襄汾县",
                "洪洞县",
                "古县",
                "安泽县",
                "浮山县",
                "吉县",
                "乡宁县",
                "大宁县",
                "隰县",
                "永和县",
                "蒲县",
                "汾西县",
                "临汾经济开发区",
                "翼城",
                "襄汾",
                "洪洞",
                "安泽",
                "浮山",
                "乡宁",
                "大宁",
                "汾西",
                "曲沃",
                "襄汾经济技术开发区",
                "侯马经济开发区",
            ]),
        },
    ])
}

pub fn meta(published: Option<&str>, hint: Option<&str>, title: Option<&str>) -> ArticleMeta {
    ArticleMeta {
        file_name: "test.txt".into(),
        title: title.map(str::to_string),
        published: published.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        city_hint: hint.map(str::to_string),
    }
}

pub fn run(text: &str, m: &ArticleMeta) -> Extraction {
    let ex = extract(text, m, &gazetteer());
    for f in &ex.facts {
        let q: String = text
            .chars()
            .skip(f.span.0)
            .take(f.span.1 - f.span.0)
            .collect();
        assert_eq!(q, f.quote, "quote must be text[span]");
    }
    ex
}

/// Facts of `metric`.
pub fn of<'a>(ex: &'a Extraction, metric: &str) -> Vec<&'a Fact> {
    ex.facts.iter().filter(|f| f.metric == metric).collect()
}

/// The only fact of `metric`; panics with the whole extraction otherwise.
pub fn one<'a>(ex: &'a Extraction, metric: &str) -> &'a Fact {
    let v = of(ex, metric);
    assert_eq!(v.len(), 1, "expected one {metric}, got {:#?}", ex.facts);
    v[0]
}
