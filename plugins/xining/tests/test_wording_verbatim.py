"""Quoted passages are verbatim with seed 002 (review C, C5): the posted text of the 2020
measures writes ASCII "," and ";" throughout and never the full-width "，" or "；", so no
quotation of this layer may carry them. (The test compares the stored quotations; it does
not read the seed.)"""

from __future__ import annotations

import re

from innovpolicy_xining import measures_2020

import innovpolicy

XINING = innovpolicy.load("xining")
FULL_WIDTH = ("，", "；")


def _quotations() -> dict[str, str]:
    quoted = {name: getattr(measures_2020, name) for name in dir(measures_2020)}
    quoted = {name: text for name, text in quoted.items() if name.startswith("W_")}
    for rule_id in XINING.rule_ids():
        for rule in XINING.versions(rule_id):
            if rule.citation.document.key != measures_2020.DOCUMENT.key:
                continue
            quoted[f"{rule_id} citation"] = rule.citation.wording
            # Every criterion's and amount step's wording, as the explanation quotes it.
            text = XINING.evaluate(rule_id, {}, "2021-06-30").render()
            for i, quote in enumerate(re.findall(r"「([^」]*)」", text)):
                quoted[f"{rule_id} quote {i}"] = quote
    return quoted


def test_every_quotation_keeps_the_seeds_ascii_comma_and_semicolon() -> None:
    quoted = _quotations()
    assert len(quoted) > 30
    wrong = {name: text for name, text in quoted.items() if any(c in text for c in FULL_WIDTH)}
    assert wrong == {}


def test_the_contract_passage_reads_as_in_the_seed() -> None:
    assert measures_2020.W_CONTRACT.startswith(
        "对技术开发、技术转让两类合同,经认定后对买方给予3%的技术合同补贴,最高不超过10万元;"
        "对科技服务中介机构或技术经纪人促成交易的"
    )
    assert (
        measures_2020.W_PRECEDENCE
        == "本措施自发布之日起施行,原有相关规定与此不一致的,以本措施为准。"
    )


def test_the_document_number_says_the_posted_copy_has_none() -> None:
    """Seed 002 carries no 文号 (review C, C6): the number field, which the core requires,
    must not read like one."""
    number = measures_2020.DOCUMENT.number
    assert number.startswith("无文号") and "号" not in number.removeprefix("无文号")
    assert "文号" in measures_2020.DOCUMENT.dates_note
