"""Command line: ``innovpolicy example | evaluate | screen | facts | rules | jurisdictions | docs``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from ._docs import write_docs
from ._example import EXAMPLE_DATE, EXAMPLE_FACTS
from ._jurisdiction import available, load
from ._rules import Status
from .exceptions import InnovPolicyError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="innovpolicy", description=__doc__)
    parser.add_argument(
        "-j", "--jurisdiction", default="xining", help="jurisdiction code (default: xining)"
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

    screen = sub.add_parser(
        "screen",
        help="screen a whole file of firms (Parquet, CSV, JSON Lines) [extra: batch]",
    )
    screen.add_argument("input", help="firms, one per row: .parquet, .csv or .jsonl")
    screen.add_argument("--on", required=True, help="date YYYY-MM-DD")
    screen.add_argument("--rule", action="append", help="catalog id (repeatable; default: all)")
    screen.add_argument("--out", required=True, help="result file: .parquet, .csv or .jsonl")
    screen.add_argument("--batch-size", type=int, default=65_536, help="rows per batch")

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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "jurisdictions":
            for code in available():
                print(code)
            return 0
        jurisdiction = load(args.jurisdiction)
        if args.command == "rules":
            for rule_id in jurisdiction.rule_ids():
                rule = jurisdiction.rule(rule_id)
                print(f"{rule_id:24} {rule.kind:12} {rule.window():24} {rule.title_zh}")
            return 0
        if args.command == "docs":
            for path in write_docs(Path(args.directory), jurisdiction):
                print(path)
            return 0
        if args.command == "screen":
            return _screen(jurisdiction, args)
        if args.command == "facts":
            for spec in jurisdiction.facts_for(args.rule):
                unit = f" [{spec.unit}]" if spec.unit else ""
                yearly = " (per fiscal year)" if spec.yearly else ""
                print(f"{spec.name:36} {spec.kind:8}{unit}{yearly}  {spec.meaning}")
            return 0
        if args.command == "example":
            known = {k: v for k, v in EXAMPLE_FACTS.items() if k in jurisdiction.fact_registry}
            results = jurisdiction.evaluate_all(known, args.on)
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


def _screen(jurisdiction: object, args: argparse.Namespace) -> int:
    """``innovpolicy screen``: stream a file through the compiled plan (the batch extra)."""
    try:
        from . import screening
    except ImportError as exc:
        print(
            f"innovpolicy: error: screening needs the batch extra "
            f"(pip install 'innovpolicy[batch]'): {exc}",
            file=sys.stderr,
        )
        return 2
    try:
        summary = screening.screen_file(
            jurisdiction,  # type: ignore[arg-type]
            args.input,
            args.out,
            on=args.on,
            rules=args.rule,
            batch_size=args.batch_size,
            progress=sys.stderr.isatty(),
        )
    except (OSError, ValueError) as exc:
        if isinstance(exc, InnovPolicyError):
            raise
        print(f"innovpolicy: error: {exc}", file=sys.stderr)
        return 2
    print(summary.render(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
