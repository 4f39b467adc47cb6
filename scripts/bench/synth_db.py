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
city_names = dict(con.execute("SELECT key, name_zh FROM cities"))


def num(x):
    # The server writes numbers as Rust does: shortest form, no trailing ".0".
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def text(s):
    s = s or ""
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        s = "'" + s
    if any(c in s for c in '",\n\r'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def csv_line(file_name, published, fid, aid, city, scope, period, metric, value, unit, bound, label, quote,
             s0, s1, rule, conf):
    return ",".join([text(file_name), text(city_names.get(city, "")), text(scope), text(period), text(metric),
                     num(value), text(unit), text(bound), text(label), text(quote), str(fid), str(aid),
                     text(city), str(s0), str(s1), text(rule), num(conf), text(published)]) + "\n"


next_id = con.execute("SELECT ifnull(max(id), 0) FROM facts").fetchone()[0]
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
    body = f"synthetic article {n_article}"
    h = hashlib.sha256(body.encode()).hexdigest()
    file_name = f"synthetic_{n_article:06}.txt"
    published = f"20{rng.randint(15, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    cur = con.execute(
        "INSERT INTO articles (file_name, title, source, published, main_city, content_hash, text, encoding, ingested_at)"
        " VALUES (?, ?, 'bench', ?, ?, ?, ?, 'UTF-8', '2026-01-01T00:00:00Z')",
        (file_name, f"合成文章 {n_article}", published, rng.choice(cities), h, body))
    aid = cur.lastrowid
    rows = []
    for seq in range(min(per_article, target - have)):
        f = rng.choice(seed)
        p = rng.choice(periods)
        next_id += 1
        city = rng.choice(cities + [None])
        value = round(f[2] * rng.uniform(0.5, 1.5), 2)
        line = csv_line(file_name, published, next_id, aid, city, f[0], p[0], f[1], value, f[3], f[4], f[5], f[6],
                        f[7], f[8], f[9], f[10])
        rows.append((next_id, aid, seq, city, f[0], p[0], p[1], p[2], f[1], value, f[3], f[4], f[5], f[6], f[7], f[8],
                     f[9], f[10], line))
    con.executemany(
        "INSERT INTO facts (id, article_id, seq, city, scope, period, period_start, period_end, metric, value, unit,"
        " bound, label, quote, span_start, span_end, rule, confidence, csv_line)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    have += len(rows)
con.commit()
print(f"{db_path}: {have} facts")
