"""Benchmarks of innovpolicy: load time, single-evaluation latency, batch throughput.

Run from the repository root after the quick-start install::

    .venv/bin/python bench/run.py            # full run (100,000 enterprises)
    .venv/bin/python bench/run.py --quick    # 10,000 enterprises, fewer repeats

Figures are printed as a Markdown table ready for docs/performance.md.

The load figure (import + ``load("xining")`` in a fresh process) is measured the way a
user who installed with pip meets it: with bytecode. The child processes read the
``__pycache__`` of the core and of every installed plugin, which this script writes
first with ``compileall`` (editable installs under ``PYTHONDONTWRITEBYTECODE=1`` have
none, and compiling the sources in every child would be most of the figure). One
warm-up child runs before the timed ones; the median and the range are reported::

    .venv/bin/python bench/run.py --load-only   # only the load figure
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import timeit
from datetime import date
from decimal import Decimal
from typing import Any

import innovpolicy

ON = date(2019, 6, 30)  # QH-TBE is in force; the 2017 value of QH20-RD-SUBSIDY applies
ON_2021 = date(2021, 6, 30)
SLICE = (
    "QH-TBE",
    "QH-ERC",
    "QH-KL",
    "QH20-RD-SUBSIDY",
    "QH20-TECH-INTRO",
    "QH20-PLATFORM",
    "XN20-CONTRACT-BUYER",
    "XN20-CONTRACT-BROKER",
    "XN20-GROWTH",
)

TBE_FACTS: dict[str, Any] = {
    "main_business_is_tech": True,
    "business_start_date": "2012-03-15",
    "finances_sound": True,
    "main_business_revenue": {2018: "900000"},
    "sales_revenue": {2018: "1000000"},
    "employees": 100,
    "sci_tech_staff": 35,
    "rd_expense": {2018: "30000"},
    "sustained_innovation_capacity": True,
    "owns_ip": True,
}


# The issue #12 workload: one firm, three rules (QH-TBE is in force until 2019,
# QH20-PLATFORM from 2020-08-19, so each is asked about a date it is in force).
THREE = (("QH-TBE", ON), ("QH-ERC", ON_2021), ("QH20-PLATFORM", ON_2021))


def one_firm(xining: Any, facts: Any) -> list[Any]:
    """Three rules for one firm from a raw mapping, explanation available."""
    prepared = xining.prepare(facts)
    return [xining.evaluate(rule_id, prepared, day) for rule_id, day in THREE]


def one_firm_rendered(xining: Any, facts: Any) -> list[str]:
    return [result.render() for result in one_firm(xining, facts)]


def compile_sources() -> None:
    """Write the bytecode of the core and of every installed plugin (as pip install does)."""
    from importlib.metadata import entry_points

    packages = {"innovpolicy"} | {
        ep.value.split(":")[0].split(".")[0] for ep in entry_points(group="innovpolicy")
    }
    for name in sorted(packages):
        spec = importlib.util.find_spec(name)
        for folder in (spec and spec.submodule_search_locations) or ():
            compileall.compile_dir(folder, quiet=1)


def load_time(repeats: int) -> list[float]:
    """Seconds for import + load('xining') in *repeats* fresh processes, with bytecode."""
    compile_sources()
    code = (
        "import time; t = time.perf_counter(); import innovpolicy; "
        "innovpolicy.load('xining'); print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(repeats + 1):  # the first run warms the file cache and is left out
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout))
    return times[1:]


def first_evaluate_all(firm: dict[str, Any]) -> float:
    """Seconds of the first ``evaluate_all`` of a freshly loaded stack (rules compiled then)."""
    fresh = innovpolicy.load("xining")
    start = time.perf_counter()
    fresh.evaluate_all(firm, ON_2021)
    return time.perf_counter() - start


def per_call(fn: Any, number: int, repeat: int) -> float:
    """Best-of-*repeat* mean seconds per call."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def enterprise(rng: random.Random) -> dict[str, Any]:
    """A random firm with every fact the slice reads (some left unknown on purpose)."""
    sales = {y: Decimal(rng.randrange(1_000_000, 300_000_000)) for y in range(2014, 2021)}
    employees = rng.randrange(1, 2000)
    facts: dict[str, Any] = {
        "main_business_is_tech": rng.random() < 0.8,
        "business_start_date": date(
            rng.randrange(2000, 2019), rng.randrange(1, 13), rng.randrange(1, 29)
        ),
        "finances_sound": rng.random() < 0.9,
        "employees": employees,
        "sci_tech_staff": rng.randrange(0, employees + 1),
        "owns_ip": rng.random() < 0.7,
        "sales_revenue": sales,
        "main_business_revenue": {
            y: v * Decimal(rng.randrange(30, 101)) / 100 for y, v in sales.items()
        },
        "rd_expense": {y: v * Decimal(rng.randrange(0, 800)) / 10_000 for y, v in sales.items()},
        "tax_paid": {y: v * Decimal(rng.randrange(1, 100)) / 1000 for y, v in sales.items()},
        "is_high_tech_enterprise": rng.random() < 0.4,
        "is_tech_based_enterprise": rng.random() < 0.5,
        "rd_super_deduction_exemption": Decimal(rng.randrange(0, 30_000_000)),
        "host_kind": rng.choice(("enterprise", "university", "institute")),
        "registered_in_qinghai": True,
        "independent_legal_person": True,
        "rd_body_in_qinghai": rng.random() < 0.9,
        "is_industry_leader": rng.random() < 0.5,
        "is_agricultural_leading_enterprise": rng.random() < 0.2,
        "agricultural_field": rng.random() < 0.2,
        "max_technical_leader_age": rng.randrange(30, 75),
        "director_age": rng.randrange(30, 70),
        "rd_staff": (rd_staff := rng.randrange(0, 200)),
        "senior_title_staff": rng.randrange(0, rd_staff + 1),
        "technical_staff": rng.randrange(0, 100),
        "provincial_discipline_leaders": rng.randrange(0, min(3, rd_staff + 1)),
        "leading_achievements": rng.randrange(0, 5),
        "facility_area": Decimal(rng.randrange(0, 5000)),
        "lab_area": Decimal(rng.randrange(0, 1000)),
        "test_base_area": Decimal(rng.randrange(0, 300)),
        "research_floor_area": Decimal(rng.randrange(0, 3000)),
        "equipment_value": Decimal(rng.randrange(0, 10_000_000)),
        "national_projects_5y": rng.randrange(0, 4),
        "provincial_projects_5y": rng.randrange(0, 6),
        "st_awards_5y": rng.randrange(0, 3),
        "invention_patents_5y": rng.randrange(0, 6),
        "rd_projects_per_year": rng.randrange(0, 5),
        "research_funding": Decimal(rng.randrange(0, 20_000_000)),
        "imported_technology_effective": rng.random() < 0.5,
        "transfer_project_rd_total": Decimal(rng.randrange(0, 20_000_000)),
        "prefecture": "西宁市",
        "district": rng.choice(("城东区", "城中区", "城西区", "城北区", "湟中区")),
        "achievements_transformed": rng.randrange(0, 8),
        "transaction_volume": Decimal(rng.randrange(0, 200_000_000)),
        "contract_type": rng.choice(("development", "transfer", "consulting", "service")),
        "contract_registered": rng.random() < 0.8,
        "contract_amount": Decimal(rng.randrange(0, 10_000_000)),
        "brokered": rng.random() < 0.3,
        "joint_entity": rng.random() < 0.5,
        "growth_milestone": rng.choice(
            ("demonstration_base", "city_tech_based", "high_tech", "little_giant", "gazelle")
        ),
    }
    for name in rng.sample(sorted(facts), k=rng.randrange(0, 3)):  # leave a few facts unknown
        if name not in ("employees", "rd_staff"):
            del facts[name]
    # QH-TBE 第三条(四) (added later: drawn last, so the facts above keep their values)
    facts["sustained_innovation_capacity"] = rng.random() < 0.9
    # QH-KL 第十条㈤'s first requirement for enterprise hosts (likewise drawn last)
    facts["host_leads_its_field"] = rng.random() < 0.5
    # the contract's side and the growth milestone's date (XN20-CONTRACT-BUYER/-BROKER,
    # XN20-GROWTH; likewise drawn last)
    facts["deal_party"] = rng.choice(("transferee", "transferor"))
    facts["applicant_is_broker"] = rng.random() < 0.3
    facts["growth_milestone_date"] = date(rng.randrange(2019, 2022), rng.randrange(1, 13), 1)
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 enterprises, fewer repeats")
    parser.add_argument("--enterprises", type=int, default=None)
    parser.add_argument(
        "--load-only", action="store_true", help="only import + load('xining'), 11 processes"
    )
    args = parser.parse_args()
    if args.load_only:
        loads = sorted(load_time(11))
        print(
            f"import + load('xining'), fresh process, bytecode compiled: median "
            f"{statistics.median(loads) * 1000:.1f} ms of 11 "
            f"(range {loads[0] * 1000:.1f}–{loads[-1] * 1000:.1f} ms)"
        )
        return
    count = args.enterprises or (10_000 if args.quick else 100_000)
    repeats = 3 if args.quick else 7

    loads = load_time(repeats)
    xining = innovpolicy.load("xining")
    prepared = xining.prepare(TBE_FACTS)
    assert xining.evaluate("QH-TBE", prepared, ON).eligible

    fast = per_call(lambda: xining.evaluate("QH-TBE", prepared, ON, explain=False), 20_000, repeats)
    full = per_call(lambda: xining.evaluate("QH-TBE", prepared, ON), 5_000, repeats)
    raw = per_call(lambda: xining.evaluate("QH-TBE", TBE_FACTS, ON, explain=False), 5_000, repeats)
    rendered = per_call(lambda: xining.evaluate("QH-TBE", prepared, ON).render(), 2_000, repeats)

    firm = enterprise(random.Random(12))
    three = per_call(lambda: one_firm(xining, firm), 2_000, repeats)
    three_text = per_call(lambda: one_firm_rendered(xining, firm), 1_000, repeats)
    all_rules = per_call(lambda: xining.evaluate_all(firm, ON_2021), 200, repeats)
    rule_count = len(xining.rule_ids())
    # The first evaluation of every rule on a date compiles them (once per span of dates
    # over which their parameters hold still): best of a few freshly loaded stacks.
    compile_s = min(first_evaluate_all(firm) for _ in range(repeats))

    rng = random.Random(20261124)
    firms = [enterprise(rng) for _ in range(count)]
    start = time.perf_counter()
    batch = [xining.prepare(f) for f in firms]
    prepare_s = time.perf_counter() - start
    start = time.perf_counter()
    statuses: dict[str, int] = {}
    for facts in batch:
        for rule_id in SLICE:
            result = xining.evaluate(rule_id, facts, ON_2021, explain=False)
            statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
    eval_s = time.perf_counter() - start
    evaluations = count * len(SLICE)

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print()
    print("| measure | figure | target |")
    print("| --- | --- | --- |")
    print(
        f"| import + load('xining'), fresh process (bytecode compiled), median of {repeats} | "
        f"{statistics.median(loads) * 1000:.1f} ms (range {min(loads) * 1000:.1f}–"
        f"{max(loads) * 1000:.1f}) | < 80 ms |"
    )
    print(
        f"| one firm, 3 rules (QH-TBE, QH-ERC, QH20-PLATFORM), raw mapping, explanation "
        f"available | {three * 1e6:.1f} µs | ≤ 25 µs |"
    )
    print(f"| the same, rendered to text | {three_text * 1e6:.1f} µs | ≤ 60 µs |")
    print(
        f"| one firm, all {rule_count} rules of the Xining stack (evaluate_all, raw mapping) | "
        f"{all_rules * 1e6:.1f} µs | ≤ 300 µs |"
    )
    print(
        f"| the same, the first time on a date (compiling the {rule_count} rules) | "
        f"{compile_s * 1e3:.1f} ms | |"
    )
    print(f"| QH-TBE, prepared facts, explain=False | {fast * 1e6:.1f} µs | < 50 µs |")
    print(f"| QH-TBE, prepared facts, with explanation | {full * 1e6:.1f} µs | |")
    print(f"| QH-TBE, raw mapping (validation included), explain=False | {raw * 1e6:.1f} µs | |")
    print(f"| QH-TBE, explanation rendered as text | {rendered * 1e6:.1f} µs | |")
    print(
        f"| batch: {count:,} enterprises × {len(SLICE)} slice rules, explain=False | "
        f"{evaluations / eval_s:,.0f} evaluations/s ({eval_s:.2f} s) | ≥ 100,000/s |"
    )
    print(
        f"| batch: validating {count:,} facts mappings (prepare) | "
        f"{count / prepare_s:,.0f} mappings/s ({prepare_s:.2f} s) | |"
    )
    print(
        f"| batch including validation | {evaluations / (eval_s + prepare_s):,.0f} evaluations/s | |"
    )
    print()
    print("Statuses in the batch:", ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())))


if __name__ == "__main__":
    main()
