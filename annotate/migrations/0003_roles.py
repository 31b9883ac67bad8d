"""Give the annotator and editor groups their permissions on the desk's models."""

from django.db import migrations

ANNOTATE_MODELS = ["verdict", "triage", "assignment", "review", "source", "decision"]

ROLE_PERMISSIONS = {
    # Write their own reviews and sources; mark claims (claims.add_claim, from claims 0002).
    "annotator": [
        "annotate.view_verdict", "annotate.add_review", "annotate.view_review",
        "annotate.add_source", "annotate.view_source", "claims.add_claim",
    ],
    # Everything on the desk's models, including the rating scale and the custom
    # permissions: read every review (no blind review) and publish.
    "editor": [
        f"annotate.{action}_{model}"
        for model in ANNOTATE_MODELS for action in ("add", "change", "delete", "view")
    ] + ["annotate.view_all_reviews", "annotate.publish_decision", "claims.change_claim"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in perms:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("annotate", "0002_seed_rating_scale"),
        ("claims", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
