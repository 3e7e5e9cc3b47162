"""Coverage of the scenario files of the Qinghai plugin against the core in this repo."""

from __future__ import annotations

from pathlib import Path

from innovpolicy.testing import iter_scenario_files, load_scenarios

HERE = Path(__file__).parent / "scenarios"
SCENARIOS = [s for path in iter_scenario_files(HERE) for s in load_scenarios(path)]

# The scenario files themselves are collected and run by innovpolicy's pytest plugin
# (every *.toml under a "scenarios" directory); these tests check their coverage.


def test_every_slice_rule_has_scenarios() -> None:
    assert {s.rule for s in SCENARIOS} >= {
        "QH-TBE",
        "QH-ERC",
        "QH-KL",
        "QH20-PLATFORM",
        "QH20-TECH-INTRO",
        "QH20-RD-SUBSIDY",
    }


def test_every_rule_has_a_not_in_force_scenario() -> None:
    out_of_force = {s.rule for s in SCENARIOS if s.status == "not_in_force"}
    assert out_of_force == {s.rule for s in SCENARIOS}
