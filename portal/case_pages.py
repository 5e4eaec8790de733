"""The parent's two busiest pages (/portal/ and the plan page) kept whole, under a digest of every
database row they are built from.

Building either page costs about 20 ms of a worker's time: a dozen ORM queries, the timeline rules
and the templates. With 20 parents at once that is more than two cores can give. Here one query reads
the rows themselves (the child, its setting, the user's own link, plans, caseworkers, advice,
pauses, reviews, documents, outcomes and their progress, early review requests; for /portal/ also
the user's own account and complaints) and their digest is the cache key. Nothing has to remember to
invalidate anything: a write from any path (staff pages, the Wagtail admin, the spreadsheet import's
bulk writes, the shell) changes a row, so the next view has a new key and is rendered afresh.

The key also carries the date (a step becomes overdue at midnight), and a page is only used in the
Local Offer's current cache generation (site settings, and the guide pages the explanations link
to). A request with a message to show (after a form was sent) is rendered afresh and not kept.
The rows are read on every request, so access is decided by ``portal.access`` exactly as before."""

import hashlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache as once
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse

from cms.page_cache import cached_entry, generation

from . import access, cases
from .db import prepared_cursor
from .models import (
    AdviceRequest,
    AnnualReview,
    Child,
    ClockException,
    Complaint,
    Document,
    EarlyReviewRequest,
    EHCPlan,
    Outcome,
    OutcomeProgress,
    ParentLink,
    Setting,
)

# Of a user's row (a plan's caseworker, or the signed-in parent), only what the pages show: never the
# password hash or the last sign-in, which change without changing a page.
USER_COLUMNS = ("id", "email", "first_name", "last_name", "phone", "is_active")


@dataclass
class LinkedCase:
    pk: int
    public_id: UUID
    rows: list = field(default_factory=list)

    @property
    def child(self):
        """Enough of the child for an audit entry, without loading it."""
        return Child(pk=self.pk, public_id=self.public_id)


@dataclass
class CaseRows:
    """What one user may see, with the text of every row the portal pages show."""

    cases: dict  # public_id -> LinkedCase
    own_rows: list  # the user's own account and complaints, for /portal/

    def digest(self, *public_ids):
        """Digest of the named cases' rows (all of them, and the user's own rows, if none named)."""
        if public_ids:
            parts = [self.cases[public_id].rows for public_id in public_ids]
        else:
            parts = [case.rows for case in self.cases.values()] + [self.own_rows]
        digest = hashlib.blake2b(digest_size=20)
        for rows in parts:
            for row in sorted(rows):
                digest.update(row.encode())
                digest.update(b"\0")
            digest.update(b"\1")
        return digest.hexdigest()


def case_rows(user):
    """One query: the children ``user`` may see and the text of every row their pages are built from."""
    scope = access.children_for_sql(user)
    if scope is None:
        return CaseRows(cases={}, own_rows=[])
    scope_sql, scope_params = scope
    sql, uses = _rows_sql()
    params = list(scope_params) + [user.pk] * uses
    with prepared_cursor() as cursor:
        cursor.execute(f"WITH mine(id) AS ({scope_sql}) {sql}", params)
        rows = cursor.fetchall()
    texts, public_ids, own_rows = defaultdict(list), {}, []
    for child_pk, public_id, text in rows:
        if child_pk is None:
            own_rows.append(text)
            continue
        texts[child_pk].append(text)
        if public_id is not None:  # the child's own row
            public_ids[child_pk] = public_id if isinstance(public_id, UUID) else UUID(public_id)
    cases = {public_id: LinkedCase(pk, public_id, texts[pk]) for pk, public_id in public_ids.items()}
    return CaseRows(cases=cases, own_rows=own_rows)


