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


def test_review_b_readings_are_printed_with_the_answers() -> None:
    # each reading the lead asked to state (D1-D5) is in the rule's readings, so every
    # explanation prints it (docs/readings.md gives the same, en and zh)
    expected = {
        "QH20-PLATFORM": "is read as the encouragement the subsidy serves, not a condition",
        "QH20-NATIONAL-LAB": "'新认定' sets no date from which a recognition counts",
        "QH20-HTE-NEW": "'新认定' sets no date from which a certification counts",
        "QH20-TECH-INTRO": "Without the prefecture fact the amount and the verdict are the same",
        "QH20-RD-SUBSIDY": "is the one in force on the evaluation date",
        "QH20-ZONE-RANK": "The other reading (以上 covers both",
        "QH20-TT-COBUILT": "names who may be the partner",
    }
    for rule_id, words in expected.items():
        rule = QINGHAI.rule(rule_id, ON)
        assert any(words in reading for reading in rule.readings), rule_id
        zh = QINGHAI.evaluate(rule_id, {}, ON).render("zh")
        assert not any(words in line for line in zh.splitlines()), rule_id  # translated


def test_rd_subsidy_rate_follows_the_evaluation_date_not_the_tax_year() -> None:
    # a 2019 exemption: 10% when granted after 2020-08-19, 15% evaluated in 2019
    facts = {"is_high_tech_enterprise": True, "rd_super_deduction_exemption": "1000000"}
    assert QINGHAI.evaluate("QH20-RD-SUBSIDY", facts, "2020-09-01").amount == 100000
    assert QINGHAI.evaluate("QH20-RD-SUBSIDY", facts, "2019-12-31").amount == 150000


RATE_QUOTES = {
    "QH20-TECH-INTRO": "择优按转移转化项目研发总投入的20%",
    "QH20-FIRST-PURCHASE": "按照成交金额的10%给予补助",
    "QH20-TT-AGENCY": "按服务技术交易和科技成果转化年营业收入20%",
    "QH20-TT-COBUILT": "按共建机构技术转移营业收入的20%",
    "QH20-DEAL-LOCAL": "分别给予成果出让方和成果受让方各20％的财政资金补助",
    "QH20-DEAL-IMPORT": "给予成果受让方20％的财政资金补助",
    "QH20-SHARING": "按其上年度实际服务的创新券总额的30%给予奖励补助",
}


def test_rate_steps_quote_their_own_passage() -> None:
    # review B F5: a rate step quotes the words of its rate, not the whole passage
    from innovpolicy.authoring import RateOf

    for rule_id, quote in RATE_QUOTES.items():
        rule = QINGHAI.rule(rule_id, ON)
        assert rule.amount is not None
        rates = [f for f in rule.amount.walk() if isinstance(f, RateOf)]
        assert [f.wording for f in rates] == [quote], rule_id
        assert quote in rule.citation.wording, rule_id  # verbatim within the cited passage
