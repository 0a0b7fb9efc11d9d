"""The newsletter: double opt-in sign-up, leaving, throttling, the desk's list
and the weekly digest."""

import csv
import io
import re
import smtplib
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsletter import digests, tokens
from newsletter.exports import spreadsheet_safe
from newsletter.models import Delivery, Digest, Subscriber
from newsroom.models import SiteSettings
from tests import task_worker
from tests.factories import ArticleFactory, UserFactory
from tests.task_worker import queued_of, run_the_worker

pytestmark = pytest.mark.django_db

Status = Subscriber.Status
SENT_PAGE = "/subscribe/check-your-inbox/"


@pytest.fixture(autouse=True)
def site():
    settings = SiteSettings.load()
    settings.name = "The Harbour Ledger"
    settings.save()
    return settings


def sign_up(email, *, client=None, ip="198.51.100.7"):
    return (client or Client()).post("/subscribe/", {"email": email}, REMOTE_ADDR=ip)


def link_path(text, kind):
    """The path of the first /subscribe/<kind>/ link in a mail's text."""
    match = re.search(rf"https?://[^/\s]+(/subscribe/{kind}/[^\s\"<]+)", text)
    assert match, f"no {kind} link in: {text}"
    return match.group(1)


def subscriber(email="reader@example.com", status=Status.CONFIRMED, **fields):
    return Subscriber.objects.create(email=email, status=status, **fields)


def without_csrf_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def press_confirm(path, *, client=None):
    """Open a confirmation link and press its button, as a browser would:
    the form's CSRF token posted back with the cookie the page set."""
    client = client or Client(enforce_csrf_checks=True)
    page = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, f"no confirmation button on {path}"
    return client.post(path, {"csrfmiddlewaretoken": token.group(1)})


# --- Sign-up and confirmation ------------------------------------------------


def test_sign_up_sends_one_mail_whose_link_confirms_the_subscription(
    client, mailoutbox, settings
):
    response = sign_up("reader@example.com", client=client)

    assert response.status_code == 302
    assert response["Location"] == SENT_PAGE
    assert "Check your inbox" in client.get(SENT_PAGE).content.decode()
    assert Subscriber.objects.get().status == Status.PENDING
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["reader@example.com"]
    assert message.subject == "Confirm your subscription to The Harbour Ledger"
    assert f"{settings.NEWSROOM_BASE_URL}/subscribe/confirm/" in message.body

    response = press_confirm(link_path(message.body, "confirm"), client=client)

    assert response.status_code == 302
    assert "You are subscribed" in client.get(response["Location"]).content.decode()
    confirmed = Subscriber.objects.get()
    assert confirmed.status == Status.CONFIRMED
    assert confirmed.confirmed_at is not None


def test_following_the_confirmation_link_twice_still_says_subscribed(mailoutbox):
    sign_up("reader@example.com")
    path = link_path(mailoutbox[0].body, "confirm")
    press_confirm(path)

    again = Client().get(path)
    pressed_again = Client().post(path)

    assert again.status_code == 200
    assert "You are subscribed" in again.content.decode()
    assert "Confirm my subscription" not in again.content.decode()
    assert pressed_again.status_code == 302
    assert Subscriber.objects.get().status == Status.CONFIRMED


def test_opening_the_confirmation_link_shows_a_button_and_confirms_nothing(
    client, mailoutbox
):
    sign_up("reader@example.com")
    path = link_path(mailoutbox[0].body, "confirm")

    # What a mail system's link scanner does to every link it sees.
    head = client.head(path)
    page = client.get(path)

    assert head.status_code == 200
    html = page.content.decode()
    assert page.status_code == 200
    assert "Confirm your subscription" in html
    assert "reader@example.com will receive the newsletter" in html
    assert re.search(
        rf'<form [^>]*method="post" action="{re.escape(path)}">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        html,
    )
    assert '<button class="button button--accent" type="submit">' in html
    assert "Confirm my subscription</button>" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    assert not re.search(r"\sstyle=|<style|<script(?![^>]*src=)", html)
    assert Subscriber.objects.get().status == Status.PENDING
    assert Subscriber.objects.get().confirmed_at is None


