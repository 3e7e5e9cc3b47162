"""Layering features: events, comparisons, share refinements, consecutive years, overrides."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import Status
from innovpolicy._values import round_payable

XINING = innovpolicy.load("xining")
QINGHAI = innovpolicy.load("qinghai")
COUNTY = innovpolicy.load("example-county")
money = st.decimals(min_value=0, max_value=10**9, places=2)


def test_incentives_for_one_event_stack_across_layers() -> None:
    assert XINING.rules_for_event("high_tech_certified") == ("QH20-HTE-NEW", "XN20-GROWTH")
    assert QINGHAI.rules_for_event("high_tech_certified") == ("QH20-HTE-NEW",)
    facts = {
        "newly_certified_high_tech": True,
        "joint_entity": True,
        "growth_milestone": "high_tech",
        "growth_milestone_date": "2020-12-01",
        "district": "城东区",
    }
    provincial, city = XINING.evaluate_event("high_tech_certified", facts, "2021-06-30")
    assert (provincial.amount, provincial.layer) == (Decimal("100000.00"), "qinghai")
    assert [s.role for s in provincial.shares] == ["province"]
    assert (city.amount, city.layer) == (Decimal("300000.00"), "xining")
    assert [s.role for s in city.shares] == ["city", "district"]
    assert "high_tech_certified" in XINING.events()
    with pytest.raises(innovpolicy.exceptions.UnknownRuleError):
        XINING.evaluate_event("no_such_event", facts, "2021-06-30")


def test_comparison_shows_what_the_city_adds_and_changes() -> None:
    facts = {
        "imported_technology_effective": True,
        "transfer_project_rd_total": "1000000",
        "tax_paid": {2018: "900000", 2019: "900000", 2020: "900000"},
        "district": "城中区",
        "horizontal_balance": "100",
        "horizontal_reward": "100",
    }
    comparison = QINGHAI.compare(XINING, facts, "2021-06-30")
    changed = {row.rule_id: row for row in comparison.of("changed")}
    # XN20-HORIZONTAL covers only fiscal projects managed as horizontal projects; the
    # province's QH20-HORIZONTAL keeps applying in Xining (issue 14).
    assert set(changed) == {"QH20-TECH-INTRO"}
    added = {row.rule_id for row in comparison.of("added")}
    assert added == {rid for rid in XINING.rule_ids() if rid.startswith("XN20-")}
    text = comparison.render()
    assert "CHANGED  QH20-TECH-INTRO" in text and "city 20000.00" in text


def test_comparison_classes_are_built_on_first_use_and_found_where_they_were() -> None:
    code = (
        "import sys, innovpolicy\n"
        "x = innovpolicy.load('xining')\n"
        "assert 'innovpolicy._comparison' not in sys.modules\n"
        "(info, *_) = x.version_info('QH-TBE')\n"
        "from innovpolicy import _comparison, _jurisdiction\n"
        "assert type(info) is _comparison.VersionInfo is _jurisdiction.VersionInfo\n"
        "assert innovpolicy.Comparison is _comparison.Comparison is _jurisdiction.Comparison\n"
        "assert _jurisdiction.ComparedRule is _comparison.ComparedRule\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        innovpolicy._jurisdiction.Nothing  # noqa: B018


def test_comparison_names_the_layer_of_an_overridden_parameter() -> None:
    facts = {
        "contract_type": "transfer",
        "contract_registered": True,
        "contract_amount": "5000000",
        "deal_party": "transferee",
        "district": "示例县",
    }
    comparison = XINING.compare(COUNTY, facts, "2022-06-30")
    row = next(r for r in comparison.rules if r.rule_id == "XN20-CONTRACT-BUYER")
    assert row.change == "changed"
    before, after = row.changed_parameters[0]
    assert (before.layer, after.layer) == ("xining", "example-county")
    assert "xn.contract.buyer_cap" in comparison.render()


@given(money, st.dates(min_value=date(2020, 8, 19), max_value=date(2026, 12, 31)))
def test_a_county_override_changes_answers_only_inside_its_territory_and_window(
    amount: Decimal, day: date
) -> None:
    facts = {
        "contract_type": "development",
        "contract_registered": True,
        "contract_amount": amount,
        "deal_party": "transferee",
        "district": "示例县",
    }
    city = XINING.evaluate("XN20-CONTRACT-BUYER", facts, day, explain=False)
    county = COUNTY.evaluate("XN20-CONTRACT-BUYER", facts, day, explain=False)
    raw = round_payable(amount * Decimal("0.03"))
    assert city.amount == min(raw, Decimal(100_000))
    if day < date(2022, 1, 1):
        assert county.amount == city.amount
    else:
        assert county.amount == min(raw, Decimal(150_000))
        assert (county.amount != city.amount) == (raw > 100_000)


@given(
    st.lists(money, min_size=3, max_size=3),
    st.integers(2021, 2024),
    st.integers(2021, 2025),
)
def test_pilot_support_never_exceeds_the_cumulative_cap(
    rd: list[Decimal], first: int, year: int
) -> None:
    facts = {
        "new_pilot_platform": True,
        "pilot_first_support_year": first,
        "pilot_rd_investment": {first - 1: rd[0], first: rd[1], first + 1: rd[2]},
    }
    results = [
        XINING.evaluate("XN20-PILOT", facts, date(y, 6, 30), explain=False)
        for y in (first, first + 1, first + 2)
    ]
    assert [r.status for r in results] == [Status.ELIGIBLE, Status.ELIGIBLE, Status.INELIGIBLE]
    paid = [r.amount for r in results[:2]]
    assert all(p is not None for p in paid)
    total = sum(p for p in paid if p is not None)
    assert total <= Decimal(4_000_000)
    assert paid[0] == round_payable(min(rd[0] * Decimal("0.1"), Decimal(4_000_000)))
    if year < first:
        assert XINING.evaluate("XN20-PILOT", facts, date(year, 6, 30)).status is Status.INELIGIBLE


@given(money, st.sampled_from(["城东区", "城中区", "湟中区"]))
def test_refined_shares_add_up_exactly(rd: Decimal, district: str) -> None:
    facts = {
        "imported_technology_effective": True,
        "transfer_project_rd_total": rd,
        "tax_paid": {2018: "9000000", 2019: "9000000", 2020: "9000000"},
        "district": district,
    }
    result = XINING.evaluate("QH20-TECH-INTRO", facts, "2021-06-30", explain=False)
    assert result.amount is not None
    assert sum(s.amount for s in result.shares) == result.amount
    roles = [(s.role, s.part_of) for s in result.shares]
    assert roles == [("province", None), ("city", "prefecture"), ("district", "prefecture")]
    assert result.shares[2].payer == district
