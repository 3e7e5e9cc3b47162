"""Three-valued criteria over facts, composable like attrs validators.

Values are computed by small *expressions* (a fact, a fiscal-year fact, a ratio,
whole years since a date, a parameter); *criteria* compare them and combine with
Kleene's strong three-valued logic: ``all_of`` is false as soon as one part is
false even if others are unknown, ``any_of`` is true as soon as one part is true.
Every comparison carries the legal wording it encodes (以上 ≥, 超过 >, 不满 <, ...).
"""

from __future__ import annotations

import abc
import enum
import operator
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from ._facts import yearly_key
from ._frozen import fast_constructor, frozen
from ._values import ZERO, add_years, format_decimal, full_years_between
from .exceptions import ParameterNotSetError

if TYPE_CHECKING:
    from ._params import DatedValue, ParamValue


class Truth(enum.Enum):
    """Kleene truth value: TRUE, FALSE or UNKNOWN."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    # Members are singletons compared by identity: hash them by identity too, in C
    # (Enum's own __hash__ is a Python method, paid on every dict lookup by truth).
    __hash__ = object.__hash__

    def __and__(self, other: Truth) -> Truth:
        if self is Truth.FALSE or other is Truth.FALSE:
            return Truth.FALSE
        if self is Truth.UNKNOWN or other is Truth.UNKNOWN:
            return Truth.UNKNOWN
        return Truth.TRUE

    def __or__(self, other: Truth) -> Truth:
        if self is Truth.TRUE or other is Truth.TRUE:
            return Truth.TRUE
        if self is Truth.UNKNOWN or other is Truth.UNKNOWN:
            return Truth.UNKNOWN
        return Truth.FALSE

    def __invert__(self) -> Truth:
        if self is Truth.TRUE:
            return Truth.FALSE
        if self is Truth.FALSE:
            return Truth.TRUE
        return Truth.UNKNOWN

    @classmethod
    def of(cls, value: bool) -> Truth:
        return cls.TRUE if value else cls.FALSE


TRUE, FALSE, UNKNOWN = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


@frozen
class Resolved:
    """A parameter value as resolved for one date, with the layer that set it."""

    key: str
    value: ParamValue
    layer: str
    dated: DatedValue


class Context(Protocol):
    """What expressions need while evaluating: the facts, the date, the parameters."""

    facts: Mapping[str, Any]
    on: date

    def resolve(self, key: str) -> Resolved: ...


@frozen
class Missing:
    """Marker for a value that cannot be computed: missing facts, or a reason."""

    names: tuple[str, ...] = ()
    reason: str = ""


# --------------------------------------------------------------------------- expressions


class Expr(abc.ABC):
    """Base of value expressions. ``value`` returns the value or a :class:`Missing`."""

    @abc.abstractmethod
    def value(self, ctx: Context) -> Any: ...

    def fact_names(self) -> tuple[str, ...]:
        return ()

    def param_keys(self) -> tuple[str, ...]:
        return ()

    @abc.abstractmethod
    def describe(self) -> str: ...


@frozen
class Fact(Expr):
    name: str

    def value(self, ctx: Context) -> Any:
        found = ctx.facts.get(self.name)
        return Missing((self.name,)) if found is None else found

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def describe(self) -> str:
        return self.name


@frozen
class YearFact(Expr):
    """A yearly fact for the fiscal year ``years_back`` years before the evaluation date."""

    name: str
    years_back: int = 1
    #: the flat key for each evaluation year seen (``rd_expense[2019]``), made once
    _keys: dict[int, str] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def value(self, ctx: Context) -> Any:
        year = ctx.on.year
        key = self._keys.get(year)
        if key is None:
            key = self._keys[year] = yearly_key(self.name, year - self.years_back)
        found = ctx.facts.get(key)
        return Missing((key,)) if found is None else found

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def describe(self) -> str:
        return f"{self.name}[Y-{self.years_back}]"


@frozen
class Param(Expr):
    key: str

    def value(self, ctx: Context) -> Any:
        try:
            return ctx.resolve(self.key).value
        except ParameterNotSetError as exc:
            return Missing((), str(exc))

    def param_keys(self) -> tuple[str, ...]:
        return (self.key,)

    def describe(self) -> str:
        return self.key


@frozen
class Const(Expr):
    constant: Decimal | date

    def value(self, ctx: Context) -> Any:
        return self.constant

    def describe(self) -> str:
        if isinstance(self.constant, Decimal):
            return format_decimal(self.constant)
        return self.constant.isoformat()


def _collect_missing(values: tuple[Any, ...]) -> Missing | None:
    found = [value for value in values if type(value) is Missing]
    if not found:
        return None
    if len(found) == 1:  # the usual case: its names are already without repeats
        only: Missing = found[0]
        return only if only.names or only.reason else None
    names: list[str] = []
    reasons: list[str] = []
    for value in found:
        names.extend(n for n in value.names if n not in names)
        if value.reason:
            reasons.append(value.reason)
    if names or reasons:
        return Missing(tuple(names), "; ".join(reasons))
    return None


@frozen
class Ratio(Expr):
    """numerator / denominator; a zero denominator makes the ratio unknown, never 0."""

    numerator: Expr
    denominator: Expr

    def value(self, ctx: Context) -> Any:
        num = self.numerator.value(ctx)
        den = self.denominator.value(ctx)
        if type(num) is Missing or type(den) is Missing:
            missing = _collect_missing((num, den))
            if missing is not None:
                return missing
        if den == ZERO:
            return Missing((), f"{self.denominator.describe()} is zero, so the ratio is undefined")
        # Decimal(x) of a Decimal is x itself in value: converted only when needed
        return (num if type(num) is Decimal else Decimal(num)) / (
            den if type(den) is Decimal else Decimal(den)
        )

    def fact_names(self) -> tuple[str, ...]:
        return self.numerator.fact_names() + self.denominator.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.numerator.param_keys() + self.denominator.param_keys()

    def describe(self) -> str:
        return f"{self.numerator.describe()} / {self.denominator.describe()}"


@frozen
class Sum(Expr):
    terms: tuple[Expr, ...]

    def value(self, ctx: Context) -> Any:
        values = tuple(term.value(ctx) for term in self.terms)
        missing = _collect_missing(values)
        if missing is not None:
            return missing
        return sum(values, ZERO)

    def fact_names(self) -> tuple[str, ...]:
        return tuple([n for term in self.terms for n in term.fact_names()])

    def param_keys(self) -> tuple[str, ...]:
        return tuple([k for term in self.terms for k in term.param_keys()])

    def describe(self) -> str:
        return " + ".join(term.describe() for term in self.terms)


#: Growth's ratio for each (fact, years back): YearFact keeps its flat keys, so the same
#: ratio serves every evaluation
_GROWTH_RATIOS: dict[tuple[str, int], Ratio] = {}


@frozen
class Growth(Expr):
    """Year-on-year growth of a yearly fact: x[Y-k] / x[Y-k-1] − 1."""

    name: str
    years_back: int = 1

    def value(self, ctx: Context) -> Any:
        key = (self.name, self.years_back)
        ratio = _GROWTH_RATIOS.get(key)
        if ratio is None:  # made once per fact and year: a ratio is a plain value
            ratio = _GROWTH_RATIOS[key] = Ratio(
                YearFact(self.name, self.years_back), YearFact(self.name, self.years_back + 1)
            )
        result = ratio.value(ctx)
        return result if type(result) is Missing else result - 1

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def describe(self) -> str:
        return f"growth of {self.name} in Y-{self.years_back}"


@frozen
class YearsSince(Expr):
    """Whole years from a date fact to the evaluation date (满X年 counts full years)."""

    name: str

    def value(self, ctx: Context) -> Any:
        start = ctx.facts.get(self.name)
        if start is None:
            return Missing((self.name,))
        if start > ctx.on:
            return _future_date(self.name, start, ctx.on)
        return Decimal(full_years_between(start, ctx.on))

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def describe(self) -> str:
        return f"full years since {self.name}"


def _future_date(name: str, start: date, end: date) -> Missing:
    """A duration from a date after its end: inconsistent input, so the value is unknown."""
    return Missing(
        (),
        f"{name} {start.isoformat()} is after {end.isoformat()}: a duration cannot be "
        "counted from a later date; check the date",
    )


@frozen
class Product(Expr):
    """left × right (a share of a fact: 30% × (direct costs − equipment))."""

    left: Expr
    right: Expr

    def value(self, ctx: Context) -> Any:
        a, b = self.left.value(ctx), self.right.value(ctx)
        missing = _collect_missing((a, b))
        return missing if missing is not None else Decimal(a) * Decimal(b)

    def fact_names(self) -> tuple[str, ...]:
        return self.left.fact_names() + self.right.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.left.param_keys() + self.right.param_keys()

    def describe(self) -> str:
        return f"{self.left.describe()} × ({self.right.describe()})"


@frozen
class Difference(Expr):
    """left − right."""

    left: Expr
    right: Expr

    def value(self, ctx: Context) -> Any:
        a, b = self.left.value(ctx), self.right.value(ctx)
        missing = _collect_missing((a, b))
        return missing if missing is not None else Decimal(a) - Decimal(b)

    def fact_names(self) -> tuple[str, ...]:
        return self.left.fact_names() + self.right.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.left.param_keys() + self.right.param_keys()

    def describe(self) -> str:
        return f"{self.left.describe()} − {self.right.describe()}"


@frozen
class YearsAfter(Expr):
    """The date *years* after a date fact (Civil-Code count: month ends clamp)."""

    name: str
    years: Expr

    def value(self, ctx: Context) -> Any:
        start = ctx.facts.get(self.name)
        if start is None:
            return Missing((self.name,))
        years = self.years.value(ctx)
        if type(years) is Missing:
            return years
        try:
            return add_years(start, int(years))
        except (OverflowError, ValueError):
            return Missing((), f"{self.name} + {years} years is not a calendar date")

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def param_keys(self) -> tuple[str, ...]:
        return self.years.param_keys()

    def describe(self) -> str:
        return f"{self.name} + {self.years.describe()} years"


@frozen
class Cases(Expr):
    """The value of the first case whose criterion holds ("分别给予…").

    An unknown criterion before the deciding one leaves the value unknown, so the
    answer never depends on a guess; no case holding gives *default* (or unknown).
    """

    cases: tuple[tuple[Criterion, Expr], ...]
    default: Expr | None = None

    def value(self, ctx: Context) -> Any:
        missing: list[str] = []
        for criterion, expr in self.cases:
            truth = criterion.test(ctx)
            if truth is TRUE:
                if missing:
                    return Missing(tuple(missing))
                return expr.value(ctx)
            if truth is UNKNOWN:
                missing.extend(
                    n for n in criterion.explain(ctx).missing_facts() if n not in missing
                )
        if missing:
            return Missing(tuple(missing))
        if self.default is None:
            return Missing((), "no case applies")
        return self.default.value(ctx)

    def fact_names(self) -> tuple[str, ...]:
        return tuple([n for c, e in self.cases for n in (*c.fact_names(), *e.fact_names())])

    def param_keys(self) -> tuple[str, ...]:
        keys = tuple([k for c, e in self.cases for k in (*c.param_keys(), *e.param_keys())])
        return keys + (self.default.param_keys() if self.default else ())

    def describe(self) -> str:
        return "; ".join(f"{c.label} → {e.describe()}" for c, e in self.cases)


@frozen
class EvaluationDate(Expr):
    """The date the rule is applied on (the application date, for deadlines)."""

    def value(self, ctx: Context) -> Any:
        return ctx.on

    def describe(self) -> str:
        return "the evaluation date"


@frozen
class DayOfEvaluationYear(Expr):
    """A fixed day of the evaluation date's year ("次年3月底以前" → 31 March)."""

    month: int
    day: int

    def value(self, ctx: Context) -> Any:
        return date(ctx.on.year, self.month, self.day)

    def describe(self) -> str:
        return f"{self.month:02d}-{self.day:02d} of the evaluation year"


