#!/usr/bin/env python3
"""Generate data/countries.csv and data/currencies.csv for ATD Atlas.

Sources (all maintained packages, nothing typed by hand except the 22 UN M49
region/sub-region English names below and the two documented exceptions):

- ISO 3166-1 codes (alpha-2, alpha-3, numeric) and ISO 4217 currencies:
  PyPI `pycountry` (data from Debian iso-codes; LGPL-2.1-or-later).
- Country names in English, Spanish and French: PyPI `babel`, which bundles
  Unicode CLDR locale data (BSD-3-Clause code; CLDR data under the Unicode
  License v3).
- UN M49 region and sub-region of each country: npm `cldr-core`,
  supplemental/territoryContainment.json (Unicode License v3). CLDR copies the
  UN M49 containment hierarchy; groupings (EU, UN, 419, 202, ...) flagged
  `_grouping` and deprecated entries are ignored when walking up from a
  country, and the M49 sub-regions 419 and 202 are recognised explicitly.

Exceptions (documented in data/README.md):
- AQ Antarctica: M49 code 010 sits directly under World with no region, so
  region and subregion are left empty (CLDR files it under "Outlying Oceania").
- TW Taiwan: not listed in M49, so m49 is empty; region/subregion follow CLDR
  (Asia / Eastern Asia), the usual choice.

Usage (see data/README.md):
    python3 -m venv /tmp/atd-data-venv
    /tmp/atd-data-venv/bin/pip install pycountry==26.2.16 babel==2.18.0
    npm install --prefix /tmp/atd-cldr cldr-core@48.2.0
    /tmp/atd-data-venv/bin/python data/tools/make_countries.py \
        --cldr-core /tmp/atd-cldr/node_modules/cldr-core --out data
"""

import argparse
import csv
import json
import os
import re
import sys
import unicodedata

import babel
import pycountry
from babel import Locale

# UN M49 regions (level 1) and sub-regions (level 2), English names as
# published by the UN Statistics Division. Keys are derived from these names.
M49_REGIONS = {
    "002": "Africa",
    "019": "Americas",
    "142": "Asia",
    "150": "Europe",
    "009": "Oceania",
}
M49_SUBREGIONS = {
    "015": ("Northern Africa", "002"),
    "202": ("Sub-Saharan Africa", "002"),
    "419": ("Latin America and the Caribbean", "019"),
    "021": ("Northern America", "019"),
    "143": ("Central Asia", "142"),
    "030": ("Eastern Asia", "142"),
    "035": ("South-eastern Asia", "142"),
    "034": ("Southern Asia", "142"),
    "145": ("Western Asia", "142"),
    "151": ("Eastern Europe", "150"),
    "154": ("Northern Europe", "150"),
    "039": ("Southern Europe", "150"),
    "155": ("Western Europe", "150"),
    "053": ("Australia and New Zealand", "009"),
    "054": ("Melanesia", "009"),
    "057": ("Micronesia", "009"),
    "061": ("Polynesia", "009"),
}
NO_REGION = {"AQ"}  # M49 010 Antarctica: no region, no sub-region
NOT_IN_M49 = {"TW"}  # no M49 code; region/sub-region from CLDR


# Bulgaria adopted the euro on 1 January 2026; costs published before then are in BGN.
RETIRED_CURRENCIES = [("BGN", "Bulgarian Lev (withdrawn 2026)")]


def slug(name):
    """Lowercase snake_case key from an English name."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")
    return s


def ancestors(code, parents):
    seen = set()
    stack = [code]
    while stack:
        for p in parents.get(stack.pop(), ()):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def load_containment(cldr_core):
    path = os.path.join(cldr_core, "supplemental", "territoryContainment.json")
    with open(path, encoding="utf-8") as f:
        tc = json.load(f)["supplemental"]["territoryContainment"]
    parents = {}
    for parent, body in tc.items():
        if "@" in parent:  # e.g. "EU@status=deprecated"
            continue
        for child in body.get("_contains", []):
            parents.setdefault(child, []).append(parent)
    return parents


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cldr-core", default=os.environ.get("CLDR_CORE_DIR"),
                    help="path to the npm cldr-core package directory")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), ".."),
                    help="output directory (data/)")
    args = ap.parse_args()
    if not args.cldr_core:
        sys.exit("error: pass --cldr-core DIR (npm install cldr-core) or set CLDR_CORE_DIR")

    parents = load_containment(args.cldr_core)
    with open(os.path.join(args.cldr_core, "package.json"), encoding="utf-8") as f:
        cldr_core_version = json.load(f)["version"]
    loc = {lang: Locale.parse(lang) for lang in ("en", "es", "fr")}

    rows = []
    problems = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        a2 = c.alpha_2
        names = {}
        for lang, l in loc.items():
            n = l.territories.get(a2)
            if not n:
                problems.append(f"{a2}: no CLDR {lang} name")
            names[lang] = unicodedata.normalize("NFC", n or "")
        if a2 in NO_REGION:
            region = subregion = ""
        else:
            anc = ancestors(a2, parents)
            subs = anc & set(M49_SUBREGIONS)
            regs = anc & set(M49_REGIONS)
            if len(subs) != 1 or len(regs) != 1:
                problems.append(f"{a2}: sub-regions {sorted(subs)}, regions {sorted(regs)}")
                continue
            sub = subs.pop()
            reg = regs.pop()
            if M49_SUBREGIONS[sub][1] != reg:
                problems.append(f"{a2}: sub-region {sub} not in region {reg}")
            region = slug(M49_REGIONS[reg])
            subregion = slug(M49_SUBREGIONS[sub][0])
        m49 = "" if a2 in NOT_IN_M49 else c.numeric
        rows.append([a2, c.alpha_3, m49, names["en"], names["es"], names["fr"], region, subregion])

    if problems:
        sys.exit("errors:\n" + "\n".join(problems))

    out = args.out
    write_csv(os.path.join(out, "countries.csv"),
              ["iso2", "iso3", "m49", "name_en", "name_es", "name_fr", "region", "subregion"], rows)

    cur = sorted((c.alpha_3, unicodedata.normalize("NFC", c.name)) for c in pycountry.currencies)
    # Withdrawn codes that amounts in the data may still use (the rate table has their years).
    cur = sorted(cur + [(code, name) for code, name in RETIRED_CURRENCIES if code not in dict(cur)])
    write_csv(os.path.join(out, "currencies.csv"), ["code", "name"], cur)

    print(f"countries.csv: {len(rows)} rows; currencies.csv: {len(cur)} rows")
    print(f"pycountry {getattr(pycountry, '__version__', '?')}, babel {babel.__version__} "
          f"(CLDR {babel.core.get_global('cldr')['version']}), cldr-core {cldr_core_version}")


if __name__ == "__main__":
    main()
