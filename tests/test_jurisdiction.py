from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import Citation, Document, FactSpec, Layer, Rule, Status, Supersession, hookimpl
from innovpolicy import authoring as a
from innovpolicy.exceptions import (
    InvalidFactError,
    PluginError,
    RuleNotInForceError,
    UnknownJurisdictionError,
    UnknownRuleError,
)

PROV_DOC = Document(
    "p-doc", "省〔2020〕1号", "省测试办法", "Province test measures", "省", date(2020, 1, 1)
)
CITY_DOC = Document(
    "c-doc", "市〔2021〕2号", "市测试办法", "City test measures", "市", date(2021, 1, 1)
)
P = Citation(PROV_DOC, "第一条", "按合同金额的10%给予补助，最高1000元")
C = Citation(CITY_DOC, "第二条", "按合同金额的20%给予补助")
FLAG = FactSpec("flag", "boolean", "test flag")


def _subsidy(rule_id: str, citation: Citation, **kw: Any) -> Rule:
    return Rule(
        id=rule_id,
        kind="incentive",
        title_en=rule_id,
        title_zh=rule_id,
        citation=citation,
        criteria=a.is_true("flag", label="flag", wording="w"),
        amount=a.lesser_of(
            a.RateOf(a.param("p.rate"), a.fact("contract_amount"), "rate"),
            a.cap(a.param("p.cap"), label="cap"),
        ),
        **kw,
    )


PROVINCE = Layer(
    code="prov",
    name_zh="省",
    name_en="Province",
    documents=(PROV_DOC,),
    parameters=(
        a.constant("p.rate", "0.10", citation=P, description="rate", unit="ratio"),
        a.constant("p.cap", 1000, citation=P, description="cap", unit="CNY"),
    ),
    rules=(_subsidy("P-SUB", P), _subsidy("P-OLD", P)),
    facts=(FLAG,),
)

CITY = Layer(
    code="city",
    name_zh="市",
    name_en="City",
    parent="prov",
    documents=(CITY_DOC,),
    overrides=(
        a.constant(
            "p.rate",
            "0.20",
            citation=C,
            description="city rate",
            unit="ratio",
            valid_from=date(2021, 6, 1),
        ),
    ),
    rules=(
        Rule(
            id="C-AWARD",
            kind="incentive",
            title_en="award",
            title_zh="奖励",
            citation=C,
            criteria=a.is_true("flag", label="flag", wording="w"),
            amount=a.Fixed(a.param("c.award"), "award"),
        ),
    ),
    parameters=(a.constant("c.award", 500, citation=C, description="award", unit="CNY"),),
    supersessions=(Supersession("P-OLD", date(2021, 3, 1), C, "city measure prevails"),),
)


class Plugin:
    def __init__(self, layer: Layer | Any, name: str | None = None) -> None:
        self.layer = layer
        self.__name__ = name or f"plugin-{getattr(layer, 'code', 'bad')}"

    @hookimpl
    def innovpolicy_layer(self) -> Layer:
        return self.layer  # type: ignore[no-any-return]


def load(code: str, *layers: Layer | Any) -> innovpolicy.Jurisdiction:
    return innovpolicy.load(code, plugins=[Plugin(layer) for layer in layers])


FACTS = {"flag": True, "contract_amount": "4000"}


def test_child_sees_parent_rules_and_adds_its_own() -> None:
    city = load("city", PROVINCE, CITY)
    prov = load("prov", PROVINCE, CITY)
    assert city.layers == ("prov", "city")
    assert set(city.rule_ids()) == {"P-SUB", "P-OLD", "C-AWARD"}
    assert "C-AWARD" not in prov.rule_ids()
    result = city.evaluate("C-AWARD", FACTS, "2021-07-01")
    assert (result.status, result.amount, result.layer) == (
        Status.ELIGIBLE,
        Decimal("500.00"),
        "city",
    )


def test_override_applies_only_in_child_territory_and_from_its_date() -> None:
    city = load("city", PROVINCE, CITY)
    prov = load("prov", PROVINCE, CITY)
    assert city.evaluate("P-SUB", FACTS, "2021-05-31").amount == Decimal("400.00")
    after = city.evaluate("P-SUB", FACTS, "2021-06-01")
    assert after.amount == Decimal("800.00")
    rate = next(p for p in after.parameters if p.key == "p.rate")
    assert (rate.layer, rate.dated.citation.document.number) == ("city", "市〔2021〕2号")
    assert prov.evaluate("P-SUB", FACTS, "2021-06-01").amount == Decimal("400.00")
    assert city.parameter("p.cap", "2021-06-01").layer == "prov"


