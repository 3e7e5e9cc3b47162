"""青科发高新字[2013]170号 《关于营业税改征增值税后技术合同认定登记管理工作的通知》 (QH-TECH-CONTRACT).

Issuer: 青海省科学技术厅. The compendium copy carries no date; the number places it
in 2013, and we take 2013-01-01 as the start of its window. The notice applies the VAT
regime of 财税[2013]37号 ("营业税改征增值税后"), whose date the seeds do not give either; the
window is not narrowed on knowledge from outside the sources, so an answer for a day of
2013 before the regime applied in Qinghai rests on this assumption.

The rule answers whether a technology contract can carry the VAT exemption: only
technology transfer and development contracts, and consulting or service contracts
related to them, registered by the designated registry (青海省科技开发中心), and
filed with the tax office (五 "申请备案后方可享受"). The registry's reporting limits
(六) are ``QUARTERLY_REPORT`` and ``MONTHLY_CHANGES`` (working days).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfgx-2013-170",
    number="青科发高新字[2013]170号",
    title_zh="关于营业税改征增值税后技术合同认定登记管理工作的通知",
    title_en="Notice on registering technology contracts after the switch from business tax to VAT",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2013, 1, 1),
    dates_note="No date in the source; 2013-01-01 assumed from the document number.",
)

W_REGISTRY = (
    "未经省级科技主管部门认定的技术转让、技术开发和与之相关的技术咨询、技术服务合同,主管国税机关对纳税人享受增值税免税优惠政策的申请不予备案,"
    "不得享受增值税免税优惠政策"
)
REGISTRY = a.Citation(DOCUMENT, "五", W_REGISTRY)

FACTS = (
    FactSpec(
        "contract_related_to_transfer_or_development",
        "boolean",
        "a consulting or service contract related to a technology transfer or development",
    ),
    FactSpec(
        "registered_by_designated_registry",
        "boolean",
        "registered by 青海省科技开发中心, the designated registry",
    ),
    FactSpec(
        "vat_exemption_filed", "boolean", "the taxpayer filed the exemption with the tax office"
    ),
)

TECH_CONTRACT = Rule(
    id="QH-TECH-CONTRACT",
    kind="condition",
    title_en="VAT exemption of a registered technology contract",
    title_zh="技术合同认定登记与增值税免税",
    citation=REGISTRY,
    criteria=a.all_of(
        a.if_(
            a.is_one_of(
                "contract_type",
                ("development", "transfer"),
                label="transfer or development contract",
                wording="技术转让、技术开发",
                article="五",
            ),
            a.is_true("contract_registered", label="registered", wording="认定登记", article="四"),
            a.is_true(
                "contract_related_to_transfer_or_development",
                label="related consulting or service",
                wording="与之相关的技术咨询、技术服务",
                article="五",
            ),
            label="kind of contract",
        ),
        a.is_true(
            "registered_by_designated_registry",
            label="registered by the designated registry",
            wording="青海省科技开发中心是青海省科技厅指定的…技术合同认定登记机构",
            article="三",
        ),
        a.is_true(
            "vat_exemption_filed",
            label="exemption filed with the tax office",
            wording="应向主管国税机关申请备案后方可享受免征增值税优惠政策",
            article="五",
        ),
    ),
    readings=(
        "ELIGIBLE means the contract can carry the VAT exemption.",
        "Window from 2013-01-01, assumed from the number: the copy is undated and the seeds give "
        "no date for 财税[2013]37号, whose VAT regime (营业税改征增值税) the notice applies; no later "
        "start is inferred from outside the sources.",
    ),
)

QUARTERLY_REPORT = a.WorkingDayDeadline(
    10, wording="按季度(季度终了后10个工作日内)向省国税局…备案认定情况", article="六(一)"
)
MONTHLY_CHANGES = a.WorkingDayDeadline(
    5, wording="按月(月度终了后5个工作日内)向省国税局…备案变更、注销情况", article="六(二)"
)

RULES = (TECH_CONTRACT,)
