#!/usr/bin/env python3
"""Builds labels.jsonl: the dev-starter records (../../../shared/eval/dev-starter, with
their free-text genre mapped to the fixed genre keys) followed by every parts/*.jsonl.

usage: python3 eval/dev/merge.py
"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
STARTER = os.path.join(HERE, "..", "..", "..", "shared", "eval", "dev-starter", "labels.jsonl")

# The starter's genre strings, read one by one, as the fixed keys of this corpus.
STARTER_GENRE = {
    "d01": "county_report", "d02": "work_report", "d03": "county_report", "d04": "county_report",
    "d05": "county_report", "d06": "county_report", "d07": "work_report", "d08": "county_report",
    "d09": "county_report", "d10": "county_report",
    "d23": "quarterly", "d27": "quarterly", "d30": "quarterly",
}
TRADITIONAL = {"d02", "d04", "d05", "d14", "d21", "d24", "d28", "d29"}


def main():
    out = []
    if os.path.exists(STARTER):
        for line in open(STARTER, encoding="utf-8"):
            if not line.strip():
                continue
            r = json.loads(line)
            r["genre_text"] = r["genre"]
            n = int(r["id"][1:])
            r["genre"] = STARTER_GENRE.get(r["id"], "bulletin" if n <= 20 else "project_news")
            r["traditional"] = r["id"] in TRADITIONAL
            r["source"] = "dev-starter"
            out.append(r)
    ids = {r["id"] for r in out}
    for path in sorted(glob.glob(os.path.join(HERE, "parts", "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            r = json.loads(line)
            if r["id"] in ids:
                raise SystemExit(f"{path}: duplicate id {r['id']}")
            ids.add(r["id"])
            out.append(r)
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"labels.jsonl: {len(out)} records, {sum(len(r['figures']) for r in out)} figures")


if __name__ == "__main__":
    main()
