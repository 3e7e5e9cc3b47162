"""The proof of the written text: a result rendered before it is explained.

``render`` on a result whose explanation has not been built writes the criteria's
lines, the amount's steps and the parameters with the rule's compiled writers
(``_render._Writer`` and ``_StepWriter``), without building the Outcome tree. For
every rule of the Xining stack and of the example county, Hypothesis draws facts
(values at and around each threshold and cap, facts left out) and a date the rule
is in force: the written text must be byte for byte the text the Outcome-tree
renderer gives for the same result once explained, and the eager reference's, in
English and Chinese; and the explanation built afterwards must be the reference's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from decimal import Context, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import _i18n, _render
from innovpolicy._values import format_decimal
from innovpolicy.testing.strategies import facts, rule_dates

JURISDICTIONS = {code: innovpolicy.load(code) for code in ("xining", "example-county")}


@pytest.fixture(autouse=True, scope="module")
def _written_from_the_first_render() -> Iterator[None]:
    """Writers made on a rule's first render (not its third), so every case here is
    written."""
    after = _render._WRITE_AFTER
    _render._WRITE_AFTER = 0
    try:
        yield
    finally:
        _render._WRITE_AFTER = after


CASES = [(code, rule_id) for code, j in JURISDICTIONS.items() for rule_id in j.rule_ids()]
LANGS = ("en", "zh")


def _version(j: innovpolicy.Jurisdiction, rule_id: str, on: date) -> Any:
    return next(v for v in j._lookup(rule_id) if v.covers(on))


def _is_written(result: innovpolicy.Result) -> bool:
    """Whether rendering *result* now takes the written path."""
    explainer = result._explainer
    return (
        explainer is not None
        and _render._written(explainer.args, _render._LAYOUTS["en"], []) is not None
    )


@pytest.mark.parametrize(("code", "rule_id"), CASES)
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_written_text_equals_the_outcome_renderers(code: str, rule_id: str, data: Any) -> None:
    _check(code, rule_id, data)


@pytest.mark.parametrize(("code", "rule_id"), CASES)
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_writers_closures_write_the_same(code: str, rule_id: str, data: Any) -> None:
    """The closures the generated writer inlines, each node written by its own."""
    with _closures_only():
        _check(code, rule_id, data)


@contextlib.contextmanager
def _closures_only() -> Iterator[None]:
    inline = _render._INLINE_DEPTH
    _render._INLINE_DEPTH = 0
    _render._GENERATION[0] += 1  # the writers made again
    try:
        yield
    finally:
        _render._INLINE_DEPTH = inline
        _render._GENERATION[0] += 1


def _check(code: str, rule_id: str, data: Any) -> None:
    j = JURISDICTIONS[code]
    on = data.draw(rule_dates(j, rule_id), label="on")
    raw = data.draw(facts(j, rule_id, on=on, allow_missing=True), label="facts")
    prepared = j.prepare(raw, unknown_facts="report")
    version = _version(j, rule_id, on)
    reference = j._explain_eagerly(version, prepared, on)  # the interpreter, eager
    result = j._evaluate_version(version, prepared, on, True)
    assert _is_written(result)
    written = {lang: result.render(lang) for lang in LANGS}
    assert result._explainer is not None  # rendered without being explained
    again = {lang: result.render(lang) for lang in LANGS}  # (kept text, if any, reused)
    # the Outcome-tree renderer, on the same result once explained
    assert result.criteria is not None and result._explainer is None
    for lang in LANGS:
        assert written[lang] == again[lang] == result.render(lang) == reference.render(lang)
    assert result.to_dict() == reference.to_dict()
    assert result.amount_steps == reference.amount_steps
    assert result.parameters == reference.parameters
    assert result == reference

    # through the public entry point, on a fresh result (territory handling included:
    # a result evolved from another, or the answer of the stack outside the territory)
    public = j.evaluate(rule_id, prepared, on)
    written = {lang: public.render(lang) for lang in LANGS}
    public._explained()  # explained: rendered from its outcomes from now on
    for lang in LANGS:
        assert written[lang] == public.render(lang)


@pytest.mark.parametrize(("code", "rule_id"), CASES)
def test_a_firm_giving_none_of_the_facts(code: str, rule_id: str) -> None:
    """The text kept per date for firms that give none of the rule's facts."""
    j = JURISDICTIONS[code]
    prepared = j.prepare({})
    for version in j._lookup(rule_id):
        on = version.start
        reference = j._explain_eagerly(version, prepared, on)
        for _ in range(2):
            for lang in LANGS:
                assert j._evaluate_version(version, prepared, on, True).render(lang) == (
                    reference.render(lang)
                )


def test_the_benchmark_firm() -> None:
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        import run  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    j = JURISDICTIONS["xining"]
    for seed in range(12, 20):
        firm = run.enterprise(random.Random(seed))
        for result in run.one_firm(j, firm):
            assert _is_written(result)
            written = {lang: result.render(lang) for lang in LANGS}
            assert result.criteria is not None
            for lang in LANGS:
                assert written[lang] == result.render(lang)


