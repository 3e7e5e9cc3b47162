"""青科发政字[2009]196号 《青海省重点实验室评估办法》 (QH-KL-EVAL-PANEL, part of QH-KL).

Issuer: 青海省科学技术厅; cover letter dated 二○○九年十月十九日; in force from
publication (第十九条 "自发布之日起施行").

第八条: the evaluation panel has at least five members ("专家组人数应不少于5人",
不少于 ≥). The panel's recusal list (第十条) and the grades (第十五条) are in the
text; the grades are an outcome of the panel, not a condition.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfzz-2009-196",
    number="青科发政字[2009]196号",
    title_zh="青海省重点实验室评估办法",
    title_en="Qinghai evaluation measures for provincial key laboratories",
    issuer_zh="青海省科学技术厅",
    issued=date(2009, 10, 19),
    effective_from=date(2009, 10, 19),
    dates_note="In force from publication (第十九条); the cover letter is dated 2009-10-19.",
)

W_PANEL = "专家组人数应不少于5人"
PANEL_C = a.Citation(DOCUMENT, "第八条", W_PANEL)

FACTS = (
    FactSpec(
        "evaluation_panel_experts",
        "integer",
        "experts on the key-laboratory evaluation panel",
        "persons",
        Decimal(0),
    ),
)

PARAMETERS = (
    a.constant("qh.kl.eval_panel_min", 5, PANEL_C, "fewest experts on the panel", "persons"),
)

EVAL_PANEL = Rule(
    id="QH-KL-EVAL-PANEL",
    kind="condition",
    title_en="Key laboratory evaluation panel of at least five experts (part of QH-KL)",
    title_zh="重点实验室评估专家组人数",
    citation=PANEL_C,
    criteria=a.at_least(
        "evaluation_panel_experts",
        a.param("qh.kl.eval_panel_min"),
        label="experts on the panel",
        wording=W_PANEL,
        article="第八条",
    ),
)

RULES = (EVAL_PANEL,)
