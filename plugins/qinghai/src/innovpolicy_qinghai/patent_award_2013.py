"""青科发办字[2013]166号 《青海省专利奖励资金管理暂行办法》 (QH-PATENT-AWARD).

Issuer: 青海省科学技术厅 (with 省财政厅; implemented by 省知识产权局). In force from
2013-03-01 (九 "本办法从2013年3月1日起,由省知识产权局负责实施").

One catalog id, four kinds of award (一), chosen by the fact ``patent_award_kind``:
a newly granted invention patent (20,000 each), a unit whose yearly applications
exceed 50 or invention applications exceed 20 (100,000; 超过 is strict), a China
Patent Gold / Excellence Award (100,000 / 50,000) and a China Design Gold /
Excellence Award (30,000 / 10,000).

Readings chosen:

* Awards are made the year after (二(二) "本年度对上年度授权的发明专利…进行奖励"): an
  invention patent must have been granted in the calendar year before the
  evaluation date, the application volume is that of the prior year, and a China
  Patent / Design award must have been won in the prior year.
* The evaluation date is the application date; it must be no later than 31 March
  (五(七) "申报时间为次年3月底以前,逾期视为放弃").
* Collecting the money within 2 months of approval (七(四)) is ``COLLECTION``.
* Who applies (fact ``patent_applicant_kind``): the application-volume award goes to a
  unit (一(二) "…的单位"), and 三(三) names those units "在本省注册的企事业单位", so a
  natural person, a government body (机关) or an association (团体) cannot get it. The
  other awards follow 三(一) and 二(一) ("须由专利权人或专利申请单位提出申请"): any
  applicant of 三(一), natural persons included.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfbz-2013-166",
    number="青科发办字[2013]166号",
    title_zh="青海省专利奖励资金管理暂行办法",
    title_en="Qinghai interim measures for patent award funds",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2013, 3, 1),
    dates_note="九: in force from 2013-03-01.",
)

W_KINDS = (
    "(一)对新获得国内授权的发明专利,省专利奖励资金给予每件2万元奖励;(二)对年专利申请量超过50件或发明专利年申请量超过20件的单位,"
    "省专利奖励资金给予10万元奖励;(三)对获得中国专利金奖和优秀奖的专利,省专利奖励资金分别给予每项10万元和5万元奖励;"
    "(四)对获得中国外观设计金奖和优秀奖的专利,省专利奖励资金分别给予每项3万元和1万元奖励。"
)
W_APPLICANT = "申请人应是在本省内注册登记的企事业单位、机关、团体和具有本省户籍的自然人,专利申请人地址须在本省内"
W_VOLUME = "年专利申请量超过50件或发明专利年申请量超过20件"

KINDS = a.Citation(DOCUMENT, "一", W_KINDS)
VOLUME = a.Citation(DOCUMENT, "一(二)", W_VOLUME)

_Z = Decimal(0)
FACTS = (
    FactSpec(
        "patent_award_kind",
        "text",
        "the award applied for",
        choices=(
            "invention_grant",
            "application_volume",
            "china_patent_gold",
            "china_patent_excellence",
            "china_design_gold",
            "china_design_excellence",
        ),
    ),
    FactSpec(
        "applicant_in_qinghai",
        "boolean",
        "applicant registered in Qinghai (or a person with Qinghai household registration) with a "
        "Qinghai address",
    ),
    FactSpec(
        "patent_undisputed", "boolean", "legally stable, no ownership or infringement dispute"
    ),
    FactSpec(
        "infringement_finding",
        "boolean",
        "found by a court or patent authority to have infringed or counterfeited patents",
    ),
    FactSpec("abnormal_applications", "boolean", "has made abnormal (非正常) patent applications"),
    FactSpec(
        "patent_applicant_kind",
        "text",
        "who applies for the patent award (三(一)): an enterprise or public institution "
        "(企事业单位), a government body or association (机关、团体), or a natural person "
        "(自然人)",
        choices=("enterprise_or_institution", "government_body_or_association", "individual"),
    ),
    FactSpec(
        "national_award_date",
        "date",
        "date the China Patent or China Design (gold or excellence) award was won",
    ),
    FactSpec(
        "patent_applications",
        "integer",
        "patent applications filed in the year",
        "count",
        _Z,
        yearly=True,
    ),
    FactSpec(
        "invention_applications",
        "integer",
        "invention-patent applications filed in the year",
        "count",
        _Z,
        yearly=True,
    ),
)

PARAMETERS = (
    a.constant(
        "qh.patent_award.invention",
        a.wan(2),
        citation=KINDS,
        unit="CNY",
        description="award per newly granted invention patent",
    ),
    a.constant(
        "qh.patent_award.volume",
        a.wan(10),
        citation=KINDS,
        unit="CNY",
        description="award for a unit's yearly application volume",
    ),
    a.constant(
        "qh.patent_award.min_applications",
        50,
        citation=VOLUME,
        unit="count",
        description="applications a year that must be exceeded",
    ),
    a.constant(
        "qh.patent_award.min_invention_applications",
        20,
        citation=VOLUME,
        unit="count",
        description="invention applications a year that must be exceeded",
    ),
    a.constant(
        "qh.patent_award.patent_gold",
        a.wan(10),
        citation=KINDS,
        unit="CNY",
        description="China Patent Gold",
    ),
    a.constant(
        "qh.patent_award.patent_excellence",
        a.wan(5),
        citation=KINDS,
        unit="CNY",
        description="China Patent Excellence",
    ),
    a.constant(
        "qh.patent_award.design_gold",
        a.wan(3),
        citation=KINDS,
        unit="CNY",
        description="China Design Gold",
    ),
    a.constant(
        "qh.patent_award.design_excellence",
        a.wan(1),
        citation=KINDS,
        unit="CNY",
        description="China Design Excellence",
    ),
)

_is_grant = a.is_one_of(
    "patent_award_kind",
    ("invention_grant",),
    label="award for a granted invention",
    wording="新获得国内授权的发明专利",
    article="一(一)",
)
_is_volume = a.is_one_of(
    "patent_award_kind",
    ("application_volume",),
    label="award for application volume",
    wording=W_VOLUME,
    article="一(二)",
)

PATENT_AWARD = Rule(
    id="QH-PATENT-AWARD",
    kind="incentive",
    title_en="Provincial patent awards",
    title_zh="青海省专利奖励",
    citation=KINDS,
    criteria=a.all_of(
        a.is_true(
            "applicant_in_qinghai",
            label="applicant in Qinghai",
            wording=W_APPLICANT,
            article="三(一)",
        ),
        a.not_(
            a.is_true(
                "infringement_finding",
                label="found to have infringed or counterfeited",
                wording="未被法院或者专利行政主管部门认定有侵犯他人专利权或者假冒专利等违法行为",
                article="三(四)",
            ),
            label="no infringement finding",
        ),
        a.at_most(
            a.evaluation_date(),
            a.day_of_evaluation_year(3, 31),
            label="applied by the end of March",
            wording="申报时间为次年3月底以前,逾期视为放弃",
            article="五(七)",
        ),
        a.if_(
            _is_grant,
            a.all_of(
                a.is_one_of(
                    "patent_kind",
                    ("invention",),
                    label="invention patent",
                    wording="发明专利",
                    article="一(一)",
                ),
                a.is_true(
                    "patent_granted",
                    label="granted by the national IP office",
                    wording="发明专利已由国家知识产权局授权",
                    article="三(二)",
                ),
                a.is_true(
                    "patent_undisputed",
                    label="legally stable and undisputed",
                    wording="法律状态稳定,无权属和侵权纠纷",
                    article="三(二)",
                ),
                a.compare(
                    a.year_of("grant_date"),
                    "==",
                    a.evaluation_year(1),
                    label="granted in the prior year",
                    wording="本年度对上年度授权的发明专利…进行奖励",
                    article="二(二)",
                ),
            ),
            a.if_(
                _is_volume,
                a.all_of(
                    a.is_one_of(
                        "patent_applicant_kind",
                        ("enterprise_or_institution",),
                        label="applicant is an enterprise or public institution (企事业单位)",
                        wording="在本省注册的企事业单位,年专利申请量超过50件或年发明专利申请量超过20件的单位",
                        article="三(三)",
                    ),
                    a.any_of(
                        a.more_than(
                            a.prior_year("patent_applications"),
                            a.param("qh.patent_award.min_applications"),
                            label="patent applications last year",
                            wording="年专利申请量超过50件",
                            article="一(二)",
                        ),
                        a.more_than(
                            a.prior_year("invention_applications"),
                            a.param("qh.patent_award.min_invention_applications"),
                            label="invention applications last year",
                            wording="发明专利年申请量超过20件",
                            article="一(二)",
                        ),
                    ),
                    a.not_(
                        a.is_true(
                            "abnormal_applications",
                            label="abnormal applications",
                            wording="须没有发生过非正常专利申请的情况",
                            article="三(三)",
                        ),
                        label="no abnormal applications",
                    ),
                ),
                a.all_of(
                    a.is_one_of(
                        "patent_award_kind",
                        (
                            "china_patent_gold",
                            "china_patent_excellence",
                            "china_design_gold",
                            "china_design_excellence",
                        ),
                        label="China patent or design award",
                        wording="获得中国专利金奖和优秀奖…获得中国外观设计金奖和优秀奖",
                        article="一(三)、一(四)",
                    ),
                    a.compare(
                        a.year_of("national_award_date"),
                        "==",
                        a.evaluation_year(1),
                        label="national award won in the prior year",
                        wording="本年度对上年度…获得中国专利金奖和优秀奖、中国外观设计金奖和优秀奖的专利进行奖励",
                        article="二(二)",
                    ),
                    label="national award of the prior year",
                ),
                label="application volume or national award",
            ),
            label="conditions of the award applied for",
        ),
    ),
    amount=a.Lookup(
        "patent_award_kind",
        {
            "invention_grant": a.param("qh.patent_award.invention"),
            "application_volume": a.param("qh.patent_award.volume"),
            "china_patent_gold": a.param("qh.patent_award.patent_gold"),
            "china_patent_excellence": a.param("qh.patent_award.patent_excellence"),
            "china_design_gold": a.param("qh.patent_award.design_gold"),
            "china_design_excellence": a.param("qh.patent_award.design_excellence"),
        },
        "award by kind",
        W_KINDS,
    ),
    split=a.paid_by(
        "province", wording="专利奖励资金来源为省级预算安排的科技发展专项资金", article="四"
    ),
    readings=(
        "Awards are for the prior calendar year (grant year, application year or year of the "
        "China Patent / Design award = evaluation year − 1).",
        "The evaluation date is the application date and must be no later than 31 March.",
        "超过 is strict: exactly 50 applications (or 20 invention applications) does not qualify.",
        "The application-volume award is for units (一(二) 单位) and, by 三(三), for enterprises "
        "and public institutions (企事业单位) registered in Qinghai: not for natural persons, "
        "government bodies or associations. The invention and China Patent / Design awards are "
        "open to every applicant of 三(一), persons included (二(一) 专利权人).",
        "'法律状态稳定,无权属和侵权纠纷' (三(二)) is said of the 发明专利 and checked for the invention "
        "award only; the China Patent / Design awards are checked for the prior year and the "
        "infringement bar of 三(四). Asking it of them too is not selectable.",
    ),
)

COLLECTION = a.Deadline(
    wording="申请人应在审批后2个月内办理领款手续,逾期视为放弃", article="七(四)", months=2
)

RULES = (PATENT_AWARD,)
