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
        c for c in QINGHAI.rule("QH-STAWARD").criteria.walk() if c.fact_names() == ("needs_licence",)
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
