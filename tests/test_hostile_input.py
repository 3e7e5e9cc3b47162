"""Regression tests for issue #8: hostile input and hostile environments.

One section per numbered item of the issue. Each reproducer must end in the right
answer or in one of innovpolicy's own errors, within a second.
"""

from __future__ import annotations

import decimal
import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import innovpolicy
from innovpolicy import Enterprise, Status
from innovpolicy._example import EXAMPLE_FACTS
from innovpolicy.exceptions import (
    InnovPolicyError,
    InvalidArgumentError,
    InvalidFactError,
    UnknownFactError,
    UnknownParameterError,
    UnknownRuleError,
)

ON = date(2021, 6, 30)


@pytest.fixture(scope="module")
def xining() -> innovpolicy.Jurisdiction:
    return innovpolicy.load("xining")


@contextmanager
def hostile_context() -> Iterator[None]:
    """A caller's context that would change or break naive arithmetic."""
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.Emax = 5
        ctx.Emin = -5
        for trap in (decimal.Inexact, decimal.Rounded, decimal.Subnormal, decimal.Clamped):
            ctx.traps[trap] = True
        yield


def quick(call: Callable[[], Any]) -> Any:
    """Run *call*, asserting it finishes (or fails) well within a second."""
    start = time.perf_counter()
    try:
        return call()
    finally:
        assert time.perf_counter() - start < 1.0


def example_facts(jurisdiction: innovpolicy.Jurisdiction) -> dict[str, Any]:
    return {k: v for k, v in EXAMPLE_FACTS.items() if k in jurisdiction.fact_registry}


# --------------------------------------------------------------------------- 1. decimal context

PLAN = {"rd_expense": {2020: "123456789.87"}, "requested_fiscal_funds": "123456789.87"}


def test_1_caller_precision_does_not_flip_an_answer(xining: innovpolicy.Jurisdiction) -> None:
    assert xining.evaluate("QH20-PLAN-PREREQ", PLAN, ON).status is Status.ELIGIBLE
    with decimal.localcontext() as ctx:
        ctx.prec = 8
        assert xining.evaluate("QH20-PLAN-PREREQ", PLAN, ON).status is Status.ELIGIBLE


def test_1_hostile_context_changes_no_answer_and_is_restored(
    xining: innovpolicy.Jurisdiction,
) -> None:
    facts = example_facts(xining)
    expected = [(r.to_json(), r.render()) for r in xining.evaluate_all(facts, ON)]
    with hostile_context():
        before = decimal.getcontext().copy()
        results = xining.evaluate_all(facts, ON)
        assert [(r.to_json(), r.render()) for r in results] == expected
        assert [r.amount for r in results] == [r.amount for r in xining.evaluate_all(facts, ON)]
        after = decimal.getcontext()
        assert (after.prec, after.rounding, after.traps) == (
            before.prec,
            before.rounding,
            before.traps,
        )


def test_1_usual_calls_switch_the_context_themselves_and_restore_it(
    xining: innovpolicy.Jurisdiction,
) -> None:
    """``prepare`` of a dict and ``evaluate`` of prepared facts on a date switch to the
    library context inline (not through ``in_library_context``): the same answers in
    a hostile context as in the library's, and the caller's context restored after
    an answer and after an error."""
    facts = example_facts(xining)
    prepared = xining.prepare(facts)
    expected = [
        (r.to_json(), r.render())
        for r in (xining.evaluate(i, prepared, ON) for i in xining.rule_ids())
    ]
    with hostile_context():
        caller = decimal.getcontext()
        flags = dict(caller.flags)  # (copied from the thread's context: maybe not clear)
        again = xining.prepare(facts)
        assert decimal.getcontext() is caller
        assert list(again.items()) == list(prepared.items())
        for _ in range(2):  # the second round answers from the rules kept per date
            results = [xining.evaluate(i, again, ON) for i in xining.rule_ids()]
            assert decimal.getcontext() is caller
            assert [(r.to_json(), r.render()) for r in results] == expected
        with pytest.raises(InvalidFactError):
            xining.prepare({**facts, "employees": -1})
        assert decimal.getcontext() is caller
        with pytest.raises(InvalidFactError):
            xining.prepare({**facts, "sales_revenue": {2019: Decimal("1E-11")}})
        assert decimal.getcontext() is caller
        assert caller.prec == 3 and dict(caller.flags) == flags


