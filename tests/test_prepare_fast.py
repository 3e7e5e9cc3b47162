"""The compiled fact validator and the fast ``format_decimal`` against their references.

``FactRegistry.normalize`` takes a compiled fast path for values already of their
fact's type; ``normalize_reference`` is the general path it falls back to. Over
generated mappings that mix good values (at the bounds, of every plain form) with
hostile ones, both must give the same flat facts (keys, values, types, reprs and
order) or raise the same error (class, field, value, message). The same holds for
``Jurisdiction.prepare``, under the library's decimal context and a hostile one.
"""

from __future__ import annotations

import decimal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy._facts import CORE_REGISTRY, FactRegistry, FactSpec
from innovpolicy._values import MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR, format_decimal
from innovpolicy.exceptions import short_repr

XINING = innovpolicy.load("xining")
REGISTRY = XINING.fact_registry
SPECS: list[FactSpec] = list(REGISTRY)
YEARLY = [spec for spec in SPECS if spec.yearly]

SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# --------------------------------------------------------------------------- strategies

BIG = 10**18


def _decimal(sign: int, coefficient: int, exponent: int) -> Decimal:
    return Decimal((sign, tuple(int(d) for d in str(coefficient)), exponent))


# Decimals of every shape around the bounds: exponents from -14 to +20 (so plain and
# scientific str(), up to 10 places and beyond), zeros with any exponent and sign.
SHAPED_DECIMALS = st.builds(
    _decimal,
    st.sampled_from([0, 0, 0, 1]),
    st.one_of(st.integers(0, 10**6), st.integers(0, 10**29), st.sampled_from([0, 1, 10, 100])),
    st.integers(-14, 20),
)
EDGE_DECIMALS = st.sampled_from(
    [
        Decimal(0),
        Decimal("-0"),
        Decimal("-0.00"),
        Decimal("0.000"),
        Decimal("0E+50"),
        Decimal("0E-7"),
        Decimal("-0E-30"),
        Decimal("1E-10"),
        Decimal("1E-11"),
        Decimal("1E-7"),
        Decimal("0.0000000001"),
        Decimal("1.000000000000"),
        Decimal("1." + "0" * 45),
        Decimal("999999999999999999.9999999999"),
        Decimal("999999999999999999.99999999999"),
        Decimal(BIG),
        Decimal(BIG - 1),
        Decimal("1E+17"),
        Decimal("1E+18"),
        Decimal("1E+7"),
        Decimal("123456789.87"),
        Decimal("1E+9999"),
        Decimal("1E-9999"),
        Decimal("NaN"),
        Decimal("-NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal(-5),
    ]
)
HOSTILE = st.sampled_from(
    [
        "1,5",
        "2_019",
        "2.019e3",
        "２０１９",
        "١٢٣",
        "1e999999",
        "-1E-999999999",
        "9" * 300,
        "1" * 19,
        "0" * 19,
        "-0",
        "-0.00",
        "0E+9999",
        "NaN",
        "sNaN",
        " 7 ",
        "1,000,000",
        "1,000,000.125",
        "0.00000000001",
        "",
        ".",
        "true",
        " TRUE ",
        "x\x00y",
        "\ud800",
        "a" * 1001,
        "9999-12-31",
        "0001-01-01",
        "2021-02-30",
        "2021-6-30",
        "2021-W01-1",
        "20210630",
        10**5000,
        -(10**30),
        2**63,
        10**12,
        -(10**12),
        True,
        False,
        None,
        [],
        {},
        (),
        1.5,
        float("nan"),
        date.min,
        date.max,
        date(1899, 12, 31),
        date(2201, 1, 1),
        datetime(2020, 1, 1, 12, 0),
        b"123",
        object(),
    ]
)


def _own(spec: FactSpec) -> st.SearchStrategy[Any]:
    """Values of the forms the fast path takes for *spec*, in and out of bounds."""
    if spec.kind == "decimal":
        return st.one_of(
            SHAPED_DECIMALS,
            EDGE_DECIMALS,
            st.integers(0, 10) | st.integers(-3, BIG + 3),
            st.integers(0, BIG + 10).map(str),
            st.integers(0, 10**6).map(lambda n: f"{n:020d}"),
            st.decimals(min_value=-BIG, max_value=BIG, places=2),
        )
    if spec.kind == "integer":
        return st.one_of(
            st.integers(-3, 200),
            st.integers(MIN_YEAR - 2, MAX_YEAR + 2),
            st.integers(-(10**12) - 1, 10**12 + 1),
            st.sampled_from(["12", "1,000", Decimal("3.0"), Decimal("-0"), 3.0]),
        )
    if spec.kind == "boolean":
        return st.one_of(st.booleans(), st.sampled_from(["true", "false", " TRUE ", 1, 0]))
    if spec.kind == "date":
        days = st.dates(min_value=date(1800, 1, 1), max_value=date(2300, 12, 31))
        return st.one_of(days, days.map(date.isoformat), days.map(lambda d: f" {d} "))
    if spec.choices:
        return st.one_of(
            st.sampled_from(spec.choices),
            st.sampled_from(spec.choices).map(str.upper),
        )
    return st.one_of(
        st.text(max_size=20),
        st.sampled_from(["西宁市", "城东区", "a\tb", "line\nbreak", "\u200b", "x" * 1000]),
    )


def _single(spec: FactSpec) -> st.SearchStrategy[Any]:
    return st.one_of(_own(spec), _own(spec), _own(spec), HOSTILE)


YEAR_KEYS = st.one_of(
    st.integers(2014, 2021),
    st.integers(2014, 2021).map(str),
    st.sampled_from(
        [
            MIN_YEAR,
            MAX_YEAR,
            MIN_YEAR - 1,
            MAX_YEAR + 1,
            "1899",
            "2201",
            " 2019",
            "２０１９",
            "2,019",
            True,
            2019.0,
            Decimal(2019),
            None,
        ]
    ),
)


def _yearly(spec: FactSpec) -> st.SearchStrategy[Any]:
    items = st.one_of(_own(spec), _own(spec), _own(spec), st.none(), HOSTILE)
    good_years = st.dictionaries(st.integers(2014, 2021), _own(spec), max_size=7)
    return st.one_of(
        good_years,
        good_years,
        st.dictionaries(st.integers(2014, 2021).map(str), _own(spec), max_size=4),
        st.dictionaries(YEAR_KEYS, items, max_size=6),
        HOSTILE,
    )


@st.composite
def mappings(draw: st.DrawFn) -> dict[Any, Any]:
    """A facts mapping over a random subset of the declared facts, in a random order."""
    chosen = draw(st.lists(st.sampled_from(SPECS), max_size=25, unique_by=lambda s: s.name))
    facts: dict[Any, Any] = {}
    for spec in chosen:
        if spec.yearly and draw(st.integers(0, 5)) == 0:
            facts[f"{spec.name}[{draw(st.sampled_from([2019, 2020, '2019', 'x']))}]"] = draw(
                st.one_of(_single(spec), st.none())
            )
        elif draw(st.integers(0, 9)) == 0:
            facts[spec.name] = None
        else:
            facts[spec.name] = draw(_yearly(spec) if spec.yearly else _single(spec))
    if YEARLY and draw(st.integers(0, 6)) == 0:  # one year given both ways
        spec = draw(st.sampled_from(YEARLY))
        facts.setdefault(spec.name, {2019: Decimal(5)})
        facts[f"{spec.name}[2019]"] = draw(st.sampled_from([Decimal(5), Decimal(6), "5"]))
    if draw(st.integers(0, 8)) == 0:  # a consistency constraint to break, maybe
        facts["employees"] = draw(st.integers(0, 20))
        facts["sci_tech_staff"] = draw(st.integers(0, 20))
    if draw(st.integers(0, 15)) == 0:
        facts[draw(st.one_of(st.text(max_size=8), st.integers(), st.none()))] = draw(HOSTILE)
    return facts


# --------------------------------------------------------------------------- comparison


def _outcome(fn: Callable[[Any], Any], facts: Any, hostile: bool = False) -> tuple[Any, ...]:
    """What *fn* does with *facts* (in a hostile decimal context if *hostile*): every
    item with its type and repr (written in the default context), or the error."""
    try:
        if hostile:
            with hostile_context():
                flat = fn(facts)
        else:
            flat = fn(facts)
    except Exception as exc:
        return (
            "error",
            type(exc),
            str(exc),
            getattr(exc, "field", None),
            repr(getattr(exc, "reason", None)),
            type(getattr(exc, "value", None)),
            short_repr(getattr(exc, "value", None)),
        )
    return (
        "ok",
        [(key, type(key), type(value), repr(value), value) for key, value in flat.items()],
    )


def _same(registry: FactRegistry, facts: Any) -> None:
    fast = _outcome(registry.normalize, facts)
    reference = _outcome(registry.normalize_reference, facts)
    assert fast == reference


@contextmanager
def hostile_context() -> Iterator[None]:
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.capitals = 0
        for trap in (decimal.Inexact, decimal.Rounded, decimal.Clamped, decimal.Subnormal):
            ctx.traps[trap] = True
        yield


@SETTINGS
@given(mappings())
def test_normalize_matches_the_reference(facts: dict[Any, Any]) -> None:
    _same(REGISTRY, facts)


@SETTINGS
@given(mappings())
def test_normalize_matches_the_reference_under_a_hostile_context(facts: dict[Any, Any]) -> None:
    fast = _outcome(REGISTRY.normalize, facts, hostile=True)
    reference = _outcome(REGISTRY.normalize_reference, facts, hostile=True)
    assert fast == reference


@SETTINGS
@given(mappings(), st.sampled_from(["error", "report"]))
def test_prepare_matches_the_reference(facts: dict[Any, Any], unknown: str) -> None:
    def reference(source: Any) -> dict[str, Any]:
        if unknown == "report":
            source = {k: v for k, v in source.items() if XINING._declares(k)}
        return REGISTRY.normalize_reference(source)

    prepared = _outcome(lambda f: XINING.prepare(f, unknown_facts=unknown)._data, facts)
    assert prepared == _outcome(reference, facts)


@SETTINGS
@given(st.lists(mappings(), min_size=1, max_size=3))
def test_lists_of_mappings_match_merged_reference_validation(parts: list[Any]) -> None:
    # Each part is validated as before; only the outcome per part is compared here,
    # the merge itself is unchanged code.
    for part in parts:
        _same(REGISTRY, part)


def test_the_core_registry_and_plain_forms() -> None:
    facts = {
        "employees": 100,
        "sci_tech_staff": 35,
        "owns_ip": True,
        "business_start_date": "2012-03-15",
        "registration_date": date(2012, 3, 1),
        "host_kind": "enterprise",
        "name": "某某科技有限公司",
        "sales_revenue": {2018: "1000000", "2019": 5, 2020: Decimal("12.50")},
        "rd_expense": {2018: Decimal("30000.0000000001")},
        "tax_paid": {2018: Decimal(0), 2019: Decimal("-0")},
        "rd_super_deduction_exemption": Decimal("1E+7"),
        "lab_area": "0",
        "facility_area": 7,
    }
    flat = CORE_REGISTRY.normalize(facts)
    assert flat == CORE_REGISTRY.normalize_reference(facts)
    assert [(k, repr(v)) for k, v in flat.items()] == [
        (k, repr(v)) for k, v in CORE_REGISTRY.normalize_reference(facts).items()
    ]
    assert flat["sales_revenue[2019]"] == Decimal(5)
    assert repr(flat["tax_paid[2019]"]) == "Decimal('0')"


PLAIN_FIRMS: list[dict[str, Any]] = [
    {
        "main_business_is_tech": True,
        "business_start_date": "2012-03-15",
        "finances_sound": True,
        "main_business_revenue": {2018: "900000"},
        "sales_revenue": {2018: "1000000"},
        "employees": 100,
        "sci_tech_staff": 35,
        "rd_expense": {2018: "30000"},
        "owns_ip": True,
    },
    {
        "sales_revenue": {2017: Decimal("1.5"), 2018: "5", "2019": 7, 2020: Decimal("1E+7")},
        "rd_expense": {"2018": Decimal("0.0000000001"), "2019": Decimal(3)},
        "tax_paid": {2018: Decimal("999999999999999999.9999999999")},
        "lab_area": Decimal("12.25"),
        "contract_amount": 300,
        "equipment_value": "1000",
        "grant_date": date(2020, 1, 1),
        "contract_type": "transfer",
        "district": "城东区",
        "director_age": 40,
        "rd_super_deduction_exemption": None,
    },
]


@pytest.mark.parametrize("facts", PLAIN_FIRMS)
def test_plain_input_takes_the_fast_path(facts: dict[str, Any]) -> None:
    fast = REGISTRY._normalize_fast(facts)
    assert fast is not None  # not left to the general path
    assert list(fast.items()) == list(REGISTRY.normalize_reference(facts).items())
    _same(REGISTRY, facts)


@pytest.mark.parametrize(
    "facts",
    [
        {"sales_revenue": {2019: Decimal(5), "2019": Decimal(6)}},  # one year twice
        {"sales_revenue": {2019: Decimal(5), "2019": Decimal("5.0")}},  # equal: harmless
        {"sales_revenue": {2019: Decimal(5)}, "sales_revenue[2019]": Decimal(6)},
        {"sales_revenue": {2019: Decimal(5)}, "sales_revenue[2019]": "5"},
        {"rd_expense": {2019: Decimal("1E-11")}},
        {"rd_expense": {2019: Decimal("-1")}},
        {"rd_expense": {2019: Decimal("NaN")}},
        {"rd_expense": {2019: Decimal("sNaN")}},
        {"rd_expense": {2019: Decimal("1E+18")}},
        {"rd_expense": {1899: Decimal("1")}},
        {"lab_area": Decimal("sNaN"), "employees": "x"},
        {"lab_area": Decimal("1E-11"), "employees": "x"},  # the first error is reported
        {"employees": 10, "sci_tech_staff": 11},
        {"employes": 10},
        {"employees": True},
        {"director_age": 10**12},
    ],
)
def test_known_cases_match_the_reference(facts: dict[str, Any]) -> None:
    _same(REGISTRY, facts)
    _same(CORE_REGISTRY, facts)


def test_a_million_digits_stay_linear() -> None:
    huge = Decimal("1." + "0" * 1_000_000)
    longer = Decimal("1." + "0" * 999_999 + "1")
    for value in (huge, longer):
        for facts in ({"lab_area": value}, {"rd_expense": {2019: value, 2020: Decimal(1)}}):
            start = time.perf_counter()
            _same(REGISTRY, facts)
            assert time.perf_counter() - start < 2.0  # a hang guard, not a benchmark


def test_a_registry_with_other_minimums_and_kinds() -> None:
    specs = [
        FactSpec("loss", "decimal", "may be negative"),  # minimum None
        FactSpec("floor", "decimal", "at least 5", minimum=Decimal(5)),
        FactSpec("count", "integer", "at least 2", minimum=Decimal("1.5")),
        FactSpec("founded", "integer", "a year", unit="year"),
        FactSpec("counts", "integer", "per year", yearly=True, minimum=Decimal(0)),
        FactSpec("flags", "boolean", "per year", yearly=True),
        FactSpec("odd", "decimal", "NaN minimum", minimum=Decimal("NaN")),
    ]
    registry = FactRegistry(specs, ())
    cases: list[dict[str, Any]] = [
        {"loss": Decimal("-5.5"), "floor": Decimal("4.99"), "count": 1},
        {"loss": Decimal("-0"), "floor": Decimal("5"), "count": 2, "founded": 1899},
        {"founded": 2019, "counts": {2019: Decimal("3.0"), 2020: 4}},
        {"counts": {2019: "3"}, "flags": {2019: True, "2020": "false"}},
        {"odd": Decimal(1)},
    ]
    for facts in cases:
        _same(registry, facts)


# --------------------------------------------------------------------------- yearly dicts, subclasses

#: the yearly facts whose usual form (int years, non-zero Decimals) takes the fast loop
YEARLY_DECIMAL = [spec for spec in YEARLY if spec.kind == "decimal"]
USUAL_AMOUNTS = st.one_of(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2),
    st.builds(_decimal, st.just(0), st.integers(1, 10**17), st.integers(-10, 0)),
)