def test_the_confirmation_button_needs_the_pages_csrf_token(mailoutbox):
    sign_up("reader@example.com")
    path = link_path(mailoutbox[0].body, "confirm")

    forged = Client(enforce_csrf_checks=True).post(path)

    assert forged.status_code == 403
    assert Subscriber.objects.get().status == Status.PENDING


def test_address_is_trimmed_its_domain_lowercased_and_kept_in_one_row(mailoutbox):
    sign_up("  Reader@Example.COM ")
    sign_up("reader@EXAMPLE.com")

    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "Reader@example.com"
    ]
    assert [m.to for m in mailoutbox] == [["Reader@example.com"]] * 2


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if token[-2:] != "AA" else "BB"),
        lambda token: "not-a-token",
        lambda token: token.split(":")[0],
        lambda token: token + "%00",
    ],
    ids=["tampered-signature", "garbage", "signature-cut-off", "null-byte"],
)
def test_bad_confirmation_links_get_a_clear_page_and_confirm_nothing(
    client, mailoutbox, mangle
):
    sign_up("reader@example.com")
    token = link_path(mailoutbox[0].body, "confirm").split("/")[3]

    path = f"/subscribe/confirm/{mangle(token)}/"

    for response in [client.get(path), client.post(path)]:
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get().status == Status.PENDING


def test_an_unsubscribe_token_does_not_work_as_a_confirmation_link(client):
    pending = subscriber(status=Status.PENDING)

    response = client.get(f"/subscribe/confirm/{tokens.unsubscribe_token(pending)}/")

    assert response.status_code == 400
    assert Subscriber.objects.get().status == Status.PENDING


def test_an_expired_confirmation_link_says_so_and_confirms_nothing(
    client, mailoutbox, settings
):
    sign_up("reader@example.com")
    path = link_path(mailoutbox[0].body, "confirm")

    later = timezone.now() + timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS, hours=1)
    with time_machine.travel(later):
        responses = [client.get(path), client.post(path)]

    for response in responses:
        assert response.status_code == 410
        assert "This confirmation link has expired" in response.content.decode()
    assert Subscriber.objects.get().status == Status.PENDING


def test_confirmation_link_does_not_undo_leaving(client, mailoutbox):
    sign_up("reader@example.com")
    confirm_path = link_path(mailoutbox[0].body, "confirm")
    Subscriber.objects.update(status=Status.UNSUBSCRIBED)

    for response in [client.get(confirm_path), client.post(confirm_path)]:
        assert response.status_code == 400
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED


def test_sign_up_response_is_the_same_for_new_pending_confirmed_and_gone_addresses(
    mailoutbox,
):
    subscriber("pending@example.com", status=Status.PENDING)
    subscriber("confirmed@example.com", status=Status.CONFIRMED)
    subscriber("gone@example.com", status=Status.UNSUBSCRIBED)

    answers = {}
    for email in [
        "new@example.com",
        "pending@example.com",
        "confirmed@example.com",
        "gone@example.com",
    ]:
        client = Client()
        response = sign_up(email, client=client)
        followed = client.get(response["Location"])
        answers[email] = (
            response.status_code,
            response["Location"],
            response.content,
            followed.status_code,
            followed.content,
        )

    assert len(set(answers.values())) == 1, answers
    # Each address gets exactly one mail; only its owner learns which kind.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(answers)
    assert Subscriber.objects.count() == 4  # no duplicate row for anyone


def test_a_confirmed_subscriber_signing_up_again_is_told_by_mail_and_stays_as_is(
    mailoutbox,
):
    existing = subscriber("reader@example.com", status=Status.CONFIRMED)

    sign_up("reader@example.com")

    assert Subscriber.objects.get() == existing
    assert Subscriber.objects.get().status == Status.CONFIRMED
    (message,) = mailoutbox
    assert "already receives it" in message.body
    assert "/subscribe/confirm/" not in message.body
    assert "/subscribe/unsubscribe/" in message.body


