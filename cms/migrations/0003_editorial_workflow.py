"""The editorial workflow, in every environment (including the test database): Editors draft,
Moderators approve and publish through the "Moderators approval" workflow.

Wagtail's own first migrations create the two groups and a workflow on the root page; this one
makes sure they are all there and complete (it may run on a database where someone removed them),
and adds what those migrations could not know about: the Local Offer's snippets and feedback.
Everything is get-or-create, so running it against an existing site changes nothing already there."""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"

# (app_label, model, verbose name, actions): permissions this migration may have to create itself,
# because Django creates a new model's permissions only after all migrations have run.
MODEL_PERMISSIONS = [
    ("cms", "faqanswer", "FAQ answer", ["add", "change", "delete", "view", "publish", "lock", "unlock"]),
    ("cms", "committee", "committee", ["add", "change", "delete", "view"]),
    ("cms", "pagefeedback", "page feedback", ["add", "change", "delete", "view"]),
    ("cms", "sitesettings", "site settings", ["add", "change", "delete", "view"]),
]

# Global (non-page) permissions per group, as (app_label, codename).
GROUP_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("cms", "add_faqanswer"),
        ("cms", "change_faqanswer"),
        ("cms", "add_committee"),
        ("cms", "change_committee"),
        ("cms", "view_pagefeedback"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
    ],
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("cms", "add_faqanswer"),
        ("cms", "change_faqanswer"),
        ("cms", "delete_faqanswer"),
        ("cms", "publish_faqanswer"),
        ("cms", "lock_faqanswer"),
        ("cms", "unlock_faqanswer"),
        ("cms", "add_committee"),
        ("cms", "change_committee"),
        ("cms", "delete_committee"),
        ("cms", "view_pagefeedback"),
        ("cms", "delete_pagefeedback"),
        ("cms", "change_sitesettings"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
    ],
}

# Page permissions on the root page (so they cover every site): Editors may add and edit, never
# publish; Moderators may also publish, lock and unlock.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Collection permissions on the root collection, for documents and images used in pages.
COLLECTION_PERMISSIONS = {
    EDITORS: [("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
              ("wagtaildocs", "choose_document"), ("wagtailimages", "add_image"),
              ("wagtailimages", "change_image"), ("wagtailimages", "choose_image")],
    MODERATORS: [("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
                 ("wagtaildocs", "choose_document"), ("wagtaildocs", "delete_document"),
                 ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
                 ("wagtailimages", "choose_image")],
}


def ensure_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, verbose_name, actions in MODEL_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def setup_editorial_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    ensure_permissions(apps)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS)}

    for name, perms in GROUP_PERMISSIONS.items():
        groups[name].permissions.add(*[permission(apps, app, codename) for app, codename in perms])

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=root_page, permission=permission(apps, "wagtailcore", codename)
                )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for name, perms in COLLECTION_PERMISSIONS.items():
            for app, codename in perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission(apps, app, codename)
                )

    # The approval task: Moderators approve. Only what is missing is created, so running this again
    # (load_demo_content does, after a flush) never undoes an administrator's changes.
    task_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_content_type, active=True)
    if not task.groups.exists():
        task.groups.set([groups[MODERATORS]])

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)

    # On the root page, so every page of every site (the home page included) needs approval;
    # load_demo_content also names the home page itself.
    if root_page is not None:
        WorkflowPage.objects.get_or_create(page=root_page, defaults={"workflow": workflow})

    # FAQ answers are what the chatbot says: they need the same approval as pages.
    faq_content_type = ContentType.objects.get(app_label="cms", model="faqanswer")
    WorkflowContentType.objects.get_or_create(content_type=faq_content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_local_offer_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(setup_editorial_workflow, migrations.RunPython.noop)]
