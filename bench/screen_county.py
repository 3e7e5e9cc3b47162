"""Screening a county stack: rows inside, outside and not located in its territory.

Run from the repository root after ``pip install -r requirements-dev.txt``::

    .venv/bin/python bench/screen_county.py              # 100,000 rows
    .venv/bin/python bench/screen_county.py --rows 20000

The example county (docs/examples) applies only to ``district`` 示例县. A row of another
district gets the answers of the Xining stack below it; a row without a district an
answer that holds either way. The seeded registry of ``bench/screen_synth.py`` gets a
``district`` column: a third 示例县, a third 城东区, and ``--unlocated`` (default 1%) of
the rows without one. Every rule of the county stack in force on 2024-06-30 is screened;
the figure is rule evaluations per second, best of ``--reps`` after one warm-up, and a
sample of rows of each kind is checked against ``Jurisdiction.evaluate``.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screen_synth as synth

import innovpolicy

ON = date(2024, 6, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--unlocated", type=float, default=0.01)
    args = parser.parse_args()
    county = innovpolicy.load("example-county")
    table = synth.table(synth.generate(args.rows))
    rng = np.random.default_rng(2026)
    kind = rng.random(args.rows)
    district = np.where(kind < 0.5, "示例县", "城东区").astype(object)
    district[kind < args.unlocated] = None
    table = table.append_column("district", pa.array(district, pa.string()))
    declared = [name for name in table.column_names if name == "id" or county._declares(name)]
    table = table.select(declared)
    rules = [r for r in county.rule_ids() if county.rule(r).in_force(ON)]
    county.screen(table.slice(0, 1000), on=ON, rules=rules)  # warm-up (plans compiled)
    best = float("inf")
    for _ in range(args.reps):
        start = time.perf_counter()
        out = county.screen(table, on=ON, rules=rules)
        best = min(best, time.perf_counter() - start)
    evaluations = args.rows * len(rules)
    print(
        f"example-county, {len(rules)} rules, {args.rows:,} rows ({args.unlocated:.0%} without "
        f"a district): {best:.2f} s, {evaluations / best:,.0f} rule evaluations/s"
    )
    rows = out.to_pylist() if args.rows <= 2000 else out.slice(0, 2000).to_pylist()
    facts = table.slice(0, len(rows)).to_pylist()
    checked = 0
    for got, row in zip(rows, facts, strict=True):
        given = {k: v for k, v in row.items() if k != "id" and v is not None}
        for rule_id in rules[:: max(1, len(rules) // 10)]:
            expected = county.evaluate(rule_id, given, ON, explain=False)
            assert got[f"{rule_id}.status"] == expected.status.value, (rule_id, row)
            assert got.get(f"{rule_id}.amount") == expected.amount, (rule_id, row)
            checked += 1
    print(f"checked against evaluate: {checked:,} verdicts and amounts, all equal")


if __name__ == "__main__":
    main()
