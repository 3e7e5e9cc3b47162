"""JSON Schema (draft 2020-12) of facts, results and finder summaries.

Generated from the declarations, so a form, a validator or an HTTP client sees
exactly what the engine accepts and returns:

- :func:`facts_schema` — the facts of a jurisdiction, of one rule, or of one rule
  for one kind of applicant (``subject``); every property carries the fact's
  meaning (English and Chinese), unit and type;
- :func:`result_schema` — what ``Result.to_dict()`` returns;
- :func:`summary_schema` — what ``FinderSummary.to_dict()`` returns.

JSON names are the Python names (``Result.layer`` is ``"layer"``, ``Outcome.label``
is ``"label"``...). Amounts are decimal strings so no precision is lost; in input,
numbers may be JSON numbers (parse them with ``parse_float=decimal.Decimal``) or
decimal strings. A ``null`` fact means "not known".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _i18n
from ._facts import KINDS, FactSpec
from ._rules import SUBJECTS
from ._values import MAX_COUNT, MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS, MAX_TEXT, MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from ._jurisdiction import Jurisdiction

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Inputs: at most MAX_INTEGER_DIGITS digits before the point and MAX_DECIMAL_PLACES after
# it (docs/limits.md); outputs (amounts) use the unbounded pattern.
_INPUT_DIGITS = rf"[0-9]{{1,{MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,{MAX_DECIMAL_PLACES}}})?"
INPUT_DECIMAL_PATTERN = rf"^-?{_INPUT_DIGITS}$"
NONNEG_DECIMAL_PATTERN = rf"^{_INPUT_DIGITS}$"
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
# Text facts: no control characters other than tab, newline and carriage return.
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"
YEAR_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)$"
_AMOUNT = {"type": "string", "pattern": DECIMAL_PATTERN}
_OPT_AMOUNT = {"type": ["string", "null"], "pattern": DECIMAL_PATTERN}


def _json_number(value: Any) -> int | float:
    # A schema keyword needs a JSON number; declared minimums are small round values.
    return int(value) if value == int(value) else float(value)


def fact_value_schema(spec: FactSpec) -> dict[str, Any]:
    """The schema of one value of *spec* (one year's value for a yearly fact)."""
    nonneg = spec.minimum is not None and spec.minimum >= 0
    schema: dict[str, Any]
    if spec.kind == "decimal":
        number: dict[str, Any] = {
            "type": "number",
            "exclusiveMaximum": 10**MAX_INTEGER_DIGITS,
            "exclusiveMinimum": -(10**MAX_INTEGER_DIGITS),
            "description": f"at most {MAX_DECIMAL_PLACES} decimal places",
        }
        text: dict[str, Any] = {
            "type": "string",
            "pattern": NONNEG_DECIMAL_PATTERN if nonneg else INPUT_DECIMAL_PATTERN,
        }
        if spec.minimum is not None:
            number["minimum"] = _json_number(spec.minimum)
        schema = {"anyOf": [number, text]}
    elif spec.kind == "integer" and spec.unit == "year":
        schema = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
    elif spec.kind == "integer":
        schema = {"type": "integer", "exclusiveMaximum": MAX_COUNT}
        if spec.minimum is not None:
            schema["minimum"] = int(spec.minimum)
    elif spec.kind == "boolean":
        schema = {"type": "boolean"}
    elif spec.kind == "date":
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string"}
        if spec.choices:
            schema["enum"] = list(spec.choices)
        else:
            schema["maxLength"] = MAX_TEXT
            schema["pattern"] = TEXT_PATTERN
    return schema


def fact_schema(spec: FactSpec, subjects: tuple[str, ...] = ()) -> dict[str, Any]:
    """The schema of fact *spec* as it appears in a facts object (*subjects*: whose
    rules read it, recorded as an annotation)."""
    value = fact_value_schema(spec)
    if spec.yearly:
        schema: dict[str, Any] = {
            "type": ["object", "null"],
            "propertyNames": {"pattern": YEAR_PATTERN},
            "additionalProperties": value,
        }
    else:
        schema = {"anyOf": [value, {"type": "null"}]}
    schema["description"] = spec.meaning
    info: dict[str, Any] = {
        "type": spec.kind,
        "meaning_zh": _i18n.meaning(spec.name, spec.meaning, "zh"),
    }
    if spec.unit:
        info["unit"] = spec.unit
    if spec.yearly:
        info["yearly"] = True
    if subjects:
        info["subjects"] = list(subjects)
    schema["x-innovpolicy"] = info
    return schema


def facts_schema(
    jurisdiction: Jurisdiction, rule_id: str | None = None, subject: str | None = None
) -> dict[str, Any]:
    """The facts of *jurisdiction* (or of one rule, for one subject) as a JSON Schema."""
    from .finder import fact_subjects

    owners = fact_subjects(jurisdiction)
    if rule_id is None:
        specs = tuple(jurisdiction.fact_registry)
        title = f"Facts of {jurisdiction.code}"
    else:
        specs = jurisdiction.facts_for(rule_id, subject=subject)
        title = f"Facts of {rule_id}" + (f" for subject {subject}" if subject else "")
    return {
        "$schema": DIALECT,
        "title": title,
        "type": "object",
        "properties": {spec.name: fact_schema(spec, owners.get(spec.name, ())) for spec in specs},
        "additionalProperties": False,
    }


def _defs() -> dict[str, Any]:
    outcome = {
        "type": "object",
        "required": ["label", "truth", "kind"],
        "properties": {
            "label": {"type": "string"},
            "truth": {"enum": ["true", "false", "unknown"]},
            "kind": {"enum": ["comparison", "fact", "all", "any", "not", "if", "always"]},
            "actual": {},
            "required": {"type": "string"},
            "wording": {"type": "string"},
            "article": {"type": "string"},
            "missing": {"type": "array", "items": {"type": "string"}},
            "reason": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/$defs/outcome"}},
        },
        "additionalProperties": False,
    }
    step = {
        "type": "object",
        "required": ["label"],
        "properties": {
            "label": {"type": "string"},
            "value": {"anyOf": [_AMOUNT, {"$ref": "#/$defs/range"}]},
            "detail": {"type": "string"},
            "wording": {"type": "string"},
            "binding": {"type": "boolean"},
            "children": {"type": "array", "items": {"$ref": "#/$defs/step"}},
        },
        "additionalProperties": False,
    }
    citation = {
        "type": "object",
        "required": ["document", "title", "article", "wording"],
        "properties": {
            "document": {"type": "string"},
            "title": {"type": "string"},
            "article": {"type": "string"},
            "wording": {"type": "string"},
        },
        "additionalProperties": False,
    }
    share = {
        "type": "object",
        "required": ["role", "payer", "amount", "weight"],
        "properties": {
            "role": {"type": "string"},
            "payer": {"type": ["string", "null"]},
            "amount": _AMOUNT,
            "weight": _AMOUNT,
            "part_of": {"type": "string"},
        },
        "additionalProperties": False,
    }
    status = {"enum": ["eligible", "ineligible", "undetermined", "not_in_force"]}
    kind = {"enum": ["designation", "incentive", "condition", "computation"]}
    return {
        "range": {"type": "array", "prefixItems": [_AMOUNT, _OPT_AMOUNT], "items": False},
        "outcome": outcome,
        "step": step,
        "citation": citation,
        "share": share,
        "status": status,
        "kind": kind,
    }


_RESULT_PROPERTIES: dict[str, Any] = {
    "rule_id": {"type": "string"},
    "kind": {"$ref": "#/$defs/kind"},
    "title_en": {"type": "string"},
    "title_zh": {"type": "string"},
    "jurisdiction": {"type": "string"},
    "layer": {"type": "string"},
    "on": {"type": "string", "format": "date"},
    "status": {"$ref": "#/$defs/status"},
    "citation": {"$ref": "#/$defs/citation"},
    "amount": _AMOUNT,
    "amount_unit": {"type": "string"},
    "amount_range": {"$ref": "#/$defs/range"},
    "shares": {"type": "array", "items": {"$ref": "#/$defs/share"}},
    "missing": {"type": "array", "items": {"type": "string"}},
    "reasons": {"type": "array", "items": {"type": "string"}},
    "note": {"type": "string"},
    "criteria": {"$ref": "#/$defs/outcome"},
    "amount_steps": {"$ref": "#/$defs/step"},
    "parameters": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["key", "value", "layer", "source", "in_force"],
            "properties": {
                "key": {"type": "string"},
                "value": {"type": "string"},
                "layer": {"type": "string"},
                "source": {"$ref": "#/$defs/citation"},
                "in_force": {"type": "string"},
            },
            "additionalProperties": False,
        },
    },
    "readings": {"type": "array", "items": {"type": "string"}},
}


