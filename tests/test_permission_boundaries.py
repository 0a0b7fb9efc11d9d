"""Forged requests against every desk, preview and workflow endpoint, from
each role that may not make them: each is refused on the server (a redirect
to the login page, a 403, a 404 or the admin's "no such object" redirect) and
the database is exactly as it was, row for row. The permission matrix below
takes every role through every workflow step from every state and every page
of an article in every state, allowed or not.

The requests are what a browser could never send from the pages those roles
see: addresses typed or guessed, forms posted by hand with fields the form
does not have, CSRF tokens left out.
"""

import hashlib
import itertools
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.test import Client
from django.urls import URLResolver, reverse
from django.utils import timezone
from factory.django import mute_signals
from taggit.models import Tag

from articles import previews, revisions
from articles.models import (
    Article,
    ArticleEvent,
    LiveEntry,
    Note,
    PreviewLink,
    Redirect,
)
from contact.models import ContactMessage
from imports.models import ImportRun
from library.models import Image as LibraryImage
from newsletter.models import Delivery, Digest, Subscriber
from newsroom.models import SitePage, SiteSettings
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    UserFactory,
    admin_article_data,
    client_for,
    library_image,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
LOGIN_URL = reverse("admin:login")
# Rows that change on every request whatever it does (sessions), or that only
# the login throttle writes: not the data a refused request must leave alone.
NOT_DATA = {"sessions.session", "axes.accessattempt", "axes.accesslog"}


