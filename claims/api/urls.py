from django.urls import path

from rest_framework.routers import DefaultRouter

from claims.api.views import ArticleSentenceViewSet, ArticleViewSet, ClaimViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")

urlpatterns = [
    path(
        "articles/<int:article_pk>/sentences/",
        ArticleSentenceViewSet.as_view({"get": "list"}),
        name="article-sentences",
    ),
    *router.urls,
]
