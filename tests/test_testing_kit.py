"""The testing kit: strategies, invariants (and the mistakes they catch), pytest plugin."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import innovpolicy
from innovpolicy import Citation, Document, Layer, Rule, Status
from innovpolicy import authoring as a
from innovpolicy._amounts import Share, Step
from innovpolicy.testing import invariants, strategies
from innovpolicy.testing._probes import wording_ops
from innovpolicy.testing.invariants import InvariantError

pytest_plugins = ["pytester"]

XINING = innovpolicy.load("xining")
ON = date(2019, 6, 30)


# ---------------------------------------------------------------- strategies


@given(st.from_type(innovpolicy.Enterprise))
def test_from_type_builds_valid_enterprises(firm: innovpolicy.Enterprise) -> None:
    assert isinstance(firm, innovpolicy.Enterprise)
    if firm.employees is not None and firm.sci_tech_staff is not None:
        assert firm.sci_tech_staff <= firm.employees


@given(
    st.one_of(
        strategies.platforms(),
        strategies.research_institutes(),
        strategies.technology_contracts(),
        strategies.patents(),
    )
)
def test_every_entity_kind_has_a_strategy(entity: object) -> None:
    XINING.prepare(entity)


@given(strategies.facts(XINING, "QH-TBE", on=ON))
def test_facts_hold_exactly_the_declared_facts_and_validate(facts: dict[str, object]) -> None:
    assert set(facts) == {spec.name for spec in XINING.facts_for("QH-TBE")}
    XINING.prepare(facts)
    assert XINING.evaluate("QH-TBE", facts, ON).status is not Status.NOT_IN_FORCE


def test_facts_are_steered_towards_thresholds() -> None:
    seen: set[tuple[object, object]] = set()

    @given(strategies.facts(XINING, "QH-TBE", on=ON))
    def collect(facts: dict[str, object]) -> None:
        seen.add((facts["sci_tech_staff"], facts["employees"]))

    collect()
    ratios = {Decimal(s) / Decimal(e) for s, e in seen if e}  # type: ignore[arg-type]
    assert Decimal("0.3") in ratios, "the 30% boundary itself is generated"


@given(strategies.facts(XINING, "QH-ERC", on=date(2021, 6, 30), allow_missing=True))
def test_facts_can_leave_some_out(facts: dict[str, object]) -> None:
    XINING.evaluate("QH-ERC", facts, date(2021, 6, 30))


def test_rule_dates_stay_inside_the_territorys_windows() -> None:
    import innovpolicy_qinghai

    from innovpolicy import Supersession

    notice = Document("t-sup", "测〔2020〕2号", "测试", "Test", "测", date(2020, 8, 19))
    layer = Layer(
        code="t-superseding",
        name_zh="测",
        name_en="Test",
        parent="qinghai",
        documents=(notice,),
        supersessions=(
            Supersession("QH20-HORIZONTAL", date(2020, 8, 19), Citation(notice, "一", "不适用")),
        ),
    )
    superseding = innovpolicy.load("t-superseding", plugins=[innovpolicy_qinghai, layer])
    with pytest.raises(ValueError, match="never applies"):
        strategies.rule_dates(superseding, "QH20-HORIZONTAL")

    @given(strategies.rule_dates(XINING, "QH-TBE"))
    def inside(day: date) -> None:
        assert date(2015, 1, 30) <= day <= date(2019, 12, 31)

    inside()


# ---------------------------------------------------------------- invariants hold for our plugins


@pytest.mark.parametrize("code", ["qinghai", "xining", "example-county"])
def test_static_invariants_hold(code: str) -> None:
    jurisdiction = innovpolicy.load(code)
    invariants.check_citations(jurisdiction)
    invariants.check_wording(jurisdiction)
    invariants.check_thresholds(jurisdiction)
    invariants.check_marginal_scales(jurisdiction)


# ---------------------------------------------------------------- ... and catch real mistakes

DOC = Document("t-doc", "测〔2020〕1号", "测试", "Test", "测", date(2020, 1, 1))
CITE = Citation(DOC, "第五条", "对促成不低于3项科技成果在省内转化的科技成果转化平台")


def _jurisdiction(
    *rules: Rule, parameters: tuple[a.Parameter, ...] = ()
) -> innovpolicy.Jurisdiction:
    layer = Layer(
        code="t",
        name_zh="测",
        name_en="Test",
        documents=(DOC,),
        rules=rules,
        parameters=(
            a.constant("t.min", 3, citation=CITE, description="min", unit="count"),
            *parameters,
        ),
    )

    return innovpolicy.load("t", plugins=[layer])


def _designation(criteria: a.Criterion) -> Rule:
    return Rule(
        id="T-PLATFORM",
        kind="designation",
        title_en="t",
        title_zh="测",
        citation=CITE,
        criteria=criteria,
    )


def test_a_boundary_read_as_exclusive_is_caught() -> None:
    """不低于3项 is ≥ 3; an author who wrote more_than (>) excludes a platform with exactly 3."""
    buggy = _jurisdiction(
        _designation(
            a.more_than(
                "achievements_transformed",
                a.param("t.min"),
                label="achievements transformed",
                wording="促成不低于3项科技成果在省内转化",
            )
        )
    )
    with pytest.raises(
        InvariantError, match=r"uses '>' but its wording 「促成不低于3项.*」 says >="
    ):
        invariants.check_wording(buggy)


def test_a_documented_reading_is_accepted() -> None:
    deliberate = _jurisdiction(
        _designation(
            a.more_than(
                "achievements_transformed",
                a.param("t.min"),
                label="achievements",
                wording="促成不低于3项科技成果在省内转化",
                reading="a local rule requires strictly more than 3",
            )
        )
    )
    invariants.check_wording(deliberate)


def test_wording_classifier_follows_the_conventions() -> None:
    assert wording_ops("科技人员占从业人员的30%以上") == {">="}
    assert wording_ops("年专利申请量超过50件") == {">"}
    assert wording_ops("注册成立不满3年") == {"<"}
    assert wording_ops("最高不超过200万元") == {"<="}
    assert wording_ops("不低于1亿元") == {">="}
    assert wording_ops("1000万元以上的部分") == {">"}
    assert wording_ops("连续两年") == set()
    assert wording_ops("其中具有《技术经纪资格证书》的人员不得少于4名") == {">="}
    assert wording_ops("直接投资于种子期、初创期科技型企业满2年的") == {">="}
    assert wording_ops("少于3人") == {"<"}


def test_bounds_and_shares_violations_are_caught() -> None:
    result = XINING.evaluate(
        "QH20-TECH-INTRO",
        {
            "imported_technology_effective": True,
            "transfer_project_rd_total": "5000000",
            "tax_paid": {2018: "100000", 2019: "100000", 2020: "100000"},
            "district": "城东区",
        },
        "2021-06-30",
    )
    invariants.check_amount_bounds(result)
    invariants.check_shares(result)
    too_much = attrs.evolve(result, amount=Decimal("300000.01"))
    with pytest.raises(InvariantError, match="exceeds the bound"):
        invariants.check_amount_bounds(too_much)
    lost_fen = attrs.evolve(
        result, shares=(Share("province", None, Decimal("240000.00"), Decimal(8)),)
    )
    with pytest.raises(InvariantError, match="add up to"):
        invariants.check_shares(lost_fen)
    assert isinstance(result.amount_steps, Step) and result.amount_steps.kind == "least"


def test_missing_facts_invariant() -> None:
    complete = {"achievements_transformed": 3, "transaction_volume": "100"}
    invariants.check_missing_facts(
        XINING, "QH20-PLATFORM", complete, {"achievements_transformed": 3}, ON
    )
    contradicting = {"achievements_transformed": 2}
    with pytest.raises(InvariantError, match="change the answer"):
        invariants.check_missing_facts(
            XINING, "QH20-PLATFORM", {"achievements_transformed": 3, "transaction_volume": "1"},
            contradicting, date(2021, 6, 30),
        )  # fmt: skip


def test_monotonicity_is_checked_for_lower_threshold_rules() -> None:
    facts = {
        "rd_staff": 15,
        "senior_title_staff": 5,
        "provincial_discipline_leaders": 1,
        "rd_projects_per_year": 2,
        "research_floor_area": "800",
        "equipment_value": "2000000",
        "host_kind": "institute",
    }
    invariants.check_result(XINING, "QH-KL", facts, date(2021, 6, 30))
    upside_down = _jurisdiction(
        _designation(
            a.at_least(
                a.fact("achievements_transformed"), a.param("t.min"), label="a", wording="不低于3项"
            )
        )
    )
    invariants.check_monotone(
        upside_down, "T-PLATFORM", {"achievements_transformed": 4}, date(2021, 6, 30)
    )


def test_determinism_and_mutation_are_checked() -> None:
    facts = {"achievements_transformed": 3, "transaction_volume": "12000000"}
    result = invariants.check_deterministic(XINING, "QH20-PLATFORM", facts, date(2021, 6, 30))
    assert result.amount == Decimal("170000.00")


# ---------------------------------------------------------------- the pytest plugin

SCENARIOS = """
jurisdiction = "qinghai"

[[scenario]]
name = "platform with exactly three achievements"
rule = "QH20-PLATFORM"
on = 2021-06-30
facts = { achievements_transformed = 3, transaction_volume = "10000000" }
status = "eligible"
amount = "150000.00"

[[scenario]]
name = "a wrong expectation"
rule = "QH20-PLATFORM"
on = 2021-06-30
facts = { achievements_transformed = 2, transaction_volume = "10000000" }
status = "eligible"
"""


def test_pytest_plugin_collects_scenario_files(pytester: pytest.Pytester) -> None:
    pytester.mkdir("scenarios")
    pytester.path.joinpath("scenarios", "platform.toml").write_text(SCENARIOS, encoding="utf-8")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*status: expected eligible, got ineligible*",
            "*-status: eligible*",
            "*+status: ineligible*",
            "*explanation:*",
            "*[[]✗] achievements transformed in Qinghai: actual 2, required >= 3*",
        ]
    )


def test_pytest_plugin_ignores_other_toml_files(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", config='title = "not a scenario file"')
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes()


def test_invariants_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_all(innovpolicy_invariants):
            innovpolicy_invariants("xining", max_examples=5)
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
