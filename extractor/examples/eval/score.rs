//! The scoring rules of `eval/LABELLING.md` (and `score.py`), in Rust so that one
//! command extracts and scores: one-to-one matching on (article, metric, city,
//! value within 0.5 %), core precision and recall, period accuracy, misattribution
//! and level errors.

use std::collections::{BTreeMap, HashMap, HashSet};

use extractor::catalog::is_core;

const LEVEL: &[&str] = &[
    "gdp_growth_pct",
    "gdp_total_yi",
    "fixed_asset_investment_yi",
    "fixed_asset_investment_growth_pct",
];

/// A labelled figure.
#[derive(Debug, Clone)]
pub struct Gold {
    pub doc: String,
    pub metric: String,
    /// Chinese name of a target city, or `None`.
    pub city: Option<String>,
    pub scope: String,
    pub period: String,
    pub value: f64,
    pub quote: String,
    pub borderline: bool,
}

/// An extracted figure, with the city as its Chinese name.
#[derive(Debug, Clone)]
pub struct Pred {
    pub doc: String,
    pub metric: String,
    pub city: Option<String>,
    pub scope: String,
    pub period: String,
    pub value: f64,
    pub quote: String,
}

pub fn values_match(p: f64, g: f64) -> bool {
    if g == 0.0 {
        return p == 0.0;
    }
    (p - g).abs() <= 0.005 * g.abs()
}

/// Equal, or a day inside the labelled month.
pub fn period_ok(pred: &str, gold: &str) -> bool {
    pred == gold
        || (gold.len() == 7
            && pred.len() == 10
            && pred.starts_with(gold)
            && pred.as_bytes()[7] == b'-')
}

fn is_other(m: &str) -> bool {
    m.starts_with("other")
}

/// Maximum one-to-one matching per (doc, metric, city), candidates in order of
/// preference (non-borderline, same period, closest value): Kuhn's algorithm.
/// Returns pred index → gold index.
pub fn matching(preds: &[Pred], gold: &[Gold]) -> HashMap<usize, usize> {
    let mut by_key: HashMap<(&str, &str, Option<&str>), Vec<usize>> = HashMap::new();
    for (i, g) in gold.iter().enumerate() {
        by_key
            .entry((&g.doc, &g.metric, g.city.as_deref()))
            .or_default()
            .push(i);
    }
    let cand: Vec<Vec<usize>> = preds
        .iter()
        .map(|p| {
            let mut cs: Vec<usize> = by_key
                .get(&(p.doc.as_str(), p.metric.as_str(), p.city.as_deref()))
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&g| values_match(p.value, gold[g].value))
                        .collect()
                })
                .unwrap_or_default();
            cs.sort_by(|&a, &b| {
                let ka = (gold[a].borderline, !period_ok(&p.period, &gold[a].period));
                let kb = (gold[b].borderline, !period_ok(&p.period, &gold[b].period));
                ka.cmp(&kb).then(
                    (p.value - gold[a].value)
                        .abs()
                        .total_cmp(&(p.value - gold[b].value).abs()),
                )
            });
            cs
        })
        .collect();
    let mut g2p: HashMap<usize, usize> = HashMap::new();
    fn assign(
        pi: usize,
        cand: &[Vec<usize>],
        g2p: &mut HashMap<usize, usize>,
        seen: &mut HashSet<usize>,
    ) -> bool {
        for &g in &cand[pi] {
            if !seen.insert(g) {
                continue;
            }
            let free = match g2p.get(&g) {
                None => true,
                Some(&other) => assign(other, cand, g2p, seen),
            };
            if free {
                g2p.insert(g, pi);
                return true;
            }
        }
        false
    }
    for pi in 0..preds.len() {
        if !cand[pi].is_empty() {
            assign(pi, &cand, &mut g2p, &mut HashSet::new());
        }
    }
    g2p.into_iter().map(|(g, p)| (p, g)).collect()
}