def test_1_worker_threads_with_other_contexts_answer_the_same(
    xining: innovpolicy.Jurisdiction,
) -> None:
    facts = example_facts(xining)
    expected = [r.to_json() for r in xining.evaluate_all(facts, ON)]

    def in_thread(prec: int) -> list[str]:
        decimal.getcontext().prec = prec
        decimal.getcontext().traps[decimal.Inexact] = True
        return [r.to_json() for r in xining.evaluate_all(facts, ON)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(in_thread, (2, 5, 8, 100)))
    assert all(answer == expected for answer in answers)
    assert threading.active_count() >= 1


def test_1_public_arithmetic_helpers_use_the_library_context() -> None:
    from innovpolicy.authoring import split_exact

    scale = innovpolicy.MarginalScale.of((0, "0.015"), (10_000_000, "0.01"))
    with hostile_context():
        assert split_exact(Decimal("100.00"), [Decimal(1), Decimal(2)]) == (
            Decimal("33.33"),
            Decimal("66.67"),
        )
        assert scale.apply(Decimal("12345678.91")) == Decimal("173456.7891")


# --------------------------------------------------------------------------- 2. separators


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("employees", "1,0"),
        ("contract_amount", "1,5"),
        ("contract_amount", "12,34.5"),
        ("contract_amount", "1_000"),
        ("contract_amount", "１２"),
        ("contract_amount", "1 000"),
        ("contract_amount", ",100"),
    ],
)
def test_2_misplaced_separators_are_refused(
    xining: innovpolicy.Jurisdiction, name: str, value: str
) -> None:
    with pytest.raises(InvalidFactError) as info:
        xining.prepare({name: value})
    assert info.value.field == name


@pytest.mark.parametrize(
    "year", ["2,019", "2_019", "2.019e3", "２０１９", " 2019", "2019.0", 2019.0]
)
def test_2_year_keys_are_plain_digits(xining: innovpolicy.Jurisdiction, year: Any) -> None:
    with pytest.raises(InvalidFactError, match="rd_expense"):
        xining.prepare({"rd_expense": {year: "1"}})


def test_2_well_formed_thousands_grouping_is_accepted(xining: innovpolicy.Jurisdiction) -> None:
    prepared = xining.prepare(
        {"contract_amount": "1,000,000.50", "employees": "2,019", "rd_expense": {"2019": "1,234"}}
    )
    assert prepared["contract_amount"] == Decimal("1000000.50")
    assert prepared["employees"] == 2019
    assert prepared["rd_expense[2019]"] == Decimal(1234)


# --------------------------------------------------------------------------- 3. duplicate years


def test_3_two_keys_for_one_year_are_refused(xining: innovpolicy.Jurisdiction) -> None:
    with pytest.raises(InvalidFactError, match="2019 is given twice") as info:
        xining.prepare({"rd_expense": {2019: "1", "2019": "2"}})
    assert info.value.field == "rd_expense[2019]"
    with pytest.raises(InvalidFactError):
        Enterprise(rd_expense={2019: "1", "2019": "2"})


def test_3_the_same_value_twice_is_harmless(xining: innovpolicy.Jurisdiction) -> None:
    prepared = xining.prepare({"rd_expense": {2019: "1", "2019": "1.00"}})
    assert prepared["rd_expense[2019]"] == 1


# --------------------------------------------------------------------------- 4. future dates


def test_4_registration_after_the_evaluation_date_never_passes(
    xining: innovpolicy.Jurisdiction,
) -> None:
    facts = {"registration_date": "2030-01-01", "is_high_tech_enterprise": False}
    facts["is_tech_based_enterprise"] = False
    result = xining.evaluate("QH20-VOUCHER", facts, ON)
    assert result.status is Status.UNDETERMINED
    assert result.amount is None and result.amount_range is None
    reason = result.reasons[0]
    assert "registration_date" in reason and "2030-01-01" in reason and "2021-06-30" in reason
    assert "actual -8" not in result.render()


