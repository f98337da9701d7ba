#!/usr/bin/env python3
"""The instruction counts' bookkeeping for bench/instructions: collect a run's counts into
JSON, compare them with bench/baseline.json (the regression gate), update the baseline, and
test the gate itself.

  instructions.py collect --out FILE --workload V --workload-name NAME --records N
                          --searches S COUNTS.tsv...   (one file a run; all must agree)
  instructions.py table   --baseline FILE CURRENT.json
  instructions.py check   --baseline FILE --repo DIR CURRENT.json   (exit 1 on a regression)
  instructions.py update  --baseline FILE CURRENT.json
  instructions.py selftest
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

# A count may rise this much over the baseline before the gate fails.
TOLERANCE = 0.03
# How far two runs may differ: the index build and the pages use worker threads whose
# interleaving moves malloc's work a little, and import and index name temporary files by
# the process id (a digit more or less); every other phase must repeat exactly.
REPEAT_TOLERANCE = 0.001
DRIFTING = ("import", "index", "page.")

# Each reported phase: (name, what it counts, how to compute it from the processes' counts).
# A search or page phase is its process minus the same process searching nothing.
PHASES = [
    ("import", "import: validate + SQLite", ["import"]),
    ("index", "index build (one thread)", ["index"]),
    ("search.startup", "start-up of the in-process searches", ["search.startup"]),
    ("search.keyword", "keyword + facets searches", ["search.keyword", "-search.startup"]),
    ("search.filtered", "filtered searches (country + type)",
     ["search.filtered", "-search.filtered.startup"]),
    ("search.browse", "browse searches", ["search.browse", "-search.browse.startup"]),
    ("page.startup", "start-up of the site (state, router)", ["page.startup"]),
    ("page.keyword", "keyword search pages (HTML)", ["page.keyword", "-page.startup"]),
    ("page.filtered", "filtered search pages", ["page.filtered", "-page.filtered.startup"]),
    ("page.browse", "browse pages", ["page.browse", "-page.browse.startup"]),
]
PER_SEARCH = {name for name, _, _ in PHASES if "." in name and not name.endswith("startup")}

BASELINE_LINE = re.compile(r"^Baseline:\s*\S", re.MULTILINE)


def read_counts(path):
    counts, outputs = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            counts[parts[0]] = int(parts[1])
            outputs[parts[0]] = parts[2].strip() if len(parts) > 2 else ""
    return counts, outputs


def phases_of(counts):
    phases = {}
    for name, _, terms in PHASES:
        total = 0
        for term in terms:
            sign = -1 if term.startswith("-") else 1
            total += sign * counts[term.lstrip("-")]
        phases[name] = total
    return phases


def command_output(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def environment():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")),
                       cpu)
    except OSError:
        pass
    commit = command_output(["git", "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], capture_output=True).returncode
    return {
        "rustc": command_output(["rustc", "--version"]),
        "valgrind": command_output(["valgrind", "--version"]),
        "cpu": cpu,
        "machine": platform.machine(),
        "measured_at": commit + (" with uncommitted changes" if dirty else ""),
    }


def collect(args):
    runs = [read_counts(path) for path in args.counts]
    phases = [phases_of(counts) for counts, _ in runs]
    median = {name: sorted(p[name] for p in phases)[len(phases) // 2] for name, _, _ in PHASES}
    if len(runs) > 1:
        print(f"repeatability, {len(runs)} runs:")
        unrepeatable = []
        for name, _, _ in PHASES:
            values = [p[name] for p in phases]
            spread = (max(values) - min(values)) / max(values)
            allowed = REPEAT_TOLERANCE if name.startswith(DRIFTING) else 0.0
            if spread > allowed:
                unrepeatable.append(name)
            print(f"  {name:16} " + "  ".join(f"{v:>15,}" for v in values) +
                  f"   {'same' if spread == 0 else f'{spread * 100:.3f} % apart'}")
        if unrepeatable:
            print("not repeatable: " + ", ".join(unrepeatable))
            return 1
    result = {
        "workload": int(args.workload),
        "workload_name": args.workload_name,
        "records": int(args.records),
        "searches_per_kind": int(args.searches),
        **environment(),
        "command": "bench/run --instructions (cachegrind, one core, fixed environment)",
        "runs": len(runs),
        "phases": median,
        "processes": runs[0][0],
        "outputs": runs[0][1],
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    return 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def compare(baseline, current):
    """The table's rows and the names of the phases that rose more than the tolerance."""
    rows, rose = [], []
    searches = current.get("searches_per_kind") or 1
    for name, label, _ in PHASES:
        now = current["phases"].get(name)
        before = baseline["phases"].get(name) if baseline else None
        if now is None:
            continue
        per = f"{now / searches / 1e6:.2f} M" if name in PER_SEARCH else ""
        if before is None:
            rows.append((name, label, "–", f"{now:,}", "new", per, ""))
            continue
        change = (now - before) / before if before else 0.0
        verdict = ""
        if change > TOLERANCE:
            verdict = "ROSE"
            rose.append(name)
        elif change < -TOLERANCE:
            verdict = "fell"
        rows.append((name, label, f"{before:,}", f"{now:,}", f"{change * 100:+.2f} %", per,
                     verdict))
    return rows, rose


