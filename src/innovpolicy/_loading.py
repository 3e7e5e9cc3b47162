"""Loading jurisdiction plugins: entry points, layer collection, load-time validation."""

from __future__ import annotations

import importlib
import itertools
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pluggy

from . import hookspecs
from ._checks import check_layer_data
from ._jurisdiction import Jurisdiction
from ._params import Parameter
from ._rules import Layer, Rule
from ._values import in_library_context
from .exceptions import InvalidArgumentError, PluginError, UnknownJurisdictionError

ENTRY_POINT_GROUP = "innovpolicy"


def entry_points(*, group: str) -> Any:
    """The installed entry points of *group* (importlib.metadata, imported on first load:
    ``import innovpolicy`` does not pay for it, ``load`` does, once)."""
    from importlib.metadata import entry_points as installed

    return installed(group=group)


class _LayerPlugin:
    """Adapts a :class:`Layer` object to the hook, so ``load`` accepts layers directly."""

    def __init__(self, layer: Layer) -> None:
        self.layer = layer
        self.__name__ = layer.code

    @hookspecs.hookimpl
    def innovpolicy_layer(self) -> Layer:
        return self.layer


_Collected = tuple[dict[str, tuple[str, Layer]], dict[str, PluginError]]


def _is_layer_file(given: object) -> bool:
    return isinstance(given, os.PathLike) or (isinstance(given, str) and given.endswith(".toml"))


