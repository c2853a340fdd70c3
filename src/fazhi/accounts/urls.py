from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from fazhi.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("password/", views.password_change, name="password_change"),
    path("roles/", views.roles, name="roles"),
    path("roles/import/", views.roles_import, name="roles_import"),
    path("staff-import/", views.staff_import, name="staff_import"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("staff-close/", views.staff_close, name="staff_close"),
    path("staff-contact/", views.staff_contact, name="staff_contact"),
    path("me/", views.account, name="account"),
    path("me/close/", views.account_close, name="account_close"),
    path("me/contact/", views.contact_change, name="contact_change"),
    path("otp/", views.otp_verify, name="otp_verify"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("reset/", views.password_reset, name="password_reset"),
    path("reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
]
