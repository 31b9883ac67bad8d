from django.urls import path
from rest_framework.routers import DefaultRouter

from claims.api.views import ArticleSentenceViewSet, ArticleViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")

urlpatterns = [
    path(
        "articles/<str:article_pk>/sentences/",
        ArticleSentenceViewSet.as_view({"get": "list"}),
        name="article-sentences",
    ),
    *router.urls,
]
