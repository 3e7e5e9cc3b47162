"""青科发高新字[2010]93号 《青海省企业研究开发费用税前加计扣除项目鉴定办法(试行)》 (QH-RD-APPRAISAL).

Issuers: 青海省科学技术厅, 青海省国税局, 青海省地税局; cover letter dated 2010-06-02;
in force from publication (第十三条 "本办法自发布之日起施行").

The rule answers which appraisal a disputed R&D project gets (第八条): a meeting
appraisal (ELIGIBLE) when one project's budget or actual cost is 1,000,000 or
more ("100万元以上(含100万元)"), a written appraisal (INELIGIBLE) below, both
counted without government plan funding ("以上研发费用均不含…财政投入部分"): one figure,
``appraisal_fiscal_funding``, is deducted from both; where the fiscal part of the budget
and that of the actual cost differ, the caller gives both net and the figure as 0. The panel (第九条) is checked by
``panel_ok`` and the 15-working-day limit (第十一条) is ``OPINION_DEADLINE``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfgx-2010-93",
    number="青科发高新字[2010]93号",
    title_zh="青海省企业研究开发费用税前加计扣除项目鉴定办法(试行)",
    title_en="Qinghai measures for appraising projects of the R&D super-deduction (trial)",
    issuer_zh="青海省科学技术厅、青海省国税局、青海省地税局",
    issued=date(2010, 6, 2),
    effective_from=date(2010, 6, 2),
    dates_note="In force from publication (第十三条); cover letter dated 2010-06-02.",
)

W_MODE = (
    "单个项目预算或实际发生费用在100万元以上(含100万元)的,采取会议鉴定方式…;单个项目预算或实际发生费用在100万元以下的,"
    "采取书面鉴定方式…以上研发费用均不含列入国家或省、市级科技计划项目的财政投入部分"
)
MODE = a.Citation(DOCUMENT, "第八条", W_MODE)

_Z = Decimal(0)
FACTS = (
    FactSpec("appraisal_project_budget", "decimal", "budget of the R&D project", "CNY", _Z),
    FactSpec(
        "appraisal_project_actual", "decimal", "actual cost of the R&D project so far", "CNY", _Z
    ),
    FactSpec(
        "appraisal_fiscal_funding",
        "decimal",
        "government plan funding included in those figures (excluded from the test)",
        "CNY",
        _Z,
    ),
)

PARAMETERS = (
    a.constant(
        "qh.rd_appraisal.meeting_threshold",
        a.wan(100),
        citation=MODE,
        unit="CNY",
        description="budget or cost from which a meeting appraisal is held",
    ),
)

_own = "excluding government plan funding"
RD_APPRAISAL = Rule(
    id="QH-RD-APPRAISAL",
    kind="condition",
    title_en="R&D super-deduction project appraisal: meeting appraisal required",
    title_zh="研究开发费用加计扣除项目会议鉴定",
    citation=MODE,
    criteria=a.any_of(
        a.at_least(
            a.minus(a.fact("appraisal_project_budget"), a.fact("appraisal_fiscal_funding")),
            a.param("qh.rd_appraisal.meeting_threshold"),
            label=f"project budget, {_own}",
            wording="单个项目预算…在100万元以上(含100万元)",
            article="第八条",
        ),
        a.at_least(
            a.minus(a.fact("appraisal_project_actual"), a.fact("appraisal_fiscal_funding")),
            a.param("qh.rd_appraisal.meeting_threshold"),
            label=f"actual cost, {_own}",
            wording="实际发生费用在100万元以上(含100万元)",
            article="第八条",
        ),
        label="budget or actual cost of 1,000,000 or more",
    ),
    readings=(
        "ELIGIBLE means a meeting appraisal; INELIGIBLE a written appraisal.",
        "One plan-funding figure (appraisal_fiscal_funding) is deducted from the budget and "
        "from the actual cost alike; where the fiscal parts of the two differ, give both figures "
        "net of their own fiscal part and appraisal_fiscal_funding = 0.",
    ),
)

OPINION_DEADLINE = a.WorkingDayDeadline(
    15,
    wording="在收到企业报送的全部、有效材料后,应在15个工作日内完成鉴定工作并出具鉴定意见",
    article="第十一条",
)


def panel_ok(experts: int, technical_experts: int) -> bool:
    """第九条 "鉴定专家组由3-5名专家组成,由5名专家组成的科技专家不少于3人"."""
    if not 3 <= experts <= 5 or not 0 <= technical_experts <= experts:
        return False
    return experts != 5 or technical_experts >= 3


RULES = (RD_APPRAISAL,)
