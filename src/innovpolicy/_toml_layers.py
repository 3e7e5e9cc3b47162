"""Declarative layers: a county or district variant written as one TOML file.

The file gives what a bureau changes most — parameters (each value with its
document, article, quoted wording and dates), rules built from the existing
formula kinds and simple criteria, supersessions and repeals, payer shares, the
territory — and is turned into the same :class:`~innovpolicy.Layer` a Python
plugin returns, so it goes through the same load-time validation. Who can apply
(rule ``subjects``), who pays rules without a split (``level``) and the Chinese of
the labels and fact meanings (``labels_zh``, ``meanings_zh``) are declared as in
Python. Every mistake
found while reading raises :class:`~innovpolicy.exceptions.LayerFileError`
naming the file and the key path (``rules[0].criteria[1].at_least``). The format
is described in docs/county-toml.md.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from . import _amounts as am
from . import _criteria as cr
from . import _i18n
from ._facts import KINDS, Constraint, FactSpec
from ._params import DatedValue, MarginalScale, Parameter
from ._rules import PAYERS, Layer, Rule, ShareRefinement, Supersession
from ._sources import Citation, Document
from .exceptions import LayerFileError

_T = TypeVar("_T")

_TOP_KEYS = {
    "code",
    "name_zh",
    "name_en",
    "parent",
    "territory",
    "documents",
    "facts",
    "parameters",
    "overrides",
    "rules",
    "supersessions",
    "refinements",
    "constraints",
    "level",
    "labels_zh",
    "meanings_zh",
}
_COMPARISONS: dict[str, cr.Op] = {
    "at_least": ">=",
    "more_than": ">",
    "at_most": "<=",
    "less_than": "<",
    "equals": "==",
}
_OPERANDS = ("fact", "prior_year", "years_since", "param", "ratio")


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.documents: dict[str, Document] = {}

    def fail(self, key: str, reason: str, zh: str) -> NoReturn:
        """Stop with *reason* at *key*; *zh* is the same in Chinese (``--lang zh``)."""
        raise LayerFileError(self.source, key, reason, reason_zh=zh)

    # ------------------------------------------------------------ basics

    def table(self, value: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(
                key,
                f"expected a table, got {_kind(value)} {value!r}",
                f"应为表，实际为 {_kind(value)} {value!r}",
            )
        return value

    def only(self, table: Mapping[str, Any], key: str, allowed: set[str]) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.fail(
                f"{key}.{unknown[0]}" if key else unknown[0],
                f"unknown key (expected one of: {', '.join(sorted(allowed))})",
                f"未知的键（应为以下之一：{', '.join(sorted(allowed))}）",
            )

    def get(
        self,
        table: Mapping[str, Any],
        name: str,
        key: str,
        kind: type | tuple[type, ...],
        default: Any = ...,
    ) -> Any:
        here = f"{key}.{name}" if key else name
        if name not in table:
            if default is ...:
                self.fail(here, "is required", "必须给出")
            return default
        value = table[name]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            self.fail(
                here,
                f"expected {_names(kind)}, got {value!r}",
                f"应为{_names(kind, 'zh')}，实际为 {value!r}",
            )
        if not isinstance(value, kind):
            self.fail(
                here,
                f"expected {_names(kind)}, got {_kind(value)} {value!r}",
                f"应为{_names(kind, 'zh')}，实际为 {_kind(value)} {value!r}",
            )
        return value

    def text(self, table: Mapping[str, Any], name: str, key: str, default: Any = ...) -> Any:
        value = self.get(table, name, key, str, default)
        if value is not default and not value.strip():
            self.fail(f"{key}.{name}", "must not be empty", "不能为空")
        return value

    def day(self, table: Mapping[str, Any], name: str, key: str, default: Any = ...) -> Any:
        value = self.get(table, name, key, date, default)
        if isinstance(value, datetime):
            self.fail(
                f"{key}.{name}",
                f"expected a date (YYYY-MM-DD), got a date-time {value}",
                f"应为日期（YYYY-MM-DD），实际为日期时间 {value}",
            )
        return value

    def decimal(self, value: Any, key: str) -> Decimal:
        if isinstance(value, float):
            self.fail(
                key,
                f"TOML floats are binary: write the number as a string ({value!r})",
                f"TOML 浮点数是二进制的，不精确：请把数字写成字符串（{value!r}）",
            )
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            self.fail(
                key,
                f"expected a number written as a string, got {value!r}",
                f"应为写成字符串的数字，实际为 {value!r}",
            )
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.fail(key, f"{value!r} is not a number", f"{value!r} 不是数字")
        if not number.is_finite():
            self.fail(key, f"{value!r} is not a finite number", f"{value!r} 不是有限数值")
        return number

    def strings(self, table: Mapping[str, Any], name: str, key: str) -> tuple[str, ...]:
        values = self.get(table, name, key, list, [])
        for index, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(
                    f"{key}.{name}[{index}]",
                    f"expected text, got {value!r}",
                    f"应为文本，实际为 {value!r}",
                )
        return tuple(values)

    def translations(self, data: Mapping[str, Any], name: str) -> dict[str, str]:
        table = self.get(data, name, "", dict, {})
        result: dict[str, str] = {}
        for english, chinese in table.items():
            here = f'{name}."{english}"'
            if not isinstance(chinese, str) or not chinese.strip():
                self.fail(
                    here,
                    f"expected the Chinese text, got {chinese!r}",
                    f"应为中文文本，实际为 {chinese!r}",
                )
            result[english] = chinese
        return result

    def level(self, data: Mapping[str, Any]) -> str:

        value: str = self.get(data, "level", "", str, "")
        if value and value not in PAYERS:
            self.fail(
                "level",
                f"{value!r} is not one of {', '.join(PAYERS)}",
                f"{value!r} 不是 {'、'.join(PAYERS)} 之一",
            )
        return value

    def guard(self, key: str, build: Callable[[], _T]) -> _T:
        try:
            return build()
        except (TypeError, ValueError) as exc:
            reason = str(exc)
            self.fail(key, reason, _i18n.reason(reason, "zh") if _i18n.has_reason(reason) else "")

    # ------------------------------------------------------------ documents and citations

    def document(self, doc_key: str, raw: Any, key: str) -> Document:
        table = self.table(raw, key)
        self.only(
            table,
            key,
            {
                "number",
                "title_zh",
                "title_en",
                "issuer_zh",
                "effective_from",
                "effective_to",
                "issued",
                "repeals",
                "dates_note",
            },
        )
        return self.guard(
            key,
            lambda: Document(
                key=doc_key,
                number=self.text(table, "number", key),
                title_zh=self.text(table, "title_zh", key),
                title_en=self.text(table, "title_en", key),
                issuer_zh=self.text(table, "issuer_zh", key),
                effective_from=self.day(table, "effective_from", key),
                effective_to=self.day(table, "effective_to", key, None),
                issued=self.day(table, "issued", key, None),
                repeals=self.strings(table, "repeals", key),
                dates_note=self.get(table, "dates_note", key, str, ""),
            ),
        )

    def citation(self, table: Mapping[str, Any], key: str) -> Citation:
        doc_key = self.text(table, "document", key)
        document = self.documents.get(doc_key)
        if document is None:
            known = ", ".join(self.documents) or "none"
            self.fail(
                f"{key}.document",
                f"{doc_key!r} is not a document of this file (declared: {known}); declare it "
                "under [documents.<key>]",
                f"{doc_key!r} 不是本文件声明的文件（已声明：{known}）；请在 [documents.<key>] 下声明",
            )
        article = self.text(table, "article", key)
        wording = self.text(table, "wording", key)
        return self.guard(key, lambda: Citation(document, article, wording))

    # ------------------------------------------------------------ facts and parameters

    def fact(self, name: str, raw: Any, key: str) -> FactSpec:
        table = self.table(raw, key)
        self.only(table, key, {"kind", "meaning", "unit", "minimum", "choices", "yearly"})
        kind = self.text(table, "kind", key)
        if kind not in KINDS:
            self.fail(
                f"{key}.kind",
                f"{kind!r} is not decimal, integer, boolean, date or text",
                f"{kind!r} 不是 decimal、integer、boolean、date 或 text 之一",
            )
        minimum = table.get("minimum")
        return self.guard(
            key,
            lambda: FactSpec(
                name,
                kind,
                self.text(table, "meaning", key),
                self.get(table, "unit", key, str, ""),
                None if minimum is None else self.decimal(minimum, f"{key}.minimum"),
                self.strings(table, "choices", key),
                self.get(table, "yearly", key, bool, False),
            ),
        )

    def dated(
        self, table: Mapping[str, Any], key: str, also: frozenset[str] = frozenset()
    ) -> DatedValue:
        keys = {"value", "scale", "document", "article", "wording", "valid_from", "valid_to"}
        self.only({k: v for k, v in table.items() if k not in also}, key, {*keys, "note", *also})
        citation = self.citation(table, key)
        if ("value" in table) == ("scale" in table):
            self.fail(
                key,
                "give exactly one of value (a number) or scale (a marginal scale)",
                "value（数值）和 scale（超额累进表）必须给出且只给出其中一个",
            )
        value: Decimal | MarginalScale
        if "value" in table:
            value = self.decimal(table["value"], f"{key}.value")
        else:
            rows = self.get(table, "scale", key, list)
            pairs = []
            for index, row in enumerate(rows):
                here = f"{key}.scale[{index}]"
                if not isinstance(row, list) or len(row) != 2:
                    self.fail(here, "each bracket is [threshold, rate]", "每一档写作 [起点, 比例]")
                pairs.append((self.decimal(row[0], here), self.decimal(row[1], here)))
            value = self.guard(f"{key}.scale", lambda: MarginalScale.of(*pairs))
        start = self.day(table, "valid_from", key, citation.document.effective_from)
        end = self.day(table, "valid_to", key, citation.document.effective_to)
        note = self.get(table, "note", key, str, "")
        return self.guard(key, lambda: DatedValue(value, start, citation, end, note))

    def parameter(self, name: str, raw: Any, key: str, override: bool) -> Parameter:
        table = self.table(raw, key)
        meta = {"description", "unit", "values"}
        if "values" in table:
            self.only(table, key, meta)
            rows = self.get(table, "values", key, list)
            values = tuple(
                self.dated(self.table(row, f"{key}.values[{i}]"), f"{key}.values[{i}]")
                for i, row in enumerate(rows)
            )
        else:
            values = (self.dated(table, key, frozenset(meta)),)
        default = ... if not override else ""
        description = self.get(table, "description", key, str, default if override else ...)
        unit = self.get(table, "unit", key, str, default if override else ...)
        return self.guard(
            key, lambda: Parameter(name, description or f"override of {name}", unit, values)
        )

    # ------------------------------------------------------------ expressions

    def operand(self, value: Any, key: str) -> cr.Expr:
        if isinstance(value, date):
            return cr.Const(value)
        if isinstance(value, (int, str, float)) and not isinstance(value, bool):
            return cr.Const(self.decimal(value, key))
        table = self.table(value, key)
        present = [name for name in _OPERANDS if name in table]
        if len(present) != 1:
            self.fail(
                key,
                f"give one of {', '.join(_OPERANDS)} (or a number or a date)",
                f"请给出 {'、'.join(_OPERANDS)} 之一（或一个数字、一个日期）",
            )
        return self.left(table, key, present[0], extra=set())

    def left(self, table: Mapping[str, Any], key: str, name: str, extra: set[str]) -> cr.Expr:
        self.only(table, key, {name, "years_back", *extra})
        if name == "ratio":
            pair = self.get(table, "ratio", key, list)
            if len(pair) != 2:
                self.fail(
                    f"{key}.ratio", "a ratio is [numerator, denominator]", "比例写作 [分子, 分母]"
                )
            return cr.Ratio(
                self.operand(pair[0], f"{key}.ratio[0]"), self.operand(pair[1], f"{key}.ratio[1]")
            )
        target = self.text(table, name, key)
        if name == "fact":
            return cr.Fact(target)
        if name == "prior_year":
            return cr.YearFact(target, self.get(table, "years_back", key, int, 1))
        if name == "years_since":
            return cr.YearsSince(target)
        return cr.Param(target)

    def criterion(self, raw: Any, key: str) -> cr.Criterion:
        table = self.table(raw, key)
        label = self.get(table, "label", key, str, "")
        for group, make in (("all_of", cr.AllOf), ("any_of", cr.AnyOf)):
            if group in table:
                self.only(table, key, {group, "label"})
                parts = self.get(table, group, key, list)
                if not parts:
                    self.fail(f"{key}.{group}", "lists no criterion", "没有列出任何条件")
                return make(
                    tuple(self.criterion(p, f"{key}.{group}[{i}]") for i, p in enumerate(parts)),
                    label or group.replace("_", " "),
                )
        if "not" in table:
            self.only(table, key, {"not", "label"})
            return cr.Not(self.criterion(table["not"], f"{key}.not"), label or "not")
        tests = [name for name in (*_COMPARISONS, "is_true", "one_of") if name in table]
        if len(tests) != 1:
            self.fail(
                key,
                "give exactly one test: "
                + ", ".join((*_COMPARISONS, "is_true", "one_of"))
                + " (or all_of / any_of / not)",
                "必须给出且只给出一种检验："
                + "、".join((*_COMPARISONS, "is_true", "one_of"))
                + "（或 all_of / any_of / not）",
            )
        test = tests[0]
        operands = [name for name in _OPERANDS if name in table]
        if len(operands) != 1:
            self.fail(
                key,
                f"name what is tested with exactly one of {', '.join(_OPERANDS)}",
                f"用 {'、'.join(_OPERANDS)} 中的一个（且只用一个）写明检验的对象",
            )
        wording = self.text(table, "wording", key)
        label = self.text(table, "label", key)
        article = self.get(table, "article", key, str, "")
        common = {"label", "wording", "article", test}
        if test in ("is_true", "one_of"):
            if operands[0] != "fact":
                self.fail(
                    key,
                    f'{test} tests a fact: write fact = "<name>"',
                    f'{test} 检验的是事实：请写 fact = "<事实名>"',
                )
            self.only(table, key, {*common, "fact"})
            name = self.text(table, "fact", key)
            if test == "is_true":
                expected = self.get(table, "is_true", key, bool)
                return cr.FactIs(name, (expected,), label, wording, article)
            choices = self.strings(table, "one_of", key)
            if not choices:
                self.fail(f"{key}.one_of", "lists no value", "没有列出任何取值")
            return cr.FactIs(name, choices, label, wording, article)
        left = self.left(table, key, operands[0], extra={*common, "reading"})
        right = self.operand(table[test], f"{key}.{test}")
        reading = self.get(table, "reading", key, str, "")
        return self.guard(
            key,
            lambda: cr.Compare(left, _COMPARISONS[test], right, label, wording, article, reading),
        )

    def criteria(self, raw: Any, key: str) -> cr.Criterion:
        if isinstance(raw, list):
            if not raw:
                return cr.Always()
            parts = tuple(self.criterion(p, f"{key}[{i}]") for i, p in enumerate(raw))
            return parts[0] if len(parts) == 1 else cr.AllOf(parts, "all of")
        return self.criterion(raw, key)

    # ------------------------------------------------------------ amounts and payers

    def formula(self, raw: Any, key: str) -> am.Formula:
        table = self.table(raw, key)
        kind = self.text(table, "kind", key)
        label = self.get(table, "label", key, str, "")
        wording = self.get(table, "wording", key, str, "")
        common = {"kind", "label", "wording"}
        if kind == "fixed":
            self.only(table, key, {*common, "amount"})
            return am.Fixed(self.operand(table.get("amount"), f"{key}.amount"), label, wording)
        if kind == "rate_of":
            self.only(table, key, {*common, "rate", "base"})
            return am.RateOf(
                self.operand(table.get("rate"), f"{key}.rate"),
                self.operand(table.get("base"), f"{key}.base"),
                label,
                wording,
            )
        if kind == "marginal":
            self.only(table, key, {*common, "scale", "base"})
            return am.Marginal(
                self.operand(table.get("scale"), f"{key}.scale"),
                self.operand(table.get("base"), f"{key}.base"),
                label,
                wording,
            )
        if kind == "lesser_of":
            self.only(table, key, {*common, "parts"})
            parts = self.get(table, "parts", key, list)
            if len(parts) < 2:
                self.fail(
                    f"{key}.parts",
                    "lesser_of needs at least two parts",
                    "lesser_of 至少需要两个部分",
                )
            return am.LesserOf(
                tuple(self.formula(p, f"{key}.parts[{i}]") for i, p in enumerate(parts)),
                label or "the least of",
                wording,
            )
        if kind == "range":
            self.only(table, key, {*common, "low", "high"})
            high = table.get("high")
            return am.Discretionary(
                self.operand(table.get("low"), f"{key}.low"),
                None if high is None else self.operand(high, f"{key}.high"),
                label,
                wording,
            )
        self.fail(
            f"{key}.kind",
            f"{kind!r} is not fixed, rate_of, lesser_of, marginal or range",
            f"{kind!r} 不是 fixed、rate_of、lesser_of、marginal 或 range 之一",
        )

    def payers(self, raw: Any, key: str) -> tuple[am.Payer, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail(
                key,
                "expected a list of payers {role, weight, name_fact}",
                "应为出资方列表 {role, weight, name_fact}",
            )
        result = []
        for index, item in enumerate(raw):
            here = f"{key}[{index}]"
            table = self.table(item, here)
            self.only(table, here, {"role", "weight", "name_fact"})
            result.append(
                am.Payer(
                    self.text(table, "role", here),
                    self.operand(table.get("weight", "1"), f"{here}.weight"),
                    self.get(table, "name_fact", here, str, None),
                )
            )
        return tuple(result)

    def split(self, raw: Any, key: str) -> am.CostSplit:
        table = self.table(raw, key)
        self.only(table, key, {"payers", "wording", "article"})
        return am.CostSplit(
            self.payers(table.get("payers"), f"{key}.payers"),
            self.text(table, "wording", key),
            self.get(table, "article", key, str, ""),
        )

    # ------------------------------------------------------------ rules and changes

    def rule(self, raw: Any, key: str) -> Rule:
        table = self.table(raw, key)
        self.only(
            table,
            key,
            {
                "id",
                "kind",
                "title_zh",
                "title_en",
                "document",
                "article",
                "wording",
                "valid_from",
                "valid_to",
                "criteria",
                "amount",
                "split",
                "events",
                "readings",
                "amount_unit",
                "subjects",
                "subject_facts",
            },
        )
        citation = self.citation(table, key)
        kind = self.get(table, "kind", key, str, "incentive")
        amount = self.formula(table["amount"], f"{key}.amount") if "amount" in table else None
        split = self.split(table["split"], f"{key}.split") if "split" in table else None
        implied = self.get(table, "subject_facts", key, dict, {})
        for subject, facts in implied.items():
            self.table(facts, f"{key}.subject_facts.{subject}")
        return self.guard(
            key,
            lambda: Rule(
                id=self.text(table, "id", key),
                kind=kind,
                title_en=self.text(table, "title_en", key),
                title_zh=self.text(table, "title_zh", key),
                citation=citation,
                criteria=self.criteria(table.get("criteria", []), f"{key}.criteria"),
                amount=amount,
                split=split,
                valid_from=self.day(table, "valid_from", key, citation.document.effective_from),
                valid_to=self.day(table, "valid_to", key, citation.document.effective_to),
                events=self.strings(table, "events", key),
                readings=self.strings(table, "readings", key),
                amount_unit=self.get(table, "amount_unit", key, str, "CNY"),
                subjects=self.strings(table, "subjects", key),
                subject_facts=implied,
            ),
        )

    def supersession(self, raw: Any, key: str) -> Supersession:
        table = self.table(raw, key)
        self.only(
            table, key, {"rule", "from", "document", "article", "wording", "note", "replacement"}
        )
        citation = self.citation(table, key)
        return Supersession(
            self.text(table, "rule", key),
            self.day(table, "from", key, citation.document.effective_from),
            citation,
            self.get(table, "note", key, str, ""),
            self.get(table, "replacement", key, str, None),
        )

    def refinement(self, raw: Any, key: str) -> ShareRefinement:
        table = self.table(raw, key)
        self.only(table, key, {"role", "into", "from", "document", "article", "wording"})
        citation = self.citation(table, key)
        return ShareRefinement(
            self.text(table, "role", key),
            self.payers(table.get("into"), f"{key}.into"),
            self.day(table, "from", key, citation.document.effective_from),
            citation,
        )

    def constraint(self, raw: Any, key: str) -> Constraint:
        table = self.table(raw, key)
        self.only(table, key, {"smaller", "larger", "meaning"})
        return Constraint(
            self.text(table, "smaller", key),
            self.text(table, "larger", key),
            self.text(table, "meaning", key),
        )

    def layer(self, data: Mapping[str, Any], parent: str | None) -> Layer:
        self.only(data, "", _TOP_KEYS)
        declared_parent = self.get(data, "parent", "", str, None)
        if parent is not None and declared_parent is not None and declared_parent != parent:
            self.fail(
                "parent",
                f"the file names {declared_parent!r}, but it is stacked on {parent!r}",
                f"文件写明的上级是 {declared_parent!r}，但它叠加在 {parent!r} 之上",
            )
        chosen = declared_parent if declared_parent is not None else parent
        if chosen is None:
            self.fail(
                "parent",
                "is required (or stack the file on a jurisdiction: -L / layers=)",
                "必须给出（或把文件叠加在某个辖区之上：-L / layers=）",
            )
        for doc_key, raw in self.get(data, "documents", "", dict, {}).items():
            self.documents[doc_key] = self.document(doc_key, raw, f"documents.{doc_key}")
        if not self.documents:
            self.fail(
                "documents",
                "declare at least one document: every value cites one",
                "至少声明一份文件：每个取值都要引用一份文件",
            )
        territory = self.get(data, "territory", "", dict, {})
        for name, values in territory.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                self.fail(f"territory.{name}", "expected a list of names", "应为名称列表")

        def items(section: str) -> list[tuple[str, Any]]:
            return list(self.get(data, section, "", dict, {}).items())

        def rows(section: str) -> list[Any]:
            return list(self.get(data, section, "", list, []))

        return self.guard(
            "",
            lambda: Layer(
                code=self.text(data, "code", ""),
                name_zh=self.text(data, "name_zh", ""),
                name_en=self.text(data, "name_en", ""),
                parent=chosen,
                documents=tuple(self.documents.values()),
                facts=tuple(self.fact(n, r, f"facts.{n}") for n, r in items("facts")),
                parameters=tuple(
                    self.parameter(n, r, f"parameters.{_q(n)}", False)
                    for n, r in items("parameters")
                ),
                overrides=tuple(
                    self.parameter(n, r, f"overrides.{_q(n)}", True) for n, r in items("overrides")
                ),
                rules=tuple(self.rule(r, f"rules[{i}]") for i, r in enumerate(rows("rules"))),
                supersessions=tuple(
                    self.supersession(r, f"supersessions[{i}]")
                    for i, r in enumerate(rows("supersessions"))
                ),
                refinements=tuple(
                    self.refinement(r, f"refinements[{i}]")
                    for i, r in enumerate(rows("refinements"))
                ),
                territory={name: tuple(values) for name, values in territory.items()},
                constraints=tuple(
                    self.constraint(r, f"constraints[{i}]")
                    for i, r in enumerate(rows("constraints"))
                ),
                labels_zh=self.translations(data, "labels_zh"),
                meanings_zh=self.translations(data, "meanings_zh"),
                level=self.level(data),
            ),
        )


def _q(name: str) -> str:
    return f'"{name}"' if "." in name else name


def _kind(value: Any) -> str:
    return type(value).__name__


def _names(kind: type | tuple[type, ...], lang: str = "en") -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if lang == "zh":
        return "或".join(_WORDS_ZH.get(k, k.__name__) for k in kinds)
    return " or ".join(_WORDS.get(k, k.__name__) for k in kinds)


_WORDS = {
    str: "text",
    int: "an integer",
    bool: "true or false",
    date: "a date",
    list: "a list",
    dict: "a table",
}
_WORDS_ZH = {
    str: "文本",
    int: "整数",
    bool: "true 或 false",
    date: "日期",
    list: "列表",
    dict: "表",
}


def layer_from_mapping(
    data: Mapping[str, Any], *, source: str = "<mapping>", parent: str | None = None
) -> Layer:
    """A :class:`Layer` from the parsed contents of a layer file (see :func:`layer_from_toml`)."""
    return _Reader(source).layer(data, parent)


def layer_from_toml(source: str | os.PathLike[str] | Any, *, parent: str | None = None) -> Layer:
    """Read a declarative layer file (TOML) into a :class:`~innovpolicy.Layer`.

    *source* is a path, or a resource with ``read_bytes()`` (``importlib.resources.files``),
    so a package can ship the file and return it from its ``innovpolicy_layer`` hook.
    *parent* is the jurisdiction the layer is stacked on when the file names none.
    Errors raise :class:`~innovpolicy.exceptions.LayerFileError` naming the file and key.
    """
    name = str(source)
    try:
        raw = source.read_bytes() if hasattr(source, "read_bytes") else Path(source).read_bytes()
    except OSError as exc:
        raise LayerFileError(
            name, "", f"cannot be read: {exc}", reason_zh=f"无法读取：{exc}"
        ) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LayerFileError(
            name, "", f"is not valid TOML: {exc}", reason_zh=f"不是有效的 TOML：{exc}"
        ) from exc
    return layer_from_mapping(data, source=name, parent=parent)
