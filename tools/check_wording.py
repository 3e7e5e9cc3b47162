"""Check every quoted wording of the plugins against the source texts (a developer tool).

    .venv/bin/python tools/check_wording.py --sources ../shared/seeds

For every loaded jurisdiction (``qinghai`` and ``xining`` by default) it collects each
quotation the rules carry — rule and parameter citations, criterion wordings, formula
step wordings, cost-split wordings, supersession and refinement citations — and checks

* that the wording occurs verbatim in the cited document, after normalising whitespace
  and full-/half-width forms (NFKC, with the bracket and quote variants unified); an
  ellipsis (…) in a quote marks an omission, so each piece must occur, in order;
* that every cited article or section exists in that document.

The seed compendium (003) holds 22 documents; each document number is mapped to its
line range there. The tool reads the sources only when run; the test suite never does.
Exit status 0 when nothing is reported, 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import attrs

import innovpolicy
from innovpolicy import Citation, Document, Rule

# Seed file (by prefix) for documents that are a whole seed.
WHOLE = {
    "青办字[2020]76号": "001_",
    "无文号(西宁市委印发稿 2020-08-19)": "002_",
    "青海省科学技术厅报告(2017年9月4日)": "004_",
}
# Line ranges (1-based, inclusive) of the documents of the compendium, seed 003.
COMPENDIUM = {
    "青科发计字[2009]167号": (38, 159),
    "青科发计字[2009]168号": (160, 244),
    "青科发政字[2010]213号": (245, 354),
    "青科发农社字[2013]41号": (355, 458),
    "青科发政字[2009]186号": (459, 549),
    "青科发政字[2009]196号": (550, 607),
    "青科发高新字[2013]58号": (608, 714),
    "青科发财字[2014]82号": (715, 772),
    "青科发政字[2002]34号": (773, 830),
    "青科发农社字[2002]12号": (855, 894),
    "青科发办字[2010]124号": (895, 1029),
    "青科发办字[2013]166号": (1030, 1076),
    "青科发办字[2001]116号": (1077, 1129),
    "青知规字[2010]17号": (1175, 1247),
    "青科发高新字[2013]170号": (1248, 1279),
    "青科发高新字[2010]93号": (1280, 1328),
    "青科发高新[2014]188号": (1329, 1415),
    "青科发政字[2008]154号": (1416, 1455),
    "青科发办字[2001]183号": (1456, 1518),
    "青科发计字[2012]221号": (1519, 100_000),
}
_BRACKETS = str.maketrans(
    {"〔": "[", "〕": "]", "﹝": "[", "﹞": "]", "【": "[", "】": "]", "“": '"', "”": '"',
     "‘": "'", "’": "'", "—": "-", "－": "-", "–": "-", "―": "-", "、": ","}
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_NUMERALS = "〇一二三四五六七八九十百零"


def normalise(text: str) -> str:
    """NFKC (full-width → half-width, ㈠ → (一)), unified brackets, quotes and dashes,
    no whitespace. The enumeration comma 、 becomes a comma, as some copies use either."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_BRACKETS))


@dataclass(frozen=True)
class Quote:
    """One quotation found in a plugin: where it is used, what it cites."""

    where: str
    document: Document
    article: str
    wording: str


class Sources:
    """The normalised lines of each document, found in the seed directory."""

    def __init__(self, directory: Path) -> None:
        self.files = {path.name[:4]: path.read_text("utf-8") for path in directory.glob("*.txt")}
        self._cache: dict[str, list[str] | None] = {}

    def lines(self, document: Document) -> list[str] | None:
        key = normalise(document.number)
        if key not in self._cache:
            self._cache[key] = self._find(key)
        return self._cache[key]

    def _find(self, key: str) -> list[str] | None:
        for number, prefix in WHOLE.items():
            if normalise(number) == key and prefix in self.files:
                return [normalise(line) for line in self.files[prefix].splitlines()]
        for number, (first, last) in COMPENDIUM.items():
            if normalise(number) == key and "003_" in self.files:
                lines = self.files["003_"].splitlines()[first - 1 : last]
                return [normalise(line) for line in lines]
        return None


