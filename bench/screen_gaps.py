"""Screening benchmark with gaps: the cost of the missing facts and reasons of undetermined rows.

Run from the repository root::

    .venv/bin/python bench/screen_gaps.py                 # 1,000,000 rows
    .venv/bin/python bench/screen_gaps.py --rows 100000

The registry of ``bench/screen.py`` (``screen_synth``) screened for QH-TBE and QH-ERC on
2019-06-30, after blanking 10% of ``owns_ip`` and of ``main_business_is_tech``, zeroing
``employees`` on 1% of rows (a zero denominator: a reason) and moving
``business_start_date`` past the screening date on 1% (a duration from a later date: a
reason). Prints the best of ``--reps`` after a warm-up, rule evaluations/s
(rows × 2 / time), and how many rows of each rule are undetermined and how many of those
carry reasons.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES = ("QH-TBE", "QH-ERC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import gc

    import numpy as np
    import pyarrow as pa
    import screen_synth as synth

    import innovpolicy
    from innovpolicy import screening

    xining = innovpolicy.load("xining")
    n = args.rows
    data = synth.generate(n)
    rng = np.random.default_rng(7)
    data["employees"] = np.where(rng.random(n) < 0.01, 0, data["employees"])
    data["sci_tech_staff"] = np.minimum(data["sci_tech_staff"], data["employees"])
    later = (synth.ON_TBE_ERC - synth.EPOCH).days + 30
    data["business_start_date"] = np.where(rng.random(n) < 0.01, later, data["business_start_date"])
    full = synth.table(data)
    for name in ("owns_ip", "main_business_is_tech"):
        values = full.column(name).combine_chunks()
        mask = pa.array(rng.random(n) < 0.10)
        full = full.set_column(
            full.schema.get_field_index(name), name, pa.compute.if_else(mask, None, values)
        )
    wanted = {f.name for r in RULES for f in xining.facts_for(r)}
    table = full.select([c for c in full.column_names if c == "id" or c.split("[")[0] in wanted])
    del full, data
    gc.collect()

    def run() -> pa.Table:
        return screening.screen(xining, table, on=synth.ON_TBE_ERC, rules=RULES)

    run()
    best = float("inf")
    for _ in range(args.reps):
        gc.collect()
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
        del out
    out = run()
    print(
        f"{n:,} rows × {len(RULES)} rules: {best * 1000:.1f} ms, {n * len(RULES) / best / 1e6:.1f} M/s"
    )
    for rule in RULES:
        undetermined = int(
            (out.column(f"{rule}.status").combine_chunks().indices.to_numpy() == 2).sum()
        )
        line = f"  {rule}: {undetermined:,} undetermined"
        if f"{rule}.reasons" in out.column_names:
            lengths = pa.compute.list_value_length(out.column(f"{rule}.reasons")).to_numpy()
            line += f", {int((lengths > 0).sum()):,} with reasons"
        print(line)


if __name__ == "__main__":
    main()
