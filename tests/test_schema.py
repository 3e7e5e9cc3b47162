"""JSON Schema (draft 2020-12) of facts, results and finder summaries.

The schemas are valid, the engine's own answers validate against them, every JSON
example of docs/finder.md validates, and inputs generated from a rule's facts schema
(by the strategies below, which read the schema; hypothesis-jsonschema 0.23 does not
run with current Hypothesis) are accepted by the engine.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import schema
from innovpolicy._example import EXAMPLE_DATE, EXAMPLE_FACTS
from innovpolicy._values import MAX_DATE, MAX_DECIMAL_PLACES, MIN_DATE
from innovpolicy.authoring import SUBJECTS
from innovpolicy.exceptions import InvalidFactError

XINING = innovpolicy.load("xining")
DOCS = Path(__file__).resolve().parents[1] / "docs"
Validator = jsonschema.Draft202012Validator
FORMATS = Validator.FORMAT_CHECKER


def _validate(document: Any, against: dict[str, Any]) -> None:
    Validator(against, format_checker=FORMATS).validate(document)


def _roundtrip(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str, ensure_ascii=False), parse_float=Decimal)


def test_every_schema_is_valid() -> None:
    Validator.check_schema(schema.result_schema())
    Validator.check_schema(schema.summary_schema())
    Validator.check_schema(schema.facts_schema(XINING))
    for rule_id in XINING.rule_ids():
        Validator.check_schema(schema.facts_schema(XINING, rule_id))
        for subject in XINING.subjects(rule_id):
            document = schema.facts_schema(XINING, rule_id, subject)
            Validator.check_schema(document)
            assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_fact_properties_carry_both_languages() -> None:
    prop = schema.facts_schema(XINING, "QH-TBE")["properties"]["sci_tech_staff"]
    assert prop["description"].startswith("S&T staff")
    assert prop["x-innovpolicy"] == {
        "type": "integer",
        "meaning_zh": "具有中专以上学历的科技人员数",
        "unit": "persons",
        "subjects": ["enterprise"],
    }
    yearly = schema.facts_schema(XINING, "QH-TBE")["properties"]["rd_expense"]
    assert yearly["x-innovpolicy"]["yearly"] is True


def test_the_example_firm_and_the_engine_answers_validate() -> None:
    known = {k: v for k, v in EXAMPLE_FACTS.items() if k in XINING.fact_registry}
    _validate(_roundtrip(known), schema.facts_schema(XINING))
    for result in XINING.evaluate_all(known, EXAMPLE_DATE):
        _validate(_roundtrip(result.to_dict()), schema.result_schema())
    for result in XINING.evaluate_all({}, "2016-06-30", explain=False):
        _validate(_roundtrip(result.to_dict()), schema.result_schema())
    for subject in SUBJECTS:
        summary = XINING.find(known, EXAMPLE_DATE, subject=subject)
        _validate(json.loads(summary.to_json()), schema.summary_schema())


def test_bad_facts_do_not_validate() -> None:
    facts = schema.facts_schema(XINING, "QH-TBE")
    for bad in ({"employees": -1}, {"employees": "many"}, {"nope": 1}, {"rd_expense": 5}):
        with pytest.raises(jsonschema.ValidationError):
            _validate(bad, facts)


def _doc_examples() -> list[tuple[str, str]]:
    text = (DOCS / "finder.md").read_text(encoding="utf-8")
    return re.findall(r"<!-- schema: ([A-Za-z0-9 _-]+) -->\n```json\n(.*?)```", text, re.S)


def test_docs_have_examples_for_every_schema() -> None:
    kinds = {kind.split()[0] for kind, _ in _doc_examples()}
    assert kinds >= {"facts", "result", "summary", "find-request"}
    blocks = re.findall(r"```json\n", (DOCS / "finder.md").read_text(encoding="utf-8"))
    assert len(blocks) == len(_doc_examples()), "every JSON example names its schema"


@pytest.mark.parametrize(("kind", "body"), _doc_examples())
def test_every_docs_example_validates(kind: str, body: str) -> None:
    document = json.loads(body, parse_float=Decimal)
    name, *rest = kind.split()
    if name == "facts":
        rule_id = rest[0] if rest else None
        subject = rest[1] if len(rest) > 1 else None
        _validate(_roundtrip(document), schema.facts_schema(XINING, rule_id, subject))
        XINING.prepare(document)
    elif name == "find-request":
        _validate(_roundtrip(document["facts"]), schema.facts_schema(XINING))
        XINING.find(
            document["facts"], document["on"], subject=document.get("subject", "enterprise")
        )
    elif name == "result":
        _validate(_roundtrip(document), schema.result_schema())
    else:
        _validate(_roundtrip(document), schema.summary_schema())


def from_schema(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid against the subset of JSON Schema the facts schemas use."""
    if "anyOf" in node:
        return st.one_of([from_schema(option) for option in node["anyOf"]])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kinds = node.get("type")
    if isinstance(kinds, list):
        return st.one_of([from_schema({**node, "type": kind}) for kind in kinds])
    if kinds == "null":
        return st.none()
    if kinds == "boolean":
        return st.booleans()
    if kinds == "integer":
        low = node.get("minimum", -(10**12))
        high = node.get("maximum", node.get("exclusiveMaximum", low + 10**12 + 1) - 1)
        return st.integers(min_value=low, max_value=high)
    if kinds == "number":
        low = node.get("minimum", -(10**12))
        # JSON numbers reach the engine as exact decimals (parse_float=Decimal)
        return st.decimals(
            min_value=low, max_value=10**12, places=MAX_DECIMAL_PLACES, allow_nan=False
        )
    if kinds == "string":
        if node.get("format") == "date":
            return st.dates(MIN_DATE, MAX_DATE).map(lambda d: d.isoformat())
        if "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True)
        return st.text(max_size=20)
    if kinds == "object" and "properties" in node:
        required = set(node.get("required", ()))
        return st.fixed_dictionaries(
            {k: from_schema(v) for k, v in node["properties"].items() if k in required},
            optional={
                k: from_schema(v) for k, v in node["properties"].items() if k not in required
            },
        )
    if kinds == "object":
        keys = st.from_regex(node["propertyNames"]["pattern"], fullmatch=True)
        return st.dictionaries(keys, from_schema(node["additionalProperties"]), max_size=4)
    raise AssertionError(f"schema construct not covered: {node}")


@st.composite
def _rule_and_facts(draw: st.DrawFn) -> tuple[str, Any]:
    rule_id = draw(st.sampled_from(XINING.rule_ids()))
    subjects = XINING.subjects(rule_id)
    subject = draw(st.sampled_from((None, *subjects)))
    facts = draw(from_schema(schema.facts_schema(XINING, rule_id, subject)))
    return rule_id, facts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_rule_and_facts(), on=st.dates(MIN_DATE, MAX_DATE))
def test_generated_valid_facts_are_accepted(case: tuple[str, Any], on: Any) -> None:
    rule_id, facts = case
    _validate(facts, schema.facts_schema(XINING))
    data = _roundtrip(facts)  # what a JSON client sends
    try:
        prepared = XINING.prepare(data)
    except InvalidFactError as exc:
        # Only the cross-fact checks (S&T staff ≤ employees...) are beyond JSON Schema.
        assume("exceeds" not in exc.reason)
        raise
    result = XINING.evaluate(rule_id, prepared, on)
    _validate(_roundtrip(result.to_dict()), schema.result_schema())
