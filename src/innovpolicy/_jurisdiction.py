"""Loading jurisdiction plugins, layering them, and evaluating rules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, getcontext, setcontext
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from . import _i18n
from ._amounts import AmountRange, Payer, Share, Step, split_exact
from ._checks import declared_by
from ._criteria import Missing, Outcome, Resolved, Truth
from ._entity_base import _Entity
from ._facts import CORE_CONSTRAINTS, CORE_FACTS, FactRegistry, FactSpec, FactValue
from ._frozen import fast_constructor, frozen
from ._params import Parameter
from ._rules import _FROM_TRUTH, Explainer, Layer, Result, Rule, ShareRefinement, Status
from ._values import (
    FEN,
    MAX_DATE,
    MIN_DATE,
    ZERO,
    in_library_context,
    library_context,
    round_payable,
    to_date,
    unsigned_zero,
)
from ._values import _state as _LIBRARY  # .context: this thread's library context
from .exceptions import (
    InvalidArgumentError,
    InvalidFactError,
    ParameterNotSetError,
    RuleNotInForceError,
    UnknownFactError,
    UnknownParameterError,
    UnknownRuleError,
)

if TYPE_CHECKING:
    from ._comparison import Comparison, VersionInfo
    from ._compiled import CompiledRule, StepsOf, Write, WriteSteps
    from .finder import FinderSummary

#: Result's constructor for the evaluation path (``_rules.new_result``): the twin class
#: itself once the first evaluation made it, as ``_result`` reads it from this module.
new_result = fast_constructor(Result, into=(globals(), "new_result"))

UnknownFacts = Literal["error", "report"]


class PreparedFacts(Mapping[str, FactValue]):
    """Validated facts in the engine's flat form; build once, evaluate many rules.

    Obtained from :meth:`Jurisdiction.prepare` only: the constructor refuses to
    build one directly, since that would skip validation. Immutable.
    """

    __slots__ = ("_data", "_registry", "ignored")
    _data: dict[str, FactValue]
    _registry: FactRegistry
    #: names of the facts left out because this jurisdiction declares none of them
    #: (with ``unknown_facts="report"``)
    ignored: tuple[str, ...]

    def __init__(self, data: Any = None) -> None:
        raise InvalidArgumentError(
            "PreparedFacts",
            data,
            "prepared facts are built by Jurisdiction.prepare(facts), which validates them",
        )

    @classmethod
    def _trusted(
        cls, data: dict[str, FactValue], registry: FactRegistry, ignored: tuple[str, ...] = ()
    ) -> PreparedFacts:
        prepared = object.__new__(cls)
        # the slots' own setters: object.__setattr__ costs twice as much (it first
        # checks it is not bypassing a built-in type's __setattr__)
        _SET_DATA(prepared, data)
        _SET_REGISTRY(prepared, registry)
        _SET_IGNORED(prepared, ignored)
        return prepared

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("PreparedFacts are immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (PreparedFacts._trusted, (self._data, self._registry, self.ignored))

    def __getitem__(self, key: str) -> FactValue:
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"PreparedFacts({self._data!r})"


_SET_DATA = PreparedFacts.__dict__["_data"].__set__
_SET_REGISTRY = PreparedFacts.__dict__["_registry"].__set__
_SET_IGNORED = PreparedFacts.__dict__["ignored"].__set__


@frozen
class _Version:
    rule: Rule
    layer: str
    start: date
    end: date | None
    ended_by: str = ""
    superseded_from: date | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


class _Ctx:
    __slots__ = ("_jurisdiction", "facts", "on", "used")

    def __init__(
        self, jurisdiction: Jurisdiction, facts: Mapping[str, Any], on: date, record: bool
    ) -> None:
        self._jurisdiction = jurisdiction
        self.facts = facts
        self.on = on
        self.used: dict[str, Resolved] | None = {} if record else None

    def resolve(self, key: str) -> Resolved:
        resolved = self._jurisdiction._resolve(key, self.on)
        if self.used is not None:
            self.used.setdefault(key, resolved)
        return resolved


class Jurisdiction:
    """A jurisdiction with every layer above it (Xining = Qinghai + Xining).

    Obtain one with :func:`innovpolicy.load`. Immutable once built, safe to share
    between threads.
    """

    def __init__(self, chain: Sequence[Layer]) -> None:
        if not chain:
            raise ValueError("a jurisdiction needs at least one layer")
        self.chain: tuple[Layer, ...] = tuple(chain)
        leaf = self.chain[-1]
        self.code = leaf.code
        self.name_zh = leaf.name_zh
        self.name_en = leaf.name_en
        self.fact_registry = FactRegistry(
            (*CORE_FACTS, *(spec for layer in self.chain for spec in layer.facts)),
            (*CORE_CONSTRAINTS, *(c for layer in self.chain for c in layer.constraints)),
        )
        #: the layer (or ``"core"``) declaring each fact
        self.fact_layers: Mapping[str, str] = MappingProxyType(dict(declared_by(self.chain)))
        self._territory_facts = tuple(
            dict.fromkeys(name for layer in self.chain for name in layer.territory)
        )
        #: the registry whose prepared facts evaluate answers at once (see evaluate):
        #: None when a layer has a territory (the facts may place a firm outside it)
        self._usual_registry = None if self._territory_facts else self.fact_registry
        self._prefixes: dict[int, Jurisdiction] = {}
        self._params: dict[str, list[tuple[str, Parameter]]] = {}
        for layer in self.chain:
            for parameter in (*layer.parameters, *layer.overrides):
                self._params.setdefault(parameter.key, []).insert(0, (layer.code, parameter))
        self._versions = _build_versions(self.chain)
        self._refinements: dict[str, list[tuple[str, ShareRefinement]]] = {}
        for layer in self.chain:
            for refinement in layer.refinements:
                self._refinements.setdefault(refinement.role, []).insert(
                    0, (layer.code, refinement)
                )
        self._cache: dict[tuple[str, date], Resolved] = {}
        #: compiled rules: rule id -> [(first day, day after the last, version, closures)],
        #: days as ordinals; one entry per span of a version's window over which the
        #: parameters it reads hold still
        self._compiled: dict[str, list[tuple[int, int, _Version, CompiledRule]]] = {}
        #: the compiled rule that answers a rule id on a date, found in _compiled once
        #: by evaluate (a date out of bounds is never kept)
        self._by_day: dict[tuple[str, date], tuple[_Version, CompiledRule]] = {}
        for layer in self.chain:
            _i18n.register(layer.labels_zh, layer.meanings_zh)
        self._sealed = True

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_sealed", False):
            raise AttributeError(f"a loaded Jurisdiction is immutable; cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a loaded Jurisdiction is immutable; cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"<Jurisdiction {self.code} layers={[layer.code for layer in self.chain]}>"

    # ------------------------------------------------------------------ catalog

    @property
    def layers(self) -> tuple[str, ...]:
        """Codes of the layers, root first (``("qinghai", "xining")``)."""
        return tuple(layer.code for layer in self.chain)

    def rule_ids(self) -> tuple[str, ...]:
        """Every catalog id known here, in the order the layers declare them."""
        return tuple(self._versions)

    def versions(self, rule_id: str) -> tuple[Rule, ...]:
        """Every dated version of a rule applicable in this territory."""
        return tuple(v.rule for v in self._lookup(rule_id))

    def version_info(self, rule_id: str) -> tuple[VersionInfo, ...]:
        """Every version of *rule_id* here: its window in this territory (``end`` may be
        before ``start`` when a child superseded it before it began), the layer that
        defines it, and what ended it (a supersession, with its document and date)."""
        from ._comparison import VersionInfo  # built on first use, not by import

        return tuple(
            VersionInfo(v.rule, v.layer, v.start, v.end, v.ended_by) for v in self._lookup(rule_id)
        )

    def windows(self, rule_id: str) -> tuple[tuple[date, date | None], ...]:
        """The (from, to) windows in which *rule_id* applies in this territory (to inclusive)."""
        return tuple(
            (v.start, v.end) for v in self._lookup(rule_id) if v.end is None or v.end >= v.start
        )

    def rule(self, rule_id: str, on: date | str | None = None) -> Rule:
        """The rule in force on *on* (default: its latest version)."""
        versions = self._lookup(rule_id)
        if on is None:
            return versions[-1].rule
        day = to_date("on", on)
        for version in versions:
            if version.covers(day):
                return version.rule
        raise RuleNotInForceError(rule_id, day, _not_in_force_reason(versions, day))

    def defined_by(self, rule_id: str, on: date | str) -> str:
        """Code of the layer whose version of *rule_id* applies on *on*."""
        day = to_date("on", on)
        for version in self._lookup(rule_id):
            if version.covers(day):
                return version.layer
        raise RuleNotInForceError(rule_id, day, _not_in_force_reason(self._lookup(rule_id), day))

    def rules_for_event(self, event: str) -> tuple[str, ...]:
        """Catalog ids of every rule, in any layer, that rewards *event*."""
        return tuple(
            rule_id
            for rule_id, versions in self._versions.items()
            if any(event in v.rule.events for v in versions)
        )

    def events(self) -> tuple[str, ...]:
        """Every event some rule here rewards."""
        found = {e for versions in self._versions.values() for v in versions for e in v.rule.events}
        return tuple(sorted(found))

    def facts_for(self, rule_id: str, subject: str | None = None) -> tuple[FactSpec, ...]:
        """Declarations of every fact any version of *rule_id* reads: ask the user only these.

        With *subject* (``"enterprise"``, ``"individual"``...), only the facts of the
        branches open to that applicant, without the facts the subject implies; empty
        when the rule is not open to it. :meth:`branches` tells which facts belong to
        which branch.
        """
        if subject is not None:
            from .finder import facts_for_subject

            return facts_for_subject(self, rule_id, subject)
        names: dict[str, None] = dict.fromkeys(self._territory_facts)
        for version in self._lookup(rule_id):
            names.update(dict.fromkeys(version.rule.fact_names()))
        return tuple(self.fact_registry[name] for name in names)

    def branches(self, rule_id: str) -> dict[str, dict[str, tuple[str, ...]]]:
        """For each fact that picks a branch of *rule_id* (``broker_applicant_kind``,
        ``patent_award_kind``), the facts each of its values needs."""
        from .finder import branches

        return branches(self.rule(rule_id), self.fact_registry)

    def subjects(self, rule_id: str) -> tuple[str, ...]:
        """Who can apply for *rule_id* (see ``innovpolicy.authoring.SUBJECTS``)."""
        return self.rule(rule_id).subjects

    def find(
        self,
        facts: Any,
        on: date | str,
        *,
        subject: str = "enterprise",
        rule_ids: Iterable[str] | None = None,
    ) -> FinderSummary:
        """The policy finder: every rule open to *subject*, summed up with totals, the
        next questions to ask and the gaps of ineligible rules (see :mod:`innovpolicy.finder`)."""
        from .finder import find

        return find(self, facts, on, subject=subject, rule_ids=rule_ids)

    def documents(self) -> tuple[tuple[str, Any], ...]:
        """Every source document of every layer, as ``(layer code, Document)``, root first."""
        return tuple((layer.code, doc) for layer in self.chain for doc in layer.documents)

    def parameter(self, key: str, on: date | str) -> Resolved:
        """The value of parameter *key* on *on*, with the layer and document that set it.

        An unknown key raises :class:`UnknownParameterError` (a ``KeyError``).
        """
        day = _day(on)
        if not isinstance(key, str):
            raise InvalidArgumentError("key", key, "a parameter key is a string")
        return self._resolve(key, day)

    def _resolve(self, key: str, day: date) -> Resolved:
        """:meth:`parameter` for a key and a date already checked."""
        cache_key = (key, day)
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        candidates = self._params.get(key)
        if not candidates:
            raise UnknownParameterError(key, self.code, tuple(self._params))
        for layer_code, parameter in candidates:
            dated = parameter.find(day)
            if dated is not None:
                found = Resolved(key, dated.value, layer_code, dated)
                break
        else:
            root = candidates[-1][1]
            if root.unset_reason and not any(p.values for _, p in candidates):
                raise ParameterNotSetError(key, root.unset_reason)
            # No layer has a value then: report the root definition's windows.
            root.at(day)
            raise AssertionError("unreachable")  # pragma: no cover
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[cache_key] = found
        return found

    # ------------------------------------------------------------------ territory

    def _outside(self, facts: PreparedFacts) -> tuple[int, str] | None:
        """The first layer whose territory the facts place the applicant outside."""
        for depth, layer in enumerate(self.chain):
            for name, values in layer.territory.items():
                value = facts.get(name)
                if value is not None and value not in values:
                    return depth, (
                        f"outside the territory of {layer.code} ({name} = {value}, not "
                        f"{' / '.join(values)}): the answer of "
                        f"{self.chain[depth - 1].code if depth else 'no jurisdiction'}"
                    )
        return None

    def _if_located(self, result: Result, rule_id: str, facts: PreparedFacts, day: date) -> Result:
        """With a locating fact unknown, the answer stands only if the firm's being
        outside the territory would not change it; otherwise it is undetermined."""
        for depth, layer in enumerate(self.chain):
            absent = [name for name in layer.territory if facts.get(name) is None]
            if not absent:
                continue
            note = f"applies only inside the territory of {layer.code}"
            other = self._outside_answer((depth, note), rule_id, facts, day, False, False)
            if _same_answer(result, other):
                continue
            where = "; ".join(f"{k} = {' / '.join(v)}" for k, v in layer.territory.items())
            reason = (
                f"the answer depends on whether the applicant is inside {layer.code}'s "
                f"territory ({where})"
            )
            return attrs.evolve(
                result,
                status=Status.UNDETERMINED,
                amount=None,
                amount_range=None,
                shares=(),
                missing=tuple(dict.fromkeys((*result.missing, *absent))),
                reasons=(*result.reasons, reason),
            )
        return result

    def _within(self, depth: int) -> Jurisdiction:
        """The stack of the first *depth* layers (``_within(1)`` is the root)."""
        found = self._prefixes.get(depth)
        if found is None:
            found = self._prefixes[depth] = Jurisdiction(self.chain[:depth])
        return found

    def _outside_answer(
        self,
        outside: tuple[int, str],
        rule_id: str,
        prepared: PreparedFacts,
        day: date,
        explain: bool,
        strict: bool,
    ) -> Result:
        depth, note = outside
        if depth > 0:
            below = self._within(depth)
            if rule_id in below._versions:
                result = below.evaluate(
                    rule_id, prepared, day, explain=explain, strict=strict, unknown_facts="report"
                )
                return attrs.evolve(
                    result,
                    note=f"{result.note}; {note}" if result.note else note,
                    ignored_facts=prepared.ignored,
                )
        if strict:
            raise RuleNotInForceError(rule_id, day, note)
        versions = self._lookup(rule_id)
        nearest = _nearest(versions, day)
        rule = nearest.rule
        return Result(
            rule_id=rule.id,
            kind=rule.kind,
            title_en=rule.title_en,
            title_zh=rule.title_zh,
            jurisdiction=self.code,
            layer=nearest.layer,
            on=day,
            status=Status.NOT_IN_FORCE,
            citation=rule.citation,
            note=note,
            ignored_facts=prepared.ignored,
        )

    def _declares(self, name: object) -> bool:
        """Whether a layer here declares the fact *name* (``rd_expense[2019]`` counts)."""
        if not isinstance(name, str):
            return False
        base = name.partition("[")[0] if name.endswith("]") else name
        return base in self.fact_registry

    def _lookup(self, rule_id: str) -> tuple[_Version, ...]:
        if not isinstance(rule_id, str):
            raise InvalidArgumentError("rule_id", rule_id, "a rule id is a string such as 'QH-TBE'")
        versions = self._versions.get(rule_id)
        if versions is None:
            raise UnknownRuleError(rule_id, self.code, self.rule_ids())
        return versions

    # ------------------------------------------------------------------ facts

    def prepare(self, facts: Any, *, unknown_facts: UnknownFacts = "error") -> PreparedFacts:
        """Validate *facts* once: an entity, a facts mapping, or a list of them (merged).

        Values outside the documented bounds (docs/limits.md) raise
        :class:`InvalidFactError` naming the fact. A fact no layer of this jurisdiction
        declares raises :class:`UnknownFactError` (a misspelt name must not turn an
        answer "undetermined"); with ``unknown_facts="report"`` it is left out instead
        and named in ``PreparedFacts.ignored`` (and in each result's
        ``ignored_facts``), so facts gathered for a richer stack (a county's) can be
        evaluated on a parent's.
        """
        if type(facts) is dict and unknown_facts == "error":  # the usual case, at once
            registry = self.fact_registry
            # in the library context, switched here (see in_library_context: the
            # decorator's call through *args costs 1,600 instructions more)
            caller = getcontext()
            try:
                mine = _LIBRARY.context
            except AttributeError:
                mine = library_context()
            if caller is mine:
                return PreparedFacts._trusted(registry.normalize(facts), registry)
            setcontext(mine)
            try:
                return PreparedFacts._trusted(registry.normalize(facts), registry)
            finally:
                setcontext(caller)
        return self._prepare_other(facts, unknown_facts)

    @in_library_context
    def _prepare_other(self, facts: Any, unknown_facts: UnknownFacts) -> PreparedFacts:
        """:meth:`prepare` of anything but a plain dict with unknown facts refused."""
        return self._prepare(facts, False, unknown_facts)

    def _prepare(
        self, facts: Any, nested: bool, unknown_facts: UnknownFacts = "error"
    ) -> PreparedFacts:
        if type(facts) is dict and unknown_facts == "error":  # the usual case, at once
            registry = self.fact_registry
            return PreparedFacts._trusted(registry.normalize(facts), registry)
        if unknown_facts not in ("error", "report"):
            raise InvalidArgumentError(
                "unknown_facts", unknown_facts, "expected 'error' or 'report'"
            )
        registry = self.fact_registry
        if isinstance(facts, PreparedFacts):
            if facts._registry is registry:
                return facts
            if facts._registry.same_as(registry):  # e.g. unpickled in a worker process
                return PreparedFacts._trusted(facts._data, registry, facts.ignored)
            # prepared by another stack (a richer one): validate again here
            return self._prepare(dict(facts._data), nested, unknown_facts)
        if isinstance(facts, _Entity):
            return PreparedFacts._trusted(dict(facts.flat_facts()), registry)
        if isinstance(facts, Mapping):
            if unknown_facts == "report":
                ignored = tuple(name for name in facts if not self._declares(name))
                if ignored:
                    kept = {k: v for k, v in facts.items() if self._declares(k)}
                    return PreparedFacts._trusted(registry.normalize(kept), registry, ignored)
            return PreparedFacts._trusted(registry.normalize(facts), registry)
        if isinstance(facts, (list, tuple)) and not nested:
            merged: dict[str, FactValue] = {}
            dropped: dict[str, None] = {}
            for part in facts:
                prepared_part = self._prepare(part, True, unknown_facts)
                dropped.update(dict.fromkeys(prepared_part.ignored))
                for name, value in prepared_part.items():
                    if name in merged and merged[name] != value:
                        raise InvalidFactError(
                            name, value, f"conflicts with {merged[name]!r} given by another entity"
                        )
                    merged[name] = value
            registry.check_constraints(merged)
            return PreparedFacts._trusted(merged, registry, tuple(dropped))
        if nested:
            raise InvalidFactError(
                "facts", facts, "each item of a list of facts is an entity or a mapping of facts"
            )
        raise InvalidFactError(
            "facts", facts, "expected an entity, a mapping of facts, or a list of them"
        )

    # ------------------------------------------------------------------ evaluation

    def evaluate(
        self,
        rule_id: str,
        facts: Any,
        on: date | str,
        *,
        explain: bool = True,
        strict: bool = False,
        unknown_facts: UnknownFacts = "error",
    ) -> Result:
        """Evaluate one rule for *facts* on date *on*.

        A rule not in force on *on* gives ``Status.NOT_IN_FORCE`` (or raises
        :class:`RuleNotInForceError` when ``strict``). With ``explain=False`` the
        criteria tree and amount steps are skipped (status, amount, shares and
        missing facts are still exact). ``unknown_facts`` is as for :meth:`prepare`.

        Facts that place the applicant outside a layer's ``territory`` (another
        ``district``) give the answer of the stack below that layer: its overrides,
        rules and supersessions do not reach the firm (a rule only that layer has is
        NOT_IN_FORCE there, with a note saying why).
        """
        if (  # the usual call, at once: facts prepared here, a date, a compiled rule
            type(facts) is PreparedFacts
            and facts._registry is self._usual_registry  # (None with territories)
            and not facts.ignored
            and type(on) is date
            and type(rule_id) is str
            and unknown_facts == "error"
        ):
            found = self._by_day.get((rule_id, on))
            if found is not None:
                version, compiled = found
                # in the library context, switched here (as in prepare)
                caller = getcontext()
                try:
                    mine = _LIBRARY.context
                except AttributeError:
                    mine = library_context()
                if caller is not mine:
                    setcontext(mine)
                try:
                    return self._evaluate_compiled(version, compiled, facts, on, explain)
                finally:
                    if caller is not mine:
                        setcontext(caller)
        return self._evaluate_other(rule_id, facts, on, explain, strict, unknown_facts)

    @in_library_context
    def _evaluate_other(
        self,
        rule_id: str,
        facts: Any,
        on: date | str,
        explain: bool,
        strict: bool,
        unknown_facts: UnknownFacts,
    ) -> Result:
        """:meth:`evaluate` of any call but the usual one already answered there."""
        if (  # the usual call whose compiled rule is not yet kept for this date
            type(facts) is PreparedFacts
            and facts._registry is self.fact_registry
            and not facts.ignored
            and type(on) is date
            and type(rule_id) is str
            and unknown_facts == "error"
            and not self._territory_facts
            and MIN_DATE <= on <= MAX_DATE
        ):
            ordinal = on.toordinal()
            for first, after, version, compiled in self._compiled.get(rule_id, ()):
                if first <= ordinal < after:
                    if len(self._by_day) >= 4096:
                        self._by_day.clear()
                    self._by_day[rule_id, on] = version, compiled
                    return self._evaluate_compiled(version, compiled, facts, on, explain)
        versions = self._lookup(rule_id)
        day = _day(on)
        prepared = self._prepare(facts, nested=False, unknown_facts=unknown_facts)
        return self._evaluate_prepared(rule_id, versions, prepared, day, explain, strict)

    def _evaluate_prepared(
        self,
        rule_id: str,
        versions: tuple[_Version, ...],
        prepared: PreparedFacts,
        day: date,
        explain: bool,
        strict: bool,
    ) -> Result:
        """:meth:`evaluate` once its arguments are checked (``evaluate_all`` loops here)."""
        if self._territory_facts:  # a layer here applies only inside its territory
            outside = self._outside(prepared)
            if outside is not None:
                return self._outside_answer(outside, rule_id, prepared, day, explain, strict)
            result = self._evaluate_in_force(rule_id, versions, prepared, day, explain, strict)
            result = self._if_located(result, rule_id, prepared, day)
        else:
            result = self._evaluate_in_force(rule_id, versions, prepared, day, explain, strict)
        if prepared.ignored and result.ignored_facts != prepared.ignored:
            return attrs.evolve(result, ignored_facts=prepared.ignored)
        return result

    def _evaluate_in_force(
        self,
        rule_id: str,
        versions: tuple[_Version, ...],
        prepared: PreparedFacts,
        day: date,
        explain: bool,
        strict: bool,
    ) -> Result:
        ordinal = day.toordinal()
        for first, after, version, compiled in self._compiled.get(rule_id, ()):
            if first <= ordinal < after:  # compiled before, for these dates
                return self._evaluate_compiled(version, compiled, prepared, day, explain)
        for version in versions:
            if version.covers(day):
                return self._evaluate_version(version, prepared, day, explain)
        reason = _not_in_force_reason(versions, day)
        if strict:
            raise RuleNotInForceError(rule_id, day, reason)
        rule = _nearest(versions, day).rule
        return Result(
            rule_id=rule.id,
            kind=rule.kind,
            title_en=rule.title_en,
            title_zh=rule.title_zh,
            jurisdiction=self.code,
            layer=_nearest(versions, day).layer,
            on=day,
            status=Status.NOT_IN_FORCE,
            citation=rule.citation,
            note=reason,
        )

    @in_library_context
    def screen(
        self,
        table: Any,
        *,
        on: date | str,
        rules: Iterable[str] | None = None,
    ) -> Any:
        """Screen every row of a table (Arrow, pandas, polars, record batches) at once.

        Returns a pyarrow Table: per rule ``<RULE>.status``, ``<RULE>.amount``,
        ``<RULE>.share.<role>`` and ``<RULE>.missing``. Needs the ``batch`` extra;
        see :mod:`innovpolicy.screening`.
        """
        from . import screening  # the batch extra: imported only when screening

        return screening.screen(self, table, on=on, rules=rules)

    @in_library_context
    def evaluate_all(
        self,
        facts: Any,
        on: date | str,
        *,
        explain: bool = True,
        rule_ids: Iterable[str] | str | None = None,
        unknown_facts: UnknownFacts = "error",
    ) -> tuple[Result, ...]:
        """Evaluate several rules (default: all) for the same facts on the same date.

        *rule_ids* is an iterable of catalog ids; a single id given as a string is
        one rule, not a sequence of characters. Unknown ids are refused before any
        rule is evaluated. ``unknown_facts`` is as for :meth:`prepare`.
        """
        prepared = self._prepare(facts, nested=False, unknown_facts=unknown_facts)
        day = _day(on)
        if rule_ids is None:
            ids = self.rule_ids()
        elif isinstance(rule_ids, str):
            ids = (rule_ids,)
        elif isinstance(rule_ids, Iterable) and not isinstance(rule_ids, Mapping):
            ids = tuple(rule_ids)
        else:
            raise InvalidArgumentError(
                "rule_ids", rule_ids, "expected a rule id or an iterable of rule ids"
            )
        found = [(rule_id, self._lookup(rule_id)) for rule_id in ids]
        return tuple(
            self._evaluate_prepared(rule_id, versions, prepared, day, explain, False)
            for rule_id, versions in found
        )

    @in_library_context
    def evaluate_event(
        self, event: str, facts: Any, on: date | str, *, explain: bool = True
    ) -> tuple[Result, ...]:
        """Evaluate every rule, of every layer, rewarding *event* (incentives stack)."""
        if not isinstance(event, str):
            raise InvalidArgumentError("event", event, "an event is a string")
        rule_ids = self.rules_for_event(event)
        if not rule_ids:
            raise UnknownRuleError(f"event:{event}", self.code, self.events())
        return self.evaluate_all(facts, on, explain=explain, rule_ids=rule_ids)

    @in_library_context
    def compare(
        self,
        other: Jurisdiction,
        facts: Any,
        on: date | str,
        *,
        unknown_facts: UnknownFacts = "error",
    ) -> Comparison:
        """What *other* (typically a child) adds to and changes in this jurisdiction's answers.

        *facts* may hold facts only one of the two declares (facts gathered for the
        richer stack): each side leaves out what it does not declare and the
        comparison names them (``ignored_base`` / ``ignored_other``). A fact neither
        declares raises :class:`UnknownFactError` unless ``unknown_facts="report"``.
        """
        if not isinstance(other, Jurisdiction):
            raise InvalidArgumentError("other", other, "expected a loaded Jurisdiction")
        from ._comparison import ComparedRule, Comparison  # built on first use, not by import

        day = _day(on)
        if unknown_facts not in ("error", "report"):
            raise InvalidArgumentError(
                "unknown_facts", unknown_facts, "expected 'error' or 'report'"
            )
        if unknown_facts == "error":
            parts = facts if isinstance(facts, (list, tuple)) else (facts,)
            for part in parts:
                if not isinstance(part, Mapping) or isinstance(part, PreparedFacts):
                    continue
                for name, value in part.items():
                    if not self._declares(name) and not other._declares(name):
                        raise UnknownFactError(
                            name, value, f"neither {self.code} nor {other.code} declares this fact"
                        )
        mine_prepared = self.prepare(facts, unknown_facts="report")
        theirs_prepared = other.prepare(facts, unknown_facts="report")
        mine = {r.rule_id: r for r in self.evaluate_all(mine_prepared, day)}
        theirs = {r.rule_id: r for r in other.evaluate_all(theirs_prepared, day)}
        rows = []
        for rule_id in dict.fromkeys((*mine, *theirs)):
            a, b = mine.get(rule_id), theirs.get(rule_id)
            if a is None:
                change = "added"
            elif b is None:
                change = "removed"
            else:
                same = (a.status, a.amount, a.amount_range, a.shares, a.layer) == (
                    b.status,
                    b.amount,
                    b.amount_range,
                    b.shares,
                    b.layer,
                )
                change = "same" if same else "changed"
            changed_params: tuple[tuple[Resolved, Resolved], ...] = ()
            if a is not None and b is not None:
                base_params = {p.key: p for p in a.parameters}
                changed_params = tuple(
                    (base_params[p.key], p)
                    for p in b.parameters
                    if p.key in base_params and base_params[p.key] != p
                )
            rows.append(ComparedRule(rule_id, change, a, b, changed_params))
        return Comparison(
            self.code,
            other.code,
            day,
            tuple(rows),
            mine_prepared.ignored,
            theirs_prepared.ignored,
        )

    def _evaluate_version(
        self, version: _Version, facts: PreparedFacts, on: date, explain: bool
    ) -> Result:
        """The answer now, from the rule's compiled closures; with *explain*, the
        explanation built on first access by the reference interpreter
        (:meth:`_evaluate_eager` with ``explain=True``)."""
        compiled = self._compiled_version(version, on)
        return self._evaluate_compiled(version, compiled, facts, on, explain)

    def _evaluate_compiled(
        self,
        version: _Version,
        compiled: CompiledRule,
        facts: PreparedFacts,
        on: date,
        explain: bool,
    ) -> Result:
        (truth, missing, reasons), computed = compiled.answer(facts._data, on)
        return self._result(
            version,
            facts,
            on,
            truth,
            missing,
            reasons,
            computed,
            None,
            None,
            None,
            # the explanation, built on first access (a partial of _lazy_explanation:
            # a closure over six variables costs 2,000 instructions more to make);
            # rendered text is written from the same arguments without it (_render)
            partial(_lazy_explanation, self, version, compiled, facts, on, computed)
            if explain
            else None,
        )

    def _compiled_version(self, version: _Version, on: date) -> CompiledRule:
        """*version*'s closures for *on* (a day in its window), compiled on first use
        for the days of its window over which its parameters hold still."""
        ordinal = on.toordinal()
        spans = self._compiled.get(version.rule.id)
        if spans is None:
            spans = self._compiled[version.rule.id] = []
        for first, after, cached, compiled in spans:
            if cached is version and first <= ordinal < after:
                return compiled
        from ._compiled import compile_rule  # imported by the first evaluation, not by load

        compiled = compile_rule(version.rule.criteria, version.rule.amount, self, on)
        first, after = self._steady_span(compiled.param_keys, ordinal)
        first = max(first, version.start.toordinal())
        if version.end is not None:
            after = min(after, version.end.toordinal() + 1)
        if len(spans) >= 64:  # many eras of one rule's parameters: keep the recent ones
            del spans[0]
        spans.append((first, after, version, compiled))
        return compiled

    def _steady_span(self, keys: tuple[str, ...], ordinal: int) -> tuple[int, int]:
        """The dates around *ordinal* (as ordinals, end exclusive) on which none of the
        parameters *keys* changes value in any layer."""
        first, after = 0, date.max.toordinal() + 1
        for key in keys:
            for _layer, parameter in self._params.get(key, ()):
                for dated in parameter.values:
                    edges = [dated.valid_from.toordinal()]
                    if dated.valid_to is not None:
                        edges.append(dated.valid_to.toordinal() + 1)
                    for edge in edges:
                        if edge <= ordinal:
                            first = max(first, edge)
                        else:
                            after = min(after, edge)
        return first, after

    def _fallback_context(
        self, facts: Mapping[str, Any], on: date, used: dict[str, Resolved] | None = None
    ) -> _Ctx:
        """The reference interpreter's context, for node kinds the compiler does not know
        (recording the parameters it resolves into *used*, if given)."""
        ctx = _Ctx(self, facts, on, False)
        ctx.used = used
        return ctx

    @in_library_context
    def _explain_compiled(
        self,
        version: _Version,
        compiled: CompiledRule,
        facts: PreparedFacts,
        on: date,
        computed: Any,
    ) -> Result:
        """:meth:`_evaluate_eager` with ``explain=True`` from the compiled closures: the
        criteria's explanation, the amount (*computed*, the answer's) and its steps (by
        the formulas' own methods where the compiler leaves them)."""
        used: dict[str, Resolved] = {}
        outcome = compiled.explain(facts._data, on, used)
        ctx = self._fallback_context(facts._data, on, used)
        steps_of = compiled.steps_of() if version.rule.amount is not None else None
        return self._explained_result(version, facts, on, outcome, ctx, steps_of, computed)

    def _written(
        self,
        version: _Version,
        compiled: CompiledRule,
        facts: PreparedFacts,
        on: date,
        computed: Any,
        write: Write,
        write_steps: WriteSteps | None,
        criteria: list[str],
        amount: list[str],
    ) -> tuple[Step | None, tuple[Resolved, ...]]:
        """What :meth:`_explain_compiled` explains, as text: the criteria's lines written
        into *criteria* by *write* (the criteria's compiled writer) instead of their
        outcomes built, the amount's steps' lines into *amount* by *write_steps* (where
        the amount's steps are compiled) or else its steps returned, and the parameters,
        read in the same order (the criteria's, the amount's, then the shares' as
        :meth:`_result` reads them)."""
        used: dict[str, Resolved] = {}
        data = facts._data
        truth = write(data, on, used, criteria)
        rule = version.rule
        steps = None
        ctx = None
        if rule.amount is None or truth is Truth.FALSE:
            computed = None
        elif write_steps is not None:  # (the amount's steps are compiled)
            write_steps(data, on, used, amount)
        else:
            steps_of = compiled.steps_of()
            if steps_of is not None:
                steps = steps_of(data, on, used)
            else:
                ctx = self._fallback_context(data, on, used)
                computed = rule.amount.compute(ctx)
                steps = rule.amount.explain(ctx)
        if (
            rule.split is not None
            and truth is Truth.TRUE
            and computed is not None
            and type(computed) is not Missing
            and not isinstance(computed, AmountRange)
        ):  # the shares are computed again for the parameters they read
            if ctx is None:
                ctx = self._fallback_context(data, on, used)
            self._split(rule, ctx, round_payable(max(computed, ZERO)))
        return steps, tuple(used.values())

    @in_library_context
    def _explain_eagerly(self, version: _Version, facts: PreparedFacts, on: date) -> Result:
        return self._evaluate_eager(version, facts, on, True)

    def _evaluate_eager(
        self, version: _Version, facts: PreparedFacts, on: date, explain: bool
    ) -> Result:
        """The reference evaluation (eager explanation when *explain*)."""
        rule = version.rule
        ctx = _Ctx(self, facts._data, on, explain)  # the plain dict: faster lookups
        if explain:
            return self._explained_result(version, facts, on, rule.criteria.explain(ctx), ctx)
        truth = rule.criteria.test(ctx)
        missing: tuple[str, ...] = ()
        reasons: tuple[str, ...] = ()
        if truth is Truth.UNKNOWN:
            why = rule.criteria.explain(ctx)
            missing = why.missing_facts()
            reasons = why.reasons()
        computed = None
        if rule.amount is not None and truth is not Truth.FALSE:
            computed = rule.amount.compute(ctx)
        return self._result(
            version, facts, on, truth, missing, reasons, computed, None, None, ctx, None
        )

    def _explained_result(
        self,
        version: _Version,
        facts: PreparedFacts,
        on: date,
        outcome: Outcome,
        ctx: _Ctx,
        steps_of: StepsOf | None = None,
        computed: Any = None,
    ) -> Result:
        """The explained result of *version* from its criteria's explanation *outcome*:
        the amount computed and its steps explained in *ctx* (which recorded the
        parameters the criteria read, and records those the amount and the shares read).

        With *steps_of* (the amount's compiled explanation), *computed* is the amount
        already computed and the steps are built by *steps_of*."""
        rule = version.rule
        truth = outcome.truth
        missing: tuple[str, ...] = ()
        reasons: tuple[str, ...] = ()
        if truth is Truth.UNKNOWN:
            missing = outcome.missing_facts()
            reasons = outcome.reasons()
        steps = None
        if rule.amount is None or truth is Truth.FALSE:
            computed = None
        elif steps_of is not None:
            assert ctx.used is not None
            steps = steps_of(facts._data, on, ctx.used)
        else:
            computed = rule.amount.compute(ctx)
            steps = rule.amount.explain(ctx)
        return self._result(
            version, facts, on, truth, missing, reasons, computed, outcome, steps, ctx, None
        )

    def _result(
        self,
        version: _Version,
        facts: PreparedFacts,
        on: date,
        truth: Truth,
        missing: tuple[str, ...],
        reasons: tuple[str, ...],
        computed: Any,
        outcome: Outcome | None,
        steps: Step | None,
        ctx: _Ctx | None,
        explainer: Explainer | None,
    ) -> Result:
        """The result of a rule from its truth and unrounded amount (every executor's tail).

        *ctx* is the reference interpreter's context when it evaluated the rule: the
        shares are computed in it, so the parameters they read (a refinement's weights)
        are recorded among the explanation's parameters, after the rule's own.
        """
        rule = version.rule
        status = _FROM_TRUTH[truth]  # (Status.from_truth, without the class attribute lookup)
        amount: Decimal | None = None
        amount_range: AmountRange | None = None
        shares: tuple[Share, ...] = ()
        if computed is None:
            pass
        elif type(computed) is Missing:
            status = Status.UNDETERMINED
            missing = tuple(dict.fromkeys((*missing, *computed.names)))
            if computed.reason:
                reasons = (*reasons, computed.reason)
        elif isinstance(computed, AmountRange):
            # A range is reported only when the rule is otherwise met: an
            # undetermined result never presents a payable range as if due.
            if truth is Truth.TRUE:
                high = computed.high
                amount_range = AmountRange(
                    unsigned_zero(computed.low), None if high is None else unsigned_zero(high)
                )
        elif truth is Truth.TRUE:
            # round_payable(max(computed, ZERO)), without its two calls
            amount = max(computed, ZERO).quantize(FEN, rounding=ROUND_HALF_UP)
            if amount.is_zero():
                amount = amount.copy_abs()  # (never -0.00)
            if rule.split is not None:
                split_ctx = ctx if ctx is not None else _Ctx(self, facts._data, on, False)
                shares = self._split(rule, split_ctx, amount)
        parameters = tuple(ctx.used.values()) if ctx is not None and ctx.used else ()
        explained = outcome is not None or explainer is not None
        return new_result(  # positionally, in Result's field order
            rule.id,  # rule_id
            rule.kind,  # kind
            rule.title_en,  # title_en
            rule.title_zh,  # title_zh
            self.code,  # jurisdiction
            version.layer,  # layer
            on,  # on
            status,  # status
            rule.citation,  # citation
            amount,  # amount
            amount_range,  # amount_range
            shares,  # shares
            missing,  # missing
            reasons,  # reasons
            "",  # note
            outcome,  # criteria
            steps,  # amount_steps
            parameters,  # parameters
            rule.readings if explained else (),  # readings
            rule.amount_unit,  # amount_unit
            facts.ignored,  # ignored_facts
            explainer,  # explainer
        )

    def _split(self, rule: Rule, ctx: _Ctx, amount: Decimal) -> tuple[Share, ...]:
        split = rule.split
        assert split is not None
        weights: list[Decimal] = []
        for payer in split.payers:
            weight = payer.weight.value(ctx)
            if type(weight) is Missing:  # pragma: no cover - weights are parameters
                raise ValueError(f"weight of payer {payer.role} could not be computed")
            weights.append(weight)
        shares: list[Share] = []
        for payer, part, weight in zip(
            split.payers, split_exact(amount, weights), weights, strict=True
        ):
            refinement = self._refinement(payer.role, ctx.on)
            if refinement is None:
                shares.append(Share(payer.role, _payer_name(payer, ctx), part, weight))
                continue
            sub_weights = [p.weight.value(ctx) for p in refinement.into]
            for sub_payer, sub_part, sub_weight in zip(
                refinement.into, split_exact(part, sub_weights), sub_weights, strict=True
            ):
                shares.append(
                    Share(
                        sub_payer.role,
                        _payer_name(sub_payer, ctx),
                        sub_part,
                        sub_weight,
                        payer.role,
                    )
                )
        return tuple(shares)

    def _refinement(self, role: str, on: date) -> ShareRefinement | None:
        for _layer, refinement in self._refinements.get(role, ()):
            if refinement.effective_from <= on:
                return refinement
        return None


def _lazy_explanation(
    j: Jurisdiction,
    version: _Version,
    compiled: CompiledRule,
    facts: PreparedFacts,
    on: date,
    computed: Any,
) -> tuple[Outcome | None, Step | None, tuple[Resolved, ...]]:
    """A lazy result's explanation (its ``explainer``, bound to its arguments by
    :meth:`Jurisdiction._evaluate_compiled`): :meth:`Jurisdiction._explain_compiled`,
    kept per date for a firm that gives none of the facts the rule reads."""
    kept = compiled.given_none(facts._data, on)
    if kept:
        found = compiled.explained.get(on)
        if found is not None:
            return found
    full = j._explain_compiled(version, compiled, facts, on, computed)
    parts = full._criteria, full._amount_steps, full._parameters
    if kept:
        if len(compiled.explained) >= 64:
            compiled.explained.clear()
        compiled.explained[on] = parts
    return parts


def _same_answer(a: Result, b: Result) -> bool:
    return (a.status, a.amount, a.amount_range) == (b.status, b.amount, b.amount_range) and [
        (s.role, s.amount) for s in a.shares
    ] == [(s.role, s.amount) for s in b.shares]


def _payer_name(payer: Payer, ctx: _Ctx) -> str | None:
    if payer.name_fact is None:
        return None
    value = ctx.facts.get(payer.name_fact)
    return None if value is None else str(value)


def _day(on: Any) -> date:
    """The evaluation date: a ``date`` (fast path) or an ISO string, within the bounds."""
    if type(on) is date and MIN_DATE <= on <= MAX_DATE:
        return on
    return to_date("on", on)


def _nearest(versions: tuple[_Version, ...], day: date) -> _Version:
    before = [v for v in versions if v.start <= day]
    return before[-1] if before else versions[0]


def _not_in_force_reason(versions: tuple[_Version, ...], day: date) -> str:
    for version in versions:
        superseded = version.superseded_from
        if superseded is not None and day >= superseded and version.rule.in_force(day):
            return version.ended_by
    live = [v for v in versions if v.superseded_from is None or v.start < v.superseded_from]
    first = (live or list(versions))[0]
    if day < first.start:
        return f"not yet in force: in force from {first.start}"
    nearest = _nearest(versions, day)
    if nearest.ended_by:
        return nearest.ended_by
    repealed = f", repealed by {nearest.rule.repealed_by}" if nearest.rule.repealed_by else ""
    return f"no longer in force: in force {nearest.start}..{nearest.end}{repealed}"


def _build_versions(chain: Sequence[Layer]) -> dict[str, tuple[_Version, ...]]:
    table: dict[str, list[_Version]] = {}
    for layer in chain:
        for sup in layer.supersessions:
            note = (
                f"superseded in {layer.code} from {sup.effective_from} by "
                f"{sup.citation.document.number} {sup.citation.article}"
                + (f"; see {sup.replacement}" if sup.replacement else "")
                + (f" ({sup.note})" if sup.note else "")
            )
            last = sup.effective_from - timedelta(days=1)
            clipped = []
            for version in table.get(sup.rule_id, []):
                if version.end is None or version.end > last:
                    # A version starting on or after the date keeps an empty window
                    # (end < start), so the id stays known and explains itself.
                    version = attrs.evolve(
                        version, end=last, ended_by=note, superseded_from=sup.effective_from
                    )
                clipped.append(version)
            table[sup.rule_id] = clipped
        for rule in sorted(layer.rules, key=lambda r: r.valid_from):
            table.setdefault(rule.id, []).append(
                _Version(rule, layer.code, rule.valid_from, rule.valid_to)
            )
    return {rid: tuple(sorted(vs, key=lambda v: v.start)) for rid, vs in table.items()}


def __getattr__(name: str) -> Any:
    """``Comparison``, ``ComparedRule`` and ``VersionInfo``, defined in ``_comparison``
    (imported by the first comparison or ``version_info``, not by ``import innovpolicy``)."""
    if name in ("Comparison", "ComparedRule", "VersionInfo"):
        from . import _comparison

        return getattr(_comparison, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Comparison", "Jurisdiction", "PreparedFacts"]
