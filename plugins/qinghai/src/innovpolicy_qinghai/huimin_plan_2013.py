"""青科发农社字[2013]41号 《青海省科技惠民计划管理办法(试行)》 (QH-HUIMIN-LEAD).

Issuers: 青海省科学技术厅, 青海省财政厅. In force from publication (第三十九条
"本办法自公布之日起施行"); the compendium copy carries no date, the number places it
in 2013 and we take 2013-01-01 as the start of its window.

第十四条(一): the lead unit is registered in Qinghai, an independent legal person,
and an enterprise must have been profitable for three consecutive years
("企业应连续三年盈利": net profit above zero in each of the three fiscal years
before the evaluation date). 第三十四条: a project that fails acceptance again
without good reason bars the organiser and the undertaker for three years
(``REPEAT_FAILURE_BAR``); rectification within three months (``RECTIFICATION``).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfnsz-2013-41",
    number="青科发农社字[2013]41号",
    title_zh="青海省科技惠民计划管理办法(试行)",
    title_en="Qinghai science-for-people plan measures (trial)",
    issuer_zh="青海省科学技术厅、青海省财政厅",
    effective_from=date(2013, 1, 1),
    dates_note="No date in the source; 2013-01-01 assumed from the document number.",
)

W_LEAD = "项目牵头单位在青海省注册,具有独立法人资格的企、事业单位,企业应连续三年盈利"
LEAD = a.Citation(DOCUMENT, "第十四条(一)", W_LEAD)

FACTS = (
    FactSpec(
        "net_profit",
        "decimal",
        "net profit of the fiscal year (negative for a loss)",
        "CNY",
        yearly=True,
    ),
)

PARAMETERS = (
    a.constant(
        "qh.huimin.min_profit",
        0,
        citation=LEAD,
        unit="CNY",
        description="profit that must be exceeded (盈利: a profit above zero)",
    ),
)

HUIMIN_LEAD = Rule(
    id="QH-HUIMIN-LEAD",
    kind="designation",
    title_en="Lead unit of a science-for-people project",
    title_zh="科技惠民计划项目牵头单位",
    citation=LEAD,
    criteria=a.all_of(
        a.is_true(
            "registered_in_qinghai",
            label="registered in Qinghai",
            wording="在青海省注册",
            article="第十四条(一)",
        ),
        a.is_true(
            "independent_legal_person",
            label="independent legal person",
            wording="具有独立法人资格",
            article="第十四条(一)",
        ),
        a.if_(
            a.is_one_of(
                "host_kind",
                ("enterprise",),
                label="an enterprise",
                wording="企业",
                article="第十四条(一)",
            ),
            a.all_of(
                *(
                    a.more_than(
                        a.prior_year("net_profit", back),
                        a.param("qh.huimin.min_profit"),
                        label=f"net profit in Y-{back}",
                        wording="企业应连续三年盈利",
                        article="第十四条(一)",
                        reading="盈利 means a profit above zero",
                    )
                    for back in (1, 2, 3)
                ),
                label="profitable three years running",
            ),
            label="enterprises: profitable three consecutive years",
        ),
    ),
)

RECTIFICATION = a.Deadline(
    wording="未通过验收的,基层组织单位应在接到通知起的三个月内,组织项目承担单位进行整改",
    article="第三十四条",
    months=3,
)
REPEAT_FAILURE_BAR = a.Bar(
    years=3,
    wording="仍未通过验收且无正当理由的,基层组织单位、项目承担单位三年内不得组织推荐和承担科技惠民计划项目",
    article="第三十四条",
)

RULES = (HUIMIN_LEAD,)
