"""Roles and what each may do: the declared permission matrix.

Each capability carries a scope: ``ALL`` (every unit) or ``UNIT`` (the membership's unit
and its sub-units). 三员分立: the system, security and audit administrators hold disjoint
capabilities, and one account may hold at most one of those three roles.

The matrix lives in core, under everything: core.scope checks it, accounts stores each
membership's role with these choices (Membership.role), and nothing here imports accounts.
"""

from __future__ import annotations

from django.db import models

ALL = "all"
UNIT = "unit"


class Role(models.TextChoices):
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITADMIN = "auditadmin", "审计管理员"
    COORDINATOR = "coordinator", "法治办统筹人员"
    CLERK = "clerk", "单位经办人"
    UNIT_HEAD = "unit_head", "单位负责人"
    LEADER = "leader", "区领导"
    LEGAL_ADVISOR = "legal_advisor", "村（社区）法律顾问"
    MEDIATOR = "mediator", "人民调解员"
    CITY_COORDINATOR = "city_coordinator", "市委依法治市办统筹人员"
    PROVINCE_COORDINATOR = "province_coordinator", "省委依法治省办统筹人员"


ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN})
# Field roles: their capabilities hold only in the streams whose manifest names them in
# ``field_roles`` (a village mediator works in 人民调解, an adviser in 公共法律服务 and 普法), so their
# menu, lists and writes stay in their own work (core.scope, issue 19).
STREAM_BOUND = frozenset({Role.LEGAL_ADVISOR, Role.MEDIATOR})

CAPABILITIES: dict[str, dict[str, str]] = {
    Role.SYSADMIN: {"users.manage": ALL, "units.manage": ALL, "calendar.manage": ALL},
    Role.SECADMIN: {"roles.grant": ALL, "accounts.unlock": ALL, "security.view": ALL},
    Role.AUDITADMIN: {"audit.view": ALL, "audit.export": ALL},
    Role.COORDINATOR: {
        "records.read": ALL, "records.export": ALL, "records.write": UNIT,
        "records.approve": UNIT, "reports.manage": ALL, "dashboard.view": ALL, "personal.view": UNIT,
    },
    Role.CLERK: {"records.read": UNIT, "records.write": UNIT, "records.export": UNIT, "personal.view": UNIT},
    Role.UNIT_HEAD: {
        "records.read": UNIT, "records.write": UNIT, "records.approve": UNIT,
        "records.export": UNIT, "personal.view": UNIT, "dashboard.view": UNIT,
    },
    Role.LEADER: {"records.read": ALL, "records.export": ALL, "dashboard.view": ALL},
    Role.LEGAL_ADVISOR: {"records.read": UNIT, "records.write": UNIT, "personal.view": UNIT},
    Role.MEDIATOR: {"records.read": UNIT, "records.write": UNIT, "personal.view": UNIT},
    # The city's 依法治市办 reads what its counties SUBMITTED (reports.Submission), never their ledgers:
    # no records.read; its membership is at the city unit (Unit.Kind.CITY), so ALL reaches the city's counties.
    # city.submit: it sends the city's consolidated figures (its counties' summed) up to the province.
    Role.CITY_COORDINATOR: {"city.view": ALL, "city.submit": UNIT},
    # The province's 依法治省办 reads what its cities submitted, the same way (membership at Kind.PROVINCE).
    Role.PROVINCE_COORDINATOR: {"province.view": ALL},
}

# The role whose home page a user with several roles lands on first.
HOME_PRIORITY = [
    Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN, Role.LEADER, Role.COORDINATOR,
    Role.CITY_COORDINATOR, Role.PROVINCE_COORDINATOR, Role.UNIT_HEAD, Role.CLERK, Role.LEGAL_ADVISOR, Role.MEDIATOR,
]


def role_label(role: str) -> str:
    return Role(role).label
