"""The declarative twin (example_county.toml) answers exactly like the Python plugin."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from innovpolicy_example_county import LAYER

import innovpolicy
from innovpolicy.testing import check_scenario, load_scenarios
from innovpolicy.testing.strategies import facts, rule_dates

HERE = Path(__file__).parent
TOML = HERE.parent / "src" / "innovpolicy_example_county" / "example_county.toml"
PYTHON = innovpolicy.load("example-county")
FROM_PATH = innovpolicy.load("xining", layers=[TOML])
SHIPPED = innovpolicy.load("example-county-toml")  # through the package's entry point


def test_the_toml_file_builds_the_same_layer() -> None:
    twin = FROM_PATH.chain[-1]
    assert attrs.evolve(twin, code=LAYER.code, name_en=LAYER.name_en) == LAYER
    assert SHIPPED.chain[-1] == twin


def test_the_same_scenarios_pass() -> None:
    scenarios = load_scenarios(HERE / "scenarios" / "example_county.toml")
    assert len(scenarios) >= 6
    for twin in (FROM_PATH, SHIPPED):
        for scenario in scenarios:
            check_scenario(twin, scenario)


def test_the_twin_passes_the_generic_invariants(
    innovpolicy_invariants: Callable[..., None],
) -> None:
    innovpolicy_invariants(FROM_PATH, max_examples=10)


def _answer(result: innovpolicy.Result) -> dict[str, Any]:
    data = result.to_dict()
    data.pop("jurisdiction")
    data.pop("layer")
    for parameter in data.get("parameters", ()):
        parameter.pop("layer")
    # Notes, reasons and amount-step details name the layer that set a value: the
    # twin's layer code differs, nothing else may.
    text = json.dumps(data, ensure_ascii=False).replace("example-county-toml", "example-county")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, date, dict[str, Any]]:
    rule_id = draw(st.sampled_from([r for r in PYTHON.rule_ids() if PYTHON.windows(r)]))
    on = draw(rule_dates(PYTHON, rule_id))
    return rule_id, on, draw(facts(PYTHON, rule_id, on=on, allow_missing=True))


@settings(max_examples=60, deadline=None)
@given(cases())
def test_identical_answers_for_any_facts(case: tuple[str, date, dict[str, Any]]) -> None:
    rule_id, on, drawn = case
    assert _answer(FROM_PATH.evaluate(rule_id, drawn, on)) == _answer(
        PYTHON.evaluate(rule_id, drawn, on)
    )