def test_coming_back_after_leaving_needs_a_new_confirmation_and_old_links_die(
    client, mailoutbox
):
    sign_up("reader@example.com")
    press_confirm(link_path(mailoutbox[0].body, "confirm"))
    old = Subscriber.objects.get()
    old_unsubscribe = f"/subscribe/unsubscribe/{tokens.unsubscribe_token(old)}/"
    client.post(old_unsubscribe)
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED

    sign_up("reader@example.com")

    back = Subscriber.objects.get()
    assert back.status == Status.PENDING
    assert back.key != old.key
    assert "/subscribe/confirm/" in mailoutbox[-1].body
    # The link from the first subscription no longer names anyone.
    assert "You are unsubscribed" in client.get(old_unsubscribe).content.decode()
    press_confirm(link_path(mailoutbox[-1].body, "confirm"))
    assert Subscriber.objects.get().status == Status.CONFIRMED


def test_a_mail_server_failure_at_sign_up_shows_the_same_page(monkeypatch, mailoutbox):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)

    response = sign_up("reader@example.com")

    assert response.status_code == 302
    assert response["Location"] == SENT_PAGE
    assert Subscriber.objects.get().status == Status.PENDING


# --- The sign-up page --------------------------------------------------------


def test_sign_up_page_has_a_labelled_field_and_is_never_cached(client):
    response = client.get("/subscribe/")
    html = response.content.decode()

    assert response.status_code == 200
    # It carries a CSRF token: no shared cache may keep it.
    assert "csrfmiddlewaretoken" in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert 'for="id_email"' in html
    assert 'type="email" name="email"' in html
    assert 'aria-describedby="id_email_helptext"' in html
    assert not re.search(r"\sstyle=|<style|<script(?![^>]*src=)", html)


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "a@b", "x" * 250 + "@example.com", "a\x00@b.com"]
)
def test_a_bad_address_gets_an_error_tied_to_the_field(client, mailoutbox, email):
    response = client.post("/subscribe/", {"email": email})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Please check what you entered" in html
    assert '<a href="#id_email">' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*id_email_error', html)
    assert 'id="id_email_error"' in html
    assert "<title>Error:" in html
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_the_pages_a_sign_up_redirects_to_carry_no_per_reader_bits():
    for url in [SENT_PAGE, "/subscribe/confirmed/", "/subscribe/unsubscribed/"]:
        response = Client().get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "csrfmiddlewaretoken" not in html, url
        assert not response.cookies, url
        assert html == Client().get(url).content.decode(), url


# --- Throttling --------------------------------------------------------------


def test_sign_ups_are_throttled_per_address(settings, mailoutbox):
    settings.NEWSLETTER_THROTTLE_PER_ADDRESS = 3

    answers = [
        sign_up("reader@example.com", ip=f"198.51.100.{n}").status_code
        for n in range(3)
    ]
    refused = sign_up("READER@example.com", ip="198.51.100.99")

    assert answers == [302, 302, 302]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many sign-up attempts" in refused.content.decode()
    assert len(mailoutbox) == 3
    # Another address from the same client is not held back.
    assert sign_up("other@example.com", ip="198.51.100.99").status_code == 302


def test_sign_ups_are_throttled_per_client(settings):
    settings.NEWSLETTER_THROTTLE_PER_CLIENT = 2

    first = [sign_up(f"r{n}@example.com", ip="203.0.113.5").status_code for n in (1, 2)]
    refused = sign_up("r3@example.com", ip="203.0.113.5")
    elsewhere = sign_up("r3@example.com", ip="203.0.113.6")

    assert first == [302, 302]
    assert refused.status_code == 429
    assert elsewhere.status_code == 302
    assert Subscriber.objects.count() == 3