@frozen
class YearOf(Expr):
    """The calendar year of a date fact, as a number."""

    name: str

    def value(self, ctx: Context) -> Any:
        found = ctx.facts.get(self.name)
        return Missing((self.name,)) if found is None else Decimal(found.year)

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def describe(self) -> str:
        return f"year of {self.name}"


@frozen
class EvaluationYear(Expr):
    """The calendar year of the evaluation date, minus *back* years."""

    back: int = 0

    def value(self, ctx: Context) -> Any:
        return Decimal(ctx.on.year - self.back)

    def describe(self) -> str:
        return "the evaluation year" + (f" − {self.back}" if self.back else "")


@frozen
class AgeOn(Expr):
    """Full years from a date fact (a birth date) to the date *at* ("截止…12月31日时的年龄")."""

    name: str
    at: Expr

    def value(self, ctx: Context) -> Any:
        born = ctx.facts.get(self.name)
        if born is None:
            return Missing((self.name,))
        day = self.at.value(ctx)
        if type(day) is Missing:
            return day
        if born > day:
            return _future_date(self.name, born, day)
        return Decimal(full_years_between(born, day))

    def fact_names(self) -> tuple[str, ...]:
        return (self.name, *self.at.fact_names())

    def describe(self) -> str:
        return f"age from {self.name} on {self.at.describe()}"


