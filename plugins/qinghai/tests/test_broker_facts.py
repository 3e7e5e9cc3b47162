"""QH-BROKER's facts follow 第十一条 (firm) and 第十二条 (company) apart: the company's
certificate holders are counted among its full-time brokers, and each kind has its own
pair of articles."""

from __future__ import annotations

import pytest

import innovpolicy
from innovpolicy import Status
from innovpolicy.exceptions import UnknownFactError

QINGHAI = innovpolicy.load("qinghai")
ON = "2021-06-30"
COMPANY = {
    "broker_applicant_kind": "company",
    "has_name_and_premises": True,
    "has_organisation_and_articles": True,
    "registered_capital": "100000",
    "fulltime_certificate_holders": 4,
}


def test_the_merged_articles_fact_is_refused_with_its_name() -> None:
    with pytest.raises(UnknownFactError, match="has_articles_and_rules"):
        QINGHAI.evaluate("QH-BROKER", {**COMPANY, "has_articles_and_rules": True}, ON)


def test_a_company_is_asked_for_full_time_holders_a_firm_for_all_staff() -> None:
    asked = {s.name for s in QINGHAI.facts_for("QH-BROKER")}
    assert {"certificate_holders", "fulltime_certificate_holders"} <= asked
    assert QINGHAI.evaluate("QH-BROKER", COMPANY, ON).status is Status.ELIGIBLE
    # four holders among all staff, one of them part-time (第十二条㈣ 专职经纪人员)
    part_time = {**COMPANY, "certificate_holders": 4, "fulltime_certificate_holders": 3}
    result = QINGHAI.evaluate("QH-BROKER", part_time, ON)
    assert result.status is Status.INELIGIBLE
    assert "专职经纪人员" in result.render()
    assert "专职经纪人员" in QINGHAI.fact_registry["fulltime_certificate_holders"].meaning