def test_4_birth_date_in_the_future_gives_no_negative_age(
    xining: innovpolicy.Jurisdiction,
) -> None:
    result = xining.evaluate("QH-NSF-YOUTH", {"birth_date": "2030-01-01"}, ON)
    assert result.status is not Status.ELIGIBLE
    assert any("birth_date 2030-01-01" in reason for reason in result.reasons)
    assert "-8" not in result.render()


def test_4_a_past_registration_still_counts(xining: innovpolicy.Jurisdiction) -> None:
    facts = {"registration_date": "2020-01-01", "is_high_tech_enterprise": False}
    facts["is_tech_based_enterprise"] = False
    assert xining.evaluate("QH20-VOUCHER", facts, ON).status is Status.ELIGIBLE


# --------------------------------------------------------------------------- 5. no hang


@pytest.mark.parametrize(
    "value",
    [
        "1e999999",
        "1e999999999",
        "-1E+999999999",
        Decimal("1e999999999"),
        "9" * 5000,
        10**5000,
        2**100_000,
        Decimal("1e-999999999"),
        "0." + "0" * 5000 + "1",
    ],
    ids=lambda v: type(v).__name__ + str(len(str(v)) if not isinstance(v, int) else "int"),
)
def test_5_huge_numbers_are_refused_at_once(xining: innovpolicy.Jurisdiction, value: Any) -> None:
    for name in ("employees", "contract_amount"):
        with pytest.raises(InvalidFactError) as info:
            quick(lambda name=name: xining.prepare({name: value}))
        assert info.value.field == name
        assert len(str(info.value)) < 300


# --------------------------------------------------------------------------- 6. own errors only


@pytest.mark.parametrize(
    "value",
    [
        "123456789012345678901234.5",
        Decimal("99999999999999999999999999"),
        "1000000000000000000",
        "0.00000000001",
        Decimal("1E+9999"),
    ],
)
def test_6_amounts_outside_the_bounds_are_invalid_facts(
    xining: innovpolicy.Jurisdiction, value: Any
) -> None:
    facts = {"achievements_transformed": 3, "transaction_volume": value}
    with pytest.raises(InvalidFactError, match="transaction_volume"):
        xining.evaluate("QH20-PLATFORM", facts, ON)


def test_6_amounts_at_the_bounds_are_exact(xining: innovpolicy.Jurisdiction) -> None:
    facts = {"achievements_transformed": 3, "transaction_volume": "999999999999999999.9999999999"}
    with hostile_context():
        result = xining.evaluate("QH20-PLATFORM", facts, ON)
        assert result.render() and result.to_json()
    assert result.amount == Decimal("1000000.00")  # the yearly cap binds
    # the uncapped tier amount is shown exactly: 1.5% of 10M + 1% of the rest
    assert "10000000000049999.999999999999" in result.render()
    prepared = xining.prepare({"transaction_volume": "1.000000000000000"})
    assert prepared["transaction_volume"] == 1


def test_6_a_tiny_denominator_is_fine(xining: innovpolicy.Jurisdiction) -> None:
    facts = {"employees": "0.0000000001"}
    with pytest.raises(InvalidFactError, match="whole number"):
        xining.prepare(facts)
    result = xining.evaluate(
        "QH-TBE",
        {"sales_revenue": {2020: "0.0000000001"}, "rd_expense": {2020: "999999999999999999"}},
        ON,
    )
    assert result.render()


@pytest.mark.parametrize("day", ["9999-12-31", date(9999, 12, 31), "1899-12-31", date(1, 1, 1)])
def test_6_dates_outside_1900_2200_are_refused(xining: innovpolicy.Jurisdiction, day: Any) -> None:
    with pytest.raises(InvalidFactError, match="registration_date"):
        xining.evaluate("QH20-VOUCHER", {"registration_date": day}, ON)
    with pytest.raises(InvalidFactError, match="on="):
        xining.evaluate("QH20-VOUCHER", {}, day)


