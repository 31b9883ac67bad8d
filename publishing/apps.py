from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What leaves and enters the desk: exports in the field's formats, public fact-check
    pages, prior fact-checks and webhooks (the desk's own API is annotate's)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"
    verbose_name = "Publishing and exchange"

    def ready(self) -> None:
        from annotate import signals as desk
        from publishing import signals

        # dispatch_uid: ready() may run more than once (tests, reloads); one delivery per event.
        desk.claim_published.connect(
            signals.on_claim_published, dispatch_uid="publishing.webhooks.published"
        )
        desk.claim_unpublished.connect(
            signals.on_claim_unpublished, dispatch_uid="publishing.webhooks.unpublished"
        )
        desk.verdict_corrected.connect(
            signals.on_verdict_corrected, dispatch_uid="publishing.webhooks.corrected"
        )
