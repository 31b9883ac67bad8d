"""The demo: one user per role (with API tokens) and the sample article, processed.

In accounts, which may use the claims app; claims itself knows nothing of accounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import api_token_create
from claimdesk.types import User
from claims import services
from claims.roles import ANNOTATOR, EDITOR

DEMO_USERS = [
    # (user name, group, staff); passwords: settings.CLAIMDESK_DEMO_PASSWORDS
    ("annotator", ANNOTATOR, False),
    ("annotator2", ANNOTATOR, False),
    ("editor", EDITOR, False),
    ("admin", EDITOR, True),
]


def sample_article() -> Path:
    """The sample article that ships with the claims app (claims/demo/)."""
    return Path(apps.get_app_config("claims").path) / "demo" / "sample_article.txt"


class Command(BaseCommand):
    help = "Create the demo users (one per role) and import and process the sample article."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="allow demo users with known passwords even with DEBUG off",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to create demo users with known passwords while "
                "DEBUG is off; pass --force if this really is a demo site."
            )
        for username, group, staff in DEMO_USERS:
            password = settings.CLAIMDESK_DEMO_PASSWORDS[username]
            user = self._user(username, group, staff, password)
            _token, key = api_token_create(user=user)
            self.stdout.write(
                f"  {username:<11} password {password:<22} role {group}"
                f"{' + staff' if staff else ''}  API token {key}"
            )
        self._sample(get_user_model().objects.get(username="editor"))

    def _user(self, username: str, group: str, staff: bool, password: str) -> Any:
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = staff
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=group))
        return user

    def _sample(self, user: User) -> None:
        try:
            article = services.article_create(
                body=sample_article().read_text(encoding="utf-8"),
                title="Russia issues security proposals to NATO and the United States",
                publisher="Sample news",
                created_by=user,
            )
        except services.DuplicateArticle as exc:
            article = exc.existing
        article.refresh_from_db()
        self.stdout.write(
            f"Sample article {article.pk}: {article.status}, "
            f"{article.sentence_count} sentences, {article.claim_count} claims"
        )
