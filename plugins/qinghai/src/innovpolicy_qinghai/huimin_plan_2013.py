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

第三十三条 has its own grounds of failed acceptance, which differ from 167号
第三十七条: no 85% test but "没有达到项目主要考核指标", an unresolved dispute, a delay
that fails only "无正当理由且未经批准" (no good reason and no approval) at half a year
or more, and the financial grounds of 第三十三条(二)5 and 6. They are
``ACCEPTANCE_GROUNDS``, the 惠民 branch of QH-ACCEPTANCE (fact ``plan_kind``).
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
        "main_targets_met",
        "boolean",
        "the project reached its main assessment targets (主要考核指标)",
    ),
    FactSpec(
        "unresolved_dispute",
        "boolean",
        "a dispute over the implementation or the results is still unresolved",
    ),
    FactSpec("overdue_good_reason", "boolean", "the delay has a good reason (正当理由)"),
    FactSpec("overdue_approved", "boolean", "the delay was approved"),
    FactSpec(
        "financial_violation",
        "boolean",
        "funds transferred against the rules, false accounting records, budget not executed or "
        "adjusted as required, false commitments or other-source funds not in place, or another "
        "breach of national financial discipline (第三十三条(二)6)",
    ),
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

W_FAIL = "凡具有下列情况之一,为不通过验收"
A33 = f"{DOCUMENT.number} 第三十三条(二)"

ACCEPTANCE_PARAMETERS = (
    a.constant(
        "qh.huimin.acceptance.overdue_months",
        6,
        citation=a.Citation(
            DOCUMENT,
            "第三十三条(二)",
            "无正当理由且未经批准,超过规定的执行期限半年以上仍未完成项目任务",
        ),
        unit="months",
        description="months overdue from which a delay without good reason or approval fails",
    ),
)

PARAMETERS = (*PARAMETERS, *ACCEPTANCE_PARAMETERS)

ACCEPTANCE_GROUNDS = a.all_of(
    a.is_true(
        "main_targets_met",
        label="main assessment targets reached",
        wording="没有达到项目主要考核指标",
        article=f"{A33}1",
    ),
    a.not_(
        a.is_true(
            "false_documents",
            label="false documents",
            wording="所提供的验收文件、资料、数据不真实,存在弄虚作假",
            article=f"{A33}2",
        )
    ),
    a.not_(
        a.is_true(
            "unresolved_dispute",
            label="unresolved dispute",
            wording="实施过程及结果等存在纠纷尚未解决",
            article=f"{A33}3",
        )
    ),
    a.not_(
        a.all_of(
            a.at_least(
                "months_overdue",
                a.param("qh.huimin.acceptance.overdue_months"),
                label="months overdue",
                wording="超过规定的执行期限半年以上仍未完成项目任务",
                article=f"{A33}4",
            ),
            a.not_(
                a.is_true(
                    "overdue_good_reason",
                    label="good reason for the delay",
                    wording="无正当理由",
                    article=f"{A33}4",
                )
            ),
            a.not_(
                a.is_true(
                    "overdue_approved",
                    label="delay approved",
                    wording="未经批准",
                    article=f"{A33}4",
                )
            ),
            label="half a year or more overdue, without good reason and without approval",
        ),
        label="not overdue without good reason or approval",
    ),
    a.not_(
        a.is_true(
            "serious_fund_misuse",
            label="serious problems in the use of funds",
            wording="经费使用存在严重问题",
            article=f"{A33}5",
        )
    ),
    a.not_(
        a.is_true(
            "financial_violation",
            label="other financial violations",
            wording="违反规定转拨、转移专项经费;提供虚假财务会计资料;未按规定执行和调整预算;"
            "虚假承诺、其他来源资金不到位;其他违反国家财经纪律的行为",
            article=f"{A33}6",
        )
    ),
    label="no ground of failure of 41号 第三十三条",
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
