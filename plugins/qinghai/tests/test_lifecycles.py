"""Date arithmetic the Qinghai texts prescribe: terms, windows, bars, deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from innovpolicy_qinghai import (
    classified_projects_2012,
    innovative_enterprise_2008,
    patent_award_2013,
    rd_appraisal_2010,
    tech_based_enterprise_2014,
    tech_contract_registration_2013,
)


def test_tech_based_enterprise_certificate_and_fraud_bar() -> None:
    term = tech_based_enterprise_2014.TERM
    assert term.expires(date(2017, 8, 31)) == date(2019, 8, 31)
    assert term.expires(date(2017, 8, 31), reading="inclusive_start") == date(2019, 8, 30)
    assert term.renewal_window(date(2017, 8, 31)) == (date(2019, 5, 31), date(2019, 8, 31))
    bar = tech_based_enterprise_2014.FRAUD_BAR
    assert bar.barred_on(date(2018, 1, 15), date(2020, 1, 15))
    assert not bar.barred_on(date(2018, 1, 15), date(2020, 1, 16))


def test_patent_award_money_must_be_collected_within_two_months() -> None:
    collection = patent_award_2013.COLLECTION
    assert collection.last_day(date(2021, 6, 30)) == date(2021, 8, 30)
    assert collection.last_day(date(2021, 12, 31)) == date(2022, 2, 28)
    assert not collection.met(date(2021, 6, 30), date(2021, 8, 31))


def test_innovative_enterprise_review_every_two_years() -> None:
    assert innovative_enterprise_2008.EVALUATION_CYCLE.last_day(date(2019, 3, 1)) == date(
        2021, 3, 1
    )


def test_working_day_limits_skip_weekends_and_given_holidays() -> None:
    limit = rd_appraisal_2010.OPINION_DEADLINE
    assert limit.last_day(date(2021, 6, 4)) == date(2021, 6, 25)  # Friday + 15 working days
    dragon_boat = frozenset({date(2021, 6, 14)})
    assert limit.last_day(date(2021, 6, 4), holidays=dragon_boat) == date(2021, 6, 28)
    quarter = tech_contract_registration_2013.QUARTERLY_REPORT
    assert quarter.last_day(date(2021, 3, 31)) == date(2021, 4, 14)
    monthly = tech_contract_registration_2013.MONTHLY_CHANGES
    assert monthly.met(date(2021, 4, 30), date(2021, 5, 7))
    assert not monthly.met(date(2021, 4, 30), date(2021, 5, 8))
    assert monthly.last_day(date(2021, 4, 30), workdays=frozenset({date(2021, 5, 2)})) == date(
        2021, 5, 6
    )


@pytest.mark.parametrize(
    ("experts", "technical", "ok"),
    [(3, 0, True), (5, 3, True), (5, 2, False), (2, 2, False), (6, 6, False), (4, 1, True)],
)
def test_appraisal_panels(experts: int, technical: int, ok: bool) -> None:
    assert rd_appraisal_2010.panel_ok(experts, technical) is ok


def test_secrecy_periods_count_years_or_months() -> None:
    assert classified_projects_2012.period_end(date(2016, 2, 29), 120) == date(2026, 2, 28)
    assert classified_projects_2012.period_end(date(2016, 1, 31), 6) == date(2016, 7, 31)
    assert classified_projects_2012.change_request_by(date(2016, 1, 31), 120) == date(2025, 10, 31)
    with pytest.raises(ValueError, match="whole years"):
        classified_projects_2012.period_end(date(2016, 1, 1), 18)
    assert classified_projects_2012.needs_yearly_review(61)
    assert not classified_projects_2012.needs_yearly_review(60)


def test_major_project_procedure() -> None:
    from innovpolicy_qinghai import basic_plan_2009, major_projects_2009

    assert major_projects_2009.selection_method(3) == "public_tender"
    assert major_projects_2009.selection_method(2) == "merit_selection"
    assert major_projects_2009.selection_method(1, clearly_superior=True) == "directed_commission"
    with pytest.raises(ValueError, match="capable_candidates=1"):
        major_projects_2009.selection_method(1)
    assert major_projects_2009.midterm_required(3) and not major_projects_2009.midterm_required(2)
    assert basic_plan_2009.midterm_required(2) and not basic_plan_2009.midterm_required(1)
    assert major_projects_2009.panel_ok(7) and not major_projects_2009.panel_ok(8)
    assert not major_projects_2009.panel_ok(5)
    assert basic_plan_2009.panel_ok(5) and not basic_plan_2009.panel_ok(4)
    assert major_projects_2009.RE_REVIEW.last_day(date(2021, 8, 31)) == date(2022, 2, 28)
    assert major_projects_2009.VIOLATION_BAR.barred_on(date(2020, 5, 1), date(2023, 5, 1))
    assert major_projects_2009.ACCEPTANCE_APPLICATION.met(date(2021, 3, 31), date(2021, 6, 30))


def test_st_award_committee_procedure() -> None:
    from innovpolicy_qinghai import st_awards_2010 as st

    assert st.vote_passes(25, 20, 14)  # 4/5 present exactly, 14/20 ≥ 2/3
    assert not st.vote_passes(25, 19, 19)  # quorum missed by one
    assert st.vote_passes(15, 12, 8)  # exactly 2/3 (含三分之二)
    assert not st.vote_passes(15, 12, 7)
    with pytest.raises(ValueError, match="inconsistent"):
        st.vote_passes(10, 11, 5)
    assert st.quotas_ok({"progress_first": 5, "progress_second": 10, "progress_third": 15})
    assert not st.quotas_ok({"progress_first": 6})
    assert not st.quotas_ok({"major_contribution": 2})
    assert st.online_panel_ok(10, 3) and not st.online_panel_ok(10, 2)
    deadline = st.OBJECTION_WINDOW.last_day(date(2021, 9, 1))
    assert deadline == date(2021, 10, 1)
    assert st.objection_outcome(deadline, date(2021, 10, 16)) == "this_year"
    assert st.objection_outcome(deadline, date(2021, 10, 17)) == "next_year"
    assert st.objection_outcome(deadline, date(2022, 10, 2)) == "renominate"


def test_registration_and_park_deadlines() -> None:
    from innovpolicy_qinghai import (
        achievement_registration_2001,
        agricultural_parks_2002,
        huimin_plan_2013,
    )

    assert achievement_registration_2001.FORMAL_CHECK.last_day(date(2021, 6, 30)) == date(
        2021, 7, 9
    )
    assert agricultural_parks_2002.annual_report_by(2021) == date(2022, 1, 31)
    assert agricultural_parks_2002.RE_EVALUATION.last_day(date(2020, 5, 1)) == date(2022, 5, 1)
    assert huimin_plan_2013.REPEAT_FAILURE_BAR.barred_on(date(2020, 1, 1), date(2022, 12, 31))


def test_platform_lifecycles() -> None:
    from innovpolicy_qinghai import engineering_centre_2013 as erc
    from innovpolicy_qinghai import key_laboratory_2009 as kl

    assert erc.CONSTRUCTION_PERIOD.last_day(date(2019, 8, 31)) == date(2021, 8, 31)
    assert erc.EVALUATION_CYCLE.last_day(date(2020, 1, 1)) == date(2022, 1, 1)
    assert erc.revoked_after_evaluations([True, False, False])
    assert not erc.revoked_after_evaluations([False, True, False])
    assert erc.BAD_CREDIT_BAR.barred_on(date(2020, 3, 1), date(2023, 3, 1))
    assert kl.EVALUATION_CYCLE.last_day(date(2020, 6, 30)) == date(2023, 6, 30)
    assert kl.forfeited_for_missing_reports([False, True, True])
    assert not kl.forfeited_for_missing_reports([True, False, True])
