"""
What must never leak through either API (/api/v1/ and Wagtail's /api/v2/): drafts and
unpublished changes, pages under view restrictions, scheduled pages before their time, anyone's
e-mail address (page owners, a form page's staff addresses), form submissions, files in
restricted collections. Each case is checked on every endpoint that could show it.
"""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models
from django.test import RequestFactory
from django.test.utils import isolate_apps
from django.utils import timezone
from wagtail.api import APIField
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from engagement.models import FormPage
from portal.api_fields import FieldContext, api_field_errors, api_field_values, check_api_fields

from .factories.engagement import FormFieldFactory, FormPageFactory
from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

SECRET = "SLAPTAS-TEKSTAS"


class SearchResults:
    """A search answer without its `query` field, which echoes the words that were searched."""

    def __init__(self, response):
        data = response.json()
        data.pop("query", None)
        self.content = json.dumps(data, ensure_ascii=False).encode()
        self.status_code = response.status_code


def v1_views_of(client, page_id, path, locale="lt"):
    """Every /api/v1/ answer that could show the page: its text, joined."""
    answers = [
        client.get(f"/api/v1/pages/{page_id}"),
        client.get("/api/v1/pages/by-path", {"path": path, "locale": locale}),
        client.get("/api/v1/pages", {"locale": locale, "limit": 100}),
        client.get("/api/v1/navigation", {"locale": locale, "depth": 5}),
        SearchResults(client.get("/api/v1/search", {"q": SECRET, "locale": locale})),
        SearchResults(client.get("/api/v1/search", {"q": "Slaptas", "locale": locale})),
    ]
    return answers


def v2_views_of(client, page_id):
    return [
        client.get(f"/api/v2/pages/{page_id}/"),
        client.get("/api/v2/pages/", {"limit": 100}),
        client.get("/api/v2/pages/", {"search": SECRET}),
        client.get("/api/v2/pages/", {"search": "Slaptas"}),
    ]


def assert_not_shown(client, page, path):
    v1 = v1_views_of(client, page.pk, path)
    assert v1[0].status_code == 404
    assert v1[1].status_code == 404
    for response in v1[2:]:
        assert response.status_code == 200
        assert page.title not in response.content.decode()
        assert f'"id": {page.pk},' not in response.content.decode()
    v2 = v2_views_of(client, page.pk)
    assert v2[0].status_code == 404
    for response in v2[1:]:
        assert response.status_code == 200
        assert page.pk not in [item["id"] for item in response.json()["items"]]


def test_a_page_that_was_never_published_is_not_shown(client, home_lt):
    draft = ContentPageFactory(
        parent=home_lt, slug="juodrastis", title="Slaptas juodraštis", live=False, intro=SECRET
    )
    assert_not_shown(client, draft, "/juodrastis/")


def test_unpublished_changes_of_a_live_page_are_not_shown(client, home_lt):
    page = ContentPageFactory(parent=home_lt, slug="viesas", title="Viešas puslapis")
    page.save_revision().publish()
    page.title = "Slaptas naujas pavadinimas"
    page.intro = SECRET
    page.save_revision()  # a draft, not published
    responses = v1_views_of(client, page.pk, "/viesas/") + v2_views_of(client, page.pk)
    for response in responses:
        text = response.content.decode()
        assert SECRET not in text
        assert "Slaptas naujas pavadinimas" not in text
    assert responses[0].json()["title"] == "Viešas puslapis"
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Viešas puslapis"


@pytest.mark.parametrize("restriction_type", ["password", "login", "groups"])
def test_pages_under_a_view_restriction_are_not_shown(
    client, admin_user, home_lt, restriction_type
):
    parent = ContentPageFactory(
        parent=home_lt, slug="vidinis", title="Slaptas skyrius", show_in_menus=True
    )
    child = ContentPageFactory(parent=parent, slug="vaikas", title="Slaptas vaikas")
    restriction = PageViewRestriction.objects.create(
        page=parent, restriction_type=restriction_type, password="slaptazodis"
    )
    if restriction_type == "groups":
        restriction.groups.add(Group.objects.create(name="Darbuotojai"))
    assert_not_shown(client, parent, "/vidinis/")
    assert_not_shown(client, child, "/vidinis/vaikas/")
    # Not even for a signed-in editor: API answers are cached and shared.
    client.force_login(admin_user)
    assert_not_shown(client, child, "/vidinis/vaikas/")


