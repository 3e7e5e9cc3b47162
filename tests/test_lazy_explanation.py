"""The proof of the lazy explanation: it equals the reference interpreter's eager one.

``evaluate`` answers status, amount, shares and missing facts from the test path and
builds the explanation (criteria, amount steps, parameters) on first access. For every
rule of the Xining stack and of the example county, Hypothesis draws facts (values at
and around each threshold and cap, facts left out) and a date the rule is in force:
the lazy result must equal the eager reference evaluation field for field, in
``to_dict()``, in the rendered text (English and Chinese) and under ``==``.
"""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy._criteria import Outcome
from innovpolicy.testing.strategies import facts, rule_dates

JURISDICTIONS = {code: innovpolicy.load(code) for code in ("xining", "example-county")}
CASES = [(code, rule_id) for code, j in JURISDICTIONS.items() for rule_id in j.rule_ids()]


def _version(j: innovpolicy.Jurisdiction, rule_id: str, on: date) -> Any:
    return next(v for v in j._lookup(rule_id) if v.covers(on))


def _answer(result: innovpolicy.Result) -> tuple[Any, ...]:
    return (
        result.status,
        result.amount,
        result.amount_range,
        result.shares,
        result.missing,
        result.reasons,
    )


def _same_outcomes(lazy: Outcome | None, reference: Outcome | None) -> None:
    """Equal, and alike in what equality leaves out: the criterion behind each outcome,
    the type and value of the required value, the type of the actual value."""
    assert lazy == reference
    if lazy is None or reference is None:
        return
    assert lazy.source is reference.source
    assert type(lazy.required_value) is type(reference.required_value)
    assert lazy.required_value == reference.required_value
    assert type(lazy.actual) is type(reference.actual)
    for mine, theirs in zip(lazy.children, reference.children, strict=True):
        _same_outcomes(mine, theirs)


@pytest.mark.parametrize(("code", "rule_id"), CASES)
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_lazy_result_equals_eager_reference(code: str, rule_id: str, data: Any) -> None:
    j = JURISDICTIONS[code]
    on = data.draw(rule_dates(j, rule_id), label="on")
    raw = data.draw(facts(j, rule_id, on=on, allow_missing=True), label="facts")
    prepared = j.prepare(raw, unknown_facts="report")
    version = _version(j, rule_id, on)
    reference = j._explain_eagerly(version, prepared, on)  # the interpreter, eager
    lazy = j._evaluate_version(version, prepared, on, True)
    quick = j._evaluate_version(version, prepared, on, False)

    assert lazy._explainer is not None  # nothing explained yet
    assert _answer(lazy) == _answer(reference) == _answer(quick)
    assert lazy.readings == reference.readings
    assert lazy.render() == reference.render()
    assert lazy.render("zh") == reference.render("zh")
    assert lazy.criteria is not None
    assert lazy._explainer is None  # explained once, kept
    assert lazy.render() == reference.render()
    assert lazy.render("zh") == reference.render("zh")
    assert lazy.to_dict() == reference.to_dict()
    _same_outcomes(lazy.criteria, reference.criteria)
    assert lazy.amount_steps == reference.amount_steps
    assert lazy.parameters == reference.parameters
    assert lazy.gaps() == reference.gaps()
    assert lazy == reference
    assert quick.criteria is None and quick.amount_steps is None and quick.parameters == ()

    # through the public entry point (territory handling included), fresh each time
    public = j.evaluate(rule_id, prepared, on)
    assert _answer(public) == _answer(j.evaluate(rule_id, prepared, on, explain=False))
    assert public == j.evaluate(rule_id, prepared, on)


def test_equality_and_hash_force_the_explanation() -> None:
    j = JURISDICTIONS["xining"]
    firm = {"employees": 100, "sci_tech_staff": 35, "owns_ip": True}
    a = j.evaluate("QH-TBE", firm, "2019-06-30")
    b = j.evaluate("QH-TBE", firm, "2019-06-30")
    assert a._explainer is not None and b._explainer is not None
    assert a == b and hash(a) == hash(b)
    assert a.criteria is not None and a.missing
    other = j.evaluate("QH-TBE", {**firm, "owns_ip": False}, "2019-06-30")
    assert a != other


def test_a_lazy_result_pickles_with_its_explanation() -> None:
    j = JURISDICTIONS["xining"]
    firm = {"employees": 100, "sci_tech_staff": 35, "owns_ip": True}
    result = j.evaluate("QH-TBE", firm, "2019-06-30")
    copy = pickle.loads(pickle.dumps(result))
    assert copy._explainer is None
    assert copy == result
    assert copy.render() == result.render()
