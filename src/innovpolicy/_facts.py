"""Facts: the named inputs rules read, their declared types, and their validation.

A fact that is not known is *absent*; it is never silently zero. Yearly facts
(sales revenue, R&D expense...) are mappings from fiscal year to value, so that
"上年度" can be resolved against the date a rule is applied on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, getcontext, setcontext
from typing import Any, Literal

from ._frozen import frozen
from ._values import (
    _INT_LIMIT,
    _ISO_DATE,
    MAX_COUNT,
    MAX_DATE,
    MAX_DECIMAL_PLACES,
    MAX_INTEGER_DIGITS,
    MAX_TEXT,
    MAX_YEAR,
    MIN_DATE,
    MIN_YEAR,
    _check_decimal,
    library_context,
    to_bool,
    to_date,
    to_decimal,
    to_int,
    to_text,
    to_year,
)
from ._values import _state as _LIBRARY  # .context: this thread's library context
from .exceptions import InvalidFactError, UnknownFactError

Kind = Literal["decimal", "integer", "boolean", "date", "text"]
KINDS: tuple[Kind, ...] = ("decimal", "integer", "boolean", "date", "text")
FactValue = Decimal | int | bool | date | str


@frozen
class FactSpec:
    """Declaration of one fact: name, type, unit and meaning.

    ``minimum`` rejects impossible values (a negative head count); ``choices``
    restricts text facts; ``yearly`` facts are supplied as ``{year: value}``.
    """

    name: str
    kind: Kind
    meaning: str
    unit: str = ""
    minimum: Decimal | None = None
    choices: tuple[str, ...] = ()
    yearly: bool = False

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:  # (an unhashable kind is refused by the comparison too)
            raise ValueError(
                f"fact {self.name!r}: unknown kind {self.kind!r}; known: {', '.join(KINDS)}"
            )

    def coerce(self, value: Any, label: str | None = None) -> FactValue:
        """Validate one (non-yearly) value; errors name *label* (default: the fact)."""
        # Fast paths for values already of the fact's own type: the same checks as
        # the general path below, without its calls; anything else (an error
        # included) takes the general path.
        kind = self.kind
        kind_of = type(value)
        if kind == "boolean":
            if kind_of is bool:
                return value  # type: ignore[no-any-return]
        elif kind == "decimal":
            if kind_of is Decimal:
                number = _check_decimal(label or self.name, value, value)
                if self.minimum is None or not number < self.minimum:
                    return number
        elif kind == "integer":
            if (
                kind_of is int
                and -MAX_COUNT < value < MAX_COUNT
                and self.unit != "year"
                and (self.minimum is None or not value < self.minimum)
            ):
                return value  # type: ignore[no-any-return]
        elif kind == "date" and kind_of is date and MIN_DATE <= value <= MAX_DATE:
            return value  # type: ignore[no-any-return]
        field = label or self.name
        result: FactValue
        if self.kind == "decimal":
            result = to_decimal(field, value)
        elif self.kind == "integer":
            result = to_int(field, value)
            if self.unit == "year" and not MIN_YEAR <= result <= MAX_YEAR:
                raise InvalidFactError(
                    field, value, f"not a plausible year ({MIN_YEAR}..{MAX_YEAR})"
                )
        elif self.kind == "boolean":
            result = to_bool(field, value)
        elif self.kind == "date":
            result = to_date(field, value)
        else:
            result = to_text(field, value)
            if self.choices and value not in self.choices:
                raise InvalidFactError(field, value, f"expected one of {', '.join(self.choices)}")
        if (
            self.minimum is not None
            and isinstance(result, (Decimal, int))
            and not isinstance(result, bool)
            and result < self.minimum
        ):
            raise InvalidFactError(field, value, f"must be at least {self.minimum}")
        return result

    def coerce_yearly(self, value: Any) -> dict[int, FactValue]:
        """Validate ``{year: value}``; a ``None`` value means that year is unknown.

        Years are ints or four-digit strings. The same year given twice (``2019`` and
        ``"2019"``) with different values is refused.
        """
        if not isinstance(value, Mapping):
            raise InvalidFactError(
                self.name, value, "a yearly fact is a mapping of fiscal year to value"
            )
        result: dict[int, FactValue] = {}
        for year, item in value.items():
            if type(year) is int and MIN_YEAR <= year <= MAX_YEAR:
                year_number = year  # the usual case, without a call
            else:
                year_number = to_year(f"{self.name} (year)", year)
            if item is None:
                continue  # that year is not known
            key = yearly_key(self.name, year_number)
            coerced = self.coerce(item, key)
            previous = result.get(year_number)
            if previous is not None and previous != coerced:
                raise InvalidFactError(
                    key, item, f"the year {year_number} is given twice, also as {previous}"
                )
            result[year_number] = coerced
        return result

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "type": self.kind, "meaning": self.meaning}
        if self.unit:
            data["unit"] = self.unit
        if self.minimum is not None:
            data["minimum"] = str(self.minimum)
        if self.choices:
            data["choices"] = list(self.choices)
        if self.yearly:
            data["yearly"] = True
        return data


def yearly_key(name: str, year: int) -> str:
    """The flat key of a yearly fact, as reported among missing facts: ``rd_expense[2019]``."""
    return f"{name}[{year}]"


_YEARLY_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\[([0-9]{4})\]")


@frozen
class Constraint:
    """A consistency check between two facts: ``smaller`` ≤ ``larger`` when both are known."""

    smaller: str
    larger: str
    meaning: str


def _nonneg() -> Decimal:
    return Decimal(0)


def _spec(name: str, kind: Kind, meaning: str, unit: str = "", **extra: Any) -> FactSpec:
    if kind in ("decimal", "integer") and "minimum" not in extra:
        extra["minimum"] = _nonneg()
    return FactSpec(name, kind, meaning, unit, **extra)


CORE_FACTS: tuple[FactSpec, ...] = (
    # Identity and place
    _spec("name", "text", "name of the entity"),
    _spec("registered_in_qinghai", "boolean", "registered (登记注册) in Qinghai Province"),
    _spec("independent_legal_person", "boolean", "is an independent legal person (独立法人)"),
    _spec(
        "prefecture",
        "text",
        "prefecture-level city or autonomous prefecture (市州) of administrative affiliation; "
        "it pays the prefecture share of cost-shared provincial incentives",
    ),
    _spec(
        "district",
        "text",
        "county, district or park (县区/园区) the firm is affiliated to; it pays the local "
        "share of co-funded city incentives",
    ),
    _spec("business_start_date", "date", "date the entity began business operation"),
    _spec("registration_date", "date", "date the entity was registered (注册成立)"),
    # Enterprise profile
    _spec(
        "main_business_is_tech",
        "boolean",
        "main business is research, technology development, transfer, consulting, services "
        "or transformation of achievements",
    ),
    _spec("finances_sound", "boolean", "sound financial system and standard accounting"),
    _spec("employees", "integer", "total employees (从业人员)", "persons"),
    _spec(
        "sci_tech_staff",
        "integer",
        "S&T staff with technical-secondary (中专) education or above",
        "persons",
    ),
    _spec(
        "owns_ip",
        "boolean",
        "owns IP or proprietary technology reserves (patent, achievement, software copyright, "
        "crop variety, plan or own R&D project, registered technology contract, licensed product)",
    ),
    _spec(
        "sales_revenue", "decimal", "sales (service) revenue of the fiscal year", "CNY", yearly=True
    ),
    _spec(
        "main_business_revenue",
        "decimal",
        "main-business revenue of the fiscal year",
        "CNY",
        yearly=True,
    ),
    _spec("rd_expense", "decimal", "R&D expense (研发投入) of the fiscal year", "CNY", yearly=True),
    _spec("tax_paid", "decimal", "taxes paid in the fiscal year", "CNY", yearly=True),
    _spec(
        "is_high_tech_enterprise", "boolean", "holds the high-tech enterprise (高新技术企业) title"
    ),
    _spec(
        "is_tech_based_enterprise", "boolean", "holds the tech-based enterprise (科技型企业) title"
    ),
    _spec(
        "rd_super_deduction_exemption",
        "decimal",
        "tax exempted this year through the R&D super-deduction (研发费用加计扣除免税额)",
        "CNY",
    ),
    # Platform hosts (engineering centres, key labs)
    _spec(
        "host_kind",
        "text",
        "kind of host organisation",
        choices=("enterprise", "university", "institute"),
    ),
    _spec("rd_body_in_qinghai", "boolean", "the R&D body is located in Qinghai"),
    _spec(
        "is_industry_leader",
        "boolean",
        "leading firm (龙头骨干企业) of its industry in the province",
    ),
    _spec(
        "is_agricultural_leading_enterprise",
        "boolean",
        "agricultural leading enterprise (农业龙头企业)",
    ),
    _spec("agricultural_field", "boolean", "the platform works in the agricultural field"),
    _spec("max_technical_leader_age", "integer", "age of the oldest technical leader", "years"),
    _spec("director_age", "integer", "age of the centre or lab director", "years"),
    _spec("rd_staff", "integer", "research and development staff (研发人员/科研人员)", "persons"),
    _spec("senior_title_staff", "integer", "staff holding senior professional titles", "persons"),
    _spec(
        "technical_staff",
        "integer",
        "technical staff and skilled workers (technology research, product development, testing)",
        "persons",
    ),
    _spec("provincial_discipline_leaders", "integer", "provincial discipline leaders", "persons"),
    _spec(
        "leading_achievements",
        "integer",
        "domestically leading technical achievements with good engineering prospects",
    ),
    _spec("facility_area", "decimal", "area of test sites, workshops and facilities", "m2"),
    _spec("lab_area", "decimal", "laboratory area", "m2"),
    _spec("test_base_area", "decimal", "test base area", "mu"),
    _spec("research_floor_area", "decimal", "research floor area (科研用房面积)", "m2"),
    _spec("equipment_value", "decimal", "total (original) value of research equipment", "CNY"),
    _spec(
        "national_projects_5y",
        "integer",
        "national plan projects undertaken in the last five years",
    ),
    _spec(
        "provincial_projects_5y",
        "integer",
        "provincial plan projects undertaken in the last five years",
    ),
    _spec(
        "st_awards_5y",
        "integer",
        "national or provincial S&T progress, invention or natural-science awards in the last five years",
    ),
    _spec("invention_patents_5y", "integer", "granted invention patents in the last five years"),
    _spec("crop_varieties_5y", "integer", "approved agricultural varieties in the last five years"),
    _spec("research_funding", "decimal", "research funding per year (年科研经费)", "CNY"),
    _spec(
        "rd_projects_per_year", "integer", "national or provincial R&D projects undertaken per year"
    ),
    # Technology import
    _spec(
        "imported_technology_effective",
        "boolean",
        "imported technology was transformed locally with marked effect (引进技术落地转化效果显著)",
    ),
    _spec(
        "transfer_project_rd_total",
        "decimal",
        "total R&D investment of the technology transfer project",
        "CNY",
    ),
    # Transformation platforms
    _spec(
        "achievements_transformed",
        "integer",
        "achievements the platform got transformed in Qinghai",
    ),
    _spec("transaction_volume", "decimal", "yearly technology transaction volume", "CNY"),
    # Technology contracts
    _spec(
        "contract_type",
        "text",
        "kind of technology contract",
        choices=("development", "transfer", "consulting", "service"),
    ),
    _spec(
        "contract_registered",
        "boolean",
        "contract registered and recognised (经认定) by the registry",
    ),
    _spec("contract_amount", "decimal", "contract amount", "CNY"),
    _spec("brokered", "boolean", "deal brokered by an S&T intermediary or technology broker"),
    # City growth awards
    _spec(
        "joint_entity",
        "boolean",
        "joint-stock S&T firm founded by an enterprise with a university or institute (产学研经济实体)",
    ),
    _spec(
        "growth_milestone",
        "text",
        "what the joint entity has grown into",
        choices=("demonstration_base", "city_tech_based", "high_tech", "little_giant", "gazelle"),
    ),
    # Patents
    _spec(
        "patent_kind", "text", "kind of patent", choices=("invention", "utility_model", "design")
    ),
    _spec("patent_granted", "boolean", "the patent has been granted"),
    _spec("grant_date", "date", "date the patent was granted"),
    _spec("patentee", "text", "registered patentee"),
)

CORE_CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("sci_tech_staff", "employees", "S&T staff are counted among the employees"),
    Constraint("senior_title_staff", "rd_staff", "senior-title staff are counted among R&D staff"),
    Constraint(
        "provincial_discipline_leaders",
        "rd_staff",
        "discipline leaders are counted among R&D staff",
    ),
)


class FactRegistry:
    """All fact declarations known to a loaded jurisdiction (core plus plugins).

    Frozen once built: :meth:`add` and assigning attributes raise, so a loaded
    jurisdiction's validation cannot be changed behind its back.
    """

    __slots__ = ("_by_kind", "_constraints", "_fingerprint", "_frozen", "_specs", "_table")

    def __init__(
        self,
        specs: Iterable[FactSpec] = CORE_FACTS,
        constraints: Iterable[Constraint] = CORE_CONSTRAINTS,
    ) -> None:
        object.__setattr__(self, "_frozen", False)
        self._specs: dict[str, FactSpec] = {}
        for spec in specs:
            self.add(spec)
        self._constraints: tuple[Constraint, ...] = tuple(constraints)
        # Equal registries (a jurisdiction loaded again, in another process) share it;
        # hashed on first comparison (loading compares none).
        self._fingerprint: int | None = None
        self._table = {name: _compile(spec) for name, spec in self._specs.items()}
        self._by_kind = _by_kind(self._table)
        self._frozen = True

    def __reduce__(self) -> tuple[Any, ...]:
        return (FactRegistry, (tuple(self._specs.values()), self._constraints))

    def same_as(self, other: FactRegistry) -> bool:
        """True if *other* declares the same facts and constraints (compared by a hash
        of all declarations, computed once: cheap enough for every evaluation)."""
        return other is self or other._hashed() == self._hashed()

    def _hashed(self) -> int:
        fingerprint = self._fingerprint
        if fingerprint is None:
            fingerprint = hash((tuple(self._specs.values()), self._constraints))
            object.__setattr__(self, "_fingerprint", fingerprint)  # frozen: the one late field
        return fingerprint

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            raise AttributeError(f"a FactRegistry is frozen once built; cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a FactRegistry is frozen once built; cannot delete {name!r}")

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        """The consistency checks between facts (read-only)."""
        return self._constraints

    def add(self, spec: FactSpec) -> None:
        """Declare one more fact; only while the registry is being built."""
        if self._frozen:
            raise AttributeError(
                "a FactRegistry is frozen once built; declare facts in a Layer's facts"
            )
        existing = self._specs.get(spec.name)
        if existing is not None and existing != spec:
            raise ValueError(f"fact {spec.name!r} is declared twice with different meanings")
        self._specs[spec.name] = spec

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __getitem__(self, name: str) -> FactSpec:
        return self._specs[name]

    def __iter__(self) -> Iterator[FactSpec]:
        return iter(self._specs.values())

    def normalize(self, source: Mapping[str, Any]) -> dict[str, FactValue]:
        """Validate a JSON-like mapping into the flat internal form; never mutates *source*.

        A yearly fact is given as ``{year: value}`` or, for one year, under its flat
        name ``rd_expense[2019]`` (the names ``missing`` reports); the same year given
        both ways with different values is refused.

        Values already of their fact's type and plainly within bounds are checked by a
        validator compiled once per registry (one cheap test per value); anything it
        cannot vouch for, an error included, is validated again from the start by
        :meth:`normalize_reference`, so results and errors are the same as its.
        """
        if type(source) is dict:
            flat = self._normalize_fast(source)
            if flat is not None:
                self.check_constraints(flat)
                return flat
        return self.normalize_reference(source)

    def _normalize_fast(self, source: dict[Any, Any]) -> dict[str, FactValue] | None:
        """The flat facts of *source*, or ``None`` to leave it to :meth:`normalize_reference`.

        Pure: it calls the general path only on values of plain built-in types (whose
        validation runs no caller code), so redoing everything there is harmless.

        A value is first sorted by its type, then looked up among the facts of that
        type whose one check it is (a yes/no fact given as a bool, a count given as an
        int...); anything else takes :meth:`_one_item`, the entry-by-entry check.
        """
        bools, ints, decimals_named, yearly, texts, dates = self._by_kind
        # the types as locals: read once per item or year, a global costs more
        type_of, bool_, int_, decimal = type, bool, int, Decimal
        flat: dict[str, FactValue] = {}
        decimals: list[Decimal] = []  # non-zero Decimals, checked together at the end
        others: list[tuple[str, Any]] = []
        try:
            for name, value in source.items():
                kind = type_of(value)
                if kind is bool_:
                    if name in bools:
                        flat[name] = value
                        continue
                elif kind is int_:
                    try:
                        low, high = ints[name]  # (no int is in the bounds of other facts)
                    except KeyError:
                        pass
                    else:
                        if low <= value <= high:
                            flat[name] = value
                            continue
                elif kind is decimal:
                    if value and name in decimals_named:
                        # (zero takes the entry's path: -0 and 0E+3 become 0)
                        decimals.append(value)
                        flat[name] = value
                        continue
                elif kind is dict:
                    keys = yearly.get(name)
                    if keys is not None and type(name) is str:
                        size = len(flat)
                        for year, item in value.items():
                            if (
                                type_of(item) is not decimal
                                or type_of(year) is not int_
                                or not item
                            ):
                                break
                            try:
                                flat[keys[year]] = item
                            except KeyError:  # a year's first use (or an implausible one)
                                flat[_yearly_key_of(keys, name, year)] = item
                        else:
                            decimals.extend(value.values())
                            continue
                        if _years_other_forms(value, keys, name, flat, decimals, size):
                            continue
                elif kind is str:
                    choices = texts.get(name, _NOT_TEXT)
                    if choices is None:
                        if len(value) <= MAX_TEXT and value.isprintable():
                            flat[name] = value
                            continue
                    elif value in choices:
                        flat[name] = value
                        continue
                elif kind is date:
                    bounds = dates.get(name)
                    if bounds is not None and bounds[0] <= value <= bounds[1]:
                        flat[name] = value
                        continue
                if not self._one_item(name, value, flat, decimals, others):
                    return None
            if decimals and not _plain_decimals(decimals):
                return None
            for name, value in others:
                self._normalize_flat_year(name, value, flat)
        except Exception:
            return None  # an error: the general path meets it again and raises it
        return flat

    def _one_item(
        self,
        name: Any,
        value: Any,
        flat: dict[str, FactValue],
        decimals: list[Decimal],
        others: list[tuple[str, Any]],
    ) -> bool:
        """Put one item of :meth:`_normalize_fast`'s mapping into *flat* (or *others*),
        checked by its fact's compiled entry; False leaves the whole mapping to the
        general path. Errors propagate (the fast path then gives it up too). (A yearly
        decimal fact's dict reaches it only when :meth:`_normalize_fast` could not put it
        at once: it takes the per-value path below.)"""
        try:
            entry = self._table[name]
        except KeyError:
            if type(name) is not str or type(value) not in _PLAIN_TYPES:
                return False
            others.append((name, value))  # rd_expense[2019], or an unknown name
            return True
        if type(value) is entry[0]:  # the fact's own type: one check of the value
            code = entry[1]
            if code is _SAME:
                flat[name] = value
                return True
            if code is _RANGE:
                if entry[2] <= value <= entry[3]:
                    flat[name] = value
                    return True
            elif code is _DECIMAL:
                if value:  # (zero takes the general path: -0 and 0E+3 become 0)
                    decimals.append(value)
                    flat[name] = value
                    return True
            elif code is _CHOICE:
                if value in entry[2]:
                    flat[name] = value
                    return True
            elif code is _TEXT and len(value) <= MAX_TEXT and value.isprintable():
                flat[name] = value
                return True
        elif value is None:
            return True  # explicit null means "not known"
        # Any other form of a value: a few common ones, then the general path.
        kind = type(value)
        code = entry[1]
        spec = entry[4]
        if code is _YEARLY_DECIMAL or code is _YEARLY:
            if kind is not dict or type(name) is not str:
                return False
            for year, item in value.items():
                if type(year) not in _PLAIN_TYPES or type(item) not in _PLAIN_TYPES:
                    return False
            for year, item in spec.coerce_yearly(value).items():
                flat[yearly_key(name, year)] = item
            return True
        if kind not in _PLAIN_TYPES:
            return False
        if code is _DECIMAL:
            if kind is int:
                if 0 <= value < _INT_LIMIT:
                    flat[name] = Decimal(value)
                    return True
            elif kind is str and value.isdigit() and len(value) <= 18 and value.isascii():
                flat[name] = Decimal(value)
                return True
        elif (
            code is _RANGE
            and entry[0] is date
            and kind is str
            and len(value) == 10
            and _ISO_DATE.fullmatch(value)
        ):
            day = date.fromisoformat(value)
            if entry[2] <= day <= entry[3]:
                flat[name] = day
                return True
        flat[name] = spec.coerce(value)  # the general path, value by value
        return True

    def normalize_reference(self, source: Mapping[str, Any]) -> dict[str, FactValue]:
        """The general validation path of :meth:`normalize` (also its differential reference)."""
        if not isinstance(source, Mapping):
            raise InvalidFactError("facts", source, "expected a mapping of fact name to value")
        flat: dict[str, FactValue] = {}
        others: list[tuple[Any, Any]] = []
        for name, value in source.items():
            spec = self._specs.get(name)
            if spec is None:
                others.append((name, value))  # rd_expense[2019], or an unknown name
            elif value is None:
                continue  # explicit null means "not known"
            elif spec.yearly:
                for year, item in spec.coerce_yearly(value).items():
                    flat[yearly_key(name, year)] = item
            else:
                flat[name] = spec.coerce(value)
        for name, value in others:
            self._normalize_flat_year(name, value, flat)
        self.check_constraints(flat)
        return flat

    def _normalize_flat_year(self, name: Any, value: Any, flat: dict[str, FactValue]) -> None:
        match = _YEARLY_KEY.fullmatch(name) if isinstance(name, str) else None
        spec = self._specs.get(match.group(1)) if match else None
        if match is None or spec is None or not spec.yearly:
            if not isinstance(name, str):
                raise UnknownFactError("facts", name, "a fact name must be a string")
            raise UnknownFactError(name, value, "no rule or entity declares this fact")
        if value is None:
            return
        year = to_year(f"{spec.name} (year)", match.group(2))
        _put(flat, yearly_key(spec.name, year), spec.coerce(value, name), value)

    def check_constraints(self, flat: Mapping[str, Any]) -> None:
        for constraint in self._constraints:
            small = flat.get(constraint.smaller)
            if small is None:
                continue
            large = flat.get(constraint.larger)
            if large is not None and small > large:
                raise InvalidFactError(
                    constraint.smaller,
                    small,
                    f"exceeds {constraint.larger}={large} ({constraint.meaning})",
                )


# ------------------------------------------------------------------ compiled validation
# One entry per declared fact, built once per registry, with its bounds (or choices,
# or the yearly keys met so far) bound at build time.

# The codes: what the one check of a value of the fact's own type is.
_SAME, _RANGE, _DECIMAL, _YEARLY_DECIMAL, _YEARLY, _CHOICE, _TEXT, _GENERAL = range(8)
# (own type or None, code, low or choices or yearly keys, high, spec)
_Entry = tuple[Any, int, Any, Any, FactSpec]  # (Any: "type(value) is own" must not narrow value)

# Types whose validation by the general path is pure (no caller code runs).
_PLAIN_TYPES = frozenset({str, int, float, bool, Decimal, date, datetime, type(None)})

_BELOW = Decimal(10**MAX_INTEGER_DIGITS)
_FAR_BELOW = Decimal(10**40)
_ZERO = Decimal(0)
_signed = Decimal.is_signed


def _plain_decimals(decimals: list[Decimal]) -> bool:
    """Whether every one of these non-zero Decimals is positive, finite, below 10**18
    and has an exponent of at least -10 (at most 10 decimal places, written so): then
    the general path returns each unchanged.

    One exact sum does most of it: the exponent of an exact sum is the least of the
    exponents. In the library context (60 digits) a sum that had to be rounded keeps a
    60-digit coefficient, so one below 10**40 with an exponent of -10 or more was
    exact. Linear in the digits of the input, however long.
    """
    try:  # library_context(), without the call
        mine = _LIBRARY.context
    except AttributeError:
        mine = library_context()
    caller = getcontext()
    total: Decimal
    if caller is mine:
        total = sum(decimals, _ZERO)
    else:
        setcontext(mine)
        try:
            total = sum(decimals, _ZERO)
        finally:
            setcontext(caller)
    # a NaN or an infinity makes the sum one; past it, comparisons are safe, and a
    # non-zero finite Decimal is positive unless signed (a method call, cheaper than
    # comparing with zero: min(decimals) > 0)
    if not total.is_finite() or not total < _FAR_BELOW or any(map(_signed, decimals)):
        return False
    if not total < _BELOW and not max(decimals) < _BELOW:
        return False
    text = str(total)
    if "E" in text or "e" in text:  # (a caller's context may write "1e-11")
        exponent = total.as_tuple().exponent
        return type(exponent) is int and exponent >= -MAX_DECIMAL_PLACES
    point = text.find(".")
    return point < 0 or len(text) - point <= MAX_DECIMAL_PLACES + 1


def _yearly_key_of(keys: dict[Any, str], name: str, year: Any) -> str:
    """The flat key of *name* for *year* (an int or four ASCII digits), remembered in
    *keys*; KeyError if *year* is not a plausible fiscal year."""
    if type(year) is str and len(year) == 4 and year.isascii() and year.isdigit():
        number = int(year)
    elif type(year) is int:
        number = year
    else:
        raise KeyError(year)
    if not MIN_YEAR <= number <= MAX_YEAR:
        raise KeyError(year)
    key = keys[year] = yearly_key(name, number)
    return key


def _years_other_forms(
    value: dict[Any, Any],
    keys: dict[Any, str],
    name: str,
    flat: dict[str, FactValue],
    decimals: list[Decimal],
    size: int,
) -> bool:
    """Put a yearly decimal fact's ``{year: value}`` into *flat* (which held *size*
    items before it) if every item has a plain form (an int or str year; a non-zero
    Decimal, an int or a digit string); False leaves it to the general path, which
    puts the same keys again, in the same order."""
    start = len(decimals)
    for year, item in value.items():
        year_type = type(year)
        if year_type is not int and year_type is not str:
            break
        item_type = type(item)
        if item_type is Decimal:
            if not item:
                break  # zero: the general path (-0 and 0E+3 become 0)
            decimals.append(item)
        elif (item_type is int and 0 <= item < _INT_LIMIT) or (
            item_type is str and item.isdigit() and len(item) <= 18 and item.isascii()
        ):
            item = Decimal(item)  # a whole number below 10**18: no further check
        else:
            break
        key = keys.get(year)
        flat[_yearly_key_of(keys, name, year) if key is None else key] = item
    else:
        if len(flat) == size + len(value):
            return True
        # else a year given twice (2019 and "2019")
    del decimals[start:]
    return False


#: (yes/no facts, {fact: (low, high) of an int}, decimal facts, {yearly decimal fact: its
#: keys}, {text fact: its choices, or None for free text}, {date fact: (low, high)}):
#: the facts whose value of their own type has one check, by type
_ByKind = tuple[
    frozenset[str],
    dict[str, tuple[int, int]],
    frozenset[str],
    dict[str, dict[Any, str]],
    dict[str, frozenset[str] | None],
    dict[str, tuple[date, date]],
]
_NOT_TEXT = frozenset[str]()  # (no choice is in it: a name that is no text fact)


def _by_kind(table: dict[str, _Entry]) -> _ByKind:
    """The facts of *table* sorted by the type their one check is for (see
    :meth:`FactRegistry._normalize_fast`); the yearly keys are the entries' own dicts.
    Every fact has bounds for an int (those of the others hold none: (1, 0)), so that
    an int given for a decimal fact finds them without an exception."""
    bools: list[str] = []
    ints: dict[str, tuple[int, int]] = {}
    decimals: list[str] = []
    yearly: dict[str, dict[Any, str]] = {}
    texts: dict[str, frozenset[str] | None] = {}
    dates: dict[str, tuple[date, date]] = {}
    for name, (own, code, low, high, _spec) in table.items():
        ints[name] = (1, 0)
        if code is _SAME:
            bools.append(name)
        elif code is _RANGE:
            if own is int:
                ints[name] = (low, high)
            else:
                dates[name] = (low, high)
        elif code is _DECIMAL:
            decimals.append(name)
        elif code is _YEARLY_DECIMAL:
            yearly[name] = low
        elif code is _CHOICE:
            texts[name] = low
        elif code is _TEXT:
            texts[name] = None
    return frozenset(bools), ints, frozenset(decimals), yearly, texts, dates


def _compile(spec: FactSpec) -> _Entry:
    """The compiled validation entry of one fact (see :meth:`FactRegistry._normalize_fast`)."""
    minimum = spec.minimum
    plain_minimum = minimum is None or (
        isinstance(minimum, (int, Decimal))
        and not isinstance(minimum, bool)
        and (not isinstance(minimum, Decimal) or minimum.is_finite())
    )
    # the fast decimal checks accept non-negative values only: right when minimum <= 0
    fast_decimal = spec.kind == "decimal" and (minimum is None or (plain_minimum and minimum <= 0))
    if spec.yearly:
        if fast_decimal:
            return (dict, _YEARLY_DECIMAL, {}, None, spec)
        return (None, _YEARLY, {}, None, spec)
    if not plain_minimum:
        return (None, _GENERAL, None, None, spec)
    if spec.kind == "boolean":
        return (bool, _SAME, None, None, spec)
    if spec.kind == "decimal":
        if fast_decimal:
            return (Decimal, _DECIMAL, None, None, spec)
        return (None, _GENERAL, None, None, spec)
    if spec.kind == "integer":
        low, high = -MAX_COUNT + 1, MAX_COUNT - 1
        if spec.unit == "year":
            low, high = MIN_YEAR, MAX_YEAR
        if minimum is not None:
            low = max(low, math.ceil(minimum))
        return (int, _RANGE, low, high, spec)
    if spec.kind == "date":
        return (date, _RANGE, MIN_DATE, MAX_DATE, spec)
    if spec.choices:
        usable = frozenset(
            choice
            for choice in spec.choices
            if type(choice) is str and len(choice) <= MAX_TEXT and choice.isprintable()
        )
        return (str, _CHOICE, usable, None, spec)
    return (str, _TEXT, None, None, spec)


def _put(flat: dict[str, FactValue], key: str, item: FactValue, given: Any) -> None:
    previous = flat.get(key)
    if previous is not None and previous != item:
        raise InvalidFactError(key, given, f"conflicts with {key}={previous} given elsewhere")
    flat[key] = item


CORE_REGISTRY = FactRegistry()


def coercer(name: str) -> Callable[[Any], Any]:
    """An attrs converter validating one core fact (``None`` stays ``None``)."""
    spec = CORE_REGISTRY[name]

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if spec.yearly:
            return _FrozenYears(spec.coerce_yearly(value))
        return spec.coerce(value)

    convert.__name__ = f"coerce_{name}"
    return convert


class _FrozenYears(Mapping[int, FactValue]):
    """An immutable, hashable ``{year: value}`` mapping held by entities."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[int, FactValue]) -> None:
        self._data = dict(data)

    def __getitem__(self, year: int) -> FactValue:
        return self._data[year]

    def __iter__(self) -> Iterator[int]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items())))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._data)
