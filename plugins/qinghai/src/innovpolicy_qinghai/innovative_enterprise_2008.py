"""青科发政字[2008]154号 《青海省创新型企业评定办法(试行)》 (QH-IE).

Issuers: 青海省科学技术厅 with 省经委, 省国资委 and 省总工会; cover letter dated
2008-11-19; in force from publication (第十一条).

Not a threshold test but a ranked score (第三条, 第四条, 第六条): four quantitative
indicators (R&D intensity, granted patents in force, new-product sales share,
labour productivity) and one qualitative score, the mean of three department
scores (S&T department; economic commission and SASAC jointly; trade union).
Applicants are ranked by total score and the top ones designated.

The text gives no weights and no scoring scale. The plugin does not pretend to
know them: the weights are parameters declared without a value
(``qh.ie.weight.*``), so the score is undetermined, with that reason, until the
evaluating departments' layer supplies them through ``overrides``. ``rank`` orders
evaluated applicants by score. Designation and review every two years (第八条) are
``EVALUATION_CYCLE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Result, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfzz-2008-154",
    number="青科发政字[2008]154号",
    title_zh="青海省创新型企业评定办法(试行)",
    title_en="Qinghai measures for rating innovative enterprises (trial)",
    issuer_zh="青海省科学技术厅、省经委、省国资委、省总工会",
    issued=date(2008, 11, 19),
    effective_from=date(2008, 11, 19),
    dates_note="In force from publication (第十一条); cover letter dated 2008-11-19.",
)

W_INDICATORS = "通过五个指标进行评定,即四个定量指标和一个定性考察指标"
W_QUALITATIVE = "先由四个部门各自独立打出分值(省经委和省国资委联合打出一个分值),取数字平均值作为该企业定性考察指标的分值"
INDICATORS = a.Citation(DOCUMENT, "第三条", W_INDICATORS)

_Z = Decimal(0)
FACTS = (
    FactSpec(
        "ie_basic_conditions",
        "boolean",
        "meets the four basic conditions of 第二条 (sustained innovation capacity, industry-driving "
        "capacity and own brand, profitability and management, strategy and culture)",
    ),
    FactSpec(
        "patents_in_force",
        "integer",
        "granted patents in force (invention, utility model, design)",
        "count",
        _Z,
    ),
    FactSpec(
        "new_product_sales",
        "decimal",
        "sales revenue of new products in the fiscal year",
        "CNY",
        _Z,
        yearly=True,
    ),
    FactSpec(
        "ie_score_st_department", "decimal", "qualitative score of the S&T department", "points", _Z
    ),
    FactSpec(
        "ie_score_economy_sasac",
        "decimal",
        "joint qualitative score of the economic commission and SASAC",
        "points",
        _Z,
    ),
    FactSpec(
        "ie_score_trade_union", "decimal", "qualitative score of the trade union", "points", _Z
    ),
)

_WEIGHTS = (
    (
        "rd_intensity",
        "R&D intensity",
        a.ratio(a.prior_year("rd_expense"), a.prior_year("sales_revenue")),
    ),
    ("patents", "granted patents", a.fact("patents_in_force")),
    (
        "new_products",
        "new-product sales share",
        a.ratio(a.prior_year("new_product_sales"), a.prior_year("sales_revenue")),
    ),
    (
        "productivity",
        "labour productivity",
        a.ratio(a.prior_year("sales_revenue"), a.fact("employees")),
    ),
    (
        "qualitative",
        "qualitative score",
        a.ratio(
            a.Sum(
                (
                    a.fact("ie_score_st_department"),
                    a.fact("ie_score_economy_sasac"),
                    a.fact("ie_score_trade_union"),
                )
            ),
            a.Const(Decimal(3)),
        ),
    ),
)

PARAMETERS = tuple(
    a.Parameter(
        f"qh.ie.weight.{name}",
        f"weight of the {title} indicator",
        "points per unit",
        (),
        unset_reason="第三条 names the indicators but the text gives no weights",
        source=INDICATORS,
    )
    for name, title, _ in _WEIGHTS
)

SCORE = a.Sum(
    tuple(a.times(a.param(f"qh.ie.weight.{name}"), indicator) for name, _, indicator in _WEIGHTS)
)

INNOVATIVE_ENTERPRISE = Rule(
    id="QH-IE",
    kind="computation",
    title_en="Provincial innovative enterprise: ranking score",
    title_zh="青海省创新型企业评定总分",
    citation=INDICATORS,
    criteria=a.is_true(
        "ie_basic_conditions",
        label="meets the basic conditions of 第二条",
        wording="申报创新型企业应具备的基本条件",
        article="第二条",
    ),
    amount=a.Fixed(SCORE, "total score: Σ weight × indicator", W_QUALITATIVE),
    amount_unit="points",
    readings=(
        "Indicators: R&D / sales and new-product sales / sales of the prior year; sales / employees; "
        "patents in force; the mean of the three department scores.",
        "Weights are not in the text: parameters without a value, supplied by the departments' layer; "
        "without them the score is undetermined.",
        "The score is Σ weight × raw indicator value (R&D intensity, productivity in CNY per "
        "employee, patents in force, new-product share, the qualitative mean): 第四条 "
        "'直接根据企业申报材料确定相应分值' gives no scale turning an indicator into points, so this linear "
        "model in raw units is the library's, not the text's; the departments' layer supplies"
        " the weights.",
    ),
)

EVALUATION_CYCLE = a.Deadline(
    wording="评定工作暂定每两年进行一次,并对已评定企业,每两年复审一次", article="第八条", years=2
)


def rank(results: Iterable[Result]) -> list[Result]:
    """Applicants with a score, highest first (第六条 "总分从高到低")."""
    scored = [r for r in results if r.rule_id == "QH-IE" and r.amount is not None]
    return sorted(scored, key=lambda r: r.amount or Decimal(0), reverse=True)


RULES = (INNOVATIVE_ENTERPRISE,)