def _node_quotes(node: object, seen: set[int] | None = None) -> Iterator[tuple[str, str]]:
    """(wording, article) of every node under *node*: criteria, expressions (the criteria
    inside ``cases``), formulas and their lookup tables, payers."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, (tuple, list)):
        for item in node:
            yield from _node_quotes(item, seen)
        return
    if isinstance(node, Mapping):
        for item in node.values():
            yield from _node_quotes(item, seen)
        return
    if not attrs.has(type(node)) or isinstance(node, (Citation, Document)):
        return
    wording = getattr(node, "wording", "")
    if isinstance(wording, str) and wording:
        article = getattr(node, "article", "")
        yield wording, article if isinstance(article, str) else ""
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(node))):
        if field.init:
            yield from _node_quotes(getattr(node, field.name), seen)


def quotes(jurisdiction: innovpolicy.Jurisdiction) -> Iterator[Quote]:
    """Every quotation of every layer of *jurisdiction*."""
    documents = {normalise(d.number): d for layer in jurisdiction.chain for d in layer.documents}
    for layer in jurisdiction.chain:
        for rule in layer.rules:
            yield from _rule_quotes(rule, documents)
        for parameter in (*layer.parameters, *layer.overrides):
            for dated in parameter.values:
                yield _cited(f"parameter {parameter.key}", dated.citation)
        for supersession in layer.supersessions:
            yield _cited(f"supersession of {supersession.rule_id}", supersession.citation)
        for refinement in layer.refinements:
            yield _cited(f"refinement of {refinement.role}", refinement.citation)


def _cited(where: str, citation: Citation) -> Quote:
    return Quote(where, citation.document, citation.article, citation.wording)


def _rule_quotes(rule: Rule, documents: dict[str, Document]) -> Iterator[Quote]:
    where = f"{rule.id} ({rule.window()})"
    document = rule.citation.document
    yield _cited(f"{where} citation", rule.citation)
    parts = (("criterion", rule.criteria), ("amount step", rule.amount), ("split", rule.split))
    for kind, node in parts:
        for wording, article in _node_quotes(node):
            # A node quoting another document names it first: "青科发农社字[2013]41号 第三十三条".
            cited, _, rest = article.partition(" ")
            other = documents.get(normalise(cited)) if rest else None
            if other is not None:
                yield Quote(f"{where} {kind}", other, rest, wording)
            else:
                yield Quote(f"{where} {kind}", document, article, wording)


def wording_found(wording: str, text: str) -> bool:
    """Each part of *wording* between ellipses occurs in *text*, in order."""
    position = 0
    for piece in (p for p in re.split(r"…+|\.\.\.+", wording) if p):
        found = text.find(normalise(piece), position)
        if found < 0:
            return False
        position = found + len(normalise(piece))
    return True


_N = rf"[{_NUMERALS}\d]+"
_KINDS = {
    "article": re.compile(rf"^第{_N}条"),
    "section": re.compile(rf"^[{_NUMERALS}]+,"),
    "paragraph": re.compile(r"^\d+[.,](?!\d)"),
    "item": re.compile(rf"^\({_N}\)"),
}
_TOKEN = re.compile(
    rf"(?P<article>第{_N}条)|(?P<section>^[{_NUMERALS}]+),?|(?P<item>\({_N}\))|(?P<paragraph>^\d+$)"
)


def _tokens(part: str) -> list[tuple[str, str]] | None:
    """(kind, line prefix) for each level of one article reference, or None if unparsed."""
    tokens: list[tuple[str, str]] = []
    rest = part
    while rest:
        match = _TOKEN.match(rest)
        if match is None:
            return tokens or None
        kind = match.lastgroup or ""
        text = match.group(kind)
        prefix = {"section": f"{text},"}.get(kind, text)
        tokens.append((kind, prefix))
        rest = rest[match.end() :]
        if kind == "section" and not match.group(0).endswith(","):
            rest = rest.lstrip(",")
    return tokens


def _narrow(lines: list[str], span: range, kind: str, prefix: str) -> range | None:
    """The lines of *span* from the one starting with *prefix* to the next of its kind."""
    pattern = _KINDS[kind]
    for index in span:
        if _starts(lines[index], kind, prefix):
            end = next(
                (j for j in range(index + 1, span.stop) if _ends(lines[j], kind, pattern)),
                span.stop,
            )
            return range(index, end)
    if kind == "item" and any(prefix in lines[index] for index in span):
        return span  # an item inside a running paragraph
    return None


def _starts(line: str, kind: str, prefix: str) -> bool:
    if kind == "paragraph":  # "14." (Xining) or "1、" (an article's numbered items)
        return re.match(rf"^{prefix}[.,](?!\d)", line) is not None
    if kind == "article":  # 116号 numbers some articles twice: "第四条 第八条 …"
        leading = re.match(rf"^(第{_N}条)+", line)
        return leading is not None and prefix in re.findall(rf"第{_N}条", leading.group())
    return line.startswith(prefix)


def _ends(line: str, kind: str, pattern: re.Pattern[str]) -> bool:
    if pattern.match(line):
        return True
    if kind == "article":
        return re.match(rf"^第{_N}章", line) is not None
    if kind in ("paragraph", "item"):
        return _KINDS["section"].match(line) is not None
    return False


def _heading_span(lines: list[str], heading: str) -> range | None:
    """A named heading on a line of its own (34号: 基地具备的条件), to the next short line."""
    for index, line in enumerate(lines):
        if line == heading:
            end = next(
                (
                    j
                    for j in range(index + 1, len(lines))
                    if lines[j] and len(lines[j]) <= 8 and not lines[j].startswith("(")
                ),
                len(lines),
            )
            return range(index, end)
    return None


def article_spans(article: str, lines: list[str]) -> list[range] | None:
    """The line ranges *article* designates, or None when one part does not exist."""
    article = normalise(article)
    whole = range(len(lines))
    if not article or article == "closingclause":
        return [whole]
    spans: list[range] = []
    for part in (p for p in re.split(rf";|,(?=第|[{_NUMERALS}]+\()|和|及", article) if p):
        heading = re.match(r"^([^()\d第]+?)(\(.*)?$", part)
        span: range | None = whole
        tokens = _tokens(part)
        if tokens is None and heading is not None:
            span = _heading_span(lines, heading.group(1))
            tokens = _tokens(heading.group(2) or "") or []
        if tokens is None:
            return None
        for kind, prefix in tokens:
            if span is None:
                break
            span = _narrow(lines, span, kind, prefix)
        if span is None:
            return None
        spans.append(span)
    return spans


def check(jurisdictions: Iterable[str], directory: Path) -> list[str]:
    """Every problem found, one line each."""
    sources = Sources(directory)
    problems: list[str] = []
    seen: set[Quote] = set()
    for code in jurisdictions:
        for quote in quotes(innovpolicy.load(code)):
            if quote in seen:
                continue
            seen.add(quote)
            problems.extend(_problems(quote, sources))
    return problems


def _problems(quote: Quote, sources: Sources) -> list[str]:
    lines = sources.lines(quote.document)
    number = quote.document.number
    if lines is None:
        return [f"{quote.where}: no source text for {number}"]
    if not wording_found(quote.wording, "".join(lines)):
        return [f"{quote.where}: 「{quote.wording}」 not in {number}"]
    spans = article_spans(quote.article, lines)
    if spans is None:
        return [f"{quote.where}: article {quote.article!r} not in {number}"]
    text = "".join(lines[i] for span in spans for i in span)
    if not wording_found(quote.wording, text):
        return [f"{quote.where}: 「{quote.wording}」 is in {number} but not in {quote.article}"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sources", type=Path, required=True, help="directory of seed texts")
    parser.add_argument("--jurisdiction", action="append", help="default: qinghai and xining")
    args = parser.parse_args(argv)
    problems = check(args.jurisdiction or ["qinghai", "xining"], args.sources)
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
