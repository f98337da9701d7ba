#!/usr/bin/env python3
"""Turns bench/run's raw results into Markdown tables and puts them into BENCHMARKS.md
between the results markers (the hand-written notes around them are kept)."""
import csv
import os
import re
import sys

START = "<!-- results:start (written by bench/run; do not edit by hand) -->"
END = "<!-- results:end -->"


def kv(path):
    """key=value pairs from every line of a file (last one wins)."""
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path):
        for m in re.finditer(r"(\w+)=(\S+)", line):
            out[m.group(1)] = m.group(2)
    return out


def num(v, default=0.0):
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def main(results, out):
    lines = []
    machine = {}
    for line in open(os.path.join(results, "machine.txt")):
        k, _, v = line.rstrip("\n").partition("=")
        machine[k] = v
    lines.append(f"Run **{machine.get('date')}** · `{machine.get('command')}` · commit {machine.get('commit')}"
                 f" · SYNTHETIC records of {machine.get('workload', 'an unnamed workload (before versions)')}")
    lines.append("")
    lines.append(f"Machine: {machine.get('cpu')}, {machine.get('memory')}, {machine.get('kernel')}; "
                 f"{machine.get('rustc')}; {machine.get('wrk')} (1 thread, on the same cores as the server)"
                 + (f"; Datasette {machine['datasette'].split()[-1]}" if machine.get("datasette") else "")
                 + (f"; PostgreSQL {machine['postgres'].split(')', 1)[-1].strip()}" if machine.get("postgres") else "")
                 + f". Load average (1/5/15 min) at start {machine.get('load_start')}, at end {machine.get('load_end', '?').split()[0]}.")
    lines.append("")

    sizes = []
    for name in sorted(os.listdir(results)):
        m = re.match(r"n(\d+)-generate\.txt", name)
        if m:
            sizes.append(int(m.group(1)))
    sizes.sort()

    lines.append("### Import and index build")
    lines.append("")
    lines.append("| N | CSV | import (validate + SQLite) | peak RSS | SQLite file | index build | peak RSS | index on disk | import + index | load avg |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for n in ["shipped"] + sizes:
        if n == "shipped":
            imp, idx, gen = kv(f"{results}/shipped-import.txt"), kv(f"{results}/shipped-index.txt"), {}
        else:
            imp, idx, gen = kv(f"{results}/n{n}-import.txt"), kv(f"{results}/n{n}-index.txt"), kv(f"{results}/n{n}-generate.txt")
        if not imp:
            continue
        records = num(imp.get("records"))
        total = num(imp.get("secs")) + num(idx.get("secs"))
        csv_mb = f"{num(gen.get('bytes')) / 1e6:.1f} MB" if gen else "–"
        label = f"shipped ({int(records)})" if n == "shipped" else f"{n:,}"
        cpu = lambda d: f", {num(d['cpu_secs']):.1f} CPU-s" if "cpu_secs" in d else ""
        lines.append(
            f"| {label} | {csv_mb} | {num(imp.get('secs')):.2f} s ({num(imp.get('per_sec')):,.0f}/s{cpu(imp)}) | {imp.get('peak_rss_mb')} MB "
            f"| {num(imp.get('db_mb')):.1f} MB | {num(idx.get('secs')):.2f} s ({num(idx.get('per_sec')):,.0f}/s{cpu(idx)}) | {idx.get('peak_rss_mb')} MB "
            f"| {num(idx.get('index_mb')):.1f} MB | {total:.2f} s (**{records / total if total else 0:,.0f}/s**) | {imp.get('load', '–')} / {idx.get('load', '–')} |")
    lines.append("")

    search = os.path.join(results, "search.md")
    if os.path.exists(search):
        loads = [l.strip().split("=")[1] for l in open(os.path.join(results, "search-load.txt"))]
        lines.append("### Search in process (one thread; 8 facet counts, 20 hits with snippets; ms)")
        lines.append("")
        lines.append("| N | scenario | queries | mean matches | p50 | p99 | max | p50 with 20 records from SQLite | p99 with records |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        lines.extend(l.rstrip("\n") for l in open(search))
        lines.append("")
        lines.append(f"Load average at the start of each N: {', '.join(loads)}.")
        lines.append("")

    pg = os.path.join(results, "postgres.md")
    if os.path.exists(pg) and os.path.exists(search):
        atlas = {}
        for line in open(search):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 6:
                atlas[(cells[0], cells[1])] = (cells[4], cells[5])
        lines.append("### Atlas beside PostgreSQL full-text search, in process (one client; the same queries; ms)")
        lines.append("")
        lines.append("PostgreSQL: a stored `tsvector` with a GIN index; top 20 by `ts_rank` with a `ts_headline` excerpt, the total and 8 `GROUP BY` facet counts per search (each facet without its own filter), one pgbench transaction per search over a unix socket. Atlas: the same queries through `SearchIndex::search` (20 hits with snippets), no network.")
        lines.append("")
        lines.append("| N | scenario | PostgreSQL searches | PostgreSQL p50 | p99 | Atlas p50 | p99 | PostgreSQL p50 ÷ Atlas p50 | load avg |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for line in open(pg):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            n, scenario, count, p50, p99, _worst, load = cells
            a50, a99 = atlas.get((n, scenario), ("–", "–"))
            ratio = f"{num(p50) / num(a50):,.0f}×" if num(a50) else "–"
            lines.append(f"| {int(n):,} | {scenario} | {count} | {p50} | {p99} | {a50} | {a99} | {ratio} | {load} |")
        lines.append("")

    rows = list(csv.reader(open(os.path.join(results, "load.tsv")), delimiter="\t"))
    hello = {r[3]: num(r[4]) for r in rows if r[0] == "hello"}
    lines.append("### HTTP over loopback (wrk, bounded in time; ms)")
    lines.append("")
    lines.append("| server | N | request | conns | req/s | p50 | p99 | requests | % of hello-world | load avg | errors |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for server, n, page, conns, rps, p50, p99, requests, load, errors in rows:
        share = f"{100 * num(rps) / hello[conns]:.1f} %" if server != "hello" and hello.get(conns) else ("100 %" if server == "hello" else "–")
        lines.append(f"| {server} | {n} | {page} | {conns} | {num(rps):,.0f} | {p50} | {p99} | {requests} | {share} | {load} | {errors.strip() or '–'} |")
    lines.append("")

    ds = {(r[1], r[2], r[3]): num(r[4]) for r in rows if r[0] == "datasette"}
    if ds:
        lines.append("### ATD Atlas beside Datasette, the same records and query (`q=children`, 3 facets for Datasette, 8 for Atlas)")
        lines.append("")
        lines.append("Atlas answers a repeated address from its memory of recent searches; Datasette has no such memory, so the last two columns compare a new search on every request.")
        lines.append("")
        lines.append("| N | request | conns | Atlas req/s (repeat) | Datasette req/s | Atlas ÷ Datasette | Atlas req/s (new each time) | Atlas new ÷ Datasette |")
        lines.append("|---|---|---|---|---|---|---|---|")
        atlas = {(r[1], r[2], r[3]): num(r[4]) for r in rows if r[0] == "atlas"}
        ratio = lambda a, d: f"{a / d:,.0f}×" if d else ("∞ (Datasette answered none)" if a else "–")
        for key, d in sorted(ds.items(), key=lambda kv_: (int(kv_[0][0]), kv_[0][1], int(kv_[0][2]))):
            a = atlas.get(key, 0.0)
            fresh = atlas.get((key[0], f"{key[1]}, new each time", key[2]), 0.0)
            lines.append(f"| {int(key[0]):,} | {key[1]} | {key[2]} | {a:,.0f} | {d:,.1f} | {ratio(a, d)} | {fresh:,.0f} | {ratio(fresh, d)} |")
        lines.append("")

    lines.append("### Serving memory, cold start, page weight")
    lines.append("")
    for line in open(os.path.join(results, "serving-rss.txt")):
        who, rest = line.split(" ", 1)
        m = dict(f.split("=", 1) for f in rest.split())
        text = f"- serving RSS after the load rows, {who}: {m.get('rss_mb')} MB"
        if "peak_rss_mb" in m:
            text += f" (peak {m['peak_rss_mb']} MB)"
        if "anon_mb" in m:
            text += (f" = **{m['anon_mb']} MB anonymous** (heap, stacks) + {m.get('index_mb')} MB of "
                     f"the index mapped from the page cache + {m.get('other_file_mb')} MB of other "
                     "mapped files (binary, libraries)")
        lines.append(text)
    for name, what in [("cold-index-present", "cold start to the first answered search, shipped data, index present"),
                       ("cold-index-rebuild", "cold start with the index rebuilt on the shipped data"),
                       ("cold-import-and-index", "cold start with no database and no index (import + index)")]:
        v = kv(os.path.join(results, f"{name}.txt")).get("cold_start_ms")
        if v:
            lines.append(f"- {what}: **{v} ms**")
    lines.append("")
    lines.append("| data | page | bytes as sent | gzip |")
    lines.append("|---|---|---|---|")
    for r in csv.reader(open(os.path.join(results, "weight.tsv")), delimiter="\t"):
        lines.append(f"| {r[0]} | `{r[1]}` | {int(r[2]):,} | {int(r[3]):,} |")
    lines.append("")

    block = START + "\n" + "\n".join(lines) + END
    text = open(out).read() if os.path.exists(out) else "# Benchmarks\n\n" + START + "\n" + END + "\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(out, "w").write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
