"""Rules (designations and incentives), the layers plugins contribute, and results."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, getcontext, setcontext
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._amounts import AmountRange, CostSplit, Formula, Payer, Share, Step
from ._criteria import Criterion, Outcome, Resolved, Truth
from ._facts import Constraint, FactSpec
from ._frozen import fast_constructor, frozen
from ._params import MarginalScale, Parameter
from ._sources import Citation, Document
from ._values import _state as _LIBRARY  # .context: this thread's library context
from ._values import format_decimal, in_library_context, library_context

if TYPE_CHECKING:
    from ._gaps import Gap

#: The levels of government that pay (``Layer.level``), from the top down.
PAYERS: tuple[str, ...] = ("province", "prefecture", "city", "district", "county")

RuleKind = Literal["designation", "incentive", "condition", "computation"]

#: Who can apply for a rule: the vocabulary of ``Rule.subjects`` and of the finder.
SUBJECTS: tuple[str, ...] = (
    "enterprise",
    "research_institute",
    "university",
    "platform",
    "park",
    "individual",
    "project",
    "government",
)


def _freeze_subject_facts(value: Any) -> Any:
    if type(value) is dict and not value:  # most rules: one shared read-only empty mapping
        return _NO_SUBJECT_FACTS
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in dict(value).items()})


_NO_SUBJECT_FACTS: Any = MappingProxyType({})


def frozen_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: a list or other iterable becomes a tuple, so later mutation of
    what the author passed cannot change a loaded layer; a lone string is refused."""
    if type(value) is tuple:  # already one (most fields, and every copy by attrs.evolve)
        return value
    if isinstance(value, (str, bytes, Mapping)):
        raise TypeError(f"expected a tuple of items, got {type(value).__name__} {value!r}")
    try:
        return tuple(value)
    except TypeError:
        raise TypeError(
            f"expected a tuple of items, got {type(value).__name__} {value!r}"
        ) from None


def _frozen_territory(value: Mapping[str, Iterable[str]] | None) -> Mapping[str, tuple[str, ...]]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise TypeError(f"territory must map fact names to values, got {value!r}")
    frozen: dict[str, tuple[str, ...]] = {}
    for name, values in value.items():
        frozen[name] = (values,) if isinstance(values, str) else frozen_tuple(values)
    return MappingProxyType(frozen)


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    """attrs converter: a read-only copy, so later edits by the author change nothing."""
    return MappingProxyType(dict(value))


_SUBJECT_SET = frozenset(SUBJECTS)


def _known_subjects(names: Iterable[Any]) -> bool:
    """Whether every one of *names* is in :data:`SUBJECTS` (one set test for a rule's
    subjects instead of a list comprehension; the error lists the unknown ones)."""
    try:
        return _SUBJECT_SET.issuperset(names)
    except TypeError:  # an unhashable name: ``in SUBJECTS`` decides, as before
        return False


def _default_from(rule: Rule) -> date:
    return rule.citation.document.effective_from


def _default_to(rule: Rule) -> date | None:
    return rule.citation.document.effective_to


