"""The policy finder on three worked applicants, checked by hand against the texts.

Each total below is recomputed in the comments from the wording the rules quote;
dates are 2021-06-30, when the 2020 provincial and city measures are in force.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import innovpolicy
from innovpolicy import Status
from innovpolicy.finder import FinderSummary, Gap, change_text

ON = "2021-06-30"

# A small high-tech firm in 城东区, Xining.
TECH_FIRM: dict[str, Any] = {
    "name": "青科智造 (worked example)",
    "registered_in_qinghai": True,
    "independent_legal_person": True,
    "prefecture": "西宁市",
    "district": "城东区",
    "registration_date": "2019-05-01",
    "is_high_tech_enterprise": True,
    "newly_certified_high_tech": True,
    "rd_super_deduction_exemption": "300000",
    "qualifying_rd_expense": "400000",
    "contract_type": "development",
    "contract_registered": True,
    "contract_amount": "1000000",
    "brokered": False,
    "deal_party": "transferee",
    "rd_expense": {2020: "199999.99"},
    "requested_fiscal_funds": "200000",
    "rd_staff": 14,
    "senior_title_staff": 5,
    "provincial_discipline_leaders": 1,
}

# A technology-transfer platform that also runs an incubator, in 城西区.
PLATFORM: dict[str, Any] = {
    "name": "河湟技术转移中心 (worked example)",
    "registered_in_qinghai": True,
    "district": "城西区",
    "achievements_transformed": 2,
    "transaction_volume": "15000000",
    "newly_recognised_national_incubator": True,
    "outstanding_incubator": True,
    "sharing_supplier_outstanding": True,
    "vouchers_served": {2020: "1000000"},
}

# A research institute hosting a key laboratory, selling an achievement in Qinghai.
INSTITUTE: dict[str, Any] = {
    "name": "高原生物研究所 (worked example)",
    "registered_in_qinghai": True,
    "independent_legal_person": True,
    "rated_new_rd_institution": True,
    "new_postdoc_station": True,
    "rd_staff": 20,
    "senior_title_staff": 6,
    "provincial_discipline_leaders": 1,
    "rd_projects_per_year": 2,
    "research_floor_area": "900",
    "equipment_value": "2500000",
    "achievement_source": "qinghai_institution",
    "transformed_in_qinghai": True,
    "deal_party": "transferor",
    "deal_amount_paid": "3000000",
    "flexible_posts": 6,
    "total_posts": 100,
}


@pytest.fixture(scope="module")
def xining() -> innovpolicy.Jurisdiction:
    return innovpolicy.load("xining")


def _amounts(summary: FinderSummary) -> dict[str, Decimal | tuple[Decimal, Decimal | None]]:
    found: dict[str, Decimal | tuple[Decimal, Decimal | None]] = {}
    for result in summary.incentives:
        if result.amount is not None:
            found[result.rule_id] = result.amount
        else:
            assert result.amount_range is not None
            found[result.rule_id] = (result.amount_range.low, result.amount_range.high)
    return found


def _payers(summary: FinderSummary) -> dict[str, tuple[Decimal, Decimal | None]]:
    return {p.payer: (p.total_min, p.total_max) for p in summary.totals.by_payer}


def _gap(summary: FinderSummary, rule_id: str) -> tuple[Gap, ...]:
    return next(item.gaps for item in summary.ineligible if item.result.rule_id == rule_id)


def test_small_tech_firm(xining: innovpolicy.Jurisdiction) -> None:
    summary = xining.find(TECH_FIRM, ON, subject="enterprise")
    assert _amounts(summary) == {
        # 一(一) 对新认定的高新技术企业，奖励10万元
        "QH20-HTE-NEW": Decimal("100000.00"),
        # 一(二) 研发费用加计扣除免税额的10%: 10% × 300,000, under the 2,000,000 cap
        "QH20-RD-SUBSIDY": Decimal("30000.00"),
        # 一(三) 创新券: high-tech firm ≤ 200,000 a year (young firms' 50,000 is lower)
        "QH20-VOUCHER": (Decimal(0), Decimal(200000)),
        # 西宁 6 对买方给予3%的技术合同补贴, 最高10万元: 3% × 1,000,000
        "XN20-CONTRACT-BUYER": Decimal("30000.00"),
    }
    totals = summary.totals
    assert (totals.fixed, totals.range_min, totals.range_max) == (160000, 0, 200000)
    assert (totals.total_min, totals.total_max) == (160000, 360000)
    # The city subsidy is co-funded 1:1 by the city and 城东区 (paragraph 17).
    assert _payers(summary) == {
        "province": (Decimal(130000), Decimal(330000)),
        "city": (Decimal(15000), Decimal(15000)),
        "district": (Decimal(15000), Decimal(15000)),
    }
    # The super-deduction (75% × 400,000) is a tax computation, not a payment.
    assert [(r.rule_id, r.amount) for r in summary.computations] == [
        ("QH-RD-SUPER-DEDUCTION", Decimal("300000.00"))
    ]
    assert not any(r.rule_id == "QH-RD-SUPER-DEDUCTION" for r in summary.incentives)
    # Rules for individuals, parks and projects are not asked about.
    assert "QH-NSF-YOUTH" in summary.other_subjects and "QH20-ZONE-NEW" in summary.other_subjects
    assert [q.fact for q in summary.questions[:3]] == [
        "achievement_source",
        "deal_amount_paid",
        "transformed_in_qinghai",
    ]
    first = summary.questions[0]
    assert first.rules == ("QH20-DEAL-LOCAL", "QH20-DEAL-IMPORT")
    assert first.max_amount == Decimal(2000000)  # 最高补助100万元 each
    assert first.choices == ("qinghai_institution", "outside_qinghai", "other")
    # 上年度研发经费支出应达到所申请财政资金1倍以上: one fen short.
    # Or ask for one fen less.
    (prereq,) = _gap(summary, "QH20-PLAN-PREREQ")
    change, ask_less = prereq.changes
    assert (ask_less.fact, ask_less.kind, ask_less.target) == (
        "requested_fiscal_funds",
        "lower",
        Decimal("199999.99"),
    )
    assert (change.fact, change.kind, change.current, change.target, change.by) == (
        "rd_expense[2020]",
        "raise",
        Decimal("199999.99"),
        Decimal("200000.00"),
        Decimal("0.01"),
    )
    assert change.sufficient
    assert change_text(change) == (
        "rd_expense[2020] must rise from 199999.99 to 200000 (+0.01 CNY) [alone: eligible]"
    )
    # 研发人员总数不少于15人: one more person, but the other key-lab facts are unknown.
    (staff,) = _gap(summary, "QH-KL")
    (more,) = staff.changes
    assert (more.fact, more.target, more.by, more.status_after) == (
        "rd_staff",
        15,
        1,
        Status.UNDETERMINED,
    )


def test_platform(xining: innovpolicy.Jurisdiction) -> None:
    summary = xining.find(PLATFORM, ON, subject="platform")
    assert _amounts(summary) == {
        # 十六 30% of last year's vouchers served, 同一供给方每年最高补助50万元
        "QH20-SHARING": Decimal("300000.00"),
        # 十七 给予最高100万元的奖励 (discretionary)
        "QH20-INCUBATOR": (Decimal(0), Decimal(1000000)),
        # 西宁 5 一次性引导奖励20万元, city and 城西区 1:1
        "XN20-INCUBATOR": Decimal("200000.00"),
    }
    assert (summary.totals.total_min, summary.totals.total_max) == (500000, 1500000)
    assert _payers(summary) == {
        "province": (Decimal(300000), Decimal(1300000)),
        "city": (Decimal(100000), Decimal(100000)),
        "district": (Decimal(100000), Decimal(100000)),
    }
    assert [q.fact for q in summary.questions[:3]] == [
        "co_built_national_platform",
        "incubator_kind",
        "new_pilot_platform",
    ]
    # 五 促成不低于3项科技成果在省内转化: one more achievement makes it eligible,
    # and the subsidy is then 1.5% × 10,000,000 + 1% × 5,000,000 = 200,000.
    (gap,) = _gap(summary, "QH20-PLATFORM")
    (change,) = gap.changes
    assert (change.fact, change.current, change.target, change.by) == (
        "achievements_transformed",
        2,
        3,
        1,
    )
    assert change.sufficient
    fixed = xining.evaluate("QH20-PLATFORM", {**PLATFORM, "achievements_transformed": 3}, ON)
    assert fixed.amount == Decimal("200000.00")


def test_research_institute(xining: innovpolicy.Jurisdiction) -> None:
    summary = xining.find(INSTITUTE, ON, subject="research_institute")
    # A key lab hosted by an institute: no R&D-intensity test (第十条 applies it to firms).
    assert [r.rule_id for r in summary.designations] == ["QH-KL", "QH-HUIMIN-LEAD"]
    assert _amounts(summary) == {
        # 六 20% of the amount actually paid, 每个项目最高补助100万元: 20% × 3,000,000
        "QH20-DEAL-LOCAL": Decimal("600000.00"),
        # 八 省财政一次性给予30万元建站经费支持
        "QH20-POSTDOC": Decimal("300000.00"),
        # 十六 一次性给予100万元奖补
        "QH20-NEW-RD-INST": Decimal("1000000.00"),
    }
    assert (summary.totals.total_min, summary.totals.total_max) == (1900000, 1900000)
    assert _payers(summary) == {"province": (Decimal(1900000), Decimal(1900000))}
    # The institute is the seller (transferor) of its deal: Xining's buyer subsidy asks
    # nothing more of it (对买方, review C, C1).
    assert [q.fact for q in summary.questions[:3]] == [
        "reward_to_main_contributors",
        "transformation_net_income",
        "co_built_national_platform",
    ]
    # 九 允许…设立5%的流动岗位: 6 of 100 posts is one too many, or 20 posts too few.
    (gap,) = _gap(summary, "QH20-FLEX-POSTS")
    assert [(c.fact, c.kind, c.target, c.sufficient) for c in gap.changes] == [
        ("flexible_posts", "lower", 5, True),
        ("total_posts", "raise", 120, True),
    ]


def test_subject_facts_are_never_asked(xining: innovpolicy.Jurisdiction) -> None:
    summary = xining.find({}, ON, subject="university")
    asked = {q.name for q in summary.questions}
    assert "host_kind" not in asked  # a university host is a university
    assert "rd_staff" in asked


def test_unknown_subject_is_a_field_error(xining: innovpolicy.Jurisdiction) -> None:
    with pytest.raises(innovpolicy.exceptions.InvalidFactError, match="subject='firm'"):
        xining.find({}, ON, subject="firm")


def _answer(spec: innovpolicy.FactSpec, truth: dict[str, Any]) -> Any:
    if spec.name in truth:
        return truth[spec.name]
    spec_type, choices = spec.kind, spec.choices
    if spec_type == "boolean":
        return True
    if spec_type == "integer":
        return 2020 if spec.minimum is not None and spec.minimum > 1000 else 3
    if spec_type == "decimal":
        return "1000000"
    if spec_type == "date":
        return "2018-01-01"
    return choices[0] if choices else "x"


def test_answering_the_next_question_converges(xining: innovpolicy.Jurisdiction) -> None:
    """An interview: answer the top question, ask again, until nothing is undetermined."""
    facts: dict[str, Any] = {"name": "interview", "district": "城北区", "prefecture": "西宁市"}
    truth = {"registered_in_qinghai": True, "employees": 50, "sci_tech_staff": 10}
    undetermined = []
    for _ in range(200):
        summary = xining.find(facts, ON, subject="enterprise")
        undetermined.append(len(summary.undetermined))
        if not summary.questions:
            break
        question = summary.questions[0]
        value = _answer(xining.fact_registry[question.name], truth)
        if question.year is None:
            facts[question.name] = value
        else:
            facts.setdefault(question.name, {})[question.year] = value
    else:
        pytest.fail("the interview did not converge")
    assert not summary.questions
    assert all(r.reasons for r in summary.undetermined)  # only undecidable ones remain
    assert undetermined[-1] < undetermined[0]


def test_summary_text_and_json(xining: innovpolicy.Jurisdiction) -> None:
    summary = xining.find(TECH_FIRM, ON)
    text = summary.render()
    assert text.splitlines()[0].startswith("Policy finder: xining, 2021-06-30")
    assert "Total: 160,000.00 CNY – 360,000.00 CNY" in text
    zh = summary.render(lang="zh")
    assert "合计：160,000.00元（16万元） – 360,000.00元（36万元）" in zh
    assert "上年度研发经费支出应达到所申请财政资金1倍以上" in zh  # wording as it is
    assert "须由199999.99提高到200000（增加0.01元）" in zh
    data = summary.to_dict()
    assert data["totals"]["total_max"] == "360000.00"
    assert data["questions"][0]["meaning_zh"] == "所转化成果的来源"
    with pytest.raises(ValueError, match="lang='fr'"):
        summary.render(lang="fr")