def age_on(name: str, at: Expr) -> AgeOn:
    return AgeOn(name, at)


def evaluation_date() -> EvaluationDate:
    return EvaluationDate()


def day_of_evaluation_year(month: int, day: int) -> DayOfEvaluationYear:
    return DayOfEvaluationYear(month, day)


def year_of(name: str) -> YearOf:
    return YearOf(name)


def evaluation_year(back: int = 0) -> EvaluationYear:
    return EvaluationYear(back)


def times(left: Expr | Decimal | int | str, right: Expr | Decimal | int | str) -> Product:
    return Product(_as_expr(left), _as_expr(right))


def minus(left: Expr | Decimal | int | str, right: Expr | Decimal | int | str) -> Difference:
    return Difference(_as_expr(left), _as_expr(right))


def years_after(name: str, years: Expr | int) -> YearsAfter:
    return YearsAfter(name, _as_expr(years))


def cases(
    *pairs: tuple[Criterion, Expr | Decimal | int | str], default: Expr | None = None
) -> Cases:
    """The value of the first pair whose criterion holds (the order states precedence)."""
    return Cases(tuple((c, _as_expr(e)) for c, e in pairs), default)


@frozen
class SupportYear(Expr):
    """Which support year the evaluation date falls in: 1 in the first year named by a fact."""

    name: str

    def value(self, ctx: Context) -> Any:
        first = ctx.facts.get(self.name)
        if first is None:
            return Missing((self.name,))
        return Decimal(ctx.on.year - int(first) + 1)

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)

    def describe(self) -> str:
        return f"support year counted from {self.name}"