@frozen
class Rule:
    """One catalogued rule, as in force during one window.

    ``kind`` is ``designation`` (eligibility for a title), ``incentive`` (an
    amount, with criteria) or ``condition`` (a requirement a case must meet,
    such as a minimum reward share; ELIGIBLE then means "satisfied") or
    ``computation`` (a quantity that is not a payment, such as the taxable part of
    a reward or a tax deduction; it has an amount). ``events``
    tag the occurrences the rule rewards ("high_tech_certified"), so every
    layer's incentive for one event can be listed together.

    A rule whose text changed over time is several ``Rule`` objects with the same
    ``id`` and non-overlapping windows (each citing its own source). The window
    defaults to the cited document's; it is stored here once, never in the body.
    ``readings`` documents each interpretation chosen where the text is ambiguous.
    ``subjects`` names who can apply (see :data:`SUBJECTS`); ``subject_facts`` gives,
    per subject, the facts being that subject implies (an enterprise host has
    ``host_kind = "enterprise"``), so a finder never asks them.
    """

    id: str
    kind: RuleKind
    title_en: str
    title_zh: str
    citation: Citation
    criteria: Criterion
    amount: Formula | None = None
    split: CostSplit | None = None
    valid_from: date = attrs.field(default=attrs.Factory(_default_from, takes_self=True))
    valid_to: date | None = attrs.field(default=attrs.Factory(_default_to, takes_self=True))
    repealed_by: str | None = None
    readings: tuple[str, ...] = attrs.field(default=(), converter=frozen_tuple)
    lifecycle: Any = attrs.field(default=None, eq=False)
    events: tuple[str, ...] = attrs.field(default=(), converter=frozen_tuple)
    amount_unit: str = "CNY"
    subjects: tuple[str, ...] = attrs.field(default=(), converter=frozen_tuple)
    subject_facts: Any = attrs.field(factory=dict, converter=_freeze_subject_facts, hash=False)

    def __attrs_post_init__(self) -> None:
        if not _known_subjects(self.subjects) or not _known_subjects(self.subject_facts):
            unknown = [s for s in (*self.subjects, *self.subject_facts) if s not in SUBJECTS]
        else:
            unknown = []
        if unknown:
            raise ValueError(f"rule {self.id}: unknown subject(s) {unknown}; known: {SUBJECTS}")
        if self.kind not in ("designation", "incentive", "condition", "computation"):
            raise ValueError(
                f"rule {self.id}: kind must be 'designation', 'incentive', 'condition' "
                "or 'computation'"
            )
        has_amount = self.kind in ("incentive", "computation")
        if has_amount and self.amount is None:
            raise ValueError(f"rule {self.id}: an {self.kind} needs an amount formula")
        if not has_amount and (self.amount is not None or self.split is not None):
            raise ValueError(f"rule {self.id}: only an incentive or a computation has an amount")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(
                f"rule {self.id}: valid_to {self.valid_to} before valid_from {self.valid_from}"
            )

    def in_force(self, on: date) -> bool:
        """Whether *on* falls in this version's window (both ends inclusive)."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def window(self, lang: str = "en") -> str:
        """The window as text: ``2015-01-30..2019-12-31`` or ``2020-08-19..open``
        (``..不限`` in Chinese)."""
        return f"{self.valid_from}..{self.valid_to or ('不限' if lang == 'zh' else 'open')}"

    def fact_names(self) -> tuple[str, ...]:
        """Names of the facts this rule reads, in order of first use, without repeats."""
        names = list(self.criteria.fact_names())
        if self.amount is not None:
            names.extend(self.amount.fact_names())
        if self.split is not None:
            names.extend(self.split.fact_names())
        return tuple(dict.fromkeys(names))

    def param_keys(self) -> tuple[str, ...]:
        """Keys of the parameters this rule reads, in order of first use, without repeats."""
        keys = list(self.criteria.param_keys())
        if self.amount is not None:
            keys.extend(self.amount.param_keys())
        if self.split is not None:
            keys.extend(self.split.param_keys())
        return tuple(dict.fromkeys(keys))


@frozen
class Supersession:
    """A child layer stops a parent's rule applying in its territory from a date.

    If the child also defines a rule with the same id, that rule takes over from
    ``effective_from``; otherwise the rule no longer applies there, and
    ``replacement`` may name the child's rule (another catalog id) that does.
    """

    rule_id: str
    effective_from: date
    citation: Citation
    note: str = ""
    replacement: str | None = None


@frozen
class ShareRefinement:
    """Inside a child's territory, a parent's payer share is itself split.

    "对省上出台有关支持科技创新政策涉及地方配套资金…由市与园区(县区)按不低于1:1比例配套":
    the prefecture's share of a provincial incentive is divided between the city
    and the district, exactly, from ``effective_from``.
    """

    role: str
    into: tuple[Payer, ...] = attrs.field(converter=frozen_tuple)
    effective_from: date
    citation: Citation


@frozen
class Layer:
    """Everything one jurisdiction plugin contributes (returned by ``innovpolicy_layer``).

    Sequences given as lists are stored as tuples, so a layer never changes once built.

    ``territory`` says where the layer applies, by the facts that locate an applicant:
    ``territory={"district": ("湟中区",)}`` means a firm whose ``district`` fact is
    another value gets the parent's answers (this layer's overrides, rules,
    supersessions and refinements do not apply to it). When the fact is not given,
    an answer that would be the same inside and outside stands; one that would
    differ is "undetermined", naming the fact as missing.
    """

    code: str
    name_zh: str
    name_en: str
    parent: str | None = None
    documents: tuple[Document, ...] = attrs.field(default=(), converter=frozen_tuple)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=frozen_tuple)
    overrides: tuple[Parameter, ...] = attrs.field(default=(), converter=frozen_tuple)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=frozen_tuple)
    supersessions: tuple[Supersession, ...] = attrs.field(default=(), converter=frozen_tuple)
    facts: tuple[FactSpec, ...] = attrs.field(default=(), converter=frozen_tuple)
    refinements: tuple[ShareRefinement, ...] = attrs.field(default=(), converter=frozen_tuple)
    territory: Mapping[str, tuple[str, ...]] = attrs.field(
        default=None, converter=_frozen_territory, hash=False
    )
    #: Chinese of the English texts of this layer (criterion labels, readings, amount
    #: steps), keyed by the English text, and of its fact meanings, keyed by fact name.
    labels_zh: Any = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    meanings_zh: Any = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    #: Who pays incentives this layer defines without a cost split
    #: (province, prefecture, city, district, county); default: province for a root
    #: layer, city below it.
    level: str = ""
    #: Consistency checks between two of the chain's number facts (``Constraint(smaller,
    #: larger, meaning)``: ``smaller`` ≤ ``larger`` whenever both are given), checked by
    #: ``prepare`` and screening like the core's own (S&T staff ≤ employees).
    constraints: tuple[Constraint, ...] = attrs.field(default=(), converter=frozen_tuple)

    def __attrs_post_init__(self) -> None:
        for name, kind in (
            ("documents", Document),
            ("parameters", Parameter),
            ("overrides", Parameter),
            ("rules", Rule),
            ("supersessions", Supersession),
            ("facts", FactSpec),
            ("refinements", ShareRefinement),
            ("constraints", Constraint),
        ):
            for item in getattr(self, name):
                if not isinstance(item, kind):
                    raise TypeError(
                        f"Layer {self.code!r}: {name} holds {type(item).__name__} {item!r}, "
                        f"not {kind.__name__}"
                    )


class Status(enum.Enum):
    """The answer of a rule for an entity on a date."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    UNDETERMINED = "undetermined"
    NOT_IN_FORCE = "not_in_force"

    __hash__ = object.__hash__  # singletons: identity hash, in C (see Truth)

    @classmethod
    def from_truth(cls, truth: Truth) -> Status:
        return _FROM_TRUTH[truth]


