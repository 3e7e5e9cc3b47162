"""Command line: ``innovpolicy example | evaluate | facts | rules | jurisdictions | docs``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from ._docs import write_docs
from ._example import EXAMPLE_DATE, EXAMPLE_FACTS
from ._jurisdiction import Jurisdiction
from ._loading import available, load, plugin_problems
from ._rules import Status
from .exceptions import InnovPolicyError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="innovpolicy", description=__doc__)
    parser.add_argument(
        "-j", "--jurisdiction", default="xining", help="jurisdiction code (default: xining)"
    )
    # -L/--layer: declarative layer files stacked on -j (issue #11)
    parser.add_argument(
        "-L",
        "--layer",
        action="append",
        default=[],
        metavar="FILE.toml",
        help="stack a declarative layer file on the jurisdiction (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    example = sub.add_parser("example", help="evaluate every rule for the built-in example firm")
    example.add_argument("--on", default=EXAMPLE_DATE.isoformat(), help="date YYYY-MM-DD")
    example.add_argument("--json", action="store_true", help="print JSON instead of text")

    evaluate = sub.add_parser("evaluate", help="evaluate rules for facts read from a JSON file")
    evaluate.add_argument("facts", help="JSON file of facts ('-' for stdin)")
    evaluate.add_argument("--on", required=True, help="date YYYY-MM-DD")
    evaluate.add_argument("--rule", action="append", help="catalog id (repeatable; default: all)")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of text")

    facts = sub.add_parser("facts", help="list the facts a rule reads")
    facts.add_argument("rule")

    sub.add_parser("rules", help="list the rules of the jurisdiction")
    docs = sub.add_parser("docs", help="write catalog.md and api.md into a directory")
    docs.add_argument("directory")
    sub.add_parser("jurisdictions", help="list installed jurisdictions")
    return parser


def _emit(results: Sequence[object], as_json: bool) -> None:
    if as_json:
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))  # type: ignore[attr-defined]
        return
    for result in results:
        print(result)
        print()


def _print_rules(jurisdiction: Jurisdiction) -> None:
    """Every version of every rule: window, defining layer, and what ended it."""
    for rule_id in jurisdiction.rule_ids():
        for version in jurisdiction.version_info(rule_id):
            rule = version.rule
            end = version.end
            window = f"{version.start}..{end or 'open'}"
            if end is not None and end < version.start:
                window = f"never ({rule.window()})"
            line = f"{rule_id:24} {rule.kind:12} {window:24} {version.layer:16} {rule.title_zh}"
            if version.ended_by:
                line += f"  [{version.ended_by}]"
            elif rule.repealed_by:
                line += f"  [repealed by {rule.repealed_by}]"
            print(line)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "jurisdictions":
            for code in available():
                print(code)
            for name, problem in plugin_problems().items():
                print(f"{name}: BROKEN: {problem}", file=sys.stderr)
            return 0
        jurisdiction = load(args.jurisdiction, layers=args.layer)
        if args.command == "rules":
            _print_rules(jurisdiction)
            return 0
        if args.command == "docs":
            for path in write_docs(Path(args.directory), jurisdiction):
                print(path)
            return 0
        if args.command == "facts":
            for spec in jurisdiction.facts_for(args.rule):
                unit = f" [{spec.unit}]" if spec.unit else ""
                yearly = " (per fiscal year)" if spec.yearly else ""
                layer = jurisdiction.fact_layers.get(spec.name, "")
                print(f"{spec.name:36} {spec.kind:8} {layer:16}{unit}{yearly}  {spec.meaning}")
            return 0
        if args.command == "example":
            results = jurisdiction.evaluate_all(EXAMPLE_FACTS, args.on, unknown_facts="report")
            print(
                f"Example firm: {EXAMPLE_FACTS['name']}, evaluated in {jurisdiction.code} "
                f"on {args.on}\n",
                file=sys.stderr,
            )
            _emit(results, args.json)
            counts = {s: sum(r.status is s for r in results) for s in Status}
            print(", ".join(f"{s.value}: {n}" for s, n in counts.items() if n), file=sys.stderr)
            return 0
        text = (
            sys.stdin.read() if args.facts == "-" else Path(args.facts).read_text(encoding="utf-8")
        )
        data = json.loads(text, parse_float=Decimal)
        results = jurisdiction.evaluate_all(data, args.on, rule_ids=args.rule)
        _emit(results, args.json)
        return 0
    except InnovPolicyError as exc:
        print(f"innovpolicy: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
