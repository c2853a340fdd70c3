"""Demo 涉企行政检查: 30+ registered inspections with codes across seven departments, each doing its
own kind of work (交通运输局 road transport, 市场监管局 food, 应急管理局 work safety …); some done,
some planned, one cancelled, one entity at the 无事不扰 cap (and a draft beyond it awaiting the
coordinator's approval). Dates are counted from today so planned inspections stay in the future.
Credit codes are made up with valid check characters. Inspectors are officers of the 执法证
register when one is installed (its demo loads first), else fixed names and numbers."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.identifiers import uscc_check_char
from fazhi.core.models import Unit
from fazhi.streams.checks.models import BusinessInspection, Kind, new_code


def synthetic_uscc(serial: int) -> str:
    """A made-up 统一社会信用代码 of a 常德 company with a valid GB 32100 check character."""
    first17 = f"91430700MA4R{serial:05d}"
    return first17 + uscc_check_char(first17)


# unit suffix -> (inspectors, matter, basis, kind, entities)
WORK = {
    "-D03": ("周敏 43070003001 2028-06-30；吴刚 43070003002 2028-06-30",
             "食品经营许可、索证索票和食品贮存检查", "《中华人民共和国食品安全法》第一百一十条", Kind.RANDOM,
             ["西洞庭鲜味餐饮有限公司", "西洞庭惠民超市有限公司", "常德洞庭湖食品有限公司", "西洞庭好邻居便利店有限公司",
              "西洞庭学府餐饮管理有限公司", "常德湖鲜水产品加工有限公司"]),
    "-D04": ("彭涛 43070004001 2028-12-31；郭磊 43070004002 2028-12-31",
             "道路运输经营资质和车辆技术状况检查", "《中华人民共和国道路运输条例》第六十条", Kind.SPECIAL,
             ["西洞庭通达客运有限公司", "常德湖区货运物流有限公司", "西洞庭顺安驾驶培训有限公司", "常德恒通汽车维修有限公司",
              "西洞庭城乡公交有限公司"]),
    "-D13": ("罗军 43070013001 2028-03-31；黄伟 43070013002 2028-03-31",
             "安全生产主体责任落实情况检查", "《中华人民共和国安全生产法》第六十五条", Kind.SPECIAL,
             ["常德洞庭湖食品有限公司", "西洞庭农资仓储有限公司", "常德湖区建材有限公司", "西洞庭粮油加工有限公司"]),
    "-D11": ("邓华 43070011001 2028-09-30；曹阳 43070011002 2028-09-30",
             "排污许可执行和污染防治设施运行检查", "《中华人民共和国环境保护法》第二十四条", Kind.RANDOM,
             ["常德湖区建材有限公司", "西洞庭粮油加工有限公司", "常德湖鲜水产品加工有限公司", "西洞庭再生资源回收有限公司"]),
    "-D10": ("蒋平 43070010001 2028-06-30；谢红 43070010002 2028-06-30",
             "农药、种子经营许可和台账检查", "《农药管理条例》第四十一条", Kind.RANDOM,
             ["西洞庭农资仓储有限公司", "西洞庭丰收种业有限公司", "常德绿野农资连锁有限公司"]),
    "-D12": ("韩梅 43070012001 2028-12-31；冯涛 43070012002 2028-12-31",
             "公共场所卫生许可和卫生管理检查", "《公共场所卫生管理条例》第十二条", Kind.COMPLAINT,
             ["西洞庭悦来宾馆有限公司", "西洞庭清泉洗浴有限公司", "西洞庭康桥美容美发有限公司"]),
    "-D09": ("曾辉 43070009001 2028-06-30；彭亮 43070009002 2028-06-30",
             "建筑施工安全和工程质量检查", "《建设工程质量管理条例》第四十七条", Kind.ASSIGNED,
             ["常德洞庭建设工程有限公司", "西洞庭安居置业有限公司", "常德湖区市政工程有限公司", "西洞庭鸿达建筑劳务有限公司",
              "常德湖区园林绿化有限公司"]),
}
CAPPED = "常德洞庭湖食品有限公司"  # inspected by 市场监管局 and 应急管理局: at the yearly cap of 2


def _codes() -> dict[str, str]:
    names = sorted({name for *_, entities in WORK.values() for name in entities})
    return {name: synthetic_uscc(301 + i) for i, name in enumerate(names)}


def _day(today, offset: int):
    """today + offset, kept inside today's year so the 无事不扰 counts stay in one year."""
    d = today + timedelta(days=offset)
    return d if d.year == today.year else today


