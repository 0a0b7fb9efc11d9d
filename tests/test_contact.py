"""The contact form on /contact/: stored, mailed on, spam-resistant, on the desk."""

import re
import smtplib

import pytest
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from contact.models import MESSAGE_MAX, ContactMessage
from newsroom.models import SitePage
from tests.factories import EditorFactory, site_settings

pytestmark = pytest.mark.django_db

THANKS = "/contact/thanks/"


@pytest.fixture(autouse=True)
def site():
    return site_settings(
        name="The Harbour Ledger", contact_email="newsroom@ledger.example"
    )


def message_data(**overrides):
    data = {
        "name": "Ada Reader",
        "email": "ada@example.com",
        "subject": "Bins not collected",
        "message": "The bins on Harbour Road have not been collected for weeks.",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send(data=None, *, client=None, ip="198.51.100.7"):
    return (client or Client()).post(
        "/contact/", data or message_data(), REMOTE_ADDR=ip
    )


class DownMailServer(locmem.EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


def test_a_valid_message_is_stored_and_mailed_to_the_newsroom(client, mailoutbox):
    response = send(client=client)

    assert response.status_code == 302
    assert response["Location"] == THANKS
    assert "Thank you for writing" in client.get(THANKS).content.decode()
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.subject) == (
        "Ada Reader",
        "ada@example.com",
        "Bins not collected",
    )
    assert stored.mailed_to == "newsroom@ledger.example"
    assert stored.mailed_at is not None
    assert stored.mail_error == ""
    (mail,) = mailoutbox
    assert mail.to == ["newsroom@ledger.example"]
    assert mail.reply_to == ["ada@example.com"]
    assert mail.subject == "[Contact] Bins not collected"
    assert "The bins on Harbour Road have not been collected" in mail.body
    assert "Ada Reader <ada@example.com>" in mail.body


def test_without_a_contact_address_messages_go_to_the_sending_address(
    site, mailoutbox, settings
):
    site.contact_email = ""
    site.save()

    send()

    assert mailoutbox[0].to == [settings.DEFAULT_FROM_EMAIL]


def test_contact_page_shows_the_editable_text_beside_the_form(client):
    SitePage.objects.create(
        slug=SitePage.Kind.CONTACT,
        title="Write to the desk",
        intro="We read everything.",
        body="<p>Tips go to <strong>the news desk</strong>.</p>",
    )

    html = client.get("/contact/").content.decode()

    assert '<h1 class="site-page__title">Write to the desk</h1>' in html
    assert "We read everything." in html
    assert "<p>Tips go to <strong>the news desk</strong>.</p>" in html
    for name in ["name", "email", "subject", "message"]:
        assert f'name="{name}"' in html
        assert f'for="id_{name}"' in html
    assert 'method="post" action="/contact/"' in html


def test_contact_page_without_a_site_page_shows_the_form_under_a_default_heading(
    client,
):
    response = client.get("/contact/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="site-page__title">Get In Touch</h1>' in html
    assert 'name="message"' in html


def test_the_footer_link_and_the_site_page_route_still_lead_to_the_contact_page(
    client,
):
    assert reverse("site-page", kwargs={"slug": "contact"}) == "/contact/"
    footer = client.get("/").content.decode()
    assert '<a href="/contact/">Get In Touch</a>' in footer


def test_contact_page_is_never_cached_and_the_thanks_page_has_no_per_reader_bits():
    form_page = Client().get("/contact/")
    thanks = Client().get(THANKS)

    assert "csrfmiddlewaretoken" in form_page.content.decode()
    assert "no-store" in form_page["Cache-Control"]
    assert "private" in form_page["Cache-Control"]
    assert "csrfmiddlewaretoken" not in thanks.content.decode()
    assert not thanks.cookies
    assert thanks.content == Client().get(THANKS).content


def test_contact_page_has_no_inline_script_style_or_event_handlers(client):
    html = client.get("/contact/").content.decode()

    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/static/js/site.js" defer>'
    ]
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)


