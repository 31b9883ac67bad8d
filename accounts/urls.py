from django.urls import path

from accounts import api

app_name = "accounts"

urlpatterns = [
    path("login/", api.LoginView.as_view(), name="login"),
    path("logout/", api.LogoutView.as_view(), name="logout"),
    path("logoutall/", api.LogoutAllView.as_view(), name="logoutall"),
]
