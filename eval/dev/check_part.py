#!/usr/bin/env python3
"""Second-pass check of labelled records (one JSON object a line).

usage: check_part.py LABELS.jsonl [TEXTS_DIR]

Checks each record's fields and each figure's quote against TEXTS_DIR/<id>.txt (default: texts/
beside this script), then lists numbers in the text that no quote covers, so a labeller can add a
row or say in `notes` why the number is left out. Prints "bad: N" and exits 1 when N > 0
(uncovered numbers are listed but not counted as bad).
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GENRES = {"work_report", "county_report", "bulletin", "quarterly", "project_news", "ranking"}
METRICS = {"gdp_growth_pct", "gdp_total_yi", "fixed_asset_investment_yi",
           "fixed_asset_investment_growth_pct", "project_investment_yi", "project_count",
           "funds_in_place_yi", "funds_in_place_growth_pct", "trade_growth_pct",
           "foreign_capital_10k_usd", "other_count", "other_amount_yi", "other_pct", "other"}
BOUNDS = {"", "about", "at_least", "at_most", "target"}
PERIOD = re.compile(r"^(|\d{4}|\d{4}-H[12]|\d{4}-Q[1-4]|\d{4}-\d{2}|\d{4}-\d{2}-\d{2})$")
CITIES = {"四平", "营口", "临汾", None}
NUM = re.compile(r"[0-9０-９][0-9０-９.．,，]*")


def main():
    path = sys.argv[1]
    texts = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "texts")
    bad = 0
    seen_ids = set()
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"line {n}: not JSON: {e}")
            bad += 1
            continue
        rid = r.get("id")
        def err(msg):
            nonlocal bad
            bad += 1
            print(f"{rid}: {msg}")
        if rid in seen_ids:
            err("duplicate id")
        seen_ids.add(rid)
        for k in ("id", "url", "query", "kind", "city", "genre", "split", "figures"):
            if k not in r:
                err(f"missing field {k}")
        if r.get("genre") not in GENRES:
            err(f"genre {r.get('genre')!r} not one of {sorted(GENRES)}")
        if r.get("kind") not in ("target", "distractor"):
            err(f"kind {r.get('kind')!r}")
        if r.get("split") not in ("train", "test", "holdout"):
            err(f"split {r.get('split')!r}")
        tpath = os.path.join(texts, f"{rid}.txt")
        if not os.path.exists(tpath):
            err(f"text missing: {tpath}")
            continue
        text = open(tpath, encoding="utf-8").read()
        covered = [False] * len(text)
        for f in r.get("figures", []):
            q = f.get("quote", "")
            if f.get("metric") not in METRICS:
                err(f"metric {f.get('metric')!r}")
            if f.get("bound", "") not in BOUNDS:
                err(f"bound {f.get('bound')!r}")
            if not PERIOD.match(str(f.get("period", ""))):
                err(f"period {f.get('period')!r}")
            if f.get("city") not in CITIES:
                err(f"city {f.get('city')!r} (use 四平/营口/临汾 or null; the place goes in scope)")
            if not isinstance(f.get("value"), (int, float)):
                err(f"value {f.get('value')!r} is not a number")
            if len(q) > 40:
                err(f"quote longer than 40 chars: {q!r}")
            if not re.search(r"[0-9０-９一二三四五六七八九十百千两]", q):
                err(f"quote has no number: {q!r}")
            start = text.find(q)
            if not q or start < 0:
                err(f"quote not in text: {q!r}")
                continue
            while start >= 0:
                for i in range(start, start + len(q)):
                    covered[i] = True
                start = text.find(q, start + 1)
        uncovered = []
        for m in NUM.finditer(text):
            if not any(covered[m.start():m.end()]):
                ctx = text[max(0, m.start() - 8):m.end() + 6].replace("\n", " ")
                uncovered.append(f"{m.group()}「{ctx}」")
        if uncovered:
            print(f"{rid}: {len(uncovered)} numbers without a row (add one, or say why in notes):")
            for u in uncovered:
                print(f"    {u}")
    print(f"bad: {bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
