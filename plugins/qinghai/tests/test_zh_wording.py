"""The Chinese of labels and fact meanings uses the text's own terms (review A, D7)."""

from __future__ import annotations

import innovpolicy
from innovpolicy._i18n import meaning

QINGHAI = innovpolicy.load("qinghai")
ON = "2021-06-30"


def _zh(name: str) -> str:
    return meaning(name, QINGHAI.fact_registry[name].meaning, "zh")


def test_nsf_youth_says_初审_as_第十二条_does() -> None:
    text = QINGHAI.evaluate("QH-NSF-YOUTH", {}, ON).render("zh")
    assert "通过初审" in text and "形式审查" not in text


def test_broker_offences_are_违法_not_犯罪() -> None:
    # 第七条㈤ 没有经济违法行为: no 犯罪 (criminal offence) in the text
    for name in ("economic_offence_ever", "last_economic_offence_date"):
        assert "经济违法行为" in _zh(name) and "犯罪" not in _zh(name)


def test_innovative_enterprise_conditions_quote_第二条() -> None:
    assert "具有行业带动性和自主品牌" in _zh("ie_basic_conditions")
    assert "领先" not in _zh("ie_basic_conditions")


def test_tbe_staff_ratio_label_names_the_education_level() -> None:
    facts = {"employees": 100, "sci_tech_staff": 29}
    text = QINGHAI.evaluate("QH-TBE", facts, "2019-06-30").render("zh")
    assert "中专以上学历科技人员占从业人员比例" in text


def test_single_earlier_years_do_not_read_as_multi_year_totals() -> None:
    # Y-2 is 上上年度 and Y-3 前第三个会计年度: 前三年度 would read as "over three years".
    kl = {"host_kind": "enterprise", "sales_revenue": {2018: "100", 2019: "100", 2020: "100"},
          "rd_expense": {2018: "3", 2019: "3", 2020: "3"}}  # fmt: skip
    text = QINGHAI.evaluate("QH-KL", kl, ON).render("zh")
    assert "上上年度研发投入占销售收入比例" in text
    assert "前第三个会计年度研发投入占销售收入比例" in text
    erc = {"host_kind": "enterprise", "is_agricultural_leading_enterprise": False,
           "sales_revenue": {2017: "100", 2018: "110", 2019: "121", 2020: "133.1"}}  # fmt: skip
    text = QINGHAI.evaluate("QH-ERC", erc, ON).render("zh")
    assert "上上年度销售收入增长率" in text and "前第三个会计年度销售收入增长率" in text
    assert "前两年度" not in text and "前三年度" not in text
