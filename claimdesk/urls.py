from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from claimdesk.api_docs import RedocView, SwaggerView

# Under /api/ the errors Django answers itself keep the API's JSON shape.
handler404 = "claimdesk.api.errors.page_not_found"
handler500 = "claimdesk.api.errors.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="claims:article-list", permanent=False)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("articles/", include("claims.urls")),
    # /desk/ and the article page (/articles/<id>/, annotate:article), the desk's.
    path("", include("annotate.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("fact-checks/", include("publishing.urls")),
    path("api/auth/", include("accounts.urls")),
    path("api/", include("claims.api.urls")),
    path("api/", include("annotate.api.urls")),
    path("api/", include("publishing.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="api-redoc"),
]
