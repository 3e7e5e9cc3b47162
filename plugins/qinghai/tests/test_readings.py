"""Every reading that changes a verdict or an amount is selectable: the default answer
and the other reading's answer, each through the public API (docs/readings.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import innovpolicy_qinghai

import innovpolicy
from innovpolicy import Citation, Document, Layer, Status
from innovpolicy import authoring as a

NOTICE_DOC = Document(
    "reading-notice-2021", "测试解释(2021)", "条文解释(测试)", "Reading notice (test)",
    "省科技厅(测试)", date(2020, 8, 19),
)  # fmt: skip
NOTICE = Citation(NOTICE_DOC, "一", "另一种理解(测试用)")
QINGHAI = innovpolicy.load("qinghai")
ON = "2021-06-30"


def _other(key: str, value: int | str, valid_to: date | None = None) -> innovpolicy.Jurisdiction:
    override = a.constant(
        key, value, citation=NOTICE, description="other reading", unit="reading",
        valid_to=valid_to,
    )  # fmt: skip
    layer = Layer(
        code="qinghai-reading", name_zh="解释", name_en="Reading", parent="qinghai",
        documents=(NOTICE_DOC,), overrides=(override,),
    )  # fmt: skip
    return innovpolicy.load("qinghai-reading", plugins=[innovpolicy_qinghai, layer])


ERC = {
    "registered_in_qinghai": True, "independent_legal_person": True, "rd_body_in_qinghai": True,
    "host_kind": "enterprise", "is_industry_leader": True,
    "is_agricultural_leading_enterprise": False, "agricultural_field": False,
    "sales_revenue": {2017: "100000000", 2018: "110000000", 2019: "121000000",
                      2020: "133100000"},
    "rd_expense": {2020: "4840000", 2019: "4400000", 2018: "3000000"},
    "senior_title_staff": 5, "technical_staff": 20, "max_technical_leader_age": 65,
    "director_age": 60, "facility_area": "1000", "equipment_value": "3000000",
    "national_projects_5y": 1, "provincial_projects_5y": 2, "st_awards_5y": 1, "rd_staff": 40,
    "research_funding": "2000000",
}  # fmt: skip


def test_erc_rd_latest_year_by_default_each_of_three_years_as_the_other_reading() -> None:
    # R&D 2018 = 3,000,000 is below 4% of sales 2017 (4,000,000) and below 5,000,000.
    assert QINGHAI.evaluate("QH-ERC", ERC, ON).status is Status.ELIGIBLE
    each = _other("qh.erc.rd_years", 3)
    assert each.evaluate("QH-ERC", ERC, ON).status is Status.INELIGIBLE
    fixed = {**ERC, "rd_expense": {2020: "4840000", 2019: "4400000", 2018: "4000000"}}
    assert each.evaluate("QH-ERC", fixed, ON).status is Status.ELIGIBLE


def test_erc_growth_three_rates_by_default_two_rates_as_the_other_reading() -> None:
    # 近三年…年增长率10%以上: 2018 over 2017 is 4.96%, outside the two-rate window.
    slow = {**ERC, "sales_revenue": {2017: "104800000", 2018: "110000000", 2019: "121000000",
                                     2020: "133100000"}}  # fmt: skip
    assert QINGHAI.evaluate("QH-ERC", slow, ON).status is Status.INELIGIBLE
    two = _other("qh.erc.growth_years", 2)
    assert two.evaluate("QH-ERC", slow, ON).status is Status.ELIGIBLE
    # a firm with three years of accounts: undetermined by default, decided under two rates
    three_years = {**ERC, "sales_revenue": {2018: "110000000", 2019: "121000000",
                                            2020: "133100000"}}  # fmt: skip
    default = QINGHAI.evaluate("QH-ERC", three_years, ON)
    assert default.status is Status.UNDETERMINED and default.missing == ("sales_revenue[2017]",)
    assert two.evaluate("QH-ERC", three_years, ON).status is Status.ELIGIBLE
    # both readings refuse a slow year inside the window
    slow_2019 = {**ERC, "sales_revenue": {2017: "100000000", 2018: "110000000",
                                          2019: "120000000", 2020: "133100000"}}  # fmt: skip
    assert two.evaluate("QH-ERC", slow_2019, ON).status is Status.INELIGIBLE
    assert QINGHAI.evaluate("QH-ERC", slow_2019, ON).status is Status.INELIGIBLE
    text = two.evaluate("QH-ERC", slow, ON).render()
    assert "reading: 近三年 covers the growth of Y-3 (qh.erc.growth_years): actual 2" in text


def test_erc_agricultural_area_replaces_the_general_area_unless_read_otherwise() -> None:
    agri = {**ERC, "agricultural_field": True, "lab_area": "300", "test_base_area": "100",
            "equipment_value": "1000000", "facility_area": "999"}  # fmt: skip
    assert QINGHAI.evaluate("QH-ERC", agri, ON).status is Status.ELIGIBLE
    both = _other("qh.erc.agri_also_general_area", 1)
    assert both.evaluate("QH-ERC", agri, ON).status is Status.INELIGIBLE
    assert both.evaluate("QH-ERC", {**agri, "facility_area": "1000"}, ON).eligible


def test_top500_highest_list_by_default_the_list_applied_under_otherwise() -> None:
    firm = {"independent_rd_institution_in_qinghai": True, "parent_fortune_global_500": True,
            "parent_china_500": True, "parent_china_private_500": False,
            "top500_list_claimed": "china"}  # fmt: skip
    assert QINGHAI.evaluate("QH20-TOP500-RD", firm, ON).amount == Decimal("5000000.00")
    claimed = _other("qh.top500.list_choice", 2)
    assert claimed.evaluate("QH20-TOP500-RD", firm, ON).amount == Decimal("4000000.00")
    wrong = {**firm, "top500_list_claimed": "private"}
    assert claimed.evaluate("QH20-TOP500-RD", wrong, ON).status is Status.INELIGIBLE


def test_horizontal_share_above_70_percent_is_permitted_unless_70_is_read_as_a_ceiling() -> None:
    facts = {"horizontal_balance": "100000", "horizontal_reward": "80000"}
    assert QINGHAI.evaluate("QH20-HORIZONTAL", facts, ON).status is Status.ELIGIBLE
    ceiling = _other("qh.horizontal.max_reward_share", "0.70")
    assert ceiling.evaluate("QH20-HORIZONTAL", facts, ON).status is Status.INELIGIBLE
    at = {"horizontal_balance": "100000", "horizontal_reward": "70000"}
    assert ceiling.evaluate("QH20-HORIZONTAL", at, ON).status is Status.ELIGIBLE


def test_an_override_is_explained_with_its_own_citation() -> None:
    ceiling = _other("qh.horizontal.max_reward_share", "0.70")
    text = ceiling.evaluate(
        "QH20-HORIZONTAL", {"horizontal_balance": "1", "horizontal_reward": "1"}, ON
    ).render()
    assert (
        "qh.horizontal.max_reward_share = 0.7 [set by qinghai-reading; 测试解释(2021) 一: " in text
    )
    assert "「另一种理解(测试用)」" in text


def test_annual_report_on_15_november_is_on_time_unless_read_strictly() -> None:
    facts = {"project_start_date": "2020-03-01", "annual_report_date": "2021-11-15"}
    rule = "QH-ACCEPTANCE-ANNUAL-REPORT"
    assert QINGHAI.evaluate(rule, facts, "2021-12-31").status is Status.ELIGIBLE
    strict = _other("qh.major.annual_report_strict", 1)
    assert strict.evaluate(rule, facts, "2021-12-31").status is Status.INELIGIBLE
    early = {**facts, "annual_report_date": "2021-11-14"}
    assert strict.evaluate(rule, early, "2021-12-31").status is Status.ELIGIBLE


VC = {
    "corporate_vc": True, "target_seed_or_early_tech": True, "vc_investment": "1000000",
    "vc_investment_date": "2017-09-01", "vc_deducted_before": "100000",
    "vc_taxable_income": {2021: "500000"},
}  # fmt: skip


def test_vc_deduction_year_from_2020_by_default_earlier_remainders_carry_otherwise() -> None:
    # two full years reached on 2019-09-01: a deduction year before the measures
    assert QINGHAI.evaluate("QH20-VC", VC, ON).status is Status.INELIGIBLE
    carried = _other("qh.vc.deduction_years_from_2020", 0).evaluate("QH20-VC", VC, ON)
    assert carried.status is Status.ELIGIBLE
    assert carried.amount == Decimal("500000.00")  # 700,000 - 100,000 left, income 500,000


def test_incubator_tax_park_must_be_national_or_provincial_unless_any_level_is_read() -> None:
    park = {"incubator_kind": "other_university_science_park"}
    assert QINGHAI.evaluate("QH20-INCUBATOR-TAX", park, ON).status is Status.INELIGIBLE
    # (an override stays inside the default's window, which is the exemption's own)
    any_level = _other("qh.incubator_tax.any_level_park", 1, valid_to=date(2021, 12, 31))
    assert any_level.evaluate("QH20-INCUBATOR-TAX", park, ON).status is Status.ELIGIBLE
    for kind in ("national_university_science_park", "provincial_university_science_park"):
        facts = {"incubator_kind": kind}
        assert QINGHAI.evaluate("QH20-INCUBATOR-TAX", facts, ON).status is Status.ELIGIBLE
        assert any_level.evaluate("QH20-INCUBATOR-TAX", facts, ON).status is Status.ELIGIBLE
    # the other reading widens the parks only: another kind of carrier stays outside
    other = {"incubator_kind": "other"}
    assert any_level.evaluate("QH20-INCUBATOR-TAX", other, ON).status is Status.INELIGIBLE


def test_platform_landing_is_an_encouragement_unless_read_as_a_condition() -> None:
    # 鼓励国内外科技成果转化平台落地青海，对促成不低于3项科技成果在省内转化的…平台 (二、(五))
    outside = {"achievements_transformed": 3, "transaction_volume": "10000000",
               "platform_landed_in_qinghai": False}  # fmt: skip
    default = QINGHAI.evaluate("QH20-PLATFORM", outside, ON)
    assert default.status is Status.ELIGIBLE and default.amount == Decimal("150000.00")
    must_land = _other("qh.platform.must_land", 1)
    assert must_land.evaluate("QH20-PLATFORM", outside, ON).status is Status.INELIGIBLE
    landed = {**outside, "platform_landed_in_qinghai": True}
    assert must_land.evaluate("QH20-PLATFORM", landed, ON).amount == Decimal("150000.00")
    unknown = {k: v for k, v in outside.items() if k != "platform_landed_in_qinghai"}
    assert QINGHAI.evaluate("QH20-PLATFORM", unknown, ON).status is Status.ELIGIBLE
    asked = must_land.evaluate("QH20-PLATFORM", unknown, ON)
    assert asked.status is Status.UNDETERMINED
    assert asked.missing == ("platform_landed_in_qinghai",)


STAWARD_PARTNER = {
    "st_award_kind": "international_cooperation", "foreign_citizen_or_organisation": True,
    "ip_or_authorship_dispute": False, "needs_licence": False, "achievement_registered": False,
    "previous_nomination_outcome": "none", "nominated_by_prefecture": True,
    "local_second_prize_or_higher": False,
}  # fmt: skip


def test_staward_project_bars_apply_to_every_award_unless_limited_to_progress_awards() -> None:
    # 第二十九条 (项目) and 第三十二条 (成果) for a foreign partner honoured for training people
    usual = QINGHAI.evaluate("QH-STAWARD", STAWARD_PARTNER, ON)
    assert usual.status is Status.INELIGIBLE
    limited = _other("qh.staward.project_bars_all_awards", 0)
    partner = limited.evaluate("QH-STAWARD", STAWARD_PARTNER, ON)
    assert partner.status is Status.ELIGIBLE and partner.amount == Decimal("0.00")
    assert "qh.staward.project_bars_all_awards" in partner.render()
    # a progress award is barred under both readings
    progress = {
        **STAWARD_PARTNER, "st_award_kind": "progress_third", "award_persons": 1,
        "award_units": 1, "government_department_among_units": False, "years_applied": 1,
    }  # fmt: skip
    for stack in (QINGHAI, limited):
        assert stack.evaluate("QH-STAWARD", progress, ON).status is Status.INELIGIBLE
    # and asks the achievement's registration of it, not of the partner
    unknown = {k: v for k, v in progress.items() if k != "achievement_registered"}
    unknown["local_second_prize_or_higher"] = True
    assert "achievement_registered" in limited.evaluate("QH-STAWARD", unknown, ON).missing
    partner_unknown = {k: v for k, v in STAWARD_PARTNER.items() if k != "achievement_registered"}
    assert (
        "achievement_registered" not in limited.evaluate("QH-STAWARD", partner_unknown, ON).missing
    )
