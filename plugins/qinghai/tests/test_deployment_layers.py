"""What the Qinghai texts leave open, a deployment's layer sets: the score weights of
QH-IE, and the other reading of QH20-DEAL-LOCAL's per-project cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import innovpolicy_qinghai

import innovpolicy
from innovpolicy import Citation, Document, Layer, Status
from innovpolicy import authoring as a

ROUND = Document(
    "ie-round-2021", "测试评定通知(2021)", "创新型企业评定工作通知(测试)", "Rating round notice (test)",
    "省科技厅(测试)", date(2021, 1, 1),
)  # fmt: skip
NOTICE = Citation(ROUND, "附件", "各项指标权重(测试用)")
WEIGHTS = {"rd_intensity": "200", "patents": "1", "new_products": "50", "productivity": "0.0001",
           "qualitative": "0.2"}  # fmt: skip


def _deployment(*overrides: a.Parameter) -> innovpolicy.Jurisdiction:
    layer = Layer(
        code="qinghai-deployment", name_zh="部署", name_en="Deployment", parent="qinghai",
        documents=(ROUND,), overrides=overrides,
    )  # fmt: skip
    return innovpolicy.load("qinghai-deployment", plugins=[innovpolicy_qinghai, layer])


FIRM = {
    "ie_basic_conditions": True,
    "rd_expense": {2020: "5000000"},
    "sales_revenue": {2020: "100000000"},
    "new_product_sales": {2020: "40000000"},
    "employees": 400,
    "patents_in_force": 12,
    "ie_score_st_department": "80",
    "ie_score_economy_sasac": "70",
    "ie_score_trade_union": "90",
}


def test_the_departments_layer_supplies_the_score_weights() -> None:
    qinghai = innovpolicy.load("qinghai")
    bare = qinghai.evaluate("QH-IE", FIRM, "2021-06-30")
    assert bare.status is Status.UNDETERMINED
    assert bare.missing == () and "gives no weights" in bare.reasons[0]
    rated = _deployment(
        *(
            a.constant(f"qh.ie.weight.{k}", v, citation=NOTICE, description=k, unit="points")
            for k, v in WEIGHTS.items()
        )
    )
    result = rated.evaluate("QH-IE", FIRM, "2021-06-30")
    # 200×0.05 + 1×12 + 50×0.4 + 0.0001×250000 + 0.2×80 = 83
    assert (result.status, result.amount, result.amount_unit) == (
        Status.ELIGIBLE,
        Decimal("83.00"),
        "points",
    )
    assert {p.layer for p in result.parameters} == {"qinghai-deployment"}
    ranked = innovpolicy_qinghai.innovative_enterprise_2008.rank(
        [result, rated.evaluate("QH-IE", {**FIRM, "patents_in_force": 20}, "2021-06-30")]
    )
    assert [r.amount for r in ranked] == [Decimal("91.00"), Decimal("83.00")]


def test_the_other_reading_of_the_local_deal_cap_is_one_override_away() -> None:
    deal = {"achievement_source": "qinghai_institution", "transformed_in_qinghai": True,
            "deal_amount_paid": "8000000", "deal_party": "transferee"}  # fmt: skip
    default = innovpolicy.load("qinghai").evaluate("QH20-DEAL-LOCAL", deal, "2021-06-30")
    assert default.amount == Decimal("1000000.00")
    shared = _deployment(
        a.constant(
            "qh.deal_local.parties_sharing_cap",
            2,
            citation=NOTICE,
            description="shared cap",
            unit="parties",
        )
    )
    assert shared.evaluate("QH20-DEAL-LOCAL", deal, "2021-06-30").amount == Decimal("500000.00")
