"""Quoted passages are verbatim with the source text (review A, D6): seed 003 writes
ASCII quotes in 第14条 of the agricultural-park measures, and quoted constants are whole
passages (two items joined by a semicolon are not a quotation)."""

from __future__ import annotations

from innovpolicy_qinghai import agricultural_parks_2002, technology_broker_2001


def test_agripark_re_evaluation_quotes_the_seed_with_its_ascii_quotes() -> None:
    wording = agricultural_parks_2002.RE_EVALUATION.wording
    assert wording == '挂牌两年后进行复评,不合格者取消"省级农业科技园区"资格'
    assert "“" not in wording and "”" not in wording


def test_broker_keeps_no_joined_pseudo_quotations() -> None:
    for name in ("W_FIRM", "W_COMPANY"):
        assert not hasattr(technology_broker_2001, name)
    assert ";" not in technology_broker_2001.W_COMPANY_HOLDERS
