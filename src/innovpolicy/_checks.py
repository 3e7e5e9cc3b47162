"""Load-time checks of a layer's data against its parents (part of loading).

Everything a rule will need at evaluation is checked before the first answer:
the facts it reads are declared, every comparison compares values of one kind,
every parameter has the kind its use needs (a number or a marginal scale) and a
value on every day the rule is in force, rates and weights are not negative,
payer weights do not all vanish, discretionary ranges are ordered. Each failure
raises :class:`~innovpolicy.exceptions.LayerError` naming the plugin, the layer,
the rule, the parameter or the fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from ._amounts import (
    Breakdown,
    ConsecutiveYears,
    CostSplit,
    Discretionary,
    Fixed,
    Formula,
    LesserOf,
    Lookup,
    Marginal,
    Payer,
    RateOf,
)
from ._criteria import (
    AgeOn,
    Compare,
    Const,
    Criterion,
    DayOfEvaluationYear,
    Difference,
    EvaluationDate,
    EvaluationYear,
    Expr,
    Fact,
    FactIs,
    Growth,
    Param,
    Product,
    Ratio,
    Sum,
    SupportYear,
    YearFact,
    YearOf,
    YearsAfter,
    YearsSince,
)
from ._criteria import Cases as CasesExpr
from ._facts import CORE_FACTS, FactSpec
from ._params import MarginalScale, Parameter
from ._rules import PAYERS, Layer, Rule
from .exceptions import LayerError

_FAR = date(9999, 12, 31)
_NUMBER, _DATE, _BOOL, _TEXT, _SCALE = "number", "date", "boolean", "text", "marginal scale"
_FACT_KIND = {
    "decimal": _NUMBER,
    "integer": _NUMBER,
    "boolean": _BOOL,
    "date": _DATE,
    "text": _TEXT,
}


class _Checker:
    def __init__(
        self,
        chain: Sequence[Layer],
        plugin: str,
        rule_keys: Callable[[Rule], tuple[str, ...]] = Rule.param_keys,
    ) -> None:
        self.chain = chain
        self.rule_keys = rule_keys
        self.layer = chain[-1]
        self.plugin = plugin
        self.facts: dict[str, tuple[FactSpec, str]] = {s.name: (s, "core") for s in CORE_FACTS}
        self.params: dict[str, list[Parameter]] = {}
        for layer in chain:
            for parameter in (*layer.parameters, *layer.overrides):
                self.params.setdefault(parameter.key, []).append(parameter)
        self.rule = ""

    def fail(self, reason: str, zh: str, *, parameter: str = "", fact: str = "") -> LayerError:
        """The error for *reason* (*zh*: the same in Chinese) at the current rule."""
        return LayerError(
            self.plugin,
            reason,
            layer=self.layer.code,
            rule=self.rule,
            parameter=parameter,
            fact=fact,
            reason_zh=zh,
        )

    # ------------------------------------------------------------ facts

    def declare_facts(self) -> None:
        for layer in self.chain:
            mine = layer is self.layer
            for spec in layer.facts:
                known = self.facts.get(spec.name)
                if known is not None and known[0] != spec:
                    if not mine:
                        continue  # reported when that layer itself is checked
                    raise self.fail(
                        f"declares fact {spec.name!r} ({spec.kind}: {spec.meaning}), which "
                        f"{'the core' if known[1] == 'core' else 'layer ' + repr(known[1])} "
                        f"already declares differently ({known[0].kind}: {known[0].meaning}); "
                        "reuse that fact or choose another name",
                        f"声明的事实 {spec.name!r}（{spec.kind}：{spec.meaning}）与"
                        f"{'核心' if known[1] == 'core' else '层 ' + repr(known[1])}已有的声明不同"
                        f"（{known[0].kind}：{known[0].meaning}）；请沿用该事实或另取名称",
                        fact=spec.name,
                    )
                self.facts.setdefault(spec.name, (spec, layer.code))

    def fact_kind(self, name: str) -> str:
        found = self.facts.get(name)
        if found is None:
            raise self.fail(
                "reads a fact that no layer declares (nor the core): add a FactSpec to "
                "this layer's facts, or fix the name",
                "读取了没有任何层（也不是核心）声明的事实：请在本层的 facts 中加入 FactSpec，"
                "或更正名称",
                fact=name,
            )
        return _FACT_KIND[found[0].kind]

    def check_territory(self) -> None:
        for name, values in self.layer.territory.items():
            if self.fact_kind(name) != _TEXT:
                raise self.fail(
                    "a territory is decided by text facts only", "辖区只能由文本事实决定", fact=name
                )
            spec = self.facts[name][0]
            if not values:
                raise self.fail("territory lists no value", "辖区没有列出任何取值", fact=name)
            for value in values:
                if not isinstance(value, str) or not value:
                    raise self.fail(
                        f"territory value {value!r} is not text",
                        f"辖区取值 {value!r} 不是文本",
                        fact=name,
                    )
                if spec.choices and value not in spec.choices:
                    raise self.fail(
                        f"territory value {value!r} is not one of {spec.choices}",
                        f"辖区取值 {value!r} 不在 {spec.choices} 之中",
                        fact=name,
                    )

    def check_constraints(self) -> None:
        for constraint in self.layer.constraints:
            for name in (constraint.smaller, constraint.larger):
                if self.fact_kind(name) != _NUMBER or self.facts[name][0].yearly:
                    raise self.fail(
                        "a constraint compares two number facts that are not yearly",
                        "一致性约束只能比较两个非年度的数值事实",
                        fact=name,
                    )
            if constraint.smaller == constraint.larger:
                raise self.fail(
                    "a constraint compares a fact with itself",
                    "一致性约束把事实与其自身比较",
                    fact=constraint.smaller,
                )

    # ------------------------------------------------------------ parameters

    def param_kind(self, key: str) -> str | None:
        parameters = self.params.get(key, ())
        if len(parameters) == 1 and len(parameters[0].values) == 1:  # the usual parameter
            return _SCALE if isinstance(parameters[0].values[0].value, MarginalScale) else _NUMBER
        kinds = {
            _SCALE if isinstance(v.value, MarginalScale) else _NUMBER
            for parameter in parameters
            for v in parameter.values
        }
        if len(kinds) > 1:
            raise self.fail(
                "mixes numbers and marginal scales across its values or overrides",
                "在各取值或覆盖值中混用了数值和超额累进表",
                parameter=key,
            )
        return next(iter(kinds)) if kinds else None

    def check_parameters(self) -> None:
        for parameter in (*self.layer.parameters, *self.layer.overrides):
            for dated in parameter.values:
                value = dated.value
                if isinstance(value, Decimal) and (value < 0 or not value.is_finite()):
                    raise self.fail(
                        f"value {value} (in force {dated.window()}) is negative or not finite",
                        f"取值 {value}（有效期 {dated.window('zh')}）为负数或不是有限数值",
                        parameter=parameter.key,
                    )
                if parameter.unit == "ratio" and isinstance(value, Decimal) and value > 1:
                    raise self.fail(
                        f"value {value} (in force {dated.window()}) is a ratio above 1 "
                        "(write 3% as 0.03)",
                        f"取值 {value}（有效期 {dated.window('zh')}）是大于 1 的比例（3% 应写作 0.03）",
                        parameter=parameter.key,
                    )
        for override in self.layer.overrides:
            base = self.params[override.key][0]
            base_kinds = {isinstance(v.value, MarginalScale) for v in base.values}
            for dated in override.values:
                if base_kinds and isinstance(dated.value, MarginalScale) not in base_kinds:
                    mine = _SCALE if isinstance(dated.value, MarginalScale) else _NUMBER
                    theirs = _NUMBER if mine == _SCALE else _SCALE
                    raise self.fail(
                        f"override gives a {mine} where the parent's value is a {theirs}",
                        f"覆盖值给出的是{_KIND_ZH[mine]}，而上级的取值是{_KIND_ZH[theirs]}",
                        parameter=override.key,
                    )

    def check_coverage(self, key: str, start: date, end: date | None) -> None:
        """Some layer gives *key* a value on every day of start..end."""
        windows = []
        for parameter in self.params.get(key, ()):
            if parameter.unset_reason:
                return  # answers "undetermined" with the reason until a layer sets it
            for v in parameter.values:
                windows.append((v.valid_from, v.valid_to or _FAR))
        windows.sort()
        day, last = start, end or _FAR
        for low, high in windows:
            if low > day:
                break
            if high >= day:
                day = high + timedelta(days=1) if high < _FAR else _FAR
            if day > last or day == _FAR:
                return
        if day <= last:
            raise self.fail(
                f"has no value on {day}, while the rule is in force {start}..{end or 'open'} "
                f"(values: {', '.join(f'{lo}..{hi}' for lo, hi in windows) or 'none'})",
                f"在 {day} 没有取值，而规则的有效期为 {start}..{end or '不限'}"
                f"（取值区间：{'、'.join(f'{lo}..{hi}' for lo, hi in windows) or '无'}）",
                parameter=key,
            )

    # ------------------------------------------------------------ expressions

    def expr_kind(self, expr: Expr, where: _Place) -> str | None:
        """The kind of value *expr* gives, checking the kinds it needs of its parts."""
        cls = type(expr)
        try:
            branch = _EXPR_BRANCH[cls]
        except KeyError:
            branch = _EXPR_BRANCH[cls] = _branch_of(cls, _EXPR_BRANCHES)
        if branch is None:
            return None
        return branch(self, expr, where)

    def _kind_fact(self, expr: Fact | YearFact, where: _Place) -> str | None:
        return self.fact_kind(expr.name)

    def _kind_param(self, expr: Param, where: _Place) -> str | None:
        if expr.key not in self.params:
            return None  # reported by the parameter check, with the same names
        return self.param_kind(expr.key)

    def _kind_const(self, expr: Const, where: _Place) -> str | None:
        return _DATE if isinstance(expr.constant, date) else _NUMBER

    def _kind_arithmetic(self, expr: Ratio | Product | Difference, where: _Place) -> str | None:
        parts: tuple[Expr, ...] = (
            (expr.numerator, expr.denominator)
            if isinstance(expr, Ratio)
            else (expr.left, expr.right)
        )
        for part in parts:
            self.need(part, _NUMBER, where)
        return _NUMBER

    def _kind_sum(self, expr: Sum, where: _Place) -> str | None:
        for term in expr.terms:
            self.need(term, _NUMBER, where)
        return _NUMBER

    def _kind_growth(self, expr: Growth | SupportYear, where: _Place) -> str | None:
        self.need_fact(expr.name, _NUMBER, where)
        return _NUMBER

    def _kind_date_fact(self, expr: YearsSince | YearOf, where: _Place) -> str | None:
        self.need_fact(expr.name, _DATE, where)
        return _NUMBER

    def _kind_years_after(self, expr: YearsAfter, where: _Place) -> str | None:
        self.need_fact(expr.name, _DATE, where)
        self.need(expr.years, _NUMBER, where)
        return _DATE

    def _kind_age_on(self, expr: AgeOn, where: _Place) -> str | None:
        self.need_fact(expr.name, _DATE, where)
        self.need(expr.at, _DATE, where)
        return _NUMBER

    def _kind_date(self, expr: Expr, where: _Place) -> str | None:
        return _DATE

    def _kind_number(self, expr: Expr, where: _Place) -> str | None:
        return _NUMBER

    def _kind_cases(self, expr: CasesExpr, where: _Place) -> str | None:
        kinds = set()
        for criterion, value in expr.cases:
            self.criterion(criterion)
            kinds.add(self.expr_kind(value, where))
        if expr.default is not None:
            kinds.add(self.expr_kind(expr.default, where))
        found = sorted(kind for kind in kinds if kind is not None)
        if len(found) > 1:
            raise self.fail(
                f"{where.en}: the cases give values of kinds {found}",
                f"{where.zh}：各情形给出的取值种类不同（{'、'.join(_KIND_ZH[k] for k in found)}）",
            )
        return found[0] if found else None

    def need(self, expr: Expr, kind: str, where: _Place) -> None:
        got = self.expr_kind(expr, where)
        if got is not None and got != kind:
            keys = expr.param_keys()
            names = expr.fact_names()
            raise self.fail(
                f"{where.en}: {expr.describe()} is a {got}, a {kind} is needed here",
                f"{where.zh}：{expr.describe()} 是{_KIND_ZH[got]}，此处需要{_KIND_ZH[kind]}",
                parameter=keys[0] if got == _SCALE and keys else "",
                fact=names[0] if names and got in (_BOOL, _TEXT, _DATE) else "",
            )

    def need_fact(self, name: str, kind: str, where: _Place) -> None:
        got = self.fact_kind(name)
        if got != kind:
            raise self.fail(
                f"{where.en}: fact {name!r} is a {got}, a {kind} is needed",
                f"{where.zh}：事实 {name!r} 是{_KIND_ZH[got]}，需要{_KIND_ZH[kind]}",
                fact=name,
            )

    # ------------------------------------------------------------ criteria and amounts

    def criterion(self, criterion: Criterion) -> None:
        for node in criterion.walk():
            cls = type(node)
            try:
                branch = _NODE_BRANCH[cls]
            except KeyError:
                branch = _NODE_BRANCH[cls] = _branch_of(cls, _NODE_BRANCHES)
            if branch is not None:
                branch(self, node)

    def _check_compare(self, node: Compare) -> None:
        where = _Place("criterion", "条件", node.label)
        left = self.expr_kind(node.left, where)
        right = self.expr_kind(node.right, where)
        for side in (left, right):
            if side == _BOOL:
                raise self.fail(
                    f"{where.en} compares a yes/no fact with {node.op}; use is_true() "
                    "(or not_(is_true(...)))",
                    f"{where.zh} 用 {node.op} 比较是/否事实；请用 is_true()（或 not_(is_true(...))）",
                    fact=(node.left.fact_names() or node.right.fact_names() or ("",))[0],
                )
            if side == _SCALE:
                raise self.fail(
                    f"{where.en} compares a marginal scale",
                    f"{where.zh} 比较了超额累进表",
                    parameter=(node.left.param_keys() + node.right.param_keys())[0],
                )
            if side == _TEXT and node.op != "==":
                raise self.fail(
                    f"{where.en} orders text with {node.op}; use is_one_of()",
                    f"{where.zh} 用 {node.op} 对文本排序；请用 is_one_of()",
                    fact=(node.left.fact_names() or ("",))[0],
                )
        if left is not None and right is not None and left != right:
            raise self.fail(
                f"{where.en} compares a {left} ({node.left.describe()}) with a {right} "
                f"({node.right.describe()})",
                f"{where.zh} 把{_KIND_ZH[left]}（{node.left.describe()}）与"
                f"{_KIND_ZH[right]}（{node.right.describe()}）比较",
                fact=(node.left.fact_names() or node.right.fact_names() or ("",))[0],
            )

    def _check_fact_is(self, node: FactIs) -> None:
        kind = self.fact_kind(node.name)
        spec = self.facts[node.name][0]
        for expected in node.expected:
            ok = (
                isinstance(expected, bool)
                if kind == _BOOL
                else isinstance(expected, str) and (not spec.choices or expected in spec.choices)
                if kind == _TEXT
                else not isinstance(expected, bool)
            )
            if not ok:
                where = _Place("criterion", "条件", node.label)
                choices = f" (one of {', '.join(spec.choices)})" if spec.choices else ""
                choices_zh = f"（取值为 {'、'.join(spec.choices)} 之一）" if spec.choices else ""
                raise self.fail(
                    f"{where.en} expects {expected!r}, which the {kind} fact "
                    f"{node.name!r} can never be{choices}",
                    f"{where.zh} 期望 {expected!r}，而{_KIND_ZH[kind]}事实 {node.name!r} "
                    f"不可能取这个值{choices_zh}",
                    fact=node.name,
                )

    def formula(self, formula: Formula) -> None:
        where = _Place("amount", "金额", formula.label)
        if isinstance(formula, Fixed):
            self.need(formula.amount, _NUMBER, where)
        elif isinstance(formula, RateOf):
            self.need(formula.rate, _NUMBER, where)
            self.need(formula.base, _NUMBER, where)
        elif isinstance(formula, Marginal):
            self.need(formula.base, _NUMBER, where)
            kind = self.expr_kind(formula.scale, where)
            if kind == _NUMBER:
                raise self.fail(
                    f"{where.en} applies {formula.scale.describe()} as a marginal scale, but its "
                    "value is a number (use MarginalScale.of(...), or rate_of)",
                    f"{where.zh} 把 {formula.scale.describe()} 用作超额累进表，但它的取值是数值"
                    "（请用 MarginalScale.of(...) 或 rate_of）",
                    parameter=(formula.scale.param_keys() or ("",))[0],
                )
        elif isinstance(formula, Discretionary):
            self.need(formula.low, _NUMBER, where)
            if formula.high is not None:
                self.need(formula.high, _NUMBER, where)
        elif isinstance(formula, LesserOf):
            for part in formula.parts:
                self.formula(part)
        elif isinstance(formula, Lookup):
            self.fact_kind(formula.fact)
            for entry in formula.table.values():
                if isinstance(entry, Formula):
                    self.formula(entry)
                else:
                    self.need(
                        entry,
                        _NUMBER,
                        _Place(f"{where.en} ({formula.fact})", f"{where.zh}（{formula.fact}）"),
                    )
        elif isinstance(formula, Breakdown):
            self.formula(formula.amount)
            for _use, weight in formula.uses:
                self.need(weight, _NUMBER, where)
        elif isinstance(formula, ConsecutiveYears):
            self.need(formula.years, _NUMBER, where)
            self.need(formula.rate, _NUMBER, where)
            self.need(formula.cumulative_cap, _NUMBER, where)
            self.need_fact(formula.base, _NUMBER, where)
            self.need_fact(formula.first_year, _NUMBER, where)

    def breakpoints(self, keys: Iterable[str], start: date, end: date | None) -> list[date]:
        """The days within start..end on which any of *keys* may change value."""
        days = {start}
        for key in keys:
            for parameter in self.params.get(key, ()):
                for dated in parameter.values:
                    if start <= dated.valid_from and (end is None or dated.valid_from <= end):
                        days.add(dated.valid_from)
        return sorted(days)

    def constant_value(self, expr: Expr, on: date) -> Decimal | None:
        """The value of a fact-free expression on *on* (None if it reads facts or is unset)."""
        if expr.fact_names():
            return None
        if isinstance(expr, Const) and isinstance(expr.constant, Decimal):
            return expr.constant
        if isinstance(expr, Param):
            for parameter in reversed(self.params.get(expr.key, ())):
                found = parameter.find(on)
                if found is not None and isinstance(found.value, Decimal):
                    return found.value
        return None

    def check_weights(
        self, payers: Sequence[Payer], what: _Place, start: date, end: date | None
    ) -> None:
        keys = [k for payer in payers for k in payer.weight.param_keys()]
        for day in self.breakpoints(keys, start, end):
            weights = [self.constant_value(payer.weight, day) for payer in payers]
            for payer, weight in zip(payers, weights, strict=True):
                if weight is not None and weight < 0:
                    raise self.fail(
                        f"{what.en}: payer {payer.role!r} has a negative weight {weight} on {day}",
                        f"{what.zh}：出资方 {payer.role!r} 在 {day} 的权重 {weight} 为负数",
                        parameter=(payer.weight.param_keys() or ("",))[0],
                    )
            if all(w is not None for w in weights) and not any(weights):
                raise self.fail(
                    f"{what.en}: every payer weight is zero on {day}, so no one would pay",
                    f"{what.zh}：在 {day} 所有出资方的权重都为零，无人出资",
                    parameter=(keys or ("",))[0],
                )

    def check_ranges(self, formula: Formula, start: date, end: date | None) -> None:
        for node in formula.walk():
            if isinstance(node, Discretionary) and node.high is not None:
                keys = node.low.param_keys() + node.high.param_keys()
                for day in self.breakpoints(keys, start, end):
                    low = self.constant_value(node.low, day)
                    high = self.constant_value(node.high, day)
                    if low is not None and high is not None and low > high:
                        raise self.fail(
                            f"discretionary range {node.label!r}: low {low} is above high "
                            f"{high} on {day}",
                            f"酌定区间 {node.label!r}：在 {day} 下限 {low} 高于上限 {high}",
                            parameter=(keys or ("",))[0],
                        )

    def check_rule(self, rule: Rule, start: date, end: date | None) -> None:
        self.rule = rule.id
        facts = self.facts
        for name in rule.fact_names():
            found = facts.get(name)
            if found is None or found[0].kind not in _FACT_KIND:
                self.fact_kind(name)  # raises the error naming the fact
        self.criterion(rule.criteria)
        if rule.amount is not None:
            self.formula(rule.amount)
            self.check_ranges(rule.amount, start, end)
        for key in self.rule_keys(rule):
            if key in self.params:
                self.check_coverage(key, start, end)
        if rule.split is not None:
            self.check_split(rule.split, start, end)
        self.rule = ""

    def check_split(self, split: CostSplit, start: date, end: date | None) -> None:
        for payer in split.payers:
            self.need(payer.weight, _NUMBER, _payer_place(payer.role))
            if payer.name_fact is not None:
                self.fact_kind(payer.name_fact)
        self.check_weights(split.payers, _Place("cost split", "费用分担"), start, end)


class _Place:
    """Where a check is, in English and in Chinese (``criterion 'x'`` / ``条件 'x'``).

    The text is made when an error names it: loading checks every node of every rule
    and names none of them when all is well."""

    __slots__ = ("_en", "_name", "_zh")

    def __init__(self, en: str, zh: str, name: str | None = None) -> None:
        self._en, self._zh, self._name = en, zh, name

    @property
    def en(self) -> str:
        return self._en if self._name is None else f"{self._en} {self._name!r}"

    @property
    def zh(self) -> str:
        return self._zh if self._name is None else f"{self._zh} {self._name!r}"


def _payer_place(role: str) -> _Place:
    return _Place("payer", "出资方", role)


#: the Chinese of the kinds of value the checks name
_KIND_ZH = {_NUMBER: "数值", _DATE: "日期", _BOOL: "是/否", _TEXT: "文本", _SCALE: "超额累进表"}

_Branch = TypeVar("_Branch")


def _branch_of(cls: type, branches: Sequence[tuple[type, _Branch]]) -> _Branch | None:
    """The branch of the first class *cls* is a subclass of (an isinstance chain, in order)."""
    for base, branch in branches:
        if issubclass(cls, base):
            return branch
    return None


# The kind of each expression class, in the order of an isinstance chain. Looked up by
# exact type: isinstance against these ABCs is slow, and loading asks it of every node
# of every rule.
_ExprBranch = Callable[[_Checker, Any, _Place], "str | None"]
_EXPR_BRANCHES: tuple[tuple[type, _ExprBranch], ...] = (
    (Fact, _Checker._kind_fact),
    (YearFact, _Checker._kind_fact),
    (Param, _Checker._kind_param),
    (Const, _Checker._kind_const),
    (Ratio, _Checker._kind_arithmetic),
    (Product, _Checker._kind_arithmetic),
    (Difference, _Checker._kind_arithmetic),
    (Sum, _Checker._kind_sum),
    (Growth, _Checker._kind_growth),
    (YearsSince, _Checker._kind_date_fact),
    (YearOf, _Checker._kind_date_fact),
    (YearsAfter, _Checker._kind_years_after),
    (AgeOn, _Checker._kind_age_on),
    (SupportYear, _Checker._kind_growth),
    (EvaluationDate, _Checker._kind_date),
    (DayOfEvaluationYear, _Checker._kind_date),
    (EvaluationYear, _Checker._kind_number),
    (CasesExpr, _Checker._kind_cases),
)
# The classes of each table are unrelated, so a class of the table takes its own branch,
# as the isinstance chain would (tests/test_loading.py checks it); subclasses defined
# elsewhere are looked up once with _branch_of.
_EXPR_BRANCH: dict[type, _ExprBranch | None] = dict(_EXPR_BRANCHES)
_NodeBranch = Callable[[_Checker, Any], None]
_NODE_BRANCHES: tuple[tuple[type, _NodeBranch], ...] = (
    (Compare, _Checker._check_compare),
    (FactIs, _Checker._check_fact_is),
)
_NODE_BRANCH: dict[type, _NodeBranch | None] = dict(_NODE_BRANCHES)


def _rule_ids_in(chain: Sequence[Layer]) -> set[str]:
    return {rule.id for layer in chain for rule in layer.rules}


def check_layer_data(
    chain: Sequence[Layer],
    plugin: str,
    rule_keys: Callable[[Rule], tuple[str, ...]] = Rule.param_keys,
) -> None:
    """Check the last layer of *chain* against its parents; raise :class:`LayerError`.

    *rule_keys* gives a rule's ``param_keys()`` (loading passes one that keeps them)."""
    checker = _Checker(chain, plugin, rule_keys)
    layer = checker.layer
    checker.declare_facts()
    checker.check_territory()
    checker.check_constraints()
    if layer.level and layer.level not in PAYERS:
        raise checker.fail(
            f"level {layer.level!r} (who pays its rules without a split) is not one of "
            f"{', '.join(PAYERS)}",
            f"层级 {layer.level!r}（不分担时由谁支付本层规则的金额）不是 {'、'.join(PAYERS)} 之一",
        )
    checker.check_parameters()
    known_rules = _rule_ids_in(chain)
    for document in layer.documents:
        for repealed in document.repeals:
            if repealed in known_rules:
                raise checker.fail(
                    f"document {document.key!r} lists rule {repealed!r} in repeals, which "
                    "names repealed documents only and has no effect on rules; declare "
                    f"Supersession({repealed!r}, <date>, <citation>) to stop it applying here",
                    f"文件 {document.key!r} 在 repeals 中列出了规则 {repealed!r}；repeals 只列被废止的"
                    f"文件，对规则不起作用；要让该规则在此不再适用，请声明 "
                    f"Supersession({repealed!r}, <日期>, <引文>)",
                )
    for rule in layer.rules:
        checker.check_rule(rule, rule.valid_from, rule.valid_to)
    # A parent's rules and refinements reading a value this layer overrides are checked
    # again with the override in place (zeroed weights, a range turned upside down).
    overridden = {parameter.key for parameter in layer.overrides}
    for ancestor in chain[:-1] if overridden else ():
        for rule in ancestor.rules:
            if overridden.intersection(rule_keys(rule)):
                checker.check_rule(rule, rule.valid_from, rule.valid_to)
    refinements = [
        refinement
        for ancestor in chain
        for refinement in ancestor.refinements
        if ancestor is layer
        or overridden.intersection(k for p in refinement.into for k in p.weight.param_keys())
    ]
    for refinement in refinements:
        checker.rule = f"refinement of {refinement.role}"
        for payer in refinement.into:
            checker.need(payer.weight, _NUMBER, _payer_place(payer.role))
        checker.check_weights(
            refinement.into, _Place("share refinement", "份额细分"), refinement.effective_from, None
        )
        checker.rule = ""


def declared_by(chain: Sequence[Layer]) -> Mapping[str, str]:
    """Which layer (or ``core``) declares each fact of *chain*."""
    result = {spec.name: "core" for spec in CORE_FACTS}
    for layer in chain:
        for spec in layer.facts:
            result.setdefault(spec.name, layer.code)
    return result
