"""Seeded synthetic registries for the screening benchmark, and an exact integer reference.

Adapted from the OpenFisca peer benchmark's ``synth.py`` (same seed, same distributions,
same boundary rows: about 1% of rows per condition exactly on a threshold — R&D exactly
2% or 4% of sales, S&T staff exactly 30%, one growth year exactly 10%, main revenue
exactly 50%), extended with the facts innovpolicy's versions of QH-TBE and QH-ERC read
(host kind, ages, projects, awards, research funding...). Money is whole fen (int64);
columns are handed to innovpolicy as exact ``decimal128(18, 2)``.

The reference computes the three rules in plain integer numpy, independently of the
library: it is what the benchmark counts wrong verdicts and wrong fen against.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

SEED = 20240601
BOUNDARY_SHARE = 0.01
ON_TBE_ERC = date(2019, 6, 30)  # QH-TBE is in force until 2019-12-31
ON_PLATFORM = date(2020, 12, 31)  # QH20-PLATFORM is in force from 2020-08-19
EPOCH = date(1970, 1, 1)
Y1, Y2, Y3, Y4 = 2018, 2017, 2016, 2015


def _fen(x: np.ndarray) -> np.ndarray:
    return np.round(np.asarray(x) * 100).astype(np.int64)


def generate(n: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """int64 fen / int / bool / day-number arrays describing *n* enterprises (exact)."""
    rng = np.random.default_rng(seed)
    d: dict[str, np.ndarray] = {}
    on = (ON_TBE_ERC - EPOCH).days
    # business start: 0 .. 8 years before the evaluation date; ~1% exactly one year before
    start = on - np.round(rng.uniform(0, 8, n) * 365.25).astype(np.int64)
    one_year = (date(2018, 6, 30) - EPOCH).days
    m = rng.random(n) < BOUNDARY_SHARE
    start[m] = one_year + rng.integers(0, 2, m.sum())  # exactly 1 year, or one day short
    d["business_start_date"] = start

    s4 = _fen(rng.lognormal(np.log(1.0e8), 0.8, n))
    g = rng.normal(0.22, 0.07, (3, n))
    s3 = np.round(s4 * (1 + g[0])).astype(np.int64)
    s2 = np.round(s3 * (1 + g[1])).astype(np.int64)
    s1 = np.round(s2 * (1 + g[2])).astype(np.int64)
    for prev, cur in ((s4, s3), (s3, s2), (s2, s1)):
        m = rng.random(n) < BOUNDARY_SHARE / 3
        prev[m] = prev[m] // 10 * 10
        cur[m] = prev[m] * 11 // 10  # growth exactly 10%
    mb = rng.random(n) < 2 * BOUNDARY_SHARE
    s1[mb] = s1[mb] // 100 * 100
    d["s1"], d["s2"], d["s3"], d["s4"] = s1, s2, s3, s4
    main = np.round(s1 * rng.uniform(0.3, 1.0, n)).astype(np.int64)
    m = mb & (rng.random(n) < 0.5)
    main[m] = s1[m] // 2  # exactly 50%
    d["main"] = main
    rd = np.round(s1 * rng.uniform(0.005, 0.08, n)).astype(np.int64)
    m = mb & ~m
    rd[m] = s1[m] * 2 // 100  # exactly 2%
    m4 = rng.random(n) < BOUNDARY_SHARE
    s2[m4] = s2[m4] // 100 * 100
    rd[m4] = s2[m4] * 4 // 100  # exactly 4% of the year before
    d["rd"] = rd
    emp = rng.integers(10, 400, n)
    st = np.round(emp * rng.uniform(0.1, 0.7, n)).astype(np.int64)
    m = rng.random(n) < BOUNDARY_SHARE
    emp[m] = emp[m] // 10 * 10 + 10
    st[m] = emp[m] * 3 // 10  # exactly 30%
    d["employees"], d["sci_tech_staff"] = emp, st
    for name, p in (
        ("main_business_is_tech", 0.95),
        ("finances_sound", 0.95),
        ("owns_ip", 0.85),
        ("registered_in_qinghai", 0.97),
        ("independent_legal_person", 0.97),
        ("rd_body_in_qinghai", 0.97),
        ("is_industry_leader", 0.9),
    ):
        d[name] = rng.random(n) < p
    d["enterprise"] = rng.random(n) < 0.9
    d["agri"] = rng.random(n) < 0.15
    d["senior"] = rng.integers(2, 25, n)
    d["rd_staff"] = d["senior"] + rng.integers(0, 60, n)
    d["technical"] = rng.integers(5, 120, n)
    d["leading"] = rng.integers(0, 5, n)
    d["leader_age"] = rng.integers(35, 70, n)
    d["director_age"] = rng.integers(35, 64, n)
    d["area_centi"] = np.round(rng.lognormal(np.log(2500), 0.9, n) * 100).astype(np.int64)
    d["lab_area_centi"] = np.round(rng.lognormal(np.log(500), 0.8, n) * 100).astype(np.int64)
    d["test_base_centi"] = np.round(rng.lognormal(np.log(200), 0.8, n) * 100).astype(np.int64)
    d["equipment"] = _fen(rng.lognormal(np.log(8e6), 1.0, n))
    d["national"] = rng.integers(0, 4, n)
    d["provincial"] = rng.integers(0, 6, n)
    d["awards"] = rng.integers(0, 3, n)
    d["patents"] = rng.integers(0, 5, n)
    d["varieties"] = rng.integers(0, 3, n)
    funding = d["rd_staff"] * rng.integers(20_000_00, 150_000_00, n)
    m = rng.random(n) < BOUNDARY_SHARE
    funding[m] = d["rd_staff"][m] * 50_000_00  # exactly 50,000 per researcher
    d["funding"] = funding
    d["volume"] = _fen(rng.lognormal(np.log(1.2e7), 1.3, n))
    d["achievements"] = rng.poisson(2.6, n)
    # QH-TBE 第三条(四) 并具有持续开展科技创新活动的能力 (drawn last: the other columns
    # keep the values they had before the fact was added)
    d["sustained_innovation_capacity"] = rng.random(n) < 0.9
    return d


def _decimal(fen: np.ndarray) -> pa.Array:
    words = np.empty((len(fen), 2), dtype=np.int64)
    words[:, 0] = fen
    words[:, 1] = fen >> 63
    # decimal(18, 2): the usual type of money in Parquet files (fits int64 by its type)
    return pa.Array.from_buffers(pa.decimal128(18, 2), len(fen), [None, pa.py_buffer(words)])


def table(d: dict[str, np.ndarray]) -> pa.Table:
    """The registry as an Arrow table whose column names are innovpolicy fact names."""
    n = len(d["s1"])
    host = np.where(d["enterprise"], "enterprise", "university")
    columns = {
        "id": pa.array(np.arange(n, dtype=np.int64)),
        "business_start_date": pa.array(d["business_start_date"].astype(np.int32), pa.date32()),
        f"sales_revenue[{Y1}]": _decimal(d["s1"]),
        f"sales_revenue[{Y2}]": _decimal(d["s2"]),
        f"sales_revenue[{Y3}]": _decimal(d["s3"]),
        f"sales_revenue[{Y4}]": _decimal(d["s4"]),
        f"main_business_revenue[{Y1}]": _decimal(d["main"]),
        f"rd_expense[{Y1}]": _decimal(d["rd"]),
        "employees": pa.array(d["employees"]),
        "sci_tech_staff": pa.array(d["sci_tech_staff"]),
        "host_kind": pa.array(host).dictionary_encode(),
        "is_agricultural_leading_enterprise": pa.array(d["agri"]),
        "agricultural_field": pa.array(d["agri"]),
        "senior_title_staff": pa.array(d["senior"]),
        "technical_staff": pa.array(d["technical"]),
        "rd_staff": pa.array(d["rd_staff"]),
        "leading_achievements": pa.array(d["leading"]),
        "max_technical_leader_age": pa.array(d["leader_age"]),
        "director_age": pa.array(d["director_age"]),
        "facility_area": _decimal(d["area_centi"]),
        "lab_area": _decimal(d["lab_area_centi"]),
        "test_base_area": _decimal(d["test_base_centi"]),
        "equipment_value": _decimal(d["equipment"]),
        "national_projects_5y": pa.array(d["national"]),
        "provincial_projects_5y": pa.array(d["provincial"]),
        "st_awards_5y": pa.array(d["awards"]),
        "invention_patents_5y": pa.array(d["patents"]),
        "crop_varieties_5y": pa.array(d["varieties"]),
        "research_funding": _decimal(d["funding"]),
        "transaction_volume": _decimal(d["volume"]),
        "achievements_transformed": pa.array(d["achievements"]),
    }
    for name in (
        "main_business_is_tech",
        "finances_sound",
        "sustained_innovation_capacity",
        "owns_ip",
        "registered_in_qinghai",
        "independent_legal_person",
        "rd_body_in_qinghai",
        "is_industry_leader",
    ):
        columns[name] = pa.array(d[name])
    return pa.table(columns)


def reference(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The three rules in exact integer numpy (thresholds from the source texts, in fen)."""
    s1, s2, s3, s4, rd = d["s1"], d["s2"], d["s3"], d["s4"], d["rd"]
    one_year = (date(2018, 6, 30) - EPOCH).days
    tbe = (
        d["main_business_is_tech"]
        & (d["business_start_date"] <= one_year)
        & d["finances_sound"]
        & (d["main"] * 100 >= 50 * s1)
        & (d["sci_tech_staff"] * 100 >= 30 * d["employees"])
        & (rd * 100 >= 2 * s1)
        & d["sustained_innovation_capacity"]
        & d["owns_ip"]
    )
    agri = d["agri"]
    growth = np.ones(len(s1), dtype=bool)
    for cur, prev in ((s1, s2), (s2, s3), (s3, s4)):
        growth &= (cur - prev) * 100 >= 10 * prev
    enterprise = (
        d["is_industry_leader"]
        & (s1 >= np.where(agri, 30_000_000_00, 100_000_000_00))
        & growth
        & ((rd * 100 >= 4 * s2) | (rd >= 5_000_000_00))
        & (d["senior"] >= 5)
        & (d["technical"] >= 20)
    )
    university = (d["rd_staff"] >= 20) & (d["leading"] >= 2)
    facilities = np.where(
        agri,
        (d["lab_area_centi"] >= 300_00)
        & (d["test_base_centi"] >= 100_00)
        & (d["equipment"] >= 1_000_000_00),
        (d["area_centi"] >= 1000_00) & (d["equipment"] >= 3_000_000_00),
    )
    erc = (
        d["registered_in_qinghai"]
        & d["independent_legal_person"]
        & d["rd_body_in_qinghai"]
        & np.where(d["enterprise"], enterprise, university)
        & (d["leader_age"] <= 65)
        & (d["director_age"] <= 60)
        & facilities
        & (d["national"] >= 1)
        & (d["provincial"] >= 2)
        & ((d["awards"] >= 1) | (d["patents"] >= 2) | (d["varieties"] >= 2))
        & (d["funding"] >= 50_000_00 * d["rd_staff"])
    )
    v = d["volume"]
    t = 10_000_000_00
    milli_fen = 15 * np.minimum(v, t) + 10 * np.maximum(v - t, 0)  # rates in thousandths
    subsidy = np.minimum((milli_fen + 500) // 1000, 1_000_000_00)  # half up to the fen, cap
    return {
        "QH-TBE": tbe,
        "QH-ERC": erc,
        "QH20-PLATFORM": d["achievements"] >= 3,
        "QH20-PLATFORM.fen": subsidy,
    }