def test_supersession_stops_the_parent_rule_in_the_child_only() -> None:
    city = load("city", PROVINCE, CITY)
    prov = load("prov", PROVINCE, CITY)
    assert city.evaluate("P-OLD", FACTS, "2021-02-28").status is Status.ELIGIBLE
    stopped = city.evaluate("P-OLD", FACTS, "2021-03-01")
    assert stopped.status is Status.NOT_IN_FORCE
    assert "superseded in city from 2021-03-01" in stopped.note
    assert prov.evaluate("P-OLD", FACTS, "2021-03-01").status is Status.ELIGIBLE


def test_supersession_with_a_replacement_rule() -> None:
    replacement = _subsidy("P-OLD", C, valid_from=date(2021, 3, 1))
    replacement = attrs.evolve(replacement, amount=a.Fixed(a.param("c.award"), "flat award"))
    city_layer = attrs.evolve(CITY, rules=(*CITY.rules, replacement))
    city = load("city", PROVINCE, city_layer)
    assert city.evaluate("P-OLD", FACTS, "2021-02-28").amount == Decimal("400.00")
    later = city.evaluate("P-OLD", FACTS, "2021-03-01")
    assert (later.amount, later.layer) == (Decimal("500.00"), "city")
    assert city.defined_by("P-OLD", "2021-03-01") == "city"
    assert len(city.versions("P-OLD")) == 2


EMPTY_CHILD = Layer(code="empty", name_zh="空", name_en="Empty", parent="prov")


@given(
    flag=st.booleans() | st.none(),
    amount=st.decimals(min_value=0, max_value=10**7, places=2) | st.none(),
    day=st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
)
def test_child_without_overrides_answers_exactly_like_its_parent(
    flag: bool | None, amount: Decimal | None, day: date
) -> None:
    parent = load("prov", PROVINCE, EMPTY_CHILD)
    child = load("empty", PROVINCE, EMPTY_CHILD)
    facts = {"flag": flag, "contract_amount": amount}
    for rule_id in parent.rule_ids():
        mine, theirs = child.evaluate(rule_id, facts, day), parent.evaluate(rule_id, facts, day)
        assert attrs.evolve(mine, jurisdiction="prov") == theirs


# ---------------------------------------------------------------- bad plugin sets


def _expect_plugin_error(code: str, match: str, *layers: Any) -> PluginError:
    with pytest.raises(PluginError, match=match) as info:
        load(code, *layers)
    error = info.value
    # every plugin error the library raises has its Chinese (--lang zh, Accept-Language: zh)
    chinese = error.message("zh")
    assert error.reason_zh and chinese.startswith(f"插件 {error.plugin!r}："), chinese
    assert chinese != str(error)
    return error


def test_unknown_parent_names_the_plugin() -> None:
    orphan = attrs.evolve(CITY, parent="nowhere")
    error = _expect_plugin_error("city", "unknown parent 'nowhere'", PROVINCE, orphan)
    assert error.plugin == "plugin-city"


def test_parent_cycle() -> None:
    a_layer = Layer(code="a", name_zh="甲", name_en="A", parent="b")
    b_layer = Layer(code="b", name_zh="乙", name_en="B", parent="a")
    _expect_plugin_error("a", "cycle", a_layer, b_layer)


def test_duplicate_catalog_id_across_layers() -> None:
    dup = attrs.evolve(CITY, rules=(_subsidy("P-SUB", C),))
    _expect_plugin_error("city", "duplicate catalog id 'P-SUB'", PROVINCE, dup)


def test_duplicate_catalog_id_with_overlapping_versions() -> None:
    dup = attrs.evolve(
        PROVINCE, rules=(*PROVINCE.rules, _subsidy("P-SUB", P, valid_from=date(2022, 1, 1)))
    )
    _expect_plugin_error("prov", "versions .* overlap", dup)


def test_rule_citing_an_unknown_source() -> None:
    stray = Document("stray", "无〔2020〕9号", "无", "None", "无", date(2020, 1, 1))
    bad = attrs.evolve(CITY, rules=(_subsidy("C-X", Citation(stray, "第一条", "w")),))
    _expect_plugin_error("city", "cites source 'stray'", PROVINCE, bad)


def test_override_of_a_parameter_the_parent_lacks() -> None:
    bad = attrs.evolve(
        CITY, overrides=(a.constant("p.nope", 1, citation=C, description="d", unit="u"),)
    )
    _expect_plugin_error("city", "override of parameter 'p.nope'", PROVINCE, bad)


