"""Every exception innovpolicy raises on purpose.

Each one subclasses the built-in exception it resembles, so callers that already
catch ``ValueError`` or ``LookupError`` keep working, and every one also subclasses
:class:`InnovPolicyError` so a caller can catch them all at once.
"""

from __future__ import annotations

import reprlib
from typing import Any

__all__ = [
    "InnovPolicyError",
    "InvalidArgumentError",
    "InvalidFactError",
    "LayerError",
    "LayerFileError",
    "NoValueInForceError",
    "ParameterNotSetError",
    "PluginError",
    "RuleNotInForceError",
    "UnknownFactError",
    "UnknownJurisdictionError",
    "UnknownParameterError",
    "UnknownRuleError",
]


class _ShortRepr(reprlib.Repr):
    """A repr that stays short and never recurses deeply or converts a huge int."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = 60
        self.maxother = 60
        self.maxlong = 40

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 256:  # repr() of a 5,000-digit int raises, of a bigger one stalls
            return f"<int of {x.bit_length()} bits>"
        return super().repr_int(x, level)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            return super().repr_instance(x, level)
        except Exception:
            return f"<{type(x).__name__} object>"


_short = _ShortRepr()


def short_repr(value: object) -> str:
    """``repr(value)``, bounded in length and nesting depth (safe for any input)."""
    try:
        return _short.repr(value)
    except Exception:  # a hostile __repr__, a RecursionError in a custom container
        return f"<{type(value).__name__} object>"


class InnovPolicyError(Exception):
    """Base class of every error raised by innovpolicy."""

    def message(self, lang: str = "en") -> str:
        """This error's message in *lang* (``en`` or ``zh``): the CLI's ``--lang zh`` and
        the HTTP service's ``Accept-Language: zh`` show it. Parts the library has no
        Chinese for (a plugin author's own texts) stay in English."""
        if lang != "en":
            from ._i18n import check_lang

            check_lang(lang)
            chinese = self._chinese()
            if chinese:
                return chinese
        return str(self)

    def _chinese(self) -> str:
        return ""


def _reason_zh(reason: str) -> str:
    from ._i18n import reason as translated

    return translated(reason, "zh")


class InvalidFactError(InnovPolicyError, ValueError):
    """A fact the caller supplied has a wrong type or an impossible value.

    ``field`` names the fact and ``value`` is what was passed, so a form can point
    at the offending input.
    """

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        shown = field if isinstance(field, str) and len(field) <= 120 else short_repr(field)
        super().__init__(f"{shown}={short_repr(value)}: {reason}")

    def _chinese(self) -> str:
        shown = (
            self.field
            if isinstance(self.field, str) and len(self.field) <= 120
            else (short_repr(self.field))
        )
        return f"{shown}={short_repr(self.value)}：{_reason_zh(self.reason)}"


class InvalidArgumentError(InnovPolicyError, TypeError):
    """An argument of a library call has the wrong type (a list given as a rule id).

    ``argument`` names the parameter and ``value`` is what was passed.
    """

    def __init__(self, argument: str, value: Any, reason: str) -> None:
        self.argument = argument
        self.value = value
        self.reason = reason
        super().__init__(f"{argument}={short_repr(value)}: {reason}")

    def _chinese(self) -> str:
        return f"{self.argument}={short_repr(self.value)}：{_reason_zh(self.reason)}"


class UnknownFactError(InvalidFactError):
    """A facts mapping holds a name that no rule or entity declares.

    Raised rather than ignored: a misspelt fact would otherwise be silently
    treated as missing and turn a decidable answer into "undetermined".
    """


def _close_matches(word: str, known: list[str] | tuple[str, ...]) -> list[str]:
    """The three known words closest to *word* (difflib is imported only when asked)."""
    import difflib

    return difflib.get_close_matches(word, known, n=3)


class UnknownRuleError(InnovPolicyError, KeyError):
    """No rule with this catalog id exists in the loaded jurisdiction.

    ``suggestions`` holds the closest known ids (by spelling), best first.
    """

    def __init__(self, rule_id: str, jurisdiction: str, known: tuple[str, ...] = ()) -> None:
        self.rule_id = rule_id
        self.jurisdiction = jurisdiction
        self.suggestions: tuple[str, ...] = ()
        if isinstance(rule_id, str) and len(rule_id) <= 200:
            self.suggestions = tuple(_close_matches(rule_id.upper(), [k.upper() for k in known]))
            by_upper = {k.upper(): k for k in known}
            self.suggestions = tuple(by_upper[s] for s in self.suggestions)
        if self.suggestions:
            hint = f"; did you mean {', '.join(self.suggestions)}?"
        elif known:
            hint = f"; {len(known)} ids are known (Jurisdiction.rule_ids() lists them)"
        else:
            hint = ""
        super().__init__(
            f"rule_id={short_repr(rule_id)}: no such rule in jurisdiction {jurisdiction!r}{hint}"
        )
        self._known = len(known)

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])

    def _chinese(self) -> str:
        if self.suggestions:
            hint = f"；是否指 {'、'.join(self.suggestions)}？"
        elif self._known:
            hint = f"；已知 {self._known} 条规则（Jurisdiction.rule_ids() 列出）"
        else:
            hint = ""
        return (
            f"rule_id={short_repr(self.rule_id)}：辖区 {self.jurisdiction!r} 中没有这条规则{hint}"
        )


