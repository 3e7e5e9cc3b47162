"""The generated reference docs must match the code (regenerate: innovpolicy docs docs/)."""

from __future__ import annotations

from pathlib import Path

import innovpolicy
from innovpolicy._docs import api_markdown, catalog_markdown, document_pages

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_catalog_is_current() -> None:
    expected = catalog_markdown(innovpolicy.load("xining"))
    assert (DOCS / "catalog.md").read_text(encoding="utf-8") == expected, (
        "docs/catalog.md is stale: run `innovpolicy docs docs/`"
    )


def test_api_reference_is_current() -> None:
    assert (DOCS / "api.md").read_text(encoding="utf-8") == api_markdown(), (
        "docs/api.md is stale: run `innovpolicy docs docs/`"
    )


def test_catalog_lists_every_rule_with_its_source() -> None:
    text = (DOCS / "catalog.md").read_text(encoding="utf-8")
    xining = innovpolicy.load("xining")
    for rule_id in xining.rule_ids():
        assert f"#### {rule_id} " in text
    assert "青科发高新[2014]188号" in text


def test_one_current_page_per_source_document() -> None:
    pages = document_pages(innovpolicy.load("xining"))
    on_disk = {
        path.name: path.read_text(encoding="utf-8") for path in (DOCS / "sources").glob("*.md")
    }
    assert on_disk == pages, "docs/sources is stale: run `innovpolicy docs docs/`"
    assert "青科发高新[2014]188号" in pages["qkfgx-2014-188.md"]