def support_year(name: str) -> SupportYear:
    return SupportYear(name)


def fact(name: str) -> Fact:
    """The value of fact *name*."""
    return Fact(name)


def prior_year(name: str, years_back: int = 1) -> YearFact:
    """Yearly fact *name* for the fiscal year *years_back* before the evaluation date."""
    return YearFact(name, years_back)


def ratio(numerator: Expr, denominator: Expr) -> Ratio:
    return Ratio(numerator, denominator)


def param(key: str) -> Param:
    """The jurisdiction's value of parameter *key* on the evaluation date."""
    return Param(key)


def years_since(name: str) -> YearsSince:
    return YearsSince(name)


def sum_of_years(name: str, years: int, first_back: int = 1) -> Sum:
    """Sum of a yearly fact over *years* fiscal years ending *first_back* years back."""
    return Sum(tuple(YearFact(name, first_back + i) for i in range(years)))


def growth(name: str, years_back: int = 1) -> Growth:
    return Growth(name, years_back)


def _as_expr(value: Expr | Decimal | int | str | date) -> Expr:
    if isinstance(value, Expr):
        return value
    if isinstance(value, date):
        return Const(value)
    return Const(Decimal(value))


# --------------------------------------------------------------------------- outcomes


@frozen(weakref_slot=False)  # no weak references: see _frozen.fast_constructor
class Outcome:
    """How one criterion evaluated: its truth, actual and required values, wording."""

    label: str
    truth: Truth
    kind: str
    wording: str = ""
    article: str = ""
    actual: Any = None
    required: str = ""
    missing: tuple[str, ...] = ()
    reason: str = ""
    children: tuple[Outcome, ...] = ()
    #: The criterion that produced this outcome and the required value it compared
    #: with (used to compute gaps; not part of the JSON form).
    source: Criterion | None = attrs.field(default=None, eq=False, repr=False)
    required_value: Any = attrs.field(default=None, eq=False, repr=False)

    def missing_facts(self) -> tuple[str, ...]:
        """Facts whose absence leaves this outcome unknown (empty when decided)."""
        if self.truth is not UNKNOWN:
            return ()
        names: list[str] = list(self.missing)
        for child in self.children:
            for name in child.missing_facts():
                if name not in names:
                    names.append(name)
        return tuple(names)

    def reasons(self) -> tuple[str, ...]:
        if self.truth is not UNKNOWN:
            return ()
        found = [self.reason] if self.reason else []
        for child in self.children:
            found.extend(r for r in child.reasons() if r not in found)
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "truth": self.truth.value, "kind": self.kind}
        if self.kind == "comparison" or self.kind == "fact":
            data["actual"] = _jsonable(self.actual)
            data["required"] = self.required
        if self.wording:
            data["wording"] = self.wording
        if self.article:
            data["article"] = self.article
        if self.missing:
            data["missing"] = list(self.missing)
        if self.reason:
            data["reason"] = self.reason
        if self.children:
            data["children"] = [child.to_dict() for child in self.children]
        return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if type(value) is Missing:
        return None
    return value


