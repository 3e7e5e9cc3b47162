"""Gaps: the smallest change reported for a failing criterion is exactly enough.

Property: applying the change makes that criterion pass, and stopping one unit
short (one fen, one person, one day) does not.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy._criteria import Truth
from innovpolicy._gaps import apply_change, candidate_changes, one_step_short
from innovpolicy._jurisdiction import PreparedFacts, _Ctx

XINING = innovpolicy.load("xining")
REGISTRY = XINING.fact_registry

money = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000000"), places=2)
positive_money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000000"), places=2)


def _check(rule_id: str, facts: dict[str, Any], on: date) -> int:
    """Check every reported change of every gap of *rule_id*; return how many."""
    prepared = XINING.prepare(facts)
    result = XINING.evaluate(rule_id, prepared, on)
    checked = 0
    for gap in result.gaps():
        assert gap.outcome is not None
        criterion = gap.outcome.source
        assert criterion is not None
        ctx = _Ctx(XINING, prepared._data, on, False)
        for change in candidate_changes(gap.outcome, ctx, REGISTRY):
            short = one_step_short(change, REGISTRY)
            if change.kind == "wait":
                if not XINING.rule(rule_id).in_force(change.target):
                    continue  # the rule ends first: the finder reports not_in_force
                assert (
                    criterion.test(_Ctx(XINING, prepared._data, change.target, False)) is Truth.TRUE
                )
                assert (
                    criterion.test(_Ctx(XINING, prepared._data, short.target, False)) is Truth.FALSE
                )
            else:
                passed = PreparedFacts._trusted(
                    apply_change(prepared, change), XINING.fact_registry
                )
                assert criterion.test(_Ctx(XINING, passed._data, on, False)) is Truth.TRUE, change
                if short.target < 0 if isinstance(short.target, (int, Decimal)) else False:
                    continue  # nothing below zero to try
                failed = PreparedFacts._trusted(apply_change(prepared, short), XINING.fact_registry)
                assert criterion.test(_Ctx(XINING, failed._data, on, False)) is Truth.FALSE, short
            checked += 1
    return checked


@settings(max_examples=150, deadline=None)
@given(
    employees=st.integers(min_value=1, max_value=2000),
    staff_share=st.fractions(min_value=0, max_value=1),
    rd=money,
    sales=positive_money,
    main=money,
    start=st.dates(min_value=date(2010, 1, 1), max_value=date(2019, 6, 30)),
)
def test_tech_based_enterprise_gaps(
    employees: int, staff_share: Any, rd: Decimal, sales: Decimal, main: Decimal, start: date
) -> None:
    # Ratios of facts (S&T staff / employees, R&D / sales, main business / sales) and
    # full years in business: every kind of smallest change in one rule.
    facts = {
        "employees": employees,
        "sci_tech_staff": int(employees * staff_share),
        "rd_expense": {2018: rd},
        "sales_revenue": {2018: sales},
        "main_business_revenue": {2018: main},
        "business_start_date": start,
        "main_business_is_tech": True,
        "finances_sound": True,
        "sustained_innovation_capacity": True,
        "owns_ip": True,
    }
    _check("QH-TBE", facts, date(2019, 6, 30))


@settings(max_examples=150, deadline=None)
@given(
    flexible=st.integers(min_value=0, max_value=500),
    total=st.integers(min_value=0, max_value=5000),
    rd=money,
    requested=money,
    achievements=st.integers(min_value=0, max_value=10),
)
def test_shares_and_counts(
    flexible: int, total: int, rd: Decimal, requested: Decimal, achievements: int
) -> None:
    on = date(2021, 6, 30)
    _check("QH20-FLEX-POSTS", {"flexible_posts": flexible, "total_posts": total}, on)
    _check("QH20-PLAN-PREREQ", {"rd_expense": {2020: rd}, "requested_fiscal_funds": requested}, on)
    _check(
        "QH20-PLATFORM",
        {"achievements_transformed": achievements, "transaction_volume": "1000000"},
        on,
    )


def test_examples_of_each_kind_of_change() -> None:
    on = date(2019, 6, 30)
    facts = {
        "employees": 100,
        "sci_tech_staff": 29,
        "rd_expense": {2018: "19999"},
        "sales_revenue": {2018: "1000000"},
        "business_start_date": "2018-09-01",
    }
    assert _check("QH-TBE", facts, on) == 5
    result = XINING.evaluate("QH-TBE", facts, on)
    labels = {g.label: g for g in result.gaps()}
    staff = labels["S&T staff / employees"]
    assert staff.op == ">=" and staff.facts == ("sci_tech_staff", "employees")
    ctx = _Ctx(XINING, XINING.prepare(facts)._data, on, False)
    changes = candidate_changes(staff.outcome, ctx, REGISTRY)  # type: ignore[arg-type]
    assert [(c.fact, c.kind, c.target, c.by) for c in changes] == [
        ("sci_tech_staff", "raise", 30, 1),  # 1 more S&T staff member
        ("employees", "lower", 96, 4),  # or 4 fewer employees: 29 / 96 ≥ 0.3
    ]
    rd = candidate_changes(labels["prior-year R&D expense / sales revenue"].outcome, ctx, REGISTRY)  # type: ignore[arg-type]
    assert (rd[0].fact, rd[0].target) == ("rd_expense[2018]", Decimal("20000.00"))
    years = candidate_changes(labels["full years in business"].outcome, ctx, REGISTRY)  # type: ignore[arg-type]
    assert [(c.kind, c.target) for c in years] == [("wait", date(2019, 9, 1))]
    assert years[0].target - timedelta(days=1) == date(2019, 8, 31)
