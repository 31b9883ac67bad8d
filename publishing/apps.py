from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """What leaves and enters the desk: the REST resources of the desk, exports in the
    field's formats, public fact-check pages, prior fact-checks and webhooks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"
    verbose_name = "Publishing and exchange"

    def ready(self) -> None:
        from publishing import signals  # noqa: F401 - connects the webhook events