def _show(value: Any) -> str:
    """A value as explanations print it: exact, never rounded for display.

    A ratio of 0.0999999999 printed as 0.1 next to "required >= 0.1 [✗]" would hide
    why it fails, so every digit the computation holds is shown.
    """
    if type(value) is Missing:
        return "unknown"
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


#: Outcome's constructor for the explanations (positional, in field order; no
#: per-field calls: see :func:`innovpolicy._frozen.fast_constructor`). The twin class
#: is made on the first explanation, which then puts it under this name, so later
#: calls go straight to the twin's ``__init__``.
_new_outcome: Callable[..., Outcome] = fast_constructor(Outcome, into=(globals(), "_new_outcome"))
_first_outcome = _new_outcome  # the lazy function itself (tests call a stale copy)


# --------------------------------------------------------------------------- criteria


class Criterion(abc.ABC):
    """Base of criteria. ``test`` is the fast path; ``explain`` builds an :class:`Outcome`."""

    label: str

    @abc.abstractmethod
    def test(self, ctx: Context) -> Truth: ...

    @abc.abstractmethod
    def explain(self, ctx: Context) -> Outcome: ...

    def fact_names(self) -> tuple[str, ...]:
        return ()

    def param_keys(self) -> tuple[str, ...]:
        return ()

    def walk(self) -> Iterator[Criterion]:
        yield self


Op = Literal[">=", ">", "<=", "<", "=="]
_NO_VALUE = object()
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


@frozen
class Compare(Criterion):
    """``left op right``, with the legal wording that dictates ``op``."""

    left: Expr
    op: Op
    right: Expr
    label: str
    wording: str
    article: str = ""
    reading: str = ""
    _fn: Callable[[Any, Any], bool] = attrs.field(init=False, eq=False, repr=False)
    #: [(the last required value, its text ">= 0.3")]: thresholds are parameters, the
    #: same object on every evaluation, so their text is made once
    _shown: list[tuple[Any, str]] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.op not in _OPS:
            raise ValueError(f"unknown comparison operator {self.op!r}")
        object.__setattr__(self, "_fn", _OPS[self.op])
        object.__setattr__(self, "_shown", [(_NO_VALUE, "")])

    def _required(self, right: Any) -> str:
        last, text = self._shown[0]  # one read of an immutable pair: safe across threads
        if last is right:
            return text
        text = f"{self.op} {_show(right)}"
        if type(right) is not Missing:
            self._shown[0] = (right, text)
        return text

    @property
    def inclusive(self) -> bool:
        return self.op in (">=", "<=", "==")

    def test(self, ctx: Context) -> Truth:
        left = self.left.value(ctx)
        if type(left) is Missing:
            return UNKNOWN
        right = self.right.value(ctx)
        if type(right) is Missing:
            return UNKNOWN
        return TRUE if self._fn(left, right) else FALSE

    def explain(self, ctx: Context) -> Outcome:
        expr: Expr = self.left
        left: Any
        right: Any
        if type(expr) is Fact:  # Fact.value, one call less
            left = ctx.facts.get(expr.name)
            if left is None:
                left = Missing((expr.name,))
        else:
            left = expr.value(ctx)
        expr = self.right
        if type(expr) is Param:  # the usual threshold: Param.value, one call less
            try:
                right = ctx.resolve(expr.key).value
            except ParameterNotSetError as exc:
                right = Missing((), str(exc))
        else:
            right = expr.value(ctx)
        last, required = self._shown[0]  # see _required
        if last is not right:
            required = self._required(right)
        if type(left) is Missing or type(right) is Missing:
            missing = _collect_missing((left, right))
            if missing is not None:
                return _new_outcome(  # positionally, in Outcome's field order
                    self.label,  # label
                    UNKNOWN,  # truth
                    "comparison",  # kind
                    self.wording,  # wording
                    self.article,  # article
                    left,  # actual
                    required,  # required
                    missing.names,  # missing
                    missing.reason,  # reason
                    (),  # children
                    self,  # source
                    right,  # required_value
                )
        return _new_outcome(
            self.label,
            TRUE if self._fn(left, right) else FALSE,
            "comparison",
            self.wording,
            self.article,
            left,
            required,
            (),
            "",
            (),
            self,
            right,
        )

    def fact_names(self) -> tuple[str, ...]:
        return self.left.fact_names() + self.right.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.left.param_keys() + self.right.param_keys()


