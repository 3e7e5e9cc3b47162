"""青知规字[2010]17号 《青海省专利权质押贷款工作指导意见(试行)》 (QH-PLEDGE).

Issuers: 青海省知识产权局, 中国人民银行西宁中心支行, 中国银行业监督管理委员会青海监管局;
signed 2010-10-13; in force from publication (第二十七条 "本指导意见自公布之日起实施").

The rule answers whether a patent can be pledged for a bank loan (第四条 conditions,
第五条 exclusions) and computes the loan ceiling, 40% of the appraised value
(第六条 "原则上不得超过专利权价值评估额的40%"). Every exclusion is a separate
criterion, so the explanation names the one that applies.

Readings chosen:

* 第五条(七) "债务人履行债务的期限超过专利权有效期的": the debt's due date must not be
  later than the patent's expiry date (超过 is strict, so the same day is allowed).
* 第五条(十二) "其他应当不予登记的情形" cannot be encoded; the answer holds only for the
  eleven listed exclusions.
* "原则上" (in principle) 40%: encoded as the ceiling; the amount is that ceiling.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qzgz-2010-17",
    number="青知规字[2010]17号",
    title_zh="青海省专利权质押贷款工作指导意见(试行)",
    title_en="Qinghai guiding opinions on patent pledge loans (trial)",
    issuer_zh="青海省知识产权局、中国人民银行西宁中心支行、中国银行业监督管理委员会青海监管局",
    issued=date(2010, 10, 13),
    effective_from=date(2010, 10, 13),
    dates_note="In force from publication (第二十七条); the cover letter is dated 2010-10-13.",
)

W_CEILING = "由质权人按专利权评估价值的一定比例发放,原则上不得超过专利权价值评估额的40%"
CONDITIONS = a.Citation(DOCUMENT, "第四条", "出质人用于出质的专利权,应具备以下条件")
CEILING = a.Citation(DOCUMENT, "第六条", W_CEILING)

FACTS = (
    FactSpec("patent_in_term", "boolean", "the patent is within its statutory term"),
    FactSpec(
        "involves_state_secrets", "boolean", "the patent involves national security or secrecy"
    ),
    FactSpec(
        "in_substantive_implementation",
        "boolean",
        "the patented project is being implemented with market potential (or in trial production)",
    ),
    FactSpec(
        "state_owned_or_listed_owner", "boolean", "the owner is state-owned or a listed company"
    ),
    FactSpec("superior_approval", "boolean", "the superior authority approved the pledge"),
    FactSpec(
        "pledgor_is_registered_patentee",
        "boolean",
        "the pledgor is the patentee in the patent register",
    ),
    FactSpec(
        "patent_terminated_or_invalid",
        "boolean",
        "the patent has terminated or been declared invalid",
    ),
    FactSpec("in_fee_grace_period", "boolean", "the annual fee is in its late-payment period"),
    FactSpec("invalidation_started", "boolean", "invalidation proceedings have started"),
    FactSpec(
        "ownership_dispute_or_preservation",
        "boolean",
        "an ownership dispute or a court preservation order suspends pledge registration",
    ),
    FactSpec("debt_due_date", "date", "date by which the debtor must repay"),
    FactSpec("patent_expiry_date", "date", "date the patent's term ends"),
    FactSpec(
        "contract_forfeiture_clause",
        "boolean",
        "the contract gives the patent to the pledgee if the debt is not repaid",
    ),
    FactSpec(
        "contract_has_required_items", "boolean", "the pledge contract has every item of 第九条"
    ),
    FactSpec("co_owned_patent", "boolean", "the patent has two or more co-owners"),
    FactSpec("all_co_owners_consent", "boolean", "every co-owner consents to the pledge"),
    FactSpec("already_pledged", "boolean", "the patent is already registered as pledged"),
    FactSpec(
        "appraised_patent_value", "decimal", "appraised value of the patent", "CNY", Decimal(0)
    ),
)

PARAMETERS = (
    a.constant(
        "qh.pledge.max_loan_share",
        "0.40",
        citation=CEILING,
        unit="ratio",
        description="loan ceiling as a share of the appraised value",
    ),
)


def _excluded(name: str, item: str, wording: str) -> a.Criterion:
    return a.not_(
        a.is_true(name, label=wording, wording=wording, article=f"第五条({item})"),
        label=f"not: {wording}",
    )


PLEDGE = Rule(
    id="QH-PLEDGE",
    kind="computation",
    title_en="Patent pledge loan: pledgeability and loan ceiling",
    title_zh="专利权质押贷款条件与额度",
    citation=CONDITIONS,
    criteria=a.all_of(
        a.all_of(
            a.is_true(
                "patent_granted",
                label="granted",
                wording="已被依法授予专利权",
                article="第四条(一)",
            ),
            a.is_true(
                "patent_in_term",
                label="within its term",
                wording="专利权处于法定有效期限内",
                article="第四条(二)",
            ),
            a.not_(
                a.is_true(
                    "involves_state_secrets",
                    label="involves national security or secrecy",
                    wording="专利权不涉及国家安全与保密事项",
                    article="第四条(三)",
                ),
                label="no national security or secrecy matter",
            ),
            a.is_true(
                "in_substantive_implementation",
                label="in substantive implementation",
                wording="授予专利权的专利项目处于实质性的实施阶段",
                article="第四条(四)",
            ),
            a.if_(
                a.is_true(
                    "state_owned_or_listed_owner",
                    label="state-owned or listed owner",
                    wording="国有企事业单位及上市公司",
                    article="第四条(五)",
                ),
                a.is_true(
                    "superior_approval",
                    label="approved by the superior authority",
                    wording="须已经获得上级主管部门的批准",
                    article="第四条(五)",
                ),
                label="approval of a state-owned or listed owner",
            ),
            label="conditions of 第四条",
        ),
        a.all_of(
            a.is_true(
                "pledgor_is_registered_patentee",
                label="pledgor is the registered patentee",
                wording="出质人与专利登记簿记载的专利权人不一致的",
                article="第五条(一)",
            ),
            _excluded("patent_terminated_or_invalid", "二", "专利权已终止或者已被宣告无效的"),
            a.is_true(
                "patent_granted",
                label="application already granted",
                wording="专利申请尚未被授予专利权的",
                article="第五条(三)",
            ),
            _excluded("in_fee_grace_period", "四", "专利权处于年费缴纳滞纳期的"),
            _excluded("invalidation_started", "五", "专利权已被启动无效宣告程序的"),
            _excluded(
                "ownership_dispute_or_preservation",
                "六",
                "因专利权的归属发生纠纷或者人民法院裁定对专利权采取保全措施,专利权的质押手续被暂停办理的",
            ),
            a.at_most(
                "debt_due_date",
                a.fact("patent_expiry_date"),
                label="debt due within the patent's term",
                wording="债务人履行债务的期限超过专利权有效期的",
                article="第五条(七)",
                reading="the clause excludes a debt term that 超过 (exceeds) the patent term, so the "
                "permitted side is ≤",
            ),
            _excluded(
                "contract_forfeiture_clause",
                "八",
                "质押合同约定在债务履行期届满质权人未受清偿时,专利权归质权人所有的",
            ),
            a.is_true(
                "contract_has_required_items",
                label="contract has the items of 第九条",
                wording="质押合同不符合本意见第九条规定的",
                article="第五条(九)",
            ),
            a.if_(
                a.is_true(
                    "co_owned_patent",
                    label="co-owned patent",
                    wording="以共有专利权出质",
                    article="第五条(十)",
                ),
                a.is_true(
                    "all_co_owners_consent",
                    label="all co-owners consent",
                    wording="取得全体共有人同意",
                    article="第五条(十)",
                ),
                label="consent of co-owners",
            ),
            _excluded("already_pledged", "十一", "专利权已被申请质押登记且处于质押期间的"),
            label="none of the exclusions of 第五条",
        ),
    ),
    amount=a.RateOf(
        a.param("qh.pledge.max_loan_share"),
        a.fact("appraised_patent_value"),
        "loan ceiling: 40% of the appraised value",
        W_CEILING,
    ),
    readings=(
        "The amount is the loan ceiling, not a payment; a bank may lend less.",
        "第五条(十二) ('other cases') cannot be encoded.",
    ),
)

RULES = (PLEDGE,)
