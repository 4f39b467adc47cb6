#!/usr/bin/env python3
"""Lists the labelled records whose text is not in texts/, with the query that brings it back.

The texts are other people's writing and are never committed. To rebuild one: run its query
with the search tool (corpus `pages`), take the result whose address equals `url` (for a null
url, the result without an address that contains all the record's quotes), write its excerpt
exactly as returned (UTF-8, nothing trimmed) to texts/<id>.txt, then run
`python3 eval/dev/check_part.py eval/dev/labels.jsonl` until it says bad: 0.

usage: python3 eval/dev/texts_missing.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
missing = 0
total = 0
for line in open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8"):
    if not line.strip():
        continue
    r = json.loads(line)
    total += 1
    if not os.path.exists(os.path.join(HERE, "texts", r["id"] + ".txt")):
        missing += 1
        print(f"{r['id']}\tquery: {r['query']}\n\turl: {r['url']}")
print(f"missing: {missing} of {total}")
