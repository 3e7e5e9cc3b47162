"""Who can apply for each Qinghai rule (read from each rule's text), and the facts
being that applicant implies, so a finder asks only what applies."""

from __future__ import annotations

_FIRM = ("enterprise",)
_HOSTS = ("enterprise", "research_institute", "university")

SUBJECTS: dict[str, tuple[str, ...]] = {
    # Designations
    "QH-TBE": _FIRM,
    "QH-ERC": _HOSTS,  # 依托单位: enterprise, university or institute (第七条)
    "QH-KL": _HOSTS,
    "QH-IE": _FIRM,
    "QH-BROKER": ("individual", "enterprise"),  # 人员 / 技术经纪事务所、公司
    "QH-BROKER-PRACTICE": ("individual",),  # 从事技术经纪活动的专业人员
    "QH-NSF-YOUTH": ("individual",),
    "QH-HUIMIN-LEAD": _HOSTS,  # 牵头单位
    "QH-AGRIPARK": ("park",),
    # 基地的范围: 图书馆、博物馆、科技馆…观测台(站) (public bodies, venues), 公园…自然保护区 (parks),
    # 开放实验室 (platforms), besides the firms, institutes and universities running such venues
    "QH-POPSCI-BASE": (*_HOSTS, "platform", "park", "government"),
    "QH-MAJOR-SELECT": _HOSTS,  # 项目承担单位
    # Procedure and conditions
    "QH-ACHIEVEMENT-REG": (*_HOSTS, "individual"),  # 成果完成单位或个人
    "QH-RECUSAL": ("individual",),  # 评审专家
    "QH-ACCEPTANCE": ("project",),
    "QH-ACCEPTANCE-ANNUAL-REPORT": ("project",),  # 项目承担单位的年度报告
    "QH-KL-DIRECTOR": ("platform",),  # 实验室主任
    "QH-KL-COMMITTEE": ("platform",),  # 实验室学术委员会
    "QH-KL-EVAL-PANEL": ("government",),  # 评估专家组 (the department's panel)
    "QH-ERC-BRANCH": ("platform",),  # 工程技术研究中心省外分支机构
    "QH-ERC-COMMITTEE": ("platform",),  # 中心技术委员会
    "QH-RD-APPRAISAL": ("project",),  # 研究开发项目的鉴定
    "QH-SECRECY": ("project",),
    "QH-TECH-CONTRACT": (*_HOSTS, "individual"),  # 自然人(个人)、法人、其他组织 (170号 四)
    "QH-INDIRECT-COST": ("project",),
    "QH-EQUITY-INCENTIVE": _FIRM,  # 国有企业
    "QH-REWARD-SHARE": ("university", "research_institute"),
    "QH20-INCUBATOR-TAX": ("platform", "park"),  # 孵化器、大学科技园、众创空间
    "QH20-PLAN-PREREQ": _FIRM,
    "QH20-FLEX-POSTS": ("university", "research_institute"),
    "QH20-HORIZONTAL": ("project",),
    # Awards and incentives
    "QH-STAWARD": (*_HOSTS, "individual"),
    "QH-PLEDGE": _FIRM,  # 出质人
    "QH-PATENT-AWARD": (*_HOSTS, "individual"),  # 专利权人
    "QH-SHARING": (*_HOSTS, "platform"),  # 仪器设备管理单位
    "QH20-RD-SUBSIDY": _FIRM,
    "QH-RD-SUPER-DEDUCTION": _FIRM,
    "QH-IPO-REWARD": _FIRM,
    "QH20-STANDARD": _FIRM,
    # 创新创业企业和团队: a team with no registered firm applies as persons, like the
    # 团队 of QH20-ACADEMICIAN and QH20-NATIONAL-TALENT
    "QH20-VOUCHER": ("enterprise", "individual"),
    # 我省采购方: any buyer in the province, public bodies, universities and institutes too
    "QH20-FIRST-PURCHASE": (*_HOSTS, "government"),
    "QH20-TOP500-RD": ("enterprise", "research_institute"),
    "QH20-TT-AGENCY": ("platform", "enterprise"),  # 技术转移服务机构
    # 国内外高校、科研机构和技术转移服务机构 (an agency may be a platform or a company)
    "QH20-TT-COBUILT": (*_HOSTS, "platform"),
    "QH20-DEAL-LOCAL": _HOSTS,  # 转让方和受让方
    "QH20-DEAL-IMPORT": _HOSTS,  # 受让方
    "QH20-CASH-REWARD-TAX": ("individual",),
    "QH20-ACADEMICIAN": ("individual",),
    "QH20-NATIONAL-TALENT": ("individual",),
    "QH20-SETTLE-IN": ("individual",),
    "QH20-POSTDOC": _HOSTS,
    "QH20-ZONE-NEW": ("park", "government"),  # 园区; 创新型城市、县(市)
    "QH20-ZONE-RANK": ("park",),
    "QH20-NATIONAL-LAB": (*_HOSTS, "platform"),
    "QH20-NEW-RD-INST": ("research_institute", "enterprise"),  # often registered as companies
    "QH20-SHARING": (*_HOSTS, "platform"),
    "QH20-INCUBATOR": ("platform",),
    "QH20-VC": _FIRM,
    "QH20-HTE-NEW": _FIRM,
    "QH20-LITTLE-GIANT": _FIRM,
    "QH20-TECH-INTRO": _FIRM,
    "QH20-PLATFORM": ("platform",),
}

_HOST_KIND = {
    "enterprise": {"host_kind": "enterprise"},
    "university": {"host_kind": "university"},
    "research_institute": {"host_kind": "institute"},
}

SUBJECT_FACTS: dict[str, dict[str, dict[str, object]]] = {
    "QH-ERC": _HOST_KIND,
    "QH-KL": _HOST_KIND,
    "QH-HUIMIN-LEAD": _HOST_KIND,
    "QH-BROKER": {"individual": {"broker_applicant_kind": "individual"}},
    # a team is not an enterprise, so neither high-tech nor tech-based
    "QH20-VOUCHER": {
        "individual": {"is_high_tech_enterprise": False, "is_tech_based_enterprise": False}
    },
    "QH20-TT-COBUILT": {
        "university": {"cobuilt_partner_kind": "university"},
        "research_institute": {"cobuilt_partner_kind": "research_institute"},
    },
    "QH-PATENT-AWARD": {
        "individual": {"patent_applicant_kind": "individual"},
        "enterprise": {"patent_applicant_kind": "enterprise_or_institution"},
    },
}
