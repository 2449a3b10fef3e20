"""Statistical neighbours: the ten councils most like each one, for comparing like with like.

    neighbours("Bolton") -> ("Rochdale", "Tameside", "Wigan", ...)

`neighbours.txt` is derived from `import_data/la_lookup/Provider_data_lookup.csv` in the
public repository data-to-insight/ofsted-ilacs-scrape-tool (MIT licence; the neighbour sets
are the Department for Education's statistical neighbours by local authority code),
with every code turned into the canonical name of index/authorities.txt. Rebuild it with

    python -m index.neighbours Provider_data_lookup.csv > index/neighbours.txt
"""
from __future__ import annotations

import csv
import sys
from functools import lru_cache
from pathlib import Path

from index.authorities import canonical

LIST = Path(__file__).with_name("neighbours.txt")


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, ...]]:
    out = {}
    for line in LIST.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        out[name.strip()] = tuple(n.strip() for n in rest.split("|") if n.strip())
    return out


def neighbours(authority: str) -> tuple[str, ...]:
    return table().get(canonical(authority) or authority, ())


def build(csv_path: Path) -> str:
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8-sig")))
    by_code = {r["la_code"].strip(): canonical(r["local_authority_ons_name"]) or canonical(
        r["ofsted_ilacs_scrape_la_name"]) for r in rows}
    lines = ["# Statistical neighbours of each council (see index/neighbours.py for the source and licence).",
             "# council: neighbour | neighbour | ..."]
    for r in sorted(rows, key=lambda r: r["local_authority_ons_name"]):
        name = by_code.get(r["la_code"].strip())
        if not name:
            continue
        codes = [c.strip() for c in r["stat_neighbours"].split(",") if c.strip()]
        names = [by_code[c] for c in codes if by_code.get(c)]
        lines.append(f"{name}: {' | '.join(names)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(build(Path(sys.argv[1])))
