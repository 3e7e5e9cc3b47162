"""青科发财字[2014]82号 《青海省大型科学仪器设备共享服务管理办法》 (QH-SHARING).

Issuer: 青海省科学技术厅. In force 2014-07-01 to 2019-06-30 (第十五条
"本办法自2014年7月1日起施行,至2019年6月30日止").

Readings chosen (第八条, 第九条):

* "仪器共享服务费用在5万元以下(含5万元)的,给予20%的补贴;…对超出5万元部分给予不高于
  10%的补贴" is a marginal scale, 20% of the first 50,000 and 10% of the excess.
  "不高于10%" is a ceiling the office may go below; the rule reports the most the
  text allows, and a child layer can override ``qh.sharing.scale`` with a lower rate.
* "同一单位在同一年度获得补贴资金总额不超过30万元" caps the result; the yearly total
  is the unit's fees of the year evaluated.
* The 40 / 30 / 30 split of 第九条 is how the subsidy is to be used (running costs,
  repairs, staff performance pay), not who pays it: it is explained as a breakdown
  of the amount (parts that add up exactly to the fen), not as payer shares.
* The 10% discount for discipline leaders (第八条(二)) and the higher rate for
  certified units (第八条(三), not quantified) are not part of this amount.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, MarginalScale, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfcz-2014-82",
    number="青科发财字[2014]82号",
    title_zh="青海省大型科学仪器设备共享服务管理办法",
    title_en="Qinghai measures for the shared services of large scientific instruments",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2014, 7, 1),
    effective_to=date(2019, 6, 30),
    dates_note="第十五条 gives both dates.",
)

W_SCOPE = "单台(套)价值在10万元(人民币)以上,并列入青海省大型科学仪器共享服务平台的科学仪器设备"
W_SCALE = (
    "仪器拥有单位仪器共享服务费用在5万元以下(含5万元)的,给予20%的补贴;仪器共享服务费用在5万元以上的,"
    "采用累进递减计算方式,对超出5万元部分给予不高于10%的补贴"
)
W_CAP = "同一单位在同一年度获得补贴资金总额不超过30万元"
W_USE = "大型科学仪器设备日常运行费…占补贴资金的40%;…维修费用…占补贴资金的30%;…机组人员业务费…占补贴资金的30%"

SCOPE = a.Citation(DOCUMENT, "第二条", W_SCOPE)
SCALE = a.Citation(DOCUMENT, "第八条", W_SCALE)
CAP = a.Citation(DOCUMENT, "第八条", W_CAP)
USE = a.Citation(DOCUMENT, "第九条", W_USE)

_Z = Decimal(0)
FACTS = (
    FactSpec("instrument_unit_value", "decimal", "value of the instrument (one set)", "CNY", _Z),
    FactSpec(
        "instrument_on_platform", "boolean", "listed on the provincial instrument-sharing platform"
    ),
    FactSpec(
        "sharing_service_fees",
        "decimal",
        "the unit's instrument-sharing service fees of the year",
        "CNY",
        _Z,
    ),
)

PARAMETERS = (
    a.constant(
        "qh.sharing.min_instrument_value",
        a.wan(10),
        citation=SCOPE,
        unit="CNY",
        description="minimum value of an instrument in scope",
    ),
    a.constant(
        "qh.sharing.scale",
        MarginalScale.of((0, "0.20"), (a.wan(5), "0.10")),
        citation=SCALE,
        unit="marginal scale",
        description="20% of fees up to 50,000; at most 10% of the excess",
    ),
    a.constant(
        "qh.sharing.yearly_cap",
        a.wan(30),
        citation=CAP,
        unit="CNY",
        description="yearly cap per unit",
    ),
    a.constant(
        "qh.sharing.use_running", 40, citation=USE, unit="weight", description="running costs"
    ),
    a.constant("qh.sharing.use_repairs", 30, citation=USE, unit="weight", description="repairs"),
    a.constant(
        "qh.sharing.use_staff", 30, citation=USE, unit="weight", description="staff performance pay"
    ),
)

SHARING_SUBSIDY = Rule(
    id="QH-SHARING",
    kind="incentive",
    title_en="Subsidy for sharing large scientific instruments",
    title_zh="大型科学仪器设备共享补贴",
    citation=SCALE,
    criteria=a.all_of(
        a.at_least(
            "instrument_unit_value",
            a.param("qh.sharing.min_instrument_value"),
            label="instrument value",
            wording="单台(套)价值在10万元(人民币)以上",
            article="第二条",
        ),
        a.is_true(
            "instrument_on_platform",
            label="listed on the sharing platform",
            wording="列入青海省大型科学仪器共享服务平台",
            article="第二条",
        ),
    ),
    amount=a.Breakdown(
        a.lesser_of(
            a.Marginal(
                a.param("qh.sharing.scale"),
                a.fact("sharing_service_fees"),
                "progressive subsidy on the year's sharing fees",
                W_SCALE,
            ),
            a.cap(a.param("qh.sharing.yearly_cap"), label="yearly cap per unit", wording=W_CAP),
        ),
        (
            ("running costs (日常运行费)", a.param("qh.sharing.use_running")),
            ("repairs (维修费用)", a.param("qh.sharing.use_repairs")),
            ("staff performance pay (机组人员业务费)", a.param("qh.sharing.use_staff")),
        ),
        "subsidy",
        W_USE,
    ),
    readings=(
        "'不高于10%' read at its maximum, 10%; a lower rate is an override of qh.sharing.scale.",
        "The 40/30/30 of 第九条 is how the subsidy is used, explained as a breakdown; it names "
        "no payer.",
    ),
)


RULES = (SHARING_SUBSIDY,)
