"""Explanations never mislead: exact actual values, a use split shown as uses, and an
amount step quoting the text that states its value (issue 14)."""

from __future__ import annotations

from decimal import Decimal

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
    steps = result.to_dict()["amount_steps"]["parts"]
    uses = next(step for step in steps if step["step"] == "used for (not payers)")
    assert [p["value"] for p in uses["parts"]] == ["4000.04", "3000.03", "3000.03"]
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
