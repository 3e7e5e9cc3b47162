"""Instructions per operation, counted by valgrind's cachegrind: repeatable where time is not.

This machine's clock varies by 10–50% from run to run (shared cores); an instruction
count varies by under 1%, so a change of a few percent in the one-firm path can be seen.
Each operation runs in two child processes under cachegrind, 0 and ``--number`` times
after the same warm-up; the difference divided by ``--number`` is the figure. Needs
``valgrind`` on the PATH (``apt-get install valgrind``); about 15 s per operation::

    .venv/bin/python bench/instructions.py                 # every operation
    .venv/bin/python bench/instructions.py three prepare   # some of them

Operations (the firm of ``bench/run.py``, seed 12): ``three`` (prepare + QH-TBE, QH-ERC,
QH20-PLATFORM, explanation available), ``explained`` (the same, explanations built),
``rendered`` (the same, rendered), ``prepare``,
``tbe`` / ``erc`` / ``platform`` (one evaluation from prepared facts), ``all``
(``evaluate_all``, raw mapping), and ``load``: ``import innovpolicy`` +
``load("xining")`` in a fresh process with bytecode compiled (as ``bench/run.py
--load-only`` times it), minus a fresh interpreter doing nothing (``python -c pass``);
the figure is one process, so ``--number`` does not apply to it. ``load_evaluate`` is
the same process evaluating QH-TBE once afterwards (the firm of ``three``), so that cost
moved from loading to the first answer is counted.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OPERATIONS = (
    "three",
    "explained",
    "rendered",
    "prepare",
    "tbe",
    "erc",
    "platform",
    "all",
    "load",
    "load_evaluate",
)
LOAD = "import innovpolicy; innovpolicy.load('xining')"
# The same, then QH-TBE evaluated once for the firm of ``bench/run.py`` (written into the
# code as a literal, so the child imports nothing of the benchmark): what moves from
# ``load`` to the first ``evaluate`` (a module imported lazily, a class built on first
# use) is counted here.
LOAD_EVALUATE = (
    "import datetime; from decimal import Decimal; import innovpolicy; "
    "innovpolicy.load('xining').evaluate('QH-TBE', {firm}, datetime.date(2019, 6, 30))"
)


def operations() -> dict[str, Callable[[], Any]]:
    sys.path.insert(0, str(HERE))
    import run

    import innovpolicy

    xining = innovpolicy.load("xining")
    firm = run.enterprise(random.Random(12))
    prepared = xining.prepare(firm)
    return {
        "three": lambda: run.one_firm(xining, firm),
        "explained": lambda: [result.criteria for result in run.one_firm(xining, firm)],
        "rendered": lambda: run.one_firm_rendered(xining, firm),
        "prepare": lambda: xining.prepare(firm),
        "tbe": lambda: xining.evaluate("QH-TBE", prepared, run.ON),
        "erc": lambda: xining.evaluate("QH-ERC", prepared, run.ON_2021),
        "platform": lambda: xining.evaluate("QH20-PLATFORM", prepared, run.ON_2021),
        "all": lambda: xining.evaluate_all(firm, run.ON_2021),
    }


def child(name: str, number: int) -> None:
    operation = operations()[name]
    for _ in range(50):  # warm-up: compiled rules, kept answers, caches
        operation()
    for _ in range(number):
        operation()


def count(name: str, number: int) -> int:
    """Instructions of a child process that runs *name* *number* times after warm-up."""
    return instructions([__file__, "--child", name, "--number", str(number)])


def instructions(arguments: list[str]) -> int:
    """Instructions of ``python *arguments*`` under cachegrind (hash seed 0)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            *arguments,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def load(code: str = LOAD) -> int:
    """Instructions of *code* (import + ``load("xining")``) in a fresh process, bytecode
    compiled, less those of a fresh interpreter doing nothing."""
    sys.path.insert(0, str(HERE))
    import run

    run.compile_sources()
    return instructions(["-c", code]) - instructions(["-c", "pass"])


def load_evaluate() -> int:
    """:func:`load`, then one evaluation of QH-TBE for the benchmark firm."""
    sys.path.insert(0, str(HERE))
    import run

    firm = run.enterprise(random.Random(12))
    return load(LOAD_EVALUATE.format(firm=repr(firm)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="OPERATION", help=", ".join(OPERATIONS))
    parser.add_argument("--number", type=int, default=400, help="runs counted (default 400)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.number)
        return
    unknown = sorted(set(args.names) - set(OPERATIONS))
    if unknown:
        parser.error(f"unknown operation {unknown[0]!r} (choose from {', '.join(OPERATIONS)})")
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    print("| operation | instructions per call |")
    print("| --- | ---: |")
    for name in args.names or OPERATIONS:
        if name == "load":
            print(f"| load (one fresh process) | {load():,} |")
            continue
        if name == "load_evaluate":
            print(f"| load + one evaluate of QH-TBE (one fresh process) | {load_evaluate():,} |")
            continue
        per_call = (count(name, args.number) - count(name, 0)) / args.number
        print(f"| {name} | {per_call:,.0f} |")


if __name__ == "__main__":
    main()
