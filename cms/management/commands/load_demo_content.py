"""Load the fictional Northmere Council's Local Offer: users, site settings, the page tree, FAQ
answers and committee minutes.

Safe to run again: it creates only what is missing (looking pages up by slug, FAQ answers by key,
users by email, committees by slug, documents by title) and never changes or republishes anything
that exists, so editors' changes survive `make run`."""

import datetime
from importlib import import_module
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site, Workflow, WorkflowPage

from cms.demo import faqs as faq_data
from cms.demo import guides as guide_data
from cms.demo import journey as journey_data
from cms.demo import minutes as minutes_data
from cms.models import (
    AgendaItem,
    Committee,
    FAQAnswer,
    GuideIndexPage,
    GuidePage,
    HomePage,
    HomePageFeaturedGuide,
    MeetingDocument,
    MeetingMinutesPage,
    MinutesIndexPage,
    SiteSettings,
    StepByStepPage,
    StepByStepStep,
)

HOME_TITLE = "Northmere SEND Local Offer"
HOME_SLUG = "home"
HOME_INTRO = (
    "<p>Information, advice and support for families of children and young people aged 0 to 25 with "
    "special educational needs and disabilities (SEND) in Northmere.</p>"
)
GUIDANCE_INTRO = "<p>Plain-English guides to getting help for your child, and what the law says.</p>"
MINUTES_INTRO = (
    "<p>Minutes of the council committees and boards that oversee SEND services in Northmere. We publish "
    "minutes within 10 working days of a committee approving them.</p>"
)
WORKFLOW_NAME = "Moderators approval"

# (email, first name, last name, group or None, superuser)
DEMO_USERS = [
    ("admin@example.org", "Alex", "Admin", None, True),
    ("editor@example.org", "Eddie", "Editor", "Editors", False),
    ("moderator@example.org", "Morgan", "Moderator", "Moderators", False),
]


KNOWLEDGE_BASE = Path(__file__).resolve().parents[2] / "demo" / "knowledge_base.yml"