def test_6_nested_and_self_containing_lists(xining: innovpolicy.Jurisdiction) -> None:
    loop: list[Any] = []
    loop.append(loop)
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    for value in (loop, deep):
        with pytest.raises(InvalidFactError, match="employees"):
            quick(lambda value=value: xining.prepare({"employees": value}))
        with pytest.raises(InvalidFactError, match="facts"):
            quick(lambda value=value: xining.prepare(value))
        with pytest.raises(InvalidFactError, match="facts"):
            quick(lambda value=value: xining.evaluate("QH-TBE", [value], ON))


def test_6_unknown_parameter_is_a_library_key_error(xining: innovpolicy.Jurisdiction) -> None:
    with pytest.raises(UnknownParameterError, match="'nope'") as info:
        xining.parameter("nope", ON)
    assert isinstance(info.value, KeyError) and isinstance(info.value, InnovPolicyError)
    with pytest.raises(UnknownParameterError, match=r"did you mean qh\.tbe"):
        xining.parameter("qh.tbe.min_sci_tech_staf_share", ON)


@pytest.mark.parametrize("bad", [["QH-TBE"], ("QH-TBE",), None, 7, {"QH-TBE"}])
def test_6_non_string_ids_and_codes(xining: innovpolicy.Jurisdiction, bad: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="rule_id") as info:
        xining.evaluate(bad, {}, ON)
    assert isinstance(info.value, TypeError)
    with pytest.raises(InvalidArgumentError, match="code"):
        innovpolicy.load(bad)
    with pytest.raises(InvalidArgumentError, match="key"):
        xining.parameter(bad, ON)


def test_6_prepared_facts_cannot_be_built_directly(xining: innovpolicy.Jurisdiction) -> None:
    with pytest.raises(InvalidArgumentError, match=r"Jurisdiction\.prepare"):
        innovpolicy.PreparedFacts({"employees": "x"})
    prepared = xining.prepare({"employees": 5})
    with pytest.raises(AttributeError):
        prepared._data = {"employees": "x"}  # type: ignore[misc]


def test_6_facts_prepared_elsewhere_are_validated_again(xining: innovpolicy.Jurisdiction) -> None:
    qinghai = innovpolicy.load("qinghai")
    city_only = next(
        spec.name
        for spec in xining.fact_registry
        if spec.name not in qinghai.fact_registry and not spec.yearly
    )
    prepared = xining.prepare({"employees": 5})
    assert qinghai.prepare(prepared)["employees"] == 5
    with_city_fact = xining.prepare({city_only: _valid_value(xining, city_only)})
    with pytest.raises(UnknownFactError, match=city_only):
        qinghai.prepare(with_city_fact)


def _valid_value(jurisdiction: innovpolicy.Jurisdiction, name: str) -> Any:
    spec = jurisdiction.fact_registry[name]
    return {
        "decimal": "1",
        "integer": 2000 if spec.unit == "year" else 1,
        "boolean": True,
        "date": "2020-01-01",
        "text": spec.choices[0] if spec.choices else "x",
    }[spec.kind]


# --------------------------------------------------------------------------- 7. state


def test_7_flat_facts_are_read_only(xining: innovpolicy.Jurisdiction) -> None:
    firm = Enterprise(employees=10, sci_tech_staff=5)
    flat = firm.flat_facts()
    with pytest.raises(TypeError):
        flat["employees"] = 1  # type: ignore[index]
    assert xining.prepare(firm)["employees"] == 10


def test_7_a_loaded_jurisdiction_is_immutable(xining: innovpolicy.Jurisdiction) -> None:
    from innovpolicy._facts import FactSpec

    for attribute in ("code", "name_zh", "chain", "fact_registry", "_params"):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(xining, attribute, "x")
    with pytest.raises(AttributeError, match="frozen"):
        xining.fact_registry.add(FactSpec("sneaky", "integer", "not declared by any layer"))
    with pytest.raises(AttributeError):
        xining.fact_registry.constraints = ()  # type: ignore[misc]
    assert isinstance(xining.fact_registry.constraints, tuple)
    assert xining.code == "xining" and "sneaky" not in xining.fact_registry