def cached_page(request, name, public_ids, render):
    """(response, the ``CaseRows`` it shows) for page ``name``: the stored page when the rows behind
    it are unchanged, otherwise ``render()``'s response, stored when it is a plain 200.

    ``public_ids`` are the cases the page shows (none: every case, as /portal/ shows). Raises KeyError
    when a named case is not one the user may see."""
    rows = case_rows(request.user)
    key = _key(name, rows.digest(*public_ids))
    keep = not messages.get_messages(request)
    if keep:
        entry = cached_entry(key)
        if entry is not None:
            return HttpResponse(entry["body"]), rows
    current = generation()  # read before rendering: a publish meanwhile makes this copy stale
    with _one_snapshot():
        # Read again in the render's own snapshot, so the key names exactly the rows rendered.
        rows = case_rows(request.user)
        key = _key(name, rows.digest(*public_ids))
        response = render()
    if keep and response.status_code == 200:
        cache.set(key, {"generation": current, "body": response.content}, settings.PORTAL_PAGE_SECONDS)
    return response, rows


def _key(name, digest):
    return f"portal-page:{name}:{cases.today().isoformat()}:{digest}"


@contextmanager
def _one_snapshot():
    """A transaction whose reads all see the database as it was at its first query. (SQLite's
    transactions already do; inside an outer transaction, as in tests, the level cannot be set.)"""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


@once
def _rows_sql():
    """The UNION of every table's rows as (child id, the child's public id or NULL, row text); built once
    per process from the models, so a new column is part of the digest without anyone listing it.
    Returns the SQL and how many times it takes the user's id."""
    qn = connection.ops.quote_name
    User = get_user_model()
    MINE = "IN (SELECT id FROM mine)"  # the children access.children_for allows, as a CTE

    def col(alias, model, name):
        return f"{alias}.{qn(model._meta.get_field(name).column)}"

    def part(model, alias, child, joins="", where=None, columns=None, public_id="NULL"):
        fields = [model._meta.get_field(c) for c in columns] if columns else model._meta.concrete_fields
        cells = [f"COALESCE(CAST({alias}.{qn(f.column)} AS TEXT), '~')" for f in fields]
        text = " || '|' || ".join([f"CAST('{model._meta.label_lower}' AS TEXT)", *cells])
        where = where or f"{child} {MINE}"
        return f"SELECT {child}, {public_id}, {text} FROM {qn(model._meta.db_table)} {alias} {joins} WHERE {where}"  # noqa: S608, E501

    def join_plan(on):
        return f"JOIN {qn(EHCPlan._meta.db_table)} p ON {on}"

    on_plan = col("p", EHCPlan, "child")
    sql = " UNION ALL ".join(
        [
            # The child first: its public id says which case each child id belongs to.
            part(Child, "c", "c.id", public_id=col("c", Child, "public_id")),
            part(
                Setting,
                "s",
                "c.id",
                f"JOIN {qn(Child._meta.db_table)} c ON {col('c', Child, 'setting')} = s.id",
            ),
            part(
                ParentLink,
                "l",
                col("l", ParentLink, "child"),
                where=f"{col('l', ParentLink, 'child')} {MINE} AND {col('l', ParentLink, 'user')} = %s",
            ),
            part(EHCPlan, "p", on_plan),
            part(
                User,
                "u",
                on_plan,
                join_plan(f"{col('p', EHCPlan, 'caseworker')} = u.id"),
                columns=USER_COLUMNS,
            ),
            *(
                part(model, "t", on_plan, join_plan(f"p.id = {col('t', model, 'plan')}"))
                for model in (
                    AdviceRequest,
                    ClockException,
                    AnnualReview,
                    Document,
                    Outcome,
                    EarlyReviewRequest,
                )
            ),
            part(
                OutcomeProgress,
                "g",
                on_plan,
                f"JOIN {qn(Outcome._meta.db_table)} o ON o.id = {col('g', OutcomeProgress, 'outcome')} "
                + join_plan(f"p.id = {col('o', Outcome, 'plan')}"),
            ),
            # The user's own rows: the name and email /portal/ shows, and their complaints.
            part(User, "u", "NULL", where="u.id = %s", columns=USER_COLUMNS),
            part(Complaint, "k", "NULL", where=f"{col('k', Complaint, 'submitted_by')} = %s"),
        ]
    )
    return sql, sql.count("%s")
