"""A layer's own consistency constraints between two number facts (``Layer.constraints``):
checked at load, enforced by ``prepare``, screening and the testing kit like the core's."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import innovpolicy
from innovpolicy import Constraint, Document, FactSpec, Layer
from innovpolicy.exceptions import InvalidFactError, LayerError, PluginError
from innovpolicy.testing import strategies

DOC = Document(
    "dt-1", "大通〔2022〕1号", "大通县办法", "Datong measures", "大通县", date(2022, 1, 1)
)
FACTS = (
    FactSpec("lab_staff", "integer", "staff of the lab", "persons", minimum=0),
    FactSpec("lab_seniors", "integer", "senior staff of the lab", "persons", minimum=0),
    FactSpec("lab_budget", "decimal", "yearly budget", "CNY", yearly=True),
    FactSpec("lab_open", "boolean", "the lab is open to others"),
)
SENIORS = Constraint("lab_seniors", "lab_staff", "seniors are counted among the lab's staff")


def county(**changes: Any) -> Layer:
    base = Layer(
        code="datong",
        name_zh="大通县",
        name_en="Datong",
        parent="xining",
        documents=(DOC,),
        facts=FACTS,
        constraints=(SENIORS,),
        labels_zh={"seniors are counted among the lab's staff": "高级人员计入实验室人员"},
    )
    return attrs.evolve(base, **changes)


def load_broken(layer: Layer) -> LayerError:
    with pytest.raises(PluginError) as info:
        innovpolicy.load("xining", layers=[layer])
    assert isinstance(info.value, LayerError)
    return info.value


def test_a_layer_constraint_is_enforced_by_prepare_with_its_meaning() -> None:
    datong = innovpolicy.load("xining", layers=[county()])
    assert SENIORS in datong.fact_registry.constraints
    assert datong.prepare({"lab_staff": 5, "lab_seniors": 5})  # equal is consistent
    datong.prepare({"lab_seniors": 9})  # one side unknown: nothing to check
    with pytest.raises(InvalidFactError) as info:
        datong.prepare({"lab_staff": 5, "lab_seniors": 6})
    error = info.value
    assert (error.field, error.value) == ("lab_seniors", 6)
    assert "exceeds lab_staff=5 (seniors are counted among the lab's staff)" in str(error)
    assert "（高级人员计入实验室人员）" in error.message("zh")
    # the parent stack has no such constraint
    assert SENIORS not in innovpolicy.load("xining").fact_registry.constraints


def test_a_layer_constraint_is_enforced_by_screening() -> None:
    pa = pytest.importorskip("pyarrow")
    datong = innovpolicy.load("xining", layers=[county()])
    good = pa.table({"lab_staff": [5, 3], "lab_seniors": [5, 1]})
    datong.screen(good, on="2022-06-30", rules=["QH20-PLATFORM"])
    bad = pa.table({"lab_staff": [5, 3], "lab_seniors": [5, 4]})
    with pytest.raises(InvalidFactError) as info:
        datong.screen(bad, on="2022-06-30", rules=["QH20-PLATFORM"])
    assert info.value.field == "lab_seniors"


@pytest.mark.parametrize(
    ("constraint", "fact", "reason"),
    [
        (Constraint("lab_seniors", "lab_heads", "m"), "lab_heads", "no layer declares"),
        (Constraint("lab_budget", "lab_staff", "m"), "lab_budget", "not yearly"),
        (Constraint("lab_seniors", "lab_open", "m"), "lab_open", "two number facts"),
        (Constraint("lab_staff", "lab_staff", "m"), "lab_staff", "with itself"),
    ],
)
def test_a_constraint_on_a_fact_it_cannot_compare_fails_at_load(
    constraint: Constraint, fact: str, reason: str
) -> None:
    error = load_broken(county(constraints=(constraint,)))
    assert (error.plugin, error.fact) == ("datong", fact)
    assert reason in str(error)


def test_a_layer_holding_something_else_as_a_constraint_is_refused() -> None:
    with pytest.raises(TypeError, match="constraints holds tuple"):
        county(constraints=(("lab_seniors", "lab_staff"),))


def test_qinghai_counts_a_broker_company_s_full_time_holders_among_all_holders() -> None:
    qinghai = innovpolicy.load("qinghai")
    with pytest.raises(InvalidFactError) as info:
        qinghai.prepare({"certificate_holders": 3, "fulltime_certificate_holders": 4})
    assert info.value.field == "fulltime_certificate_holders"
    assert "专职持证人员计入全部持证人员" in info.value.message("zh")
    assert qinghai.prepare({"certificate_holders": 4, "fulltime_certificate_holders": 4})


QINGHAI = innovpolicy.load("qinghai")
ON = date(2021, 6, 30)


@settings(max_examples=60, deadline=None)
@given(strategies.facts(QINGHAI, "QH-BROKER", on=ON, allow_missing=True))
def test_the_testing_kit_draws_facts_that_keep_a_layer_s_constraints(facts: dict[str, Any]) -> None:
    QINGHAI.prepare(facts)  # never refused as inconsistent
    QINGHAI.evaluate("QH-BROKER", facts, ON)


TOML = """
code = "datong"
name_zh = "大通县"
name_en = "Datong"
parent = "xining"

[documents.dt-1]
number = "大通〔2022〕1号"
title_zh = "大通县办法"
title_en = "Datong measures"
issuer_zh = "大通县"
effective_from = 2022-01-01

[facts.lab_staff]
kind = "integer"
meaning = "staff of the lab"

[facts.lab_seniors]
kind = "integer"
meaning = "senior staff of the lab"

[[constraints]]
smaller = "lab_seniors"
larger = "lab_staff"
meaning = "seniors are counted among the lab's staff"

[labels_zh]
"seniors are counted among the lab's staff" = "高级人员计入实验室人员"
"""


def test_a_toml_layer_declares_constraints(tmp_path: Any) -> None:
    path = tmp_path / "datong.toml"
    path.write_text(TOML, encoding="utf-8")
    datong = innovpolicy.load("xining", layers=[path])
    with pytest.raises(InvalidFactError) as info:
        datong.prepare({"lab_staff": 2, "lab_seniors": 3})
    assert "（高级人员计入实验室人员）" in info.value.message("zh")
    unknown = path.with_name("unknown.toml")
    unknown.write_text(TOML.replace('larger = "lab_staff"', 'larger = "lab_heads"'), "utf-8")
    with pytest.raises(LayerError, match="no layer declares") as error:
        innovpolicy.load("xining", layers=[unknown])
    assert error.value.fact == "lab_heads"
    extra = path.with_name("extra.toml")
    extra.write_text(
        TOML.replace('meaning = "seniors', 'strict = true\nmeaning = "seniors'), "utf-8"
    )
    with pytest.raises(PluginError, match=r"constraints\[0\]"):
        innovpolicy.load("xining", layers=[extra])


def test_the_layer_file_schema_describes_constraints() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import json
    import tomllib
    from pathlib import Path

    schema_path = Path(__file__).resolve().parents[1] / "docs" / "county-layer.schema.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text("utf-8")))
    data = tomllib.loads(TOML)
    data["documents"]["dt-1"]["effective_from"] = "2022-01-01"
    assert list(validator.iter_errors(data)) == []
    data["constraints"][0]["strict"] = True
    assert list(validator.iter_errors(data))
