"""The compiled one-firm executor (``_compiled.py``) against the reference interpreter.

``evaluate`` answers from each rule's compiled closures; the reference interpreter
(``Criterion.test`` / ``explain``, ``Formula.compute``) is kept and runs the
explanations. For every rule of the Xining stack and the example county, Hypothesis
draws facts at and around each threshold and cap, with facts left out, and a date
the rule is in force (including dates that straddle a parameter's change): the
compiled answer must equal the reference's in status, amount, range, shares, missing
facts (in order) and reasons. Unit tests cover the compile cache, node kinds the
compiler does not know (a plugin's own criterion) and the fast constructors.
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import authoring as a
from innovpolicy._amounts import split_exact
from innovpolicy._compiled import compile_rule
from innovpolicy._criteria import Context, Criterion, Outcome, Truth
from innovpolicy._jurisdiction import _Ctx
from innovpolicy._rules import Result, new_result
from innovpolicy._values import in_library_context
from innovpolicy.testing.strategies import facts, rule_dates

JURISDICTIONS = {code: innovpolicy.load(code) for code in ("xining", "example-county")}
CASES = [(code, rule_id) for code, j in JURISDICTIONS.items() for rule_id in j.rule_ids()]


def _version(j: innovpolicy.Jurisdiction, rule_id: str, on: date) -> Any:
    return next(v for v in j._lookup(rule_id) if v.covers(on))


def _answer(result: Result) -> tuple[Any, ...]:
    return (
        result.status,
        result.amount,
        result.amount_range,
        result.shares,
        result.missing,
        result.reasons,
        result.ignored_facts,
    )


@pytest.mark.parametrize(("code", "rule_id"), CASES)
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_compiled_answer_equals_the_reference(code: str, rule_id: str, data: Any) -> None:
    _compiled_equals_reference(JURISDICTIONS[code], rule_id, data)


def _compiled_equals_reference(j: innovpolicy.Jurisdiction, rule_id: str, data: Any) -> None:
    """Draw a date and facts for *rule_id*; the compiled answer is the reference's."""
    on = data.draw(rule_dates(j, rule_id), label="on")
    raw = data.draw(facts(j, rule_id, on=on, allow_missing=True), label="facts")
    prepared = j.prepare(raw, unknown_facts="report")
    version = _version(j, rule_id, on)
    reference = in_library_context(j._evaluate_eager)(version, prepared, on, False)
    compiled = in_library_context(j._evaluate_version)(version, prepared, on, False)
    assert _answer(compiled) == _answer(reference)
    assert compiled == reference


@pytest.mark.parametrize(("code", "rule_id"), CASES)
def test_compiled_why_names_what_the_explanation_names(code: str, rule_id: str) -> None:
    """With no facts at all, every rule's missing facts and reasons are the explanation's."""
    j = JURISDICTIONS[code]
    for start, _end in j.windows(rule_id):
        version = _version(j, rule_id, start)
        prepared = j.prepare({})
        outcome = in_library_context(j._evaluate_eager)(version, prepared, start, True).criteria
        compiled = j._compiled_version(version, start)
        truth, missing, reasons = in_library_context(compiled.why)(prepared._data, start)
        assert outcome is not None
        assert truth is outcome.truth
        assert missing == outcome.missing_facts()
        assert reasons == outcome.reasons()


_DOC = innovpolicy.Document(
    "t-doc", "测〔2020〕1号", "测试办法", "Test measures", "测", date(2020, 1, 1)
)
_CITE = innovpolicy.Citation(_DOC, "第一条", "按合同金额的10%给予补助，最高1000元")


def _stepped_rate_stack() -> innovpolicy.Jurisdiction:
    """One rule whose rate parameter changes value inside the rule's window."""
    rate = innovpolicy.Parameter(
        "t.rate",
        "rate",
        "ratio",
        (
            innovpolicy.DatedValue(Decimal("0.10"), date(2020, 1, 1), _CITE, date(2021, 5, 31)),
            innovpolicy.DatedValue(Decimal("0.20"), date(2021, 6, 1), _CITE),
        ),
    )
    rule = innovpolicy.Rule(
        id="T-SUB",
        kind="incentive",
        title_en="subsidy",
        title_zh="补助",
        citation=_CITE,
        criteria=a.is_true("owns_ip", label="ip", wording="知识产权"),
        amount=a.RateOf(a.param("t.rate"), a.fact("contract_amount"), "rate"),
    )
    layer = innovpolicy.Layer(
        code="t", name_zh="测", name_en="T", documents=(_DOC,), parameters=(rate,), rules=(rule,)
    )
    return innovpolicy.Jurisdiction((layer,))


