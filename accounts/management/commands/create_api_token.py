"""``manage.py create_api_token USER [--expires-in DAYS]``: a new API token, printed once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts import services


def positive_days(raw: str) -> float:
    try:
        days = float(raw)
    except ValueError:
        raise CommandError(f"--expires-in takes a number of days, not {raw!r}.") from None
    if not 0 < days <= 3650:
        raise CommandError(f"--expires-in must be more than 0 and at most 3650 days, not {raw}.")
    return days


class Command(BaseCommand):
    help = (
        "Create an API token for a user and print its key once (only a digest is stored). "
        "It expires after CLAIMDESK_API_TOKEN_TTL_HOURS, or after --expires-in DAYS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--expires-in", metavar="DAYS", help="lifetime in days")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        if not user.is_active:
            raise CommandError(f"{user.username} is not active: a token would not work.")
        days = options["expires_in"]
        expires_in = None if days is None else timedelta(days=positive_days(days))
        token, key = services.api_token_create(user=user, expires_in=expires_in)
        self.stdout.write(key)
        self.stderr.write(
            f"API token for {user.username}, valid until {token.expiry:%Y-%m-%d %H:%M %Z}. "
            "Send it as 'Authorization: Token <key>'; it is not shown again."
        )
