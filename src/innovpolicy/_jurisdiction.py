"""Loading jurisdiction plugins, layering them, and evaluating rules."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pluggy

from . import hookspecs
from ._amounts import AmountRange, Payer, Share, split_exact
from ._criteria import Missing, Resolved, Truth
from ._entities import _Entity
from ._facts import CORE_CONSTRAINTS, CORE_FACTS, FactRegistry, FactSpec, FactValue
from ._params import Parameter
from ._rules import Layer, Result, Rule, ShareRefinement, Status
from ._values import ZERO, round_payable, to_date
from .exceptions import (
    InvalidFactError,
    ParameterNotSetError,
    PluginError,
    RuleNotInForceError,
    UnknownJurisdictionError,
    UnknownRuleError,
)

ENTRY_POINT_GROUP = "innovpolicy"


class PreparedFacts(Mapping[str, FactValue]):
    """Validated facts in the engine's flat form; build once, evaluate many rules.

    Obtained from :meth:`Jurisdiction.prepare`. Immutable.
    """

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, FactValue]) -> None:
        self._data = data

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


@attrs.frozen
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
        resolved = self._jurisdiction.parameter(key, self.on)
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
        registry = FactRegistry(CORE_FACTS, CORE_CONSTRAINTS)
        for layer in self.chain:
            for spec in layer.facts:
                registry.add(spec)
        self.fact_registry = registry
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

    def facts_for(self, rule_id: str) -> tuple[FactSpec, ...]:
        """Declarations of every fact any version of *rule_id* reads: ask the user only these."""
        names: dict[str, None] = {}
        for version in self._lookup(rule_id):
            names.update(dict.fromkeys(version.rule.fact_names()))
        return tuple(self.fact_registry[name] for name in names)

    def documents(self) -> tuple[tuple[str, Any], ...]:
        """Every source document of every layer, as ``(layer code, Document)``, root first."""
        return tuple((layer.code, doc) for layer in self.chain for doc in layer.documents)

    def parameter(self, key: str, on: date | str) -> Resolved:
        """The value of parameter *key* on *on*, with the layer and document that set it."""
        day = on if type(on) is date else to_date("on", on)
        cache_key = (key, day)
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        candidates = self._params.get(key)
        if not candidates:
            raise KeyError(f"parameter {key!r} is not defined in jurisdiction {self.code!r}")
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

    def _lookup(self, rule_id: str) -> tuple[_Version, ...]:
        versions = self._versions.get(rule_id)
        if versions is None:
            raise UnknownRuleError(rule_id, self.code, self.rule_ids())
        return versions

    # ------------------------------------------------------------------ facts

    def prepare(self, facts: Any) -> PreparedFacts:
        """Validate *facts* once: an entity, a facts mapping, or a sequence of them."""
        if isinstance(facts, PreparedFacts):
            return facts
        if isinstance(facts, _Entity):
            return PreparedFacts(dict(facts.flat_facts()))
        if isinstance(facts, Mapping):
            return PreparedFacts(self.fact_registry.normalize(facts))
        if isinstance(facts, (list, tuple)):
            merged: dict[str, FactValue] = {}
            for part in facts:
                for name, value in self.prepare(part).items():
                    if name in merged and merged[name] != value:
                        raise InvalidFactError(
                            name, value, f"conflicts with {merged[name]!r} given by another entity"
                        )
                    merged[name] = value
            self.fact_registry.check_constraints(merged)
            return PreparedFacts(merged)
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
    ) -> Result:
        """Evaluate one rule for *facts* on date *on*.

        A rule not in force on *on* gives ``Status.NOT_IN_FORCE`` (or raises
        :class:`RuleNotInForceError` when ``strict``). With ``explain=False`` the
        criteria tree and amount steps are skipped (status, amount, shares and
        missing facts are still exact).
        """
        versions = self._lookup(rule_id)
        day = on if type(on) is date else to_date("on", on)
        prepared = self.prepare(facts)
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

    def evaluate_all(
        self,
        facts: Any,
        on: date | str,
        *,
        explain: bool = True,
        rule_ids: Iterable[str] | None = None,
    ) -> tuple[Result, ...]:
        """Evaluate several rules (default: all) for the same facts on the same date."""
        prepared = self.prepare(facts)
        day = on if type(on) is date else to_date("on", on)
        ids = self.rule_ids() if rule_ids is None else tuple(rule_ids)
        return tuple(self.evaluate(rid, prepared, day, explain=explain) for rid in ids)

    def evaluate_event(
        self, event: str, facts: Any, on: date | str, *, explain: bool = True
    ) -> tuple[Result, ...]:
        """Evaluate every rule, of every layer, rewarding *event* (incentives stack)."""
        rule_ids = self.rules_for_event(event)
        if not rule_ids:
            raise UnknownRuleError(f"event:{event}", self.code, self.events())
        return self.evaluate_all(facts, on, explain=explain, rule_ids=rule_ids)

    def compare(self, other: Jurisdiction, facts: Any, on: date | str) -> Comparison:
        """What *other* (typically a child) adds to and changes in this jurisdiction's answers."""
        day = on if type(on) is date else to_date("on", on)
        mine = {r.rule_id: r for r in self.evaluate_all(facts, day)}
        theirs = {r.rule_id: r for r in other.evaluate_all(facts, day)}
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
        return Comparison(self.code, other.code, day, tuple(rows))

    def _evaluate_version(
        self, version: _Version, facts: PreparedFacts, on: date, explain: bool
    ) -> Result:
        rule = version.rule
        ctx = _Ctx(self, facts._data, on, explain)  # the plain dict: faster lookups
        outcome = None
        if explain:
            outcome = rule.criteria.explain(ctx)
            truth = outcome.truth
        else:
            truth = rule.criteria.test(ctx)
        missing: tuple[str, ...] = ()
        reasons: tuple[str, ...] = ()
        if truth is Truth.UNKNOWN:
            if outcome is None:
                outcome_for_missing = rule.criteria.explain(ctx)
                missing = outcome_for_missing.missing_facts()
                reasons = outcome_for_missing.reasons()
            else:
                missing = outcome.missing_facts()
                reasons = outcome.reasons()
        status = Status.from_truth(truth)
        amount: Decimal | None = None
        amount_range: AmountRange | None = None
        shares: tuple[Share, ...] = ()
        steps = None
        if rule.amount is not None and truth is not Truth.FALSE:
            computed = rule.amount.compute(ctx)
            if explain:
                steps = rule.amount.explain(ctx)
            if isinstance(computed, Missing):
                status = Status.UNDETERMINED
                missing = tuple(dict.fromkeys((*missing, *computed.names)))
                if computed.reason:
                    reasons = (*reasons, computed.reason)
            elif isinstance(computed, AmountRange):
                amount_range = computed
            elif truth is Truth.TRUE:
                amount = round_payable(max(computed, ZERO))
                if rule.split is not None:
                    shares = self._split(rule, ctx, amount)
        return Result(
            rule_id=rule.id,
            kind=rule.kind,
            title_en=rule.title_en,
            title_zh=rule.title_zh,
            jurisdiction=self.code,
            layer=version.layer,
            on=on,
            status=status,
            citation=rule.citation,
            amount=amount,
            amount_range=amount_range,
            shares=shares,
            missing=missing,
            reasons=reasons,
            criteria=outcome,
            amount_steps=steps,
            parameters=tuple(ctx.used.values()) if ctx.used else (),
            readings=rule.readings if explain else (),
            amount_unit=rule.amount_unit,
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


def _payer_name(payer: Payer, ctx: _Ctx) -> str | None:
    if payer.name_fact is None:
        return None
    value = ctx.facts.get(payer.name_fact)
    return None if value is None else str(value)


@attrs.frozen
class ComparedRule:
    """One rule's answers under two jurisdictions."""

    rule_id: str
    change: str
    base: Result | None
    other: Result | None
    changed_parameters: tuple[tuple[Resolved, Resolved], ...] = ()


@attrs.frozen
class Comparison:
    """What one jurisdiction adds to and changes in another's answers for the same facts."""

    base: str
    other: str
    on: date
    rules: tuple[ComparedRule, ...]

    def of(self, change: str) -> tuple[ComparedRule, ...]:
        """The rows of one kind of change: ``added``, ``removed``, ``changed`` or ``same``."""
        return tuple(row for row in self.rules if row.change == change)

    def render(self) -> str:
        """Readable text: every rule that differs, with the parameters that changed."""
        lines = [f"{self.other} compared with {self.base} on {self.on}:"]
        for row in self.rules:
            if row.change == "same":
                continue
            lines.append(
                f"  {row.change.upper():8} {row.rule_id}: {_brief(row.base)} → {_brief(row.other)}"
            )
            for before, after in row.changed_parameters:
                lines.append(
                    f"           {after.key}: {before.value} ({before.layer}) → {after.value} "
                    f"({after.layer}, {after.dated.citation.document.number} {after.dated.citation.article})"
                )
        same = len(self.of("same"))
        lines.append(f"  {same} rule(s) answer the same")
        return "\n".join(lines)


def _brief(result: Result | None) -> str:
    if result is None:
        return "—"
    text = result.status.value
    if result.amount is not None:
        text += f" {result.amount}"
    if result.shares:
        text += " [" + ", ".join(f"{s.role} {s.amount}" for s in result.shares) + "]"
    return text


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


# --------------------------------------------------------------------------- loading


class _LayerPlugin:
    """Adapts a :class:`Layer` object to the hook, so ``load`` accepts layers directly."""

    def __init__(self, layer: Layer) -> None:
        self.layer = layer
        self.__name__ = layer.code

    @hookspecs.hookimpl
    def innovpolicy_layer(self) -> Layer:
        return self.layer


def _collect_layers(
    plugins: Iterable[object] | None, extra_plugins: Iterable[object] = ()
) -> dict[str, tuple[str, Layer]]:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    if plugins is None:
        try:
            manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:  # a broken plugin must fail loudly, naming itself
            raise PluginError(_failing_entry_point(exc), f"could not be loaded: {exc!r}") from exc
    for index, given in enumerate((*(plugins or ()), *extra_plugins)):
        if given is not None:
            plugin = _LayerPlugin(given) if isinstance(given, Layer) else given
            name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}#{index}"
            try:
                manager.register(plugin, name=name)
            except Exception as exc:
                raise PluginError(name, f"could not be registered: {exc}") from exc
    layers: dict[str, tuple[str, Layer]] = {}
    for impl in manager.hook.innovpolicy_layer.get_hookimpls():
        name = impl.plugin_name
        try:
            layer = impl.function()
        except Exception as exc:
            raise PluginError(name, f"innovpolicy_layer() raised {exc!r}") from exc
        if not isinstance(layer, Layer):
            raise PluginError(
                name, f"innovpolicy_layer() returned {type(layer).__name__}, not Layer"
            )
        if layer.code in layers:
            raise PluginError(
                name,
                f"jurisdiction code {layer.code!r} is also provided by {layers[layer.code][0]!r}",
            )
        layers[layer.code] = (name, layer)
    return layers


