from rest_framework.routers import DefaultRouter

from claims.api.views import ArticleViewSet, ClaimViewSet

app_name = "api"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")

urlpatterns = router.urls
