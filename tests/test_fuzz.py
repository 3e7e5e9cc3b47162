"""Fuzzing every rule of the Xining stack with hostile facts, dates and environments.

For each rule, Hypothesis draws facts over exactly the facts the rule declares
(``facts_for``), mixing valid values at the documented bounds with hostile ones:
misplaced separators, fullwidth digits, huge exponents and digit counts, negative
zero, NaN, floats, booleans, nested and self-containing lists, random unicode,
out-of-range and malformed dates, duplicate and malformed fiscal-year keys. Every
call must

* return a result or raise one of innovpolicy's own errors (nothing else),
* finish quickly (a generous 1 s per call, only as a hang guard),
* never print a negative zero in ``to_json()`` or ``render()``,
* answer identically under a hostile caller decimal context and in another thread.

The default profile keeps this file fast in CI (a few examples per rule). For a
nightly run::

    .venv/bin/python -m pytest tests/test_fuzz.py --hypothesis-profile=fuzz
"""

from __future__ import annotations

import contextlib
import decimal
import io
import json
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy.__main__ import main
from innovpolicy._facts import FactSpec
from innovpolicy._values import MAX_DATE, MAX_YEAR, MIN_DATE, MIN_YEAR
from innovpolicy.exceptions import InnovPolicyError

XINING = innovpolicy.load("xining")
RULE_IDS = XINING.rule_ids()
HANG_GUARD_S = 1.0
# A share of the profile's examples per rule: 67 rules stay fast by default and
# the `fuzz` profile multiplies them.
PER_RULE = settings(
    max_examples=max(4, settings.default.max_examples // 12),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------- hostile values


def _loop() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


def _deep(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


HOSTILE_NUMBERS = st.sampled_from(
    [
        "1,5",
        "1,0",
        "2,019",
        "2_019",
        "2.019e3",
        "２０１９",
        "1e999999",
        "1e999999999",
        "-1E-999999999",
        "1e-1000000",
        "9" * 5000,
        "1" * 19,
        "-0",
        "-0.00",
        "0E+9999",
        "NaN",
        "-Infinity",
        "sNaN",
        " 7 ",
        "1,000,000",
        "1,000,000.125",
        "0.00000000001",
        "123456789.87",
        "999999999999999999.9999999999",
        "",
        "+",
        ".",
        "1e",
        "0x10",
        "١٢٣",
    ]
)
HOSTILE_OBJECTS = st.one_of(
    st.sampled_from(
        [
            Decimal("-0"),
            Decimal("-0E-30"),
            Decimal("1E+9999"),
            Decimal("1E-9999"),
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("-Infinity"),
            10**5000,
            -(10**30),
            2**63,
            True,
            False,
            None,
            [],
            {},
            date.min,
            date.max,
            date(9999, 12, 31),
            datetime(2020, 1, 1, 12, 0),
            "9999-12-31",
            "0001-01-01",
            "2021-02-30",
            "2021-6-30",
            "２０２１-０６-３０",
            b"123",
            object(),
        ]
    ),
    st.builds(_loop),
    st.builds(_deep, st.sampled_from([3, 50, 5000])),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=5),
    st.dates(),
)
HOSTILE = st.one_of(HOSTILE_NUMBERS, HOSTILE_OBJECTS)

BIG = 10**18 - 1
EDGE_DECIMALS = st.sampled_from(
    [
        Decimal(0),
        Decimal("-0"),
        Decimal("0E+50"),
        Decimal("1E-10"),
        Decimal("0.0000000001"),
        Decimal("999999999999999999.9999999999"),
        Decimal("123456789.87"),
        Decimal("1E+17"),
        "1,000,000.50",
        "-0.00",
    ]
)


def _valid(spec: FactSpec) -> st.SearchStrategy[Any]:
    """Valid values of *spec*, leaning towards the documented bounds."""
    if spec.kind == "decimal":
        places = st.integers(0, 10).flatmap(
            lambda p: st.decimals(min_value=-BIG, max_value=BIG, places=p)
        )
        return st.one_of(EDGE_DECIMALS, places, st.integers(-BIG, BIG))
    if spec.kind == "integer":
        if spec.unit == "year":
            return st.integers(MIN_YEAR - 2, MAX_YEAR + 2)
        return st.one_of(
            st.integers(-(10**12) + 1, 10**12 - 1),
            st.integers(-3, 200),
            st.sampled_from(["1,000", "12", Decimal("-0"), Decimal("3.0")]),
        )
    if spec.kind == "boolean":
        return st.one_of(st.booleans(), st.sampled_from(["true", "false", " TRUE "]))
    if spec.kind == "date":
        days = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)
        return st.one_of(days, days.map(date.isoformat))
    if spec.choices:
        return st.sampled_from(spec.choices)
    return st.text(max_size=20)


def _year_keys(on: date) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(on.year - 4, on.year),
        st.integers(on.year - 4, on.year).map(str),
        st.sampled_from(
            [MIN_YEAR - 1, MAX_YEAR + 1, "2,019", "2_019", "2.019e3", "２０１９", " 2019", True]
        ),
        st.integers(),
    )