class UnknownParameterError(InnovPolicyError, KeyError):
    """No layer of the jurisdiction defines a parameter with this key."""

    def __init__(self, key: str, jurisdiction: str, known: tuple[str, ...] = ()) -> None:
        self.key = key
        self.jurisdiction = jurisdiction
        close = _close_matches(key, known) if isinstance(key, str) and len(key) <= 200 else []
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        super().__init__(
            f"parameter {short_repr(key)} is not defined in jurisdiction {jurisdiction!r}{hint}"
        )
        self._close = tuple(close)

    def _chinese(self) -> str:
        hint = f"；是否指 {'、'.join(self._close)}？" if self._close else ""
        return f"辖区 {self.jurisdiction!r} 中没有定义参数 {short_repr(self.key)}{hint}"

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class NoValueInForceError(InnovPolicyError, LookupError):
    """A dated parameter has no value in force on the requested date."""

    def __init__(self, key: str, on: object, windows: str) -> None:
        self.key = key
        self.on = on
        self.windows = windows
        super().__init__(
            f"parameter {key!r} has no value in force on {on}; it is defined for {windows}"
        )

    def _chinese(self) -> str:
        return f"参数 {self.key!r} 在 {self.on} 没有有效取值；其有效期为 {self.windows}"


class RuleNotInForceError(InnovPolicyError, LookupError):
    """Raised by ``evaluate(..., strict=True)`` for a rule not in force on the date.

    Without ``strict`` the same situation is reported as the status
    ``Status.NOT_IN_FORCE`` of the result.
    """

    def __init__(self, rule_id: str, on: object, reason: str) -> None:
        self.rule_id = rule_id
        self.on = on
        self.reason = reason
        super().__init__(f"rule {rule_id!r} is not in force on {on}: {reason}")

    def _chinese(self) -> str:
        return f"规则 {self.rule_id!r} 在 {self.on} 未生效或已失效：{self.reason}"


class PluginError(InnovPolicyError, RuntimeError):
    """A jurisdiction plugin, or the set of installed plugins, is invalid.

    ``plugin`` names the plugin (its entry-point name or its jurisdiction code).
    """

    def __init__(self, plugin: str, reason: str, *, reason_zh: str = "") -> None:
        self.plugin = plugin
        self.reason = reason
        #: the reason in Chinese, where the library has it ("" otherwise)
        self.reason_zh = reason_zh
        super().__init__(f"plugin {plugin!r}: {reason}")

    def _chinese(self) -> str:
        return f"插件 {self.plugin!r}：{self.reason_zh}" if self.reason_zh else ""


class UnknownJurisdictionError(InnovPolicyError, LookupError):
    """No installed plugin provides the requested jurisdiction code."""

    def __init__(self, code: str, available: tuple[str, ...]) -> None:
        self.code = code
        self.available = available
        known = ", ".join(available) if available else "none (is a plugin installed?)"
        super().__init__(
            f"jurisdiction={short_repr(code)}: no plugin provides it; available: {known}"
        )

    def _chinese(self) -> str:
        known = "、".join(self.available) if self.available else "无（是否安装了插件？）"
        return f"jurisdiction={short_repr(self.code)}：没有插件提供该辖区；可用的辖区：{known}"


class ParameterNotSetError(NoValueInForceError):
    """A parameter the source names but does not give has not been set by any layer.

    Rules using it answer "undetermined" with this message as the reason; asking
    :meth:`Jurisdiction.parameter` for it raises this error.
    """

    def __init__(self, key: str, reason: str) -> None:
        self.key = key
        self.on = None
        self.unset_reason = reason
        LookupError.__init__(
            self,
            f"parameter {key!r} has no value: {reason}; a deployment supplies it in a layer's overrides",
        )

    def _chinese(self) -> str:
        return (
            f"参数 {self.key!r} 没有取值：{self.unset_reason}；由部署方在某一层的 overrides 中给出"
        )


class LayerError(PluginError):
    """A layer's data is invalid; names the plugin and, where relevant, the layer,
    rule, parameter and fact concerned (each also an attribute, ``""`` when not relevant).
    """

    def __init__(
        self,
        plugin: str,
        reason: str,
        *,
        layer: str = "",
        rule: str = "",
        parameter: str = "",
        fact: str = "",
        reason_zh: str = "",
    ) -> None:
        self.layer = layer
        self.rule = rule
        self.parameter = parameter
        self.fact = fact
        self.plugin = plugin  # (set again by PluginError; _where needs it first)
        where = ", ".join(
            f"{label} {value!r}"
            for label, value in self._where(("layer", "rule", "parameter", "fact"))
        )
        super().__init__(plugin, (where + ": " if where else "") + reason, reason_zh=reason_zh)

    def _where(self, labels: tuple[str, str, str, str]) -> list[tuple[str, str]]:
        """The places named (layer unless it is the plugin itself, rule, parameter, fact)."""
        values = (self.layer, self.rule, self.parameter, self.fact)
        return [
            (label, value)
            for label, value, own in zip(labels, values, ("layer", "", "", ""), strict=True)
            if value and not (own and value == self.plugin)
        ]

    def _chinese(self) -> str:
        if not self.reason_zh:
            return ""
        where = "，".join(
            f"{label} {value!r}" for label, value in self._where(("层", "规则", "参数", "事实"))
        )
        return f"插件 {self.plugin!r}：{where + '：' if where else ''}{self.reason_zh}"


class LayerFileError(PluginError):
    """A declarative (TOML) layer file is invalid: names the file and the key path."""

    def __init__(self, path: str, key: str, reason: str, *, reason_zh: str = "") -> None:
        self.path = path
        self.key = key
        super().__init__(
            path,
            f"{key}: {reason}" if key else reason,
            reason_zh=f"{key}：{reason_zh}" if key and reason_zh else reason_zh,
        )
