from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from publishing.api.claims import ClaimViewSet
from publishing.api.exports import export_view
from publishing.api.prior import PriorFactCheckViewSet
from publishing.api.reviews import (
    ClaimReviewViewSet,
    MeView,
    ReviewViewSet,
    SourceViewSet,
    VerdictViewSet,
)
from publishing.api.webhooks import WebhookViewSet
from publishing.exports import FORMATS

app_name = "publishing-api"

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("reviews", ReviewViewSet, basename="review")
router.register("sources", SourceViewSet, basename="source")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("webhooks", WebhookViewSet, basename="webhook")
router.register("prior-fact-checks", PriorFactCheckViewSet, basename="prior-fact-check")

urlpatterns = [
    # Any segment, not <int:>: "/claims/abc/reviews/" gets the API's JSON 404, not Django's page.
    re_path(
        r"^claims/(?P<claim_pk>[^/]+)/reviews/$",
        ClaimReviewViewSet.as_view({"get": "list", "post": "create"}),
        name="claim-reviews",
    ),
    path("me/", MeView.as_view(), name="me"),
    *[path(f"export/{fmt}/", export_view(fmt), name=f"export-{fmt}") for fmt in FORMATS],
    *router.urls,
]
