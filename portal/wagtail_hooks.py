"""The staff side of the portal inside the Wagtail admin: a "Casework" menu with the case list,
early review requests, complaints, the spreadsheet import, the timeliness dashboard, settings
(schools) and the audit log.

The case pages are plain Django views (``portal.staff``) mounted under /admin/casework/, because a
case page edits a dozen related records at once; settings and the audit log are simple enough for
Wagtail's ModelViewSet. Menu items are shown only to users whose permissions open the page."""

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from config.permission_policies import ServiceKeptPermissionPolicy
from portal.models import AuditEntry, SafetyContacts, Setting
from portal.staff import permissions as perms


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url, permission, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return perms.may(request.user, self.permission)


class SettingViewSet(ModelViewSet):
    """Schools, colleges and early-years settings that cases and imports refer to."""

    model = Setting
    icon = "home"
    add_to_admin_menu = False
    menu_label = "Settings (schools)"
    form_fields = ["name", "urn", "phase"]
    list_display = ["name", "urn", "phase"]
    list_filter = ["phase"]
    search_fields = ["name", "urn"]
    copy_view_enabled = False


class ChildColumn(Column):
    def get_value(self, instance):
        return instance.child_public_id or ""


class AuditEntryViewSet(ModelViewSet):
    """Read-only: entries are written by the service, never edited."""

    model = AuditEntry
    icon = "history"
    add_to_admin_menu = False
    menu_label = "Audit log"
    list_display = [
        "at",
        "actor_email",
        "action",
        "channel",
        "summary",
        ChildColumn("child", label="Child id"),
    ]
    list_filter = ["action", "channel"]
    search_fields = ["actor_email", "summary", "object_id"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "at",
        "actor_email",
        "channel",
        "action",
        "child_public_id",
        "object_type",
        "object_id",
        "summary",
        "changes",
        "ip_address",
    ]
    copy_view_enabled = False
    form_fields = ["summary"]

    def get_urlpatterns(self):
        hidden = {"add", "edit", "delete", "copy", "history", "history_results", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in hidden]


# Entries are evidence: nobody adds, edits or deletes one in the admin, superusers included.
register_permission_policy(
    AuditEntry, ServiceKeptPermissionPolicy(AuditEntry, refused=("add", "change", "delete"))
)

setting_viewset = SettingViewSet("portal_settings")
audit_viewset = AuditEntryViewSet("portal_audit")


@hooks.register("register_admin_viewset")
def register_setting_viewset():
    return setting_viewset


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return audit_viewset


@hooks.register("register_admin_urls")
def register_casework_urls():
    return [path("casework/", include("portal.staff.urls", namespace="portal_staff"))]


@hooks.register("register_admin_menu_item")
def register_casework_menu():
    items = [
        PermissionMenuItem(
            "Cases",
            reverse_lazy("portal_staff:cases"),
            perms.VIEW_CASES,
            icon_name="folder-open-inverse",
            order=100,
        ),
        PermissionMenuItem(
            "Early review requests",
            reverse_lazy("portal_staff:early_reviews"),
            perms.VIEW_EARLY_REVIEWS,
            icon_name="date",
            order=200,
        ),
        PermissionMenuItem(
            "Complaints",
            reverse_lazy("portal_staff:complaints"),
            perms.VIEW_COMPLAINTS,
            icon_name="warning",
            order=300,
        ),
        PermissionMenuItem(
            "Safeguarding flags",
            reverse_lazy("portal_staff:safeguarding"),
            perms.VIEW_SAFEGUARDING,
            icon_name="warning",
            order=350,
        ),
        PermissionMenuItem(
            "Import spreadsheet",
            reverse_lazy("portal_staff:import"),
            perms.ADD_CASES,
            icon_name="upload",
            order=400,
        ),
        PermissionMenuItem(
            "Timeliness",
            reverse_lazy("portal_staff:dashboard"),
            perms.VIEW_CASES,
            icon_name="table",
            order=500,
        ),
        PermissionMenuItem(
            "Settings (schools)",
            reverse_lazy("portal_settings:index"),
            "portal.view_setting",
            icon_name="home",
            order=600,
        ),
        PermissionMenuItem(
            "Audit log", reverse_lazy("portal_audit:index"), perms.VIEW_AUDIT, icon_name="history", order=700
        ),
    ]
    return SubmenuMenuItem("Casework", Menu(items=items), icon_name="folder-open-inverse", order=250)


class SafetyContactsViewSet(SnippetViewSet):
    """The council's safeguarding numbers, under Settings beside the site settings, and under the
    same moderation as pages: a wrong number here would send a family in danger nowhere."""

    model = SafetyContacts
    icon = "warning"
    menu_label = "Safety contacts"
    add_to_settings_menu = True
    list_display = ["social_care_name", "social_care_phone", "out_of_hours_phone", "lado_phone"]


register_snippet(SafetyContactsViewSet)