#: FactIs outcomes made so far: id(criterion) -> (criterion, {(type, value): outcome})
_FACT_OUTCOMES: dict[int, tuple[FactIs, dict[tuple[type, Any], Outcome]]] = {}


@frozen
class FactIs(Criterion):
    """A boolean or text fact equals an expected value (or one of several)."""

    name: str
    expected: tuple[Any, ...]
    label: str
    wording: str
    article: str = ""

    def test(self, ctx: Context) -> Truth:
        value = ctx.facts.get(self.name)
        if value is None:
            return UNKNOWN
        return TRUE if value in self.expected else FALSE

    def explain(self, ctx: Context) -> Outcome:
        return self.outcome_of(ctx.facts.get(self.name))

    def outcome_of(self, value: Any) -> Outcome:
        """The outcome for the fact's value (``None``: not given)."""
        # A yes/no or text fact takes few values: the outcome for each is made once and
        # shared (an Outcome is immutable), per criterion, keyed by the value's type too
        # (True == 1 == Decimal(1), but each prints differently).
        key = (value.__class__, value)
        try:
            hash(key)
        except TypeError:  # an unhashable value: made every time
            return self._explain(value)
        cache = _FACT_OUTCOMES.get(id(self))
        if cache is not None and cache[0] is self:
            found = cache[1].get(key)
            if found is not None:
                return found
        outcome = self._explain(value)
        if cache is None or cache[0] is not self:
            if len(_FACT_OUTCOMES) >= 4096:
                _FACT_OUTCOMES.clear()
            cache = _FACT_OUTCOMES[id(self)] = (self, {})
        if len(cache[1]) < 64:
            cache[1][key] = outcome
        return outcome

    def _explain(self, value: Any) -> Outcome:
        required = " or ".join(_show(v) for v in self.expected)
        return _new_outcome(  # positionally, in Outcome's field order
            self.label,  # label
            UNKNOWN if value is None else TRUE if value in self.expected else FALSE,  # truth
            "fact",  # kind
            self.wording,  # wording
            self.article,  # article
            value,  # actual
            required if len(self.expected) == 1 else f"one of {required}",  # required
            (self.name,) if value is None else (),  # missing
            "",  # reason
            (),  # children
            self,  # source
            self.expected,  # required_value
        )

    def fact_names(self) -> tuple[str, ...]:
        return (self.name,)


