"""Loading jurisdiction plugins: entry points, layer collection, load-time validation."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

import pluggy

from . import hookspecs
from ._jurisdiction import Jurisdiction
from ._params import Parameter
from ._rules import Layer, Rule
from .exceptions import PluginError, UnknownJurisdictionError

ENTRY_POINT_GROUP = "innovpolicy"


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


__all__ = ["ENTRY_POINT_GROUP", "available", "load", "validate_layers"]
