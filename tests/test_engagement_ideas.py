"""The idea form: what residents send, what is stored, and what is refused."""

import io
import logging
import re
import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from engagement import spam
from engagement.models import Idea, IdeaStatus

from .factories.engagement import ThemeFactory

pytestmark = pytest.mark.django_db

PAGES = {"lt": ("/idejos/", "/idejos/aciu/"), "en": ("/en/ideas/", "/en/ideas/thank-you/")}


class ExplodingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server is down.")


@pytest.fixture
def client(committing_client):
    """Each submission commits, so the e-mails it stored are enqueued (and, in tests, sent)."""
    return committing_client


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Each test starts with an empty rate-limit count and known mail settings."""
    from django.core.cache import cache

    cache.clear()
    settings.ENGAGEMENT_RATE_LIMIT = "1000/h"
    settings.ENGAGEMENT_NOTIFY_EMAILS = ["moderatoriai@vvg.example.org"]


def idea_data(**overrides):
    data = {
        "title": "Suoliukai prie ežero",
        "description": "Prie Druskonio ežero trūksta suoliukų.\nReikėtų bent penkių.",
        "theme": "",
        "location": "Druskonio ežeras",
        "name": "Ona Onaitė",
        "show_name": "on",
        "email": "ona@example.org",
        "consent": "on",
        spam.FILL_TOKEN_FIELD: spam.fill_token(time.time() - 60),
        spam.HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def error_ids(html):
    return set(re.findall(r'id="(id_\w+)-error"', html))


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_resident_shares_an_idea_without_an_account(client, language):
    page_url, thanks_url = PAGES[language]
    html = client.get(page_url).content.decode()
    assert 'name="title"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'enctype="multipart/form-data"' in html

    response = client.post(page_url, idea_data())
    assert response.status_code == 302
    assert response["Location"] == thanks_url
    idea = Idea.objects.get(title="Suoliukai prie ežero")
    assert idea.description == "Prie Druskonio ežero trūksta suoliukų.\nReikėtų bent penkių."
    assert idea.language == language
    assert idea.status == IdeaStatus.NEW
    assert idea.name == "Ona Onaitė"
    assert idea.show_name is True
    assert idea.email == "ona@example.org"
    assert idea.consented_at is not None
    privacy = "/privatumo-pranesimas/" if language == "lt" else "/en/privacy-notice/"
    assert privacy in idea.consent_text
    assert "<a" not in idea.consent_text
    assert re.fullmatch(r"[0-9a-f]{64}", idea.client_hash)
    assert "127.0.0.1" not in idea.client_hash

    thanks = client.get(thanks_url)
    assert thanks.status_code == 200
    text = thanks.content.decode()
    assert f'<html lang="{language}">' in text
    assert ("Kas bus toliau" if language == "lt" else "What happens next") in text

    # The staff hear of it; the resident gets a confirmation in their language.
    assert len(mail.outbox) == 2
    staff, resident = mail.outbox
    assert staff.to == ["moderatoriai@vvg.example.org"]
    assert "Suoliukai prie ežero" in staff.subject
    assert f"/admin/snippets/engagement/idea/edit/{idea.pk}/" in staff.body
    assert "ona@example.org" not in staff.body
    assert resident.to == ["ona@example.org"]
    expected = "Gavome jūsų idėją" if language == "lt" else "We have received your idea"
    assert resident.subject == expected


def test_without_an_email_address_only_the_staff_are_told(client):
    client.post("/idejos/", idea_data(email="", name="", show_name=None))
    idea = Idea.objects.get(title="Suoliukai prie ežero")
    assert idea.email == ""
    assert idea.show_name is False
    assert [message.to for message in mail.outbox] == [["moderatoriai@vvg.example.org"]]


def test_the_theme_is_one_of_the_page_languages_themes(client, lt, en):
    theme_lt = ThemeFactory(locale=lt, title="Žaluma")
    theme_en = ThemeFactory(locale=en, title="Greenery")
    html = client.get("/idejos/").content.decode()
    assert "Žaluma" in html
    assert "Greenery" not in html
    client.post("/idejos/", idea_data(theme=str(theme_lt.pk)))
    assert Idea.objects.get(title="Suoliukai prie ežero").theme == theme_lt
    # A theme of the other language is not a choice on this page.
    response = client.post("/idejos/", idea_data(title="Kita", theme=str(theme_en.pk)))
    assert response.status_code == 200
    assert "id_theme-error" in response.content.decode()
    assert not Idea.objects.filter(title="Kita").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Trumpai pavadinkite savo idėją."),
        ({"title": "   "}, "title", "Trumpai pavadinkite savo idėją."),
        ({"title": "x" * 151}, "title", "nedaugiau kaip 150"),
        ({"description": ""}, "description", "Aprašykite savo idėją."),
        ({"description": "x" * 4001}, "description", "nedaugiau kaip 4000"),
        ({"location": "x" * 201}, "location", "nedaugiau kaip 200"),
        ({"name": "x" * 101}, "name", "nedaugiau kaip 100"),
        ({"email": "ne-adresas"}, "email", "vardas@pavyzdys.lt"),
        ({"theme": "999999"}, "theme", "tinkamą reikšmę"),
        ({"consent": None}, "consent", "Pažymėkite, kad sutinkate"),
        ({"title": "nul\x00simbolis"}, "title", "Nuliniai simboliai"),
    ],
)
def test_each_mistake_is_explained_next_to_its_field_and_the_text_is_kept(
    client, overrides, field, message
):
    data = idea_data(**overrides)
    ideas_before = Idea.objects.count()
    response = client.post("/idejos/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert error_ids(html) == {f"id_{field}"}
    error = re.search(rf'<p class="form-field__error" id="id_{field}-error">(.*?)</p>', html, re.S)
    assert message in error.group(1)
    # The field points at its error, and the summary at the top links to the field.
    widget = re.search(rf'<(?:input|textarea|select)[^>]*id="id_{field}"[^>]*>', html).group(0)
    assert f"id_{field}-error" in re.search(r'aria-describedby="([^"]*)"', widget).group(1)
    assert 'aria-invalid="true"' in widget
    assert f'<a href="#id_{field}">' in html
    assert html.index('class="error-summary"') < html.index('class="idea-form"')
    assert "<title>Klaida:" in html
    # What the resident typed is still there.
    for name in ("title", "description", "location", "name"):
        if name != field and data.get(name):
            assert escape(data[name]) in html
    assert Idea.objects.count() == ideas_before
    assert mail.outbox == []


def test_errors_are_in_english_on_the_english_page(client):
    response = client.post("/en/ideas/", idea_data(title="", consent=None))
    html = response.content.decode()
    assert "Give your idea a short title." in html
    assert "Tick the box to agree" in html
    assert "Please correct the following" in html


def test_the_english_email_error_gives_an_english_example(client):
    html = client.post("/en/ideas/", idea_data(email="not-an-address")).content.decode()
    assert "Enter an e-mail address like name@example.com, or leave the field empty." in html
    assert "pavyzdys" not in html


def test_hints_are_tied_to_their_fields_before_any_error(client):
    html = client.get("/idejos/").content.decode()
    widget = re.search(r'<input[^>]*id="id_email"[^>]*>', html).group(0)
    assert 'aria-describedby="id_email-hint"' in widget
    assert 'id="id_email-hint"' in html
    assert "aria-invalid" not in widget
    # The consent checkbox has a visible label with a link to the privacy notice.
    assert re.search(r'<label for="id_consent">[^<]*<a href="/privatumo-pranesimas/">', html)


def test_a_filled_honeypot_is_thanked_and_discarded(client):
    response = client.post("/idejos/", idea_data(**{spam.HONEYPOT_FIELD: "http://spam.example"}))
    assert response.status_code == 302
    assert response["Location"] == "/idejos/aciu/"
    assert not Idea.objects.filter(title="Suoliukai prie ežero").exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    html = client.get("/idejos/").content.decode()
    trap = re.search(r'<div class="engagement-hp" aria-hidden="true">.*?</div>', html, re.S)
    assert f'name="{spam.HONEYPOT_FIELD}"' in trap.group(0)
    assert 'tabindex="-1"' in trap.group(0)


def test_a_form_sent_too_fast_is_not_stored_and_can_be_sent_again(client):
    token = spam.fill_token(time.time())
    response = client.post("/idejos/", idea_data(**{spam.FILL_TOKEN_FIELD: token}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Labai greitai" in html
    assert "Suoliukai prie ežero" in html  # kept
    assert not Idea.objects.filter(title="Suoliukai prie ežero").exists()
    assert mail.outbox == []
    # The clock keeps running from when the form was first shown.
    assert f'value="{token}"' in html


@pytest.mark.parametrize(
    "token",
    ["", "forged", spam.fill_token(time.time() - 3 * 24 * 3600)],
    ids=["missing", "forged", "expired"],
)
def test_a_form_without_a_valid_start_time_is_not_stored(client, token):
    response = client.post("/idejos/", idea_data(**{spam.FILL_TOKEN_FIELD: token}))
    assert response.status_code == 200
    assert "per ilgai" in response.content.decode()
    assert not Idea.objects.filter(title="Suoliukai prie ežero").exists()
    # A fresh start time is issued.
    assert f'value="{token}"' not in response.content.decode() or token == ""


@pytest.mark.parametrize(
    ("language", "text"),
    [("lt", "Šiek tiek palaukite"), ("en", "Please wait a little")],
)
def test_too_many_forms_from_one_client_get_a_friendly_429(client, settings, language, text):
    settings.ENGAGEMENT_RATE_LIMIT = "2/h"
    page_url, _ = PAGES[language]
    for n in range(2):
        assert client.post(page_url, idea_data(title=f"Idėja {n}")).status_code == 302
    response = client.post(page_url, idea_data(title="Trečia idėja"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    assert "Trečia idėja" in html  # nothing typed is lost
    assert not Idea.objects.filter(title="Trečia idėja").exists()
    # Another client is not affected.
    other = client.post(page_url, idea_data(title="Kaimyno idėja"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_the_rate_limit_counts_the_digest_from_the_configured_header(client, settings):
    settings.ENGAGEMENT_RATE_LIMIT = "1/h"
    settings.ENGAGEMENT_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    first = client.post("/idejos/", idea_data(title="Pirma"), HTTP_X_REAL_IP="192.0.2.10")
    second = client.post("/idejos/", idea_data(title="Antra"), HTTP_X_REAL_IP="192.0.2.11")
    third = client.post("/idejos/", idea_data(title="Trečia"), HTTP_X_REAL_IP="192.0.2.10")
    assert (first.status_code, second.status_code, third.status_code) == (302, 302, 429)
    first_idea, second_idea = Idea.objects.get(title="Pirma"), Idea.objects.get(title="Antra")
    assert first_idea.client_hash != second_idea.client_hash


def test_an_idea_survives_a_mail_server_that_is_down(client, settings):
    settings.EMAIL_BACKEND = "tests.test_engagement_ideas.ExplodingEmailBackend"
    response = client.post("/idejos/", idea_data())
    assert response.status_code == 302
    assert response["Location"] == "/idejos/aciu/"
    assert Idea.objects.filter(title="Suoliukai prie ežero", email="ona@example.org").exists()


def test_an_idea_survives_a_task_queue_that_refuses_work(client, settings, caplog):
    """The queue's table cannot be written: the idea and its e-mails are stored, each refusal is
    logged once, and `send_queued_messages` enqueues the e-mails once the queue is back."""
    from django.core.management import call_command
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from outbox.models import MessageState, OutgoingMessage

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    table = DBTaskResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO queue_out_of_order")
    response = client.post("/idejos/", idea_data())
    assert response.status_code == 302
    assert response["Location"] == "/idejos/aciu/"
    idea = Idea.objects.get(title="Suoliukai prie ežero")
    messages = OutgoingMessage.objects.filter(key__startswith=f"idea:{idea.pk}:")
    assert messages.count() == 2
    assert {message.state for message in messages} == {MessageState.QUEUED}
    assert {message.task_id for message in messages} == {""}
    # Each refusal is logged once, as an error saying what repairs it; nothing else failed.
    errors = sorted(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    expected = sorted(
        [
            (
                f"Could not enqueue engagement.search.update_ideas_in_search([{idea.pk}],): ",
                "; `manage.py update_index` brings the search index up to date.",
            ),
            *(
                (
                    f"Could not enqueue outbox.tasks.deliver({message.pk},): ",
                    "; `manage.py send_queued_messages` enqueues the message again.",
                )
                for message in messages
            ),
        ]
    )
    assert len(errors) == len(expected), errors
    for error, (start, end) in zip(errors, expected, strict=True):
        assert error.startswith(start) and error.endswith(end), error

    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE queue_out_of_order RENAME TO {table}")
    call_command("send_queued_messages", stdout=io.StringIO())
    waiting = DBTaskResult.objects.filter(task_path="outbox.tasks.deliver")
    assert sorted(task.args_kwargs["args"][0] for task in waiting) == sorted(
        message.pk for message in messages
    )
    assert all(message.task_id for message in messages.all())


# Attachments ------------------------------------------------------------------------------


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Fotoaparatas"  # Make
    exif[0x8825] = {2: (54.0, 1.0, 1.0)}  # GPSInfo
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_photo_is_stored_without_its_metadata(client):
    original = jpeg_with_gps()
    assert b"Fotoaparatas" in original
    response = client.post("/idejos/", idea_data(attachment=upload("mano-namai.jpg", original)))
    assert response.status_code == 302
    idea = Idea.objects.get(title="Suoliukai prie ežero")
    assert idea.attachment_type == "image/jpeg"
    assert "mano-namai" not in idea.attachment.name
    stored = idea.attachment.read()
    assert b"Fotoaparatas" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (64, 48)
        assert not image.getexif()
    idea.attachment.delete(save=False)


def test_a_pdf_is_accepted(client):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(
        "/idejos/", idea_data(attachment=upload("planas.pdf", pdf, "application/pdf"))
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Suoliukai prie ežero")
    assert idea.attachment_type == "application/pdf"
    assert idea.attachment.name.endswith(".pdf")
    idea.attachment.delete(save=False)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nuotrauka.jpg", b"#!/bin/sh\nrm -rf /\n"),
        ("nuotrauka.jpg", b"<script>alert(1)</script>"),
        ("dokumentas.pdf", b"<html><body>not a pdf</body></html>"),
        ("nuotrauka.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # a PNG header, no image
        ("programa.exe", b"MZ\x90\x00" + b"\x00" * 60),
    ],
    ids=["script-as-jpg", "html-as-jpg", "html-as-pdf", "broken-png", "exe"],
)
def test_anything_but_a_photo_or_pdf_is_refused_with_a_clear_message(client, name, content):
    response = client.post("/idejos/", idea_data(attachment=upload(name, content)))
    assert response.status_code == 200
    html = response.content.decode()
    assert error_ids(html) == {"id_attachment"}
    assert "nuotrauką" in html or "nuotraukos" in html
    assert "pasirinkite jį dar kartą" in html
    assert "Suoliukai prie ežero" in html
    assert not Idea.objects.filter(title="Suoliukai prie ežero").exists()


def test_an_attachment_over_the_size_cap_is_refused(client, settings):
    settings.ENGAGEMENT_ATTACHMENT_MAX_BYTES = 1000
    big = jpeg_with_gps() + b"\x00" * 2000
    response = client.post("/idejos/", idea_data(attachment=upload("didele.jpg", big)))
    assert response.status_code == 200
    assert "per didelis" in response.content.decode()
    assert not Idea.objects.filter(title="Suoliukai prie ežero").exists()


# Whatever a resident types ----------------------------------------------------------------

# Any text a browser can send (no lone surrogates), with markup and template syntax mixed in.
resident_text = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40),
        st.sampled_from(["<script>alert(1)</script>", "{{ x }}", "{%", "&amp;", "\r\n", "'\""]),
    ),
    max_size=8,
).map("".join)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=resident_text, description=resident_text, location=resident_text, name=resident_text)
def test_any_input_is_answered_without_error_and_shown_escaped(
    client, title, description, location, name
):
    data = idea_data(title=title, description=description, location=location, name=name)
    response = client.post("/idejos/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        return
    idea = Idea.objects.order_by("-pk").first()
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.PUBLISHED, published_at=None)
    idea.refresh_from_db()
    idea.save()  # sets published_at: the newest idea comes first on the wall
    html = client.get("/idejos/").content.decode()
    card = re.search(rf'<li id="idea-{idea.pk}">.*?</li>\s*(?=<li id=|</ul>)', html, re.S).group(0)
    assert f">{escape(idea.title)}</a></h3>" in card
    assert f"<dd>{escape(idea.location)}</dd>" in card if idea.location else True
    assert f"<dd>{escape(idea.name)}</dd>" in card if idea.name else True
    for line in idea.description.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        assert escape(line) in card
    assert "<script>" not in card


@pytest.mark.django_db
def test_the_idea_forms_help_texts_speak_the_visitors_language(client):
    lithuanian = client.get("/idejos/").content.decode()
    assert "Ką norėtumėte pakeisti ar sukurti ir kodėl?" in lithuanian
    assert "What would you like to change" not in lithuanian
    english = client.get("/en/ideas/").content.decode()
    assert "What would you like to change or create, and why?" in english