def test_override_outside_the_overridden_window() -> None:
    bounded_doc = attrs.evolve(PROV_DOC, effective_to=date(2020, 12, 31))
    bounded_cite = Citation(bounded_doc, "第一条", "w")
    prov = attrs.evolve(
        PROVINCE,
        documents=(bounded_doc,),
        parameters=(
            a.constant("p.rate", "0.1", citation=bounded_cite, description="r", unit="ratio"),
            a.constant("p.cap", 1000, citation=bounded_cite, description="c", unit="CNY"),
        ),
        rules=(),
    )
    child = attrs.evolve(CITY, supersessions=(), rules=())
    _expect_plugin_error("city", "falls outside", prov, child)


def test_parameter_redefined_without_override() -> None:
    bad = attrs.evolve(
        CITY,
        parameters=(
            *CITY.parameters,
            a.constant("p.cap", 9, citation=C, description="d", unit="u"),
        ),
    )
    _expect_plugin_error("city", "declare it under overrides", PROVINCE, bad)


def test_rule_using_an_unknown_parameter() -> None:
    rule = Rule(
        id="C-Y",
        kind="incentive",
        title_en="y",
        title_zh="y",
        citation=C,
        criteria=a.is_true("flag", label="f", wording="w"),
        amount=a.Fixed(a.param("c.missing"), "x"),
    )
    bad = attrs.evolve(CITY, rules=(rule,))
    _expect_plugin_error("city", "unknown parameter 'c.missing'", PROVINCE, bad)


def test_supersession_of_an_unknown_rule() -> None:
    bad = attrs.evolve(CITY, supersessions=(Supersession("P-NONE", date(2021, 1, 1), C),))
    _expect_plugin_error("city", "supersedes rule 'P-NONE'", PROVINCE, bad)


def test_hook_returning_something_else() -> None:
    _expect_plugin_error("prov", "returned dict, not Layer", PROVINCE, {"code": "x"})


def test_two_plugins_with_the_same_code() -> None:
    with pytest.raises(PluginError, match="also provided by"):
        innovpolicy.load("prov", plugins=[Plugin(PROVINCE, "one"), Plugin(PROVINCE, "two")])


def test_hook_that_raises() -> None:
    class Broken:
        __name__ = "broken"

        @hookimpl
        def innovpolicy_layer(self) -> Layer:
            raise RuntimeError("boom")

    with pytest.raises(PluginError, match=r"broken.*boom"):
        innovpolicy.load("prov", plugins=[Broken()])


# ---------------------------------------------------------------- lookups and errors


def test_unknown_rule_id_names_it() -> None:
    city = load("city", PROVINCE, CITY)
    with pytest.raises(UnknownRuleError) as info:
        city.evaluate("QH-NOPE", FACTS, "2021-01-01")
    assert "rule_id='QH-NOPE'" in str(info.value)
    assert isinstance(info.value, KeyError)


def test_unknown_jurisdiction() -> None:
    with pytest.raises(UnknownJurisdictionError, match=r"'mars'.*prov"):
        load("mars", PROVINCE)


def test_not_in_force_is_a_status_or_with_strict_an_exception() -> None:
    prov = load("prov", PROVINCE)
    result = prov.evaluate("P-SUB", FACTS, "2019-12-31")
    assert result.status is Status.NOT_IN_FORCE
    assert "not yet in force" in result.note
    with pytest.raises(RuleNotInForceError, match="P-SUB"):
        prov.evaluate("P-SUB", FACTS, "2019-12-31", strict=True)
    with pytest.raises(RuleNotInForceError):
        prov.rule("P-SUB", on="2019-01-01")


def test_bad_date_string_names_the_field() -> None:
    prov = load("prov", PROVINCE)
    with pytest.raises(innovpolicy.exceptions.InvalidFactError, match="on='30/06/2021'"):
        prov.evaluate("P-SUB", FACTS, "30/06/2021")


def test_installed_plugins_load_through_entry_points() -> None:
    assert {"qinghai", "xining"} <= set(innovpolicy.available())
    xining = innovpolicy.load("xining")
    assert xining.layers == ("qinghai", "xining")
    assert xining.defined_by("QH20-PLATFORM", "2021-01-01") == "qinghai"
    assert xining.defined_by("XN20-GROWTH", "2021-01-01") == "xining"
    names = [spec.name for spec in xining.facts_for("QH-TBE")]
    assert names == [
        "main_business_is_tech",
        "business_start_date",
        "finances_sound",
        "main_business_revenue",
        "sales_revenue",
        "sci_tech_staff",
        "employees",
        "rd_expense",
        "sustained_innovation_capacity",
        "owns_ip",
    ]


