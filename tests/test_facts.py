from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import attrs
import pytest

import innovpolicy
from innovpolicy import (
    Enterprise,
    FactSpec,
    Patent,
    Platform,
    ResearchInstitute,
    TechnologyContract,
)
from innovpolicy._facts import CORE_REGISTRY
from innovpolicy.exceptions import InvalidFactError, UnknownFactError


def test_negative_staff_count_names_field_and_value() -> None:
    with pytest.raises(InvalidFactError) as info:
        Enterprise(employees=-3)
    assert info.value.field == "employees"
    assert info.value.value == -3
    assert "employees=-3" in str(info.value)
    with pytest.raises(InvalidFactError, match="employees=-3"):
        CORE_REGISTRY.normalize({"employees": -3})


def test_sci_tech_staff_above_total_staff_is_refused() -> None:
    with pytest.raises(InvalidFactError) as info:
        Enterprise(employees=10, sci_tech_staff=11)
    assert info.value.field == "sci_tech_staff"
    assert info.value.value == 11
    assert "employees=10" in str(info.value)
    with pytest.raises(InvalidFactError, match="sci_tech_staff=11"):
        CORE_REGISTRY.normalize({"employees": 10, "sci_tech_staff": 11})


def test_unknown_fact_is_refused_not_ignored() -> None:
    with pytest.raises(UnknownFactError, match="employes"):
        CORE_REGISTRY.normalize({"employes": 10})


def test_wrong_date_format_names_the_field() -> None:
    with pytest.raises(InvalidFactError, match="business_start_date='2018/06/30'"):
        Enterprise(business_start_date="2018/06/30")


def test_yearly_facts_validate_years_and_values() -> None:
    flat = CORE_REGISTRY.normalize({"sales_revenue": {"2020": "100", 2019: 90}})
    assert flat == {"sales_revenue[2020]": Decimal(100), "sales_revenue[2019]": Decimal(90)}
    with pytest.raises(InvalidFactError, match=r"sales_revenue\[2020\]"):
        CORE_REGISTRY.normalize({"sales_revenue": {"2020": "-1"}})
    with pytest.raises(InvalidFactError, match=r"sales_revenue \(year\)=.twenty."):
        CORE_REGISTRY.normalize({"sales_revenue": {"twenty": "1"}})
    with pytest.raises(InvalidFactError, match="mapping"):
        CORE_REGISTRY.normalize({"sales_revenue": "100"})


def test_choices_are_enforced() -> None:
    with pytest.raises(InvalidFactError, match="one of development"):
        TechnologyContract(contract_type="loan")


def test_null_means_unknown() -> None:
    assert CORE_REGISTRY.normalize({"employees": None}) == {}


def test_entities_are_frozen_and_convert_to_facts() -> None:
    firm = Enterprise(
        employees=100,
        sci_tech_staff="30",
        sales_revenue={2020: "5"},
        business_start_date="2019-01-02",
    )
    assert firm.sci_tech_staff == 30
    assert firm.business_start_date == date(2019, 1, 2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        firm.employees = 5  # type: ignore[misc]
    facts = firm.to_facts()
    assert facts["sales_revenue"] == {2020: Decimal(5)}
    assert Enterprise(**facts) == firm
    assert hash(firm) == hash(Enterprise(**facts))


def test_every_entity_kind_builds_and_validates() -> None:
    assert Platform(transaction_volume="1").flat_facts() == {"transaction_volume": Decimal(1)}
    assert ResearchInstitute(host_kind="institute").kind == "research_institute"
    assert Patent(patent_kind="invention", grant_date="2020-01-01").grant_date == date(2020, 1, 1)
    with pytest.raises(InvalidFactError, match="senior_title_staff"):
        ResearchInstitute(rd_staff=1, senior_title_staff=2)


def test_evaluation_does_not_mutate_the_callers_mapping() -> None:
    xining = innovpolicy.load("xining")
    facts = {
        "sales_revenue": {"2020": "100"},
        "employees": 3,
        "sci_tech_staff": 1,
        "contract_amount": "5",
    }
    before = copy.deepcopy(facts)
    xining.evaluate_all(facts, "2021-06-30")
    assert facts == before


def test_conflicting_entities_are_refused() -> None:
    xining = innovpolicy.load("xining")
    with pytest.raises(InvalidFactError, match="conflicts"):
        xining.prepare([Enterprise(name="a"), {"name": "b"}])
    with pytest.raises(InvalidFactError, match="sci_tech_staff"):
        xining.prepare([Enterprise(employees=5), {"sci_tech_staff": 6}])
    with pytest.raises(InvalidFactError, match="facts"):
        xining.prepare(42)


def test_a_fact_of_an_unknown_kind_is_refused_when_declared() -> None:
    # (before: accepted, then a KeyError from inside the load checks)
    with pytest.raises(ValueError, match=r"fact 'x': unknown kind 'money'; known: decimal"):
        FactSpec("x", "money", "meaning")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown kind"):
        FactSpec("x", ["decimal"], "meaning")  # type: ignore[arg-type]
