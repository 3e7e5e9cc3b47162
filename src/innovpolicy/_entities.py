"""The entities policies talk about, as frozen and validated attrs classes.

Every field defaults to ``None``: an unknown fact is absent, never zero. Each
field is the fact of the same name (see ``CORE_FACTS``), so an entity and a plain
facts mapping are interchangeable inputs to :meth:`Jurisdiction.evaluate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, cast

import attrs

from ._facts import CORE_REGISTRY, FactValue, coercer, yearly_key

Years = Mapping[int, Decimal]


def _fact(name: str) -> Any:
    return attrs.field(default=None, converter=coercer(name), kw_only=True)


class _Entity:
    """Shared behaviour: conversion to the flat facts form and consistency checks."""

    kind: ClassVar[str]

    def __attrs_post_init__(self) -> None:
        flat: dict[str, FactValue] = {}
        for field in attrs.fields(cast(Any, type(self))):
            if field.name.startswith("_"):
                continue
            value = getattr(self, field.name)
            if value is None:
                continue
            if CORE_REGISTRY[field.name].yearly:
                for year, item in value.items():
                    flat[yearly_key(field.name, year)] = item
            else:
                flat[field.name] = value
        CORE_REGISTRY.check_constraints(flat)
        object.__setattr__(self, "_flat", flat)

    def to_facts(self) -> dict[str, Any]:
        """The entity as a JSON-like facts mapping (unknown facts left out)."""
        result: dict[str, Any] = {}
        for field in attrs.fields(cast(Any, type(self))):
            if field.name.startswith("_"):
                continue
            value = getattr(self, field.name)
            if value is not None:
                result[field.name] = dict(value) if isinstance(value, Mapping) else value
        return result

    def flat_facts(self) -> Mapping[str, FactValue]:
        """The validated flat form used by the engine (yearly facts as ``name[year]``).

        A read-only view: the entity is frozen, and so are its facts.
        """
        return MappingProxyType(self._flat)  # type: ignore[attr-defined]


_PRIVATE = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)


@attrs.frozen
class Enterprise(_Entity):
    """An enterprise: the subject of designations (科技型企业...) and most incentives."""

    kind: ClassVar[str] = "enterprise"
    name: str | None = _fact("name")
    registered_in_qinghai: bool | None = _fact("registered_in_qinghai")
    independent_legal_person: bool | None = _fact("independent_legal_person")
    prefecture: str | None = _fact("prefecture")
    district: str | None = _fact("district")
    business_start_date: date | None = _fact("business_start_date")
    registration_date: date | None = _fact("registration_date")
    main_business_is_tech: bool | None = _fact("main_business_is_tech")
    finances_sound: bool | None = _fact("finances_sound")
    employees: int | None = _fact("employees")
    sci_tech_staff: int | None = _fact("sci_tech_staff")
    owns_ip: bool | None = _fact("owns_ip")
    sales_revenue: Years | None = _fact("sales_revenue")
    main_business_revenue: Years | None = _fact("main_business_revenue")
    rd_expense: Years | None = _fact("rd_expense")
    tax_paid: Years | None = _fact("tax_paid")
    is_high_tech_enterprise: bool | None = _fact("is_high_tech_enterprise")
    is_tech_based_enterprise: bool | None = _fact("is_tech_based_enterprise")
    rd_super_deduction_exemption: Decimal | None = _fact("rd_super_deduction_exemption")
    is_industry_leader: bool | None = _fact("is_industry_leader")
    is_agricultural_leading_enterprise: bool | None = _fact("is_agricultural_leading_enterprise")
    imported_technology_effective: bool | None = _fact("imported_technology_effective")
    transfer_project_rd_total: Decimal | None = _fact("transfer_project_rd_total")
    joint_entity: bool | None = _fact("joint_entity")
    growth_milestone: str | None = _fact("growth_milestone")
    _flat: Any = _PRIVATE


@attrs.frozen
class ResearchInstitute(_Entity):
    """A university or research institute (科研院所、高校)."""

    kind: ClassVar[str] = "research_institute"
    name: str | None = _fact("name")
    host_kind: str | None = _fact("host_kind")
    registered_in_qinghai: bool | None = _fact("registered_in_qinghai")
    independent_legal_person: bool | None = _fact("independent_legal_person")
    prefecture: str | None = _fact("prefecture")
    rd_staff: int | None = _fact("rd_staff")
    senior_title_staff: int | None = _fact("senior_title_staff")
    provincial_discipline_leaders: int | None = _fact("provincial_discipline_leaders")
    _flat: Any = _PRIVATE


@attrs.frozen
class Platform(_Entity):
    """A platform (key lab, engineering centre, transformation platform) and its host's data."""

    kind: ClassVar[str] = "platform"
    name: str | None = _fact("name")
    host_kind: str | None = _fact("host_kind")
    registered_in_qinghai: bool | None = _fact("registered_in_qinghai")
    independent_legal_person: bool | None = _fact("independent_legal_person")
    rd_body_in_qinghai: bool | None = _fact("rd_body_in_qinghai")
    is_industry_leader: bool | None = _fact("is_industry_leader")
    is_agricultural_leading_enterprise: bool | None = _fact("is_agricultural_leading_enterprise")
    agricultural_field: bool | None = _fact("agricultural_field")
    sales_revenue: Years | None = _fact("sales_revenue")
    rd_expense: Years | None = _fact("rd_expense")
    max_technical_leader_age: int | None = _fact("max_technical_leader_age")
    director_age: int | None = _fact("director_age")
    rd_staff: int | None = _fact("rd_staff")
    senior_title_staff: int | None = _fact("senior_title_staff")
    technical_staff: int | None = _fact("technical_staff")
    provincial_discipline_leaders: int | None = _fact("provincial_discipline_leaders")
    leading_achievements: int | None = _fact("leading_achievements")
    facility_area: Decimal | None = _fact("facility_area")
    lab_area: Decimal | None = _fact("lab_area")
    test_base_area: Decimal | None = _fact("test_base_area")
    research_floor_area: Decimal | None = _fact("research_floor_area")
    equipment_value: Decimal | None = _fact("equipment_value")
    national_projects_5y: int | None = _fact("national_projects_5y")
    provincial_projects_5y: int | None = _fact("provincial_projects_5y")
    st_awards_5y: int | None = _fact("st_awards_5y")
    invention_patents_5y: int | None = _fact("invention_patents_5y")
    crop_varieties_5y: int | None = _fact("crop_varieties_5y")
    research_funding: Decimal | None = _fact("research_funding")
    rd_projects_per_year: int | None = _fact("rd_projects_per_year")
    achievements_transformed: int | None = _fact("achievements_transformed")
    transaction_volume: Decimal | None = _fact("transaction_volume")
    _flat: Any = _PRIVATE


@attrs.frozen
class TechnologyContract(_Entity):
    """A technology contract (技术合同) and how it was concluded."""

    kind: ClassVar[str] = "technology_contract"
    contract_type: str | None = _fact("contract_type")
    contract_registered: bool | None = _fact("contract_registered")
    contract_amount: Decimal | None = _fact("contract_amount")
    brokered: bool | None = _fact("brokered")
    _flat: Any = _PRIVATE


@attrs.frozen
class Patent(_Entity):
    """A patent (专利)."""

    kind: ClassVar[str] = "patent"
    patent_kind: str | None = _fact("patent_kind")
    patent_granted: bool | None = _fact("patent_granted")
    grant_date: date | None = _fact("grant_date")
    patentee: str | None = _fact("patentee")
    _flat: Any = _PRIVATE


ENTITY_TYPES: tuple[type[_Entity], ...] = (
    Enterprise,
    ResearchInstitute,
    Platform,
    TechnologyContract,
    Patent,
)