def result_schema() -> dict[str, Any]:
    """The schema of ``Result.to_dict()``."""
    return {
        "$schema": DIALECT,
        "title": "Result",
        "type": "object",
        "required": [
            "rule_id",
            "kind",
            "title_en",
            "title_zh",
            "jurisdiction",
            "layer",
            "on",
            "status",
            "citation",
        ],
        "properties": _RESULT_PROPERTIES,
        "additionalProperties": False,
        "$defs": _defs(),
    }


def summary_schema() -> dict[str, Any]:
    """The schema of ``FinderSummary.to_dict()``."""
    brief = {
        "type": "object",
        "required": ["rule_id", "kind", "title_en", "title_zh", "layer", "status"],
        "properties": {
            key: _RESULT_PROPERTIES[key]
            for key in (
                "rule_id",
                "kind",
                "title_en",
                "title_zh",
                "layer",
                "status",
                "amount",
                "amount_unit",
                "amount_range",
                "shares",
                "missing",
                "reasons",
            )
        },
        "additionalProperties": False,
    }
    change = {
        "type": "object",
        "required": ["fact", "kind", "current", "target"],
        "properties": {
            "fact": {"type": "string"},
            "kind": {"enum": ["raise", "lower", "set", "wait"]},
            "current": {},
            "target": {},
            "by": {"anyOf": [{"type": "integer"}, _AMOUNT]},
            "unit": {"type": "string"},
            "status_after": {"$ref": "#/$defs/status"},
            "sufficient": {"type": "boolean"},
        },
        "additionalProperties": False,
    }
    gap = {
        "type": "object",
        "required": [
            "label",
            "facts",
            "op",
            "wording",
            "article",
            "actual",
            "required",
            "alternative",
            "changes",
        ],
        "properties": {
            "label": {"type": "string"},
            "facts": {"type": "array", "items": {"type": "string"}},
            "op": {"type": "string"},
            "wording": {"type": "string"},
            "article": {"type": "string"},
            "actual": {},
            "required": {"type": "string"},
            "alternative": {"type": "boolean"},
            "changes": {"type": "array", "items": {"$ref": "#/$defs/change"}},
        },
        "additionalProperties": False,
    }
    question = {
        "type": "object",
        "required": [
            "fact",
            "name",
            "year",
            "type",
            "unit",
            "meaning",
            "meaning_zh",
            "choices",
            "rules",
            "decides",
            "max_amount",
        ],
        "properties": {
            "fact": {"type": "string"},
            "name": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "type": {"enum": list(KINDS)},
            "unit": {"type": "string"},
            "meaning": {"type": "string"},
            "meaning_zh": {"type": "string"},
            "choices": {"type": "array", "items": {"type": "string"}},
            "rules": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "decides": {"type": "array", "items": {"type": "string"}},
            "max_amount": _OPT_AMOUNT,
        },
        "additionalProperties": False,
    }
    payer: dict[str, Any] = {
        "type": "object",
        "required": ["payer", "fixed", "range_min", "range_max", "total_min", "total_max"],
        "properties": {
            "payer": {"enum": ["province", "prefecture", "city", "district", "county"]},
            "fixed": _AMOUNT,
            "range_min": _AMOUNT,
            "range_max": _OPT_AMOUNT,
            "total_min": _AMOUNT,
            "total_max": _OPT_AMOUNT,
        },
        "additionalProperties": False,
    }
    totals = dict(payer)
    totals["required"] = [*[r for r in payer["required"] if r != "payer"], "by_payer"]
    totals["properties"] = {
        **{k: v for k, v in payer["properties"].items() if k != "payer"},
        "by_payer": {"type": "array", "items": {"$ref": "#/$defs/payer_total"}},
    }
    ineligible = {
        "type": "object",
        "required": ["rule_id", "kind", "title_en", "title_zh", "gaps"],
        "properties": {
            "rule_id": {"type": "string"},
            "kind": {"$ref": "#/$defs/kind"},
            "title_en": {"type": "string"},
            "title_zh": {"type": "string"},
            "gaps": {"type": "array", "items": {"$ref": "#/$defs/gap"}},
        },
        "additionalProperties": False,
    }
    briefs = {"type": "array", "items": {"$ref": "#/$defs/brief"}}
    ids = {"type": "array", "items": {"type": "string"}}
    return {
        "$schema": DIALECT,
        "title": "FinderSummary",
        "type": "object",
        "required": [
            "jurisdiction",
            "on",
            "subject",
            "name",
            "total_rules",
            "applicable",
            "designations",
            "incentives",
            "computations",
            "conditions",
            "totals",
            "questions",
            "undetermined",
            "ineligible",
            "not_in_force",
            "other_subjects",
        ],
        "properties": {
            "jurisdiction": {"type": "string"},
            "on": {"type": "string", "format": "date"},
            "subject": {"enum": list(SUBJECTS)},
            "name": {"type": ["string", "null"]},
            "total_rules": {"type": "integer", "minimum": 0},
            "applicable": {"type": "integer", "minimum": 0},
            "designations": briefs,
            "incentives": briefs,
            "computations": briefs,
            "conditions": briefs,
            "totals": {"$ref": "#/$defs/totals"},
            "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}},
            "undetermined": briefs,
            "ineligible": {"type": "array", "items": {"$ref": "#/$defs/ineligible"}},
            "not_in_force": ids,
            "other_subjects": ids,
        },
        "additionalProperties": False,
        "$defs": {
            **_defs(),
            "brief": brief,
            "change": change,
            "gap": gap,
            "question": question,
            "payer_total": payer,
            "totals": totals,
            "ineligible": ineligible,
        },
    }


__all__ = [
    "DIALECT",
    "fact_schema",
    "facts_schema",
    "result_schema",
    "summary_schema",
]