def test_a_page_scheduled_for_later_is_not_shown_before_its_time(client, home_lt):
    page = ContentPageFactory(parent=home_lt, slug="veliau", title="Slaptas būsimas", live=False)
    page.go_live_at = timezone.now() + timedelta(days=2)
    page.save_revision().publish()  # Wagtail schedules it instead of publishing
    page.refresh_from_db()
    assert not page.live
    assert_not_shown(client, page, "/veliau/")


def test_live_pages_outside_their_schedule_are_not_shown(client, home_lt):
    now = timezone.now()
    early = ContentPageFactory(
        parent=home_lt, slug="anksti", title="Slaptas ankstyvas", go_live_at=now + timedelta(days=1)
    )
    expired = ContentPageFactory(
        parent=home_lt, slug="pasibaiges", title="Slaptas pasibaigęs", expire_at=now
    )
    assert early.live and expired.live
    assert_not_shown(client, early, "/anksti/")
    assert_not_shown(client, expired, "/pasibaiges/")


def test_owners_and_their_e_mail_addresses_are_not_shown(client, home_lt):
    staff = get_user_model().objects.create_user(
        "redaktorius",
        "redaktorius@vvg.example.org",
        "slaptazodis-123",
        first_name="Slaptas",
        last_name="Redaktorius",
    )
    page = ContentPageFactory(parent=home_lt, slug="savininkas", title="Puslapis", owner=staff)
    for response in v1_views_of(client, page.pk, "/savininkas/") + v2_views_of(client, page.pk):
        text = response.content.decode()
        assert "redaktorius@vvg.example.org" not in text
        assert "Redaktorius" not in text
    assert client.get("/api/v2/pages/", {"fields": "owner"}).status_code == 400
    assert client.get("/api/v2/pages/", {"owner": staff.pk}).status_code == 400


@pytest.fixture
def form_page(home_lt):
    page = FormPageFactory(
        parent=home_lt,
        slug="anketa",
        title="Gyventojų anketa",
        intro="Atsakykite į kelis klausimus.",
        to_address="darbuotoja@vvg.example.org, vadove@vvg.example.org",
        from_address="sistema@vvg.example.org",
        subject="Nauja anketa",
    )
    FormFieldFactory(page=page, label="Jūsų el. paštas", field_type="email")
    FormSubmission.objects.create(
        page=page, form_data={"jusu_el_pastas": "gyventoja@example.org", "vardas": "Ona Slaptoji"}
    )
    return page


STAFF_ADDRESSES = [
    "darbuotoja@vvg.example.org",
    "vadove@vvg.example.org",
    "sistema@vvg.example.org",
]
SUBMITTED = ["gyventoja@example.org", "Ona Slaptoji"]


def test_form_pages_show_neither_staff_addresses_nor_submissions(client, form_page):
    detail = client.get(f"/api/v1/pages/{form_page.pk}")
    assert detail.status_code == 200
    fields = detail.json()["fields"]
    assert fields["intro"] == form_page.intro
    assert [field["label"] for field in fields["form_fields"]] == ["Jūsų el. paštas"]
    v2_detail = client.get(f"/api/v2/pages/{form_page.pk}/")
    assert v2_detail.status_code == 200
    responses = [detail, v2_detail, *v1_views_of(client, form_page.pk, "/anketa/")]
    responses += v2_views_of(client, form_page.pk)
    responses.append(client.get("/api/v2/pages/", {"type": "engagement.FormPage", "fields": "*"}))
    for response in responses:
        text = response.content.decode()
        for secret in STAFF_ADDRESSES + SUBMITTED:
            assert secret not in text
    for field in ("to_address", "from_address"):
        assert client.get(f"/api/v2/pages/{form_page.pk}/", {"fields": field}).status_code == 400


def test_forbidden_fields_stay_hidden_even_if_a_page_type_lists_them(
    client, form_page, monkeypatch
):
    monkeypatch.setattr(
        FormPage,
        "api_fields",
        [
            *FormPage.api_fields,
            APIField("to_address"),
            APIField("from_address"),
            APIField("owner"),
        ],
    )
    # Left out where the values are read, before the document's typed `fields` (which has
    # only the type's fields when the API is built) would drop them anyway.
    values = api_field_values(form_page, FieldContext(RequestFactory().get("/")))
    assert set(values) == {"intro", "thank_you_text", "form_fields"}
    v1 = client.get(f"/api/v1/pages/{form_page.pk}").json()["fields"]
    assert set(v1) == {"intro", "thank_you_text", "form_fields"}
    v2 = client.get(f"/api/v2/pages/{form_page.pk}/").json()
    assert "to_address" not in v2
    assert "from_address" not in v2
    assert client.get(f"/api/v2/pages/{form_page.pk}/", {"fields": "to_address"}).status_code == 400
    # ... and `manage.py check` says so.
    errors = [message for message in check_api_fields() if message.id == "portal.E010"]
    assert {message.msg.split("'")[1] for message in errors} == {
        "to_address",
        "from_address",
        "owner",
    }