def test_an_explained_result_is_rendered_from_its_outcomes() -> None:
    j = JURISDICTIONS["xining"]
    result = j.evaluate("QH-TBE", {"employees": 100, "sci_tech_staff": 35}, "2019-06-30")
    text = result.render()
    assert result.criteria is not None and result._explainer is None
    assert result.render() == text


def test_translations_registered_later_reach_the_written_text() -> None:
    """Writers keep text made from labels: registering translations makes them anew."""
    j = JURISDICTIONS["xining"]
    on = date(2021, 6, 30)
    firm = {"employees": 100, "sci_tech_staff": 35, "host_kind": "enterprise"}
    before = j.evaluate("QH-ERC", j.prepare(firm), on).render("zh")
    label = "sales threshold by kind of host"  # a group's label
    leaf = "annual sales revenue"  # a comparison's
    kept = {text: _i18n._LABELS_ZH.get(text) for text in (label, leaf)}
    try:
        _i18n.register({label: "测试组", leaf: "测试叶"}, {})
        result = j.evaluate("QH-ERC", j.prepare(firm), on)
        after = result.render("zh")
        assert "测试组" in after and "测试叶" in after and "测试组" not in before
        assert result.criteria is not None
        assert after == result.render("zh")
    finally:
        for text, value in kept.items():
            if value is None:
                _i18n._LABELS_ZH.pop(text, None)
            else:
                _i18n._LABELS_ZH[text] = value
        _i18n.register({}, {})
    assert j.evaluate("QH-ERC", j.prepare(firm), on).render("zh") == before


def test_a_rule_is_written_from_its_third_render() -> None:
    """The first renders of a rule in a language are from its outcomes (a report pays
    no writer); then its writers are made, and its results are rendered without their
    explanation built."""
    j = JURISDICTIONS["xining"]
    on = date(2019, 6, 30)
    firm = j.prepare({"employees": 100, "sci_tech_staff": 35, "owns_ip": True})
    first = j.evaluate("QH-TBE", firm, on)
    first._explainer.args[2].writers.clear()  # (the rule's writers, made again)
    _render._WRITE_AFTER = 2
    try:
        texts, explained = [], []
        for result in [first] + [j.evaluate("QH-TBE", firm, on) for _ in range(3)]:
            texts.append(result.render())
            explained.append(result._explainer is None)
        assert explained == [True, True, False, False]
        assert len(set(texts)) == 1
        zh = j.evaluate("QH-TBE", firm, on)
        assert zh.render("zh") and zh._explainer is None  # counted per language
    finally:
        _render._WRITE_AFTER = 0


def _inline_decimal_text() -> Any:
    """The generated code of ``_render._decimal_text``, as a function."""
    code = ["def shown_of(value):"]
    code += ["    " * (1 + indent) + line for indent, line in _render._decimal_text("value", "s")]
    code.append("    return s")
    namespace: dict[str, Any] = {"format_decimal": format_decimal}
    exec("\n".join(code), namespace)
    return namespace["shown_of"]


_SHOWN_OF = _inline_decimal_text()
_SIXTY = Context(prec=60)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.decimals(min_value=-(10**15), max_value=10**15, places=4),
        st.builds(
            Decimal,
            st.integers(min_value=-(10**30), max_value=10**30),
        ),
        st.builds(
            lambda n, d, e: _SIXTY.divide(Decimal(n), Decimal(d)).scaleb(e),
            st.integers(min_value=-(10**18), max_value=10**18),
            st.integers(min_value=1, max_value=10**18),
            st.integers(min_value=-120, max_value=120),
        ),
        st.builds(
            lambda n, d: _SIXTY.divide(Decimal(n), Decimal(d)) - 1,
            st.integers(min_value=0, max_value=10**15),
            st.integers(min_value=1, max_value=10**15),
        ),
    )
)
def test_the_written_decimal_text_is_format_decimals(value: Decimal) -> None:
    """Values written by the generated writers, as format_decimal writes them: every
    Decimal (NaN, infinities, -0, exponents), facts' values within their bounds and
    quotients and growths at 60 digits."""
    assert _SHOWN_OF(value) == format_decimal(value)
    assert _SHOWN_OF(value.copy_negate()) == format_decimal(value.copy_negate())


@pytest.mark.parametrize(
    "volume", ["0", "9999999", "10000000", "94999999.99", "95000000", "95000000.01", "2E+8"]
)
def test_the_least_of_written_at_and_around_a_tie(volume: str) -> None:
    """The platform subsidy's tiers against its cap (the least of): below, at (the
    tiers equal to the cap: the first part binds) and above it."""
    j = JURISDICTIONS["xining"]
    firm = {"achievements_transformed": 4, "transaction_volume": Decimal(volume)}
    on = date(2021, 6, 30)
    prepared = j.prepare(firm)
    reference = j._explain_eagerly(_version(j, "QH20-PLATFORM", on), prepared, on)
    result = j.evaluate("QH20-PLATFORM", prepared, on)
    assert _is_written(result)
    written = {lang: result.render(lang) for lang in LANGS}
    assert result.criteria is not None
    for lang in LANGS:
        assert written[lang] == result.render(lang) == reference.render(lang)
    if volume == "95000000":
        assert "    → marginal tiers" in written["en"]
