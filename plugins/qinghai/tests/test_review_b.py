"""Findings of review B (青办字〔2020〕76号 against the code), where a scenario file
cannot say it: the finder's subjects and what they imply, and printed readings."""

from __future__ import annotations

from datetime import date

import innovpolicy
from innovpolicy import Status

QINGHAI = innovpolicy.load("qinghai")
ON = date(2021, 6, 30)


def _finder_status(facts: dict[str, object], subject: str, rule_id: str) -> Status:
    summary = QINGHAI.find(facts, ON, subject=subject, rule_ids=[rule_id])
    (result,) = summary.results
    return result.status


COBUILT = {
    "cobuilt_agency_partner": True,
    "cobuilt_agency_serves_qinghai": True,
    "cobuilt_agency_revenue": "1000000",
}


def test_cobuilt_partner_kind_follows_from_a_university_or_institute_applicant() -> None:
    # 支持国内外高校、科研机构和技术转移服务机构…共建服务机构 (二、(四))
    for subject in ("university", "research_institute"):
        assert _finder_status(COBUILT, subject, "QH20-TT-COBUILT") is Status.ELIGIBLE, subject
    # a firm or a platform says which kind it is (a technology-transfer agency or not)
    firm = _finder_status(COBUILT, "enterprise", "QH20-TT-COBUILT")
    assert firm is Status.UNDETERMINED
    agency = {**COBUILT, "cobuilt_partner_kind": "tt_agency"}
    assert _finder_status(agency, "platform", "QH20-TT-COBUILT") is Status.ELIGIBLE
    other = {**COBUILT, "cobuilt_partner_kind": "other"}
    assert _finder_status(other, "enterprise", "QH20-TT-COBUILT") is Status.INELIGIBLE


def test_payers_the_text_names_and_the_sister_rules_of_the_same_passage() -> None:
    # 四、(十一) 「省级科技专项经费」: the text names the province's money
    split = QINGHAI.rule("QH20-ZONE-RANK", ON).split
    assert split is not None
    assert [p.role for p in split.payers] == ["province"]
    assert split.wording == "省级科技专项经费"
    # NATIONAL-TALENT shares ACADEMICIAN's sentence and 责任单位, SHARING shares
    # NATIONAL-LAB's paragraph and 责任单位: the same payer and the same reading
    for rule_id, sister in (
        ("QH20-NATIONAL-TALENT", "QH20-ACADEMICIAN"),
        ("QH20-SHARING", "QH20-NATIONAL-LAB"),
    ):
        rule, other = QINGHAI.rule(rule_id, ON), QINGHAI.rule(sister, ON)
        assert rule.split == other.split, rule_id
        assert any("names no payer" in reading for reading in rule.readings), rule_id


def _listed(facts: dict[str, object], subject: str, rule_id: str) -> bool:
    summary = QINGHAI.find(facts, ON, subject=subject)
    return rule_id in {r.rule_id for r in summary.incentives}


def test_applicants_the_text_allows_are_offered_the_rule() -> None:
    # 对我省采购方…给予补助: a buyer in the province of any kind
    purchase = {
        "registered_in_qinghai": True,
        "first_purchase_product": True,
        "purchase_amount": "1000000",
    }
    for subject in ("enterprise", "university", "research_institute", "government"):
        assert _listed(purchase, subject, "QH20-FIRST-PURCHASE"), subject
    # 省级新型研发机构 are often registered as companies
    institution = {"rated_new_rd_institution": True}
    for subject in ("research_institute", "enterprise"):
        assert _listed(institution, subject, "QH20-NEW-RD-INST"), subject


def test_a_young_team_gets_the_young_ceiling_of_vouchers() -> None:
    # 注册成立不满3年的创新创业企业和团队每年度累计发放不超过5万元
    team = {"registration_date": "2019-07-01"}
    assert _listed(team, "individual", "QH20-VOUCHER")
    summary = QINGHAI.find(team, ON, subject="individual", rule_ids=["QH20-VOUCHER"])
    (result,) = summary.results
    assert result.status is Status.ELIGIBLE
    assert result.amount_range is not None and result.amount_range.high == 50000