@frozen
class AllOf(Criterion):
    parts: tuple[Criterion, ...]
    label: str = "all of"

    def test(self, ctx: Context) -> Truth:
        result = TRUE
        for part in self.parts:
            truth = part.test(ctx)
            if truth is FALSE:
                return FALSE
            if truth is UNKNOWN:
                result = UNKNOWN
        return result

    def explain(self, ctx: Context) -> Outcome:
        children = tuple([part.explain(ctx) for part in self.parts])
        truth = _kleene(children, FALSE, TRUE)
        return _new_outcome(self.label, truth, "all", "", "", None, "", (), "", children)

    def fact_names(self) -> tuple[str, ...]:
        return tuple([n for part in self.parts for n in part.fact_names()])

    def param_keys(self) -> tuple[str, ...]:
        return tuple([k for part in self.parts for k in part.param_keys()])

    def walk(self) -> Iterator[Criterion]:
        yield self
        for part in self.parts:
            yield from part.walk()


def _kleene(children: tuple[Outcome, ...], dominant: Truth, otherwise: Truth) -> Truth:
    """Kleene's fold of the children's truths: *dominant* if one is (FALSE for all-of,
    TRUE for any-of), else unknown if one is, else *otherwise*."""
    truth = otherwise
    for child in children:
        if child.truth is dominant:
            return dominant
        if child.truth is UNKNOWN:
            truth = UNKNOWN
    return truth


@frozen
class AnyOf(Criterion):
    parts: tuple[Criterion, ...]
    label: str = "any of"

    def test(self, ctx: Context) -> Truth:
        result = FALSE
        for part in self.parts:
            truth = part.test(ctx)
            if truth is TRUE:
                return TRUE
            if truth is UNKNOWN:
                result = UNKNOWN
        return result

    def explain(self, ctx: Context) -> Outcome:
        children = tuple([part.explain(ctx) for part in self.parts])
        truth = _kleene(children, TRUE, FALSE)
        return _new_outcome(self.label, truth, "any", "", "", None, "", (), "", children)

    def fact_names(self) -> tuple[str, ...]:
        return tuple([n for part in self.parts for n in part.fact_names()])

    def param_keys(self) -> tuple[str, ...]:
        return tuple([k for part in self.parts for k in part.param_keys()])

    def walk(self) -> Iterator[Criterion]:
        yield self
        for part in self.parts:
            yield from part.walk()


@frozen
class Not(Criterion):
    part: Criterion
    label: str = "not"

    def test(self, ctx: Context) -> Truth:
        return ~self.part.test(ctx)

    def explain(self, ctx: Context) -> Outcome:
        child = self.part.explain(ctx)
        return _new_outcome(self.label, ~child.truth, "not", "", "", None, "", (), "", (child,))

    def fact_names(self) -> tuple[str, ...]:
        return self.part.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.part.param_keys()

    def walk(self) -> Iterator[Criterion]:
        yield self
        yield from self.part.walk()


@frozen
class IfThen(Criterion):
    """``then`` applies when ``condition`` holds, ``otherwise`` when it does not.

    When the condition is unknown, the answer is still decided if both branches
    agree (a firm with 200M sales meets both the 100M and the 30M threshold).
    """

    condition: Criterion
    then: Criterion
    otherwise: Criterion
    label: str

    def test(self, ctx: Context) -> Truth:
        cond = self.condition.test(ctx)
        if cond is TRUE:
            return self.then.test(ctx)
        if cond is FALSE:
            return self.otherwise.test(ctx)
        first = self.then.test(ctx)
        return first if first is self.otherwise.test(ctx) else UNKNOWN

    def explain(self, ctx: Context) -> Outcome:
        # The truth comes from the explained branches (what test() answers): the
        # parameters are recorded in the order the explanation's lines read them.
        cond = self.condition.explain(ctx)
        if cond.truth is TRUE:
            branch: tuple[Outcome, ...] = (self.then.explain(ctx),)
            truth = branch[0].truth
        elif cond.truth is FALSE:
            branch = (self.otherwise.explain(ctx),)
            truth = branch[0].truth
        else:
            branch = (self.then.explain(ctx), self.otherwise.explain(ctx))
            truth = branch[0].truth if branch[0].truth is branch[1].truth else UNKNOWN
        if truth is not UNKNOWN and cond.missing:
            cond = attrs.evolve(cond, missing=())
        return _new_outcome(self.label, truth, "if", "", "", None, "", (), "", (cond, *branch))

    def fact_names(self) -> tuple[str, ...]:
        return self.condition.fact_names() + self.then.fact_names() + self.otherwise.fact_names()

    def param_keys(self) -> tuple[str, ...]:
        return self.condition.param_keys() + self.then.param_keys() + self.otherwise.param_keys()

    def walk(self) -> Iterator[Criterion]:
        yield self
        yield from self.condition.walk()
        yield from self.then.walk()
        yield from self.otherwise.walk()