def test_compiled_closures_are_cached_for_the_span_of_their_parameters() -> None:
    """A rule is compiled once per span of dates over which its parameters hold still;
    a date across a parameter's change gets its own compilation with the new value."""
    j = _stepped_rate_stack()
    (version,) = j._lookup("T-SUB")
    early = j._compiled_version(version, date(2020, 3, 1))
    assert j._compiled_version(version, date(2021, 5, 31)) is early
    assert j._compiled_version(version, date(2020, 1, 1)) is early
    late = j._compiled_version(version, date(2021, 6, 1))
    assert late is not early
    assert j._compiled_version(version, date(2030, 1, 1)) is late
    firm = {"owns_ip": True, "contract_amount": "1000"}
    amounts = [j.evaluate("T-SUB", firm, day).amount for day in ("2021-05-31", "2021-06-01")]
    assert amounts == [Decimal("100.00"), Decimal("200.00")]


def test_every_answer_across_a_parameter_change_is_the_references() -> None:
    """Dates on both sides of every parameter change of every rule give reference answers."""
    j = JURISDICTIONS["xining"]
    firm = {
        "employees": 100,
        "sci_tech_staff": 35,
        "rd_staff": 20,
        "owns_ip": True,
        "main_business_is_tech": True,
        "business_start_date": "2010-01-01",
        "finances_sound": True,
        "registered_in_qinghai": True,
    }
    prepared = j.prepare(firm)
    for rule_id in j.rule_ids():
        days = set()
        for version in j._lookup(rule_id):
            for key in version.rule.param_keys():
                for _layer, parameter in j._params.get(key, ()):
                    for dated in parameter.values:
                        days.update((dated.valid_from - timedelta(days=1), dated.valid_from))
        for day in sorted(days):
            for version in j._lookup(rule_id):
                if version.covers(day):
                    reference = in_library_context(j._evaluate_eager)(version, prepared, day, False)
                    compiled = in_library_context(j._evaluate_version)(
                        version, prepared, day, False
                    )
                    assert _answer(compiled) == _answer(reference), (rule_id, day)


@attrs.frozen
class _EvenEmployees(Criterion):
    """A plugin's own criterion kind, which the compiler does not know."""

    label: str = "an even number of employees"

    def test(self, ctx: Context) -> Truth:
        value = ctx.facts.get("employees")
        if value is None:
            return Truth.UNKNOWN
        return Truth.of(value % 2 == 0)

    def explain(self, ctx: Context) -> Outcome:
        truth = self.test(ctx)
        missing = ("employees",) if truth is Truth.UNKNOWN else ()
        return Outcome(self.label, truth, "custom", missing=missing)

    def fact_names(self) -> tuple[str, ...]:
        return ("employees",)


def test_a_node_kind_the_compiler_does_not_know_is_evaluated_by_its_own_methods() -> None:
    j = JURISDICTIONS["xining"]
    rule = a.Rule(
        id="X-EVEN",
        kind="designation",
        title_en="even",
        title_zh="偶数",
        citation=j.rule("QH-TBE", "2019-06-30").citation,
        criteria=a.all_of(_EvenEmployees(), a.is_true("owns_ip", label="ip", wording="知识产权")),
    )
    compiled = compile_rule(rule.criteria, None, j, date(2019, 6, 30))
    on = date(2019, 6, 30)
    assert compiled.why({"employees": 4, "owns_ip": True}, on)[0] is Truth.TRUE
    assert compiled.why({"employees": 3, "owns_ip": True}, on)[0] is Truth.FALSE
    assert compiled.why({"owns_ip": True}, on) == (Truth.UNKNOWN, ("employees",), ())
    assert compiled.why({}, on) == (Truth.UNKNOWN, ("employees", "owns_ip"), ())