def fingerprint():
    """Every row of every table, as a digest per table."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_DATA or not model._meta.managed:
            continue
        rows = model._default_manager.order_by("pk").values_list()
        state[label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return state


def changed_tables(before):
    after = fingerprint()
    return sorted(label for label in after if after[label] != before.get(label))


def refused(response, user):
    """The server said no: anonymous users are sent to log in; staff get a
    403, a 404, a 405 for a wrong method, or the admin's redirect to its
    index for an object they may not see."""
    if user is None:
        return response.status_code == 302 and response.url.startswith(LOGIN_URL)
    if response.status_code == 302:
        return response.url == reverse("admin:index")
    return response.status_code in (403, 404, 405, 410)


# --- The newsroom under attack ----------------------------------------------------


@pytest.fixture(scope="module")
def desk(django_db_setup, django_db_blocker):
    """People, and one of everything the desk shows, each role's own.

    Made once for the module, in a transaction rolled back at its end; each
    test runs in a savepoint of it, so what one test changes the next never
    sees. The search index is left out: nothing here searches.
    """
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        mute_signals(post_save, post_delete, pre_delete, m2m_changed),
    ):
        yield make_desk()
        transaction.set_rollback(True)


def make_desk():
    jo = JournalistFactory(username="jo")
    colleague = JournalistFactory(username="colleague")
    editor = EditorFactory(username="ed")
    root = UserFactory(username="root", is_superuser=True)
    # Staff in no group: a former journalist, say, still bylined on the
    # matrix's articles (see ``matrix_articles``).
    temp = UserFactory(username="temp")
    AuthorFactory(user=temp, name="Tess Former")
    # An editor who also writes: bylined on the matrix's articles.
    writer = EditorFactory(username="ed-writer")
    AuthorFactory(user=writer, name="Eddie Writer")

    def article(owner, status, **fields):
        if status in (Status.PUBLISHED, Status.UNPUBLISHED):
            fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
        else:
            fields.setdefault("published_at", None)
        return ArticleFactory(
            status=status,
            with_parts=True,
            bylines=[owner.author_profile],
            tag_names=["harbour"],
            **fields,
        )

    own_draft = article(jo, Status.DRAFT, headline="Jo's draft")
    own_review = article(jo, Status.IN_REVIEW, headline="Jo's submitted story")
    own_live = article(jo, Status.PUBLISHED, headline="Jo's live story")
    own_down = article(jo, Status.UNPUBLISHED, headline="Jo's pulled story")
    theirs = article(
        colleague, Status.DRAFT, headline="Colleague's scoop", is_live_blog=True
    )
    LiveEntry.objects.create(article=theirs, body="<p>First</p>", posted_by=colleague)
    their_review = article(colleague, Status.IN_REVIEW, headline="Colleague's review")
    for story in (own_review, theirs):
        for headline in ("First take", story.headline):
            Article.objects.filter(pk=story.pk).update(headline=headline)
            with reversion.create_revision():
                reversion.set_user(editor)
                revisions.record(Article.objects.get(pk=story.pk))
    gone = article(colleague, Status.DRAFT, headline="Deleted draft")
    revisions.record_before_delete(gone, by=editor)
    gone.delete()
    Redirect.objects.create(old_path="/old/", article=own_live)
    library_image(alt="A picture nobody uses")
    ImportRun.objects.create(
        system="wordpress",
        file_name="old-site.xml",
        stored_as="gone.xml",
        status=ImportRun.Status.CHECKED,
    )
    for story in (theirs, their_review):
        Note.objects.create(article=story, author=colleague, body="Check the scoop")
    ArticleEvent.objects.create(
        article=theirs,
        action=ArticleEvent.Action.SUBMIT,
        from_status=Status.DRAFT,
        to_status=Status.IN_REVIEW,
    )
    digest = Digest.objects.create(
        period="2025-W01", starts_at=timezone.now(), ends_at=timezone.now()
    )
    subscriber = Subscriber.objects.create(email="reader@example.com")
    Delivery.objects.create(digest=digest, subscriber=subscriber)
    ContactMessage.objects.create(
        name="Reader", email="r@example.com", subject="Hi", message="Hello there."
    )
    SiteSettings.load()
    SitePage.objects.create(slug="about", title="About", body="<p>Us.</p>")
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.objects.create(
        username="x", ip_address="10.0.0.1", failures_since_start=1
    )
    AccessLog.objects.create(username="x", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1")
    return {
        "jo": jo,
        "colleague": colleague,
        "editor": editor,
        "root": root,
        "temp": temp,
        "own_draft": own_draft,
        "own_review": own_review,
        "own_live": own_live,
        "own_down": own_down,
        "theirs": theirs,
        "their_review": their_review,
        "their_link": PreviewLink.objects.create(article=theirs, created_by=colleague),
        "own_link": PreviewLink.objects.create(article=own_draft, created_by=jo),
        "deleted_version": revisions.deleted_versions().get(),
        "matrix": matrix_articles(
            bylined=[jo, writer, temp], editor=editor, link_by=jo
        ),
        "sessions": {
            user.username: logged_in(user)
            for user in (jo, colleague, editor, writer, root, temp)
        },
    }


def versions(article):
    found = list(revisions.versions_of(article))
    return found[-1], found[0]


# --- Every address of the desk ----------------------------------------------------


def admin_url_names():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif pattern.name:
                yield pattern.name

    return set(walk(admin.site.get_urls()))


# Pages of the desk every logged-in staff member may open: their own
# password, the admin's index and scripts. Logging in and out are public.
SITE_PAGES = {"login", "logout", "index", "password_change", "password_change_done"}
SITE_PAGES |= {"jsi18n", "view_on_site"}


# What may be done to a note, each at an address of its own.
NOTE_ACTIONS = ("note_reply", "note_resolve", "note_reopen")


def every_desk_address(desk):
    """(URL name, address) of every page of the admin, with real objects."""
    first = {
        model: model._default_manager.order_by("pk").first()
        for model in admin.site._registry
    }
    addresses = []
    for model, obj in first.items():
        meta = model._meta
        prefix = f"{meta.app_label}_{meta.model_name}"
        addresses += [
            (f"{prefix}_changelist", reverse(f"admin:{prefix}_changelist")),
            (f"{prefix}_add", reverse(f"admin:{prefix}_add")),
        ]
        for page in ("change", "delete", "history"):
            addresses.append(
                (f"{prefix}_{page}", reverse(f"admin:{prefix}_{page}", args=[obj.pk]))
            )
    article = desk["theirs"]
    older, newer = versions(article)
    link = desk["their_link"]
    note = article.notes.get()
    entry = article.live_entries.get()
    article_pages = {
        "articles_article_transition": [article.pk, "approve"],
        "articles_article_preview_create": [article.pk],
        "articles_article_preview_revoke": [article.pk, link.pk],
        "articles_article_presence": [article.pk],
        "articles_article_autosave": [article.pk],
        "articles_article_autosave_discard": [article.pk],
        "articles_article_live_preview": [article.pk],
        "articles_article_live_preview_tab": [article.pk],
        **{f"articles_article_{name}": [article.pk] for name in ("notes", "note_add")},
        **{f"articles_article_{name}": [article.pk, note.pk] for name in NOTE_ACTIONS},
        "articles_article_live": [article.pk],
        "articles_article_live_updates": [article.pk],
        **{
            f"articles_article_{name}": [article.pk, entry.pk]
            for name in ("live_edit", "live_correct")
        },
        "articles_article_live_act": [article.pk, entry.pk, "delete"],
        "articles_article_compare": [article.pk],
        "articles_article_revision": [article.pk, older.pk],
        "articles_article_recoverlist": [],
        "articles_article_recover": [desk["deleted_version"].pk],
    }
    run = ImportRun.objects.get()
    article_pages.update(
        {f"imports_importrun_{page}": [run.pk] for page in ("confirm", "progress")}
    )
    addresses += [
        (name, reverse(f"admin:{name}", args=args))
        for name, args in article_pages.items()
    ]
    addresses += [
        (
            "auth_user_password_change",
            reverse("admin:auth_user_password_change", args=[desk["root"].pk]),
        ),
        ("taggit_tag_merge_tags", reverse("admin:taggit_tag_merge_tags")),
        ("library_image_upload", reverse("admin:library_image_upload")),
        ("library_image_search", reverse("admin:library_image_search") + "?q=a"),
        (
            "library_image_summary",
            reverse("admin:library_image_summary", args=[first[LibraryImage].pk]),
        ),
        (
            "autocomplete",
            reverse("admin:autocomplete")
            + "?app_label=articles&model_name=article&field_name=category",
        ),
        *(
            ("app_list", reverse("admin:app_list", args=[label]))
            for label in (
                "auth",
                "taggit",
                "axes",
                "newsroom",
                "library",
                "authors",
                "articles",
                "newsletter",
                "contact",
                "imports",
            )
        ),
        *((name, reverse(f"admin:{name}")) for name in SITE_PAGES - {"view_on_site"}),
        (
            "view_on_site",
            reverse(
                "admin:view_on_site",
                args=[ContentType.objects.get_for_model(Article).pk, article.pk],
            ),
        ),
    ]
    return addresses


def test_the_sweep_covers_every_page_of_the_desk(desk):
    covered = {name for name, _url in every_desk_address(desk)}

    assert admin_url_names() <= covered


def test_a_logged_out_visitor_reaches_nothing_of_the_desk(desk):
    client = client_for(None)
    before = fingerprint()
    reached = []
    for name, url in every_desk_address(desk):
        if name in ("login", "logout"):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(
                url, {"post": "yes"} if method == "post" else None
            )
            if not refused(response, None):
                reached.append(f"{method.upper()} {url}: {response.status_code}")
    for url in [
        reverse("staff-preview", args=[desk["theirs"].pk]),
        reverse("desk-calendar"),
    ]:
        response = client.get(url)
        if not refused(response, None):
            reached.append(f"GET {url}: {response.status_code}")

    assert reached == []
    assert changed_tables(before) == []


def test_staff_in_no_group_reach_nothing_but_their_own_password(desk):
    client = client_for(desk["temp"])
    before = fingerprint()
    reached = []
    for name, url in every_desk_address(desk):
        if name in SITE_PAGES:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(
                url, {"post": "yes"} if method == "post" else None
            )
            if not refused(response, desk["temp"]):
                reached.append(f"{method.upper()} {url}: {response.status_code}")
    for url in [
        reverse("staff-preview", args=[desk["theirs"].pk]),
        reverse("desk-calendar"),
    ]:
        response = client.get(url)
        if not refused(response, desk["temp"]):
            reached.append(f"GET {url}: {response.status_code}")

    assert reached == []
    assert changed_tables(before) == []


def test_merging_tags_is_for_those_who_may_change_tags(desk):
    journalist = client_for(desk["jo"])
    tags = list(Tag.objects.values_list("pk", flat=True))
    before = fingerprint()

    # The action that fills the selection, then the page that merges it.
    action = journalist.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "render_tag_form", "_selected_action": tags},
    )
    session = journalist.session
    session["selected_tag_ids"] = ",".join(map(str, tags))
    session.save()
    merge = journalist.post(
        reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "everything"}
    )

    # The action is not offered to them: no selection, no merge page.
    assert "merge-tags" not in action.get("Location", "")
    assert merge.status_code == 403
    assert changed_tables(before) == []


def test_merging_with_no_tags_chosen_is_a_message_not_a_500(desk):
    editor = client_for(desk["editor"])
    before = fingerprint()

    response = editor.post(
        reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "everything"}
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:taggit_tag_changelist")
    assert changed_tables(before) == []


# --- A journalist and a colleague's article -----------------------------------------


def article_attempts(desk, article, *, link):
    """(what, method, address, data) of every desk endpoint about ``article``."""
    older, _newer = (
        versions(article)
        if revisions.versions_of(article).count() > 1
        else (None, None)
    )
    attempts = [
        (
            "open it",
            "get",
            reverse("admin:articles_article_change", args=[article.pk]),
            None,
        ),
        (
            "save it",
            "post",
            reverse("admin:articles_article_change", args=[article.pk]),
            admin_article_data(article, headline="Hijacked"),
        ),
        (
            "see the delete page",
            "get",
            reverse("admin:articles_article_delete", args=[article.pk]),
            None,
        ),
        (
            "delete it",
            "post",
            reverse("admin:articles_article_delete", args=[article.pk]),
            {"post": "yes"},
        ),
        (
            "delete it from the list",
            "post",
            reverse("admin:articles_article_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [article.pk],
                "post": "yes",
            },
        ),
        (
            "read its history",
            "get",
            reverse("admin:articles_article_history", args=[article.pk]),
            None,
        ),
        ("preview it", "get", reverse("staff-preview", args=[article.pk]), None),
        (
            "make a preview link",
            "post",
            reverse("admin:articles_article_preview_create", args=[article.pk]),
            {"days": 3},
        ),
        (
            "revoke its preview link",
            "post",
            reverse(
                "admin:articles_article_preview_revoke", args=[article.pk, link.pk]
            ),
            None,
        ),
    ]
    attempts += [
        (
            "see its live preview",
            "post",
            reverse("admin:articles_article_live_preview", args=[article.pk]),
            admin_article_data(article, headline="Peeking"),
        ),
        (
            "open its live preview tab",
            "get",
            reverse("admin:articles_article_live_preview_tab", args=[article.pk]),
            None,
        ),
    ]
    note = article.notes.get()
    attempts += [
        (
            "read its notes",
            "get",
            reverse("admin:articles_article_notes", args=[article.pk]),
            None,
        ),
        (
            "add a note",
            "post",
            reverse("admin:articles_article_note_add", args=[article.pk]),
            {"anchor": "story", "body": "Sneaking in"},
        ),
        *(
            (
                f"{action} a note",
                "post",
                reverse(f"admin:articles_article_{action}", args=[article.pk, note.pk]),
                {"body": "Sneaking in"},
            )
            for action in NOTE_ACTIONS
        ),
    ]
    attempts += [
        (
            f"{action} it",
            "post",
            reverse("admin:articles_article_transition", args=[article.pk, action]),
            {
                f"{action}-note": "Because.",
                f"{action}-publish_at_0": "",
                f"{action}-publish_at_1": "",
            },
        )
        for action in ArticleEvent.Action.values
    ]
    if older is not None:
        attempts += [
            (
                "compare its versions",
                "get",
                reverse("admin:articles_article_compare", args=[article.pk])
                + f"?from={older.pk}&to={_newer.pk}",
                None,
            ),
            (
                "see a version",
                "get",
                reverse("admin:articles_article_revision", args=[article.pk, older.pk]),
                None,
            ),
            (
                "restore a version",
                "post",
                reverse("admin:articles_article_revision", args=[article.pk, older.pk]),
                {},
            ),
        ]
    return attempts


@pytest.mark.parametrize("whose", ["theirs", "their_review"])
def test_a_journalist_reaches_nothing_of_a_colleagues_article(desk, whose):
    article = desk[whose]
    link = PreviewLink.objects.create(article=article)
    client = client_for(desk["jo"])
    before = fingerprint()

    reached = []
    for what, method, url, data in article_attempts(desk, article, link=link):
        response = getattr(client, method)(url, data)
        if url == reverse("admin:articles_article_changelist"):
            # The list comes back (without a delete action to offer them):
            # the database says whether anything happened.
            continue
        if not refused(response, desk["jo"]):
            reached.append(f"{what}: {method.upper()} {url}: {response.status_code}")

    assert reached == []
    assert changed_tables(before) == []
    # And nothing of it shows in their lists.
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert article.headline not in listing
    calendar = client.get(reverse("desk-calendar")).content.decode()
    assert article.headline not in calendar


def test_a_journalist_cannot_recover_deleted_articles(desk):
    client = client_for(desk["jo"])
    before = fingerprint()

    for url in [
        reverse("admin:articles_article_recoverlist"),
        reverse("admin:articles_article_recover", args=[desk["deleted_version"].pk]),
    ]:
        assert refused(client.get(url), desk["jo"]), url
        assert refused(client.post(url), desk["jo"]), url

    assert changed_tables(before) == []


# --- The permission matrix ---------------------------------------------------------
#
# Every role x every workflow step from every state, and every role x every page
# of an article in every state, over HTTP. The expectations come from one
# table of who may do what, written from DESIGN.md §5 and the issue's "Roles
# and permissions", never from the code under test.
#
# Each cell is one request from a logged-in client that passes the CSRF check
# (a valid token, as anyone with a desk login can get one) and posts what the
# pages would never offer that role. A refused cell must leave every table
# exactly as it was; an allowed one must have done what was asked.

MATRIX_STATES = {
    # state: (status, published_at relative to now; None for never). An
    # article with a publication time has first_published_at there too.
    "draft": (Status.DRAFT, None),
    "in_review": (Status.IN_REVIEW, None),
    "changes_requested": (Status.CHANGES_REQUESTED, None),
    "published": (Status.PUBLISHED, timedelta(hours=-1)),
    # Scheduled is not a status: published, with a time still to come.
    "scheduled": (Status.PUBLISHED, timedelta(days=1)),
    "unpublished": (Status.UNPUBLISHED, timedelta(hours=-1)),
    # A draft again after it was unpublished and reopened: readers saw it.
    "reopened": (Status.DRAFT, timedelta(hours=-2)),
}

# Who each role is in ``make_desk`` (None: logged out). The articles of the
# matrix are bylined on jo, ed-writer and temp.
MATRIX_ROLES = {
    "anonymous": None,
    "journalist_own": "jo",
    "journalist_other": "colleague",
    "editor": "ed",
    "editor_own": "ed-writer",
    "superuser": "root",
    "no_group": "temp",
}
EDITORS = frozenset({"editor", "editor_own", "superuser"})
BYLINED = frozenset({"journalist_own", "editor_own", "no_group"})
# Who sees the article on the desk at all: editors, and its bylined journalist.
SEES_IT = EDITORS | {"journalist_own"}
# What a journalist may still edit; everything later is the editors'.
JOURNALISTS_EDIT = frozenset({"draft", "changes_requested", "reopened"})
# What a journalist may delete: their drafts that readers never saw.
JOURNALISTS_DELETE = frozenset({"draft", "changes_requested"})


class Step(NamedTuple):
    """A workflow step (DESIGN.md §5): the button it is, the states it starts
    from, the state it leads to, and who may take it."""

    action: str
    sources: frozenset
    target: str
    who: frozenset


STEPS = {
    "submit": Step(
        "submit",
        frozenset({"draft", "changes_requested", "reopened"}),
        "in_review",
        EDITORS | {"journalist_own"},
    ),
    "withdraw": Step(
        "withdraw", frozenset({"in_review"}), "draft", EDITORS | {"journalist_own"}
    ),
    "request_changes": Step(
        "request_changes", frozenset({"in_review"}), "changes_requested", EDITORS
    ),
    "approve_now": Step("approve", frozenset({"in_review"}), "published", EDITORS),
    "approve_at_a_time": Step(
        "approve", frozenset({"in_review"}), "scheduled", EDITORS
    ),
    "unpublish": Step(
        "unpublish", frozenset({"published", "scheduled"}), "unpublished", EDITORS
    ),
    "reopen": Step("reopen", frozenset({"unpublished"}), "reopened", EDITORS),
    "reschedule_now": Step(
        "reschedule", frozenset({"scheduled"}), "published", EDITORS
    ),
    "reschedule_to_a_time": Step(
        "reschedule", frozenset({"scheduled"}), "scheduled", EDITORS
    ),
}
# The steps whose form is given a time (the others' empty time means "now").
AT_A_TIME = frozenset({"approve_at_a_time", "reschedule_to_a_time"})


def may_take(role, step, state):
    if role not in STEPS[step].who:
        return False
    sources = STEPS[step].sources
    if STEPS[step].action == "approve" and role == "editor_own":
        # An editor's own draft may go straight to approval.
        sources = sources | {"draft", "reopened"}
    return state in sources


class Page(NamedTuple):
    """A page of an article on the desk: how it is asked for, whose view
    answers (Django's admin's own, or the desk's), and what using it is."""

    method: str
    view: str  # "admin" or "desk"
    use: str  # "read", "edit" or "delete"


PAGES = {
    "open": Page("get", "admin", "read"),
    "save": Page("post", "admin", "edit"),
    "delete_page": Page("get", "admin", "delete"),
    "delete": Page("post", "admin", "delete"),
    "history": Page("get", "admin", "read"),
    "compare": Page("get", "desk", "read"),
    "see_a_version": Page("get", "desk", "read"),
    "restore": Page("post", "desk", "edit"),
    "preview": Page("get", "desk", "read"),
    "make_a_preview_link": Page("post", "desk", "read"),
    "revoke_a_preview_link": Page("post", "desk", "read"),
}


def may_use(role, page, state):
    """Editors do everything on articles; the bylined journalist reads and
    previews their own, edits it while it is theirs to edit, and deletes it
    only while it is a draft readers never saw; nobody else does anything."""
    if role in EDITORS:
        return True
    if role == "journalist_own":
        use = PAGES[page].use
        return (
            use == "read"
            or (use == "edit" and state in JOURNALISTS_EDIT)
            or (use == "delete" and state in JOURNALISTS_DELETE)
        )
    return False


def refusal(role, page=None):
    """How the server says no to ``role`` (a workflow step when ``page`` is
    None): (status code, where it sends them).

    Logged out: to the login page. Someone who sees the article but may not
    do this: 403. Someone who may not see it: the desk's own views answer as
    for a missing article (404). Django's admin views look in the user's
    list, where a colleague's article is not ("no such object": back to the
    index) and a bylined login with no role finds it and is refused (403).
    """
    if role == "anonymous":
        return 302, LOGIN_URL
    if role in SEES_IT:
        return 403, None
    if page is None or PAGES[page].view == "desk":
        return 404, None
    if role in BYLINED:
        return 403, None
    return 302, reverse("admin:index")


# Whoever's refusal this is, the CSRF check is never what refused them.
CSRF_TOKEN = "matrixcsrftoken0matrixcsrftoken0"


class MatrixArticle(NamedTuple):
    article: Article
    older: int  # its first revision ("First take")
    newer: int  # its latest revision
    link: int  # a live preview link


def matrix_articles(*, bylined, editor, link_by):
    """One complete article per state, bylined on ``bylined``, each with two
    revisions ("First take", then its headline) and a live preview link."""
    now = timezone.now()
    made = {}
    for state, (status, offset) in MATRIX_STATES.items():
        published_at = None if offset is None else now + offset
        article = ArticleFactory(
            status=status,
            published_at=published_at,
            first_published_at=published_at,
            with_parts=True,
            bylines=[user.author_profile for user in bylined],
            headline=f"Matrix story, {state}",
        )
        for headline in ("First take", article.headline):
            Article.objects.filter(pk=article.pk).update(headline=headline)
            with reversion.create_revision():
                reversion.set_user(editor)
                revisions.record(Article.objects.get(pk=article.pk))
        older, newer = versions(article)
        link = PreviewLink.objects.create(article=article, created_by=link_by)
        made[state] = MatrixArticle(article, older.pk, newer.pk, link.pk)
    return made


def logged_in(user):
    """A session cookie for ``user``, made once for the module."""
    return client_for(user).cookies[settings.SESSION_COOKIE_NAME].value


def matrix_client(desk, role):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
    if MATRIX_ROLES[role] is not None:
        session = desk["sessions"][MATRIX_ROLES[role]]
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


def send(client, method, url, data=None):
    if method == "post":
        return client.post(url, {**(data or {}), "csrfmiddlewaretoken": CSRF_TOKEN})
    return client.get(url)


def rows_written():
    """How many rows the test's database connection has inserted, updated or
    deleted so far, in any table: the same number before and after a request
    means it wrote nothing at all.

    One query, where a digest of every table takes dozens: the matrix asks
    it of some seven hundred requests.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The counts of the current transaction, the test's own.
            cursor.execute(
                "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_user_tables"
            )
        else:
            cursor.execute("SELECT total_changes()")
        return cursor.fetchone()[0]


def state_label(article):
    if article.status == Status.PUBLISHED and article.published_at > timezone.now():
        return "scheduled"
    if article.status == Status.DRAFT and article.first_published_at is not None:
        return "reopened"
    return article.status


def assert_refused(response, role, page, written, article):
    code, location = refusal(role, page)
    assert response.status_code == code, (
        response.status_code,
        response.get("Location"),
    )
    if location is not None:
        assert response.url.startswith(location)
    if code == 403:
        assert b"CSRF" not in response.content  # refused by a rule, not a token
    if not article.is_published():
        # Not a word of it (a live article is on every public page anyway).
        assert article.headline.encode() not in response.content
    assert rows_written() == written


def cells(*axes):
    """Every combination of the axes, as readable test ids."""
    return [
        pytest.param(*combination, id="-".join(combination))
        for combination in itertools.product(*axes)
    ]


# A time to schedule for, in the newsroom's zone, as the approve form takes it.
SCHEDULE_DAY = (timezone.localdate() + timedelta(days=3)).isoformat()
SCHEDULE_TIME = "09:00"


@pytest.mark.parametrize(
    ("role", "step", "state"), cells(MATRIX_ROLES, STEPS, MATRIX_STATES)
)
def test_who_may_take_each_step_from_each_state(desk, role, step, state):
    article = desk["matrix"][state].article
    action = STEPS[step].action
    data = {f"{action}-note": "Because."}
    if step in AT_A_TIME:
        data |= {
            f"{action}-publish_date": SCHEDULE_DAY,
            f"{action}-publish_time": SCHEDULE_TIME,
        }
    url = reverse("admin:articles_article_transition", args=[article.pk, action])
    written = rows_written()

    response = send(matrix_client(desk, role), "post", url, data)

    after = Article.objects.get(pk=article.pk)
    if may_take(role, step, state):
        assert response.status_code == 302
        assert response.url == change_url(article)
        assert state_label(after) == STEPS[step].target
        assert rows_written() > written
        event = after.events.get()
        assert (event.action, event.note, event.actor.username) == (
            action,
            "Because.",
            MATRIX_ROLES[role],
        )
        # The move it really made, from where it was to where it is.
        assert (event.from_status, event.to_status) == (
            MATRIX_STATES[state][0],
            MATRIX_STATES[STEPS[step].target][0],
        )
        if step == "unpublish":
            # A takedown stops the article's shared previews too.
            assert not after.preview_links.active().exists()
        if step in AT_A_TIME:
            day = date.fromisoformat(SCHEDULE_DAY)
            assert after.published_at == datetime.combine(
                day, time(9), tzinfo=timezone.get_default_timezone()
            )
    elif role in STEPS[step].who:
        # Theirs to take, but not from here: back to the change page, with a
        # message saying why, and nothing changed.
        assert response.status_code == 302
        assert response.url == change_url(article)
        assert response.cookies[CookieStorage.cookie_name].value
        assert rows_written() == written
    else:
        assert_refused(response, role, None, written, article)


def page_request(matrix_article, page):
    """(method, address, data) of one page of an article."""
    article, older, newer, link = matrix_article
    method = PAGES[page].method
    change = change_url(article)
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    revision = reverse("admin:articles_article_revision", args=[article.pk, older])
    if page == "open":
        return method, change, None
    if page == "save":
        # What no form offers: a status and a publication time.
        forged = admin_article_data(
            article,
            headline="Hijacked",
            status=Status.PUBLISHED,
            published_at_0="2020-01-01",
            published_at_1="09:00:00",
        )
        return method, change, forged
    if page in ("delete_page", "delete"):
        return method, delete, {"post": "yes"}
    if page == "history":
        return (
            method,
            reverse("admin:articles_article_history", args=[article.pk]),
            None,
        )
    if page == "compare":
        compare = reverse("admin:articles_article_compare", args=[article.pk])
        return method, f"{compare}?from={older}&to={newer}", None
    if page in ("see_a_version", "restore"):
        return method, revision, {}
    if page == "preview":
        return method, reverse("staff-preview", args=[article.pk]), None
    if page == "make_a_preview_link":
        url = reverse("admin:articles_article_preview_create", args=[article.pk])
        return method, url, {"days": 3}
    url = reverse("admin:articles_article_preview_revoke", args=[article.pk, link])
    return method, url, {}


def assert_page_used(response, role, page, state, article):
    """The page did what it is for, and nothing else."""
    now = Article.objects.filter(pk=article.pk).first()
    if page == "delete":
        assert response.status_code == 302
        assert now is None
        return
    # Nothing here changes the article's state.
    assert state_label(now) == state
    if PAGES[page].method == "get":
        assert response.status_code == 200
        assert article.headline in response.content.decode()
    else:
        assert response.status_code == 302
    if page == "open":
        editable = role in EDITORS or state in JOURNALISTS_EDIT
        assert ('name="headline"' in response.content.decode()) == editable
        assert ('name="_save"' in response.content.decode()) == editable
        # The delete button is shown exactly where deleting is allowed.
        delete = reverse("admin:articles_article_delete", args=[article.pk])
        assert (delete in response.content.decode()) == may_use(role, "delete", state)
    elif page == "save":
        assert now.headline == "Hijacked"
        assert now.published_at == article.published_at
    elif page == "restore":
        assert now.headline == "First take"
    elif page == "compare":
        assert "First take" in response.content.decode()
    elif page == "preview":
        assert "no-store" in response["Cache-Control"]
    elif page == "make_a_preview_link":
        assert now.preview_links.count() == 2
    elif page == "revoke_a_preview_link":
        assert now.preview_links.get().revoked_at is not None


@pytest.mark.parametrize(
    ("role", "page", "state"), cells(MATRIX_ROLES, PAGES, MATRIX_STATES)
)
def test_who_may_use_each_page_of_an_article_in_each_state(desk, role, page, state):
    article = desk["matrix"][state].article
    method, url, data = page_request(desk["matrix"][state], page)
    written = rows_written()

    response = send(matrix_client(desk, role), method, url, data)

    if may_use(role, page, state):
        assert_page_used(response, role, page, state, article)
        if method == "get":
            assert rows_written() == written
        else:
            assert rows_written() > written
    else:
        assert_refused(response, role, page, written, article)


# --- A journalist's forged saves ----------------------------------------------------


def test_a_forged_save_of_their_draft_cannot_publish_feature_or_schedule_it(desk):
    article = desk["own_draft"]
    client = client_for(desk["jo"])

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        admin_article_data(
            article,
            headline="Still a draft",
            status=Status.PUBLISHED,
            published_at_0="2020-01-01",
            published_at_1="09:00",
            first_published_at="2020-01-01 09:00",
            is_featured="on",
            version=999,
            live_effects_at="2020-01-01 09:00",
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Still a draft"  # the save itself is theirs to make
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.first_published_at is None
    assert not article.is_featured
    assert article.live_effects_at is None
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_forged_byline_cannot_put_a_journalist_on_a_colleagues_article(desk):
    # Their own draft's byline rows, posted with a colleague's article's id.
    own, theirs = desk["own_draft"], desk["theirs"]
    client = client_for(desk["jo"])
    data = admin_article_data(own)
    data["bylines-0-article"] = theirs.pk

    client.post(reverse("admin:articles_article_change", args=[own.pk]), data)

    # The formset ties every row to the article being saved, whatever the
    # post says: the colleague's bylines are as they were.
    assert not theirs.bylines.filter(author=desk["jo"].author_profile).exists()
    assert list(theirs.bylines.values_list("author", flat=True)) == [
        desk["colleague"].author_profile.pk
    ]


# --- People, groups and settings ---------------------------------------------------


def people_attempts(desk):
    jo, editors = desk["jo"], Group.objects.get(name="Editors")
    journalists = Group.objects.get(name="Journalists")
    every_permission = list(Permission.objects.values_list("pk", flat=True))
    return [
        (
            "make themselves superuser",
            reverse("admin:auth_user_change", args=[jo.pk]),
            {
                "username": jo.username,
                "is_staff": "on",
                "is_superuser": "on",
                "is_active": "on",
                "groups": [editors.pk],
                "date_joined_0": "2025-01-01",
                "date_joined_1": "10:00",
            },
        ),
        (
            "add a login",
            reverse("admin:auth_user_add"),
            {
                "username": "mole",
                "password1": "Corr3ct-horse-battery",
                "password2": "Corr3ct-horse-battery",
            },
        ),
        (
            "set another's password",
            reverse("admin:auth_user_password_change", args=[desk["root"].pk]),
            {
                "password1": "Corr3ct-horse-battery",
                "password2": "Corr3ct-horse-battery",
            },
        ),
        (
            "give their group every permission",
            reverse("admin:auth_group_change", args=[journalists.pk]),
            {"name": "Journalists", "permissions": every_permission},
        ),
        (
            "make a group",
            reverse("admin:auth_group_add"),
            {"name": "Cabal", "permissions": every_permission},
        ),
        (
            "delete the editors' group",
            reverse("admin:auth_group_delete", args=[editors.pk]),
            {"post": "yes"},
        ),
        (
            "rename the site",
            reverse(
                "admin:newsroom_sitesettings_change", args=[SiteSettings.load().pk]
            ),
            {"name": "Pwned"},
        ),
        (
            "delete a login",
            reverse("admin:auth_user_delete", args=[desk["colleague"].pk]),
            {"post": "yes"},
        ),
        (
            "clear the login lockouts",
            reverse("admin:axes_accessattempt_changelist"),
            {"action": "delete_selected", "_selected_action": [1], "post": "yes"},
        ),
        (
            "import an archive",
            reverse("admin:imports_importrun_add"),
            {"system": "ghost", "export": ""},
        ),
        (
            "confirm an import",
            reverse(
                "admin:imports_importrun_confirm", args=[ImportRun.objects.get().pk]
            ),
            {},
        ),
    ]


@pytest.mark.parametrize("role", ["jo", "editor"])
def test_only_superusers_change_people_groups_and_settings(desk, role):
    client = client_for(desk[role])
    before = fingerprint()

    reached = [
        f"{what}: {response.status_code}"
        for what, url, data in people_attempts(desk)
        if not refused(response := client.post(url, data), desk[role])
    ]

    assert reached == []
    assert changed_tables(before) == []
    desk[role].refresh_from_db()
    assert not desk[role].is_superuser


def test_a_journalist_cannot_edit_a_colleagues_profile_or_the_sections(desk):
    client = client_for(desk["jo"])
    colleague = desk["colleague"].author_profile
    category = desk["theirs"].category
    before = fingerprint()

    attempts = [
        (
            reverse("admin:authors_author_change", args=[colleague.pk]),
            {"name": "Renamed", "slug": colleague.slug},
        ),
        (reverse("admin:authors_author_add"), {"name": "Sock Puppet", "slug": "sock"}),
        (
            reverse("admin:articles_category_change", args=[category.pk]),
            {"name": "Renamed", "slug": category.slug, "menu_order": 1},
        ),
        (
            reverse("admin:articles_category_add"),
            {"name": "Leaks", "slug": "leaks", "menu_order": 1},
        ),
        (
            reverse("admin:articles_category_delete", args=[CategoryFactory().pk]),
            {"post": "yes"},
        ),
        (
            reverse("admin:taggit_tag_delete", args=[Tag.objects.first().pk]),
            {"post": "yes"},
        ),
        (
            reverse("admin:newsroom_sitepage_change", args=[SitePage.objects.get().pk]),
            {"slug": "about", "title": "Hacked", "body": "x"},
        ),
        (
            reverse(
                "admin:articles_articleevent_delete",
                args=[ArticleEvent.objects.first().pk],
            ),
            {"post": "yes"},
        ),
        (
            reverse(
                "admin:articles_redirect_delete", args=[Redirect.objects.first().pk]
            ),
            {"post": "yes"},
        ),
        (
            reverse("admin:contact_contactmessage_changelist"),
            {
                "action": "mark_handled",
                "_selected_action": list(
                    ContactMessage.objects.values_list("pk", flat=True)
                ),
            },
        ),
        (
            reverse("admin:newsletter_subscriber_changelist"),
            {
                "action": "unsubscribe_selected",
                "_selected_action": list(
                    Subscriber.objects.values_list("pk", flat=True)
                ),
            },
        ),
    ]
    before = fingerprint()
    reached = [
        f"POST {url}: {response.status_code}"
        for url, data in attempts
        if not refused(response := client.post(url, data), desk["jo"])
    ]

    assert reached == []
    assert changed_tables(before) == []


def test_nobody_edits_or_deletes_the_audit_trail(desk):
    event = ArticleEvent.objects.first()
    client = client_for(desk["root"])
    before = fingerprint()

    change = client.post(
        reverse("admin:articles_articleevent_change", args=[event.pk]), {"note": "x"}
    )
    delete = client.post(
        reverse("admin:articles_articleevent_delete", args=[event.pk]), {"post": "yes"}
    )

    assert change.status_code in (200, 403)  # read-only page, or refused
    assert delete.status_code == 403
    assert changed_tables(before) == []


# --- Forged cross-site requests ----------------------------------------------------


def test_a_cross_site_post_without_a_csrf_token_is_refused(desk):
    # A page elsewhere making a logged-in editor's browser post to the desk.
    client = client_for(desk["root"], csrf=True)
    article = desk["own_review"]
    before = fingerprint()

    for url, data in [
        (
            reverse("admin:articles_article_transition", args=[article.pk, "approve"]),
            {},
        ),
        (
            reverse("admin:articles_article_change", args=[article.pk]),
            admin_article_data(article, headline="CSRF"),
        ),
        (reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}),
        (
            reverse("admin:auth_user_change", args=[desk["jo"].pk]),
            {"is_superuser": "on"},
        ),
        (
            reverse(
                "admin:newsroom_sitesettings_change", args=[SiteSettings.load().pk]
            ),
            {"name": "Pwned"},
        ),
        (
            reverse("admin:articles_article_preview_create", args=[article.pk]),
            {"days": 30},
        ),
    ]:
        assert client.post(url, data).status_code == 403, url

    assert changed_tables(before) == []


# --- Shareable previews -------------------------------------------------------------


def test_an_expired_or_revoked_preview_link_shows_nothing(client, desk):
    article = desk["theirs"]
    expired = PreviewLink.objects.create(
        article=article, expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = PreviewLink.objects.create(article=article, revoked_at=timezone.now())
    before = fingerprint()

    for link in (expired, revoked):
        response = client.get(previews.url_for(link))
        assert response.status_code == 410
        assert article.headline not in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    assert changed_tables(before) == []


def test_a_forged_or_altered_preview_token_shows_nothing(client, desk):
    link = desk["their_link"]
    forged = [
        signing.Signer(salt="another-purpose").sign(link.key),
        signing.Signer(salt=previews.SALT, key="not-our-secret").sign(link.key),
        previews.token_for(link)[:-1] + "x",
        link.key,
        "../../admin/",
    ]
    before = fingerprint()

    for token in forged:
        response = client.get(f"/preview/{token}/")
        assert response.status_code == 404, token
        assert desk["theirs"].headline not in response.content.decode()

    assert changed_tables(before) == []


def test_a_preview_link_of_a_deleted_article_shows_nothing(client, desk):
    url = previews.url_for(desk["their_link"])
    # Through a queryset: the module's article keeps its id for other tests.
    Article.objects.filter(pk=desk["theirs"].pk).delete()

    assert client.get(url).status_code == 404


def test_the_desk_never_tells_a_draft_s_address_to_whoever_may_not_see_it(desk):
    article = desk["theirs"]
    shortcut = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(Article).pk, article.pk],
    )

    response = client_for(desk["jo"]).get(shortcut)

    assert article.slug not in response.get("Location", "")
