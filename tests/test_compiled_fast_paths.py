"""Fast paths of the compiled answers (``_compiled._Compiler``) against the reference.

* A ratio of two facts against a fixed threshold is decided by cross-multiplication
  (``_ratio_against_bound``): ``op(a, r * b)`` when b > 0 instead of comparing the
  60-digit quotient with r; its docstring argues why the verdict is the same for
  every value the fact bounds allow (docs/limits.md). Hypothesis checks it against
  the reference interpreter (``Compare.test`` / ``explain``) where a rounding error
  would show: numerators at, one unit of the tenth decimal place above and below
  r * b, the largest and smallest denominators, thresholds with up to 31
  significant digits (and longer ones, which keep the division), zero and negative
  denominators, integers, absent facts, for every operator, plain and fiscal-year
  facts.
* Full years since a date fact against a fixed number are compared as an int
  (``_years_since_against_bound``): dates around anniversaries, 29 February,
  future dates, integral and fractional thresholds.
* A marginal scale fixed for the span (``_fixed_marginal``) and the least of two
  amounts: the same Decimal as the reference (value and exponent), bases at and
  one unit around every threshold, zero, negative, absent.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Context, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy._amounts import Fixed, LesserOf, Marginal
from innovpolicy._compiled import _Compiler, _cross_multipliable
from innovpolicy._criteria import Compare, Const, Fact, Product, Ratio, YearFact, YearsSince
from innovpolicy._params import MarginalScale
from innovpolicy._values import in_library_context

ON = date(2021, 6, 30)
XINING = innovpolicy.load("xining")
OPS = (">=", ">", "<=", "<", "==")
#: a validated decimal fact is units * 1E-10 with |units| < 10**28 (below 10**18, at
#: most 10 decimal places); an integer fact is below 10**12
UNITS = 10**28
EXACT = Context(prec=200)


def _value(units: int, written: int) -> Decimal:
    """units * 1E-10, written with exponent -10, as a plain number, or normalized."""
    value = Decimal(f"{units}E-10")
    if written == 1 and value == value.to_integral_value():
        return Decimal(int(value))
    if written == 2:
        return EXACT.normalize(value)
    return value


def _units(value: Decimal | int) -> int:
    return int(EXACT.multiply(Decimal(value), Decimal(10**10)))


def _thresholds() -> st.SearchStrategy[Decimal]:
    """Thresholds the fast path takes (adjusted + decimal places <= 30) and longer
    ones it leaves to the division (past 60 digits, r * b is rounded too)."""
    usual = st.sampled_from(
        [Decimal(t) for t in ("0.03", "0.3", "0.5", "0.02", "0.6", "50000", "1", "0", "-0.1")]
    )
    digits = st.integers(1, 70).flatmap(
        lambda n: st.tuples(st.integers(-(10**n) + 1, 10**n - 1), st.integers(-34, 8))
    )
    drawn = digits.map(lambda pair: Decimal(f"{pair[0]}E{pair[1]}"))
    third = st.integers(25, 70).map(lambda n: Decimal("0." + "3" * n))
    return st.one_of(usual, drawn, third)


def _denominator_units() -> st.SearchStrategy[int]:
    extremes = st.sampled_from([1, 2, 3, 7, UNITS - 1, UNITS // 3, 10**10, 0, -1, -(UNITS - 1)])
    return st.one_of(extremes, st.integers(-UNITS + 1, UNITS - 1), st.integers(1, 10**12))


@st.composite
def _case(draw: Any) -> tuple[Decimal, Any, Any]:
    r = draw(_thresholds(), label="r")
    den_units = draw(_denominator_units(), label="den units")
    if draw(st.booleans(), label="integer denominator") and abs(den_units) < 10**12:
        den: Any = den_units  # an integer fact (a head count)
    else:
        den = _value(den_units, draw(st.integers(0, 2)))
    # numerators around r * den, in units of 1E-10: floor and ceiling, one unit off
    product = EXACT.multiply(r, Decimal(den))
    target = EXACT.multiply(product, Decimal(10**10))
    near = [math.floor(target) + k for k in (-2, -1, 0, 1, 2)]
    candidates = [u for u in near if abs(u) < UNITS] or [0]
    num_units = draw(
        st.one_of(st.sampled_from(candidates), st.integers(-UNITS + 1, UNITS - 1)),
        label="num units",
    )
    if draw(st.booleans(), label="integer numerator") and num_units % 10**10 == 0:
        num: Any = num_units // 10**10
        if abs(num) >= 10**12:
            num = _value(num_units, 0)
    else:
        num = _value(num_units, draw(st.integers(0, 2)))
    return r, num, den


def _compare(op: str, r: Decimal, yearly: bool) -> Compare:
    if yearly:
        left = Ratio(YearFact("rd_expense", 1), YearFact("sales_revenue", 2))
    else:
        left = Ratio(Fact("research_funding"), Fact("rd_staff"))
    return Compare(left, op, Const(r), label="ratio", wording="比例")  # type: ignore[arg-type]


def _facts(num: Any, den: Any, yearly: bool, absent: str) -> dict[str, Any]:
    names = (
        ("rd_expense[2020]", "sales_revenue[2019]") if yearly else ("research_funding", "rd_staff")
    )
    facts = {names[0]: num, names[1]: den}
    for name, gone in zip(names, ("num", "den"), strict=True):
        if absent in (gone, "both"):
            del facts[name]
    return facts


@in_library_context
def _both(criterion: Compare, facts: dict[str, Any]) -> tuple[Any, Any]:
    """(the compiled answer, the reference's) in the library context."""
    why = _Compiler(XINING, ON).why(criterion)
    compiled = why(facts, ON)
    ctx = XINING._fallback_context(facts, ON)
    outcome = criterion.explain(ctx)
    assert criterion.test(XINING._fallback_context(facts, ON)) is outcome.truth
    return compiled, (outcome.truth, outcome.missing_facts(), outcome.reasons())


@settings(max_examples=600, deadline=None)
@given(
    case=_case(),
    op=st.sampled_from(OPS),
    yearly=st.booleans(),
    absent=st.sampled_from(["none"] * 8 + ["num", "den", "both"]),
)
@example(
    case=(Decimal("0.03"), Decimal("30000"), Decimal("1000000")),
    op=">=",
    yearly=False,
    absent="none",
)
@example(
    case=(Decimal("0.03"), Decimal("29999.9999999999"), Decimal("1000000")),
    op=">=",
    yearly=True,
    absent="none",
)
@example(case=(Decimal("0.3"), 3, 10), op=">=", yearly=False, absent="none")
@example(case=(Decimal("0.3"), 3, 0), op=">=", yearly=False, absent="none")
@example(case=(Decimal("0.3"), Decimal(3), Decimal("-10")), op="<", yearly=True, absent="none")
@example(
    case=(Decimal("0." + "3" * 31), Decimal(1), Decimal(3)), op="==", yearly=False, absent="none"
)
@example(
    case=(Decimal("0." + "3" * 32), Decimal(1), Decimal(3)), op=">=", yearly=False, absent="none"
)
@example(
    case=(
        Decimal("0." + "3" * 30),
        Decimal("0.0000000001"),
        Decimal("999999999999999999.9999999999"),
    ),
    op="<",
    yearly=True,
    absent="none",
)
@example(  # 1/3 is below r, and rounds below it at 60 digits; r * 3 rounds to 1
    case=(Decimal("0." + "3" * 61), Decimal(1), Decimal(3)), op=">=", yearly=False, absent="none"
)
def test_a_ratio_against_a_threshold_answers_as_the_reference(
    case: tuple[Decimal, Any, Any], op: str, yearly: bool, absent: str
) -> None:
    r, num, den = case
    criterion = _compare(op, r, yearly)
    compiled, reference = _both(criterion, _facts(num, den, yearly, absent))
    assert compiled == reference


def test_the_cross_multiplied_closure_is_taken_only_for_short_thresholds() -> None:
    compiler = _Compiler(XINING, ON)
    for r, fast in (
        ("0.03", True),
        ("50000", True),
        ("1E+30", True),
        ("1E+31", False),
        ("0." + "3" * 31, True),  # adjusted -1, 31 places
        ("0." + "3" * 32, False),
        ("3" * 31, True),
        ("3" * 32, False),
        ("NaN", False),
        ("Infinity", False),
    ):
        assert _cross_multipliable(Decimal(r)) is fast, r
        why = compiler.why(_compare(">=", Decimal(r), yearly=False))
        assert (why.__name__ == "ratio_against_bound") is fast, r


def test_a_ratio_of_a_computed_value_keeps_its_getter() -> None:
    """Only a ratio of two plain facts is cross-multiplied."""
    criterion = Compare(
        Ratio(Fact("research_funding"), Const(Decimal(3))), ">=", Const(Decimal("0.5")), "r", "比"
    )
    assert _Compiler(XINING, ON).why(criterion).__name__ == "against_bound"


@pytest.mark.parametrize("yearly", [False, True])
def test_every_operator_and_absent_fact_answers_as_the_reference(yearly: bool) -> None:
    """Small cases, every operator, each fact in turn left out, a zero denominator;
    from a caller's context of 5 digits (the answers are the library context's)."""
    with localcontext() as caller:
        caller.prec = 5
        for num, den in ((Decimal("1.5"), Decimal(3)), (Decimal("0.5"), Decimal(1)), (7, 0)):
            for op in OPS:
                for r in (Decimal("0.5"), Decimal("0.04"), Decimal("50000")):
                    for absent in ("none", "num", "den", "both"):
                        compiled, reference = _both(
                            _compare(op, r, yearly), _facts(num, den, yearly, absent)
                        )
                        assert compiled == reference


# --------------------------------------------------------------------------- full years


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@st.composite
def _start_and_day(draw: Any) -> tuple[date, date]:
    """An evaluation day and a start date near one of its anniversaries (or after it)."""
    on = draw(st.dates(date(1990, 1, 1), date(2150, 12, 31)), label="on")
    if draw(st.booleans()):  # the end of February of a leap year, a common one, 2100
        year = draw(st.sampled_from([2020, 2021, 2024, 2100]))
        on = date(year, 2, draw(st.sampled_from([28, 29])) if _leap(year) else 28)
    years = draw(st.integers(-2, 60), label="years back")
    year = min(max(on.year - years, 1900), 2200)
    month, day = on.month, on.day
    if draw(st.booleans()):
        month, day = 2, 29  # a leap day start (clamped below when not a leap year)
    if month == 2 and day == 29 and not _leap(year):
        day = 28
    start = date(year, month, day) + timedelta(days=draw(st.integers(-2, 2), label="shift"))
    return start, on


_YEAR_BOUNDS = st.one_of(
    st.integers(-1, 61).map(Decimal),
    st.sampled_from([Decimal("1.5"), Decimal("0.999"), Decimal("2.0000000001"), Decimal("3E+1")]),
    st.integers(0, 5),  # an int threshold
)


@settings(max_examples=500, deadline=None)
@given(pair=_start_and_day(), op=st.sampled_from(OPS), bound=_YEAR_BOUNDS, absent=st.booleans())
def test_full_years_against_a_threshold_answer_as_the_reference(
    pair: tuple[date, date], op: str, bound: Any, absent: bool
) -> None:
    start, on = pair
    criterion = Compare(
        YearsSince("business_start_date"), op, Const(bound), label="y", wording="年"
    )  # type: ignore[arg-type]
    facts = {} if absent else {"business_start_date": start}

    @in_library_context
    def both() -> tuple[Any, Any]:
        why = _Compiler(XINING, on).why(criterion)
        assert why.__name__ == "years_since_against_bound"
        outcome = criterion.explain(XINING._fallback_context(facts, on))
        return why(facts, on), (outcome.truth, outcome.missing_facts(), outcome.reasons())

    compiled, reference = both()
    assert compiled == reference


def test_full_years_against_other_thresholds_keep_their_getter() -> None:
    """A threshold that is not a finite number (NaN here) is compared as before."""
    criterion = Compare(YearsSince("business_start_date"), ">=", Const(Decimal("NaN")), "y", "年")
    assert _Compiler(XINING, ON).why(criterion).__name__ == "against_bound"


# --------------------------------------------------------------------------- amounts

_SCALES = st.sampled_from(
    [
        MarginalScale.of((0, "0.015"), (10_000_000, "0.01")),
        MarginalScale.of((0, "0.015")),
        MarginalScale.of((0, "0.1"), ("1000.5", "0.05"), (20_000, 0), ("1E+6", "0.333")),
        MarginalScale.of((0, 0), (100, "1.00")),
    ]
)


@st.composite
def _scale_and_base(draw: Any) -> tuple[MarginalScale, Any]:
    scale = draw(_SCALES, label="scale")
    thresholds = [bracket.threshold for bracket in scale.brackets]
    around = draw(st.sampled_from(thresholds), label="threshold")
    unit = Decimal("1E-10")
    base = draw(
        st.one_of(
            st.sampled_from([around - unit, around, around + unit, around + 1, -unit, Decimal(0)]),
            st.integers(-10, 10**12),
            st.decimals(min_value=0, max_value=10**17, places=draw(st.integers(0, 10))),
        ),
        label="base",
    )
    return scale, base


def _same_decimal(a: Any, b: Any) -> bool:
    """Equal values and, for Decimals, the same sign, digits and exponent."""
    if type(a) is Decimal and type(b) is Decimal:
        return a.as_tuple() == b.as_tuple()
    return type(a) is type(b) and a == b


@settings(max_examples=400, deadline=None)
@given(
    case=_scale_and_base(),
    absent=st.booleans(),
    cap=st.sampled_from([None, "1000000", "1E+6", "150000.00"]),
    computed_base=st.booleans(),
    cap_of_a_fact=st.booleans(),
)
def test_a_fixed_marginal_scale_and_the_least_of_two_give_the_references_decimal(
    case: tuple[MarginalScale, Any],
    absent: bool,
    cap: str | None,
    computed_base: bool,
    cap_of_a_fact: bool,
) -> None:
    """The base a fact or a computed value; the cap fixed
    (no getter call) or a fact (the least of two computed values)."""
    scale, base = case
    base_expr: Any = Fact("transaction_volume")
    if computed_base:
        base_expr = Product(base_expr, Const(Decimal("1.0")))
    marginal = Marginal(Const(scale), base_expr, "tiers")  # type: ignore[arg-type]
    formula: Any = marginal
    facts: dict[str, Any] = {} if absent else {"transaction_volume": base}
    if cap is not None:
        cap_expr: Any = Const(Decimal(cap))
        if cap_of_a_fact:
            cap_expr = Fact("contract_amount")
            facts["contract_amount"] = Decimal(cap)
        formula = LesserOf((marginal, Fixed(cap_expr, "cap")))

    @in_library_context
    def both() -> tuple[Any, Any]:
        compiler = _Compiler(XINING, ON)
        compute = compiler.compute(formula)
        assert compiler.compute(marginal).__name__ == "fixed_marginal"
        if cap is not None:
            assert compute.__name__ == (
                "lesser_of_two" if cap_of_a_fact else "lesser_of_and_constant"
            )
        return compute(facts, ON), formula.compute(XINING._fallback_context(facts, ON))

    compiled, reference = both()
    assert _same_decimal(compiled, reference), (compiled, reference)


def test_the_least_of_two_equal_amounts_is_the_first_as_written() -> None:
    for first, second in (("1000000", "1E+6"), ("1E+6", "1000000.00"), ("5", "5.0")):
        for left in (Const(Decimal(first)), Fact("contract_amount")):
            for right in (Const(Decimal(second)), Fact("transaction_volume")):
                formula = LesserOf((Fixed(left, "a"), Fixed(right, "b")))
                facts = {"contract_amount": Decimal(first), "transaction_volume": Decimal(second)}
                compiled = _Compiler(XINING, ON).compute(formula)(facts, ON)
                reference = formula.compute(XINING._fallback_context(facts, ON))
                assert _same_decimal(compiled, reference)
                assert str(compiled) == first
