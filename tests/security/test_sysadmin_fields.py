"""三员分立 field by field on /sysadmin/: every model registered on the system administrator's
admin site, its add and change forms rendered as sysadmin, against ``matrix.SYSADMIN_FORMS``.

The system administrator decides that an account exists and what it is called, and manages
units; it never sets a credential or a recovery channel, grants sign-in power, or closes an
account (issue 24, findings 2 and 3). A model, inline or field registered or added without a
decision in matrix.py fails here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.core.admin_site import site
from tests.conftest import PASSWORD
from tests.security import matrix

pytestmark = pytest.mark.django_db

# the records whose change form is rendered, per model: a business account and each administrator
CHANGE_OBJECTS = {"accounts.user": ["head", "sysadmin", "secadmin", "auditadmin"], "core.unit": ["market_unit"]}


def _model_fields(model) -> set[str]:
    """Every field of the model a form could hold (concrete and many-to-many, not the primary key)."""
    return {f.name for f in model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created and not f.primary_key}


def _editable(response) -> set[str]:
    """The fields the rendered admin form lets the user edit, inlines as "<model label>.<field>"."""
    names = set(response.context["adminform"].form.fields)
    for inline in response.context["inline_admin_formsets"]:
        label = inline.opts.model._meta.label_lower
        fk = getattr(inline.formset, "fk", None)
        hidden = {"id", "DELETE", fk.name if fk else ""}
        names |= {f"{label}.{name}" for name in inline.formset.form.base_fields if name not in hidden}
    return names


def _url(model, view: str, *args) -> str:
    return reverse(f"sysadmin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_on_the_sysadmin_site_is_declared() -> None:
    registered = {model._meta.label_lower for model in site._registry}
    assert registered == set(matrix.SYSADMIN_FORMS), \
        "decide each model on /sysadmin/ in tests/security/matrix.py SYSADMIN_FORMS and docs/security.md"
    assert registered == set(CHANGE_OBJECTS)


def test_every_field_of_those_models_is_decided() -> None:
    """A new field on a registered model fails until matrix.py says whether sysadmin edits it and why."""
    for model in site._registry:
        declared = matrix.SYSADMIN_FORMS[model._meta.label_lower]
        fields = _model_fields(model)
        change = {name for name in declared.change if "." not in name}
        assert not change & set(declared.not_editable), model._meta.label_lower
        assert change | set(declared.not_editable) == fields, model._meta.label_lower
        assert {name for name in declared.add or () if "." not in name} <= fields
        assert all(declared.not_editable.values())


@pytest.mark.parametrize("label", sorted(matrix.SYSADMIN_FORMS))
def test_the_forms_sysadmin_sees_edit_only_the_declared_fields(label, login, sysadmin, request) -> None:
    model = next(m for m in site._registry if m._meta.label_lower == label)
    declared = matrix.SYSADMIN_FORMS[label]
    client = login(sysadmin)
    objects = [request.getfixturevalue(name) for name in CHANGE_OBJECTS[label]]

    add = client.get(_url(model, "add"))
    if declared.add is None:
        assert add.status_code == 403
    else:
        assert add.status_code == 200
        assert _editable(add) == set(declared.add)

    for obj in objects:
        change = client.get(_url(model, "change", obj.pk))
        assert change.status_code == 200
        assert _editable(change) == set(declared.change), f"{label} {obj}"
        page = change.content.decode()
        for name in declared.not_editable:
            assert f'name="{name}"' not in page, f"{label}.{name} has an input on {obj}'s change page"
        delete = client.get(_url(model, "delete", obj.pk))
        assert delete.status_code == (200 if declared.delete else 403), f"{label} {obj}"
        assert (_url(model, "delete", obj.pk) in page) is declared.delete, f"{label} {obj}: delete link"


# -- the attacks of issue 24 (findings 2 and 3), refused ---------------------------------------

def _post_change(client, user: User, **data):
    values = {"display_name": user.display_name, "_save": "保存"}
    values.update(data)
    return client.post(_url(User, "change", user.pk), values)


def test_sysadmin_cannot_set_a_business_accounts_email_phone_or_password(login, sysadmin, head) -> None:
    head.email, head.phone = "head@market.gov.cn", "13900000001"
    head.save()
    client = login(sysadmin)
    response = _post_change(client, head, display_name="王局长", email="evil@example.cn", phone="13700000009",
                            password="Evil#2026x", password1="Evil#2026x", password2="Evil#2026x",
                            username="evil", is_superuser="on", is_staff="on", must_change_password="",
                            contact_changed_at="2020-01-01 00:00")
    assert response.status_code == 302
    head.refresh_from_db()
    assert head.display_name == "王局长"  # the one field that is the system administrator's
    assert (head.email, head.phone, head.username) == ("head@market.gov.cn", "13900000001", "head")
    assert head.check_password(PASSWORD)
    assert not head.is_superuser and not head.is_staff and head.contact_changed_at is None


@pytest.mark.parametrize("target", ["auditadmin", "secadmin"])
def test_sysadmin_cannot_deactivate_or_delete_the_other_administrators(target, login, sysadmin, request) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = request.getfixturevalue(target)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client = login(sysadmin)
    assert _post_change(client, admin).status_code == 302  # is_active left out = unticked
    assert client.get(_url(User, "delete", admin.pk)).status_code == 403
    assert client.post(_url(User, "delete", admin.pk), {"post": "yes"}).status_code == 403
    changelist = client.post(_url(User, "changelist"), {"action": "delete_selected", "_selected_action": [admin.pk],
                                                         "post": "yes"})
    assert changelist.status_code in (200, 302)
    admin.refresh_from_db()
    assert admin.is_active
    assert admin.memberships.filter(is_active=True).count() == 1
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_sysadmin_cannot_deactivate_itself_or_a_business_account(login, sysadmin, head) -> None:
    client = login(sysadmin)
    for user in (head, sysadmin):
        _post_change(client, user)
        user.refresh_from_db()
        assert user.is_active


def test_sysadmin_still_creates_staff_accounts_without_contact_data(login, sysadmin) -> None:
    response = login(sysadmin).post(_url(User, "add"), {
        "username": "newstaff2", "display_name": "新同事", "phone": "13700000002", "email": "x@example.cn"})
    assert response.status_code == 302
    user = User.objects.get(username="newstaff2")
    assert user.phone is None and user.email == "" and user.must_change_password


def test_a_form_that_lets_a_guarded_field_through_is_still_refused(login, sysadmin, head, monkeypatch) -> None:
    """The second line: should a later change put e-mail on the form, saving it is refused."""
    from fazhi.accounts import admin as accounts_admin

    monkeypatch.setattr(accounts_admin, "CHANGE_FIELDS", [*accounts_admin.CHANGE_FIELDS, "email", "is_active"])
    response = _post_change(login(sysadmin), head, email="evil@example.cn", is_active="on")
    assert response.status_code == 403
    head.refresh_from_db()
    assert head.email == ""