#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub n_pred: usize,
    pub pred_matched: usize,
    pub n_gold: usize,
    pub gold_matched: usize,
    pub period_ok: usize,
    pub misattributed: usize,
    pub level_errors: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        if self.n_pred == 0 {
            1.0
        } else {
            self.pred_matched as f64 / self.n_pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.n_gold == 0 {
            1.0
        } else {
            self.gold_matched as f64 / self.n_gold as f64
        }
    }
    pub fn period_acc(&self) -> f64 {
        if self.pred_matched == 0 {
            1.0
        } else {
            self.period_ok as f64 / self.pred_matched as f64
        }
    }
}

/// What happened to one prediction or gold row, for the listings.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Prediction matched gold; bool = period right.
    Hit(usize, usize, bool),
    Miss(usize),
    Spurious(usize, &'static str),
    Misattributed(usize),
    Level(usize, usize),
}

pub struct Scored {
    /// Core tallies keyed by a grouping (metric, genre …) chosen by `group`.
    pub groups: BTreeMap<String, Tally>,
    pub total: Tally,
    pub outcomes: Vec<Outcome>,
}

/// Scores core metrics. `group` names the bucket(s) of a (doc, metric) pair.
pub fn score(
    preds: &[Pred],
    gold: &[Gold],
    distractors: &HashSet<String>,
    group: &dyn Fn(&str, &str) -> Vec<String>,
) -> Scored {
    let p2g = matching(preds, gold);
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut outcomes = Vec::new();
    let mut bump = |doc: &str, metric: &str, f: &dyn Fn(&mut Tally)| {
        f(&mut total);
        for k in group(doc, metric) {
            f(groups.entry(k).or_default());
        }
    };
    let matched_gold: HashSet<usize> = p2g.values().copied().collect();
    for (pi, p) in preds.iter().enumerate() {
        if !is_core(&p.metric) {
            continue;
        }
        match p2g.get(&pi) {
            Some(&gi) => {
                let g = &gold[gi];
                if g.borderline || is_other(&g.metric) {
                    continue;
                }
                let pok = period_ok(&p.period, &g.period);
                let level = LEVEL.contains(&p.metric.as_str())
                    && g.city.is_some()
                    && g.scope.is_empty() != p.scope.is_empty();
                bump(&p.doc, &p.metric, &|t: &mut Tally| {
                    t.n_pred += 1;
                    t.pred_matched += 1;
                    t.period_ok += pok as usize;
                    t.level_errors += level as usize;
                });
                outcomes.push(if level {
                    Outcome::Level(pi, gi)
                } else {
                    Outcome::Hit(pi, gi, pok)
                });
            }
            None => {
                let mis = p.city.is_some()
                    && (gold.iter().any(|g| {
                        g.doc == p.doc
                            && g.metric == p.metric
                            && g.city != p.city
                            && values_match(p.value, g.value)
                    }) || distractors.contains(&p.doc));
                bump(&p.doc, &p.metric, &|t: &mut Tally| {
                    t.n_pred += 1;
                    t.misattributed += mis as usize;
                });
                outcomes.push(if mis {
                    Outcome::Misattributed(pi)
                } else {
                    let why = if gold
                        .iter()
                        .any(|g| g.doc == p.doc && values_match(p.value, g.value))
                    {
                        "value labelled with another metric or city"
                    } else {
                        "no labelled figure with this value"
                    };
                    Outcome::Spurious(pi, why)
                });
            }
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if !is_core(&g.metric) || g.borderline {
            continue;
        }
        let hit = matched_gold.contains(&gi);
        bump(&g.doc, &g.metric, &|t: &mut Tally| {
            t.n_gold += 1;
            t.gold_matched += hit as usize;
        });
        if !hit {
            outcomes.push(Outcome::Miss(gi));
        }
    }
    Scored {
        groups,
        total,
        outcomes,
    }
}
