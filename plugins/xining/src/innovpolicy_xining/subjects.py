"""Who can apply for each Xining rule (read from each paragraph of the 2020 measures)."""

from __future__ import annotations

_HOSTS = ("enterprise", "research_institute", "university")

SUBJECTS: dict[str, tuple[str, ...]] = {
    "XN20-LAB": (*_HOSTS, "platform"),  # 共建国家(省部)重点实验室、技术创新中心
    "XN20-WORKSTATION": _HOSTS,  # 院士和专家工作站的建站单位
    "XN20-PILOT": ("enterprise", "platform"),  # 中试熟化平台
    "XN20-INCUBATOR": ("platform",),  # 孵化器、星创天地
    "XN20-CONTRACT-BUYER": _HOSTS,  # 技术合同买方
    "XN20-CONTRACT-BROKER": ("enterprise", "platform", "individual"),  # 中介机构、技术经纪人
    "XN20-MAJOR-DEAL": _HOSTS,
    "XN20-ALLIANCE": ("platform",),  # 产学研技术创新联盟(协会)
    "XN20-GROWTH": ("enterprise",),  # 产学研经济实体
    "XN20-FUND": ("government",),
    "XN20-REWARD-SHARE": ("university", "research_institute"),
    "XN20-HORIZONTAL": ("project",),
    "XN20-PRECEDENCE": ("government",),
    "XN20-MATCHING": ("government",),  # 市与园区(县区)配套: the paying governments
}

SUBJECT_FACTS: dict[str, dict[str, dict[str, object]]] = {}
