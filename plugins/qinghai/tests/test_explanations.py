"""Explanations never mislead: exact actual values, a use split shown as uses, and an
amount step quoting the text that states its value (issue 14)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import innovpolicy

QINGHAI = innovpolicy.load("qinghai")


def test_a_ratio_just_below_its_threshold_is_printed_exactly() -> None:
    # growth of 2019 over 2018 is 0.0999999…: it fails, and the explanation shows why.
    facts = {"sales_revenue": {2017: "100000000", 2018: "110000000", 2019: "120999999",
                               2020: "133100000"}}  # fmt: skip
    text = QINGHAI.evaluate("QH-ERC", facts, "2021-06-30").render()
    line = next(x for x in text.splitlines() if "sales growth in Y-2" in x)
    assert "[✗]" in line and "actual 0.0999999909" in line and "required >= 0.1" in line


def test_the_sharing_use_split_is_a_breakdown_not_payers() -> None:
    facts = {"instrument_unit_value": "100000", "instrument_on_platform": True,
             "sharing_service_fees": "50001"}  # fmt: skip
    result = QINGHAI.evaluate("QH-SHARING", facts, "2016-06-30")
    assert result.amount == Decimal("10000.10") and result.shares == ()
    steps = result.to_dict()["amount_steps"]["children"]
    uses = next(step for step in steps if step["label"] == "used for (not payers)")
    assert [p["value"] for p in uses["children"]] == ["4000.04", "3000.03", "3000.03"]
    assert "paid by" not in result.render()


def test_indirect_cost_is_labelled_as_the_amount_it_compares() -> None:
    facts = {"project_indirect_costs": "300001", "project_direct_costs": "1100000",
             "project_equipment_purchase": "100000"}  # fmt: skip
    text = QINGHAI.evaluate("QH-INDIRECT-COST", facts, "2018-01-01").render()
    assert "indirect costs (CNY), at most 30% × (direct costs − equipment purchases): " in text
    assert "actual 300001, required <= 300000" in text


def test_the_2020_rd_subsidy_quotes_its_own_amount_wording() -> None:
    facts = {"is_high_tech_enterprise": True, "rd_super_deduction_exemption": "1000000"}
    text = QINGHAI.evaluate("QH20-RD-SUBSIDY", facts, "2021-01-01").render()
    assert "「按照当年研发费用加计扣除免税额的10％」" in text
    assert "「给予最高不超过200万元奖补」" in text


@given(st.decimals(min_value=0, max_value=10_000_000, places=2))
@settings(max_examples=60, deadline=None)
def test_the_use_breakdown_adds_up_to_the_amount_exactly(fees: Decimal) -> None:
    facts = {"instrument_unit_value": "100000", "instrument_on_platform": True,
             "sharing_service_fees": fees}  # fmt: skip
    result = QINGHAI.evaluate("QH-SHARING", facts, "2016-06-30")
    assert result.amount is not None
    uses = result.to_dict()["amount_steps"]["children"][1]
    parts = [Decimal(p["value"]) for p in uses["children"]]
    assert sum(parts) == result.amount
    assert max(parts) - min(parts) * Decimal(40) / Decimal(30) <= Decimal("0.01")


@given(
    st.decimals(min_value=1, max_value=100_000_000, places=2),
    st.decimals(min_value=0, max_value=100_000_000, places=2),
    st.decimals(min_value=0, max_value=100_000_000, places=2),
)
@settings(max_examples=60, deadline=None)
def test_the_vc_deduction_never_exceeds_what_is_left_or_the_taxable_income(
    investment: Decimal, used: Decimal, taxable: Decimal
) -> None:
    facts = {"corporate_vc": True, "target_seed_or_early_tech": True,
             "vc_investment": investment, "vc_investment_date": "2020-03-15",
             "vc_deducted_before": used, "vc_taxable_income": {2023: taxable}}  # fmt: skip
    result = QINGHAI.evaluate("QH20-VC", facts, "2023-06-30")
    left = investment * Decimal("0.7") - used
    if left <= 0:
        assert result.status.value == "ineligible"
    else:
        assert result.amount is not None
        assert result.amount <= left + Decimal("0.005")  # rounded half up to the fen
        assert result.amount <= taxable


# Review A (2026-11-27): every explanation says which reading it applies and which
# qualities of the text it leaves to the review (R2-R7).
_READINGS = {
    ("QH-TBE", "2019-06-30"): (["有效期至2019年12月31日", "继续有效(保留)"], ["未注明日期"]),
    ("QH-ERC", "2021-06-30"): (
        ["一般 is encoded as a requirement", "归口单位", "not encoded"],
        ["“一般”按硬性要求编码", "由评审判断、未编码"],
    ),
    ("QH-ERC-BRANCH", "2021-06-30"): (["派出机构' is not tested"], ["派出机构”未作检验"]),
    ("QH-IE", "2021-06-30"): (["gives no scale"], ["未给出由指标换算分值的标准"]),
    ("QH-NSF-YOUTH", "2021-06-30"): (
        ["一般不超过3年' is encoded as a requirement"],
        ["按硬性要求编码"],
    ),
    ("QH-KL", "2021-06-30"): (["开放共享", "not encoded"], ["由评审判断、未编码"]),
    ("QH-BROKER", "2021-06-30"): (["依法合伙设立", "not encoded"], ["合伙人须持证"]),
}


def test_each_explanation_states_the_readings_the_review_asked_for() -> None:
    for (rule_id, on), (english, chinese) in _READINGS.items():
        result = QINGHAI.evaluate(rule_id, {}, on)
        text, zh = result.render(), result.render("zh")
        for phrase in english:
            assert phrase in text, (rule_id, phrase)
        for phrase in chinese:
            assert phrase in zh, (rule_id, phrase)