def test_one_ipv6_line_shares_one_allowance_whatever_address_it_picks(settings):
    settings.NEWSLETTER_THROTTLE_PER_CLIENT = 2
    line = "2001:db8:4:7::"

    first = [sign_up(f"r{n}@example.com", ip=f"{line}{n}").status_code for n in (1, 2)]
    refused = sign_up("r3@example.com", ip=f"{line}beef:3")
    next_line = sign_up("r3@example.com", ip="2001:db8:4:8::1")

    assert first == [302, 302]
    assert refused.status_code == 429
    assert next_line.status_code == 302


def test_the_throttled_answer_is_the_same_whatever_the_address_state(settings):
    settings.NEWSLETTER_THROTTLE_PER_ADDRESS = 1
    subscriber("confirmed@example.com", status=Status.CONFIRMED)
    for email in ["new@example.com", "confirmed@example.com"]:
        sign_up(email)

    answers = set()
    for email in ["new@example.com", "confirmed@example.com"]:
        response = sign_up(email)
        body = without_csrf_token(response.content.decode()).replace(email, "EMAIL")
        answers.add((response.status_code, body))

    assert len(answers) == 1
    assert answers.pop()[0] == 429


# --- Leaving -----------------------------------------------------------------


def test_unsubscribe_link_shows_a_button_and_only_the_post_unsubscribes(client):
    reader = subscriber("reader@example.com")
    url = f"/subscribe/unsubscribe/{tokens.unsubscribe_token(reader)}/"

    page = client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "reader@example.com will stop receiving" in html
    assert f'<form class="form form--inline" method="post" action="{url}">' in html
    assert Subscriber.objects.get().status == Status.CONFIRMED

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == "/subscribe/unsubscribed/"
    left = Subscriber.objects.get()
    assert left.status == Status.UNSUBSCRIBED
    assert left.unsubscribed_at is not None
    assert "You are unsubscribed" in client.get(url).content.decode()


def test_rfc8058_one_click_post_unsubscribes_without_cookie_or_csrf_token():
    reader = subscriber("reader@example.com")
    url = f"/subscribe/unsubscribe/{tokens.unsubscribe_token(reader)}/"
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED
    # Repeating it is harmless.
    again = mail_client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200


def test_a_forged_unsubscribe_link_is_refused_and_unsubscribes_no_one(client):
    reader = subscriber("reader@example.com")
    token = tokens.unsubscribe_token(reader)
    forged = f"{reader.key}:{'A' * len(token.split(':')[1])}"

    for candidate in [forged, reader.key, tokens.confirmation_token(reader)]:
        url = f"/subscribe/unsubscribe/{candidate}/"
        assert client.get(url).status_code == 400, candidate
        assert client.post(url).status_code == 400, candidate

    assert Subscriber.objects.get().status == Status.CONFIRMED


# --- The desk ----------------------------------------------------------------


@pytest.fixture
def desk(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_desk_lists_subscribers_with_status_search_and_filters(desk):
    subscriber("ada@example.com", status=Status.CONFIRMED)
    subscriber("ben@example.com", status=Status.PENDING)
    subscriber("<b>eve</b>@example.com", status=Status.UNSUBSCRIBED)

    listing = desk.get("/admin/newsletter/subscriber/").content.decode()
    searched = desk.get("/admin/newsletter/subscriber/?q=ada").content.decode()
    filtered = desk.get(
        "/admin/newsletter/subscriber/?status__exact=pending"
    ).content.decode()

    assert "ada@example.com" in listing
    assert "Waiting for confirmation" in listing
    assert "&lt;b&gt;eve&lt;/b&gt;@example.com" in listing
    assert "<b>eve</b>" not in listing
    assert "ada@example.com" in searched and "ben@example.com" not in searched
    assert "ben@example.com" in filtered and "ada@example.com" not in filtered
    # Only the address's owner can put it on the list.
    assert desk.get("/admin/newsletter/subscriber/add/").status_code == 403


def test_csv_export_lists_the_selected_subscribers_and_defuses_formulas(desk):
    chosen = [
        subscriber("ada@example.com", status=Status.CONFIRMED),
        subscriber("=1+2@example.com", status=Status.PENDING),
        subscriber("+cmd@example.com", status=Status.CONFIRMED),
        subscriber("-2+3@example.com", status=Status.UNSUBSCRIBED),
    ]
    subscriber("not-chosen@example.com")

    response = desk.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "_selected_action": [s.pk for s in chosen]},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "email",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "import_source",
        "imported_at",
    ]
    assert {(row[0], row[1]) for row in rows[1:]} == {
        ("ada@example.com", "confirmed"),
        ("'=1+2@example.com", "pending"),
        ("'+cmd@example.com", "confirmed"),
        ("'-2+3@example.com", "unsubscribed"),
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("reader@example.com", "reader@example.com"),
        (None, ""),
    ],
)
def test_spreadsheet_cells_that_would_be_formulas_are_kept_as_text(value, cell):
    assert spreadsheet_safe(value) == cell