# --- Spam --------------------------------------------------------------------


def test_a_filled_honeypot_is_dropped_with_the_same_success_page(mailoutbox):
    person = send(message_data())
    bot = send(message_data(website="http://spam.example"))

    assert (bot.status_code, bot["Location"], bot.content) == (
        person.status_code,
        person["Location"],
        person.content,
    )
    assert ContactMessage.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_honeypot_is_hidden_from_people_and_labelled_for_anyone_who_meets_it(
    client,
):
    html = client.get("/contact/").content.decode()

    trap = re.search(
        r'<div\s+class="form-trap"\s+aria-hidden="true">(.*?)</div>\s*</div>',
        html,
        re.S,
    )
    assert trap, "the honeypot's wrapper is missing"
    assert 'name="website"' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)
    assert 'autocomplete="off"' in trap.group(1)
    assert "Leave this field empty" in trap.group(1)
    assert "required" not in trap.group(1)


def test_messages_are_throttled_per_client(settings, mailoutbox):
    settings.CONTACT_THROTTLE_PER_CLIENT = 2

    first = [send(ip="203.0.113.5").status_code for _ in range(2)]
    refused = send(ip="203.0.113.5")
    elsewhere = send(ip="203.0.113.6")

    assert first == [302, 302]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Too many messages from here" in html
    assert "Your message was not sent" in html
    # What they wrote is still in the form, ready to send later.
    assert "The bins on Harbour Road" in html
    assert elsewhere.status_code == 302
    assert ContactMessage.objects.count() == 3
    assert len(mailoutbox) == 3


# --- Bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": None}, "name"),
        ({"name": "   "}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"subject": ""}, "subject"),
        ({"subject": "s" * 151}, "subject"),
        ({"message": "short"}, "message"),
        ({"message": "m" * (MESSAGE_MAX + 1)}, "message"),
        ({"message": "Hello\x00 there, newsroom"}, "message"),
        ({"name": "x" * 101}, "name"),
    ],
)
def test_invalid_input_gets_a_clear_error_on_the_field(
    client, mailoutbox, overrides, field
):
    response = send(message_data(**overrides), client=client)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Please check what you entered" in html
    assert f'<a href="#id_{field}">' in html
    assert f'id="id_{field}_error"' in html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html)
    assert not ContactMessage.objects.exists()
    assert mailoutbox == []