def knowledge_base_specs():
    if not KNOWLEDGE_BASE.exists():
        return []
    return yaml.safe_load(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["entries"]


class Command(BaseCommand):
    help = "Load the demo Local Offer content and users (dev and test settings only). Keeps existing data."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo content loads only with dev or test settings (DEMO_CONTENT_ALLOWED).")
        self.created = 0
        with transaction.atomic():
            self.ensure_wagtail_basics()
            self.admin = self.load_users()
            home = self.load_home()
            self.load_site_settings(home)
            guidance = self.child_page(
                home, GuideIndexPage, "guidance", title="Guidance", intro=GUIDANCE_INTRO
            )
            guides = self.load_guides(home, guidance)
            self.load_journey(home, guides)
            self.load_minutes(home)
            self.load_faqs(guides)
            self.load_featured_guides(home, guides)
            self.assign_workflow(home)
        self.say(f"cms: done, {self.created} new item{'s' if self.created != 1 else ''}")

    # --- helpers ------------------------------------------------------------------------------

    def say(self, message):
        self.stdout.write(message)

    def note(self, created, what):
        if created:
            self.created += 1
            self.say(f"cms: created {what}")
        else:
            self.say(f"cms: exists  {what}")

    def publish_new(self, parent, page, live=True):
        """Add ``page`` under ``parent`` with a first revision; publish it unless it is a draft."""
        if not live:
            page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.admin, log_action=True)
        if live:
            revision.publish(user=self.admin)
        return page

    def child_page(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            self.note(False, f"{model._meta.verbose_name} {existing.url_path}")
            return existing
        page = self.publish_new(parent, model(slug=slug, **fields))
        self.note(True, f"{model._meta.verbose_name} {page.url_path}")
        return page

    # --- what migrations create, in case the database was flushed since ----------------------------

    def ensure_wagtail_basics(self):
        """Wagtail's root page, root collection and default locale, and the editorial workflow, are
        created by migrations. `manage.py flush` (and test cases that truncate tables) remove them;
        put them back so the demo loads on such a database too."""
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        _, created = Locale.objects.get_or_create(language_code=language)
        if created:
            self.note(True, f"locale '{language}'")
        if Page.get_first_root_node() is None:
            Page.add_root(instance=Page(title="Root", slug="root"))
            self.note(True, "Wagtail root page")
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
            self.note(True, "Wagtail root collection")
        # The data migration's own function, run on the current models: it only adds what is missing.
        editorial_workflow = import_module("cms.migrations.0003_editorial_workflow")
        editorial_workflow.setup_editorial_workflow(global_apps, None)

    # --- users ----------------------------------------------------------------------------------

    def load_users(self):
        User = get_user_model()
        admin = None
        for email, first_name, last_name, group_name, superuser in DEMO_USERS:
            user = User.objects.filter(email__iexact=email).first()
            created = user is None
            if created:
                create = User.objects.create_superuser if superuser else User.objects.create_user
                user = create(
                    email=email, password=settings.DEMO_PASSWORD, first_name=first_name, last_name=last_name
                )
            self.note(created, f"user {email}")
            if group_name:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            # allauth asks for a verified address before anyone may sign in.
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            if superuser:
                admin = user
        return admin

    # --- the home page and the site -------------------------------------------------------------

    def load_home(self):
        home = HomePage.objects.order_by("path").first()
        if home is not None:
            self.note(False, f"home page '{home.title}'")
        else:
            root = Page.get_first_root_node()
            # Wagtail's "Welcome to your new Wagtail site!" page already has the slug "home".
            placeholder = Page.objects.child_of(root).filter(slug=HOME_SLUG).exact_type(Page).first()
            slug = HOME_SLUG if placeholder is None else "northmere-home"
            home = self.publish_new(root, HomePage(title=HOME_TITLE, slug=slug, intro=HOME_INTRO))
            self.note(True, f"home page '{home.title}'")
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
            elif site.root_page_id != home.pk:
                site.root_page = home
                site.save()
            self.say("cms: the home page is now the default site's root page")
            if placeholder is not None and not placeholder.get_children().exists():
                placeholder.delete()
                self.say("cms: removed Wagtail's default welcome page")
                home.slug = HOME_SLUG
                home.save(update_fields=["slug", "url_path"], clean=False)
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and not site.site_name:
            site.site_name = "Northmere SEND Local Offer"
            site.save(update_fields=["site_name"])
        return home

    def load_site_settings(self, home):
        site = (
            Site.objects.filter(root_page=home).first() or Site.objects.filter(is_default_site=True).first()
        )
        _, created = SiteSettings.objects.get_or_create(
            site=site,
            defaults={
                "council_name": "Northmere Council",
                "service_name": "SEND Local Offer",
                "contact_email": guide_data.SEND_TEAM_EMAIL,
                "contact_phone": guide_data.SEND_TEAM_PHONE,
            },
        )
        self.note(created, "site settings for Northmere Council")

    # --- guides -----------------------------------------------------------------------------------

    def load_guides(self, home, guidance):
        """Every demo guide by slug (existing or new). Guides whose call-to-action points at another
        guide are created after the others, so the button can link to the page itself."""
        guides = {}
        today = timezone.localdate()
        ordered = sorted(
            guide_data.GUIDES,
            key=lambda spec: any(b[0] == "call_to_action" and b[1].get("page_slug") for b in spec["body"]),
        )
        for spec in ordered:
            parent = guidance if spec["parent"] == "guidance" else home
            existing = GuidePage.objects.child_of(parent).filter(slug=spec["slug"]).first()
            if existing:
                guides[spec["slug"]] = existing
                self.note(False, f"guide page {existing.url_path}")
                continue
            page = GuidePage(
                slug=spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                body=self.resolve_blocks(spec["body"], guides),
                search_description=spec["summary"],
                last_reviewed=today - datetime.timedelta(days=spec.get("reviewed_days_ago", 0)),
            )
            guides[spec["slug"]] = self.publish_new(parent, page)
            self.note(True, f"guide page {page.url_path}")
        return guides

    @staticmethod
    def resolve_blocks(blocks, guides):
        resolved = []
        for block_type, value in blocks:
            if block_type == "call_to_action":
                page = guides.get(value.get("page_slug") or "")
                value = {"text": value["text"], "page": page, "url": "" if page else value["url"]}
                if not value["page"] and not value["url"]:
                    continue
            resolved.append((block_type, value))
        return resolved

    # --- the EHCP journey -------------------------------------------------------------------------

    def load_journey(self, home, guides):
        existing = StepByStepPage.objects.child_of(home).filter(slug=journey_data.SLUG).first()
        if existing:
            self.note(False, f"step-by-step page {existing.url_path}")
            return existing
        page = StepByStepPage(title=journey_data.TITLE, slug=journey_data.SLUG, intro=journey_data.INTRO)
        for number, (title, deadline, legal_basis, body, links) in enumerate(journey_data.STEPS):
            link_blocks = []
            for link_title, target in links:
                if target.startswith("/"):
                    link_blocks.append(("link", {"title": link_title, "page": None, "url": target}))
                elif target in guides:
                    link_blocks.append(("link", {"title": link_title, "page": guides[target], "url": ""}))
            page.steps.add(
                StepByStepStep(
                    sort_order=number,
                    title=title,
                    deadline=deadline,
                    legal_basis=legal_basis,
                    body=body,
                    links=link_blocks,
                )
            )
        self.publish_new(home, page)
        self.note(True, f"step-by-step page {page.url_path} ({len(journey_data.STEPS)} steps)")
        return page

    # --- committee minutes ------------------------------------------------------------------------

    def load_minutes(self, home):
        index = self.child_page(
            home, MinutesIndexPage, "minutes", title="Committee minutes", intro=MINUTES_INTRO
        )
        committees = {}
        for spec in minutes_data.COMMITTEES:
            committee, created = Committee.objects.get_or_create(
                slug=spec["slug"], defaults={"name": spec["name"], "description": spec["description"]}
            )
            committees[spec["slug"]] = committee
            self.note(created, f"committee '{committee.name}'")
        for spec in minutes_data.MEETINGS:
            existing = MeetingMinutesPage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if existing:
                self.note(False, f"minutes {existing.url_path}")
                continue
            committee = committees[spec["committee"]]
            page = MeetingMinutesPage(
                slug=spec["slug"],
                title=f"{committee.name}, {spec['date'].day} {spec['date']:%B %Y}",
                committee=committee,
                meeting_date=spec["date"],
                status=spec["status"],
                location=spec["location"],
                attendees=spec["attendees"],
                summary=spec["summary"],
            )
            for number, (title, minutes, decisions, actions) in enumerate(spec["items"]):
                page.agenda_items.add(
                    AgendaItem(
                        sort_order=number,
                        title=title,
                        minutes=minutes,
                        decisions=decisions,
                        actions=[
                            ("action", {"action": action, "owner": owner, "due": due})
                            for action, owner, due in actions
                        ],
                    )
                )
            for number, key in enumerate(spec["documents"]):
                page.documents.add(MeetingDocument(sort_order=number, document=self.document(key)))
            live = spec["status"] == MeetingMinutesPage.Status.APPROVED
            self.publish_new(index, page, live=live)
            self.note(True, f"minutes {page.url_path} ({'published' if live else 'draft, not live'})")

    def document(self, key):
        title, filename, content = minutes_data.DOCUMENTS[key]
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, uploaded_by_user=self.admin)
            document.file.save(filename, ContentFile(content.encode()), save=False)
            document.save()
            self.note(True, f"document '{title}'")
        return document

    # --- FAQ answers ------------------------------------------------------------------------------

    def load_faqs(self, guides):
        superseded = {spec["key"] for spec in knowledge_base_specs()}
        for key, (question, answer, more, guide_slug) in faq_data.FAQS.items():
            if key in superseded:  # the knowledge base file has this entry, with its examples
                continue
            if FAQAnswer.objects.filter(key=key).exists():
                self.note(False, f"FAQ answer '{key}'")
                continue
            faq = FAQAnswer.objects.create(
                key=key, question=question, answer=answer, more=more, guide=guides.get(guide_slug), live=True
            )
            faq.save_revision(user=self.admin, log_action=True).publish(user=self.admin)
            self.note(True, f"FAQ answer '{key}'")
        self.load_knowledge_base(guides)

    def load_knowledge_base(self, guides):
        """The knowledge base's entries (cms/demo/knowledge_base.yml): new ones are added and
        published; an existing entry without example questions gets the file's."""
        for spec in knowledge_base_specs():
            examples = "\n".join(spec.get("examples") or [])
            entry = FAQAnswer.objects.filter(key=spec["key"]).first()
            if entry is not None:
                if not entry.examples and examples:
                    entry.examples, entry.topic = examples, entry.topic or spec.get("topic", "")
                    entry.save(update_fields=["examples", "topic"])
                    entry.save_revision(user=self.admin, log_action=True).publish(user=self.admin)
                continue
            entry = FAQAnswer.objects.create(
                key=spec["key"],
                topic=spec.get("topic", ""),
                question=spec["question"],
                answer=spec["answer"],
                more=spec.get("more", ""),
                examples=examples,
                guide=guides.get(spec.get("guide")),
                live=True,
            )
            entry.save_revision(user=self.admin, log_action=True).publish(user=self.admin)
            self.created += 1
        self.say(f"cms: knowledge base has {FAQAnswer.objects.filter(live=True).count()} published entries")

    def load_featured_guides(self, home, guides):
        if home.featured_guides.exists():
            return
        featured = [guides[spec["slug"]] for spec in guide_data.GUIDES if spec["featured"]]
        for number, guide in enumerate(featured):
            HomePageFeaturedGuide.objects.create(home=home, page=guide, sort_order=number)
        # Record the home page with its featured guides as a revision, as an editor's save would.
        home.refresh_from_db()
        home.save_revision(user=self.admin, log_action=True).publish(user=self.admin)
        self.note(True, f"{len(featured)} featured guides on the home page")

    # --- the editorial workflow ------------------------------------------------------------------

    def assign_workflow(self, home):
        """The data migration puts "Moderators approval" on the root page; name the home page too, so
        the site's own tree keeps it even if someone changes the root's workflow."""
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
        if workflow is None or not workflow.active:
            self.say(f"cms: note: the '{WORKFLOW_NAME}' workflow is missing or disabled; left as it is")
            return
        _, created = WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
        self.note(created, f"workflow '{WORKFLOW_NAME}' on the home page")
