from django.urls import path
from rest_framework.routers import SimpleRouter

from publishing.api.exports import export_view
from publishing.api.prior import PriorFactCheckViewSet
from publishing.api.webhooks import WebhookViewSet
from publishing.exports import FORMATS

app_name = "publishing-api"

router = SimpleRouter()
router.register("webhooks", WebhookViewSet, basename="webhook")
router.register("prior-fact-checks", PriorFactCheckViewSet, basename="prior-fact-check")

urlpatterns = [
    *[path(f"export/{fmt}/", export_view(fmt), name=f"export-{fmt}") for fmt in FORMATS],
    *router.urls,
]