@frozen
class Always(Criterion):
    """A criterion that always holds (the "otherwise nothing required" branch)."""

    label: str = "no further requirement"

    def test(self, ctx: Context) -> Truth:
        return TRUE

    def explain(self, ctx: Context) -> Outcome:
        found = _ALWAYS.get(self.label)
        if found is None:  # the same immutable outcome every time
            if len(_ALWAYS) >= 256:
                _ALWAYS.clear()
            found = _ALWAYS[self.label] = Outcome(self.label, TRUE, "always")
        return found


_ALWAYS: dict[str, Outcome] = {}


# --------------------------------------------------------------------------- constructors


def compare(
    left: Expr | str,
    op: Op,
    right: Expr | Decimal | int | str,
    *,
    label: str,
    wording: str,
    article: str = "",
    reading: str = "",
) -> Compare:
    """Compare an expression (or the fact named *left*) with a threshold.

    *reading* documents a deliberate interpretation when the operator is not the one
    the wording's usual reading gives (the testing kit's wording check honours it).
    """
    return Compare(
        Fact(left) if isinstance(left, str) else left,
        op,
        _as_expr(right),
        label,
        wording,
        article,
        reading,
    )


def at_least(
    left: Expr | str,
    right: Expr | Decimal | int | str,
    *,
    label: str,
    wording: str,
    article: str = "",
    reading: str = "",
) -> Compare:
    """≥ — 以上, 不低于, 不少于, 达到."""
    return compare(
        left, ">=", right, label=label, wording=wording, article=article, reading=reading
    )


def more_than(
    left: Expr | str,
    right: Expr | Decimal | int | str,
    *,
    label: str,
    wording: str,
    article: str = "",
    reading: str = "",
) -> Compare:
    """> — 超过, 高于."""
    return compare(left, ">", right, label=label, wording=wording, article=article, reading=reading)


def at_most(
    left: Expr | str,
    right: Expr | Decimal | int | str,
    *,
    label: str,
    wording: str,
    article: str = "",
    reading: str = "",
) -> Compare:
    """≤ — 以下, 不超过, 不高于, 最高, 以内."""
    return compare(
        left, "<=", right, label=label, wording=wording, article=article, reading=reading
    )


def less_than(
    left: Expr | str,
    right: Expr | Decimal | int | str,
    *,
    label: str,
    wording: str,
    article: str = "",
    reading: str = "",
) -> Compare:
    """< — 不满, 低于, 不到."""
    return compare(left, "<", right, label=label, wording=wording, article=article, reading=reading)


def before(name: str, day: date, *, label: str, wording: str, article: str = "") -> Compare:
    """The date fact *name* is strictly before *day*."""
    return Compare(Fact(name), "<", Const(day), label, wording, article)


def on_or_after(name: str, day: date, *, label: str, wording: str, article: str = "") -> Compare:
    """The date fact *name* is *day* or later (自…之日起)."""
    return Compare(Fact(name), ">=", Const(day), label, wording, article)


def is_true(name: str, *, label: str, wording: str, article: str = "") -> FactIs:
    """The boolean fact *name* is true."""
    return FactIs(name, (True,), label, wording, article)


def is_one_of(
    name: str, choices: tuple[str, ...], *, label: str, wording: str, article: str = ""
) -> FactIs:
    return FactIs(name, choices, label, wording, article)


def all_of(*parts: Criterion, label: str = "all of") -> AllOf:
    return AllOf(parts, label)


def any_of(*parts: Criterion, label: str = "any of") -> AnyOf:
    return AnyOf(parts, label)


def not_(part: Criterion, *, label: str = "not") -> Not:
    return Not(part, label)


def if_(
    condition: Criterion, then: Criterion, otherwise: Criterion | None = None, *, label: str
) -> IfThen:
    """*then* when *condition* holds, else *otherwise* (default: nothing required)."""
    return IfThen(condition, then, otherwise if otherwise is not None else Always(), label)