def _inspectors(unit: Unit, today, default: str) -> str:
    """Two of the unit's officers from the 执法证 register (core.registry), valid over the demo's
    planned dates; the fixed text when no register is installed."""
    first = max(today - timedelta(days=60), today.replace(month=1, day=1))
    holders = (registry.certificate_holders_through(unit, first, today + timedelta(days=30))
               or registry.certificate_holders_through(None, first, today + timedelta(days=30)))[:2]
    if len(holders) < 2:
        return default
    return "；".join(f"{h.holder} {h.number} {h.valid_until:%Y-%m-%d}" for h in holders)


def _registered(planned, today) -> datetime:
    """Registered a week ahead, and never after today (an inspection planned for the coming days
    was registered by yesterday)."""
    day = min(planned - timedelta(days=7), today - timedelta(days=1))
    return timezone.make_aware(datetime.combine(day, time(9)))


def load(county: Unit) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__startswith=f"{county.code}-")}
    if any(f"{county.code}{s}" not in units for s in WORK):
        return
    today = timezone.localdate()
    codes = _codes()
    with transaction.atomic():
        n = 0
        staff = {suffix: _inspectors(units[f"{county.code}{suffix}"], today, work[0]) for suffix, work in WORK.items()}
        for suffix, (_text, matter, basis, kind, entities) in WORK.items():
            unit = units[f"{county.code}{suffix}"]
            inspectors = staff[suffix]
            for i, name in enumerate(entities):
                n += 1
                # about half done (in the past), the rest registered for the coming days
                offset = -5 * (n % 9) - 3 if n % 2 else (n % 4) + (10 if n % 5 == 0 else 0)
                if name == CAPPED:
                    offset = -12 if suffix == "-D03" else 1
                planned = _day(today, offset)
                fields = {"year": planned.year, "kind": kind, "matter": matter, "basis": basis,
                          "entity_name": name, "inspectors": inspectors, "state": "registered",
                          "registered_at": _registered(planned, today)}
                if kind == Kind.RANDOM:
                    fields["draw_ref"] = f"SJ{planned.year}-{suffix[-2:]}{i + 1:02d}"
                if planned < today:
                    fields.update(state="done", done_on=planned,
                                  result="未发现问题。" if n % 3 else "发现问题1项，已责令限期整改。")
                _inspection(unit, codes[name], planned, fields)
        market = units[f"{county.code}-D03"]
        _inspection(market, codes["西洞庭好邻居便利店有限公司"], _day(today, 2),
                    {"year": _day(today, 2).year, "kind": Kind.COMPLAINT, "state": "cancelled",
                     "matter": "消费者投诉食品过期核查", "basis": "《中华人民共和国食品安全法》第一百一十条",
                     "entity_name": "西洞庭好邻居便利店有限公司", "inspectors": staff["-D03"],
                     "registered_at": timezone.now() - timedelta(days=1)})
        health = units[f"{county.code}-D12"]
        _inspection(health, codes[CAPPED], _day(today, 5),
                    {"year": _day(today, 5).year, "kind": Kind.COMPLAINT, "state": "draft",
                     "matter": "职工食堂从业人员健康证明核查", "basis": "《中华人民共和国食品安全法》第四十五条",
                     "entity_name": CAPPED, "inspectors": staff["-D12"]}, code=False)


def _inspection(unit: Unit, credit_code: str, planned, fields: dict, code: bool = True) -> None:
    if not BusinessInspection.objects.filter(unit=unit, credit_code=credit_code, matter=fields["matter"]).exists():
        BusinessInspection.objects.create(unit=unit, credit_code=credit_code, planned_on=planned,
                                          check_code=new_code() if code else None, **fields)
