"""Recount ``Article.claim_count`` as the claims not dismissed.

It used to count every claim, dismissed ones included, and only when the
pipeline finished, so claims marked by hand were missing from it.
"""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def recount(apps, schema_editor):
    Article = apps.get_model("claims", "Article")
    Claim = apps.get_model("claims", "Claim")
    counted = (
        Claim.objects.filter(article_id=OuterRef("pk"))
        .exclude(status="dismissed")
        .order_by()
        .values("article_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    Article.objects.update(claim_count=Coalesce(Subquery(counted), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_claim_one_undismissed_per_span"),
    ]

    operations = [
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