@st.composite
def yearly_changing_form(draw: st.DrawFn) -> tuple[dict[Any, Any], bool]:
    """A mapping with a yearly decimal fact whose first years are of the usual form
    and whose later ones may be of any other (a str year, the same year again as
    "2019", an int or digit string, a zero, None, a hostile value): the fast loop
    puts some keys, then meets another form. Also: whether every item was a plain
    form with no year given twice (then the fast path must not give up)."""
    spec = draw(st.sampled_from(YEARLY_DECIMAL))
    value: dict[Any, Any] = draw(
        st.dictionaries(st.integers(2014, 2021), USUAL_AMOUNTS, min_size=1, max_size=4)
    )
    tail = draw(
        st.lists(
            st.tuples(
                YEAR_KEYS,
                st.one_of(
                    USUAL_AMOUNTS,
                    st.integers(0, 10**6),
                    st.integers(0, 10**6).map(str),
                    EDGE_DECIMALS,
                    st.none(),
                    HOSTILE,
                ),
            ),
            max_size=4,
        )
    )
    for year, item in tail:
        value.setdefault(year, item)
    plain = True
    years: set[int] = set()
    for year, item in value.items():
        if type(year) is str and year.isascii() and year.isdigit() and len(year) == 4:
            number = int(year)
        elif type(year) is int:
            number = year
        else:
            plain = False
            break
        plain = plain and MIN_YEAR <= number <= MAX_YEAR and number not in years
        years.add(number)
        if type(item) is Decimal:
            plain = plain and _plain_reference([item])  # (non-zero, since positive)
        elif type(item) is int:
            plain = plain and 0 <= item < BIG
        elif type(item) is str:
            plain = plain and item.isascii() and item.isdigit() and len(item) <= 18
        else:
            plain = False
    before = draw(
        st.sampled_from([{}, {"employees": 3}, {"owns_ip": True, "lab_area": Decimal(5)}])
    )
    facts = {**before, spec.name: value, "rd_staff": 7}
    return facts, plain


