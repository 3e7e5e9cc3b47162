"""青科发政字[2002]34号 《青海省省级科普教育基地认定办法》 (QH-POPSCI-BASE).

Issuers: 青海省科学技术厅, 省委宣传部, 省科协 (the designation); the rules were made by
the provincial popular-science joint-meeting office. No date in the compendium
copy; the number places it in 2002 and we take 2002-01-01 as the start of its
window.

Who can apply (基地的范围): "省内有关图书馆、博物馆、科技馆、天文、地震、气象、水文、环境、
基础观测台(站);公园(植物园、动物园等);文化宫、青少年活动基地;国家和省级文物保护单位,自然保护区;
旅游景点、少数民族风情园、开放实验室等场所", so the rule's subjects (subjects.py) are the
platform, park and government kinds besides enterprises, institutes and universities.

The conditions (基地具备的条件) are qualitative; each is a fact the applicant or the
joint meeting supplies. Bases are inspected every year and lose the plaque if
they fail (基地的管理(三)).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfzz-2002-34",
    number="青科发政字[2002]34号",
    title_zh="青海省省级科普教育基地认定办法",
    title_en="Qinghai measures for recognising provincial science-popularisation bases",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2002, 1, 1),
    dates_note="No date in the source; 2002-01-01 assumed from the document number.",
)

CONDITIONS = a.Citation(
    DOCUMENT, "基地具备的条件", "有展示宣传科学技术和引导群众参与科技活动的功能"
)

_CONDITIONS = (
    (
        "popsci_function",
        "shows and publicises S&T and draws the public into S&T activities",
        "有展示宣传科学技术和引导群众参与科技活动的功能",
        "",
    ),
    (
        "popsci_venue",
        "has a publicity, education or exhibition venue of some scale",
        "有一定规模的宣传、教育或展出场所",
        "(一)",
    ),
    ("popsci_staff", "has full- or part-time S&T staff", "配有专兼职科技人员", "(二)"),
    ("popsci_fixed_hours", "has fixed opening hours", "有固定开放时间", "(三)"),
    (
        "popsci_materials",
        "has popular-science materials and exhibits",
        "有一定数量的科普资料、展示物",
        "(四)",
    ),
    (
        "popsci_activities",
        "can run varied popular-science activities",
        "能开展形式多样的科普活动",
        "(五)",
    ),
)

FACTS = tuple(FactSpec(name, "boolean", meaning) for name, meaning, _, _ in _CONDITIONS)

POPSCI_BASE = Rule(
    id="QH-POPSCI-BASE",
    kind="designation",
    title_en="Provincial science-popularisation base",
    title_zh="青海省科普教育基地",
    citation=CONDITIONS,
    criteria=a.all_of(
        *(
            a.is_true(name, label=meaning, wording=wording, article=f"基地具备的条件{item}")
            for name, meaning, wording, item in _CONDITIONS
        ),
        label="all conditions of a base",
    ),
    readings=(
        "The conditions are qualitative facts supplied by the applicant or the joint meeting.",
        "The function stated before the five items (有展示宣传科学技术和引导群众参与科技活动的功能) "
        "is a condition too.",
    ),
)

RULES = (POPSCI_BASE,)
