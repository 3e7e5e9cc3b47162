"""Coverage of the scenario files of the Xining plugin against the core in this repo."""

from __future__ import annotations

from pathlib import Path

from innovpolicy.testing import iter_scenario_files, load_scenarios

HERE = Path(__file__).parent / "scenarios"
SCENARIOS = [s for path in iter_scenario_files(HERE) for s in load_scenarios(path)]

# The scenario files themselves are collected and run by innovpolicy's pytest plugin
# (every *.toml under a "scenarios" directory); these tests check their coverage.


def test_every_xining_rule_has_scenarios() -> None:
    """Every XN20 catalog id (CATALOG.md section C) has scenarios."""
    catalog = {
        "XN20-ALLIANCE", "XN20-CONTRACT-BROKER", "XN20-CONTRACT-BUYER", "XN20-FUND",
        "XN20-GROWTH", "XN20-HORIZONTAL", "XN20-INCUBATOR", "XN20-LAB", "XN20-MAJOR-DEAL",
        "XN20-MATCHING", "XN20-PILOT", "XN20-PRECEDENCE", "XN20-REWARD-SHARE",
        "XN20-WORKSTATION",
    }  # fmt: skip
    assert {s.rule for s in SCENARIOS} >= catalog


def test_every_rule_has_a_not_in_force_scenario() -> None:
    out_of_force = {s.rule for s in SCENARIOS if s.status == "not_in_force"}
    assert out_of_force >= {s.rule for s in SCENARIOS if s.rule.startswith("XN20-")}


def test_the_plugin_implements_every_xn20_catalog_id() -> None:
    import innovpolicy

    xining = innovpolicy.load("xining")
    own = {
        rid
        for rid in xining.rule_ids()
        if xining.versions(rid)[-1].citation.document.key.startswith("xn-")
    }
    assert own == {
        "XN20-ALLIANCE", "XN20-CONTRACT-BROKER", "XN20-CONTRACT-BUYER", "XN20-FUND",
        "XN20-GROWTH", "XN20-HORIZONTAL", "XN20-INCUBATOR", "XN20-LAB", "XN20-MAJOR-DEAL",
        "XN20-MATCHING", "XN20-PILOT", "XN20-PRECEDENCE", "XN20-REWARD-SHARE",
        "XN20-WORKSTATION",
    }  # fmt: skip
    layer = xining.chain[-1]
    assert layer.refinements and layer.refinements[0].citation.article == "17"  # XN20-MATCHING
