"""Residents' forms: single-use fill-time tokens, a rate limit spent only by stored
submissions, text that is not valid UTF-8, and the e-mails and records made from a submission."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from engagement import spam
from engagement.models import Idea, UsedFillToken

from .factories.engagement import FormFieldFactory, FormPageFactory
from .test_engagement_ideas import idea_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.ENGAGEMENT_RATE_LIMIT = "1000/h"
    settings.ENGAGEMENT_NOTIFY_EMAILS = ["moderatoriai@vvg.example.org"]


# Finding 6: one shown form, one stored submission ----------------------------------------


def test_one_token_brings_in_one_idea(client):
    data = idea_data()
    assert client.post("/idejos/", data).status_code == 302
    again = client.post("/idejos/", {**data, "title": "Antra su tuo pačiu"})
    assert again.status_code == 200
    html = again.content.decode()
    assert "Ši forma jau išsiųsta" in html
    assert "Antra su tuo pačiu" in html  # what was typed is kept
    assert f'value="{data[spam.FILL_TOKEN_FIELD]}"' not in html  # a fresh token to send again
    assert Idea.objects.filter(title__in=[data["title"], "Antra su tuo pačiu"]).count() == 1


def test_the_english_page_says_it_in_english(client):
    data = idea_data()
    client.post("/en/ideas/", data)
    assert "This form has already been sent" in client.post("/en/ideas/", data).content.decode()


def test_a_spent_token_stays_spent_when_the_cache_is_emptied(client):
    data = idea_data()
    client.post("/idejos/", data)
    cache.clear()  # a cache outage or restart forgets everything it held
    assert client.post("/idejos/", data).status_code == 200
    assert Idea.objects.filter(title=data["title"]).count() == 1


def test_two_submissions_at_once_with_one_token_store_one(client):
    """The check before storing can pass twice; the unique record in the submission's own
    transaction lets only one through."""
    token = spam.fill_token(time.time() - 60)
    spam.spend_fill_token(token)
    with pytest.raises(spam.FillTokenUsed):
        spam.spend_fill_token(token)
    assert UsedFillToken.objects.count() == 1


def test_records_of_expired_tokens_are_removed(client):
    UsedFillToken.objects.create(token_id="a" * 32, expires_at=timezone.now() - timedelta(1))
    UsedFillToken.objects.create(token_id="b" * 32, expires_at=timezone.now() + timedelta(1))
    client.post("/idejos/", idea_data())
    assert set(UsedFillToken.objects.values_list("token_id", flat=True)) >= {"b" * 32}
    assert not UsedFillToken.objects.filter(token_id="a" * 32).exists()


def test_one_token_brings_in_one_form_submission(client, home_lt):
    survey = FormPageFactory(parent=home_lt, slug="vienkartine")
    FormFieldFactory(page=survey, label="Vardas", field_type="singleline", required=True)
    data = {
        "vardas": "Ona",
        "consent": "on",
        spam.FILL_TOKEN_FIELD: spam.fill_token(time.time() - 60),
        spam.HONEYPOT_FIELD: "",
    }
    assert "Ačiū" in client.post("/vienkartine/", data).content.decode()
    again = client.post("/vienkartine/", data).content.decode()
    assert "Ši forma jau išsiųsta" in again
    assert FormSubmission.objects.filter(page=survey).count() == 1


def test_mistakes_do_not_use_up_the_rate_limit(client, settings):
    settings.ENGAGEMENT_RATE_LIMIT = "2/h"
    for _ in range(5):  # a resident who keeps forgetting the title
        response = client.post("/idejos/", idea_data(title=""))
        assert response.status_code == 200
    for n in range(2):
        assert client.post("/idejos/", idea_data(title=f"Idėja {n}")).status_code == 302
    assert client.post("/idejos/", idea_data(title="Trečia")).status_code == 429
    assert not Idea.objects.filter(title="Trečia").exists()


# Finding 8: what a submission leaves behind reads right ------------------------------------


def test_the_staff_e_mail_subject_is_not_html_escaped(committing_client):
    committing_client.post("/idejos/", idea_data(title="<script> & „kabutės“"))
    staff = next(m for m in mail.outbox if "moderatoriai@vvg.example.org" in m.to)
    assert staff.subject == "Nauja idėja: <script> & „kabutės“"
    assert "&lt;" not in staff.subject and "&amp;" not in staff.subject


def test_the_stored_consent_reads_as_lithuanian(client):
    client.post("/idejos/", idea_data())
    consent = Idea.objects.get(title="Suoliukai prie ežero").consent_text
    assert "kaip aprašyta privatumo pranešime" in consent


def test_the_ideas_csv_names_the_title_and_the_authors_name_apart(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/snippets/engagement/idea/", {"export": "csv"})
    header = b"".join(response.streaming_content).decode().splitlines()[0].split(",")
    assert "Pavadinimas" in header and "Vardas" in header
    assert len(header) == len(set(header))


# Finding 7: text that is not valid UTF-8, and invisible control characters ----------------


def post_raw(client, url, fields):
    """A form body as raw bytes, as a script (not a browser) could send it."""
    from urllib.parse import quote_from_bytes

    body = b"&".join(
        quote_from_bytes(name.encode()).encode() + b"=" + quote_from_bytes(value).encode()
        for name, value in fields.items()
    )
    return client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")


def raw_idea(**overrides):
    return {
        name: value.encode() if isinstance(value, str) else value
        for name, value in {**idea_data(), **overrides}.items()
    }


def test_text_that_is_not_utf_8_is_refused_with_a_message(client):
    response = post_raw(client, "/idejos/", raw_idea(title=b"Suoliukai \xe0\xe8 prie \xff"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dalies šio teksto simbolių nepavyko perskaityti" in html
    assert 'id="id_title-error"' in html
    assert not Idea.objects.filter(title__startswith="Suoliukai \ufffd").exists()
    assert not Idea.objects.filter(title__contains="prie \ufffd").exists()


def test_the_message_is_in_english_on_the_english_page(client):
    response = post_raw(client, "/en/ideas/", raw_idea(description=b"\xc5 broken"))
    assert "Some characters of this text could not be read" in response.content.decode()


def test_control_characters_are_removed_and_text_is_composed(client):
    response = post_raw(
        client,
        "/idejos/",
        raw_idea(
            title="Suoliukai\x1b[31m prie\x07 ežero",
            # "e" followed by a combining dot above: "ė" in two code points.
            description="Prie Druskonio e\u0307žero.\r\nReikėtų suoliukų.\x0b\x85",
        ),
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Suoliukai[31m prie ežero")
    assert idea.description == "Prie Druskonio \u0117žero.\r\nReikėtų suoliukų."
