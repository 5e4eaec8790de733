"""The council's safety contacts go through the same "Moderators approval" workflow as pages and
FAQ answers: Editors may draft a change, Moderators approve and publish it. A wrong number here
would send a family in danger nowhere."""

from django.db import migrations

WORKFLOW_NAME = "Moderators approval"
ACTIONS = {
    "Editors": ["add", "change", "view"],
    "Moderators": ["add", "change", "view", "delete", "publish", "lock", "unlock"],
}


def attach(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    content_type, _ = ContentType.objects.get_or_create(app_label="portal", model="safetycontacts")
    for group_name, actions in ACTIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_safetycontacts",
                defaults={"name": f"Can {action} safety contacts"},
            )
            group.permissions.add(permission)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_safeguarding"),
        ("cms", "0003_editorial_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
