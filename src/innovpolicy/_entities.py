"""The entities policies talk about, as frozen and validated attrs classes.

Every field defaults to ``None``: an unknown fact is absent, never zero. Each
field is the fact of the same name (see ``CORE_FACTS``), so an entity and a plain
facts mapping are interchangeable inputs to :meth:`Jurisdiction.evaluate`.

The classes are imported on first use (``innovpolicy.Enterprise``): loading and
evaluating need only their base, :class:`_Entity`, which lives in ``_entity_base``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from ._entity_base import _Entity as _Entity  # re-exported (innovpolicy.testing uses it)

Years = Mapping[int, Decimal]


# Typed input converters: they tell type checkers (the attrs mypy plugin reads a named
# converter's argument type) which input forms a field accepts — the forms a facts
# mapping accepts. The value is validated, naming the field, by ``_Entity`` below.
DateInput = date | str
DecimalInput = Decimal | int | str
IntInput = int | Decimal | str
BoolInput = bool | str
YearsInput = Mapping[int | str, DecimalInput]


def _in_date(value: DateInput | None) -> date | None:
    return value  # type: ignore[return-value]


def _in_decimal(value: DecimalInput | None) -> Decimal | None:
    return value  # type: ignore[return-value]


def _in_int(value: IntInput | None) -> int | None:
    return value  # type: ignore[return-value]


def _in_bool(value: BoolInput | None) -> bool | None:
    return value  # type: ignore[return-value]


def _in_text(value: str | None) -> str | None:
    return value


def _in_years(value: YearsInput | None) -> Years | None:
    return value  # type: ignore[return-value]


_PRIVATE = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)


@attrs.frozen
class Enterprise(_Entity):
    """An enterprise: the subject of designations (科技型企业...) and most incentives."""

    kind: ClassVar[str] = "enterprise"
    name: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    registered_in_qinghai: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    independent_legal_person: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    prefecture: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    district: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    business_start_date: date | None = attrs.field(default=None, converter=_in_date, kw_only=True)
    registration_date: date | None = attrs.field(default=None, converter=_in_date, kw_only=True)
    main_business_is_tech: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    finances_sound: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    employees: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    sci_tech_staff: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    owns_ip: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    sales_revenue: Years | None = attrs.field(default=None, converter=_in_years, kw_only=True)
    main_business_revenue: Years | None = attrs.field(
        default=None, converter=_in_years, kw_only=True
    )
    rd_expense: Years | None = attrs.field(default=None, converter=_in_years, kw_only=True)
    tax_paid: Years | None = attrs.field(default=None, converter=_in_years, kw_only=True)
    is_high_tech_enterprise: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    is_tech_based_enterprise: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    rd_super_deduction_exemption: Decimal | None = attrs.field(
        default=None, converter=_in_decimal, kw_only=True
    )
    is_industry_leader: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    is_agricultural_leading_enterprise: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    imported_technology_effective: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    transfer_project_rd_total: Decimal | None = attrs.field(
        default=None, converter=_in_decimal, kw_only=True
    )
    joint_entity: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    growth_milestone: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    _flat: Any = _PRIVATE


@attrs.frozen
class ResearchInstitute(_Entity):
    """A university or research institute (科研院所、高校)."""

    kind: ClassVar[str] = "research_institute"
    name: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    host_kind: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    registered_in_qinghai: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    independent_legal_person: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    prefecture: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    rd_staff: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    senior_title_staff: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    provincial_discipline_leaders: int | None = attrs.field(
        default=None, converter=_in_int, kw_only=True
    )
    _flat: Any = _PRIVATE


@attrs.frozen
class Platform(_Entity):
    """A platform (key lab, engineering centre, transformation platform) and its host's data."""

    kind: ClassVar[str] = "platform"
    name: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    host_kind: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    registered_in_qinghai: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    independent_legal_person: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    rd_body_in_qinghai: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    is_industry_leader: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    is_agricultural_leading_enterprise: bool | None = attrs.field(
        default=None, converter=_in_bool, kw_only=True
    )
    agricultural_field: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    sales_revenue: Years | None = attrs.field(default=None, converter=_in_years, kw_only=True)
    rd_expense: Years | None = attrs.field(default=None, converter=_in_years, kw_only=True)
    max_technical_leader_age: int | None = attrs.field(
        default=None, converter=_in_int, kw_only=True
    )
    director_age: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    rd_staff: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    senior_title_staff: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    technical_staff: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    provincial_discipline_leaders: int | None = attrs.field(
        default=None, converter=_in_int, kw_only=True
    )
    leading_achievements: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    facility_area: Decimal | None = attrs.field(default=None, converter=_in_decimal, kw_only=True)
    lab_area: Decimal | None = attrs.field(default=None, converter=_in_decimal, kw_only=True)
    test_base_area: Decimal | None = attrs.field(default=None, converter=_in_decimal, kw_only=True)
    research_floor_area: Decimal | None = attrs.field(
        default=None, converter=_in_decimal, kw_only=True
    )
    equipment_value: Decimal | None = attrs.field(default=None, converter=_in_decimal, kw_only=True)
    national_projects_5y: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    provincial_projects_5y: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    st_awards_5y: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    invention_patents_5y: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    crop_varieties_5y: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    research_funding: Decimal | None = attrs.field(
        default=None, converter=_in_decimal, kw_only=True
    )
    rd_projects_per_year: int | None = attrs.field(default=None, converter=_in_int, kw_only=True)
    achievements_transformed: int | None = attrs.field(
        default=None, converter=_in_int, kw_only=True
    )
    transaction_volume: Decimal | None = attrs.field(
        default=None, converter=_in_decimal, kw_only=True
    )
    _flat: Any = _PRIVATE


@attrs.frozen
class TechnologyContract(_Entity):
    """A technology contract (技术合同) and how it was concluded."""

    kind: ClassVar[str] = "technology_contract"
    contract_type: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    contract_registered: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    contract_amount: Decimal | None = attrs.field(default=None, converter=_in_decimal, kw_only=True)
    brokered: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    _flat: Any = _PRIVATE


@attrs.frozen
class Patent(_Entity):
    """A patent (专利)."""

    kind: ClassVar[str] = "patent"
    patent_kind: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    patent_granted: bool | None = attrs.field(default=None, converter=_in_bool, kw_only=True)
    grant_date: date | None = attrs.field(default=None, converter=_in_date, kw_only=True)
    patentee: str | None = attrs.field(default=None, converter=_in_text, kw_only=True)
    _flat: Any = _PRIVATE


ENTITY_TYPES: tuple[type[_Entity], ...] = (
    Enterprise,
    ResearchInstitute,
    Platform,
    TechnologyContract,
    Patent,
)
