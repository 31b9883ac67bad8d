"""Seed the default rating scale (editable afterwards in the admin)."""

from django.db import migrations

# (position, name, ClaimReview ratingValue, colour, description)
SCALE = [
    (1, "True", 5, "#1a7f37", "Accurate, nothing significant missing."),
    (2, "Mostly true", 4, "#57ab5a", "Accurate but needs clarification or extra information."),
    (3, "Half true", 3, "#d4a72c", "Partly accurate; leaves out important details or context."),
    (4, "Mostly false", 2, "#e16f24", "Contains an element of truth but ignores critical facts."),
    (5, "False", 1, "#cf222e", "Not accurate."),
    (6, "Misleading", 2, "#8250df", "Accurate facts presented to give a false impression."),
    (7, "Unverifiable", None, "#6e7781", "No reliable evidence either way."),
]


def seed(apps, schema_editor):
    Verdict = apps.get_model("annotate", "Verdict")
    for position, name, rating, colour, description in SCALE:
        Verdict.objects.update_or_create(
            name=name,
            defaults={"position": position, "rating_value": rating, "colour": colour,
                      "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("annotate", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
