"""Communications staff read what the assistant could not answer: Editors and Moderators may view
the unanswered questions, Moderators may also clear them."""

from django.db import migrations

ACTIONS = {"Editors": ["view"], "Moderators": ["view", "delete"]}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="unansweredquestion")
    for group_name, actions in ACTIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_unansweredquestion",
                defaults={"name": f"Can {action} unanswered question"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_knowledge_base")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
