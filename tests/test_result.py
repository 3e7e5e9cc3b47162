from __future__ import annotations

import json
from decimal import Decimal

import innovpolicy
from innovpolicy import Status

TBE = {
    "main_business_is_tech": True,
    "business_start_date": "2016-01-01",
    "finances_sound": True,
    "main_business_revenue": {"2018": "600000"},
    "sales_revenue": {"2018": "1000000"},
    "employees": 100,
    "sci_tech_staff": 29,
    "rd_expense": {"2018": "20000"},
    "sustained_innovation_capacity": True,
    "owns_ip": True,
}


def test_explanation_names_each_criterion_with_actual_required_and_wording() -> None:
    result = innovpolicy.load("qinghai").evaluate("QH-TBE", TBE, "2019-06-30")
    assert result.status is Status.INELIGIBLE
    text = result.render()
    assert "青科发高新[2014]188号" in text
    assert "[✗] S&T staff / employees: actual 0.29, required >= 0.3" in text
    assert "科技人员占从业人员的30%以上" in text
    assert "(第三条(三))" in text
    assert str(result) == text


def test_json_is_loss_free_and_complete() -> None:
    result = innovpolicy.load("qinghai").evaluate("QH-TBE", TBE, "2019-06-30")
    data = json.loads(result.to_json())
    assert data["status"] == "ineligible"
    assert data["citation"]["document"] == "青科发高新[2014]188号"
    parts = {p["label"]: p for p in data["criteria"]["children"]}
    staff = parts["S&T staff / employees"]
    assert (staff["truth"], staff["actual"], staff["required"]) == ("false", "0.29", ">= 0.3")
    param = next(p for p in data["parameters"] if p["key"] == "qh.tbe.min_sci_tech_staff_share")
    assert param["layer"] == "qinghai"
    assert param["source"]["article"] == "第三条(三)"


def test_explain_false_keeps_the_answer_and_drops_the_tree() -> None:
    q = innovpolicy.load("qinghai")
    facts = dict(TBE, sci_tech_staff=None)
    full = q.evaluate("QH-TBE", facts, "2019-06-30")
    fast = q.evaluate("QH-TBE", facts, "2019-06-30", explain=False)
    assert fast.status is full.status is Status.UNDETERMINED
    assert fast.missing == full.missing == ("sci_tech_staff",)
    assert fast.criteria is None and fast.parameters == ()


def test_amount_and_shares_in_json() -> None:
    x = innovpolicy.load("xining")
    facts = {
        "contract_type": "transfer",
        "contract_registered": True,
        "contract_amount": "3333333",
        "deal_party": "transferee",
        "district": "城东区",
    }
    result = x.evaluate("XN20-CONTRACT-BUYER", facts, "2021-06-30")
    data = result.to_dict()
    assert data["amount"] == "99999.99"
    assert [s["amount"] for s in data["shares"]] == ["50000.00", "49999.99"]
    assert data["shares"][1]["payer"] == "城东区"
    assert sum(s.amount for s in result.shares) == result.amount == Decimal("99999.99")
    assert "paid by district (城东区): 49999.99" in result.render()
