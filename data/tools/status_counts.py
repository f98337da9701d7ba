#!/usr/bin/env python3
"""Counts of issue 19 item 6: statuses by value, unknown, dated, old `active`, and links.

Run from the repository root: python3 data/tools/status_counts.py [TODAY as YYYY-MM-DD]
"""
import csv
import datetime
import sys
from collections import Counter

today = sys.argv[1] if len(sys.argv) > 1 else datetime.date.today().isoformat()


def latest_day(date):
    """The last day a YYYY / YYYY-MM / YYYY-MM-DD date can mean, as a tuple."""
    parts = [int(p) for p in date.split("-")] + [12, 31][len(date.split("-")) - 1:]
    return tuple(parts[:3])


with open("data/practices.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open("data/links.csv", newline="", encoding="utf-8") as f:
    links = list(csv.DictReader(f))
y, m, d = latest_day(today)
limit = (y - 3, m, d)
statuses = Counter(r["status"] for r in rows)
dated = [r for r in rows if r.get("status_as_of")]
old = [r for r in dated if r["status"] == "active" and latest_day(r["status_as_of"]) < limit]
print(f"practices {len(rows)}; statuses {dict(sorted(statuses.items()))}")
print(f"unknown {statuses['unknown']}; dated {len(dated)}; "
      f"active last reported more than 3 years before {today}: {len(old)}")
print(f"links {len(links)}: {dict(Counter(link['relation'] for link in links))}")
