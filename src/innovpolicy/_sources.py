"""Source documents and citations: where every threshold and amount comes from."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from ._frozen import frozen


def _non_empty(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or not value.strip():
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must not be empty")


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a tuple of document numbers, got the string {value!r}")
    return tuple(value)


@frozen
class Document:
    """One legal or policy source (one module in a plugin encodes one document).

    ``effective_from`` / ``effective_to`` (inclusive) are the document's own
    validity; rules citing it inherit that window unless they say otherwise.
    ``dates_note`` records how the dates were read when the text leaves room.
    """

    key: str = attrs.field(validator=_non_empty)
    number: str = attrs.field(validator=_non_empty)
    title_zh: str = attrs.field(validator=_non_empty)
    title_en: str = attrs.field(validator=_non_empty)
    issuer_zh: str = attrs.field(validator=_non_empty)
    effective_from: date
    effective_to: date | None = None
    issued: date | None = None
    repeals: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    dates_note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"Document {self.key!r}: effective_to {self.effective_to} is before "
                f"effective_from {self.effective_from}"
            )

    def cite(self, article: str, wording: str) -> Citation:
        """A citation of *article* of this document, quoting *wording*."""
        return Citation(self, article, wording)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "number": self.number,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "issuer_zh": self.issuer_zh,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
            "repeals": list(self.repeals),
        }


@frozen
class Citation:
    """A document, the article or section within it, and the quoted original wording."""

    document: Document
    article: str = attrs.field(validator=_non_empty)
    wording: str = attrs.field(validator=_non_empty)

    def render(self) -> str:
        return f"{self.document.number} 《{self.document.title_zh}》 {self.article}: 「{self.wording}」"

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.number,
            "title": self.document.title_zh,
            "article": self.article,
            "wording": self.wording,
        }
