"""Screening output: discretionary ranges (``amount_low``/``amount_high``) and the
reasons of undetermined rows (``reasons``), cell for cell the per-row answer's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import attrs  # noqa: E402

import innovpolicy  # noqa: E402
from innovpolicy import authoring as a  # noqa: E402
from innovpolicy import screening  # noqa: E402
from innovpolicy._criteria import Context, Criterion, Outcome, Truth  # noqa: E402
from innovpolicy._facts import FactSpec  # noqa: E402

XINING = innovpolicy.load("xining")
ON = date(2019, 6, 30)
LATER = date(2021, 6, 30)

TBE = {
    "id": ["zero", "future", "both", "ok"],
    "main_business_is_tech": [True, True, True, True],
    "business_start_date": [
        date(2012, 3, 15),
        date(2020, 1, 1),
        date(2019, 7, 1),
        date(2012, 1, 1),
    ],
    "finances_sound": [True, True, True, True],
    "main_business_revenue[2018]": [Decimal(900_000)] * 4,
    "sales_revenue[2018]": [Decimal(1_000_000), Decimal(1_000_000), Decimal(0), Decimal(1_000_000)],
    "employees": [0, 100, 0, 100],
    "sci_tech_staff": [0, 35, 0, 35],
    "rd_expense[2018]": [Decimal(30_000)] * 4,
    "sustained_innovation_capacity": [True, True, True, True],
    "owns_ip": [True, True, True, True],
}


def _arrow(data: dict[str, list[Any]]) -> pa.Table:
    arrays = {}
    for key, values in data.items():
        if any(isinstance(v, Decimal) for v in values):
            arrays[key] = pa.array(values, pa.decimal128(38, 2))
        else:
            arrays[key] = pa.array(values)
    return pa.table(arrays)


def _same_as_per_row(
    j: innovpolicy.Jurisdiction, table: pa.Table, rule_ids: list[str], on: date
) -> list[dict[str, Any]]:
    """Screen *table*; assert every reason and range equals ``evaluate``'s; return rows."""
    out = j.screen(table, on=on, rules=rule_ids).to_pylist()
    for index, row in enumerate(out):
        facts = screening.row_facts(j, table, index)
        for rid in rule_ids:
            expected = j.evaluate(rid, facts, on, explain=False)
            assert row[f"{rid}.status"] == expected.status.value, (rid, index)
            assert tuple(row[f"{rid}.reasons"]) == expected.reasons, (rid, index)
            assert tuple(row[f"{rid}.missing"]) == expected.missing, (rid, index)
            if expected.amount_range is not None:
                bounds = (row[f"{rid}.amount_low"], row[f"{rid}.amount_high"])
                assert bounds == (expected.amount_range.low, expected.amount_range.high)
            elif f"{rid}.amount_low" in row:
                assert (row[f"{rid}.amount_low"], row[f"{rid}.amount_high"]) == (None, None)
    return out


def test_zero_denominator_and_future_date_reasons() -> None:
    rows = _same_as_per_row(XINING, _arrow(TBE), ["QH-TBE"], ON)
    zero = "employees is zero, so the ratio is undefined"
    future = (
        "business_start_date 2020-01-01 is after 2019-06-30: a duration cannot be "
        "counted from a later date; check the date"
    )
    assert [r["QH-TBE.status"] for r in rows] == [
        "undetermined",
        "undetermined",
        "undetermined",
        "eligible",
    ]
    assert rows[0]["QH-TBE.reasons"] == [zero]
    assert rows[0]["QH-TBE.missing"] == []
    assert rows[1]["QH-TBE.reasons"] == [future]
    # several reasons, in the per-row order (a date, then the ratios)
    assert len(rows[2]["QH-TBE.reasons"]) >= 2
    assert zero in rows[2]["QH-TBE.reasons"]
    assert rows[3]["QH-TBE.reasons"] == []


def test_reasons_on_a_few_rows_of_a_large_batch() -> None:
    """Few undetermined rows take the path that screens only those rows again."""
    data = {k: v * 50 for k, v in TBE.items()}
    data["id"] = [f"r{i}" for i in range(200)]
    data["employees"] = [100] * 199 + [0]
    data["sci_tech_staff"] = [35] * 199 + [0]
    data["business_start_date"] = [date(2012, 1, 1)] * 197 + [date(2020, 1, 1)] * 3
    data["sales_revenue[2018]"] = [Decimal(1_000_000)] * 200
    rows = _same_as_per_row(XINING, _arrow(data), ["QH-TBE"], ON)
    assert sum(bool(r["QH-TBE.reasons"]) for r in rows) == 3


