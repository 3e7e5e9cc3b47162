"""Which kernel library for the column executor? numpy vs polars vs DuckDB, measured.

The same exact QH-TBE core — three ratio conditions cross-multiplied on int64 fen
(``main·100 ≥ 50·sales``, ``staff·100 ≥ 30·employees``, ``rd·100 ≥ 2·sales``) and
the conjunction — over the same 1,000,000 synthetic rows held in Arrow, each library
reading the Arrow columns as it prefers. Best of 5 after a warm-up. Libraries that are
not installed are skipped (polars and DuckDB are not dependencies of innovpolicy).

    .venv/bin/python bench/screen_kernels.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pyarrow as pa
import screen_synth as synth


def _best(fn: Any, reps: int = 5) -> float:
    fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    n = parser.parse_args().rows
    d = synth.generate(n)
    table = pa.table(
        {
            "main": pa.array(d["main"]),
            "sales": pa.array(d["s1"]),
            "staff": pa.array(d["sci_tech_staff"]),
            "employees": pa.array(d["employees"]),
            "rd": pa.array(d["rd"]),
        }
    )
    expected = (
        (d["main"] * 100 >= 50 * d["s1"])
        & (d["sci_tech_staff"] * 100 >= 30 * d["employees"])
        & (d["rd"] * 100 >= 2 * d["s1"])
    )
    results = {}

    def numpy_kernel() -> np.ndarray:
        c = {k: table.column(k).chunk(0).to_numpy() for k in table.column_names}
        return (
            (c["main"] * 100 >= c["sales"] * 50)
            & (c["staff"] * 100 >= c["employees"] * 30)
            & (c["rd"] * 100 >= c["sales"] * 2)
        )

    results["numpy (int64, zero-copy from Arrow)"] = (_best(numpy_kernel), numpy_kernel())
    try:
        import polars as pl

        frame = pl.from_arrow(table)

        def polars_kernel() -> np.ndarray:
            out = frame.select(
                (pl.col("main") * 100 >= pl.col("sales") * 50)
                & (pl.col("staff") * 100 >= pl.col("employees") * 30)
                & (pl.col("rd") * 100 >= pl.col("sales") * 2)
            )
            return out.to_series().to_numpy()

        results[f"polars {pl.__version__}"] = (_best(polars_kernel), polars_kernel())
    except ImportError:
        pass
    try:
        import duckdb

        con = duckdb.connect()
        con.register("t", table)
        query = (
            "SELECT (main * 100 >= sales * 50) AND (staff * 100 >= employees * 30) "
            "AND (rd * 100 >= sales * 2) AS ok FROM t"
        )

        def duckdb_kernel() -> np.ndarray:
            return con.sql(query).to_arrow_table().column(0).to_numpy()

        results[f"duckdb {duckdb.__version__}"] = (_best(duckdb_kernel), duckdb_kernel())
    except ImportError:
        pass
    print(f"{n:,} rows, three cross-multiplied ratio conditions and their conjunction")
    print()
    print("| library | time | rows/s | equal to the exact reference |")
    print("| --- | ---: | ---: | --- |")
    for name, (seconds, got) in results.items():
        same = bool((np.asarray(got, dtype=bool) == expected).all())
        print(f"| {name} | {seconds * 1000:.1f} ms | {n / seconds / 1e6:.0f} M/s | {same} |")


if __name__ == "__main__":
    main()
