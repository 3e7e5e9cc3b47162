"""Screening benchmark: QH-TBE, QH-ERC and QH20-PLATFORM over 10k, 100k and 1M firms.

Run from the repository root after ``pip install -r requirements-dev.txt``::

    .venv/bin/python bench/screen.py                     # 10,000 / 100,000 / 1,000,000 rows
    .venv/bin/python bench/screen.py --sizes 10000       # quick

Each size runs in its own child process (so memory figures are per size). The rows are
seeded synthetic registries with boundary rows (``bench/screen_synth.py``); time is
``screening.screen(jurisdiction, table, on=..., rules=...)`` end to end — validation of every input
column, the compiled plan, building the Arrow result — best of ``--reps`` after one
warm-up. QH-TBE and QH-ERC are screened on 2019-06-30, QH20-PLATFORM on 2020-12-31 (no
date has all three in force), each call given the columns its rules read. Rule
evaluations/s = rows × 3 / (time of both calls).

Memory: in a second child, the peak RSS growth during one cold call (both rule sets),
sampled every millisecond from /proc/self/statm, above the RSS just before it (input
table built), with ``MALLOC_MMAP_THRESHOLD_=65536`` so that glibc returns freed blocks
at once and the RSS follows the live memory.

Correctness: every verdict and every amount is compared with an exact integer numpy
reference written independently of the library (``screen_synth.reference``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TBE_ERC = ("QH-TBE", "QH-ERC")
PLATFORM = ("QH20-PLATFORM",)


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Peak:
    """Samples the RSS in a thread while a block runs; ``growth`` is the peak above the start."""

    def __enter__(self) -> _Peak:
        self.start = _rss()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(0.001)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())

    @property
    def growth(self) -> int:
        return self.peak - self.start


def child(n: int, reps: int, memory: bool = False, threads: int | None = None) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    import gc

    import numpy as np
    import screen_synth as synth

    import innovpolicy

    xining = innovpolicy.load("xining")
    data = synth.generate(n)
    reference = synth.reference(data)
    full = synth.table(data)
    del data
    names = {r: {f.name for f in xining.facts_for(r)} for r in (*TBE_ERC, *PLATFORM)}

    def columns(rules: tuple[str, ...], available: list[str]) -> list[str]:
        wanted = set().union(*(names[r] for r in rules))
        return [c for c in available if c == "id" or c.split("[")[0] in wanted]

    tbe_erc = full.select(columns(TBE_ERC, full.column_names))
    platform_table = full.select(columns(PLATFORM, full.column_names))
    del full
    gc.collect()

    from innovpolicy import screening

    def run() -> tuple[object, object]:
        a = screening.screen(xining, tbe_erc, on=synth.ON_TBE_ERC, rules=TBE_ERC, threads=threads)
        b = screening.screen(
            xining, platform_table, on=synth.ON_PLATFORM, rules=PLATFORM, threads=threads
        )
        return a, b

    if memory:
        # a cold call, with glibc returning freed blocks at once (MALLOC_MMAP_THRESHOLD_
        # set by the parent): the RSS then follows the live memory of the screening
        gc.collect()
        with _Peak() as sampler:
            run()
        return {"rows": n, "peak_rss_growth_mb": sampler.growth / 2**20}
    run()  # warm-up
    best = float("inf")
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        a, b = run()
        best = min(best, time.perf_counter() - start)
        del a, b
    a, b = run()
    wrong: dict[str, int] = {}
    for rule, table in (("QH-TBE", a), ("QH-ERC", a), ("QH20-PLATFORM", b)):
        status = table.column(f"{rule}.status").combine_chunks()
        eligible = status.indices.to_numpy() == 0
        decided = status.indices.to_numpy() <= 1
        wrong[rule] = int(((eligible != reference[rule]) | ~decided).sum())
    amount = b.column("QH20-PLATFORM.amount").combine_chunks()
    cents = np.array([0 if v is None else int(v * 100) for v in amount.to_pylist()], dtype=np.int64)
    expected = np.where(reference["QH20-PLATFORM"], reference["QH20-PLATFORM.fen"], 0)
    fen_off = int((cents != expected).sum())
    return {
        "rows": n,
        "seconds": best,
        "rule_evaluations_per_s": n * 3 / best,
        "wrong_verdicts": wrong,
        "amounts_off_by_a_fen_or_more": fen_off,
        "eligible": {r: int(reference[r].sum()) for r in ("QH-TBE", "QH-ERC", "QH20-PLATFORM")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON line per size")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--threads", type=int, help="screening threads (default: the library's, one per core)"
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.reps, args.memory, args.threads)))
        return
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()}")
    print()
    print(
        "| rows | time (TBE+ERC+PLATFORM) | rule evaluations/s | peak RSS growth | wrong verdicts | amounts off |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    extra = [] if args.threads is None else ["--threads", str(args.threads)]
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--reps", str(args.reps), *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout)
        env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="65536")
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--memory", *extra],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        result.update(json.loads(out.stdout))
        if args.json:
            print(json.dumps(result))
            continue
        wrong = sum(result["wrong_verdicts"].values())
        print(
            f"| {n:,} | {result['seconds'] * 1000:.1f} ms | "
            f"{result['rule_evaluations_per_s'] / 1e6:.1f} M/s | "
            f"{result['peak_rss_growth_mb']:.1f} MB | {wrong} | "
            f"{result['amounts_off_by_a_fen_or_more']} |"
        )


if __name__ == "__main__":
    main()