def test_discretionary_awards_report_a_range_not_a_figure() -> None:
    rule = Rule(
        id="C-RANGE",
        kind="incentive",
        title_en="range",
        title_zh="一事一议",
        citation=C,
        criteria=a.is_true("flag", label="flag", wording="w"),
        amount=a.Discretionary(
            a.param("c.low"), a.param("c.high"), "case by case", "给予50100万元"
        ),
    )
    layer = attrs.evolve(
        CITY,
        rules=(rule,),
        supersessions=(),
        parameters=(
            a.constant("c.low", 500_000, citation=C, description="low", unit="CNY"),
            a.constant("c.high", 1_000_000, citation=C, description="high", unit="CNY"),
        ),
    )
    city = load("city", PROVINCE, layer)
    result = city.evaluate("C-RANGE", {"flag": True}, "2021-07-01")
    assert result.status is Status.ELIGIBLE
    assert result.amount is None
    assert result.amount_range is not None
    assert (result.amount_range.low, result.amount_range.high) == (500_000, 1_000_000)
    assert result.to_dict()["amount_range"] == ["500000", "1000000"]
    assert "discretionary, 500000–1000000 CNY" in result.render()
    assert city.evaluate("C-RANGE", {}, "2021-07-01").status is Status.UNDETERMINED
    assert city.evaluate("C-RANGE", {"flag": False}, "2021-07-01").status is Status.INELIGIBLE


def test_parameter_with_no_value_on_the_date_is_an_error_not_a_default() -> None:
    prov = load("prov", PROVINCE)
    with pytest.raises(innovpolicy.exceptions.NoValueInForceError, match=r"p\.rate"):
        prov.parameter("p.rate", "2019-01-01")


def test_a_repealed_rule_stops_on_its_repeal_date_and_says_so() -> None:
    repealed = _subsidy("P-GONE", P, valid_to=date(2020, 12, 31), repealed_by="省〔2021〕3号")
    prov = load("prov", attrs.evolve(PROVINCE, rules=(*PROVINCE.rules, repealed)))
    assert prov.evaluate("P-GONE", FACTS, "2020-12-31").status is Status.ELIGIBLE
    gone = prov.evaluate("P-GONE", FACTS, "2021-01-01")
    assert gone.status is Status.NOT_IN_FORCE
    assert (
        gone.note
        == "no longer in force: in force 2020-01-01..2020-12-31, repealed by 省〔2021〕3号"
    )


def test_a_replacement_must_be_defined_by_the_superseding_layer() -> None:
    bad = attrs.evolve(
        CITY, supersessions=(Supersession("P-OLD", date(2021, 3, 1), C, replacement="C-NOPE"),)
    )
    _expect_plugin_error("city", "names 'C-NOPE' as replacement", PROVINCE, bad)


def test_layers_can_be_passed_directly() -> None:
    city = innovpolicy.load("city", plugins=[PROVINCE, CITY])
    assert city.layers == ("prov", "city")
    with pytest.raises(PluginError) as info:
        innovpolicy.load("city", plugins=[PROVINCE, attrs.evolve(CITY, parent="nowhere")])
    assert info.value.plugin == "city"


def test_the_compiled_rule_kept_per_date_answers_as_a_fresh_stack() -> None:
    """evaluate keeps the compiled rule found for a rule id and a date; later calls on
    that date, on the days around a parameter change and out of bounds answer as a
    freshly loaded stack does (which finds every rule by its spans)."""
    kept = innovpolicy.load("xining")
    facts = {
        "main_business_is_tech": True,
        "business_start_date": date(2012, 3, 15),
        "finances_sound": True,
        "main_business_revenue": {2018: Decimal(900000), 2019: Decimal(950000)},
        "sales_revenue": {2018: Decimal(1000000), 2019: Decimal(1200000)},
        "rd_expense": {2018: Decimal(30000), 2019: Decimal(45000)},
        "employees": 100,
        "sci_tech_staff": 35,
        "owns_ip": True,
    }
    prepared = kept.prepare(facts)
    days = [date(2019, 6, 30), date(2019, 12, 31), date(2020, 1, 1), date(2020, 8, 19)]
    days += [date(2020, 8, 18), date(2021, 6, 30), date(2019, 6, 30)]
    for rule_id in ("QH-TBE", "QH20-RD-SUBSIDY", "QH20-PLATFORM"):
        for day in days:
            fresh = innovpolicy.load("xining")
            first = kept.evaluate(rule_id, prepared, day)
            again = kept.evaluate(rule_id, prepared, day)
            expected = fresh.evaluate(rule_id, fresh.prepare(facts), day)
            assert first == again == expected
            assert first.render() == again.render() == expected.render()
    for outside in (date(1899, 12, 31), date(2201, 1, 1)):
        with pytest.raises(InvalidFactError, match="on"):
            kept.evaluate("QH-TBE", prepared, outside)
