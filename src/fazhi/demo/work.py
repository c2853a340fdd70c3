"""What each demo department does (issue 17, demo coherence): its enforcement field, the matters
it decides by kind of decision, and the parties it deals with. A stream's demo draws a
department's records from here, so 市场监管局 fines food sellers and 交通运输局 carriers, never
the other way round. Keys are the department code suffixes of ``fazhi_demo.DEPARTMENTS``;
decision kinds are the values of enforcement's DecisionType (penalty, licence, coercion,
inspection, other)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    field: str
    matters: dict[str, tuple[str, ...]]
    parties: tuple[str, ...]


OTHER = ("行政确认", "行政奖励")

WORK: dict[str, Work] = {
    "D03": Work("市场监管", {
        "penalty": ("销售超过保质期的食品", "销售不符合食品安全标准的食品", "未按规定公示食品经营许可证"),
        "licence": ("食品经营许可", "特种设备使用登记"),
        "coercion": ("查封违法生产经营场所", "扣押不符合食品安全标准的食品"),
        "inspection": ("食品安全日常监督检查", "特种设备安全监督检查"),
    }, ("西湖镇惠民超市", "金凤食品商行", "民生餐饮管理有限公司", "西洞庭大药房")),
    "D04": Work("交通运输", {
        "penalty": ("未取得道路运输经营许可擅自从事经营", "货车超限运输", "客运车辆未按规定进行二级维护"),
        "licence": ("道路货物运输经营许可", "公路超限运输许可"),
        "coercion": ("扣押超限运输车辆", "暂扣无道路运输证的车辆"),
        "inspection": ("道路运输企业安全生产检查", "客运站场安全检查"),
    }, ("西洞庭物流有限公司", "沅澧运输有限公司", "安达货运有限公司", "宏达机动车维修厂")),
    "D05": Work("自然资源", {
        "penalty": ("违法占用耕地建设", "未经批准非法占用集体土地建房", "未取得采矿许可证擅自采砂"),
        "licence": ("建设项目用地预审与选址意见书核发", "乡村建设规划许可"),
        "coercion": ("查封违法采砂设备", "责令停止违法占地施工"),
        "inspection": ("土地卫片执法检查", "矿产资源开发秩序检查"),
    }, ("湘西洞庭砂石有限公司", "湘北建筑工程有限公司", "祝丰建材经营部")),
    "D07": Work("治安管理", {
        "penalty": ("旅馆未按规定登记住宿旅客信息", "娱乐场所未按规定安装监控设备", "违反治安管理扰乱公共秩序"),
        "licence": ("旅馆业特种行业许可证核发", "公章刻制业特种行业许可证核发"),
        "coercion": ("扣押涉案物品", "查封违法经营场所"),
        "inspection": ("旅馆业治安管理检查", "娱乐场所治安检查"),
    }, ("西洞庭悦来宾馆有限公司", "西洞庭清泉洗浴有限公司", "西洞庭康桥美容美发有限公司")),
    "D09": Work("住房和城乡建设", {
        "penalty": ("未取得施工许可证擅自施工", "施工现场扬尘污染防治措施不到位", "未取得商品房预售许可销售房屋"),
        "licence": ("建筑工程施工许可证核发", "商品房预售许可"),
        "coercion": ("查封违法施工现场",),
        "inspection": ("建筑施工安全检查", "工程质量监督检查"),
    }, ("湘北建筑工程有限公司", "常德洞庭建设工程有限公司", "西洞庭安居置业有限公司")),
    "D10": Work("农业农村", {
        "penalty": ("经营未经检疫的动物产品", "销售不合格肥料", "经营假劣农药"),
        "licence": ("农药经营许可", "种子生产经营许可"),
        "coercion": ("查封扣押假劣农资",),
        "inspection": ("农资市场监督检查", "动物防疫条件检查"),
    }, ("金穗种业有限公司", "绿源生态农业有限公司", "洞庭湖农产品有限公司", "常德鑫源渔业合作社", "福瑞棉业有限公司")),
    "D11": Work("生态环境", {
        "penalty": ("超标排放大气污染物", "超标排放水污染物", "未批先建配套污染防治设施"),
        "licence": ("排污许可",),
        "coercion": ("查封造成污染物排放的设施设备",),
        "inspection": ("排污许可执行情况检查",),
    }, ("洞庭水产养殖有限公司", "西湖米业有限公司", "湘西洞庭砂石有限公司")),
    "D12": Work("卫生健康", {
        "penalty": ("医疗机构使用非卫生技术人员", "公共场所未取得卫生许可证经营", "未按规定组织职业健康检查"),
        "licence": ("医疗机构执业登记", "公共场所卫生许可"),
        "coercion": ("查封涉嫌违法的医疗器械和药品",),
        "inspection": ("医疗机构依法执业检查", "公共场所卫生监督检查"),
    }, ("西洞庭大药房", "西洞庭悦来宾馆有限公司", "西洞庭清泉洗浴有限公司")),
    "D13": Work("应急管理", {
        "penalty": ("未按规定开展安全生产教育培训", "未按规定对重大危险源进行监控", "违规储存烟花爆竹"),
        "licence": ("烟花爆竹经营（零售）许可", "危险化学品经营许可"),
        "coercion": ("查封违法储存危险物品的场所",),
        "inspection": ("安全生产监督检查", "危险化学品经营单位安全检查"),
    }, ("祝丰建材经营部", "福瑞棉业有限公司", "西洞庭粮油加工有限公司")),
}


def matter(suffix: str, kind: str, n: int) -> str:
    """The ``n``-th (cyclically) matter of this kind the department decides."""
    work = WORK[suffix]
    options = work.matters.get(kind, OTHER)
    return options[n % len(options)]


def party(suffix: str, n: int) -> str:
    parties = WORK[suffix].parties
    return parties[n % len(parties)]
