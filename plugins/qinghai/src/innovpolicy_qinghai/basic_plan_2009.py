"""青科发计字[2009]168号 《青海省基本科技计划管理暂行办法》.

Issuer: 青海省科学技术厅, 2009 (signed 2009-09-01 like 167号; in force from
publication). Its recusal grounds (第六条) and grounds of failed acceptance
(第十九条) are those of 167号 and are encoded once there (QH-RECUSAL,
QH-ACCEPTANCE); this module holds what differs for the basic plan.
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
MIDTERM_MIN_YEARS = 2  # 第十四条 实施周期在两年以上的项目,必须进行中期评估
PANEL_MIN = 5  # 第十八条 组织5名以上专家对项目进行验收


def midterm_required(period_years: int) -> bool:
    """A mid-term evaluation is required for a period of two years or more (两年以上)."""
    return period_years >= MIDTERM_MIN_YEARS


def panel_ok(experts: int) -> bool:
    """An acceptance panel of 5 or more experts (5名以上)."""
    return experts >= PANEL_MIN


RULES: tuple[()] = ()
