"""青科发计字[2009]167号 《青海省重大科技专项计划管理暂行办法》.

Issuer: 青海省科学技术厅; cover letter dated 2009-09-01; in force from publication
(第四十四条 "本办法自发布之日起施行").

Rules here:

* QH-MAJOR-SELECT (第十一条, 第十二条): the undertaker's conditions; the way it is
  chosen is ``selection_method`` (≥ 3 capable candidates → public tender; exactly 2
  → merit selection by experts; 1 clearly superior → directed commission).
* QH-RECUSAL (第十三条; 青科发计字[2009]168号 第六条 has the same list): an expert
  may serve only if none of the five grounds applies.
* QH-ACCEPTANCE (第三十七条): a project passes unless one ground of failure applies.
  Basic-plan projects (``plan_kind`` = "basic") are judged on 168号 第二十一条, the same
  thresholds in that document's own wording (``basic_plan_2009.ACCEPTANCE_GROUNDS``).
  Science-for-people (惠民) projects have their own grounds (青科发农社字[2013]41号
  第三十三条, ``huimin_plan_2013.ACCEPTANCE_GROUNDS``), selected by ``plan_kind`` = "huimin".

Procedure limits (第二十四条, 第三十二条, 第三十五条, 第三十八条, 第三十九条) are the
helpers at the end; the basic plan's differences live in ``basic_plan_2009``.

Readings chosen:

* 第十三条㈢ "在两年内与被咨询单位有合作成果": two years counted like a Civil-Code
  period from the result's date, the last day included (以内 includes the number; the
  last day is the anniversary, 29 February → 28 February): the expert recuses through
  the second anniversary and may serve from the day after.
* 第三十七条 "超过…执行年限半年以上未完成,并且事先未做出说明": fails when six months
  or more have passed since the contracted end without completion and without a
  prior explanation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

from . import basic_plan_2009, huimin_plan_2013

DOCUMENT = Document(
    key="qkfjz-2009-167",
    number="青科发计字[2009]167号",
    title_zh="青海省重大科技专项计划管理暂行办法",
    title_en="Qinghai interim measures for major S&T special projects",
    issuer_zh="青海省科学技术厅",
    issued=date(2009, 9, 1),
    effective_from=date(2009, 9, 1),
    dates_note="In force from publication (第四十四条); cover letter dated 2009-09-01.",
)

W_UNDERTAKER = "在青海省内注册、具有较强科研能力和条件、运行管理规范、具有独立法人资格的内资或内资控股企业、事业单位、科研院所、高等院校等"
W_RECUSAL = "有以下情形的专家,应当回避"
W_FAIL = "凡具有下列情况的,为不通过验收"

UNDERTAKER = a.Citation(DOCUMENT, "第十二条", W_UNDERTAKER)
RECUSAL_C = a.Citation(DOCUMENT, "第十三条", W_RECUSAL)
FAIL = a.Citation(DOCUMENT, "第三十七条", W_FAIL)

_Z = Decimal(0)
FACTS = (
    FactSpec(
        "domestic_or_domestic_controlled",
        "boolean",
        "domestic or domestic-controlled (内资或内资控股)",
    ),
    FactSpec("expert_employed_by_applicant", "boolean", "the applicant is the expert's employer"),
    FactSpec(
        "interest_relation_with_expert_unit",
        "boolean",
        "the consulted unit has an interest relation with the expert's unit",
    ),
    FactSpec(
        "last_joint_result_date",
        "date",
        "date of the expert's last joint result with the consulted unit",
    ),
    FactSpec(
        "direct_relative_of_project_leader",
        "boolean",
        "direct relative of the project leader or a main researcher",
    ),
    FactSpec(
        "other_relation_affecting_fairness",
        "boolean",
        "any other relation that may affect fairness",
    ),
    FactSpec(
        "targets_completed_share",
        "decimal",
        "share of the project's targets completed",
        "ratio",
        _Z,
    ),
    FactSpec("false_documents", "boolean", "acceptance documents, materials or data are false"),
    FactSpec(
        "unapproved_change",
        "boolean",
        "undertaker, leader, targets, content or technical route changed without approval",
    ),
    FactSpec(
        "months_overdue",
        "integer",
        "months past the contracted end without completion",
        "months",
        _Z,
    ),
    FactSpec("overdue_explained_in_advance", "boolean", "the delay was explained in advance"),
    FactSpec("serious_fund_misuse", "boolean", "serious problems in the use of funds"),
)

PARAMETERS = (
    a.constant(
        "qh.recusal.joint_result_years",
        2,
        citation=a.Citation(DOCUMENT, "第十三条㈢", "在两年内与被咨询单位有合作成果"),
        unit="years",
        description="look-back period for joint results",
    ),
    a.constant(
        "qh.acceptance.min_completion",
        "0.85",
        citation=a.Citation(DOCUMENT, "第三十七条", "项目/课题目标任务完成不到85%的"),
        unit="ratio",
        description="share of targets below which a project fails",
    ),
    a.constant(
        "qh.acceptance.overdue_months",
        6,
        citation=a.Citation(
            DOCUMENT,
            "第三十七条",
            "超过项目/课题批复或合同规定的执行年限半年以上未完成,并且事先未做出说明",
        ),
        unit="months",
        description="months overdue from which an unexplained delay fails",
    ),
)

MAJOR_SELECT = Rule(
    id="QH-MAJOR-SELECT",
    kind="designation",
    title_en="Undertaker of a major S&T project",
    title_zh="重大科技专项项目承担单位条件",
    citation=UNDERTAKER,
    criteria=a.all_of(
        a.is_true(
            "registered_in_qinghai",
            label="registered in Qinghai",
            wording="在青海省内注册",
            article="第十二条㈠",
        ),
        a.is_true(
            "independent_legal_person",
            label="independent legal person",
            wording="具有独立法人资格",
            article="第十二条㈠",
        ),
        a.is_true(
            "domestic_or_domestic_controlled",
            label="domestic or domestic-controlled",
            wording="内资或内资控股",
            article="第十二条㈠",
        ),
    ),
    readings=(
        "The way the undertaker is chosen is selection_method(); the qualitative conditions "
        "(第十二条㈡-㈥) are for the experts.",
    ),
)

RECUSAL = Rule(
    id="QH-RECUSAL",
    kind="condition",
    title_en="Expert free of recusal grounds",
    title_zh="评审专家回避",
    citation=RECUSAL_C,
    criteria=a.all_of(
        a.not_(
            a.is_true(
                "expert_employed_by_applicant",
                label="applicant is the expert's employer",
                wording="项目/课题申报单位是专家所在工作单位",
                article="第十三条㈠",
            )
        ),
        a.not_(
            a.is_true(
                "interest_relation_with_expert_unit",
                label="interest relation with the expert's unit",
                wording="被咨询单位与专家所在单位有利益关系",
                article="第十三条㈡",
            )
        ),
        a.if_(
            a.is_true(
                "had_joint_results",
                label="has had joint results with the consulted unit",
                wording="与被咨询单位有合作成果",
                article="第十三条㈢",
            ),
            a.more_than(
                a.evaluation_date(),
                a.years_after("last_joint_result_date", a.param("qh.recusal.joint_result_years")),
                label="after the two years from the last joint result",
                wording="在两年内与被咨询单位有合作成果",
                article="第十三条㈢",
                reading="recusal within two years, the last day included (以内, Civil-Code "
                "count: the anniversary), so serving needs a date after it",
            ),
            label="no joint result within two years",
        ),
        a.not_(
            a.is_true(
                "direct_relative_of_project_leader",
                label="direct relative of the leader or a main researcher",
                wording="与项目/课题负责人或项目/课题主要研究人员存在直系亲属关系",
                article="第十三条㈣",
            )
        ),
        a.not_(
            a.is_true(
                "other_relation_affecting_fairness",
                label="other relation affecting fairness",
                wording="与项目/课题申报单位或被咨询对象有其它可能影响公正的关系",
                article="第十三条㈤",
            )
        ),
        label="none of the recusal grounds",
    ),
    readings=(
        "ELIGIBLE means the expert may serve; 青科发计字[2009]168号 第六条 lists the same grounds.",
    ),
)

_MAJOR_GROUNDS = a.all_of(
    a.at_least(
        "targets_completed_share",
        a.param("qh.acceptance.min_completion"),
        label="share of targets completed",
        wording="项目/课题目标任务完成不到85%的",
        article="第三十七条㈡1",
        reading="failure below 85% (不到 <), so passing needs ≥ 85%",
    ),
    a.not_(
        a.is_true(
            "false_documents",
            label="false documents",
            wording="所提供的验收文件、资料、数据不真实,存在弄虚作假",
            article="第三十七条㈡2",
        )
    ),
    a.not_(
        a.is_true(
            "unapproved_change",
            label="unapproved change",
            wording="未经申请或批准,项目/课题承担单位、负责人、考核目标、研究内容、技术路线等发生变更",
            article="第三十七条㈡3",
        )
    ),
    a.not_(
        a.all_of(
            a.at_least(
                "months_overdue",
                a.param("qh.acceptance.overdue_months"),
                label="months overdue",
                wording="超过项目/课题批复或合同规定的执行年限半年以上未完成",
                article="第三十七条㈡4",
            ),
            a.not_(
                a.is_true(
                    "overdue_explained_in_advance",
                    label="explained in advance",
                    wording="事先未做出说明",
                    article="第三十七条㈡4",
                )
            ),
            label="six months or more overdue without prior explanation",
        ),
        label="not overdue without explanation",
    ),
    a.not_(
        a.is_true(
            "serious_fund_misuse",
            label="serious misuse of funds",
            wording="经费使用存在严重问题",
            article="第三十七条㈡5",
        )
    ),
    label="no ground of failure of 167号 第三十七条",
)

_GENERAL_GROUNDS = a.if_(
    basic_plan_2009.IS_BASIC,
    basic_plan_2009.ACCEPTANCE_GROUNDS,
    _MAJOR_GROUNDS,
    label="grounds of failure of the basic or the major plan",
)

ACCEPTANCE_2009 = Rule(
    id="QH-ACCEPTANCE",
    kind="condition",
    title_en="Project acceptance: no ground of failure",
    title_zh="科技计划项目验收",
    citation=FAIL,
    criteria=_GENERAL_GROUNDS,
    valid_to=date(2012, 12, 31),
    readings=(
        "ELIGIBLE means the project passes acceptance. Major-plan projects are judged on 167号 "
        "第三十七条, basic-plan projects (plan_kind = basic) on 168号 第二十一条: the same "
        "grounds and thresholds, each cited in its own document's wording. From 2013 "
        "science-for-people projects have their own (青科发农社字[2013]41号 第三十三条).",
    ),
)

ACCEPTANCE = Rule(
    id="QH-ACCEPTANCE",
    kind="condition",
    title_en="Project acceptance: no ground of failure",
    title_zh="科技计划项目验收",
    citation=FAIL,
    criteria=a.if_(
        a.is_one_of(
            "plan_kind",
            ("huimin",),
            label="a science-for-people (惠民) project",
            wording="项目验收分为通过验收和不通过验收",
            article=f"{huimin_plan_2013.DOCUMENT.number} 第三十三条",
        ),
        huimin_plan_2013.ACCEPTANCE_GROUNDS,
        _GENERAL_GROUNDS,
        label="grounds of failure of the project's plan",
    ),
    valid_from=huimin_plan_2013.DOCUMENT.effective_from,
    readings=(
        "ELIGIBLE means the project passes acceptance. Major-plan projects are judged on 167号 "
        "第三十七条, basic-plan projects (plan_kind = basic) on 168号 第二十一条: the same "
        "grounds and thresholds, each cited in its own document's wording. Science-for-people "
        "projects (plan_kind = huimin) are judged on 41号 第三十三条: main targets instead of "
        "85%, unresolved disputes, a delay failing only without good reason and without "
        "approval, and its financial grounds.",
    ),
)

FACTS = (
    *FACTS,
    FactSpec(
        "had_joint_results", "boolean", "the expert has had joint results with the consulted unit"
    ),
    FactSpec(
        "plan_kind",
        "text",
        "the plan the project belongs to: major (167号), basic (168号) or science-for-people "
        "(惠民, 青科发农社字[2013]41号)",
        choices=("major", "basic", "huimin"),
    ),
)

# ---------------------------------------------------------------- QH-ACCEPTANCE-ANNUAL-REPORT
# 第二十三条, a declared part of QH-ACCEPTANCE (CATALOG section E).

W_ANNUAL = "于每年11月15日前上报各业务部门…执行期在当年度不足三个月的项目/课题可在下一年度一并上报"
ANNUAL_C = a.Citation(DOCUMENT, "第二十三条", W_ANNUAL)
PARAMETERS = (
    *PARAMETERS,
    a.constant(
        "qh.major.annual_report_strict",
        0,
        ANNUAL_C,
        "'11月15日前': 0 = on or before 15 November (default reading), 1 = strictly before",
        "reading",
    ),
)
FACTS = (
    *FACTS,
    FactSpec("project_start_date", "date", "date the project's execution began"),
    FactSpec("annual_report_date", "date", "date the annual report of the year was submitted"),
)

ANNUAL_REPORT = Rule(
    id="QH-ACCEPTANCE-ANNUAL-REPORT",
    kind="condition",
    title_en="Annual report of a major project by 15 November (part of QH-ACCEPTANCE)",
    title_zh="重大专项年度报告",
    citation=ANNUAL_C,
    criteria=a.if_(
        a.at_least(
            a.fact("project_start_date"),
            a.day_of_evaluation_year(10, 2),
            label="execution began on or after 2 October of this year (under three months in it)",
            wording="执行期在当年度不足三个月的项目/课题可在下一年度一并上报",
            article="第二十三条",
            reading="a project begun on 1 October has three months in the year; from 2 October, "
            "fewer (不足 <)",
        ),
        a.at_most(
            a.fact("project_start_date"),
            a.day_of_evaluation_year(12, 31),
            label="begun this year, so this year's report joins next year's",
            wording="可在下一年度一并上报",
            article="第二十三条",
        ),
        a.all_of(
            a.if_(
                a.compare(
                    a.param("qh.major.annual_report_strict"),
                    "==",
                    1,
                    label="reading: 前 is strictly before (qh.major.annual_report_strict)",
                    wording="于每年11月15日前上报各业务部门",
                    article="第二十三条",
                    reading="a switch between two readings, not a threshold",
                ),
                a.less_than(
                    a.fact("annual_report_date"),
                    a.day_of_evaluation_year(11, 15),
                    label="report submitted before 15 November of this year",
                    wording="于每年11月15日前上报各业务部门",
                    article="第二十三条",
                    reading="前 read as strictly before",
                ),
                a.at_most(
                    a.fact("annual_report_date"),
                    a.day_of_evaluation_year(11, 15),
                    label="report submitted by 15 November of this year",
                    wording="于每年11月15日前上报各业务部门",
                    article="第二十三条",
                    reading="前 read as on or before the day",
                ),
                label="report on time",
            ),
            a.at_least(
                a.fact("annual_report_date"),
                a.day_of_evaluation_year(1, 1),
                label="report of this year",
                wording="年度计划执行情况报告",
                article="第二十三条",
            ),
        ),
        label="this year's report on time, unless the project ran under three months in it",
    ),
    readings=(
        "The evaluation date names the year. A project that began on or after 2 October of "
        "that year ran under three months in it and reports with the next year.",
        "'11月15日前': on or before 15 November; override qh.major.annual_report_strict to 1 for "
        "'strictly before'.",
    ),
)

ACCEPTANCE_APPLICATION = a.Deadline(
    wording="应在规定执行期结束后三个月内组织验收", article="第三十二条", months=3
)
RE_REVIEW = a.Deadline(
    wording="应在首次验收后的半年内…再次提出验收申请。若未再提出申请…视同不通过验收",
    article="第三十八条",
    months=6,
)
VIOLATION_BAR = a.Bar(
    years=3,
    wording="因违反有关政策法规和科技计划管理制度未通过验收的,取消其三年内承担科技计划项目的资格",
    article="第三十九条",
)
MIDTERM_MIN_YEARS = 3  # 第二十四条 实施周期在三年以上的项目,必须进行中期评估
PANEL_MIN = 7  # 第三十五条 验收专家组一般由7名以上单数专家组成


def selection_method(capable_candidates: int, clearly_superior: bool = False) -> str:
    """第十一条: ≥ 3 candidates → "public_tender"; 2 → "merit_selection"; 1 clearly superior →
    "directed_commission"; otherwise no method applies (ValueError).

    ㈠ "有3个以上承担者可供选择、能引起有效竞争的…原则上应采取招标方式" is read as three or more
    capable candidates making effective competition; three that cannot compete fall under
    none of ㈠–㈢ (㈡ names two), and 原则上 leaves that case to the department: the helper
    does not model it."""
    if capable_candidates >= 3:
        return "public_tender"
    if capable_candidates == 2:
        return "merit_selection"
    if capable_candidates == 1 and clearly_superior:
        return "directed_commission"
    raise ValueError(
        f"capable_candidates={capable_candidates}, clearly_superior={clearly_superior}: 第十一条 gives no method"
    )


def midterm_required(period_years: int) -> bool:
    """A mid-term evaluation is required for a period of three years or more (三年以上)."""
    return period_years >= MIDTERM_MIN_YEARS


def panel_ok(experts: int) -> bool:
    """An acceptance panel of 7 or more experts, an odd number (7名以上单数)."""
    return experts >= PANEL_MIN and experts % 2 == 1


RULES = (MAJOR_SELECT, RECUSAL, ACCEPTANCE_2009, ACCEPTANCE, ANNUAL_REPORT)
