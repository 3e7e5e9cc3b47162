"""Hypothesis properties of the Xining rules: caps, co-funding splits, layering."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import Status
from innovpolicy._values import round_payable

XINING = innovpolicy.load("xining")
QINGHAI = innovpolicy.load("qinghai")
ON = date(2021, 6, 30)
money = st.decimals(min_value=0, max_value=10**10, places=2)
districts = st.sampled_from(["城东区", "城中区", "城西区", "城北区", "湟中区", "大通县"])


@given(money, districts, st.sampled_from(["development", "transfer"]))
def test_buyer_subsidy_is_capped_and_co_funded_exactly(
    amount: Decimal, district: str, kind: str
) -> None:
    facts = {
        "contract_type": kind,
        "contract_registered": True,
        "contract_amount": amount,
        "deal_party": "transferee",
        "district": district,
    }
    result = XINING.evaluate("XN20-CONTRACT-BUYER", facts, ON, explain=False)
    assert result.amount == round_payable(min(amount * Decimal("0.03"), Decimal(100_000)))
    city, local = result.shares
    assert city.amount + local.amount == result.amount
    assert city.amount >= local.amount  # 市与园区(县区)按不低于1:1
    assert city.amount - local.amount <= Decimal("0.01")
    assert local.payer == district


@given(money, districts)
def test_broker_subsidy_is_capped_per_project(amount: Decimal, district: str) -> None:
    facts = {
        "contract_type": "transfer",
        "contract_registered": True,
        "contract_amount": amount,
        "brokered": True,
        "applicant_is_broker": True,
        "district": district,
    }
    result = XINING.evaluate("XN20-CONTRACT-BROKER", facts, ON, explain=False)
    assert result.amount is not None and result.amount <= Decimal(50_000)
    assert result.amount <= round_payable(amount * Decimal("0.01"))
    assert sum(s.amount for s in result.shares) == result.amount


@given(st.sampled_from(["consulting", "service"]), money)
def test_only_development_and_transfer_contracts_qualify(kind: str, amount: Decimal) -> None:
    facts = {
        "contract_type": kind,
        "contract_registered": True,
        "contract_amount": amount,
        "brokered": True,
        "applicant_is_broker": True,
        "deal_party": "transferee",
    }
    for rule_id in ("XN20-CONTRACT-BUYER", "XN20-CONTRACT-BROKER"):
        assert XINING.evaluate(rule_id, facts, ON).status is Status.INELIGIBLE


@given(money, st.sampled_from(["development", "transfer"]), st.booleans(), st.booleans())
def test_each_contract_subsidy_pays_only_the_party_the_text_names(
    amount: Decimal, kind: str, brokered: bool, major: bool
) -> None:
    """对买方 / 给予买方: the buyer only; 对科技服务中介机构或技术经纪人: the broker only
    (review C, C1). The seller gets neither; the buyer of a brokered deal gets no broker
    subsidy; the broker gets no buyer subsidy."""
    deal = {
        "contract_type": kind,
        "contract_registered": True,
        "contract_amount": amount,
        "brokered": brokered,
        "major_deal_marked_effect": major,
        "district": "城北区",
    }
    seller = {**deal, "deal_party": "transferor", "applicant_is_broker": False}
    buyer = {**deal, "deal_party": "transferee", "applicant_is_broker": False}
    for rule_id in ("XN20-CONTRACT-BUYER", "XN20-CONTRACT-BROKER", "XN20-MAJOR-DEAL"):
        assert XINING.evaluate(rule_id, seller, ON).status is Status.INELIGIBLE
    assert XINING.evaluate("XN20-CONTRACT-BROKER", buyer, ON).status is Status.INELIGIBLE
    assert XINING.evaluate("XN20-CONTRACT-BUYER", buyer, ON).status is Status.ELIGIBLE
    broker = {**deal, "brokered": True, "applicant_is_broker": True}
    assert XINING.evaluate("XN20-CONTRACT-BROKER", broker, ON).status is Status.ELIGIBLE


@given(
    st.sampled_from(
        ["demonstration_base", "city_tech_based", "high_tech", "little_giant", "gazelle"]
    ),
    districts,
)
def test_growth_awards_match_the_text(milestone: str, district: str) -> None:
    expected = {
        "demonstration_base": 100_000,
        "city_tech_based": 100_000,
        "high_tech": 300_000,
        "little_giant": 400_000,
        "gazelle": 500_000,
    }[milestone]
    facts = {
        "joint_entity": True,
        "growth_milestone": milestone,
        "growth_milestone_date": "2021-01-05",
        "district": district,
    }
    result = XINING.evaluate("XN20-GROWTH", facts, ON)
    assert result.amount == Decimal(expected)
    assert [s.amount for s in result.shares] == [Decimal(expected) / 2] * 2


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "achievements_transformed": st.integers(0, 6),
            "transaction_volume": money,
            "is_high_tech_enterprise": st.booleans(),
            "rd_super_deduction_exemption": money,
            "imported_technology_effective": st.booleans(),
            "transfer_project_rd_total": money,
            "tax_paid": st.dictionaries(st.integers(2013, 2026), money),
            "horizontal_balance": money,
            "horizontal_reward": money,
            "district": districts,
        },
    ),
    st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 12, 31)),
)
def test_xining_changes_provincial_answers_only_where_its_text_says(
    facts: dict[str, object], day: date
) -> None:
    """Xining overrides no provincial parameter and supersedes no provincial rule. It
    changes provincial answers in one way only, from 2020-08-19: the prefecture's share
    of a cost-shared incentive is split city : district (paragraph 17). XN20-HORIZONTAL
    covers only fiscal projects managed as horizontal projects and leaves
    QH20-HORIZONTAL in force. Everything else answers exactly as in Qinghai."""
    for rule_id in QINGHAI.rule_ids():
        mine = XINING.evaluate(rule_id, facts, day)
        theirs = QINGHAI.evaluate(rule_id, facts, day)
        if theirs.shares and day >= date(2020, 8, 19):
            by_role = {s.role: s.amount for s in theirs.shares}
            refined = [s for s in mine.shares if s.part_of == "prefecture"]
            assert [s.role for s in refined] == ["city", "district"]
            assert sum(s.amount for s in refined) == by_role["prefecture"]
            assert abs(refined[0].amount - refined[1].amount) <= Decimal("0.01")
            assert sum(s.amount for s in mine.shares) == theirs.amount
            extra = {p.key for p in mine.parameters} - {p.key for p in theirs.parameters}
            assert extra == {"xn.matching.city_weight", "xn.matching.district_weight"}
            kept = tuple(p for p in mine.parameters if p.key not in extra)
            mine = attrs.evolve(mine, shares=theirs.shares, parameters=kept)
        assert attrs.evolve(mine, jurisdiction="qinghai") == theirs


def test_every_city_rule_has_a_citation_and_a_validity_window() -> None:
    for rule_id in XINING.rule_ids():
        for rule in XINING.versions(rule_id):
            assert rule.citation.document.number and rule.citation.article and rule.citation.wording
            assert rule.valid_from is not None
