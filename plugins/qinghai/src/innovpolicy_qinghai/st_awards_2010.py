"""青科发办字[2010]124号 《青海省科学技术奖励办法实施细则》 (QH-STAWARD).

Issuer: 青海省科学技术厅. In force from 2010-08-05 (第六十二条 "本实施细则自二〇一〇年
八月五日起执行"); repeals the rules issued 2004-03-16.

The rule answers whether a nominated project can receive the award applied for
(``st_award_kind``) and gives its amount (第五十七条: major contribution 500,000;
progress award 1st 100,000, 2nd 50,000, 3rd 20,000; international cooperation: a
certificate only, amount 0). Its criteria are the nomination bars (第二十七条–第三十二条),
the per-project limits on persons and units (第十二条) and the years of application
each grade needs (第十三条, 第十四条). The qualitative judgements (level of the
technology, IP, effect) are facts the committee supplies.

Committee procedure is in helpers: ``vote_passes`` (第四十二条: a quorum of 4/5 of the
members, inclusive, and 2/3 of those present, inclusive — compared in integers, so
2/3 is exact), ``quotas_ok`` (第三十八条), ``online_panel_ok`` (第三十九条: out-of-province
experts ≥ 30%), ``OBJECTION_WINDOW`` (第四十六条: 30 days from publication) and
``objection_outcome`` (第五十三条).

Readings chosen:

* "隔一年重新推荐" (第三十条, 第三十一条): one year is skipped, so a project not
  awarded (or withdrawn) in year Y can be nominated again from year Y + 2.
* 第三十条 (not awarded) has two conjuncts, new substantive progress since ("获得新的实质性的
  进展") and the gap; 第三十一条 (withdrawn after acceptance) needs only the gap
  ("重新推荐时需隔一年"). The fact ``previous_nomination_outcome`` tells the two apart.
* Years of application: "至少应用三年以上 / 两年以上 / 一年以上" (≥ 3, 2, 1 full years).
* 第二十八条 bars an achievement that needs a licence *and* bears directly on personal
  and social safety or the public interest until it is approved; ``needs_licence`` asks
  both (a licensed product that touches neither is not barred).
* 第十五条 "国际合作奖仅授予…外国公民或组织": the international cooperation award asks
  ``foreign_citizen_or_organisation``; a Chinese citizen or organisation cannot get it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfbz-2010-124",
    number="青科发办字[2010]124号",
    title_zh="青海省科学技术奖励办法实施细则",
    title_en="Implementing rules of the Qinghai S&T award measures",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2010, 8, 5),
    repeals=("青海省科学技术奖励办法实施细则(2004年3月16日印发)",),
    dates_note="第六十二条: in force from 2010-08-05.",
)

W_AMOUNTS = "省科技奖的奖励标准为:重大贡献奖50万元;科技进步奖:一等奖每项10万元,二等奖每项5万元,三等奖每项2万元;国际合作奖颁发荣誉证书。"
W_LIMITS = "一等奖的人数不超过10人,单位不超过6个 ;二等奖的人数不超过8人,单位不超过5个;三等奖的人数不超过7人,单位不超过4个"
W_YEARS = "至少应用三年以上…至少应用两年以上…至少应用一年以上"
AMOUNTS = a.Citation(DOCUMENT, "第五十七条", W_AMOUNTS)
LIMITS = a.Citation(DOCUMENT, "第十二条", W_LIMITS)
YEARS = a.Citation(DOCUMENT, "第十四条", W_YEARS)

_GRADES = ("progress_first", "progress_second", "progress_third")
_Z = Decimal(0)
FACTS = (
    FactSpec(
        "st_award_kind",
        "text",
        "award applied for",
        choices=("major_contribution", *_GRADES, "international_cooperation"),
    ),
    FactSpec(
        "ip_or_authorship_dispute",
        "boolean",
        "unresolved dispute over IP or the persons who did the work",
    ),
    FactSpec(
        "needs_licence",
        "boolean",
        "an achievement that both needs a licence required by law or administrative regulation "
        "and bears directly on personal and social safety or the public interest (new plant or "
        "animal varieties, food, drugs, genetic-engineering technology and products...)",
    ),
    FactSpec("licence_approved", "boolean", "the competent authority has approved it"),
    FactSpec(
        "achievement_registered", "boolean", "registered with the provincial achievement office"
    ),
    FactSpec(
        "previous_nomination_outcome",
        "text",
        "the project's last earlier nomination: none (never nominated before), not_awarded "
        "(evaluated and not awarded, 第三十条) or withdrawn (withdrawn after acceptance, "
        "第三十一条)",
        choices=("none", "not_awarded", "withdrawn"),
    ),
    FactSpec(
        "substantive_progress_since",
        "boolean",
        "the project or work has made new substantive progress (新的实质性的进展) in research "
        "and development since it was not awarded",
    ),
    FactSpec(
        "last_nomination_year", "integer", "year of that earlier nomination", "year", Decimal(1900)
    ),
    FactSpec("nominated_by_prefecture", "boolean", "nominated by a prefecture (州地市)"),
    FactSpec(
        "local_second_prize_or_higher",
        "boolean",
        "holds a local government S&T award of 2nd prize or higher",
    ),
    FactSpec("award_persons", "integer", "persons proposed for the award", "persons", Decimal(1)),
    FactSpec("award_units", "integer", "units proposed for the award", "units", _Z),
    FactSpec(
        "government_department_among_units", "boolean", "a government department is among the units"
    ),
    FactSpec(
        "years_applied", "integer", "full years the achievement has been applied", "years", _Z
    ),
    FactSpec(
        "foreign_citizen_or_organisation",
        "boolean",
        "the candidate is a foreign citizen or a foreign organisation (外国公民或组织)",
    ),
)


PARAMETERS = (
    a.constant(
        "qh.staward.major_contribution", a.wan(50), AMOUNTS, "major contribution award", "CNY"
    ),
    a.constant(
        "qh.staward.first", a.wan(10), AMOUNTS, "progress award, 1st grade, per project", "CNY"
    ),
    a.constant(
        "qh.staward.second", a.wan(5), AMOUNTS, "progress award, 2nd grade, per project", "CNY"
    ),
    a.constant(
        "qh.staward.third", a.wan(2), AMOUNTS, "progress award, 3rd grade, per project", "CNY"
    ),
    a.constant(
        "qh.staward.international",
        0,
        AMOUNTS,
        "international cooperation award (certificate only)",
        "CNY",
    ),
    *(
        a.constant(
            f"qh.staward.max_persons.{grade}", persons, LIMITS, f"persons, {grade}", "persons"
        )
        for grade, persons in zip(_GRADES, (10, 8, 7), strict=True)
    ),
    *(
        a.constant(f"qh.staward.max_units.{grade}", units, LIMITS, f"units, {grade}", "units")
        for grade, units in zip(_GRADES, (6, 5, 4), strict=True)
    ),
    *(
        a.constant(
            f"qh.staward.min_years.{grade}", years, YEARS, f"years of application, {grade}", "years"
        )
        for grade, years in zip(_GRADES, (3, 2, 1), strict=True)
    ),
    a.constant(
        "qh.staward.project_bars_all_awards",
        1,
        a.Citation(DOCUMENT, "第二条", "的推荐、评审、授奖等各项活动"),
        "1 = the bars of 第二十九条 (项目) and 第三十二条 (成果) apply to every award, chapter 4 "
        "governing the nomination of all three (default reading); 0 = to progress awards only",
        "reading",
    ),
    a.constant(
        "qh.staward.renomination_gap",
        2,
        a.Citation(DOCUMENT, "第三十条", "可以按照规定的程序隔一年重新推荐"),
        "years from an unsuccessful nomination to the next (one year skipped)",
        "years",
    ),
)


def _grade(grade: str, label: str) -> a.Criterion:
    return a.is_one_of("st_award_kind", (grade,), label=label, wording=label, article="第五十七条")


def _by_grade(prefix: str) -> a.Expr:
    return a.cases(
        (_grade("progress_first", "一等奖"), a.param(f"{prefix}.progress_first")),
        (_grade("progress_second", "二等奖"), a.param(f"{prefix}.progress_second")),
        (_grade("progress_third", "三等奖"), a.param(f"{prefix}.progress_third")),
    )


_progress = a.is_one_of(
    "st_award_kind", _GRADES, label="a progress award", wording="科技进步奖", article="第十二条"
)


def _project_bar_applies() -> a.Criterion:
    """Whether the bars said of 项目/成果 (第二十九条, 第三十二条) apply to the award asked
    about: to every award under the default reading, else to progress awards only."""
    return a.any_of(
        a.at_least(
            a.param("qh.staward.project_bars_all_awards"),
            1,
            label="reading: the bar applies to every award (qh.staward.project_bars_all_awards)",
            wording="的推荐、评审、授奖等各项活动",
            article="第二条",
        ),
        _progress,
        label="the bar applies to this award",
    )


ST_AWARD = Rule(
    id="QH-STAWARD",
    kind="incentive",
    title_en="Provincial S&T award",
    title_zh="青海省科学技术奖",
    citation=AMOUNTS,
    criteria=a.all_of(
        a.not_(
            a.is_true(
                "ip_or_authorship_dispute",
                label="IP or authorship dispute",
                wording="在知识产权以及有关完成人员等方面有争议的,在争议未解决前不得推荐",
                article="第二十七条",
            ),
            label="no unresolved IP or authorship dispute",
        ),
        a.if_(
            a.is_true(
                "needs_licence",
                label="needs a licence and bears on safety or the public interest",
                wording="法律、行政法规规定必须取得有关许可证,且直接关系到人身和社会安全、公共利益的成果",
                article="第二十八条",
            ),
            a.is_true(
                "licence_approved",
                label="licence approved",
                wording="在未获得主管部门批准之前,不得推荐",
                article="第二十八条",
            ),
            label="licensed products approved",
        ),
        a.if_(
            _project_bar_applies(),
            a.is_true(
                "achievement_registered",
                label="achievement registered",
                wording="未在省科技成果管理部门办理成果登记的项目,不得推荐",
                article="第二十九条",
            ),
            label="registered achievement, where the bar applies",
        ),
        a.if_(
            a.is_one_of(
                "previous_nomination_outcome",
                ("not_awarded", "withdrawn"),
                label="nominated before without an award",
                wording="经评定未授奖的…退出评审的",
                article="第三十条、第三十一条",
            ),
            a.all_of(
                a.at_least(
                    a.evaluation_year(),
                    a.Sum((a.fact("last_nomination_year"), a.param("qh.staward.renomination_gap"))),
                    label="nomination year",
                    wording="隔一年重新推荐",
                    article="第三十条",
                    reading="one year skipped: renomination from the second year after",
                ),
                a.if_(
                    a.is_one_of(
                        "previous_nomination_outcome",
                        ("not_awarded",),
                        label="evaluated and not awarded (not withdrawn)",
                        wording="经评定未授奖的候选人、候选单位",
                        article="第三十条",
                    ),
                    a.is_true(
                        "substantive_progress_since",
                        label="new substantive progress since",
                        wording="如果其完成的项目或者工作在此后的研究开发活动中获得新的实质性的进展",
                        article="第三十条",
                    ),
                    label="new substantive progress after a nomination not awarded",
                ),
            ),
            label="renomination: one-year gap, and new progress if not awarded",
        ),
        a.if_(
            _project_bar_applies(),
            a.if_(
                a.is_true(
                    "nominated_by_prefecture",
                    label="nominated by a prefecture",
                    wording="各州地市推荐",
                    article="第三十二条",
                ),
                a.is_true(
                    "local_second_prize_or_higher",
                    label="local 2nd prize or higher",
                    wording="必须是已获当地政府科技二等奖以上的成果",
                    article="第三十二条",
                ),
                label="prefecture nominations hold a local 2nd prize",
            ),
            label="a local 2nd prize, where the bar applies",
        ),
        a.if_(
            _progress,
            a.all_of(
                a.at_most(
                    "award_persons",
                    _by_grade("qh.staward.max_persons"),
                    label="persons per project",
                    wording=W_LIMITS,
                    article="第十二条",
                ),
                a.at_most(
                    "award_units",
                    _by_grade("qh.staward.max_units"),
                    label="units per project",
                    wording=W_LIMITS,
                    article="第十二条",
                ),
                a.not_(
                    a.is_true(
                        "government_department_among_units",
                        label="a government department among the units",
                        wording="各级政府部门原则上不能作为候选单位",
                        article="第十一条",
                    )
                ),
                a.at_least(
                    "years_applied",
                    _by_grade("qh.staward.min_years"),
                    label="years of application",
                    wording=W_YEARS,
                    article="第十四条",
                ),
            ),
            label="progress-award limits and grade criteria",
        ),
        a.if_(
            a.is_one_of(
                "st_award_kind",
                ("international_cooperation",),
                label="the international cooperation award",
                wording="国际合作奖",
                article="第十五条",
            ),
            a.is_true(
                "foreign_citizen_or_organisation",
                label="a foreign citizen or organisation",
                wording="国际合作奖仅授予在双边或者多边国际科技合作中对青海省的科技事业作出重要贡献的外国公民或组织",
                article="第十五条",
            ),
            label="international cooperation award only for foreigners",
        ),
    ),
    amount=a.Lookup(
        "st_award_kind",
        {
            "major_contribution": a.param("qh.staward.major_contribution"),
            "progress_first": a.param("qh.staward.first"),
            "progress_second": a.param("qh.staward.second"),
            "progress_third": a.param("qh.staward.third"),
            "international_cooperation": a.param("qh.staward.international"),
        },
        "award by kind and grade",
        W_AMOUNTS,
    ),
    split=a.paid_by("province", wording="省科技奖", article="第五十七条"),
    readings=(
        "The international cooperation award is a certificate: amount 0.",
        "Qualitative grade criteria (level, IP, effects) are for the committee and are not facts here.",
        "'各级政府部门原则上不能作为候选单位' (第十一条): 原则上 (in principle) admits exceptions the "
        "text does not name; a government department among the units fails here, and an "
        "exception is for the reviewing office to grant.",
        "The nomination bars of 第二十七条–第三十二条 (chapter 4, which governs the nomination of "
        "all three awards, 第二条) apply to every award, persons' awards included: the "
        "questions are asked of the achievements the award is for. Override "
        "qh.staward.project_bars_all_awards to 0 to limit 第二十九条 and 第三十二条 (项目, 成果) "
        "to progress awards.",
    ),
)

QUOTAS = {
    "major_contribution": 1,
    "progress": 30,
    "progress_first": 5,
    "progress_second": 10,
    "progress_third": 15,
    "international_cooperation": 2,
}  # 第三十八条
OBJECTION_WINDOW = a.Deadline(
    wording="应当在评审结果公布之日起30日之内向省科技奖励办提出,逾期不予受理",
    article="第四十六条",
    days=30,
)
NON_SUBSTANTIVE_REPLY = a.Deadline(
    wording="非实质性异议应当在10日内答复", article="第四十九条", days=10
)


def vote_passes(members: int, present: int, votes_for: int) -> bool:
    """第四十二条: at least 4/5 of the members present (含五分之四) and at least 2/3 of those
    present in favour (含三分之二); integer arithmetic keeps both fractions exact."""
    if not 0 <= votes_for <= present <= members or members == 0:
        raise ValueError(
            f"members={members}, present={present}, votes_for={votes_for}: inconsistent counts"
        )
    return present * 5 >= members * 4 and votes_for * 3 >= present * 2


def quotas_ok(counts: dict[str, int]) -> bool:
    """第三十八条 yearly quotas; ``counts`` by award kind (progress grades counted separately)."""
    progress = sum(counts.get(grade, 0) for grade in _GRADES)
    return progress <= QUOTAS["progress"] and all(
        counts.get(kind, 0) <= limit for kind, limit in QUOTAS.items() if kind != "progress"
    )


def online_panel_ok(experts: int, out_of_province: int) -> bool:
    """第三十九条 "其中省外专家比例不低于30%" (≥ 30%, in integers)."""
    return experts > 0 and 0 <= out_of_province <= experts and out_of_province * 10 >= experts * 3


def objection_outcome(objection_deadline: date, resolved_on: date) -> str:
    """第五十三条: resolved within 15 days of the objection deadline → "this_year"; within one
    year → "next_year"; later → "renominate"."""
    if resolved_on <= objection_deadline + relativedelta(days=15):
        return "this_year"
    if resolved_on <= objection_deadline + relativedelta(years=1):
        return "next_year"
    return "renominate"


RULES = (ST_AWARD,)
