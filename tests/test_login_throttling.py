"""Guessing desk passwords: django-axes locks a login name at one address
after repeated failures, with a page that says so."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _axes_on(settings):
    # Off for the rest of the suite (the test client's login() carries no
    # request); on here, with the project's own limits.
    settings.AXES_ENABLED = True


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "wrong-guess", address)
        assert response.status_code in (200, 429)
    return response


def test_login_locks_after_five_failures_with_a_clear_message(client, editor):
    response = fail(client, editor.username, 4)
    assert response.status_code == 200  # still the login form

    response = fail(client, editor.username, 1)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed log-ins" in page
    assert "failed 5 times in a row" in page
    assert "Try again in 15 minutes" in page


def test_locked_login_refuses_even_the_right_password(client, editor):
    fail(client, editor.username, 5)

    response = log_in(client, editor.username, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_holds_one_login_at_one_address_only(client, editor):
    colleague = EditorFactory(username="ben")
    fail(client, editor.username, 5, address="203.0.113.7")

    # The editor from another address, and a colleague at the same address,
    # get in.
    elsewhere = log_in(client, editor.username, PASSWORD, address="198.51.100.9")
    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
    client.logout()
    beside = log_in(client, colleague.username, PASSWORD, address="203.0.113.7")
    assert beside.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_success_resets_the_count_of_failures(client, editor):
    fail(client, editor.username, 4)
    assert log_in(client, editor.username, PASSWORD).status_code == 302
    client.logout()

    response = fail(client, editor.username, 4)

    assert response.status_code == 200
    assert log_in(client, editor.username, PASSWORD).status_code == 302


def test_lock_ends_after_the_cool_off(client, editor, time_machine):
    time_machine.move_to("2026-11-24 09:00Z", tick=False)
    fail(client, editor.username, 5)

    time_machine.move_to("2026-11-24 09:16Z", tick=False)

    response = log_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_failures_are_recorded_for_the_desk(client, editor):
    fail(client, editor.username, 3)

    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (editor.username, "203.0.113.7")
    assert attempt.failures_since_start == 3


def test_request_aware_login_works_for_tests_with_axes_on(client, editor):
    # force_login skips authentication: the rest of the suite is unaffected.
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert f"<strong>{editor.username}</strong>" in response.content.decode()


def test_addresses_within_one_ipv6_64_share_one_lock(client, editor):
    # One home or phone line holds a whole /64 and may use any address in
    # it: the five failures come from five of them.
    for n in range(1, 6):
        fail(client, editor.username, 1, address=f"2001:db8:4:7::{n}")

    sixth = log_in(client, editor.username, PASSWORD, address="2001:db8:4:7:beef::6")
    next_line = log_in(client, editor.username, PASSWORD, address="2001:db8:4:8::1")

    assert sixth.status_code == 429
    assert "Too many failed log-ins" in sixth.content.decode()
    assert next_line.status_code == 302
    # The desk reads which network was locked, as an address it can read.
    assert AccessAttempt.objects.get().ip_address == "2001:db8:4:7::"
