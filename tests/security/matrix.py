"""The declared permission matrix: which persona may open which page.

Every URL name of the platform (found by walking ``django.urls.get_resolver()``) must match
one rule below; ``test_permission_matrix`` fails, listing the names, when a page has none.
Rules are tried in order and the first match wins. A pattern is an ``fnmatch`` pattern on
the full URL name (``namespace:…:name``); unnamed patterns are matched as ``route:<route>``.
A rule with ``streams_only`` matches only names whose first namespace is a stream key
(``fazhi.core.registry.streams()``), so a generic ledger rule cannot swallow a core page.

Rule kinds
  page       GET with the declared ``kwargs`` (or none): ``allowed`` personas get 200 or a redirect
             that is not to a login page; all others are denied (403; 302 to the login page for
             anonymous; 404 only for personas listed in ``hidden``).
  record     GET on one record of 市场监管局 (see ``RECORD_FACTORIES``): ``allowed`` as above,
             the others get 403 or 404.
  redirect   only redirects every signed-in persona; the target page has its own rule.
  post_only  GET must not act: 405 (or 302 to login for anonymous).
  skip       not walked here, with the declared reason.

Persona sets are written out, and ``test_persona_sets_follow_roles`` checks each against
``fazhi.core.roles.CAPABILITIES`` so that a change of roles.py forces a look at this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase

PERSONAS = ("anonymous", "citizen", "clerk", "other_clerk", "head", "coordinator", "leader",
            "sysadmin", "secadmin", "auditadmin", "city")

# the role each persona holds (tests/conftest.py); anonymous and citizen hold none
PERSONA_ROLES = {
    "clerk": "clerk", "other_clerk": "clerk", "head": "unit_head", "coordinator": "coordinator",
    "leader": "leader", "sysadmin": "sysadmin", "secadmin": "secadmin", "auditadmin": "auditadmin",
    "city": "city_coordinator",  # the demo's 市委依法治市办统筹人员 at 常德市, the county under it
}

PUBLIC = frozenset(PERSONAS)
SIGNED_IN = PUBLIC - {"anonymous"}
NOBODY: frozenset[str] = frozenset()
CITIZENS = frozenset({"citizen"})

# capability holders (any unit); checked against roles.CAPABILITIES
READERS = frozenset({"clerk", "other_clerk", "head", "coordinator", "leader"})  # records.read
WRITERS = frozenset({"clerk", "other_clerk", "head", "coordinator"})  # records.write
EXPORTERS = frozenset({"clerk", "other_clerk", "head", "coordinator", "leader"})  # records.export
DASHBOARD = frozenset({"head", "coordinator", "leader"})  # dashboard.view
REPORT_MANAGERS = frozenset({"coordinator"})  # reports.manage
SYSADMIN = frozenset({"sysadmin"})  # users.manage, units.manage, calendar.manage
SECADMIN = frozenset({"secadmin"})  # roles.grant, accounts.unlock
AUDITADMIN = frozenset({"auditadmin"})  # audit.view
CITY = frozenset({"city"})  # city.view, city.submit: the city's 依法治市办 (its counties' submissions only)
PROVINCE = NOBODY  # province.view: the province's 依法治省办 (no persona here; tests/reports/test_province.py)

CAPABILITY_SETS = {
    "records.read": READERS, "records.write": WRITERS, "records.export": EXPORTERS,
    "dashboard.view": DASHBOARD, "reports.manage": REPORT_MANAGERS, "users.manage": SYSADMIN,
    "calendar.manage": SYSADMIN, "roles.grant": SECADMIN, "accounts.unlock": SECADMIN, "audit.view": AUDITADMIN,
    "city.view": CITY, "city.submit": CITY, "province.view": PROVINCE,
}

# on one record of 市场监管局: records.read / records.write with the unit scope applied
# (coordinator reads ALL but writes only 司法局; leader reads ALL and writes nothing)
RECORD_READERS = frozenset({"clerk", "head", "coordinator", "leader"})
RECORD_WRITERS = frozenset({"clerk", "head"})


@dataclass(frozen=True)
class Rule:
    pattern: str
    kind: str  # page | record | post_only | skip
    allowed: frozenset = NOBODY
    reason: str = ""
    kwargs: dict = field(default_factory=dict)  # "@name" values are filled by the test (objects it made)
    hidden: frozenset = NOBODY
    streams_only: bool = False

    def matches(self, name: str, stream_keys: set[str]) -> bool:
        if self.streams_only and name.split(":", 1)[0] not in stream_keys:
            return False
        return fnmatchcase(name, self.pattern)


def page(pattern: str, allowed: frozenset, **kw) -> Rule:
    return Rule(pattern, "page", allowed, **kw)


def record(pattern: str, allowed: frozenset, **kw) -> Rule:
    return Rule(pattern, "record", allowed, **kw)


def post_only(pattern: str, allowed: frozenset = NOBODY, **kw) -> Rule:
    """``allowed``: who may POST; when given, the others may also be turned away by a redirect."""
    return Rule(pattern, "post_only", allowed, **kw)


def redirect(pattern: str, reason: str, **kw) -> Rule:
    """A page that only redirects (anonymous users to the login page); the target is walked itself."""
    return Rule(pattern, "redirect", SIGNED_IN, reason=reason, **kw)


def skip(pattern: str, reason: str, **kw) -> Rule:
    return Rule(pattern, "skip", NOBODY, reason=reason, **kw)


STREAM_ACTION = "stream-specific action on a record of one ledger; needs that ledger's record — tests/streams/"

RULES: list[Rule] = [
    # -- REST API: its own tests (tests/api) check token/session auth, scope and masking
    skip("api-v1:*", "REST API, checked by tests/api (token and session auth, scope, masking)"),
    page("api_tokens", SECADMIN),  # api.services.CAPABILITY == roles.grant
    post_only("api_token_revoke", kwargs={"pk": 1}),

    # -- landing, accounts
    page("landing", PUBLIC),  # redirects: staff to core:home, others to portal:home
    page("api_root", PUBLIC),  # redirects to the API's index /api/v1/
    page("accounts:login", PUBLIC),
    post_only("accounts:logout"),
    page("accounts:register", PUBLIC),
    page("accounts:password_change", SIGNED_IN),
    page("accounts:roles", SECADMIN),
    post_only("accounts:role_revoke", kwargs={"pk": 1}),
    page("accounts:lockouts", SECADMIN),
    # two-step sign-in, password reset, closing accounts (H5)
    page("accounts:staff_close", SECADMIN),  # accounts.unlock
    page("accounts:account", SIGNED_IN),
    page("accounts:account_close", CITIZENS),  # staff are closed by the security administrator
    page("accounts:contact_change", SIGNED_IN),  # one's own e-mail and phone, with the password
    page("accounts:staff_contact", SECADMIN),  # accounts.unlock: a staff account's e-mail and phone
    redirect("accounts:otp_verify", "a verified session goes home, one without an authenticator to otp_setup"),
    page("accounts:otp_setup", SIGNED_IN),
    page("accounts:password_reset", PUBLIC),
    page("accounts:password_reset_sent", PUBLIC),
    page("accounts:password_reset_complete", PUBLIC),
    page("accounts:password_reset_confirm", PUBLIC, kwargs={"uidb64": "MQ", "token": "invalid-token"}),

    # -- core
    page("core:home", SIGNED_IN),
    page("core:webmanifest", PUBLIC),  # the installable web app's manifest, no data (core/offline.py)
    page("core:service_worker", PUBLIC),  # its service worker at the site root: static URLs, quick pages' paths
    page("core:units", READERS),
    record("core:unit_detail", RECORD_READERS, kwargs={"code": "@market_code"}),
    page("core:notifications", SIGNED_IN),
    page("core:audit_log", AUDITADMIN),
    page("core:calendar", SYSADMIN),
    page("core:calendar_year", SYSADMIN, kwargs={"year": 2026}),
    page("core:setup", SYSADMIN),  # users.manage: a county's units from its division code
    page("accounts:staff_import", SYSADMIN),  # users.manage: open the accounts of a staff sheet
    page("accounts:roles_import", SECADMIN),  # roles.grant: grant the roles of the same sheet

    # -- /sysadmin/ (Django admin, restricted to users.manage; the audit log is not registered there)
    page("sysadmin:login", NOBODY,
         reason="sends anonymous users to accounts:login, refuses everyone signed in (403)"),
    post_only("sysadmin:logout", allowed=SYSADMIN,
              reason="Django admin sends anyone without users.manage back to /sysadmin/ (then login/403)"),
    skip("sysadmin:view_on_site", "admin shortcut to a model's public URL; no model here defines one"),
    skip("sysadmin:autocomplete", "admin autocomplete JSON, needs app/model/field parameters"),
    page("sysadmin:app_list", SYSADMIN, kwargs={"app_label": "core"}),
    page("sysadmin:core_unit_*", SYSADMIN, kwargs={"object_id": "@market_pk"}),
    page("sysadmin:accounts_user_delete", NOBODY, kwargs={"object_id": "@clerk_pk"},
         reason="accounts are never deleted: staff are closed by the security administrator"),
    page("sysadmin:accounts_user_*", SYSADMIN, kwargs={"object_id": "@clerk_pk"}),
    page("sysadmin:*", SYSADMIN),
    skip("route:sysadmin/*", "unnamed admin patterns: <object_id>/ redirects to …/change/, catch-all 404"),

    # -- indicators, dashboard, annual report
    page("indicators:figures", READERS),
    page("indicators:drilldown", READERS, kwargs={"key": "study.sessions_held"}),
    page("reports:dashboard", DASHBOARD),
    page("reports:cockpit", DASHBOARD),  # 领导驾驶舱, also the leader's home page
    page("reports:list", READERS | DASHBOARD),
    page("reports:create", REPORT_MANAGERS),
    skip("reports:detail", "needs an AnnualReport — tests/reports"),
    skip("reports:download", "needs an AnnualReport — tests/reports"),
    skip("reports:section", "needs a ReportSection — tests/reports"),
    post_only("reports:transition", kwargs={"pk": 1, "name": "x"}),
    post_only("reports:sent", kwargs={"pk": 1}),
    post_only("reports:submit_city", kwargs={"pk": 1}),
    # the city's pages: only the 市委依法治市办 (city.view; no county persona holds it; tests/reports/test_city.py)
    page("reports:city_status", CITY),
    page("reports:city_figures", CITY),
    skip("reports:city_submission", "needs a Submission — tests/reports/test_city.py"),
    post_only("reports:city_submit_province", CITY),  # 报送省级 (city.submit) — tests/reports/test_province.py
    # the province's pages: only the 省委依法治省办 (province.view; tests/reports/test_province.py)
    page("reports:province_status", PROVINCE),
    page("reports:province_figures", PROVINCE),
    skip("reports:province_submission", "needs a city's Submission — tests/reports/test_province.py"),
    post_only("reports:update", kwargs={"pk": 1}),
    post_only("reports:secrecy", kwargs={"pk": 1}),
    post_only("reports:section_add", kwargs={"pk": 1}),

    # -- public portal /gk/
    page("portal:home", PUBLIC),
    page("portal:my_items", SIGNED_IN),
    skip("gk_reports:detail", "public page of a published report — tests/reports"),
    skip("gk_reports:download", "public download of a published report — tests/reports"),
    skip("gk_services:detail", "public page of a service item — tests/streams/services"),
    skip("gk_disclosure:mine", "applicant's own request by number — tests/streams/disclosure"),
    skip("gk_decisions:detail", "public page of a decision open for comment — tests/streams/decisions"),
    skip("gk_complaints:announcement", "public announcement — tests/streams/complaints"),
    skip("gk_complaints:mine", "reporter's own report by tracking number — tests/streams/complaints"),
    skip("gk_legal_services:consultation", "citizen's own consultation — tests/streams/legal_services"),
    skip("gk_legal_services:aid", "applicant's own legal-aid application by number — tests/streams/legal_services"),
    # citizens' own forms: anonymous users are sent to sign in, staff accounts are refused
    page("gk_disclosure:submit", CITIZENS),
    page("gk_legal_services:consult", CITIZENS),
    page("gk_legal_services:apply_aid", CITIZENS),
    # --- pufa --- /gk/pufa/ (gk_pufa:index) is public, matched by gk_*:* below
    # --- checks ---
    skip("gk_checks:check", "public 检查码 page, needs a code — tests/streams/checks/test_public.py"),
    page("gk_*:*", PUBLIC),

    # -- stream pages outside the generic ledger
    page("disclosure:annual", READERS),
    skip("disclosure:extend", STREAM_ACTION + "disclosure (records.approve on the unit)"),
    skip("decisions:catalogues:checks", STREAM_ACTION + "decisions"),
    skip("decisions:decisions:procedure", STREAM_ACTION + "decisions"),
    skip("decisions:decisions:report", STREAM_ACTION + "decisions"),
    skip("decisions:decisions:evaluation", STREAM_ACTION + "decisions"),
    skip("decisions:decisions:comment_handle", STREAM_ACTION + "decisions"),
    redirect("inspections:home", "a plain redirect to inspections:tasks:list, which checks records.read"),
    page("inspections:my_results", SIGNED_IN,
         reason="lists only results the signed-in account was drawn for as inspector"),
    skip("inspections:draw_start", STREAM_ACTION + "inspections"),
    skip("inspections:redraw", STREAM_ACTION + "inspections"),
    skip("inspections:result_enter", STREAM_ACTION + "inspections"),
    skip("inspections:replace", STREAM_ACTION + "inspections"),
    skip("inspections:draw", STREAM_ACTION + "inspections"),
    skip("inspections:draw_json", "public verification data of a committed draw (no login by design) — "
                                  "tests/streams/inspections"),
    page("mediation:quick:form", RECORD_WRITERS,
         reason="登记调解案件 (quick entry): records.write in one's own unit when it has a committee; the "
                "walk's committee is 市场监管局's, so its clerk and head; the others are told they have none"),
    page("legal_services:quick", NOBODY,
         reason="快速登记 is for 村（社区）法律顾问 with a village (records.write there); no persona is one"),
    page("pufa:quick:form", WRITERS,
         reason="登记普法活动 (quick entry): records.write in one's own unit (every writer has one)"),
    page("inspections:results:create", NOBODY, reason="results are made by the draw, never by hand"),
    page("plans:tasks:create", WRITERS,
         reason="records.write; then redirects to the plans list (a task is added from its plan's page)"),
    skip("complaints:cases:route", STREAM_ACTION + "complaints"),
    post_only("complaints:cases:query_code", kwargs={"pk": 1}),
    page("normative:catalogue", READERS),
    skip("litigation:reconsiderations:extend", STREAM_ACTION + "litigation"),
    skip("litigation:cases:steps", STREAM_ACTION + "litigation"),
    skip("petitions:cases:extend", STREAM_ACTION + "petitions"),
    skip("plans:tasks:report", STREAM_ACTION + "plans"),
    skip("plans:tasks:supervise", STREAM_ACTION + "plans"),
    skip("plans:plans:add_task", STREAM_ACTION + "plans"),
    # --- checks ---
    skip("checks:inspections:approve", STREAM_ACTION + "checks (the coordinator lifts the 无事不扰 cap)"),
    skip("checks:inspections:print", STREAM_ACTION + "checks (printable 检查码 notice)"),
    # --- assess ---
    page("assessment:ranking", READERS,
         reason="records.read; other units' scores only for those reading every unit until published internally"),
    page("assessment:sheets:create", NOBODY, reason="score sheets are made by the scoring run, never by hand"),
    skip("assessment:sheets:update", "score sheets are never edited by hand (403) — tests/streams/assessment"),
    skip("assessment:sheets:delete", "score sheets are never deleted by hand (403) — tests/streams/assessment"),
    skip("assessment:sheets:judge", STREAM_ACTION + "assessment (reports.manage)"),
    skip("assessment:sheets:object", STREAM_ACTION + "assessment (records.write on the assessed unit)"),
    skip("assessment:sheets:decide", STREAM_ACTION + "assessment (reports.manage)"),
    skip("assessment:sheets:evidence", "download of a judgement score's evidence, scoped as the sheet — "
                                       "tests/streams/assessment"),
    skip("assessment:schemes:item", STREAM_ACTION + "assessment (reports.manage)"),
    skip("assessment:schemes:item_remove", STREAM_ACTION + "assessment (reports.manage)"),
    skip("assessment:schemes:copy", STREAM_ACTION + "assessment (reports.manage)"),
    skip("assessment:schemes:run", STREAM_ACTION + "assessment (reports.manage)"),
    skip("assessment:schemes:approve", STREAM_ACTION + "assessment (reports.manage, not the scorer)"),
    skip("assessment:schemes:publish", STREAM_ACTION + "assessment (reports.manage, not the approver)"),

    # -- every ledger declared with core.ledger_views.Ledger (streams only)
    page("*:list", READERS, streams_only=True),
    page("*:create", WRITERS, streams_only=True),
    page("*:import", WRITERS, streams_only=True),
    page("*:import_template", WRITERS, streams_only=True),
    record("*:detail", RECORD_READERS, streams_only=True),
    record("*:update", RECORD_WRITERS, streams_only=True),
    record("*:delete", RECORD_WRITERS, streams_only=True),
    # the confirmation page only needs read access; the POST is refused by workflow.transition
    record("*:transition", RECORD_READERS, streams_only=True),
    # a ledger with a photo field (core/images.py): attach by POST (records.write on the record's unit)
    post_only("*:photo_upload", kwargs={"pk": 1}, streams_only=True),
    skip("*:photo", "the record's photo (image/jpeg), for readers who may see its personal data — "
                    "tests/core/test_photos.py", streams_only=True),

    # --- gip ---
    post_only("reports:entered", kwargs={"pk": 1}),
    # --- cases ---
    post_only("cases:cases:entry", kwargs={"pk": 1}),
    post_only("cases:cases:review", kwargs={"pk": 1}),
    post_only("cases:cases:extend", kwargs={"pk": 1}),
    # --- supervise ---
    page("supervision:unit_reports:open", REPORT_MANAGERS),  # 发起年度报告征集 (reports.manage)
    skip("supervision:visits:finding", STREAM_ACTION + "supervision (reports.manage)"),
    skip("supervision:rectifications:report", STREAM_ACTION + "supervision"),
    skip("supervision:rectifications:evidence", "download of a 整改's evidence, scoped as the record — "
                                                "tests/streams/supervision"),
    skip("supervision:unit_reports:submit", STREAM_ACTION + "supervision"),
    skip("supervision:unit_reports:file", "download of a unit's report, scoped as the record — "
                                          "tests/streams/supervision"),
]

# ?format=xlsx on every ledger list
EXPORT_ALLOWED = EXPORTERS

# Ledgers whose record-level pages are walked: namespace -> (model path, field values).
# A record of 市场监管局 is made with record_create(by=clerk). Other ledgers' record pages are
# listed as "not walked" by the test.
RECORD_FACTORIES: dict[str, tuple[str, dict]] = {
    "study": ("fazhi.streams.study.models.StudySession", {"year": 2026, "kind": "topic", "title": "研究执法公示"}),
    "mediation:committees": ("fazhi.streams.mediation.models.MediationCommittee",
                             {"year": 2026, "name": "消费纠纷人民调解委员会", "kind": "sector", "members": 5}),
    "mediation:mediators": ("fazhi.streams.mediation.models.Mediator", {"year": 2026, "name": "孙调解"}),
    "mediation:trainings": ("fazhi.streams.mediation.models.MediatorTraining",
                            {"year": 2026, "topic": "消费纠纷调解实务", "organiser": "市场监管局"}),
    # --- cases ---
    "cases:cases": ("fazhi.streams.cases.models.EnforcementCase",
                    {"year": 2026, "case_no": "西市监立〔2026〕1号", "kind": "penalty", "party_type": "org",
                     "party_org": "某某食品有限公司", "party_credit_code": "91430771MA4L3K2X16", "cause": "销售过期食品",
                     "source": "inspection", "officer_names": "张执法、李执法",
                     "officer_certs": "D032023001、D032023002", "filed_on": "2026-09-01"}),
    # --- pufa ---
    "pufa:items": ("fazhi.streams.pufa.models.ResponsibilityItem",
                   {"year": 2026, "law": "《中华人民共和国食品安全法》", "content": "食品安全主体责任", "audience": "食品经营者"}),
    "pufa:activities": ("fazhi.streams.pufa.models.Activity",
                        {"year": 2026, "title": "食品安全法进社区", "kind": "village", "held_on": "2026-03-15",
                         "audience_kind": "villagers", "audience_count": 80}),
}


def rule_for(name: str, stream_keys: set[str]) -> Rule | None:
    for rule in RULES:
        if rule.matches(name, stream_keys):
            return rule
    return None


# -- /sysadmin/ field by field (三员分立; docs/security.md "系统管理员后台逐字段规则") ---------------
#
# For every model registered on the system administrator's admin site: the fields its add and
# change forms let the system administrator edit (inline fields as "<model label>.<field>"),
# whether it may add or delete, and, for every other field of the model, why it is not editable
# there. ``tests/security/test_sysadmin_fields.py`` renders the forms as sysadmin and compares, and
# fails when a model or a field is registered or added without a decision here.

@dataclass(frozen=True)
class AdminForms:
    add: frozenset | None  # editable on the add form; None: no add permission
    change: frozenset  # editable on the change form
    delete: bool
    not_editable: dict  # every field not on the change form -> why the system administrator cannot change it


CREDENTIAL = "登录凭据：口令由本人修改或经邮件重置，系统管理员不能设置"
CONTACT = "找回密码所用的联系方式：本人（我的账号，验证口令）或安全管理员（填写原因并通知原邮箱）变更"
CLOSURE = "启用状态：停用工作人员账号由安全管理员办理（/accounts/staff-close/），系统管理员不能停用或启用"
UNUSED_AUTH = "平台不使用 Django 的超级用户、职员、用户组和权限，授权只看角色（安全管理员授予）"

SYSADMIN_FORMS: dict[str, AdminForms] = {
    "accounts.user": AdminForms(
        add=frozenset({"username", "display_name"}),
        change=frozenset({"display_name"}),
        delete=False,  # staff are closed by the security administrator, the public close their own accounts
        not_editable={
            "username": "登录账号名：创建时确定，之后不能修改（登录凭据的一部分，审计日志按账号名追溯）",
            "password": CREDENTIAL,
            "must_change_password": CREDENTIAL,
            "password_changed_at": CREDENTIAL,
            "last_login": "系统记录",
            "date_joined": "系统记录",
            "email": CONTACT,
            "phone": CONTACT,
            "contact_changed_at": "系统记录：联系方式变更时间，变更后一段时间内不能通过邮件找回密码",
            "is_active": CLOSURE,
            "is_superuser": UNUSED_AUTH,
            "is_staff": UNUSED_AUTH,
            "groups": UNUSED_AUTH,
            "user_permissions": UNUSED_AUTH,
            "kind": "账号类型：工作人员账号在此创建，公众账号自行注册，不能互相转换",
            "first_name": "不使用：姓名记在 display_name",
            "last_name": "不使用：姓名记在 display_name",
            "credit_code": "企业注册时本人填写（统一社会信用代码），工作人员账号不用",
        },
    ),
    "core.unit": AdminForms(
        add=frozenset({"code", "name", "short_name", "kind", "parent", "sort_order", "is_active"}),
        change=frozenset({"code", "name", "short_name", "kind", "parent", "sort_order", "is_active"}),
        delete=True,  # a unit still referenced (memberships, records, sub-units) is protected
        not_editable={"path": "由上级单位和单位代码计算"},
    ),
}
