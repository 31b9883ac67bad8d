"""Data: the claims' history no longer names the final verdict (blind review).

``claim_decide`` used to record "final verdict: <name>" as the reason of the claim's
history entry, which a reviewer still writing reads on the claim's page.  The verdict
stays recorded in the decision's own history, which they are not shown.
"""

from typing import Any

from django.db import migrations

OLD_PREFIX = "final verdict: "


def forget_verdicts_in_claim_reasons(apps: Any, schema_editor: Any) -> None:
    historical_claim = apps.get_model("claims", "HistoricalClaim")
    historical_claim.objects.filter(history_change_reason__startswith=OLD_PREFIX).update(
        history_change_reason="final verdict recorded"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("annotate", "0004_verdict_history"),
        ("claims", "0003_article_publisher_index"),
    ]

    operations = [
        migrations.RunPython(forget_verdicts_in_claim_reasons, migrations.RunPython.noop),
    ]