def _value(spec: FactSpec, on: date) -> st.SearchStrategy[Any]:
    single = st.one_of(_valid(spec), _valid(spec), _valid(spec), HOSTILE)
    if not spec.yearly:
        return single
    item = st.one_of(single, st.none())
    return st.one_of(
        st.dictionaries(_year_keys(on), item, max_size=6),
        st.dictionaries(_year_keys(on), item, max_size=6),
        HOSTILE,
    )


@st.composite
def _case(draw: st.DrawFn, rule_id: str) -> tuple[Any, Any]:
    windows = XINING.windows(rule_id)
    inside = [
        st.dates(min_value=max(start, MIN_DATE), max_value=min(end or MAX_DATE, MAX_DATE))
        for start, end in windows
    ]
    on = draw(
        st.one_of(
            *inside,
            *inside,
            st.sampled_from([MIN_DATE, MAX_DATE, date(2021, 6, 30)]),
            st.sampled_from([date(1, 1, 1), date(9999, 12, 31), "2021-02-30", "20210630", None]),
        )
    )
    year_of = on if isinstance(on, date) else date(2021, 6, 30)
    facts: dict[Any, Any] = {}
    for spec in XINING.facts_for(rule_id):
        if draw(st.integers(0, 5)) == 0:
            continue  # unknown
        if spec.yearly and draw(st.integers(0, 6)) == 0:
            # The flat name that `missing` reports, e.g. rd_expense[2020].
            key = f"{spec.name}[{draw(st.integers(year_of.year - 3, year_of.year))}]"
            facts[key] = draw(st.one_of(_valid(spec), HOSTILE))
        else:
            facts[spec.name] = draw(_value(spec, year_of))
    if draw(st.integers(0, 20)) == 0:
        facts[draw(st.text(max_size=12))] = draw(HOSTILE)  # an unknown name
    return facts, on


# --------------------------------------------------------------------------- checks


@contextmanager
def hostile_context() -> Iterator[None]:
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        for trap in (decimal.Inexact, decimal.Rounded, decimal.Clamped, decimal.Subnormal):
            ctx.traps[trap] = True
        yield


def _hostile_thread_context() -> None:
    ctx = decimal.getcontext()
    ctx.prec = 5
    ctx.rounding = decimal.ROUND_UP
    ctx.traps[decimal.Inexact] = True


_POOL = ThreadPoolExecutor(max_workers=2, initializer=_hostile_thread_context)


def _answer(rule_id: str, facts: Any, on: Any) -> tuple[str, str]:
    """The JSON and text of the result, or the error's type and message."""
    start = time.perf_counter()
    try:
        result = XINING.evaluate(rule_id, facts, on)
        answer = (result.to_json(), result.render())
    except InnovPolicyError as exc:
        answer = (type(exc).__name__, str(exc))
    except Exception as exc:  # pragma: no cover - the point of the suite
        raise AssertionError(f"{rule_id}: {type(exc).__name__} escaped: {exc!r}") from exc
    elapsed = time.perf_counter() - start
    assert elapsed < HANG_GUARD_S, f"{rule_id} took {elapsed:.2f} s"
    return answer


def _negative_zero(text: str) -> bool:
    """A printed negative zero: ``-0``, ``-0.00`` (but not ``-0.001`` or a date's ``-06``)."""
    return re.search(r"(?<![0-9A-Za-z.])-0(?:\.0+)?(?![0-9.])", text) is not None


