from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from annotate.api.claims import ClaimViewSet
from annotate.api.reviews import (
    ClaimReviewViewSet,
    MeView,
    ReviewViewSet,
    SourceViewSet,
    VerdictViewSet,
)

app_name = "annotate-api"

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("reviews", ReviewViewSet, basename="review")
router.register("sources", SourceViewSet, basename="source")
router.register("verdicts", VerdictViewSet, basename="verdict")

urlpatterns = [
    # Any segment, not <int:>: "/claims/abc/reviews/" gets the API's JSON 404, not Django's page.
    re_path(
        r"^claims/(?P<claim_pk>[^/]+)/reviews/$",
        ClaimReviewViewSet.as_view({"get": "list", "post": "create"}),
        name="claim-reviews",
    ),
    path("me/", MeView.as_view(), name="me"),
    *router.urls,
]
