#!/usr/bin/env python3
"""Grows a dashboard database (already migrated and ingested from seeds/) to N facts.

Synthetic articles copy the seeds' facts with other cities, periods and values, so the
table has realistic shapes and spreads for benchmarks. Usage: synth_db.py DB N
"""
import hashlib
import random
import sqlite3
import sys

db_path, target = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
con = sqlite3.connect(db_path)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=OFF")
cities = [r[0] for r in con.execute("SELECT key FROM cities")]
seed = con.execute(
    "SELECT scope, metric, value, unit, bound, label, quote, span_start, span_end, rule, confidence FROM facts"
).fetchall()
if not seed:
    sys.exit("the database has no facts: run `server ingest seeds` on it first")
have = con.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
periods = []
for y in range(2015, 2025):
    periods += [(f"{y}", f"{y}-01-01", f"{y}-12-31"), (f"{y}-H1", f"{y}-01-01", f"{y}-06-30"),
                (f"{y}-Q1", f"{y}-01-01", f"{y}-03-31"), (f"{y}-Q3", f"{y}-07-01", f"{y}-09-30")]
per_article = 200
n_article = 0
while have < target:
    n_article += 1
    text = f"synthetic article {n_article}"
    h = hashlib.sha256(text.encode()).hexdigest()
    cur = con.execute(
        "INSERT INTO articles (file_name, title, source, published, main_city, content_hash, text, encoding, ingested_at)"
        " VALUES (?, ?, 'bench', ?, ?, ?, ?, 'UTF-8', '2026-01-01T00:00:00Z')",
        (f"synthetic_{n_article:06}.txt", f"合成文章 {n_article}", f"20{rng.randint(15, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
         rng.choice(cities), h, text))
    aid = cur.lastrowid
    rows = []
    for seq in range(min(per_article, target - have)):
        f = rng.choice(seed)
        p = rng.choice(periods)
        rows.append((aid, seq, rng.choice(cities + [None]), f[0], p[0], p[1], p[2], f[1],
                     round(f[2] * rng.uniform(0.5, 1.5), 2), f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]))
    con.executemany(
        "INSERT INTO facts (article_id, seq, city, scope, period, period_start, period_end, metric, value, unit, bound,"
        " label, quote, span_start, span_end, rule, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    have += len(rows)
con.commit()
print(f"{db_path}: {have} facts")
