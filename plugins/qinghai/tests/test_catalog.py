"""The plugin implements exactly the Qinghai catalog ids (CATALOG.md sections A, B, D, E
and the earlier values of seed 004), each cited and dated."""

from __future__ import annotations

import innovpolicy

CATALOG = frozenset(
    [
        "QH-ACCEPTANCE",
        "QH-ACHIEVEMENT-REG",
        "QH-AGRIPARK",
        "QH-BROKER",
        "QH-EQUITY-INCENTIVE",
        "QH-ERC",
        "QH-HUIMIN-LEAD",
        "QH-IE",
        "QH-INDIRECT-COST",
        "QH-IPO-REWARD",
        "QH-KL",
        "QH-MAJOR-SELECT",
        "QH-NSF-YOUTH",
        "QH-PATENT-AWARD",
        "QH-PLEDGE",
        "QH-POPSCI-BASE",
        "QH-RD-APPRAISAL",
        "QH-RD-SUPER-DEDUCTION",
        "QH-RECUSAL",
        "QH-REWARD-SHARE",
        "QH-SECRECY",
        "QH-SHARING",
        "QH-STAWARD",
        "QH-TBE",
        "QH-TECH-CONTRACT",
        "QH20-ACADEMICIAN",
        "QH20-CASH-REWARD-TAX",
        "QH20-DEAL-IMPORT",
        "QH20-DEAL-LOCAL",
        "QH20-FIRST-PURCHASE",
        "QH20-FLEX-POSTS",
        "QH20-HORIZONTAL",
        "QH20-HTE-NEW",
        "QH20-INCUBATOR",
        "QH20-INCUBATOR-TAX",
        "QH20-LITTLE-GIANT",
        "QH20-NATIONAL-LAB",
        "QH20-NATIONAL-TALENT",
        "QH20-NEW-RD-INST",
        "QH20-PLAN-PREREQ",
        "QH20-PLATFORM",
        "QH20-POSTDOC",
        "QH20-RD-SUBSIDY",
        "QH20-SETTLE-IN",
        "QH20-SHARING",
        "QH20-STANDARD",
        "QH20-TECH-INTRO",
        "QH20-TOP500-RD",
        "QH20-TT-AGENCY",
        "QH20-TT-COBUILT",
        "QH20-VC",
        "QH20-VOUCHER",
        "QH20-ZONE-NEW",
        "QH20-ZONE-RANK",
    ]
)


# Text the catalog lists under an id but that is a separate test is a declared part of
# that id: its own rule, named <catalog id>-<PART> (issue 14).
PARTS = {
    "QH-KL-DIRECTOR": "QH-KL",
    "QH-KL-COMMITTEE": "QH-KL",
    "QH-KL-EVAL-PANEL": "QH-KL",
    "QH-ERC-BRANCH": "QH-ERC",
    "QH-ERC-COMMITTEE": "QH-ERC",
    "QH-ACCEPTANCE-ANNUAL-REPORT": "QH-ACCEPTANCE",
    "QH-BROKER-PRACTICE": "QH-BROKER",
}


def test_every_catalog_id_is_implemented_and_nothing_else() -> None:
    qinghai = innovpolicy.load("qinghai")
    assert len(CATALOG) == 54
    assert set(qinghai.rule_ids()) == CATALOG | set(PARTS)
    for part, parent in PARTS.items():
        assert parent in CATALOG and part.startswith(f"{parent}-")
        assert f"part of {parent}" in qinghai.versions(part)[-1].title_en


def test_the_xining_catalog_ids_are_the_city_layers_rules() -> None:
    xining = innovpolicy.load("xining")
    city = {
        "XN20-ALLIANCE", "XN20-CONTRACT-BROKER", "XN20-CONTRACT-BUYER", "XN20-FUND",
        "XN20-GROWTH", "XN20-HORIZONTAL", "XN20-INCUBATOR", "XN20-LAB", "XN20-MAJOR-DEAL",
        "XN20-MATCHING", "XN20-PILOT", "XN20-PRECEDENCE", "XN20-REWARD-SHARE",
        "XN20-WORKSTATION",
    }  # fmt: skip
    assert set(xining.rule_ids()) == CATALOG | set(PARTS) | city


def test_every_rule_has_a_citation_a_window_and_a_module_per_document() -> None:
    import innovpolicy_qinghai

    qinghai = innovpolicy.load("qinghai")
    documents = {module.DOCUMENT.key for module in innovpolicy_qinghai.SOURCES}
    assert len(documents) == len(innovpolicy_qinghai.SOURCES)
    for rule_id in qinghai.rule_ids():
        for rule in qinghai.versions(rule_id):
            assert rule.citation.document.key in documents
            assert rule.citation.article and rule.citation.wording
            assert rule.valid_from is not None


def test_popsci_bases_are_offered_to_the_venues_the_text_names() -> None:
    # 基地的范围: 图书馆、博物馆、科技馆…观测台(站); 公园…自然保护区; …开放实验室等场所
    qinghai = innovpolicy.load("qinghai")
    facts = {
        "popsci_function": True,
        "popsci_venue": True,
        "popsci_staff": True,
        "popsci_fixed_hours": True,
        "popsci_materials": True,
        "popsci_activities": True,
    }
    for subject in ("platform", "park", "government", "enterprise", "research_institute"):
        summary = qinghai.find(facts, on="2021-06-30", subject=subject)
        held = [r.rule_id for r in summary.designations]
        assert "QH-POPSCI-BASE" in held, subject
    assert set(qinghai.subjects("QH-POPSCI-BASE")) >= {"platform", "park", "government"}
