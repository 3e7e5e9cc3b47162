"""Readings a layer selects by one override. XN20-REWARD-SHARE: 总额 is the net income by
default; xn.reward_share.main_basis = 2 reads it as the reward paid to researchers
(docs/readings.md). XN20-PILOT: xn.pilot.years sets how many years are supported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import innovpolicy_qinghai
import innovpolicy_xining

import innovpolicy
from innovpolicy import Citation, Document, Layer, Status
from innovpolicy import authoring as a

DOC = Document(
    "xn-reading-2021", "测试解释(2021)", "条文解释(测试)", "Reading notice (test)", "市科技局(测试)",
    date(2020, 8, 19),
)  # fmt: skip
FACTS = {
    "transformation_net_income": "1000000",
    "reward_to_researchers": "700000",
    "reward_to_main_contributors": "490000",
}


def test_main_contributors_share_is_of_the_net_income_by_default() -> None:
    xining = innovpolicy.load("xining")
    assert xining.evaluate("XN20-REWARD-SHARE", FACTS, "2021-06-30").status is Status.INELIGIBLE
    more = {**FACTS, "reward_to_main_contributors": "700000"}
    assert xining.evaluate("XN20-REWARD-SHARE", more, "2021-06-30").status is Status.ELIGIBLE


def _overridden(
    key: str, value: int, wording: str, unit: str = "reading"
) -> innovpolicy.Jurisdiction:
    """Xining with a reading layer on top that overrides parameter *key*."""
    override = a.constant(
        key, value, citation=Citation(DOC, "一", wording), description="reading", unit=unit
    )
    layer = Layer(
        code="xining-reading", name_zh="解释", name_en="Reading", parent="xining",
        documents=(DOC,), overrides=(override,),
    )  # fmt: skip
    return innovpolicy.load(
        "xining-reading", plugins=[innovpolicy_qinghai, innovpolicy_xining, layer]
    )


def test_the_other_reading_is_one_override_away() -> None:
    other = _overridden("xn.reward_share.main_basis", 2, "总额指奖励科研人员总额(测试用)")
    assert other.evaluate("XN20-REWARD-SHARE", FACTS, "2021-06-30").status is Status.ELIGIBLE
    less = {**FACTS, "reward_to_main_contributors": "489999"}
    assert other.evaluate("XN20-REWARD-SHARE", less, "2021-06-30").status is Status.INELIGIBLE


def test_an_overridden_cap_is_shown_beside_its_own_citation_not_the_parents_quote() -> None:
    county_doc = Document(
        "county-2021", "某县文(2021)1号", "某县措施(测试)", "County measure (test)", "某县",
        date(2021, 1, 1),
    )  # fmt: skip
    own = Citation(county_doc, "第二条", "单个项目最高不超过8万元(测试用)")
    override = a.constant(
        "xn.contract.broker_cap", a.wan(8), citation=own, description="cap", unit="CNY"
    )
    layer = Layer(
        code="county-test", name_zh="某县", name_en="County", parent="xining",
        documents=(county_doc,), overrides=(override,),
    )  # fmt: skip
    county = innovpolicy.load(
        "county-test", plugins=[innovpolicy_qinghai, innovpolicy_xining, layer]
    )
    facts = {"contract_type": "transfer", "contract_registered": True,
             "contract_amount": "9000000", "brokered": True, "district": "某县"}  # fmt: skip
    result = county.evaluate("XN20-CONTRACT-BROKER", facts, "2021-06-30")
    cap = next(line for line in result.render().splitlines() if "cap per project" in line)
    assert "= 80000" in cap and "「单个项目最高不超过8万元(测试用)」" in cap
    assert "单个项目最高不超过5万元" not in cap and "set by county-test" in cap
    step = result.to_dict()["amount_steps"]["children"][1]
    assert step["wording"] == "单个项目最高不超过8万元(测试用)"
    city = innovpolicy.load("xining").evaluate("XN20-CONTRACT-BROKER", facts, "2021-06-30")
    assert city.to_dict()["amount_steps"]["children"][1]["wording"] == "单个项目最高不超过5万元"


def test_a_layer_lengthening_the_pilot_support_pays_the_added_year() -> None:
    """XN20-PILOT's criteria and amount read the same xn.pilot.years: a layer that
    overrides it to 3 pays a third year (it was paid 0 while the criteria passed)."""
    longer = _overridden("xn.pilot.years", 3, "连续三年给予资金支持(测试用)", unit="years")
    facts = {
        "new_pilot_platform": True,
        "pilot_first_support_year": 2021,
        "pilot_rd_investment": {2020: "1000000", 2021: "2000000", 2022: "3000000"},
    }
    third = longer.evaluate("XN20-PILOT", facts, "2023-06-30")
    assert third.status is Status.ELIGIBLE
    assert third.amount == Decimal("300000.00")  # 10% of R&D in 2022, under the cap
    city = innovpolicy.load("xining").evaluate("XN20-PILOT", facts, "2023-06-30")
    assert city.status is Status.INELIGIBLE  # two years in the city's own text


def test_a_milestone_reached_before_the_measures_counts_under_the_other_reading() -> None:
    """XN20-GROWTH 成长为: by default the entity became the type on or after 2020-08-19;
    xn.growth.reached_from_start = 0 lets an earlier milestone count (docs/readings.md)."""
    facts = {
        "joint_entity": True,
        "growth_milestone": "high_tech",
        "growth_milestone_date": "2015-11-30",
        "district": "城东区",
    }
    city = innovpolicy.load("xining").evaluate("XN20-GROWTH", facts, "2021-06-30")
    assert city.status is Status.INELIGIBLE
    other = _overridden("xn.growth.reached_from_start", 0, "此前成长的也予奖励(测试用)")
    earlier = other.evaluate("XN20-GROWTH", facts, "2021-06-30")
    assert earlier.status is Status.ELIGIBLE and earlier.amount == Decimal("300000.00")


def test_an_older_alliance_counts_as_new_under_the_other_reading() -> None:
    """XN20-ALLIANCE 新建: by default founded on or after 2020-08-19;
    xn.alliance.founded_years_before_start = 1 admits a year before (docs/readings.md)."""
    facts = {"alliance_founded": "2019-08-19", "alliance_rated_excellent": True}
    city = innovpolicy.load("xining").evaluate("XN20-ALLIANCE", facts, "2021-06-30")
    assert city.status is Status.INELIGIBLE
    other = _overridden(
        "xn.alliance.founded_years_before_start", 1, "新建含施行前一年内成立的(测试用)", "years"
    )
    assert other.evaluate("XN20-ALLIANCE", facts, "2021-06-30").amount == Decimal("100000.00")
    older = {**facts, "alliance_founded": "2019-08-18"}
    assert other.evaluate("XN20-ALLIANCE", older, "2021-06-30").status is Status.INELIGIBLE