# --- The weekly digest -------------------------------------------------------


class BouncingBackend(locmem.EmailBackend):
    """The test outbox, except that mail to bounce@… is refused."""

    def send_messages(self, messages):
        for message in messages:
            if any(r.startswith("bounce@") for r in message.recipients()):
                raise smtplib.SMTPRecipientsRefused(
                    {message.recipients()[0]: (550, b"No such user")}
                )
        return super().send_messages(messages)


@pytest.fixture
def week():
    """One article per status, all dated inside the last seven days, plus a
    live one from before the week."""
    now = timezone.now()
    S = Article.Status
    made = {
        "live": ArticleFactory(
            headline="Harbour wall rebuilt", published_at=now - timedelta(days=1)
        ),
        "live early in the week": ArticleFactory(
            headline="Ferry fares frozen", published_at=now - timedelta(days=6)
        ),
        "live last week": ArticleFactory(
            headline="Old news from last week", published_at=now - timedelta(days=9)
        ),
        "scheduled": ArticleFactory(
            headline="Embargoed budget story", published_at=now + timedelta(hours=2)
        ),
    }
    for status in [S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.UNPUBLISHED]:
        made[status] = ArticleFactory(
            headline=f"Not public: {status}",
            status=status,
            published_at=now - timedelta(days=2),
        )
    return made


@pytest.fixture
def readers():
    return {
        "ada": subscriber("ada@example.com", status=Status.CONFIRMED),
        "ben": subscriber("ben@example.com", status=Status.CONFIRMED),
        "pending": subscriber("pending@example.com", status=Status.PENDING),
        "gone": subscriber("gone@example.com", status=Status.UNSUBSCRIBED),
    }


def send_digest():
    out = io.StringIO()
    call_command("send_digest", stdout=out)
    return out.getvalue()


def test_digest_goes_once_to_each_confirmed_subscriber_with_the_weeks_live_articles(
    week, readers, mailoutbox
):
    output = send_digest()

    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "ben@example.com"]
    assert "sent 2, failed 0" in output
    for message in mailoutbox:
        (html, _mime) = message.alternatives[0]
        for part in (message.body, html):
            assert "Harbour wall rebuilt" in part
            assert "Ferry fares frozen" in part
            assert "Old news from last week" not in part
            assert "Embargoed budget story" not in part
            assert "Not public" not in part
        assert "http://" in message.body or "https://" in message.body
        assert week["live"].get_absolute_url() in message.body
    digest = Digest.objects.get()
    assert sorted(digest.article_ids) == sorted(
        [week["live"].pk, week["live early in the week"].pk]
    )
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2


def test_rerunning_the_digest_in_the_same_week_sends_nothing_more(
    week, readers, mailoutbox
):
    send_digest()

    output = send_digest()

    assert len(mailoutbox) == 2
    assert "sent 0, failed 0, already sent before 2" in output
    assert Digest.objects.count() == 1
    assert Delivery.objects.count() == 2


