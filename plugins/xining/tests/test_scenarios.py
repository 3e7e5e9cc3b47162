"""Run every scenario file of the Xining plugin against the core in this repo."""

from __future__ import annotations

from pathlib import Path

from innovpolicy.testing import iter_scenario_files, load_scenarios, scenario_tests

HERE = Path(__file__).parent / "scenarios"
SCENARIOS = [s for path in iter_scenario_files(HERE) for s in load_scenarios(path)]

test_scenario = scenario_tests(HERE)


def test_every_slice_rule_has_scenarios() -> None:
    assert {s.rule for s in SCENARIOS} >= {
        "XN20-CONTRACT-BUYER",
        "XN20-CONTRACT-BROKER",
        "XN20-GROWTH",
    }


def test_every_rule_has_a_not_in_force_scenario() -> None:
    out_of_force = {s.rule for s in SCENARIOS if s.status == "not_in_force"}
    assert out_of_force == {s.rule for s in SCENARIOS if s.rule.startswith("XN20-")}
