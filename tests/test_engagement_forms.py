"""Editor-built forms: the same guards and consent as the idea form, and the built-in export."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase

from engagement import spam
from engagement.models import FormPage, IdeaPage
from home.models import ContentPage, HomePage

from .factories.engagement import FormFieldFactory, FormPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(committing_client):
    """Each submission commits, so the e-mails it stored are enqueued (and, in tests, sent)."""
    return committing_client


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.ENGAGEMENT_RATE_LIMIT = "1000/h"


@pytest.fixture
def survey(home_lt):
    page = FormPageFactory(
        parent=home_lt,
        slug="registracija",
        title="Registracija į susitikimą",
        to_address="renginiai@vvg.example.org",
        subject="Nauja registracija",
    )
    FormFieldFactory(page=page, label="Vardas", field_type="singleline", required=True)
    FormFieldFactory(page=page, label="El. paštas", field_type="email", required=True)
    return page


def answers(**overrides):
    data = {
        "vardas": "Ona",
        "el_pastas": "ona@example.org",
        "consent": "on",
        spam.FILL_TOKEN_FIELD: spam.fill_token(time.time() - 60),
        spam.HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_form_page_shows_the_editors_fields_then_consent(client, survey):
    html = client.get("/registracija/").content.decode()
    assert (
        html.index('name="vardas"') < html.index('name="el_pastas"') < html.index('name="consent"')
    )
    assert 'class="engagement-hp" aria-hidden="true"' in html
    assert 'name="started"' in html
    assert '<a href="/privatumo-pranesimas/">' in html


def test_a_submission_is_stored_with_consent_and_mailed_in_the_background(client, survey):
    response = client.post("/registracija/", answers())
    assert response.status_code == 200
    assert "Ačiū, jūsų atsakymus gavome." in response.content.decode()
    submission = FormSubmission.objects.get(page=survey)
    data = submission.get_data()
    assert data["vardas"] == "Ona"
    assert "Sutinku" in data["consent"]
    assert spam.HONEYPOT_FIELD not in submission.form_data
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["renginiai@vvg.example.org"]
    assert "Vardas: Ona" in mail.outbox[0].body
    assert "nepildykite" not in mail.outbox[0].body


def test_a_submission_survives_a_mail_server_that_is_down(client, survey, settings):
    settings.EMAIL_BACKEND = "tests.test_engagement_ideas.ExplodingEmailBackend"
    assert client.post("/registracija/", answers()).status_code == 200
    assert FormSubmission.objects.filter(page=survey).count() == 1


def test_consent_is_required(client, survey):
    response = client.post("/registracija/", answers(consent=None))
    html = response.content.decode()
    assert 'id="id_consent-error"' in html
    assert 'value="Ona"' in html
    assert not FormSubmission.objects.filter(page=survey).exists()


def test_honeypot_and_too_fast_submissions_are_not_stored(client, survey):
    response = client.post("/registracija/", answers(**{spam.HONEYPOT_FIELD: "x"}))
    assert response.status_code == 200
    assert "Ačiū" in response.content.decode()
    response = client.post(
        "/registracija/", answers(**{spam.FILL_TOKEN_FIELD: spam.fill_token(time.time())})
    )
    assert "Labai greitai" in response.content.decode()
    assert not FormSubmission.objects.filter(page=survey).exists()
    assert mail.outbox == []


def test_form_pages_share_the_rate_limit(client, survey, settings):
    settings.ENGAGEMENT_RATE_LIMIT = "1/h"
    assert client.post("/registracija/", answers()).status_code == 200
    response = client.post("/idejos/", {"title": "Idėja"})
    assert response.status_code == 429
    response = client.post("/registracija/", answers(vardas="Jonas"))
    assert response.status_code == 429
    assert 'value="Jonas"' in response.content.decode()
    assert FormSubmission.objects.filter(page=survey).count() == 1


def test_staff_export_submissions_with_the_consent_column(client, survey):
    client.post("/registracija/", answers())
    admin = get_user_model().objects.create_superuser("admin2", "", "slaptas-3")
    client.force_login(admin)
    response = client.get(f"/admin/forms/submissions/{survey.pk}/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "Sutikimas" in content.splitlines()[0]
    assert "Ona" in content


class FormPageRulesTests(WagtailPageTestCase):
    def test_form_pages_live_under_the_home_or_the_ideas_page(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage, IdeaPage})
        self.assertAllowedSubpageTypes(IdeaPage, {FormPage})
        self.assertCanNotCreateAt(ContentPage, FormPage)

    def test_a_form_page_is_routable_and_renderable(self):
        home = HomePage.objects.get(locale__language_code="lt")
        page = FormPageFactory(parent=home, slug="forma")
        FormFieldFactory(page=page, label="Klausimas")
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)
