"""The testing kit for innovpolicy plugins (install the ``testing`` extra).

- Scenario files: TOML files of facts → expected answers with the citation, run by
  the pytest plugin that ships with innovpolicy (any ``scenarios/*.toml`` under a
  test directory is collected); :func:`check_scenario` runs one from your own code.
- Hypothesis strategies (:mod:`innovpolicy.testing.strategies`): ``enterprises()``,
  ``platforms()``..., and ``facts(jurisdiction, rule_id, on=...)`` steered towards a
  rule's thresholds. ``st.from_type(Enterprise)`` works once Hypothesis is imported.
- Generic invariants (:mod:`innovpolicy.testing.invariants`) any plugin's rules can be
  checked against, and :func:`~innovpolicy.testing.invariants.check_jurisdiction`
  running them all (also the ``innovpolicy_invariants`` pytest fixture).

- :func:`round_payable`: the engine's rounding of payable amounts — once, at the end,
  to the fen, **half up** (0.005 → 0.01; not banker's rounding), whatever the caller's
  decimal context. Use it in your own oracles.

Submodules are imported lazily, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from .._values import round_payable
from ._scenarios import (
    Scenario,
    ScenarioMismatch,
    check_scenario,
    iter_scenario_files,
    load_scenarios,
)

__all__ = [
    "Scenario",
    "ScenarioMismatch",
    "check_scenario",
    "invariants",
    "iter_scenario_files",
    "load_scenarios",
    "round_payable",
    "strategies",
]


def __getattr__(name: str) -> Any:
    if name in ("strategies", "invariants"):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
