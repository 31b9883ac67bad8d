from django.apps import AppConfig
from django.core import checks


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Articles and claims"

    def ready(self) -> None:
        from claims.checks import check_detector_settings

        checks.register(check_detector_settings)
