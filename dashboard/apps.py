from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The reviewer's queue and the editor's overview of the desk."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = "Dashboard"