# --------------------------------------------------------------------------- 8. clear errors


def test_8_a_single_rule_id_string_is_one_rule(xining: innovpolicy.Jurisdiction) -> None:
    (result,) = xining.evaluate_all({}, ON, rule_ids="QH-TBE")
    assert result.rule_id == "QH-TBE"
    with pytest.raises(UnknownRuleError, match="did you mean QH-TBE"):
        xining.evaluate_all({}, ON, rule_ids=["QH-TBE", "QH-TEB"])
    with pytest.raises(InvalidArgumentError, match="rule_ids"):
        xining.evaluate_all({}, ON, rule_ids=5)  # type: ignore[arg-type]


def test_8_unknown_rule_suggests_the_closest_ids(xining: innovpolicy.Jurisdiction) -> None:
    with pytest.raises(UnknownRuleError) as info:
        xining.evaluate("qh20-platfrom", {}, ON)
    assert info.value.suggestions[0] == "QH20-PLATFORM"
    assert "did you mean QH20-PLATFORM" in str(info.value)


@pytest.mark.parametrize(
    "value",
    [
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        float("nan"),
        "NaN",
        json.loads('{"x": NaN}', parse_float=Decimal)["x"],
        json.loads('{"x": Infinity}', parse_float=Decimal)["x"],
    ],
)
def test_8_nan_is_called_nan(xining: innovpolicy.Jurisdiction, value: Any) -> None:
    with pytest.raises(InvalidFactError, match="NaN or Infinity") as info:
        xining.prepare({"contract_amount": value})
    assert "binary float" not in str(info.value)


def test_8_none_for_one_year_means_unknown(xining: innovpolicy.Jurisdiction) -> None:
    prepared = xining.prepare({"rd_expense": {2019: None, 2020: "5"}})
    assert dict(prepared) == {"rd_expense[2020]": Decimal(5)}
    assert Enterprise(rd_expense={2019: None}).rd_expense == {}


def test_8_missing_names_are_accepted_as_input(xining: innovpolicy.Jurisdiction) -> None:
    result = xining.evaluate("QH20-PLAN-PREREQ", {"requested_fiscal_funds": "100"}, ON)
    assert result.missing == ("rd_expense[2020]",)
    answered = xining.evaluate(
        "QH20-PLAN-PREREQ", {"requested_fiscal_funds": "100", "rd_expense[2020]": "100"}, ON
    )
    assert answered.status is Status.ELIGIBLE
    assert xining.prepare({"rd_expense[2020]": "1", "rd_expense": {2020: "1"}})
    with pytest.raises(InvalidFactError, match=r"rd_expense\[2020\]"):
        xining.prepare({"rd_expense[2020]": "1", "rd_expense": {2020: "2"}})
    with pytest.raises(InvalidFactError, match="fiscal year"):
        xining.prepare({"rd_expense[1800]": "1"})
    with pytest.raises(UnknownFactError):
        xining.prepare({"employees[2020]": "1"})  # not a yearly fact