def test_a_node_kind_the_compiler_does_not_know_is_explained_by_its_own_method() -> None:
    j = JURISDICTIONS["xining"]
    on = date(2019, 6, 30)
    criteria = a.all_of(
        _EvenEmployees(),
        a.at_least(
            "sci_tech_staff", a.param("qh.erc.min_senior_staff"), label="staff", wording="人员"
        ),
    )
    compiled = compile_rule(criteria, None, j, on)
    for firm in ({"employees": 4, "sci_tech_staff": 7}, {"sci_tech_staff": 2}, {}):
        used: dict[str, Any] = {}
        reference = _Ctx(j, firm, on, True)
        assert compiled.explain(firm, on, used) == criteria.explain(reference)
        assert list(used) == list(reference.used or {}) == ["qh.erc.min_senior_staff"]


def test_an_explanation_records_parameters_in_the_order_its_lines_read_them() -> None:
    """The branch of an ``if`` is explained once: its parameters are recorded in the order
    of its lines, also when a test would have skipped the first (its fact is missing)."""
    j = JURISDICTIONS["xining"]
    on = date(2021, 6, 30)
    criteria = a.if_(
        a.is_true("owns_ip", label="ip", wording="知识产权"),
        a.all_of(
            a.at_least("employees", a.param("qh.erc.min_senior_staff"), label="one", wording="一"),
            a.at_least(
                "sci_tech_staff", a.param("qh.erc.min_technical_staff"), label="two", wording="二"
            ),
        ),
        label="if ip",
    )
    compiled = compile_rule(criteria, None, j, on)
    facts = {"owns_ip": True, "sci_tech_staff": 3}  # employees missing: "one" is unknown
    used: dict[str, Any] = {}
    reference = _Ctx(j, facts, on, True)
    outcome = compiled.explain(facts, on, used)
    assert outcome == criteria.explain(reference)
    assert outcome.truth is Truth.FALSE  # "two" fails: decided although "one" is unknown
    expected = ["qh.erc.min_senior_staff", "qh.erc.min_technical_staff"]
    assert list(used) == list(reference.used or {}) == expected


def test_a_parameter_declared_without_a_value_is_undetermined_with_its_reason() -> None:
    """QH-IE's weights have no value in the source: compiled as the interpreter's marker."""
    j = JURISDICTIONS["xining"]
    result = j.evaluate("QH-IE", {}, "2021-06-30")
    version = _version(j, "QH-IE", date(2021, 6, 30))
    reference = in_library_context(j._evaluate_eager)(
        version, j.prepare({}), date(2021, 6, 30), False
    )
    assert _answer(result) == _answer(reference)