@isolate_apps("home")
def test_the_system_check_names_forbidden_api_fields():
    class Resident(models.Model):
        name = models.CharField(max_length=100)
        contact = models.EmailField()
        ip_hash = models.CharField(max_length=64)
        api_fields = [APIField("name"), APIField("contact"), APIField("ip_hash")]

        class Meta:
            app_label = "home"

        def __str__(self):
            return self.name

    messages = api_field_errors([Resident])
    assert {message.id for message in messages} == {"portal.E010"}
    assert [message.msg for message in messages] == [
        "home.Resident.api_fields lists 'contact', an e-mail address.",
        "home.Resident.api_fields lists 'ip_hash', personal data or an internal field.",
    ]


def test_the_project_passes_the_api_fields_check():
    assert check_api_fields() == []


def test_files_in_restricted_collections_are_not_shown(client):
    private = Collection.get_first_root_node().add_child(name="Vidiniai")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = Document(title="Slaptas dokumentas", collection=private)
    document.file.save("slaptas.pdf", ContentFile(b"%PDF-1.4 slaptas"), save=False)
    document.save()
    image = Image.objects.create(
        title="Slaptas vaizdas", file=get_test_image_file(), collection=private
    )
    for url, item in (("/api/v2/documents/", document), ("/api/v2/images/", image)):
        listing = client.get(url).json()
        assert item.pk not in [entry["id"] for entry in listing["items"]]
        assert client.get(f"{url}{item.pk}/").status_code == 404


def test_uploaders_are_not_shown_for_images_and_documents(client):
    uploader = get_user_model().objects.create_user("ikelejas", "ikelejas@vvg.example.org", "x")
    image = Image.objects.create(
        title="Pušynas", file=get_test_image_file(), uploaded_by_user=uploader
    )
    document = Document(title="Nuostatai", uploaded_by_user=uploader)
    document.file.save("nuostatai.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    for url in (f"/api/v2/images/{image.pk}/", f"/api/v2/documents/{document.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "ikelejas" not in response.content.decode()
        assert client.get(url, {"fields": "uploaded_by_user"}).status_code == 400


# Whatever routers plugins add: the contract names no personal field ---------------------------

PERSONAL = re.compile(r"e[-_]?mail|^ip$|^ip_|_ip$|ip_hash|password|^owner$|submission|to_address")


def schema_properties(node, found=None):
    found = set() if found is None else found
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.add(name)
            schema_properties(value, found)
        for value in node.values():
            schema_properties(value, found)
    elif isinstance(node, list):
        for value in node:
            schema_properties(value, found)
    return found


# Contact points that editors publish on purpose, shown on the site as well: a call's
# consultants (name, role, phone, e-mail) are whom applicants are meant to write to.
PUBLISHED_CONTACTS = {"ContactSchema"}


def test_no_endpoint_of_the_contract_offers_personal_fields(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    assert set(components) >= PUBLISHED_CONTACTS
    for name in PUBLISHED_CONTACTS:
        del components[name]
    names = schema_properties(schema)
    parameters = {
        parameter["name"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
    }
    assert names  # the walk found the schemas
    assert not [name for name in names | parameters if PERSONAL.search(name.lower())]


def test_no_v1_list_shows_a_users_e_mail_address(client, home_lt, form_page):
    """Every GET endpoint without path parameters, in both languages, as a client sees it."""
    get_user_model().objects.create_user("darbuotoja", "darbuotoja@vvg.example.org", "x")
    addresses = set(get_user_model().objects.values_list("email", flat=True)) - {""}
    addresses |= set(STAFF_ADDRESSES) | set(SUBMITTED)
    schema = client.get("/api/v1/openapi.json").json()
    checked = 0
    for path, operations in schema["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        required = {
            parameter["name"]: "a" if parameter["name"] != "path" else "/"
            for parameter in operations["get"].get("parameters", [])
            if parameter.get("required")
        }
        for locale in ("lt", "en"):
            response = client.get(path, {**required, "locale": locale})
            assert response.status_code < 500, path
            text = response.content.decode()
            assert not [address for address in addresses if address in text], path
            checked += 1
    assert checked >= 10