def _negative_zeros(data: Any, path: str = "") -> list[str]:
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _negative_zeros(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _negative_zeros(value, f"{path}[{index}]")
    elif isinstance(data, str) and data.startswith("-"):
        try:
            if Decimal(data) == 0:
                found.append(f"{path}={data}")
        except decimal.InvalidOperation:
            pass
    return found


def test_8_negative_zero_never_surfaces(xining: innovpolicy.Jurisdiction) -> None:
    for rule_id in xining.rule_ids():
        facts: dict[str, Any] = {}
        for spec in xining.facts_for(rule_id):
            zero: Any = None
            if spec.kind == "decimal":
                zero = "-0"
            elif spec.kind == "integer" and spec.unit != "year" and not spec.minimum:
                zero = Decimal("-0.00")
            if zero is not None and spec.yearly:
                zero = {year: zero for year in range(2000, 2023)}
            facts[spec.name] = zero
        for day in (date(w[0].year + 1, 6, 30) for w in xining.windows(rule_id)):
            result = xining.evaluate(rule_id, facts, day)
            assert not _negative_zeros(result.to_dict()), rule_id
            assert "-0.00" not in result.render()


def test_8_undetermined_results_carry_no_range(xining: innovpolicy.Jurisdiction) -> None:
    undetermined = xining.evaluate("QH20-INCUBATOR", {}, ON)
    assert undetermined.status is Status.UNDETERMINED
    assert undetermined.amount_range is None
    assert "amount_range" not in undetermined.to_dict()
    assert "discretionary" not in undetermined.render()
    eligible = xining.evaluate("QH20-INCUBATOR", {"outstanding_incubator": True}, ON)
    assert eligible.status is Status.ELIGIBLE
    assert eligible.amount_range is not None and eligible.amount_range.high == 1_000_000
    ineligible = xining.evaluate("QH20-INCUBATOR", {"outstanding_incubator": False}, ON)
    assert ineligible.amount_range is None


def test_8_long_and_odd_text_is_refused_with_a_short_message(
    xining: innovpolicy.Jurisdiction,
) -> None:
    for value in ("x" * 100_000, "a\x00b", "\ud800"):
        with pytest.raises(InvalidFactError) as info:
            xining.prepare({"name": value})
        assert len(str(info.value)) < 300
    with pytest.raises(UnknownFactError) as unknown:
        xining.prepare({"y" * 10_000: 1})
    assert len(str(unknown.value)) < 300
    assert xining.prepare({"name": "青海 Ltd.\t(2)"})["name"] == "青海 Ltd.\t(2)"


HOSTILE_PROCESS = """
import decimal, json, sys
ctx = decimal.getcontext()
ctx.prec, ctx.Emax, ctx.Emin, ctx.capitals = 3, 5, -5, 0
ctx.rounding = decimal.ROUND_FLOOR
if sys.argv[1] == "hostile":
    for trap in (decimal.Inexact, decimal.Rounded, decimal.Clamped, decimal.Subnormal):
        ctx.traps[trap] = True
else:
    decimal.setcontext(decimal.Context())
import innovpolicy
from innovpolicy._example import EXAMPLE_FACTS
xining = innovpolicy.load("xining")
facts = {k: v for k, v in EXAMPLE_FACTS.items() if k in xining.fact_registry}
firm = innovpolicy.Enterprise(rd_super_deduction_exemption="123456.78", employees="1,000")
try:
    innovpolicy.Enterprise(rd_super_deduction_exemption=decimal.Decimal("1E-11"))
except innovpolicy.exceptions.InvalidFactError:
    pass
else:
    raise SystemExit("accepted 11 decimal places")
results = [r.to_dict() for r in xining.evaluate_all(facts, "2021-06-30")]
print(json.dumps([results, str(xining.prepare(firm)["employees"])]))
"""


def test_1_import_and_load_under_a_hostile_context() -> None:
    """Plugins compute parameters when imported: load() must not inherit the context."""
    import subprocess
    import sys

    outputs = [
        subprocess.run(
            [sys.executable, "-c", HOSTILE_PROCESS, mode],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        for mode in ("hostile", "default")
    ]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])[1] == "1000"


def test_7_immutable_objects_still_pickle(xining: innovpolicy.Jurisdiction) -> None:
    """Batch back ends ship facts to worker processes: freezing must not break pickling."""
    import pickle

    firm = Enterprise(employees=10, sci_tech_staff=5, rd_expense={2020: "1"})
    assert pickle.loads(pickle.dumps(firm)) == firm
    prepared = xining.prepare({"employees": 5, "rd_expense[2020]": "3"})
    copy = pickle.loads(pickle.dumps(prepared))
    assert dict(copy) == dict(prepared)
    assert xining.evaluate("QH-TBE", copy, ON) == xining.evaluate("QH-TBE", prepared, ON)
    registry = pickle.loads(pickle.dumps(xining.fact_registry))
    assert registry.same_as(xining.fact_registry)
    with pytest.raises(AttributeError):
        registry.add(registry["employees"])
    qinghai = innovpolicy.load("qinghai")
    assert not qinghai.fact_registry.same_as(xining.fact_registry)