def test_the_fast_constructor_builds_an_ordinary_frozen_result() -> None:
    j = JURISDICTIONS["xining"]
    result = j.evaluate("QH-TBE", {"employees": 10}, "2019-06-30", explain=False)
    values = [getattr(result, field.name) for field in attrs.fields(Result)]
    built = new_result(*values)
    assert type(built) is Result
    assert built == Result(
        **{field.alias: value for field, value in zip(attrs.fields(Result), values, strict=True)}
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.status = innovpolicy.Status.ELIGIBLE  # type: ignore[misc]
    assert hash(built) == hash(result)
    assert pickle.loads(pickle.dumps(built)) == built


def _split_with_fractions(total: Decimal, weights: list[Decimal]) -> tuple[Decimal, ...]:
    """The former Fraction implementation of split_exact, as a reference."""
    from fractions import Fraction

    whole = int(total / Decimal("0.01"))
    denominator = Fraction(sum(weights, Decimal(0)))
    raw = [whole * Fraction(w) / denominator for w in weights]
    floors = [r.numerator // r.denominator for r in raw]
    left = whole - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for index in order[:left]:
        floors[index] += 1
    return tuple(Decimal(f) * Decimal("0.01") for f in floors)


@settings(max_examples=300, deadline=None)
@given(
    cents=st.integers(min_value=0, max_value=10**15),
    weights=st.lists(
        st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False), min_size=1, max_size=6
    ).filter(lambda ws: sum(ws) > 0),
)
def test_integer_split_equals_the_fraction_split(cents: int, weights: list[Decimal]) -> None:
    total = Decimal(cents) * Decimal("0.01")
    assert split_exact(total, weights) == _split_with_fractions(total, weights)


class _Recording(dict):  # type: ignore[type-arg]
    """Facts that remember every key read."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.read: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)


@pytest.mark.parametrize(("code", "rule_id"), CASES)
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_rule_reads_no_fact_it_does_not_declare(code: str, rule_id: str, data: Any) -> None:
    """The keys a compiled rule lists as read are every key its closures read, so the
    answer kept for "none of them given" is never served to a firm that gave one."""
    j = JURISDICTIONS[code]
    on = data.draw(rule_dates(j, rule_id), label="on")
    raw = data.draw(facts(j, rule_id, on=on, allow_missing=True), label="facts")
    prepared = j.prepare(raw, unknown_facts="report")
    compiled = j._compiled_version(_version(j, rule_id, on), on)
    if compiled.opaque:
        return  # a node evaluated by its own methods: never answered from the kept answer
    recording = _Recording(prepared._data)
    in_library_context(compiled._answer)(recording, on)
    assert recording.read <= compiled.keys_read(on)
    # the explanation (criteria and amount steps, by the reference interpreter) reads
    # nothing more either; payers' names are read for the shares, which are not kept
    explaining = _Recording(prepared._data)
    ctx = _Ctx(j, explaining, on, True)
    rule = _version(j, rule_id, on).rule

    def explain() -> None:
        rule.criteria.explain(ctx)
        if rule.amount is not None:
            rule.amount.compute(ctx)
            rule.amount.explain(ctx)

    in_library_context(explain)()
    assert explaining.read <= compiled.keys_read(on)


def reference_explained(
    j: innovpolicy.Jurisdiction, version: Any, prepared: Any, on: date
) -> dict[str, Any]:
    result: dict[str, Any] = in_library_context(j._explain_eagerly)(version, prepared, on).to_dict()
    return result


def test_the_answer_without_any_fact_read_is_kept_per_date_and_equals_the_reference() -> None:
    j = innovpolicy.load("xining")  # fresh caches
    on = date(2021, 6, 30)
    firm = {"employees": 100, "sci_tech_staff": 35, "owns_ip": True, "district": "城东区"}
    prepared = j.prepare(firm)
    kept = 0
    for rule_id in j.rule_ids():
        versions = [v for v in j._lookup(rule_id) if v.covers(on)]
        if not versions:
            continue
        version = versions[0]
        reference = in_library_context(j._evaluate_eager)(version, prepared, on, False)
        first = j.evaluate(rule_id, prepared, on, explain=False)
        second = j.evaluate(rule_id, prepared, on, explain=False)
        assert _answer(first) == _answer(second) == _answer(reference), rule_id
        compiled = j._compiled_version(version, on)
        if compiled.given_none(prepared._data, on):
            assert on in compiled.absent
            kept += 1
            explained = j.evaluate(rule_id, prepared, on)
            assert explained.to_dict() == reference_explained(j, version, prepared, on)
            assert on in compiled.explained
            again = j.evaluate(rule_id, prepared, on)
            assert again.render() == explained.render() and again == explained
    assert kept > 20  # most rules are for other kinds of applicant than this firm


def test_threads_sharing_a_jurisdiction_get_the_same_answers() -> None:
    """Compilation and the kept answers are filled in by whichever thread asks first;
    threads racing on a fresh jurisdiction still all get the single-threaded answers."""
    import threading

    firms = [
        {"employees": 100 + i, "sci_tech_staff": 30 + i, "owns_ip": i % 2 == 0} for i in range(8)
    ]
    days = [date(2019, 6, 30), date(2021, 6, 30)]
    expected = {
        (i, day): [_answer(r) for r in innovpolicy.load("xining").evaluate_all(firm, day)]
        for i, firm in enumerate(firms)
        for day in days
    }
    shared = innovpolicy.load("xining")
    failures: list[str] = []
    start = threading.Barrier(8)

    def work(i: int) -> None:
        start.wait()
        for day in days:
            got = [_answer(r) for r in shared.evaluate_all(firms[i], day, explain=False)]
            if got != expected[(i, day)]:
                failures.append(f"firm {i} on {day}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_an_explanation_lists_the_parameters_its_shares_read() -> None:
    """A refinement's weights (Xining splits the prefecture's share city : district) are
    parameters of the explanation, after the rule's own, in the lazy and eager results."""
    from innovpolicy._example import EXAMPLE_DATE, EXAMPLE_FACTS

    j = JURISDICTIONS["xining"]
    result = j.evaluate("QH20-TECH-INTRO", EXAMPLE_FACTS, EXAMPLE_DATE)
    assert [s.role for s in result.shares] == ["province", "city", "district"]
    keys = [p.key for p in result.parameters]
    assert keys[-2:] == ["xn.matching.city_weight", "xn.matching.district_weight"]
    version = _version(j, "QH20-TECH-INTRO", EXAMPLE_DATE)
    eager = in_library_context(j._explain_eagerly)(version, j.prepare(EXAMPLE_FACTS), EXAMPLE_DATE)
    assert eager.parameters == result.parameters
    assert "xn.matching.city_weight" in result.render()


