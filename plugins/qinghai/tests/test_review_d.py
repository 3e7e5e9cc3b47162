"""Findings of review D (awards, patents, finance and procedure against the text),
where a scenario file cannot say it: the finder, labels and explanations."""

from __future__ import annotations

from datetime import date

import innovpolicy
from innovpolicy import Status

QINGHAI = innovpolicy.load("qinghai")

VOLUME = {
    "patent_award_kind": "application_volume",
    "applicant_in_qinghai": True,
    "infringement_finding": False,
    "abnormal_applications": False,
    "patent_applications": {2020: 60},
    "invention_applications": {2020: 0},
}


def _finder_status(facts: dict[str, object], on: date, subject: str, rule_id: str) -> Status:
    summary = QINGHAI.find(facts, on, subject=subject, rule_ids=[rule_id])
    (result,) = summary.results
    return result.status


def test_patent_volume_award_is_not_for_a_natural_person_in_the_finder() -> None:
    on = date(2021, 2, 1)
    assert _finder_status(VOLUME, on, "individual", "QH-PATENT-AWARD") is Status.INELIGIBLE
    assert _finder_status(VOLUME, on, "enterprise", "QH-PATENT-AWARD") is Status.ELIGIBLE
    branches = QINGHAI.branches("QH-PATENT-AWARD")["patent_award_kind"]
    assert "patent_applicant_kind" in branches["application_volume"]
    assert "patent_applicant_kind" not in branches["invention_grant"]
    assert "patent_applicant_kind" not in branches["china_patent_gold"]


def test_staward_licence_bar_asks_both_conjuncts_of_article_28() -> None:
    from innovpolicy import _i18n

    meaning = QINGHAI.fact_registry["needs_licence"].meaning
    assert "licence required by law" in meaning
    assert "personal and social safety or the public interest" in meaning
    chinese = _i18n.meaning("needs_licence", "", "zh")
    assert "必须取得有关许可证" in chinese and "直接关系到人身和社会安全、公共利益" in chinese
    (node,) = [
        c
        for c in QINGHAI.rule("QH-STAWARD").criteria.walk()
        if c.fact_names() == ("needs_licence",)
    ]
    assert node.wording == (
        "法律、行政法规规定必须取得有关许可证,且直接关系到人身和社会安全、公共利益的成果"
    )


ACCEPTANCE = {
    "plan_kind": "basic",
    "targets_completed_share": "0.84",
    "false_documents": False,
    "unapproved_change": False,
    "months_overdue": 0,
    "overdue_explained_in_advance": False,
    "serious_fund_misuse": False,
}


def test_basic_plan_acceptance_is_explained_from_168_article_21() -> None:
    for on in ("2011-06-30", "2018-06-30"):  # the 2009 version and the one from 2013
        result = QINGHAI.evaluate("QH-ACCEPTANCE", ACCEPTANCE, on)
        assert result.status is Status.INELIGIBLE
        text = result.render()
        assert (
            "share of targets completed: actual 0.84, required >= 0.85 — 「项目、课题目标任务完成不到"
            "85%的」 (青科发计字[2009]168号 第二十一条㈡1)" in text
        )
        assert "第三十七条" not in text.split("Criteria:")[1].split("Reading:")[0]
        keys = [p.key for p in result.parameters]
        assert keys == ["qh.basic.acceptance.min_completion", "qh.basic.acceptance.overdue_months"]
        major = QINGHAI.evaluate("QH-ACCEPTANCE", {**ACCEPTANCE, "plan_kind": "major"}, on)
        assert "「项目/课题目标任务完成不到85%的」 (第三十七条㈡1)" in major.render()
        assert "168号 第二十一条㈡" not in major.render().split("Reading:")[0]