def test_each_digest_has_its_own_unsubscribe_link_and_list_unsubscribe_headers(
    week, readers, mailoutbox
):
    send_digest()

    links = {}
    for message in mailoutbox:
        header = message.extra_headers["List-Unsubscribe"]
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )
        url = header.strip("<>")
        assert url.startswith("http")
        (html, _mime) = message.alternatives[0]
        assert url in message.body
        assert url in html
        # The headers survive into the message as sent.
        sent = message.message()
        assert sent["List-Unsubscribe"] == f"<{url}>"
        assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        links[message.to[0]] = url
    assert len(set(links.values())) == 2

    path = link_path(links["ada@example.com"], "unsubscribe")
    Client().post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert Subscriber.objects.get(pk=readers["ada"].pk).status == Status.UNSUBSCRIBED
    assert Subscriber.objects.get(pk=readers["ben"].pk).status == Status.CONFIRMED


def test_a_mail_failure_for_one_subscriber_is_recorded_and_others_get_theirs(
    week, readers, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "tests.test_newsletter.BouncingBackend"
    bounce = subscriber("bounce@example.com", status=Status.CONFIRMED)

    output = send_digest()

    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "ben@example.com"]
    assert "sent 2, failed 1" in output
    failed = Delivery.objects.get(subscriber=bounce)
    assert failed.status == Delivery.Status.FAILED
    assert "SMTPRecipientsRefused" in failed.error
    assert failed.sent_at is None

    # The next run retries only what failed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_digest()

    assert sorted(m.to[0] for m in mailoutbox) == [
        "ada@example.com",
        "ben@example.com",
        "bounce@example.com",
    ]
    retried = Delivery.objects.get(subscriber=bounce)
    assert retried.status == Delivery.Status.SENT
    assert retried.attempts == 2
    assert retried.error == ""


def test_a_copy_left_sending_by_a_crashed_run_is_not_sent_again(
    week, readers, mailoutbox
):
    """We cannot know whether it went out: never twice beats maybe twice."""
    send_digest()
    mailoutbox.clear()
    Delivery.objects.filter(subscriber=readers["ada"]).update(
        status=Delivery.Status.SENDING
    )

    send_digest()

    assert mailoutbox == []


def test_a_subscriber_who_leaves_before_a_retry_is_not_sent_the_digest(
    week, readers, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "tests.test_newsletter.BouncingBackend"
    bounce = subscriber("bounce@example.com", status=Status.CONFIRMED)
    send_digest()
    Subscriber.objects.filter(pk=bounce.pk).update(status=Status.UNSUBSCRIBED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    send_digest()

    assert "bounce@example.com" not in [m.to[0] for m in mailoutbox]


def test_digest_escapes_headlines_in_its_html_and_keeps_subjects_on_one_line(
    readers, mailoutbox, site
):
    attack = '<script>alert("pwned")</script>'
    ArticleFactory(headline=f"Headline {attack}", dek=f"Dek {attack}")
    site.name = "The Ledger\r\nBcc: victim@example.com"
    site.save()

    send_digest()

    message = mailoutbox[0]
    (html, _mime) = message.alternatives[0]
    assert attack not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert f"Headline {attack}" in message.body  # plain text needs no escaping
    assert message.subject.startswith("The Ledger Bcc: victim@example.com: ")
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == []
    assert message.message()["Bcc"] is None


def test_the_next_weeks_digest_starts_where_the_last_one_stopped(readers, mailoutbox):
    sunday_night = timezone.make_aware(datetime(2026, 3, 8, 22, 0))
    with time_machine.travel(sunday_night, tick=False):
        ArticleFactory(headline="Sunday story")
        send_digest()
    with time_machine.travel(sunday_night + timedelta(hours=3), tick=False):
        ArticleFactory(headline="Monday story")
        send_digest()

    sunday, monday = Digest.objects.order_by("ends_at")
    assert (sunday.period, monday.period) == ("2026-W10", "2026-W11")
    assert monday.starts_at == sunday.ends_at
    mondays = [m.body for m in mailoutbox if "Monday story" in m.body]
    assert len(mondays) == 2
    assert not any("Sunday story" in body for body in mondays)


def test_digest_with_no_live_article_this_week_sends_nothing(readers, mailoutbox):
    ArticleFactory(published_at=timezone.now() - timedelta(days=10))
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))

    output = send_digest()

    assert mailoutbox == []
    assert "nothing to send" in output
    assert not Digest.objects.exists()


