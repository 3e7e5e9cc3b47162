"""The comparison of two jurisdictions' answers and the versions of a rule: value classes
built when first used (``Jurisdiction.compare``, ``Jurisdiction.version_info``), not by
``import innovpolicy`` (attrs builds each class in about 1.8 M instructions)."""

from __future__ import annotations

from datetime import date

from ._criteria import Resolved
from ._frozen import frozen
from ._rules import Result, Rule
from ._values import in_library_context


@frozen
class VersionInfo:
    """One version of a rule as it applies in a jurisdiction (see ``version_info``)."""

    rule: Rule
    layer: str
    start: date
    end: date | None
    ended_by: str = ""


@frozen
class ComparedRule:
    """One rule's answers under two jurisdictions."""

    rule_id: str
    change: str
    base: Result | None
    other: Result | None
    changed_parameters: tuple[tuple[Resolved, Resolved], ...] = ()


@frozen
class Comparison:
    """What one jurisdiction adds to and changes in another's answers for the same facts."""

    base: str
    other: str
    on: date
    rules: tuple[ComparedRule, ...]
    ignored_base: tuple[str, ...] = ()
    ignored_other: tuple[str, ...] = ()

    def of(self, change: str) -> tuple[ComparedRule, ...]:
        """The rows of one kind of change: ``added``, ``removed``, ``changed`` or ``same``."""
        return tuple(row for row in self.rules if row.change == change)

    @in_library_context
    def render(self) -> str:
        """Readable text: every rule that differs, with the parameters that changed."""
        lines = [f"{self.other} compared with {self.base} on {self.on}:"]
        for row in self.rules:
            if row.change == "same":
                continue
            lines.append(
                f"  {row.change.upper():8} {row.rule_id}: {_brief(row.base)} → {_brief(row.other)}"
            )
            for before, after in row.changed_parameters:
                lines.append(
                    f"           {after.key}: {before.value} ({before.layer}) → {after.value} "
                    f"({after.layer}, {after.dated.citation.document.number} {after.dated.citation.article})"
                )
        same = len(self.of("same"))
        lines.append(f"  {same} rule(s) answer the same")
        if self.ignored_base:
            lines.append(f"  facts {self.base} does not declare: {', '.join(self.ignored_base)}")
        if self.ignored_other:
            lines.append(f"  facts {self.other} does not declare: {', '.join(self.ignored_other)}")
        return "\n".join(lines)


def _brief(result: Result | None) -> str:
    if result is None:
        return "—"
    text = result.status.value
    if result.amount is not None:
        text += f" {result.amount}"
    if result.shares:
        text += " [" + ", ".join(f"{s.role} {s.amount}" for s in result.shares) + "]"
    return text


__all__ = ["ComparedRule", "Comparison", "VersionInfo"]