def _check(rule_id: str, facts: Any, on: Any) -> None:
    answer = _answer(rule_id, facts, on)
    if not answer[0].endswith("Error"):
        assert not _negative_zero(answer[0]), answer[0]
        assert not _negative_zero(answer[1]), answer[1]
    with hostile_context():
        assert _answer(rule_id, facts, on) == answer
        assert decimal.getcontext().prec == 3
    in_thread = _POOL.submit(_answer, rule_id, facts, on).result(timeout=30)
    assert in_thread == answer


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_survives_hostile_facts(rule_id: str) -> None:
    @PER_RULE
    @given(_case(rule_id))
    def run(case: tuple[Any, Any]) -> None:
        facts, on = case
        _check(rule_id, facts, on)

    run()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        HOSTILE,
        st.lists(HOSTILE, max_size=3),
        st.dictionaries(st.one_of(HOSTILE_NUMBERS, st.text(max_size=20), st.integers()), HOSTILE),
    ),
    st.sampled_from(RULE_IDS),
)
def test_hostile_top_level_arguments(facts: Any, rule_id: str) -> None:
    """Whatever is passed as the facts argument, only innovpolicy's errors come out."""
    _answer(rule_id, facts, date(2021, 6, 30))


@settings(deadline=None)
@given(st.one_of(HOSTILE, st.text(max_size=40)))
def test_hostile_rule_ids_parameters_and_dates(value: Any) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: XINING.evaluate(value, {}, date(2021, 6, 30)),
        lambda: XINING.evaluate("QH-TBE", {}, value),
        lambda: XINING.parameter(value, date(2021, 6, 30)),
        lambda: XINING.evaluate_all({}, date(2021, 6, 30), rule_ids=value),
        lambda: innovpolicy.load(value, plugins=()),
    ]
    for call in calls:
        start = time.perf_counter()
        with suppress(InnovPolicyError):
            call()
        assert time.perf_counter() - start < HANG_GUARD_S


def test_threads_share_one_jurisdiction() -> None:
    """Eight threads with eight different contexts evaluate every rule identically."""
    facts = {"employees": 100, "sci_tech_staff": 35, "transaction_volume": "12000000.005"}
    facts["achievements_transformed"] = 3
    on = date(2021, 6, 30)
    expected = [XINING.evaluate(rule_id, {}, on).to_json() for rule_id in RULE_IDS]
    expected_facts = [r.to_json() for r in XINING.evaluate_all(facts, on)]
    barrier = threading.Barrier(8)

    def work(prec: int) -> tuple[list[str], list[str]]:
        decimal.getcontext().prec = prec
        decimal.getcontext().traps[decimal.Inexact] = prec < 10
        barrier.wait(timeout=30)
        return (
            [XINING.evaluate(rule_id, {}, on).to_json() for rule_id in RULE_IDS],
            [r.to_json() for r in XINING.evaluate_all(facts, on)],
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(work, (2, 3, 5, 8, 12, 28, 60, 200)))
    assert all(answer == (expected, expected_facts) for answer in answers)


ENTITIES = (
    innovpolicy.Enterprise,
    innovpolicy.ResearchInstitute,
    innovpolicy.Platform,
    innovpolicy.TechnologyContract,
    innovpolicy.Patent,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ENTITIES), st.data())
def test_entities_refuse_hostile_values_with_library_errors(cls: Any, data: st.DataObject) -> None:
    names = [f.name for f in attrs.fields(cls) if not f.name.startswith("_")]
    chosen = data.draw(st.lists(st.sampled_from(names), max_size=4, unique=True))
    values = {name: data.draw(HOSTILE) for name in chosen}
    start = time.perf_counter()
    try:
        entity = cls(**values)
    except InnovPolicyError:
        return
    finally:
        assert time.perf_counter() - start < HANG_GUARD_S
    _check(RULE_IDS[0], entity, date(2021, 6, 30))


JSON_FRAGMENTS = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        '"employees"',
        '"rd_expense"',
        '"2019"',
        '"rd_expense[2020]"',
        "1e999999999",
        "-0",
        "NaN",
        "Infinity",
        "null",
        "true",
        '"1,5"',
        "9" * 60,
        '"２０１９"',
        "\ufeff",
        "\n",
    ]
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=200),
        st.lists(JSON_FRAGMENTS, max_size=30).map(lambda parts: "".join(parts).encode()),
        st.dictionaries(st.sampled_from(["employees", "rd_expense", "name"]), HOSTILE_NUMBERS).map(
            lambda d: json.dumps(d).encode()
        ),
    ),
    st.booleans(),
)
def test_cli_never_prints_a_traceback(content: bytes, jsonl: bool) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = f"{directory}/facts.{'jsonl' if jsonl else 'json'}"
        with open(path, "wb") as handle:
            handle.write(content)
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["evaluate", path, "--on", "2021-06-30", "--rule", "QH-TBE"])
        assert time.perf_counter() - start < 5 * HANG_GUARD_S
    assert code in (0, 1)
    if code:
        assert "Traceback" not in err.getvalue()
        assert len(err.getvalue().strip().splitlines()) == 1
        assert out.getvalue() == ""
