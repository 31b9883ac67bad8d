"""Dismiss the extra claims that share a stretch of text, before 0005 forbids them.

Retrying or re-detecting an article proposed the sentence a person had already
marked by hand: two claims, not dismissed, with the same offsets.  Of each such
group the claim furthest along the workflow stays (published, then reviewed, in
review, new; then one a person acted on; then one marked by hand; then the
oldest); the others are dismissed, never deleted, with a reason naming the one
kept and a history entry saying the same, so their reviews and history remain.
Their version goes up as for any dismissal, so the detector leaves them alone.
"""

from django.db import migrations
from django.db.models import Count
from django.utils import timezone

DISMISSED = "dismissed"
PROGRESS = {"published": 0, "reviewed": 1, "in_review": 2, "new": 3}


def _rank(claim):
    touched = claim.version > 1 or claim.assignee_id is not None
    return (PROGRESS.get(claim.status, 4), not touched, claim.origin != "manual", claim.pk)


def _dismiss(claim, keep, HistoricalClaim):
    now = timezone.now()
    claim.status = DISMISSED
    claim.dismiss_reason = f"Duplicate of claim #{keep.pk}: the same text was proposed twice."
    claim.version += 1
    claim.updated_at = now
    claim.save(update_fields=["status", "dismiss_reason", "version", "updated_at"])
    # Historical models of a migration record nothing by themselves: write the entry.
    values = {f.attname: getattr(claim, f.attname) for f in claim._meta.concrete_fields}
    HistoricalClaim.objects.create(
        **values,
        history_date=now,
        history_type="~",
        history_change_reason=f"dismissed: duplicate of claim #{keep.pk}"[:100],
    )


def dismiss_duplicates(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    HistoricalClaim = apps.get_model("claims", "HistoricalClaim")
    groups = (
        Claim.objects.exclude(status=DISMISSED)
        .order_by()
        .values("article_id", "start", "end")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for group in list(groups):
        claims = sorted(
            Claim.objects.exclude(status=DISMISSED).filter(
                article_id=group["article_id"], start=group["start"], end=group["end"]
            ),
            key=_rank,
        )
        for claim in claims[1:]:
            _dismiss(claim, claims[0], HistoricalClaim)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_article_publisher_index"),
    ]

    operations = [
        migrations.RunPython(dismiss_duplicates, migrations.RunPython.noop),
    ]