def test_closed_and_open_ranges() -> None:
    table = _arrow(
        {
            "id": ["deal", "no deal", "unknown", "national", "provincial", "provincial?"],
            "major_deal_marked_effect": [True, False, None, True, True, True],
            "deal_party": ["transferee"] * 6,
            "high_tech_zone_kind": [
                "provincial_under_construction",
                "provincial_under_construction",
                "provincial_under_construction",
                "national",
                "provincial_under_construction",
                None,
            ],
            "national_rank_best_before": [None] * 6,
            "national_rank_this_year": [None] * 6,
            "provincial_rank": [1, 1, 1, None, 1, 1],
        }
    )
    rows = _same_as_per_row(XINING, table, ["XN20-MAJOR-DEAL", "QH20-ZONE-RANK"], LATER)
    deal = [(r["XN20-MAJOR-DEAL.amount_low"], r["XN20-MAJOR-DEAL.amount_high"]) for r in rows[:3]]
    assert deal == [(Decimal(500_000), Decimal(1_000_000)), (None, None), (None, None)]
    assert rows[0]["XN20-MAJOR-DEAL.amount"] is None  # a range is never a figure
    zone = [(r["QH20-ZONE-RANK.amount_low"], r["QH20-ZONE-RANK.amount_high"]) for r in rows]
    assert zone[4] == (Decimal(5_000_000), None)  # "500万元以上": open
    assert rows[4]["QH20-ZONE-RANK.status"] == "eligible"
    assert zone[5] == (None, None)
    assert "high_tech_zone_kind" in rows[5]["QH20-ZONE-RANK.missing"]


def test_range_columns_only_for_rules_that_can_give_one() -> None:
    screener = screening.Screener(XINING, LATER, ["QH20-ZONE-RANK", "QH-TBE", "XN20-LAB"])
    names = screener.schema().names
    assert "QH20-ZONE-RANK.amount_low" in names  # a range inside a lookup's table
    assert "XN20-LAB.amount_high" in names
    assert not any(n.startswith("QH-TBE.amount") for n in names)
    assert all(f"{rid}.reasons" in names for rid in ("QH20-ZONE-RANK", "QH-TBE", "XN20-LAB"))
    # a rule not in force keeps its columns (null), so a schema does not change with the date
    early = screening.Screener(XINING, ON, ["XN20-LAB"])
    assert early.plan.rules[0].mode == "not_in_force"
    out = early.screen_batch(pa.record_batch({"id": pa.array([1])}))
    assert out.column("XN20-LAB.amount_low").to_pylist() == [None]
    assert out.column("XN20-LAB.reasons").to_pylist() == [[]]


def test_voucher_cases_skip_a_criterion_unknown_for_a_reason_only() -> None:
    """``Cases.value`` goes past an unknown case that names no missing fact (a future
    registration date): the columns give the same status, range and reasons."""
    table = _arrow(
        {
            "is_high_tech_enterprise": [False, True, None, False, False],
            "is_tech_based_enterprise": [False, False, None, False, None],
            "registration_date": [
                date(2022, 1, 1),
                date(2022, 1, 1),
                date(2022, 1, 1),
                date(2020, 1, 1),
                None,
            ],
        }
    )
    rows = _same_as_per_row(XINING, table, ["QH20-VOUCHER"], LATER)
    assert "no case applies" in rows[0]["QH20-VOUCHER.reasons"]
    assert rows[3]["QH20-VOUCHER.amount_low"] == Decimal(0)


# --------------------------------------------------------------------------- a test layer

_DOC = innovpolicy.Document(
    "t-doc", "测〔2021〕1号", "测试办法", "Test measures", "测", date(2021, 1, 1)
)
_CITE = innovpolicy.Citation(_DOC, "第一条", "给予奖励")
_KIND = FactSpec("zone_kind", "text", "kind of zone")
_SCORE = FactSpec("score", "decimal", "a score")


@attrs.frozen
class _Positive(Criterion):
    """A plugin's own criterion kind (the plan lacks it: the rule runs per row)."""

    label: str = "a positive score"

    def test(self, ctx: Context) -> Truth:
        value = ctx.facts.get("score")
        return Truth.UNKNOWN if value is None else Truth.TRUE if value > 0 else Truth.FALSE

    def explain(self, ctx: Context) -> Outcome:
        return Outcome(self.label, self.test(ctx), "custom")

    def fact_names(self) -> tuple[str, ...]:
        return ("score",)


def _rule(rule_id: str, criteria: Criterion, amount: Any = None) -> innovpolicy.Rule:
    return innovpolicy.Rule(
        id=rule_id,
        kind="incentive" if amount is not None else "condition",
        title_en=rule_id,
        title_zh=rule_id,
        citation=_CITE,
        criteria=criteria,
        amount=amount,
    )


