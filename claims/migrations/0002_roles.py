"""Create the annotator and editor groups with their model permissions."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "annotator": [
        "claims.view_article", "claims.add_article", "claims.view_sentence",
        "claims.view_claim", "claims.add_claim",
    ],
    "editor": [
        "claims.view_article", "claims.add_article", "claims.change_article",
        "claims.view_sentence", "claims.view_claim", "claims.add_claim", "claims.change_claim",
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; make sure they
    # exist now so that the groups can be given them in a fresh database.
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
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
