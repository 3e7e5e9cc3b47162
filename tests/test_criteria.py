from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovpolicy import authoring as a
from innovpolicy._criteria import Criterion, Outcome, Resolved, Truth

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
truths = st.sampled_from(list(Truth))


class Ctx:
    def __init__(self, facts: Mapping[str, Any], on: date = date(2021, 6, 30)) -> None:
        self.facts = dict(facts)
        self.on = on

    def resolve(self, key: str) -> Resolved:  # pragma: no cover - no parameters used here
        raise KeyError(key)


class Fixed(Criterion):
    def __init__(self, truth: Truth) -> None:
        self.truth = truth
        self.label = truth.value

    def test(self, ctx: Any) -> Truth:
        return self.truth

    def explain(self, ctx: Any) -> Outcome:
        return Outcome(self.label, self.truth, "fixed")


# ---------------------------------------------------------------- Kleene's laws


@given(truths, truths)
def test_and_or_commute(x: Truth, y: Truth) -> None:
    assert x & y is y & x
    assert x | y is y | x


@given(truths, truths, truths)
def test_and_or_associate_and_distribute(x: Truth, y: Truth, z: Truth) -> None:
    assert (x & y) & z is x & (y & z)
    assert (x | y) | z is x | (y | z)
    assert x & (y | z) is (x & y) | (x & z)
    assert x | (y & z) is (x | y) & (x | z)


@given(truths, truths)
def test_de_morgan_and_double_negation(x: Truth, y: Truth) -> None:
    assert ~(x & y) is (~x | ~y)
    assert ~(x | y) is (~x & ~y)
    assert ~~x is x


@given(truths)
def test_identities_and_annihilators(x: Truth) -> None:
    assert x & T is x
    assert x | F is x
    assert x & F is F
    assert x | T is T


def test_unknown_is_not_excluded_middle() -> None:
    assert U | ~U is U
    assert U & ~U is U


@given(st.lists(truths, max_size=6))
def test_combinators_fold_like_the_connectives(values: list[Truth]) -> None:
    ctx = Ctx({})
    parts = [Fixed(v) for v in values]
    expected_all, expected_any = T, F
    for v in values:
        expected_all = expected_all & v
        expected_any = expected_any | v
    assert a.all_of(*parts).test(ctx) is expected_all
    assert a.any_of(*parts).test(ctx) is expected_any
    assert a.all_of(*parts).explain(ctx).truth is expected_all
    assert a.any_of(*parts).explain(ctx).truth is expected_any
    assert a.not_(a.all_of(*parts)).test(ctx) is ~expected_all


@given(truths, truths, truths)
def test_if_then_decides_when_both_branches_agree(c: Truth, x: Truth, y: Truth) -> None:
    crit = a.if_(Fixed(c), Fixed(x), Fixed(y), label="if")
    got = crit.test(Ctx({}))
    if c is T:
        assert got is x
    elif c is F:
        assert got is y
    else:
        assert got is (x if x is y else U)
    assert crit.explain(Ctx({})).truth is got


# ---------------------------------------------------------------- comparisons


def _cmp(op: str) -> Criterion:
    return a.compare("n", op, 30, label="n", wording="w")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("op", "below", "at", "above"),
    [(">=", F, T, T), (">", F, F, T), ("<=", T, T, F), ("<", T, F, F), ("==", F, T, F)],
)
def test_comparisons_at_and_around_the_threshold(
    op: str, below: Truth, at: Truth, above: Truth
) -> None:
    crit = _cmp(op)
    assert crit.test(Ctx({"n": 29})) is below
    assert crit.test(Ctx({"n": 30})) is at
    assert crit.test(Ctx({"n": 31})) is above


def test_wording_helpers_map_to_the_conventions() -> None:
    assert a.at_least("n", 1, label="", wording="以上").op == ">="
    assert a.more_than("n", 1, label="", wording="超过").op == ">"
    assert a.at_most("n", 1, label="", wording="不超过").op == "<="
    assert a.less_than("n", 1, label="", wording="不满").op == "<"
    assert a.at_least("n", 1, label="", wording="以上").inclusive
    assert not a.more_than("n", 1, label="", wording="超过").inclusive


def test_missing_fact_is_unknown_and_named() -> None:
    crit = a.at_least("n", 30, label="n", wording="w")
    assert crit.test(Ctx({})) is U
    outcome = crit.explain(Ctx({}))
    assert outcome.truth is U
    assert outcome.missing_facts() == ("n",)


def test_zero_denominator_is_unknown_not_a_pass() -> None:
    crit = a.at_least(a.ratio(a.fact("s"), a.fact("n")), Decimal("0.3"), label="r", wording="w")
    assert crit.test(Ctx({"s": 0, "n": 0})) is U
    assert crit.test(Ctx({"s": 5, "n": 0})) is U
    outcome = crit.explain(Ctx({"s": 5, "n": 0}))
    assert outcome.missing_facts() == ()
    assert "zero" in outcome.reasons()[0]


def test_decided_outcome_reports_no_missing_facts() -> None:
    crit = a.all_of(
        a.at_least("n", 30, label="n", wording="w"), a.is_true("b", label="b", wording="w")
    )
    outcome = crit.explain(Ctx({"n": 1}))
    assert outcome.truth is F
    assert outcome.missing_facts() == ()


def test_prior_year_reads_the_fiscal_year_before_the_date() -> None:
    crit = a.at_least(a.prior_year("x"), 10, label="x", wording="w")
    assert crit.test(Ctx({"x[2020]": 10}, date(2021, 1, 1))) is T
    assert crit.test(Ctx({"x[2020]": 10}, date(2020, 12, 31))) is U
    assert crit.explain(Ctx({}, date(2021, 1, 1))).missing_facts() == ("x[2020]",)


def test_growth_and_years_since() -> None:
    ctx = Ctx({"s[2020]": Decimal(110), "s[2019]": Decimal(100), "d": date(2020, 6, 30)})
    assert a.growth("s").value(ctx) == Decimal("0.1")
    assert a.years_since("d").value(ctx) == 1
    assert a.sum_of_years("s", 2).value(ctx) == 210
