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
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("lockouts/", views.lockouts, name="lockouts"),
]