def test_a_mail_server_that_is_down_still_stores_the_message_and_records_why(
    settings, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.test_contact.DownMailServer"

    response = send()

    assert response.status_code == 302
    assert response["Location"] == THANKS
    stored = ContactMessage.objects.get()
    assert stored.mailed_at is None
    assert "SMTPConnectError" in stored.mail_error
    assert mailoutbox == []


# --- The desk ----------------------------------------------------------------


def test_hostile_input_is_escaped_on_the_desk_and_cannot_add_mail_headers(
    admin_client, mailoutbox
):
    attack = '<script>alert("pwned")</script>'
    send(
        message_data(
            name=f"Eve {attack}",
            subject=f"Hello\r\nBcc: victim@example.com {attack}",
            message=f"Body {attack}\r\nBcc: victim@example.com",
        )
    )
    stored = ContactMessage.objects.get()

    listing = admin_client.get("/admin/contact/contactmessage/").content.decode()
    detail = admin_client.get(
        f"/admin/contact/contactmessage/{stored.pk}/change/"
    ).content.decode()

    escaped = "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"
    for html in (listing, detail):
        assert attack not in html
        assert escaped in html
    assert stored.subject == f"Hello Bcc: victim@example.com {attack}"
    (mail,) = mailoutbox
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert mail.bcc == []
    assert mail.recipients() == ["newsroom@ledger.example"]
    headers = mail.message()
    assert headers["Bcc"] is None
    assert headers["Reply-To"] == "ada@example.com"


def test_desk_searches_and_filters_messages_and_cannot_add_or_edit_them(admin_client):
    send(message_data(subject="Bins not collected"))
    send(message_data(subject="Typo in the ferry story", email="ben@example.com"))

    searched = admin_client.get(
        "/admin/contact/contactmessage/?q=ferry"
    ).content.decode()
    unhandled = admin_client.get(
        "/admin/contact/contactmessage/?is_handled__exact=0"
    ).content.decode()

    assert "Typo in the ferry story" in searched
    assert "Bins not collected" not in searched
    assert "Bins not collected" in unhandled
    assert admin_client.get("/admin/contact/contactmessage/add/").status_code == 403
    stored = ContactMessage.objects.get(subject="Bins not collected")
    admin_client.post(
        f"/admin/contact/contactmessage/{stored.pk}/change/",
        {"subject": "Rewritten", "message": "Rewritten by staff"},
    )
    stored.refresh_from_db()
    assert stored.subject == "Bins not collected"


def test_desk_marks_messages_handled_and_not_handled(admin_client, admin_user):
    send()
    stored = ContactMessage.objects.get()

    handled = admin_client.post(
        "/admin/contact/contactmessage/",
        {"action": "mark_handled", "_selected_action": [stored.pk]},
        follow=True,
    )
    stored.refresh_from_db()

    assert "1 message marked as handled." in handled.content.decode()
    assert stored.is_handled
    assert stored.handled_by == admin_user
    assert stored.handled_at is not None

    unhandled = admin_client.post(
        "/admin/contact/contactmessage/",
        {"action": "mark_unhandled", "_selected_action": [stored.pk]},
        follow=True,
    )
    stored.refresh_from_db()

    assert "1 message marked as not handled." in unhandled.content.decode()
    assert not stored.is_handled
    assert stored.handled_by is None


# --- Who reads them ------------------------------------------------------------

INBOX = "/admin/contact/contactmessage/"


def test_editors_read_reader_messages_on_the_desk_and_mark_them_handled(client, editor):
    send()
    stored = ContactMessage.objects.get()
    client.force_login(editor)

    desk_home = client.get("/admin/").content.decode()
    inbox = client.get(INBOX)
    message = client.get(f"{INBOX}{stored.pk}/change/")
    client.post(INBOX, {"action": "mark_handled", "_selected_action": [stored.pk]})

    assert f'href="{INBOX}"' in desk_home
    assert inbox.status_code == 200
    assert "Bins not collected" in inbox.content.decode()
    assert message.status_code == 200
    assert "The bins on Harbour Road" in message.content.decode()
    stored.refresh_from_db()
    assert stored.is_handled
    assert stored.handled_by == editor
    # What a reader wrote stays as they wrote it, and on the record.
    assert client.get(f"{INBOX}add/").status_code == 403
    assert client.get(f"{INBOX}{stored.pk}/delete/").status_code == 403
    assert 'value="delete_selected"' not in inbox.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_editor_reads_reader_messages_in_a_test_that_empties_the_database(client):
    # A transactional test leaves the database empty, the role groups the
    # migrations made included; the factories make them again, with what
    # every app's role migrations grant (the inbox is granted by contact's).
    # Emptied first, as after such a test, whatever ran before this one.
    call_command("flush", interactive=False, verbosity=0)
    send()
    client.force_login(EditorFactory())

    inbox = client.get(INBOX)

    assert inbox.status_code == 200
    assert "Bins not collected" in inbox.content.decode()


def test_journalists_cannot_read_reader_messages(journalist_client):
    send()
    stored = ContactMessage.objects.get()

    assert journalist_client.get(INBOX).status_code == 403
    assert journalist_client.get(f"{INBOX}{stored.pk}/change/").status_code == 403
    assert f'href="{INBOX}"' not in journalist_client.get("/admin/").content.decode()