def _failing_entry_point(exc: BaseException) -> str:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception:
            return ep.name
    return ENTRY_POINT_GROUP


def _ancestry(code: str, layers: Mapping[str, tuple[str, Layer]]) -> list[Layer]:
    chain: list[Layer] = []
    seen: list[str] = []
    current: str | None = code
    while current is not None:
        if current in seen:
            cycle = " -> ".join([*seen, current])
            raise PluginError(layers[code][0], f"parent cycle: {cycle}")
        seen.append(current)
        entry = layers.get(current)
        if entry is None:
            child = seen[-2]
            raise PluginError(
                layers[child][0], f"jurisdiction {child!r} names unknown parent {current!r}"
            )
        chain.append(entry[1])
        current = entry[1].parent
    chain.reverse()
    return chain


def validate_layers(layers: Mapping[str, tuple[str, Layer]]) -> None:
    """Check a whole plugin set; raise :class:`PluginError` naming the first bad plugin."""
    for code in layers:
        chain = _ancestry(code, layers)
        _validate_layer(chain, layers[code][0])


def _validate_layer(chain: list[Layer], plugin: str) -> None:
    layer = chain[-1]
    ancestors = chain[:-1]
    known_docs = {doc.key: doc for ancestor in chain for doc in ancestor.documents}
    own_keys = [doc.key for doc in layer.documents]
    if len(own_keys) != len(set(own_keys)):
        raise PluginError(plugin, "a document key is declared twice")
    parent_params: dict[str, Parameter] = {}
    for ancestor in ancestors:
        for parameter in (*ancestor.parameters, *ancestor.overrides):
            parent_params.setdefault(parameter.key, parameter)
    own_params: set[str] = set()
    for parameter in layer.parameters:
        if parameter.key in parent_params:
            raise PluginError(
                plugin,
                f"parameter {parameter.key!r} already exists in a parent layer; "
                "declare it under overrides to replace it in this territory",
            )
        if parameter.key in own_params:
            raise PluginError(plugin, f"parameter {parameter.key!r} is declared twice")
        own_params.add(parameter.key)
    for override in layer.overrides:
        base = parent_params.get(override.key)
        if base is None:
            raise PluginError(
                plugin, f"override of parameter {override.key!r}, which no parent layer defines"
            )
        _check_override_window(plugin, override, base)
        own_params.add(override.key)
    for parameter in (*layer.parameters, *layer.overrides):
        for dated in parameter.values:
            _check_source(
                plugin, f"parameter {parameter.key!r}", dated.citation.document, known_docs
            )
        if parameter.source is not None:
            _check_source(
                plugin, f"parameter {parameter.key!r}", parameter.source.document, known_docs
            )
    parent_rules = {rule.id for ancestor in ancestors for rule in ancestor.rules}
    superseded = {sup.rule_id for sup in layer.supersessions}
    own_rules = {rule.id for rule in layer.rules}
    for sup in layer.supersessions:
        if sup.rule_id not in parent_rules:
            raise PluginError(
                plugin, f"supersedes rule {sup.rule_id!r}, which no parent layer defines"
            )
        if sup.replacement is not None and sup.replacement not in own_rules:
            raise PluginError(
                plugin, f"names {sup.replacement!r} as replacement, but does not define that rule"
            )
        _check_source(plugin, f"supersession of {sup.rule_id!r}", sup.citation.document, known_docs)
    all_params = set(parent_params) | own_params
    for refinement in layer.refinements:
        _check_source(
            plugin, f"refinement of {refinement.role!r}", refinement.citation.document, known_docs
        )
        for payer in refinement.into:
            for key in payer.weight.param_keys():
                if key not in all_params:
                    raise PluginError(plugin, f"refinement uses unknown parameter {key!r}")
    by_id: dict[str, list[Rule]] = {}
    for rule in layer.rules:
        if rule.id in parent_rules and rule.id not in superseded:
            raise PluginError(
                plugin,
                f"duplicate catalog id {rule.id!r}: a parent layer already defines it "
                "(declare a Supersession to replace it)",
            )
        _check_source(plugin, f"rule {rule.id!r}", rule.citation.document, known_docs)
        for key in rule.param_keys():
            if key not in all_params:
                raise PluginError(plugin, f"rule {rule.id!r} uses unknown parameter {key!r}")
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id, versions in by_id.items():
        ordered = sorted(versions, key=lambda r: r.valid_from)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise PluginError(
                    plugin,
                    f"duplicate catalog id {rule_id!r}: versions {earlier.window()} and "
                    f"{later.window()} overlap",
                )


