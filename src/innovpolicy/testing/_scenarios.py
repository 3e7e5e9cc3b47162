"""Scenario files: TOML files of facts → expected answers, with the citation.

A scenario file::

    jurisdiction = "qinghai"
    layers = []             # optional: declarative layer files (paths relative to this
                            # file) stacked on the jurisdiction, as with load(layers=...)

    [bases.firm]            # reusable fact sets
    employees = 100
    sci_tech_staff = 30

    [[scenario]]
    name = "exactly 30% S&T staff is enough (以上 is inclusive)"
    rule = "QH-TBE"
    on = 2019-06-30
    base = "firm"
    facts = { sci_tech_staff = 30 }   # merged over the base
    remove = []                       # base facts to drop (to test missing facts)
    status = "eligible"
    amount = "100000.00"              # optional
    shares = { province = "80000.00" }  # optional, by payer role
    missing = ["owns_ip"]             # optional, exact list
    citation = { document = "青科发高新[2014]188号", article = "第三条" }

Decimals are written as strings: TOML floats are binary and are refused.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .._jurisdiction import Jurisdiction
from .._rules import Result


class ScenarioMismatch(AssertionError):
    """A scenario's expectation differs from the engine's answer."""


@attrs.frozen
class Scenario:
    """One expectation: a rule, facts and a date, and the answer the text dictates."""

    name: str
    path: str
    jurisdiction: str
    rule: str
    on: date
    facts: Mapping[str, Any]
    status: str
    amount: Decimal | None = None
    amount_range: tuple[Decimal, Decimal | None] | None = None
    shares: Mapping[str, Decimal] | None = None
    missing: tuple[str, ...] | None = None
    citation: Mapping[str, str] | None = None
    layers: tuple[str, ...] = ()


def _scenario(raw: Mapping[str, Any], defaults: Mapping[str, Any], path: Path) -> Scenario:
    name = raw.get("name") or f"{raw.get('rule')} @ {raw.get('on')}"
    bases = defaults.get("bases", {})
    facts: dict[str, Any] = {}
    base = raw.get("base")
    if base is not None:
        if base not in bases:
            raise ValueError(f"{path}: scenario {name!r} uses unknown base {base!r}")
        facts.update(bases[base])
    facts.update(raw.get("facts", {}))
    for key in raw.get("remove", ()):
        facts.pop(key, None)
    amount_range = raw.get("amount_range")
    shares = raw.get("shares")
    return Scenario(
        name=name,
        path=str(path),
        jurisdiction=raw.get("jurisdiction", defaults.get("jurisdiction", "")),
        rule=raw["rule"],
        on=raw["on"],
        facts=facts,
        status=raw["status"],
        amount=Decimal(raw["amount"]) if "amount" in raw else None,
        amount_range=(
            (
                Decimal(amount_range[0]),
                None if amount_range[1] in ("", "open") else Decimal(amount_range[1]),
            )
            if amount_range
            else None
        ),
        shares={k: Decimal(v) for k, v in shares.items()} if shares else None,
        missing=tuple(raw["missing"]) if "missing" in raw else None,
        citation=raw.get("citation"),
        layers=tuple(str((path.parent / layer).resolve()) for layer in defaults.get("layers", ())),
    )


def load_scenarios(path: str | Path) -> list[Scenario]:
    """Read every scenario of one TOML file."""
    file = Path(path)
    with file.open("rb") as handle:
        data = tomllib.load(handle)
    return [_scenario(raw, data, file) for raw in data.get("scenario", [])]


def iter_scenario_files(directory: str | Path) -> Iterator[Path]:
    yield from sorted(Path(directory).glob("*.toml"))


def check_scenario(jurisdiction: Jurisdiction, scenario: Scenario) -> Result:
    """Evaluate *scenario*; raise :class:`ScenarioMismatch` with the explanation if it fails."""
    result = jurisdiction.evaluate(scenario.rule, scenario.facts, scenario.on)
    problems: list[str] = []
    if result.status.value != scenario.status:
        problems.append(f"status: expected {scenario.status}, got {result.status.value}")
    if scenario.amount is not None and result.amount != scenario.amount:
        problems.append(f"amount: expected {scenario.amount}, got {result.amount}")
    if scenario.amount_range is not None:
        got = (result.amount_range.low, result.amount_range.high) if result.amount_range else None
        if got != scenario.amount_range:
            problems.append(f"amount range: expected {scenario.amount_range}, got {got}")
    if scenario.shares is not None:
        got_shares = {share.role: share.amount for share in result.shares}
        if got_shares != dict(scenario.shares):
            problems.append(f"shares: expected {dict(scenario.shares)}, got {got_shares}")
    if scenario.missing is not None and set(result.missing) != set(scenario.missing):
        problems.append(
            f"missing facts: expected {sorted(scenario.missing)}, got {sorted(result.missing)}"
        )
    if scenario.citation is not None:
        document = scenario.citation.get("document")
        article = scenario.citation.get("article")
        if document is not None and result.citation.document.number != document:
            problems.append(
                f"citation document: expected {document}, got {result.citation.document.number}"
            )
        if article is not None and result.citation.article != article:
            problems.append(f"citation article: expected {article}, got {result.citation.article}")
    if problems:
        expected = _summary(
            scenario.status, scenario.amount, scenario.shares, scenario.missing, scenario.citation
        )
        actual = _summary(
            result.status.value,
            result.amount if scenario.amount is not None else None,
            {share.role: share.amount for share in result.shares} if scenario.shares else None,
            result.missing if scenario.missing is not None else None,
            {"document": result.citation.document.number, "article": result.citation.article}
            if scenario.citation
            else None,
        )
        diff = "\n".join(
            difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=0)
        )
        raise ScenarioMismatch(
            f"scenario {scenario.name!r} ({scenario.path}):\n  "
            + "\n  ".join(problems)
            + f"\n\n{diff}\n\nexplanation:\n"
            + result.render()
        )
    return result


def _summary(
    status: str,
    amount: Decimal | None,
    shares: Mapping[str, Decimal] | None,
    missing: tuple[str, ...] | None,
    citation: Mapping[str, str] | None,
) -> list[str]:
    lines = [f"status: {status}"]
    if amount is not None:
        lines.append(f"amount: {amount}")
    for role, share in sorted((shares or {}).items()):
        lines.append(f"share {role}: {share}")
    if missing is not None:
        lines.append(f"missing: {', '.join(sorted(missing)) or '(none)'}")
    for key, value in sorted((citation or {}).items()):
        lines.append(f"citation {key}: {value}")
    return lines