# ---------------------------------------------------------------- the other readings
# A reading switch ("qh.platform.must_land >= 1") is decided when a rule is compiled,
# and the branch it guards is compiled only when taken. A layer selecting every other
# reading the stack offers checks that what is compiled then still gives the
# reference's answers, rule by rule.

_READINGS_DOC = innovpolicy.Document(
    "readings-test", "测试〔2000〕1号", "测试", "test", "测试", date(2000, 1, 1)
)
_OTHER_READINGS = {
    "qh.erc.agri_also_general_area": 1,
    "qh.erc.rd_years": 3,
    "qh.erc.growth_years": 2,
    "qh.major.annual_report_strict": 1,
    "qh.platform.must_land": 1,
    "qh.top500.list_choice": 2,
    "qh.incubator_tax.any_level_park": 1,
    "qh.vc.deduction_years_from_2020": 0,
    "xn.reward_share.main_basis": 0,
}
OTHER = innovpolicy.load(
    "xining",
    layers=[
        innovpolicy.Layer(
            code="other-readings",
            name_zh="另一种理解",
            name_en="the other readings",
            parent="xining",
            documents=(_READINGS_DOC,),
            overrides=tuple(
                a.constant(
                    key,
                    value,
                    a.Citation(_READINGS_DOC, "第一条", "测试"),
                    key,
                    parameter.unit,
                    valid_from=dated.valid_from,  # the window of the value overridden
                    valid_to=dated.valid_to,
                )
                for key, value in _OTHER_READINGS.items()
                for parameter in [JURISDICTIONS["xining"]._params[key][0][1]]
                for dated in parameter.values
            ),
        )
    ],
)
_SWITCHED = sorted(
    rule_id
    for rule_id in OTHER.rule_ids()
    if any(key in _OTHER_READINGS for v in OTHER._lookup(rule_id) for key in v.rule.param_keys())
)


def test_the_other_readings_cover_switches() -> None:
    assert {"QH20-PLATFORM", "QH-ERC", "QH20-TOP500-RD", "XN20-REWARD-SHARE"} <= set(_SWITCHED)


@pytest.mark.parametrize("rule_id", _SWITCHED)
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_compiled_answer_under_the_other_readings_equals_the_reference(
    rule_id: str, data: Any
) -> None:
    _compiled_equals_reference(OTHER, rule_id, data)


def test_a_switched_off_reading_asks_nothing_and_a_switched_on_one_does() -> None:
    platform = {"achievements_transformed": 3, "transaction_volume": "1000000"}
    usual = JURISDICTIONS["xining"].evaluate("QH20-PLATFORM", platform, "2021-06-30")
    assert usual.status is innovpolicy.Status.ELIGIBLE and usual.missing == ()
    other = OTHER.evaluate("QH20-PLATFORM", platform, "2021-06-30")
    assert other.status is innovpolicy.Status.UNDETERMINED
    assert other.missing == ("platform_landed_in_qinghai",)
    landed = OTHER.evaluate(
        "QH20-PLATFORM", {**platform, "platform_landed_in_qinghai": True}, "2021-06-30"
    )
    assert landed.amount == usual.amount == Decimal("15000.00")