def print_table(baseline, current):
    rows, rose = compare(baseline, current)
    print()
    print(f"Instruction counts, {current['workload_name']}, N = {current['records']:,}, "
          f"{current['searches_per_kind']} searches of each kind "
          f"({current['rustc']}; {current['valgrind']})")
    if baseline:
        print(f"baseline: bench/baseline.json, measured at {baseline.get('measured_at')} "
              f"({baseline.get('rustc')}; {baseline.get('valgrind')})")
    header = ("phase", "what", "baseline", "now", "change", "per search", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  " + "  ".join(str(c).rjust(w) if 2 <= i <= 5 else str(c).ljust(w)
                               for i, (c, w) in enumerate(zip(row, widths))))
    print()
    return rose


def baseline_commit_problem(repo, path):
    """Why the baseline's last change is not acceptable, or None. The commit that last
    changed it must say why in a line "Baseline: ..."; a shallow clone's boundary, where the
    history that would say so is missing, is not held against it."""
    rel = os.path.relpath(path, repo)
    git = ["git", "-C", repo]
    status = subprocess.run(git + ["status", "--porcelain", "--", rel], capture_output=True,
                            text=True).stdout.strip()
    if status:
        print(f"note: {rel} has uncommitted changes; commit them with the change that moved "
              "the counts and a line \"Baseline: <why>\" in its message")
        return None
    found = subprocess.run(git + ["log", "-1", "--format=%H%n%B", "--", rel],
                           capture_output=True, text=True)
    if found.returncode != 0 or not found.stdout.strip():
        return None
    commit, _, message = found.stdout.partition("\n")
    shallow = subprocess.run(git + ["rev-parse", "--git-path", "shallow"], capture_output=True,
                             text=True).stdout.strip()
    shallow = shallow if os.path.isabs(shallow) else os.path.join(repo, shallow)
    if os.path.exists(shallow):
        with open(shallow, encoding="utf-8") as f:
            if commit in f.read().split():
                print(f"note: {rel} was last changed at the shallow clone's boundary "
                      f"({commit[:7]}); its message is not checked")
                return None
    if not BASELINE_LINE.search(message):
        return (f"{rel} was last changed in {commit[:7]} without a line \"Baseline: <why the "
                "counts moved>\" in its message; amend that commit (before it lands on main) "
                "so the reason travels with the numbers")
    return None


def check(args):
    current = load(args.current)
    if not os.path.exists(args.baseline):
        print_table(None, current)
        print(f"FAIL: no {args.baseline}; make one with bench/run --instructions "
              "--update-baseline and commit it with a line \"Baseline: <why>\"")
        return 1
    baseline = load(args.baseline)
    rose = print_table(baseline, current)
    failures = []
    if baseline.get("workload") != current["workload"]:
        failures.append(f"the baseline counts workload v{baseline.get('workload')}, this run "
                        f"v{current['workload']}: a new workload needs a new baseline in the "
                        "same commit")
    for key in ("rustc", "cpu"):
        if baseline.get(key) != current.get(key):
            print(f"note: {key} differs from the baseline's ({baseline.get(key)!r} there, "
                  f"{current.get(key)!r} here); if counts moved, that may be why")
    if rose:
        failures.append(
            f"{', '.join(rose)} rose more than {TOLERANCE * 100:.0f} % over bench/baseline.json. "
            "If that is intended, update the baseline in the same commit "
            "(bench/run --instructions --update-baseline) and say why in its message, in a line "
            "\"Baseline: <why>\"; the cachegrind files of this run name the functions "
            "(cg_annotate, cg_diff)")
    fell = [r[0] for r in compare(baseline, current)[0] if r[6] == "fell"]
    if fell and not rose:
        print(f"note: {', '.join(fell)} fell more than {TOLERANCE * 100:.0f} %: update the "
              "baseline so that a later rise is measured from here")
    problem = baseline_commit_problem(args.repo, args.baseline)
    if problem:
        failures.append(problem)
    for failure in failures:
        print("FAIL: " + failure)
    if not failures:
        print(f"instruction counts within {TOLERANCE * 100:.0f} % of the baseline: passed")
    return 1 if failures else 0


