//! Random and adversarial input never panics, and every quote is the exact
//! substring of the input its span names.

mod common;

use proptest::prelude::*;

fn check(text: &str) {
    let g = common::gazetteer();
    for m in [
        common::meta(Some("2023-06-01"), Some("siping"), None),
        common::meta(None, None, Some(text)),
    ] {
        let ex = extractor::extract(text, &m, &g);
        let n = text.chars().count();
        for f in &ex.facts {
            assert!(f.span.0 < f.span.1 && f.span.1 <= n, "{f:?}");
            let q: String = text
                .chars()
                .skip(f.span.0)
                .take(f.span.1 - f.span.0)
                .collect();
            assert_eq!(q, f.quote);
            assert!(f.value.is_finite());
            assert!((0.0..=1.0).contains(&f.confidence));
        }
    }
}

/// Pieces real articles are made of, so random strings hit the rules often.
const PIECES: &[&str] = &[
    "全市",
    "四平",
    "营口市",
    "临汾",
    "双辽市",
    "xx市",
    "全省",
    "长春",
    "赴",
    "地区生产总值",
    "GDP",
    "固定资产投资",
    "到位资金",
    "总投资",
    "投资总额",
    "项目",
    "进出口总额",
    "实际利用外资",
    "增长",
    "同比增长",
    "下降",
    "占",
    "比重",
    "以上",
    "以下",
    "左右",
    "约",
    "超过",
    "余",
    "力争",
    "预计",
    "确定全年",
    "其中",
    "今年",
    "去年",
    "上半年",
    "一季度",
    "前三季度",
    "1-5月",
    "截至",
    "2023年",
    "20xx年",
    "2月1日",
    "个",
    "项",
    "家",
    "亿元",
    "万元",
    "亿美元",
    "万美元",
    "亿",
    "万",
    "元",
    "%",
    "％",
    "１２．５",
    "12.5",
    "1,234.5",
    "3,4",
    "一百二十",
    "十二",
    "两千多",
    "x.x",
    "xx",
    "XX",
    "。",
    "，",
    ",",
    "、",
    "；",
    "\n",
    "\n\n",
    " ",
    "　",
    "本报讯",
    "政府工作报告",
    "各位代表",
    "年",
    "月",
    "日",
    "季度",
    "-",
    "—",
    "(",
    ")",
    "“",
    "”",
    "地區生產總值",
    "增長",
    "個",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[0-9]{1,6}(\\.[0-9]{1,3})?",
            1 => any::<String>(),
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_unicode_never_panics(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn report_like_noise_keeps_quotes_exact(s in article()) {
        check(&s);
    }
}

#[test]
fn adversarial_inputs() {
    let long_digits = "9".repeat(10_000);
    let cases = [
        String::new(),
        "\n".repeat(1000),
        "\r\n\r\n".repeat(100),
        format!("地区生产总值{long_digits}亿元"),
        format!("增长{long_digits}%"),
        format!("项目{long_digits}个"),
        format!("{}%", "1.".repeat(5000)),
        "地区生产总值增长1e308%，总投资99999999999999999999999亿元".to_string(),
        "增长%%%%。。。亿亿亿元元元个个个项项项".to_string(),
        "一".repeat(10_000) + "个",
        "十".repeat(5_000) + "亿元",
        "年".repeat(5000) + &"月".repeat(5000) + "季度",
        "2023年".repeat(2000),
        "1-".repeat(3000) + "5月",
        "全市".repeat(3000) + "地区生产总值增长5%",
        "\u{FEFF}\u{200B}地区生产总值\u{3000}增长\u{00A0}5.3％".to_string(),
        "𝟏𝟐𝟑亿元🎉项目😀12个".to_string(),
        "项目\n1\n2\n个".to_string(),
    ];
    for c in &cases {
        check(c);
    }
}
