"""Move DRF's plain-text API tokens to knox's hashed, expiring ones, then drop DRF's table.

Each existing key keeps working (the client sends the same ``Token <key>``) until the
configured lifetime from this migration.  Only its SHA-512 digest is kept: the table of
plain-text keys is dropped, with the bookkeeping rows of the app it belonged to
(``rest_framework.authtoken`` is no longer installed).  On a new database there is no
such table and this does nothing.  Not reversible: the keys are gone.
"""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

LEGACY_TABLE = "authtoken_token"
KEY_PREFIX_LENGTH = 15  # knox.settings.CONSTANTS.TOKEN_KEY_LENGTH, fixed by knox's schema


def hashed_tokens_from_drf_keys(apps, schema_editor):
    connection = schema_editor.connection
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    from knox.crypto import hash_token

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('key')}, {quote('user_id')} FROM {quote(LEGACY_TABLE)}")
        rows = cursor.fetchall()
    expiry = timezone.now() + timedelta(hours=settings.CLAIMDESK_API_TOKEN_TTL_HOURS)
    AuthToken = apps.get_model("knox", "AuthToken")
    AuthToken.objects.using(connection.alias).bulk_create(
        AuthToken(
            digest=hash_token(key),
            token_key=key[:KEY_PREFIX_LENGTH],
            user_id=user_id,
            expiry=expiry,
        )
        for key, user_id in rows
    )
    schema_editor.execute(f"DROP TABLE {quote(LEGACY_TABLE)}")
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunPython(hashed_tokens_from_drf_keys, migrations.RunPython.noop),
    ]
