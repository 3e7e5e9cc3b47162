"""Hypothesis properties of the Qinghai rules: thresholds, caps, tiers and splits."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import Status
from innovpolicy._values import round_payable

QINGHAI = innovpolicy.load("qinghai")
ON_TBE = date(2019, 6, 30)
ON = date(2021, 6, 30)

TBE: dict[str, Any] = {
    "main_business_is_tech": True,
    "business_start_date": "2010-01-01",
    "finances_sound": True,
    "main_business_revenue": {2018: "1000000"},
    "sales_revenue": {2018: "1000000"},
    "employees": 100,
    "sci_tech_staff": 100,
    "rd_expense": {2018: "1000000"},
    "sustained_innovation_capacity": True,
    "owns_ip": True,
}

money = st.decimals(min_value=0, max_value=10**10, places=2)
positive_money = st.decimals(min_value="0.01", max_value=10**10, places=2)


def tbe(**changes: Any) -> Status:
    return QINGHAI.evaluate("QH-TBE", {**TBE, **changes}, ON_TBE, explain=False).status


@given(st.integers(1, 100_000).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_tbe_staff_share_is_inclusive_at_30_percent(pair: tuple[int, int]) -> None:
    employees, staff = pair
    expected = Status.ELIGIBLE if 10 * staff >= 3 * employees else Status.INELIGIBLE
    assert tbe(employees=employees, sci_tech_staff=staff) is expected


@given(positive_money, money)
def test_tbe_rd_intensity_is_inclusive_at_2_percent(sales: Decimal, rd: Decimal) -> None:
    expected = Status.ELIGIBLE if rd * 50 >= sales else Status.INELIGIBLE
    status = tbe(
        sales_revenue={2018: sales}, main_business_revenue={2018: sales}, rd_expense={2018: rd}
    )
    assert status is expected


@given(positive_money, money)
def test_tbe_main_business_share_is_inclusive_at_half(sales: Decimal, main: Decimal) -> None:
    expected = Status.ELIGIBLE if main * 2 >= sales else Status.INELIGIBLE
    status = tbe(
        sales_revenue={2018: sales}, main_business_revenue={2018: main}, rd_expense={2018: sales}
    )
    assert status is expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=ON_TBE))
def test_tbe_one_full_year_in_business(start: date) -> None:
    anniversary = (
        start.replace(year=start.year + 1)
        if not (start.month == 2 and start.day == 29)
        else date(start.year + 1, 2, 28)
    )
    expected = Status.ELIGIBLE if anniversary <= ON_TBE else Status.INELIGIBLE
    assert tbe(business_start_date=start) is expected


PLATFORM = {"achievements_transformed": 3}


@given(money)
def test_platform_amount_never_exceeds_its_bounds(volume: Decimal) -> None:
    result = QINGHAI.evaluate(
        "QH20-PLATFORM", {**PLATFORM, "transaction_volume": volume}, ON, explain=False
    )
    tiers = min(volume, Decimal(10_000_000)) * Decimal("0.015") + max(
        volume - 10_000_000, 0
    ) * Decimal("0.01")
    assert result.amount is not None
    assert result.amount <= Decimal(1_000_000)
    assert result.amount <= round_payable(tiers)
    assert result.amount == min(round_payable(tiers), Decimal(1_000_000))


@given(money, money)
def test_platform_amount_is_non_decreasing_in_volume(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))

    def amount(volume: Decimal) -> Decimal:
        result = QINGHAI.evaluate(
            "QH20-PLATFORM", {**PLATFORM, "transaction_volume": volume}, ON, explain=False
        )
        assert result.amount is not None
        return result.amount

    assert amount(low) <= amount(high)


@given(
    money, st.lists(money, min_size=3, max_size=3), st.sampled_from(["西宁市", "海东市", "海西州"])
)
def test_tech_intro_respects_all_three_bounds_and_splits_exactly(
    rd: Decimal, taxes: list[Decimal], prefecture: str
) -> None:
    facts = {
        "imported_technology_effective": True,
        "transfer_project_rd_total": rd,
        "tax_paid": dict(zip((2018, 2019, 2020), taxes, strict=True)),
        "prefecture": prefecture,
    }
    result = QINGHAI.evaluate("QH20-TECH-INTRO", facts, ON, explain=False)
    assert result.amount is not None
    assert result.amount <= round_payable(rd * Decimal("0.2"))
    assert result.amount <= sum(taxes)
    assert result.amount <= Decimal(2_000_000)
    assert result.amount == round_payable(min(rd * Decimal("0.2"), sum(taxes), Decimal(2_000_000)))
    province, pref = result.shares
    assert (province.role, pref.role, pref.payer) == ("province", "prefecture", prefecture)
    assert province.amount + pref.amount == result.amount
    assert abs(pref.amount - result.amount * Decimal("0.2")) < Decimal("0.01")


@given(money, st.dates(min_value=date(2017, 9, 4), max_value=date(2030, 12, 31)))
def test_rd_subsidy_is_rate_times_exemption_capped(exemption: Decimal, day: date) -> None:
    result = QINGHAI.evaluate(
        "QH20-RD-SUBSIDY",
        {"is_high_tech_enterprise": True, "rd_super_deduction_exemption": exemption},
        day,
    )
    rate = Decimal("0.15") if day < date(2020, 8, 19) else Decimal("0.10")
    assert result.amount == round_payable(min(exemption * rate, Decimal(2_000_000)))
    assert result.amount is not None and result.amount <= Decimal(2_000_000)


facts_maps = st.fixed_dictionaries(
    {},
    optional={
        "employees": st.integers(0, 500),
        "sales_revenue": st.dictionaries(st.integers(2015, 2021), money, max_size=4),
        "rd_expense": st.dictionaries(st.integers(2015, 2021), money, max_size=4),
        "transaction_volume": money,
        "achievements_transformed": st.integers(0, 6),
        "is_high_tech_enterprise": st.booleans(),
        "rd_super_deduction_exemption": money,
        "host_kind": st.sampled_from(["enterprise", "university", "institute"]),
    },
)


@given(facts_maps, st.dates(min_value=date(2014, 1, 1), max_value=date(2025, 12, 31)))
def test_evaluation_is_deterministic_and_never_mutates_input(
    facts: dict[str, Any], day: date
) -> None:
    before = copy.deepcopy(facts)
    first = QINGHAI.evaluate_all(facts, day)
    second = QINGHAI.evaluate_all(facts, day)
    assert first == second
    assert facts == before
    for result in first:
        if result.status is Status.UNDETERMINED:
            assert result.missing or result.reasons


def test_every_rule_has_a_citation_and_a_validity_window() -> None:
    for rule_id in QINGHAI.rule_ids():
        for rule in QINGHAI.versions(rule_id):
            assert rule.citation.document.number and rule.citation.article and rule.citation.wording
            assert rule.valid_from is not None