def _layer_of(name: str, plugin: object) -> Layer:
    """The layer one plugin contributes; every mistake raises :class:`PluginError` naming it.

    Each plugin gets its own plugin manager, so a wrong hook signature or a misspelt
    hook blames that plugin and nothing else.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    try:
        manager.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        raise PluginError(name, f"invalid hook: {exc}", reason_zh=f"钩子无效：{exc}") from exc
    except Exception as exc:
        raise PluginError(
            name, f"could not be registered: {exc}", reason_zh=f"无法注册：{exc}"
        ) from exc
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(
            name,
            f"unknown hook (misspelt?): {exc}; the only hook is innovpolicy_layer()",
            reason_zh=f"未知的钩子（拼写错误？）：{exc}；唯一的钩子是 innovpolicy_layer()",
        ) from exc
    impls = manager.hook.innovpolicy_layer.get_hookimpls()
    if not impls:
        stray = sorted(
            attr
            for attr in dir(plugin)
            if attr.startswith("innovpolicy_") and callable(getattr(plugin, attr, None))
        )
        hint = (
            f"; found {', '.join(stray)} — a hook must be named innovpolicy_layer and marked "
            "with @innovpolicy.hookimpl"
            if stray
            else "; define innovpolicy_layer() marked with @innovpolicy.hookimpl"
        )
        hint_zh = (
            f"；找到的是 {', '.join(stray)}——钩子必须命名为 innovpolicy_layer 并用 "
            "@innovpolicy.hookimpl 标记"
            if stray
            else "；请定义 innovpolicy_layer() 并用 @innovpolicy.hookimpl 标记"
        )
        raise PluginError(
            name,
            "has no innovpolicy_layer hook" + hint,
            reason_zh="没有 innovpolicy_layer 钩子" + hint_zh,
        )
    try:
        layer = impls[0].function()
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(
            name,
            f"innovpolicy_layer() raised {exc!r}",
            reason_zh=f"innovpolicy_layer() 抛出了 {exc!r}",
        ) from exc
    if not isinstance(layer, Layer):
        raise PluginError(
            name,
            f"innovpolicy_layer() returned {type(layer).__name__}, not Layer",
            reason_zh=f"innovpolicy_layer() 返回的是 {type(layer).__name__}，而不是 Layer",
        )
    return layer


def _plugin_of(index: int, given: object) -> tuple[str, object]:
    """A name and a hook-bearing object for one item of ``plugins``/``extra_plugins``."""
    if isinstance(given, Layer):
        return given.code, _LayerPlugin(given)
    if _is_layer_file(given):
        from ._toml_layers import layer_from_toml

        layer = layer_from_toml(given)
        return layer.code, _LayerPlugin(layer)
    if isinstance(given, str):
        try:
            module = importlib.import_module(given)
        except Exception as exc:
            raise PluginError(
                given, f"could not be imported: {exc!r}", reason_zh=f"无法导入：{exc!r}"
            ) from exc
        return given, module
    name = getattr(given, "__name__", None) or f"{type(given).__name__}#{index}"
    return name, given


def _collect(
    plugins: Iterable[object] | None,
    extra_plugins: Iterable[object] = (),
    stacked: Iterable[object] = (),
    base: str | None = None,
) -> tuple[dict[str, tuple[str, Layer]], dict[str, PluginError], str | None]:
    """Every layer the plugins provide, and the error of every broken plugin.

    A broken plugin is recorded, not raised, so it fails only the loads that need it.
    *stacked* layers (files or Layer objects) are put on top of *base* in order; the
    code of the top one is returned.
    """
    found: list[tuple[str, object]] = []
    broken: dict[str, PluginError] = {}
    if plugins is None:
        seen: set[tuple[str, str]] = set()
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if (ep.name, ep.value) in seen:
                continue
            seen.add((ep.name, ep.value))
            try:
                found.append((ep.name, ep.load()))
            except Exception as exc:
                broken[ep.name] = PluginError(
                    ep.name, f"could not be loaded: {exc!r}", reason_zh=f"无法加载：{exc!r}"
                )
    for index, given in enumerate((*(plugins or ()), *extra_plugins)):
        if given is None:
            continue
        try:
            found.append(_plugin_of(index, given))
        except PluginError as exc:
            broken[exc.plugin] = exc
    layers: dict[str, tuple[str, Layer]] = {}
    duplicates: dict[str, list[str]] = {}
    for name, plugin in found:
        try:
            layer = _layer_of(name, plugin)
        except PluginError as exc:
            broken[name] = exc
            continue
        if layer.code in layers:
            duplicates.setdefault(layer.code, [layers[layer.code][0]]).append(name)
            continue
        layers[layer.code] = (name, layer)
    for code, names in duplicates.items():
        del layers[code]
        for name in names:
            others = [repr(other) for other in names if other != name]
            broken[name] = PluginError(
                name,
                f"jurisdiction code {code!r} is also provided by " + ", ".join(others),
                reason_zh=f"辖区代码 {code!r} 也由 {'、'.join(others)} 提供",
            )
    return layers, broken, _stack(layers, broken, stacked, base)


def _stack(
    layers: dict[str, tuple[str, Layer]],
    broken: dict[str, PluginError],
    stacked: Iterable[object],
    base: str | None,
) -> str | None:
    """Put the *stacked* layers on top of *base* in order; the code of the top one."""
    top = base
    for index, given in enumerate(stacked):
        layer = _stacked_layer(given, top, index)
        # an explicitly stacked layer takes the place of an installed one with its code
        # (the file being edited wins over the installed copy)
        broken.pop(layer.code, None)
        layers[layer.code] = (str(given) if _is_layer_file(given) else layer.code, layer)
        top = layer.code
    return top


def _collect_chain(
    code: str, extra_plugins: Iterable[object] = ()
) -> dict[str, tuple[str, Layer]] | None:
    """The layers of *code* and its parents, importing only the plugins on that chain.

    Installed plugins are found by entry-point name: the entry point named *code* is
    loaded, then the one named by its layer's ``parent``, and so on up to the root (the
    names of the installed plugins are their codes). ``None`` means "collect every
    plugin instead", which gives the full answer and the full error whenever anything is
    off on the way: no entry point or several named by a code on the chain, a plugin that
    fails to import or returns a layer of another code, a broken extra plugin, an extra
    plugin providing an installed code, a parent cycle. Plugins off the chain are not
    imported, so a broken one cannot affect this load (``available()`` and
    ``innovpolicy jurisdictions`` still import and check every one).
    """
    layers: dict[str, tuple[str, Layer]] = {}
    for index, given in enumerate(extra_plugins):
        if given is None:
            continue
        try:
            name, plugin = _plugin_of(index, given)
            layer = _layer_of(name, plugin)
        except PluginError:
            return None
        if layer.code in layers:
            return None
        layers[layer.code] = (name, layer)
    installed: dict[str, dict[str, Any]] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        installed.setdefault(ep.name, {})[ep.value] = ep
    if not installed.keys().isdisjoint(layers):
        return None
    seen: set[str] = set()
    current: str | None = code
    while current is not None:
        if current in seen:
            return None  # a parent cycle, which the full collection reports
        seen.add(current)
        entry = layers.get(current)
        if entry is None:
            candidates = installed.get(current, {})
            if len(candidates) != 1:
                return None
            (ep,) = candidates.values()
            try:
                entry = (ep.name, _layer_of(ep.name, ep.load()))
            except Exception:
                return None
            if entry[1].code != current:
                return None
            layers[current] = entry
        current = entry[1].parent
    return layers


def _given_name(index: int, given: object) -> str:
    if isinstance(given, Layer):
        return given.code
    if isinstance(given, str):
        return given
    if isinstance(given, os.PathLike):
        return str(given)
    return getattr(given, "__name__", None) or f"{type(given).__name__}#{index}"


def _stacked_layer(given: object, parent: str | None, index: int) -> Layer:
    if isinstance(given, Layer):
        layer = given
    elif _is_layer_file(given):
        from ._toml_layers import layer_from_toml

        layer = layer_from_toml(given, parent=parent)
    else:
        raise PluginError(
            f"layers[{index}]",
            f"expected a path to a .toml layer file or a Layer, got {type(given).__name__}",
            reason_zh=f"应为 .toml 层文件的路径或 Layer，实际为 {type(given).__name__}",
        )
    if layer.parent != parent:
        raise PluginError(
            layer.code,
            f"is stacked on {parent!r} but names {layer.parent!r} as its parent",
            reason_zh=f"叠加在 {parent!r} 之上，却写明上级是 {layer.parent!r}",
        )
    return layer


def _ancestry(
    code: str,
    layers: Mapping[str, tuple[str, Layer]],
    broken: Mapping[str, PluginError] | None = None,
) -> list[Layer]:
    chain: list[Layer] = []
    seen: list[str] = []
    current: str | None = code
    while current is not None:
        if current in seen:
            cycle = " -> ".join([*seen, current])
            raise PluginError(
                layers[code][0], f"parent cycle: {cycle}", reason_zh=f"上级关系成环：{cycle}"
            )
        seen.append(current)
        entry = layers.get(current)
        if entry is None:
            child = seen[-2]
            if broken and current in broken:
                raise PluginError(
                    layers[child][0],
                    f"its parent {current!r} is broken: {broken[current]}",
                    reason_zh=f"它的上级 {current!r} 有错误：{broken[current].message('zh')}",
                ) from broken[current]
            raise PluginError(
                layers[child][0],
                f"jurisdiction {child!r} names unknown parent {current!r}",
                reason_zh=f"辖区 {child!r} 写明的上级 {current!r} 不存在",
            )
        chain.append(entry[1])
        current = entry[1].parent
    chain.reverse()
    return chain


def validate_layers(layers: Mapping[str, tuple[str, Layer]]) -> None:
    """Check a whole plugin set; raise :class:`PluginError` naming the first bad plugin."""
    for code in layers:
        _validate_chain(_ancestry(code, layers), layers)


def _validate_chain(chain: list[Layer], layers: Mapping[str, tuple[str, Layer]]) -> None:
    """Validate every layer of *chain* against its own parents (root first)."""
    kept: dict[int, tuple[Rule, tuple[str, ...]]] = {}

    def rule_keys(rule: Rule) -> tuple[str, ...]:
        """``rule.param_keys()``, walked once for both checks (the rules live on meanwhile)."""
        found = kept.get(id(rule))
        if found is None or found[0] is not rule:
            found = kept[id(rule)] = (rule, rule.param_keys())
        return found[1]

    for depth in range(1, len(chain) + 1):
        sub = chain[:depth]
        plugin = layers[sub[-1].code][0] if sub[-1].code in layers else sub[-1].code
        _validate_layer(sub, plugin, rule_keys)
        check_layer_data(sub, plugin, rule_keys)


def _validate_layer(
    chain: list[Layer],
    plugin: str,
    rule_keys: Callable[[Rule], tuple[str, ...]] = Rule.param_keys,
) -> None:
    layer = chain[-1]
    ancestors = chain[:-1]
    known_docs = {doc.key: doc for ancestor in chain for doc in ancestor.documents}
    own_keys = [doc.key for doc in layer.documents]
    if len(own_keys) != len(set(own_keys)):
        raise PluginError(
            plugin, "a document key is declared twice", reason_zh="同一个文件键声明了两次"
        )
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
                reason_zh=f"参数 {parameter.key!r} 已在上级层中存在；要在本辖区替换它，"
                "请在 overrides 下声明",
            )
        if parameter.key in own_params:
            raise PluginError(
                plugin,
                f"parameter {parameter.key!r} is declared twice",
                reason_zh=f"参数 {parameter.key!r} 声明了两次",
            )
        own_params.add(parameter.key)
    for override in layer.overrides:
        base = parent_params.get(override.key)
        if base is None:
            raise PluginError(
                plugin,
                f"override of parameter {override.key!r}, which no parent layer defines",
                reason_zh=f"覆盖了参数 {override.key!r}，但没有任何上级层定义它",
            )
        _check_override_window(plugin, override, base)
        own_params.add(override.key)
    for parameter in (*layer.parameters, *layer.overrides):
        for dated in parameter.values:
            document = dated.citation.document
            if known_docs.get(document.key) is not document:  # else a call to find out
                _check_source(plugin, _PARAMETER, document, known_docs, parameter.key)
        if parameter.source is not None:
            _check_source(plugin, _PARAMETER, parameter.source.document, known_docs, parameter.key)
    parent_rules = {rule.id for ancestor in ancestors for rule in ancestor.rules}
    superseded = {sup.rule_id for sup in layer.supersessions}
    own_rules = {rule.id for rule in layer.rules}
    for sup in layer.supersessions:
        if sup.rule_id not in parent_rules:
            raise PluginError(
                plugin,
                f"supersedes rule {sup.rule_id!r}, which no parent layer defines",
                reason_zh=f"替代了规则 {sup.rule_id!r}，但没有任何上级层定义它",
            )
        if sup.replacement is not None and sup.replacement not in own_rules:
            raise PluginError(
                plugin,
                f"names {sup.replacement!r} as replacement, but does not define that rule",
                reason_zh=f"写明由 {sup.replacement!r} 替代，但本层没有定义该规则",
            )
        _check_source(
            plugin,
            (f"supersession of {sup.rule_id!r}", f"对规则 {sup.rule_id!r} 的替代"),
            sup.citation.document,
            known_docs,
        )
    all_params = set(parent_params) | own_params
    for refinement in layer.refinements:
        _check_source(
            plugin,
            (f"refinement of {refinement.role!r}", f"对 {refinement.role!r} 份额的细分"),
            refinement.citation.document,
            known_docs,
        )
        for payer in refinement.into:
            for key in payer.weight.param_keys():
                if key not in all_params:
                    raise PluginError(
                        plugin,
                        f"refinement uses unknown parameter {key!r}",
                        reason_zh=f"份额细分使用了未知的参数 {key!r}",
                    )
    by_id: dict[str, list[Rule]] = {}
    for rule in layer.rules:
        if rule.id in parent_rules and rule.id not in superseded:
            raise PluginError(
                plugin,
                f"duplicate catalog id {rule.id!r}: a parent layer already defines it "
                "(declare a Supersession to replace it)",
                reason_zh=f"目录编号 {rule.id!r} 重复：上级层已经定义了它（要替换它，请声明 "
                "Supersession）",
            )
        document = rule.citation.document
        if known_docs.get(document.key) is not document:  # else a call to find out
            _check_source(plugin, _RULE, document, known_docs, rule.id)
        for key in rule_keys(rule):
            if key not in all_params:
                raise PluginError(
                    plugin,
                    f"rule {rule.id!r} uses unknown parameter {key!r}",
                    reason_zh=f"规则 {rule.id!r} 使用了未知的参数 {key!r}",
                )
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id, versions in by_id.items():
        if len(versions) == 1:
            continue  # one version cannot overlap another
        ordered = sorted(versions, key=lambda r: r.valid_from)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise PluginError(
                    plugin,
                    f"duplicate catalog id {rule_id!r}: versions {earlier.window()} and "
                    f"{later.window()} overlap",
                    reason_zh=f"目录编号 {rule_id!r} 重复：版本 {earlier.window('zh')} 与 "
                    f"{later.window('zh')} 的有效期重叠",
                )


#: what cites a source, in English and Chinese, before its name (``parameter 'x'``)
_PARAMETER = ("parameter", "参数")
_RULE = ("rule", "规则")


def _check_source(
    plugin: str,
    what: tuple[str, str],
    document: Any,
    known: Mapping[str, Any],
    name: str | None = None,
) -> None:
    """*what* (in English and Chinese, followed by *name* if given) cites a document this
    layer or its parents declare. The text is made only for the error."""
    found = known.get(document.key)
    if found is not document and found != document:
        if name is not None:
            what = (f"{what[0]} {name!r}", f"{what[1]} {name!r}")
        raise PluginError(
            plugin,
            f"{what[0]} cites source {document.key!r} ({document.number}), which is not among "
            "the documents this layer or its parents declare",
            reason_zh=f"{what[1]}引用的文件 {document.key!r}（{document.number}）不在本层及其上级"
            "层声明的文件之中",
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
                reason_zh=f"{override.key!r} 的覆盖值有效期 {dated.window('zh')} 超出了被覆盖取值的"
                f"有效期 {start}..{end or '不限'}",
            )


@in_library_context
def available(
    plugins: Iterable[object] | None = None, *, extra_plugins: Iterable[object] = ()
) -> tuple[str, ...]:
    """Codes of every jurisdiction the installed (or given) plugins provide.

    A broken plugin is left out (see ``innovpolicy jurisdictions``, which names it and
    says why); it never hides the others.
    """
    layers, _broken, _top = _collect(plugins, extra_plugins)
    return tuple(layers)


@in_library_context
def plugin_problems(
    plugins: Iterable[object] | None = None, *, extra_plugins: Iterable[object] = ()
) -> dict[str, str]:
    """Every broken plugin or jurisdiction of the set, with the reason (empty if none)."""
    layers, broken, _top = _collect(plugins, extra_plugins)
    problems = {name: str(error) for name, error in broken.items()}
    for code in layers:
        try:
            _validate_chain(_ancestry(code, layers, broken), layers)
        except PluginError as exc:
            problems.setdefault(code, str(exc))
    return problems


@in_library_context  # plugins compute their parameters as they are imported
def load(
    code: str,
    *,
    plugins: Iterable[object] | None = None,
    extra_plugins: Iterable[object] = (),
    layers: Iterable[object] = (),
) -> Jurisdiction:
    """Load jurisdiction *code* with all its parent layers.

    Plugins are discovered through the ``innovpolicy`` entry-point group, or,
    when *plugins* is given, taken only from it. A plugin is a module (or its
    importable name, a string), an object with an ``innovpolicy_layer`` hook, a
    :class:`Layer`, or a path to a declarative ``.toml`` layer file. Of the installed
    plugins, only those on the requested chain are imported (the entry point named
    *code*, then the one named by its layer's parent, and so on); if anything on that
    chain is amiss, every plugin is imported, to find the layer elsewhere or to report
    the fault.
    *extra_plugins* are added to either set, which is how a plugin under
    development is tried against the installed ones.

    *layers* (paths to ``.toml`` layer files, or :class:`Layer` objects) are
    stacked on top of *code* in order, and the top one is returned:
    ``load("xining", layers=["datong.toml"])`` is Datong County on Xining.

    The layers of the requested jurisdiction and its parents are validated; a bad
    one raises :class:`PluginError` (or a subclass) naming the plugin and, where
    relevant, the layer, rule, parameter and fact. A broken plugin that the
    requested jurisdiction does not need does not prevent loading it.
    """
    if not isinstance(code, str):
        raise InvalidArgumentError("code", code, "a jurisdiction code is a string such as 'xining'")
    if isinstance(layers, (str, bytes)):
        layers = (layers,)
    stacked = tuple(layers)
    extra_plugins = tuple(extra_plugins)
    chain_only = None if plugins is not None else _collect_chain(code, extra_plugins)
    if chain_only is not None:
        found, broken = chain_only, dict[str, PluginError]()
        top = _stack(found, broken, stacked, code)
    else:
        found, broken, top = _collect(plugins, extra_plugins, stacked, code)
    given = {_given_name(i, p) for i, p in enumerate((*(plugins or ()), *extra_plugins))}
    for name, error in broken.items():
        if name in given:
            raise error  # a plugin the caller passed explicitly must work
    target = top if top is not None else code
    if target not in found:
        if target in broken:
            raise broken[target]
        for name, error in broken.items():
            if name == target or error.plugin == target:
                raise error
        hint = tuple(found) + tuple(f"{name} (broken)" for name in broken)
        raise UnknownJurisdictionError(target, hint)
    chain = _ancestry(target, found, broken)
    _validate_chain(chain, found)
    return Jurisdiction(chain)


__all__ = ["ENTRY_POINT_GROUP", "available", "load", "plugin_problems", "validate_layers"]
