"""Uploads: documents checked by content, images by format and size, documents served privately."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import DocumentFactory

from security.uploads import content_kind

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RTF = rb"{\rtf1\ansi Kvietimas}"
CSV = "Pavadinimas;Suma\nŽaliasis kiemas;1500,00\n".encode()
CSV_BALTIC = "Pavadinimas;Suma\nŽaliasis kiemas;1500,00\n".encode("cp1257")
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def zipped(entries, first=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# Office files as LibreOffice writes them, with the identifying entries after others.
DOCX = zipped(
    {
        "_rels/.rels": "<Relationships/>",
        "docProps/app.xml": "<Properties/>",
        "docProps/core.xml": "<cp:coreProperties/>",
        "[Content_Types].xml": "<Types/>",
        "word/styles.xml": "<w:styles/>",
        "word/document.xml": "<w:document/>",
    }
)
XLSX = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = zipped(
    {"content.xml": "<office:document-content/>"},
    first=("mimetype", "application/vnd.oasis.opendocument.text"),
)
ODS = zipped(
    {"content.xml": "<office:document-content/>"},
    first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
)
ZIP = zipped({"ataskaita.pdf": PDF, "lentele.csv": CSV})

GOOD = [
    ("ataskaita.pdf", PDF),
    ("kvietimas.rtf", RTF),
    ("lentele.csv", CSV),
    ("lentele-1257.csv", CSV_BALTIC),
    ("pastabos.txt", "Ačiū už idėjas!\n".encode()),
    ("nuostatai.docx", DOCX),
    ("biudzetas.xlsx", XLSX),
    ("tvarka.odt", ODT),
    ("samata.ods", ODS),
    ("priedai.zip", ZIP),
]
BAD = [
    ("ataskaita.pdf", HTML, "markup"),
    ("pastabos.txt", HTML, "markup"),
    ("logo.txt", SVG, "markup"),
    ("lentele.csv", b"Pavadinimas\n<script>alert(1)</script>\n", "markup"),
    ("programa.pdf", EXE, "content_mismatch"),
    ("nuostatai.docx", XLSX, "content_mismatch"),
    ("biudzetas.xlsx", ZIP, "content_mismatch"),
    ("tvarka.odt", ODS, "content_mismatch"),
    ("pastabos.txt", PDF, "content_mismatch"),
    ("duomenys.csv", b"\x00\x01\x02binary\xff", "content_mismatch"),
    ("tuscias.pdf", b"", None),  # Django refuses empty files before any content check
]


def upload_form(name, data):
    from wagtail.documents.forms import get_document_form

    form_class = get_document_form(get_document_model())
    user = get_user_model().objects.get_or_create(username="ikelejas", is_superuser=True)[0]
    return form_class(
        data={"title": name, "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, data)},
        user=user,
    )


@pytest.mark.parametrize(("name", "data"), GOOD, ids=[name for name, _ in GOOD])
def test_documents_whose_content_matches_their_extension_are_accepted(name, data, settings):
    form = upload_form(name, data)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(("name", "data", "code"), BAD, ids=[f"{n}-{c}" for n, _, c in BAD])
def test_documents_whose_content_does_not_match_are_refused(name, data, code):
    form = upload_form(name, data)
    assert not form.is_valid()
    if code:
        assert form.errors.as_data()["file"][0].code == code


def test_documents_with_extensions_outside_the_allow_list_are_refused():
    for name, data in [("puslapis.html", HTML), ("logo.svg", SVG), ("programa.exe", EXE)]:
        form = upload_form(name, data)
        assert not form.is_valid(), name


def test_content_kind_tells_office_files_apart():
    kinds = {name: content_kind(io.BytesIO(data)) for name, data in GOOD}
    assert kinds["nuostatai.docx"] == "docx"
    assert kinds["biudzetas.xlsx"] == "xlsx"
    assert kinds["tvarka.odt"] == "odt"
    assert kinds["priedai.zip"] == "zip"
    assert kinds["lentele-1257.csv"] == "text"


def test_documents_over_the_size_limit_are_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    form = upload_form("didelis.pdf", PDF + b"0" * 2048)
    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code == "file_too_large"


@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(get_user_model().objects.create_superuser("administratore", "", "x"))
    return client


def test_the_admin_document_form_checks_content(admin_client):
    root = Collection.get_first_root_node().pk
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Netikras", "collection": root, "file": SimpleUploadedFile("a.pdf", HTML)},
    )
    assert response.status_code == 200
    assert "HTML, SVG ir XML failų įkelti negalima" in response.content.decode()
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Tikras", "collection": root, "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Tikras").exists()


def test_the_multiple_document_uploader_checks_content(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("lentele.csv", SVG)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    result = json.loads(response.content)
    assert result["success"] is False
    assert not get_document_model().objects.filter(title="lentele").exists()


def image_bytes(size=(40, 30), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 93, 75)).save(buffer, image_format)
    return buffer.getvalue()


def add_image(client, name, data):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data),
        },
    )


def test_raster_images_are_accepted(admin_client):
    assert add_image(admin_client, "kiemas.png", image_bytes()).status_code == 302
    assert get_image_model().objects.filter(title="kiemas.png").exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [("logo.svg", SVG), ("kiemas.png", HTML), ("kiemas.png", SVG), ("kiemas.jpg", image_bytes())],
    ids=["svg", "html-as-png", "svg-as-png", "png-as-jpg"],
)
def test_svg_markup_and_mislabelled_images_are_refused(admin_client, name, data):
    response = add_image(admin_client, name, data)
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title=name).exists()


def test_images_over_the_pixel_and_size_limits_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    assert add_image(admin_client, "platus.png", image_bytes((100, 100))).status_code == 200
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    assert add_image(admin_client, "sunkus.png", image_bytes((100, 100))).status_code == 200
    assert not get_image_model().objects.filter(title__in=["platus.png", "sunkus.png"]).exists()


@pytest.fixture
def private_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    private = root.add_child(name="Vidaus dokumentai")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return DocumentFactory(
        collection=private, file=ContentFile(PDF, name="vidaus.pdf"), title="Vidaus"
    )


def test_private_collection_documents_need_a_signed_in_user(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "login" in response["Location"]
    client.force_login(get_user_model().objects.create_user("darbuotoja", "", "x"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_password_protected_documents_ask_for_the_password(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.get_first_root_node().add_child(name="Komisijai")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="komisija-2024",
    )
    document = DocumentFactory(collection=collection, file=ContentFile(PDF, name="vertinimas.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"%PDF" not in response.content


def test_documents_are_served_by_the_view_not_the_media_url(private_document):
    assert private_document.url.startswith("/documents/")
