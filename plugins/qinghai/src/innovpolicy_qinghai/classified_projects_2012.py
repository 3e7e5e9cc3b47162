"""青科发计字[2012]221号 《青海省涉密科研计划项目保密管理暂行规定》 (QH-SECRECY).

Issuer: 青海省科学技术厅. The compendium copy carries no date or start clause; the
number places it in 2012, and we take 2012-01-01 as the start of its window.

第三条: top secret ≤ 30 years, secret ≤ 20, confidential ≤ 10; a period of one year
or more is counted in years, a shorter one in months, from the marked issue date
(or the date the level and period were notified). The rule checks a proposed
period against its level's ceiling (a period of a year or more must also be whole
years, which ``period_end`` enforces: the criteria have no test of divisibility); ``period_end`` gives the last day, ``change_request_by`` the last day to
ask for a change (第六条(三) "应当在保密期限届满前3个月提出申请"), and
``needs_yearly_review`` whether items classified more than 5 years are reviewed
every year (第九条). Items are declassified automatically when the period ends.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from dateutil.relativedelta import relativedelta

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

Reading = Literal["civil_code", "inclusive_start"]  # as CertificateTerm's readings

DOCUMENT = Document(
    key="qkfjz-2012-221",
    number="青科发计字[2012]221号",
    title_zh="青海省涉密科研计划项目保密管理暂行规定",
    title_en="Qinghai interim provisions on the confidentiality of classified plan projects",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2012, 1, 1),
    dates_note="No date in the source; 2012-01-01 assumed from the document number.",
)

W_PERIODS = "绝密级事项不超过三十年,机密级事项不超过二十年,秘密级事项不超过十年"
PERIODS = a.Citation(DOCUMENT, "第三条", W_PERIODS)

FACTS = (
    FactSpec(
        "secrecy_level",
        "text",
        "classification level",
        choices=("top_secret", "secret", "confidential"),
    ),
    FactSpec(
        "secrecy_period_months",
        "integer",
        "proposed confidentiality period in months (12 × years when a year or more)",
        "months",
        Decimal(1),
    ),
)

PARAMETERS = tuple(
    a.constant(
        f"qh.secrecy.max_months.{level}",
        years * 12,
        citation=PERIODS,
        unit="months",
        description=f"longest period, {level.replace('_', ' ')}",
    )
    for level, years in (("top_secret", 30), ("secret", 20), ("confidential", 10))
)


def _level(level: str, wording: str) -> a.Criterion:
    return a.is_one_of(
        "secrecy_level", (level,), label=level.replace("_", " "), wording=wording, article="第三条"
    )


SECRECY = Rule(
    id="QH-SECRECY",
    kind="condition",
    title_en="Confidentiality period of a classified plan project",
    title_zh="涉密科研计划项目保密期限",
    citation=PERIODS,
    criteria=a.at_most(
        a.fact("secrecy_period_months"),
        a.cases(
            (_level("top_secret", "绝密级"), a.param("qh.secrecy.max_months.top_secret")),
            (_level("secret", "机密级"), a.param("qh.secrecy.max_months.secret")),
            (_level("confidential", "秘密级"), a.param("qh.secrecy.max_months.confidential")),
        ),
        label="proposed period (months), at most the longest of its level",
        wording=W_PERIODS,
        article="第三条",
    ),
    readings=(
        "A period of a year or more is stated in whole years (以年计): the fact asks 12 × the "
        "years; the rule checks the level's ceiling only, and period_end refuses a period of a "
        "year or more that is not whole years (18 months).",
        "Periods run from the marked issue date like a Civil-Code period: the issue day is not "
        "counted and the period ends on the anniversary; counting the issue day as the first "
        "day ends it a day earlier: period_end(..., reading='inclusive_start').",
    ),
)

CHANGE_NOTICE_MONTHS = 3  # 第六条(三) 应当在保密期限届满前3个月提出申请
REVIEW_AFTER_YEARS = 5  # 第九条 每年对保密期限超过5年的保密项目…进行…评议和审查


def period_end(start: date, months: int, reading: Reading = "civil_code") -> date:
    """Last day of a period starting on *start* (the marked issue or notification date).

    Periods of a year or more are whole years (第三条 "以年计"); shorter ones months.
    "自标明的制发日起算" is read like a Civil-Code period (the issue day not counted, the
    last day the corresponding day, 29 February → 28 February); ``reading="inclusive_start"``
    counts the issue day as the first day, so the period ends a day earlier.
    """
    if months >= 12:
        if months % 12:
            raise ValueError(
                f"a period of a year or more is counted in whole years, got {months} months"
            )
        end = start + relativedelta(years=months // 12)
    else:
        end = start + relativedelta(months=months)
    return end - relativedelta(days=1) if reading == "inclusive_start" else end


def change_request_by(start: date, months: int, reading: Reading = "civil_code") -> date:
    """Last day to request a change of level or period: 3 months before the period ends."""
    return period_end(start, months, reading) - relativedelta(months=CHANGE_NOTICE_MONTHS)


def needs_yearly_review(months: int) -> bool:
    """Items with a period over 5 years are reviewed every year (超过5年 is strict)."""
    return months > REVIEW_AFTER_YEARS * 12


RULES = (SECRECY,)