@SETTINGS
@given(yearly_changing_form())
def test_yearly_dicts_changing_form_midway_match_the_reference(case: Any) -> None:
    facts, plain = case
    _same(REGISTRY, facts)
    assert _outcome(REGISTRY.normalize, facts, hostile=True) == _outcome(
        REGISTRY.normalize_reference, facts, hostile=True
    )
    if plain:  # (a plain year given as "2019" and 2019 is not plain: it is refused)
        assert REGISTRY._normalize_fast(facts) is not None


class _Str(str):
    __slots__ = ()


class _LoudStr(str):
    """A str subclass whose formatting differs from its value's."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return "loud"


class _Int(int):
    __slots__ = ()


class _Decimal(Decimal):
    __slots__ = ()


class _Dict(dict):  # type: ignore[type-arg]
    pass


def _subclassed(value: Any) -> st.SearchStrategy[Any]:
    """*value* as it is, or as an instance of a subclass of its type (names, years,
    values and yearly dicts alike)."""
    kind = type(value)
    forms: list[Any] = [value]
    if kind is str:
        forms += [_Str(value), _LoudStr(value)]
    elif kind is int:
        forms.append(_Int(value))
    elif kind is Decimal:
        forms.append(_Decimal(value))
    elif kind is dict:
        forms.append(_Dict(value))
    return st.sampled_from(forms)


@st.composite
def subclassed_mappings(draw: st.DrawFn) -> Any:
    """A generated mapping (or a firm of the usual forms) with some of its names,
    values, years and yearly values replaced by instances of subclasses."""
    facts = draw(st.one_of(mappings(), yearly_changing_form().map(lambda case: case[0])))
    result: dict[Any, Any] = {}
    for name, value in facts.items():
        if type(value) is dict and draw(st.booleans()):
            value = {draw(_subclassed(y)): draw(_subclassed(v)) for y, v in value.items()}
        result[draw(_subclassed(name))] = draw(_subclassed(value))
    return draw(_subclassed(result))


@SETTINGS
@given(subclassed_mappings())
def test_subclasses_match_the_reference(facts: Any) -> None:
    _same(REGISTRY, facts)
    prepared = _outcome(lambda f: XINING.prepare(f)._data, facts)
    assert prepared == _outcome(REGISTRY.normalize_reference, facts)


# --------------------------------------------------------------------------- format_decimal


def _format_decimal_reference(value: Decimal) -> str:
    """format_decimal as it was before its fast path."""
    if value.is_zero():
        return "0"
    if not value.is_finite() or not -100 < value.adjusted() < 100:
        return str(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


ANY_DECIMAL = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        _decimal,
        st.integers(0, 1),
        st.one_of(st.integers(0, 10**6), st.integers(0, 10**120)),
        st.integers(-130, 130),
    ),
    EDGE_DECIMALS,
    st.sampled_from([Decimal("NaN123"), Decimal("-sNaN7"), Decimal("1" * 99 + ".50")]),
)


@given(ANY_DECIMAL)
def test_format_decimal_matches_the_reference(value: Decimal) -> None:
    assert format_decimal(value) == _format_decimal_reference(value)
    with hostile_context():  # capitals=0: str() writes "1e+7"
        assert format_decimal(value) == _format_decimal_reference(value)


def test_format_decimal_examples() -> None:
    assert format_decimal(Decimal("1E+7")) == "10000000"
    assert format_decimal(Decimal("-0.00")) == "0"
    assert format_decimal(Decimal("12.500")) == "12.5"
    assert format_decimal(Decimal("0.0000001")) == "0.0000001"
    assert format_decimal(Decimal("1E+150")) == "1E+150"
    assert format_decimal(Decimal("NaN")) == "NaN"
    assert format_decimal(Decimal("1" * 120 + ".50")) == "1" * 120 + ".50"


def test_dates_of_the_bounds() -> None:
    for day in (MIN_DATE, MAX_DATE, MIN_DATE.isoformat(), MAX_DATE.isoformat()):
        _same(REGISTRY, {"grant_date": day})


# --------------------------------------------------------------------------- _plain_decimals


def _plain_reference(decimals: list[Decimal]) -> bool:
    """_plain_decimals's contract, value by value: each one positive, finite, below
    10**18, with an exponent of at least -10."""
    return all(
        value.is_finite()
        and 0 < value < BIG
        and isinstance(exponent := value.as_tuple().exponent, int)
        and exponent >= -10
        for value in decimals
    )


NON_ZERO_DECIMALS = st.one_of(SHAPED_DECIMALS, EDGE_DECIMALS, st.decimals()).filter(
    lambda d: d.is_nan() or not d.is_zero()
)


@SETTINGS
@given(st.lists(NON_ZERO_DECIMALS, min_size=1, max_size=12))
def test_plain_decimals_matches_a_check_value_by_value(decimals: list[Decimal]) -> None:
    from innovpolicy._facts import _plain_decimals

    try:
        fast = _plain_decimals(decimals)
    except ArithmeticError:  # (sNaN, overflow): _normalize_fast leaves all to the general path
        fast = False
    assert fast == _plain_reference(decimals)
    if fast:  # then the general path returns each value unchanged
        assert all(REGISTRY["lab_area"].coerce(value) is value for value in decimals)
    with hostile_context():
        try:
            hostile = _plain_decimals(decimals)
        except ArithmeticError:
            hostile = False
    assert hostile == fast