_FROM_TRUTH = {
    Truth.TRUE: Status.ELIGIBLE,
    Truth.FALSE: Status.INELIGIBLE,
    Truth.UNKNOWN: Status.UNDETERMINED,
}


def _show_param(value: Any) -> str:
    if isinstance(value, MarginalScale):
        return value.describe()
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


@frozen(weakref_slot=False)  # no weak references: see _frozen.fast_constructor
class Result:
    """The explained answer of one rule for one set of facts on one date.

    ``missing`` lists the facts whose absence left the answer undetermined, and
    ``reasons`` other causes (a ratio with a zero denominator). ``criteria`` and
    ``amount_steps`` are ``None`` when evaluated with ``explain=False``.

    An evaluation answers status, amount, shares and missing facts at once and
    builds the explanation (``criteria``, ``amount_steps``, ``parameters``) only
    when one of them, ``to_dict`` or an equality test first asks for it
    (``explainer``: a function returning the three, run once; the values are the
    reference interpreter's, so a lazy result equals an eager one); ``render``
    writes the text of the explanation without building it, where the rule is
    compiled.
    """

    rule_id: str
    kind: RuleKind
    title_en: str
    title_zh: str
    jurisdiction: str
    layer: str
    on: date
    status: Status
    citation: Citation
    amount: Decimal | None = None
    amount_range: AmountRange | None = None
    shares: tuple[Share, ...] = ()
    missing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    note: str = ""
    _criteria: Outcome | None = attrs.field(default=None, eq=False)
    _amount_steps: Step | None = attrs.field(default=None, eq=False)
    _parameters: tuple[Resolved, ...] = attrs.field(default=(), eq=False)
    readings: tuple[str, ...] = ()
    amount_unit: str = "CNY"
    ignored_facts: tuple[str, ...] = ()
    _explainer: Explainer | None = attrs.field(default=None, eq=False, repr=False)

    def _explained(self) -> None:
        explainer = self._explainer
        if explainer is not None:
            criteria, steps, parameters = explainer()
            object.__setattr__(self, "_criteria", criteria)
            object.__setattr__(self, "_amount_steps", steps)
            object.__setattr__(self, "_parameters", parameters)
            object.__setattr__(self, "_explainer", None)

    @property
    def criteria(self) -> Outcome | None:
        if self._explainer is not None:
            self._explained()
        return self._criteria

    @property
    def amount_steps(self) -> Step | None:
        if self._explainer is not None:
            self._explained()
        return self._amount_steps

    @property
    def parameters(self) -> tuple[Resolved, ...]:
        if self._explainer is not None:
            self._explained()
        return self._parameters

    def _key(self) -> tuple[Any, ...]:
        self._explained()
        return (
            *(getattr(self, field.name) for field in _EQ_FIELDS),
            self._criteria,
            self._amount_steps,
            self._parameters,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Result)
        return self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        self._explained()
        values = {
            field.alias: getattr(self, field.name)
            for field in attrs.fields(Result)
            if field.name != "_explainer"
        }
        return (_result_from, (values,))

    @property
    def eligible(self) -> bool:
        """True when the status is ELIGIBLE."""
        return self.status is Status.ELIGIBLE

    def gaps(self) -> tuple[Gap, ...]:
        """The failing criteria of an ineligible rule: facts, operator, wording, actual
        and required values (empty unless ineligible and explained). The finder adds
        the smallest change that passes each, where it is computable."""
        if self.status is not Status.INELIGIBLE:
            return ()
        from ._gaps import gaps_of  # the finder's module: imported when first asked for

        return gaps_of(self.criteria)

    def _answer_dict(self, *, unit_always: bool) -> dict[str, Any]:
        """The answer's JSON fields: amount, range, shares, missing facts, reasons.

        Shared by :meth:`to_dict` and the finder's brief entries; *unit_always* writes
        ``amount_unit`` even when it is CNY.
        """
        data: dict[str, Any] = {}
        if self.amount is not None:
            data["amount"] = format(self.amount, "f")
            if unit_always or self.amount_unit != "CNY":
                data["amount_unit"] = self.amount_unit
        if self.amount_range is not None:
            high = self.amount_range.high
            data["amount_range"] = [
                format(self.amount_range.low, "f"),
                None if high is None else format(high, "f"),
            ]
        if self.shares:
            data["shares"] = [share.to_dict() for share in self.shares]
        if self.missing:
            data["missing"] = list(self.missing)
        if self.reasons:
            data["reasons"] = list(self.reasons)
        return data

    @in_library_context
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; Decimals become strings so no precision is lost."""
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "kind": self.kind,
            "title_en": self.title_en,
            "title_zh": self.title_zh,
            "jurisdiction": self.jurisdiction,
            "layer": self.layer,
            "on": self.on.isoformat(),
            "status": self.status.value,
            "citation": self.citation.to_dict(),
        }
        data.update(self._answer_dict(unit_always=False))
        if self.note:
            data["note"] = self.note
        if self.criteria is not None:
            data["criteria"] = self.criteria.to_dict()
        if self.amount_steps is not None:
            data["amount_steps"] = self.amount_steps.to_dict()
        if self.parameters:
            data["parameters"] = [
                {
                    "key": p.key,
                    "value": _show_param(p.value),
                    "layer": p.layer,
                    "source": p.dated.citation.to_dict(),
                    "in_force": p.dated.window(),
                }
                for p in self.parameters
            ]
        if self.readings:
            data["readings"] = list(self.readings)
        if self.ignored_facts:
            data["ignored_facts"] = list(self.ignored_facts)
        return data

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as JSON text (Chinese kept as is, indented; *kwargs* go to json.dumps)."""
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        import json

        return json.dumps(self.to_dict(), **kwargs)

    def render(self, lang: str = "en") -> str:
        """Readable text: status, criteria with actual vs required, amount, sources.

        ``lang="zh"`` gives the labels, statuses, steps and readings in Chinese.
        """
        render = _RENDER[0]
        if render is None:  # the renderer's module, imported on the first call only
            from ._render import render as imported

            render = _RENDER[0] = imported
        # in the library context, switched here (as Jurisdiction.evaluate does: the
        # in_library_context decorator's call through *args costs more)
        caller = getcontext()
        try:
            mine = _LIBRARY.context
        except AttributeError:
            mine = library_context()
        if caller is mine:
            return render(self, lang)
        setcontext(mine)
        try:
            return render(self, lang)
        finally:
            setcontext(caller)

    def __str__(self) -> str:
        return self.render()


#: The renderer (innovpolicy._render.render), once imported: an import statement in
#: every call costs about a microsecond.
_RENDER: list[Callable[[Result, str], str] | None] = [None]

#: Builds a lazy result's explanation: (criteria, amount_steps, parameters).
Explainer = Callable[[], tuple[Outcome | None, Step | None, tuple[Resolved, ...]]]
_EQ_FIELDS = tuple(field for field in attrs.fields(Result) if field.eq)


#: Result's constructor for the evaluation path (same arguments, no per-field calls),
#: made on first use (loading builds no result); ``_jurisdiction`` has its own, which
#: becomes the twin class itself on first use (every evaluation builds a result).
new_result = fast_constructor(Result, into=(globals(), "new_result"))


def _result_from(values: dict[str, Any]) -> Result:
    return Result(**values)