def _check_source(plugin: str, what: str, document: Any, known: Mapping[str, Any]) -> None:
    if known.get(document.key) != document:
        raise PluginError(
            plugin,
            f"{what} cites source {document.key!r} ({document.number}), which is not among the "
            "documents this layer or its parents declare",
        )


def _check_override_window(plugin: str, override: Parameter, base: Parameter) -> None:
    start, end = base.first_date, base.last_date
    if start is None:
        return  # the parent declares the quantity without a value: any window may set it
    for dated in override.values:
        after_end = end is not None and (dated.valid_to is None or dated.valid_to > end)
        if dated.valid_from < start or after_end:
            raise PluginError(
                plugin,
                f"override of {override.key!r} in force {dated.window()} falls outside the "
                f"overridden value's window {start}..{end or 'open'}",
            )


def available(
    plugins: Iterable[object] | None = None, *, extra_plugins: Iterable[object] = ()
) -> tuple[str, ...]:
    """Codes of every jurisdiction the installed (or given) plugins provide."""
    return tuple(_collect_layers(plugins, extra_plugins))


def load(
    code: str,
    *,
    plugins: Iterable[object] | None = None,
    extra_plugins: Iterable[object] = (),
) -> Jurisdiction:
    """Load jurisdiction *code* with all its parent layers.

    Plugins are discovered through the ``innovpolicy`` entry-point group, or,
    when *plugins* is given, taken only from it (modules or objects with an
    ``innovpolicy_layer`` hook, or :class:`Layer` objects themselves). *extra_plugins* are added to either set, which
    is how a plugin under development is tried against the installed ones.
    The whole plugin set is validated; a bad plugin raises :class:`PluginError`
    naming it.
    """
    layers = _collect_layers(plugins, extra_plugins)
    validate_layers(layers)
    if code not in layers:
        raise UnknownJurisdictionError(code, tuple(layers))
    return Jurisdiction(_ancestry(code, layers))


__all__ = ["Comparison", "Jurisdiction", "PreparedFacts", "available", "load"]