def test_desk_shows_each_digest_with_its_sent_and_failed_copies(
    week, readers, mailoutbox, settings, desk
):
    settings.EMAIL_BACKEND = "tests.test_newsletter.BouncingBackend"
    subscriber("bounce@example.com", status=Status.CONFIRMED)
    send_digest()
    digest = Digest.objects.get()

    digests = desk.get("/admin/newsletter/digest/").content.decode()
    failures = desk.get(
        "/admin/newsletter/delivery/?status__exact=failed"
    ).content.decode()

    row = re.search(rf"{digest.period}.*?</tr>", digests, re.S).group(0)
    assert re.findall(r'<td class="field-(\w+)">(\d+)</td>', row) == [
        ("articles", "2"),
        ("sent", "2"),
        ("failed", "1"),
    ]
    assert "bounce@example.com" in failures
    assert "SMTPRecipientsRefused" in failures
    assert "ada@example.com" not in failures


database_tasks = task_worker.database_tasks  # a fixture here too


def test_a_digest_run_returns_once_each_copy_is_queued_and_a_worker_sends_each_once(
    week, readers, mailoutbox, database_tasks
):
    output = send_digest()

    assert "sent 0, failed 0" in output
    assert "2 copies queued for the task worker" in output
    assert mailoutbox == []
    queued = queued_of(digests.send_digest_copy, database_tasks)
    deliveries = Delivery.objects.order_by("pk")
    assert [result.args for result in queued] == [[d.pk] for d in deliveries]
    assert {d.status for d in deliveries} == {Delivery.Status.QUEUED}
    # A second run before the worker comes queues them again (a lost task
    # costs nothing); still one copy each.
    send_digest()

    run_the_worker()

    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.com", "ben@example.com"]
    assert {d.status for d in deliveries.all()} == {Delivery.Status.SENT}
    assert [d.attempts for d in deliveries.all()] == [1, 1]


def test_a_refused_copy_is_tried_again_later_by_the_worker(
    week, readers, mailoutbox, database_tasks, settings
):
    settings.EMAIL_BACKEND = "tests.test_newsletter.BouncingBackend"
    bounce = subscriber("bounce@example.com", status=Status.CONFIRMED)
    now = timezone.now()
    send_digest()

    with time_machine.travel(now, tick=False):
        run_the_worker()

    failed = Delivery.objects.get(subscriber=bounce)
    assert failed.status == Delivery.Status.FAILED
    assert "SMTPRecipientsRefused" in failed.error
    retry = queued_of(digests.send_digest_copy, database_tasks)[-1]
    assert retry.args == [failed.pk]
    assert retry.task.run_after == now + digests.FIRST_RETRY_AFTER

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(now + digests.FIRST_RETRY_AFTER, tick=False):
        run_the_worker()

    assert sorted(m.to[0] for m in mailoutbox) == [
        "ada@example.com",
        "ben@example.com",
        "bounce@example.com",
    ]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == (
        Delivery.Status.SENT,
        2,
        "",
    )


def test_throttling_reads_the_client_behind_trusted_proxies_only(rf, settings):
    from newsroom.throttle import client_address

    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.2"
    )
    settings.NEWSROOM_TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    # The client may have sent "6.6.6.6" itself; only our proxy's entry counts.
    assert client_address(request) == "203.0.113.7"


def test_pages_behind_personal_links_never_put_their_token_in_a_share_card(
    client, mailoutbox
):
    sign_up("reader@example.com", client=client)
    confirm_path = link_path(mailoutbox[0].body, "confirm")

    page = client.get(confirm_path).content.decode()

    assert 'property="og:url"' not in page
    assert 'rel="canonical"' not in page
    assert confirm_path.rstrip("/").rsplit("/", 1)[-1] not in page.split("</head>")[0]


def test_sign_up_page_shares_as_the_newsletter(client):
    page = client.get("/subscribe/").content.decode()
    assert 'property="og:title" content="Subscribe to the newsletter"' in page
