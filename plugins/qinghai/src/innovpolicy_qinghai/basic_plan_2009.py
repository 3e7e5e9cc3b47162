"""青科发计字[2009]168号 《青海省基本科技计划管理暂行办法》.

Issuer: 青海省科学技术厅, 2009 (signed 2009-09-01 like 167号; in force from
publication). Its recusal grounds (第六条) are those of 167号 and are encoded once
there (QH-RECUSAL). Its grounds of failed acceptance (第二十一条㈡) have the same
thresholds as 167号 第三十七条 but their own wording: ``ACCEPTANCE_GROUNDS`` is the
basic-plan branch of QH-ACCEPTANCE (fact ``plan_kind`` = "basic"), cited from this
document. This module holds what differs for the basic plan.
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfjz-2009-168",
    number="青科发计字[2009]168号",
    title_zh="青海省基本科技计划管理暂行办法",
    title_en="Qinghai interim measures for the basic S&T plan",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2009, 9, 1),
    dates_note="Signed with 167号 on 2009-09-01; in force from publication.",
)

ACCEPTANCE_APPLICATION = a.Deadline(
    wording="承担单位应在项目实施到期后3个月内…提交验收材料和验收申请", article="第十八条", months=3
)
VIOLATION_BAR = a.Bar(
    years=3,
    wording="因违反有关政策法规和科技计划管理制度未通过验收的,取消其三年内承担基本计划项目的资格",
    article="第二十三条",
)
A21 = f"{DOCUMENT.number} 第二十一条㈡"

PARAMETERS = (
    a.constant(
        "qh.basic.acceptance.min_completion",
        "0.85",
        citation=a.Citation(DOCUMENT, "第二十一条㈡", "项目、课题目标任务完成不到85%的"),
        unit="ratio",
        description="share of targets below which a basic-plan project fails",
    ),
    a.constant(
        "qh.basic.acceptance.overdue_months",
        6,
        citation=a.Citation(
            DOCUMENT,
            "第二十一条㈡",
            "超过项目合同书规定的执行年限半年以上未完成,并且事先未做出说明",
        ),
        unit="months",
        description="months overdue from which an unexplained delay fails a basic-plan project",
    ),
)

ACCEPTANCE_GROUNDS = a.all_of(
    a.at_least(
        "targets_completed_share",
        a.param("qh.basic.acceptance.min_completion"),
        label="share of targets completed",
        wording="项目、课题目标任务完成不到85%的",
        article=f"{A21}1",
        reading="failure below 85% (不到 <), so passing needs ≥ 85%",
    ),
    a.not_(
        a.is_true(
            "false_documents",
            label="false documents",
            wording="所提供的验收文件、资料、数据不真实,存在弄虚作假",
            article=f"{A21}2",
        )
    ),
    a.not_(
        a.is_true(
            "unapproved_change",
            label="unapproved change",
            wording="未经申请批准,项目承担单位、负责人、考核目标、研究内容、技术路线等发生变更",
            article=f"{A21}3",
        )
    ),
    a.not_(
        a.all_of(
            a.at_least(
                "months_overdue",
                a.param("qh.basic.acceptance.overdue_months"),
                label="months overdue",
                wording="超过项目合同书规定的执行年限半年以上未完成",
                article=f"{A21}4",
            ),
            a.not_(
                a.is_true(
                    "overdue_explained_in_advance",
                    label="explained in advance",
                    wording="事先未做出说明",
                    article=f"{A21}4",
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
            article=f"{A21}5",
        )
    ),
    label="no ground of failure of 168号 第二十一条",
)

IS_BASIC = a.is_one_of(
    "plan_kind",
    ("basic",),
    label="a basic-plan project (168号)",
    wording="青海省基本科技计划(以下简称“基本计划”)",
    article=f"{DOCUMENT.number} 第一条",
)

MIDTERM_MIN_YEARS = 2  # 第十四条 实施周期在两年以上的项目,必须进行中期评估
PANEL_MIN = 5  # 第十八条 组织5名以上专家对项目进行验收


def midterm_required(period_years: int) -> bool:
    """A mid-term evaluation is required for a period of two years or more (两年以上)."""
    return period_years >= MIDTERM_MIN_YEARS


def panel_ok(experts: int) -> bool:
    """An acceptance panel of 5 or more experts (5名以上)."""
    return experts >= PANEL_MIN


RULES: tuple[()] = ()