def test_chinese_labels_say_what_the_rules_test() -> None:
    from innovpolicy import _i18n

    # the annual report: begun on 1 October still reports this year (10月2日及以后 is exempt)
    report = QINGHAI.evaluate(
        "QH-ACCEPTANCE-ANNUAL-REPORT",
        {"project_start_date": "2019-10-01", "annual_report_date": "2019-11-15"},
        "2019-12-01",
    ).render(lang="zh")
    assert "[✗] 本年度10月2日及以后开始执行（当年度执行期不足三个月）：实际 2019-10-01" in report
    assert "10月1日以后" not in report
    # 168号 is the 基本(科技)计划, not a 基础(研究)计划
    assert "基本计划（基本科技计划，168号）" in _i18n.meaning("plan_kind", "", "zh")
    acceptance = QINGHAI.evaluate("QH-ACCEPTANCE", ACCEPTANCE, "2018-06-30").render(lang="zh")
    assert "基本计划项目（plan_kind = basic）" in acceptance and "基础计划" not in acceptance
    # the seed's word is 利益关系 (167号 第十三条㈡)
    assert "利益关系" in _i18n.meaning("interest_relation_with_expert_unit", "", "zh")
    # QH-SHARING's use breakdown in Chinese
    sharing = QINGHAI.evaluate(
        "QH-SHARING",
        {"instrument_unit_value": 100000, "instrument_on_platform": True,
         "sharing_service_fees": 100000},
        "2018-01-01",
    ).render(lang="zh")  # fmt: skip
    for line in ("日常运行费 = 6000（100份中的40份）", "维修费用 = 4500", "机组人员业务费 = 4500"):
        assert line in sharing
    # the core's own step label of a use breakdown is in Chinese too
    assert "资金用途（非承担方分担） = 15000" in sharing and "used for" not in sharing


def test_tech_contract_exemption_is_offered_to_individuals() -> None:
    # 170号 四: "自然人(个人)、法人、其他组织" register contracts for the tax exemption
    assert "individual" in QINGHAI.subjects("QH-TECH-CONTRACT")
    summary = QINGHAI.find({}, date(2016, 6, 30), subject="individual")
    assert "QH-TECH-CONTRACT" in {r.rule_id for r in summary.results}


def test_2017_report_note_gives_the_day_the_2020_measures_take_effect() -> None:
    from innovpolicy_qinghai import measures_2020, report_2017

    note = report_2017.DOCUMENT.dates_note
    assert "2020-08-19" in note and "take effect (2020-08-18)" not in note
    assert measures_2020.DOCUMENT.effective_from == date(2020, 8, 19)
    rule = QINGHAI.versions("QH20-RD-SUBSIDY")
    assert [v.valid_to for v in rule][:1] == [date(2020, 8, 18)]


def test_secrecy_period_counts_from_the_issue_day_either_way() -> None:
    from innovpolicy_qinghai import classified_projects_2012 as secrecy

    issued = date(2016, 2, 29)
    assert secrecy.period_end(issued, 120) == date(2026, 2, 28)  # Civil-Code count
    assert secrecy.period_end(issued, 120, "inclusive_start") == date(2026, 2, 27)
    assert secrecy.period_end(date(2016, 1, 31), 6, "inclusive_start") == date(2016, 7, 30)
    assert secrecy.change_request_by(date(2016, 1, 1), 120, "inclusive_start") == date(2025, 9, 30)


def test_review_d_readings_are_printed_with_the_answers() -> None:
    # each reading the review asked to state is in the rule's readings, so every
    # explanation of the rule prints it (docs/readings.md gives the same, en and zh)
    expected = {
        "QH-RD-APPRAISAL": "appraisal_fiscal_funding = 0",
        "QH-TECH-CONTRACT": "财税[2013]37号",
        "QH-SECRECY": "reading='inclusive_start'",
        "QH-STAWARD": "第二十七条–第三十二条",
        "QH-PATENT-AWARD": "法律状态稳定,无权属和侵权纠纷",
        "QH-IPO-REWARD": "认定…科技型企业50家",
    }
    for rule_id, words in expected.items():
        (version, *_) = reversed(QINGHAI.versions(rule_id))
        assert any(words in reading for reading in version.readings), rule_id
    secrecy = QINGHAI.evaluate(
        "QH-SECRECY", {"secrecy_level": "confidential", "secrecy_period_months": 18}, "2021-06-30"
    )
    assert "以年计" in secrecy.render() and "以年计" in secrecy.render(lang="zh")