def _stack() -> innovpolicy.Jurisdiction:
    unset = a.Parameter(
        "t.unset", "a weight the text names but does not give", "CNY", (), unset_reason="未规定"
    )
    has_score = a.at_least("score", 0, label="score", wording="评分")
    rules = (
        # a parameter without a value, in the criteria and in the amount
        _rule("T-UNSET-TEST", a.at_least("score", a.param("t.unset"), label="s", wording="w")),
        _rule("T-UNSET-AMOUNT", has_score, a.Fixed(a.param("t.unset"), "award")),
        _rule(
            "T-UNSET-RANGE",
            has_score,
            a.Discretionary(a.param("t.unset"), a.param("t.high"), "award", "给予奖励"),
        ),
        # a lookup whose table lacks a value; one entry an open range
        _rule(
            "T-LOOKUP",
            has_score,
            a.Lookup(
                "zone_kind",
                {
                    "a": a.Fixed(a.param("t.high"), "package"),
                    "b": a.Discretionary(a.param("t.low"), None, "at least", "以上"),
                },
                "by kind",
            ),
        ),
        # the same range, evaluated per row (a criterion kind the plan lacks)
        _rule("T-PER-ROW", _Positive(), a.Discretionary(a.param("t.low"), a.param("t.high"), "")),
        _rule("T-PER-ROW-UNSET", _Positive(), a.Fixed(a.param("t.unset"), "award")),
        # a bound finer than the fen
        _rule("T-FINE", has_score, a.Discretionary(Decimal("0.125"), None, "award")),
    )
    layer = innovpolicy.Layer(
        code="t",
        name_zh="测",
        name_en="T",
        documents=(_DOC,),
        parameters=(
            unset,
            a.constant("t.low", 100, citation=_CITE, description="low", unit="CNY"),
            a.constant("t.high", "300.50", citation=_CITE, description="high", unit="CNY"),
        ),
        rules=rules,
        facts=(_KIND, _SCORE),
    )
    return innovpolicy.Jurisdiction((layer,))


STACK = _stack()
ROWS = pa.table(
    {
        "score": pa.array(
            [Decimal(5), Decimal(-1), None, Decimal(5), Decimal(0)], pa.decimal128(18, 2)
        ),
        "zone_kind": pa.array(["a", "b", "b", "c", None]),
    }
)


def test_a_parameter_without_a_value_compiled_and_per_row() -> None:
    rules = ["T-UNSET-TEST", "T-UNSET-AMOUNT", "T-UNSET-RANGE", "T-PER-ROW-UNSET"]
    screener = screening.Screener(STACK, LATER, rules)
    assert set(screener.fallback_rules) == {"T-PER-ROW-UNSET"}
    rows = _same_as_per_row(STACK, ROWS, rules, LATER)
    for rid in rules:
        reasons = {tuple(r[f"{rid}.reasons"]) for r in rows}
        assert any(any("t.unset" in text for text in found) for found in reasons), rid
    assert rows[0]["T-UNSET-TEST.status"] == "undetermined"


def test_lookup_without_an_entry_and_an_open_range_in_a_lookup() -> None:
    rows = _same_as_per_row(STACK, ROWS, ["T-LOOKUP"], LATER)
    assert rows[3]["T-LOOKUP.reasons"] == ["no amount is set for zone_kind = c"]
    assert rows[0]["T-LOOKUP.amount"] == Decimal("300.50")
    assert (rows[0]["T-LOOKUP.amount_low"], rows[0]["T-LOOKUP.amount_high"]) == (None, None)
    assert rows[1]["T-LOOKUP.status"] == "ineligible"
    assert rows[4]["T-LOOKUP.missing"] == ["zone_kind"]
    assert rows[4]["T-LOOKUP.reasons"] == []


def test_per_row_rules_give_ranges_and_reasons_too() -> None:
    screener = screening.Screener(STACK, LATER, ["T-PER-ROW"])
    assert "T-PER-ROW" in screener.fallback_rules
    rows = _same_as_per_row(STACK, ROWS, ["T-PER-ROW"], LATER)
    bounds = [(r["T-PER-ROW.amount_low"], r["T-PER-ROW.amount_high"]) for r in rows]
    assert bounds[0] == (Decimal(100), Decimal("300.50"))
    assert bounds[1] == (None, None)


def test_a_range_bound_finer_than_the_fen_is_refused() -> None:
    with pytest.raises(ValueError, match="T-FINE: the range bound 1/8 has digits below the fen"):
        STACK.screen(ROWS, on=LATER, rules=["T-FINE"])