def table(args):
    current = load(args.current)
    baseline = load(args.baseline) if os.path.exists(args.baseline) else None
    print_table(baseline, current)
    return 0


def update(args):
    current = load(args.current)
    for key in ("processes", "outputs"):
        current.pop(key, None)
    current["command"] = ("bench/run --instructions --update-baseline (cachegrind "
                          "--cache-sim=no, taskset -c 0, env -i, N records of the pinned "
                          "workload; see bench/instructions)")
    with open(args.baseline, "w", encoding="utf-8") as f:
        json.dump(current, f, indent=2)
        f.write("\n")
    print(f"wrote {args.baseline}: commit it with the change, and a line \"Baseline: <why>\"")
    return 0


def selftest(_args):
    """The gate's own test: a rise over the tolerance fails, one under it passes, a baseline
    updated in the commit that says why passes, one updated without saying why fails."""
    def counts(scale):
        return {"workload": 1, "workload_name": "workload v1", "records": 1000,
                "searches_per_kind": 200, "rustc": "rustc x", "cpu": "cpu", "valgrind": "v",
                "measured_at": "t",
                "phases": {name: int(1_000_000 * (scale if name == "search.keyword" else 1))
                           for name, _, _ in PHASES}}

    with tempfile.TemporaryDirectory() as repo:
        def git(*argv):
            subprocess.run(["git", "-C", repo, "-c", "user.name=gate", "-c",
                            "user.email=gate@example.org", *argv], check=True,
                           capture_output=True)

        def write(name, data):
            path = os.path.join(repo, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(data, f)
            return path

        def gate(current):
            args = argparse.Namespace(baseline=os.path.join(repo, "bench/baseline.json"),
                                      repo=repo, current=write("current.json", current))
            with open(os.devnull, "w", encoding="utf-8") as quiet:
                stdout, sys.stdout = sys.stdout, quiet
                try:
                    return check(args)
                finally:
                    sys.stdout = stdout

        git("init", "-q")
        write("bench/baseline.json", counts(1.0))
        git("add", "bench/baseline.json")
        git("commit", "-q", "-m", "Counts\n\nBaseline: the first one")
        cases = [
            ("a rise of 2 % passes", gate(counts(1.02)) == 0),
            ("a rise of 4 % fails", gate(counts(1.04)) == 1),
            ("a fall of 10 % passes", gate(counts(0.90)) == 0),
        ]
        write("bench/baseline.json", counts(1.04))
        cases.append(("an uncommitted baseline update passes locally",
                      gate(counts(1.04)) == 0))
        git("commit", "-q", "-am", "Slower on purpose\n\nBaseline: snippets of every language")
        cases.append(("the rise with the baseline updated in its commit, saying why, passes",
                      gate(counts(1.04)) == 0))
        cases.append(("… and a further rise of 4 % over it fails", gate(counts(1.09)) == 1))
        write("bench/baseline.json", counts(1.2))
        git("commit", "-q", "-am", "Numbers")
        cases.append(("a baseline updated without a \"Baseline:\" line fails",
                      gate(counts(1.2)) == 1))
        other = counts(1.0)
        other["workload"] = 2
        git("commit", "-q", "--amend", "-m", "Numbers\n\nBaseline: new generator")
        cases.append(("another workload version than the baseline's fails",
                      gate(other) == 1))
    for label, ok in cases:
        print(("ok    " if ok else "FAILED ") + label)
    return 0 if all(ok for _, ok in cases) else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("collect")
    p.add_argument("--out", required=True)
    p.add_argument("--workload", required=True)
    p.add_argument("--workload-name", required=True)
    p.add_argument("--records", required=True)
    p.add_argument("--searches", required=True)
    p.add_argument("counts", nargs="+")
    for name in ("table", "check", "update"):
        p = sub.add_parser(name)
        p.add_argument("--baseline", required=True)
        if name == "check":
            p.add_argument("--repo", required=True)
        p.add_argument("current")
    sub.add_parser("selftest")
    args = parser.parse_args()
    return {"collect": collect, "table": table, "check": check, "update": update,
            "selftest": selftest}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
