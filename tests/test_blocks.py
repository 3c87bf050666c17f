"""The shared block library: templates, validation and API representations."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from portal import blocks
from portal.images import document_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    from wagtail.images.models import Image

    return Image.objects.create(
        title="Pušynas", file=get_test_image_file(size=(1200, 800)), description=""
    )


@pytest.fixture
def document():
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    doc = Document(title="Kvietimo sąlygos")
    doc.file.save("salygos.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2000), save=False)
    doc.save()
    return doc


def render(block, value):
    return block.render(block.to_python(value))


def test_heading_uses_the_chosen_level():
    html = render(blocks.HeadingBlock(), {"text": "Mūsų siekis", "level": "h3"})
    assert html.strip() == "<h3>Mūsų siekis</h3>"


def test_rich_text_offers_no_first_level_heading():
    assert "h1" not in blocks.ParagraphBlock().features
    assert "h2" in blocks.ParagraphBlock().features


def test_rich_text_api_gives_ready_html_with_page_links_expanded():
    about = Page.objects.get(url_path="/pradzia/apie/")
    block = blocks.ParagraphBlock()
    value = block.to_python(f'<p><a linktype="page" id="{about.pk}">Apie</a></p>')
    html = block.get_api_representation(value)
    assert 'href="/apie/"' in html
    assert "linktype" not in html


def test_figure_renders_a_responsive_picture_with_alt_text(image):
    block = blocks.FigureBlock()
    value = block.to_python(
        {
            "image": {"image": image.pk, "alt_text": "Pušys prie Nemuno", "decorative": False},
            "caption": "Druskininkai",
        }
    )
    html = block.render(value)
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert 'alt="Pušys prie Nemuno"' in html
    assert "<figcaption>Druskininkai</figcaption>" in html


def test_decorative_figure_has_empty_alt(image):
    block = blocks.FigureBlock()
    value = block.to_python(
        {"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""}
    )
    assert 'alt=""' in block.render(value)


def test_figure_api_gives_a_rendition_with_size_and_alt(image):
    block = blocks.FigureBlock()
    value = block.to_python(
        {"image": {"image": image.pk, "alt_text": "Pušys", "decorative": False}, "caption": ""}
    )
    data = block.get_api_representation(value)
    assert data["image"]["width"] == 1200
    assert data["image"]["height"] == 800
    assert data["image"]["alt"] == "Pušys"
    assert data["image"]["url"].startswith("http")
    assert data["image"]["url"].endswith(".webp")


def test_call_to_action_needs_exactly_one_target():
    block = blocks.CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "Ateikite", "button_label": "Eiti"}))
    value = block.clean(
        block.to_python({"heading": "Ateikite", "button_label": "Eiti", "url": "https://lrv.lt/"})
    )
    assert block.get_api_representation(value)["url"] == "https://lrv.lt/"


def test_link_list_shows_document_type_and_size(document):
    block = blocks.LinkListBlock()
    value = block.to_python(
        {"heading": "Dokumentai", "items": [{"title": "Sąlygos", "document": document.pk}]}
    )
    html = block.render(value)
    assert f'<a href="{document.url}">Sąlygos</a>' in html
    assert "(PDF, 2,0" in html or "(PDF, 2.0" in html
    api = block.get_api_representation(value)
    item = api["items"][0]
    assert item["document"]["file_type"] == "pdf"
    assert item["document"]["file_size"] == 2009
    assert item["url"] == document.url


def test_a_page_link_leads_to_the_page_in_the_visitors_language(
    page_at, django_assert_max_num_queries
):
    """An editor chooses the Lithuanian page; an English visitor is sent to its translation,
    and a list of many links asks for the active language once, not once per link."""
    from django.utils import translation

    about_lt, about_en = page_at("/apie/"), page_at("/en/about/")
    block = blocks.LinkListBlock()
    value = block.to_python(
        {"items": [{"title": f"Apie {n}", "page": about_lt.pk} for n in range(10)]}
    )
    with translation.override("lt"):
        assert {item.href() for item in value["items"]} == {about_lt.url}
    with translation.override("en"), django_assert_max_num_queries(2):
        # The locale once, the translation once: the same page's other links are remembered.
        assert {item.href() for item in value["items"]} == {about_en.url}


def test_document_data_reports_size_in_bytes(document):
    data = document_data(document)
    assert data["file_size"] == 2009
    assert data["url"].startswith("http://testserver/documents/")


def test_key_figures_and_accordion_render_semantically():
    html = render(
        blocks.KeyFiguresBlock(),
        {"heading": "", "figures": [{"value": "268", "label": "apklausos dalyviai"}]},
    )
    assert "<dd>268</dd>" in html and "<dt>apklausos dalyviai</dt>" in html
    html = render(
        blocks.AccordionBlock(),
        {"heading": "", "items": [{"title": "Kas yra VVG?", "body": "<p>Grupė.</p>"}]},
    )
    assert "<details" in html and "<summary>Kas yra VVG?</summary>" in html


@pytest.mark.parametrize("name", list(blocks.BaseStreamBlock.base_blocks))
def test_every_block_has_a_template_icon_and_label(name):
    block = blocks.BaseStreamBlock.base_blocks[name]
    assert block.meta.template.startswith("blocks/")
    assert block.meta.icon
    assert block.label


def test_whole_stream_renders_on_a_page(client, page_at):
    page = page_at("/apie/musu-siekis/")
    page.body = StreamValue(
        page.body.stream_block,
        [
            ("quote", {"text": "Miestas tai mes", "attribution": "VVG"}),
            ("heading", {"text": "Skaičiai", "level": "h2"}),
        ],
        is_lazy=False,
    )
    page.save_revision().publish()
    html = client.get("/apie/musu-siekis/").content.decode()
    assert "<blockquote><p>Miestas tai mes</p></blockquote>" in html
    assert "<h2>Skaičiai</h2>" in html
