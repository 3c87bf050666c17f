"""
The shared StreamField block library. Every page type composes its body from these.

Each block has a template (portal/templates/blocks/), a preview value for the admin's block
picker, and an API representation that gives client developers ready data: HTML with expanded
links, image renditions with width, height and alt text, documents with URL, type and size.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from .images import document_data, rendition_data

# Rich text never offers h1: the page title is the only h1 on a page.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        description = _("A section heading. The page title is the only first-level heading.")
        preview_value = {"text": "Kuriame miesto bendruomenės strategiją", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph.html"
        description = _("Formatted text with links, lists and subheadings.")
        preview_value = (
            "<p>Esame atviri miesto gyventojų idėjoms, sumanymams, nuomonei. "
            "Pasidalinkite savo mintimis.</p>"
        )


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure.html"
        description = _("An image with alt text (or marked decorative) and an optional caption.")

    def get_api_representation(self, value, context=None):
        image = value["image"]
        return {
            "image": rendition_data(
                image,
                alt_text=getattr(image, "contextual_alt_text", None),
                decorative=getattr(image, "decorative", False),
            ),
            "caption": value["caption"],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        description = _("A quotation with the name of who said it.")
        preview_value = {
            "text": "Miestas tai mes – čia gyvenantys ir čia kuriantys, o jo kūrimas visų mūsų "
            "rankose.",
            "attribution": "Druskininkų miesto VVG",
        }


class LinkStructValue(blocks.StructValue):
    # Not called `url`: templates would find the `url` field of the same name first.
    def href(self):
        if page := self.get("page"):
            # The navigation reads the models, and the models these blocks.
            from .navigation import localized_url

            return localized_url(page)
        if document := self.get("document"):
            return document.url
        return self.get("url") or ""


def _validate_one_target(value, fields):
    chosen = [name for name in fields if value.get(name)]
    if len(chosen) != 1:
        message = _("Choose exactly one: a page, a document or a web address.")
        raise StructBlockValidationError(
            block_errors={name: ValidationError(message) for name in fields}
        )


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Web address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        value_class = LinkStructValue
        description = _("A highlighted invitation with a button to a page or web address.")
        preview_value = {
            "heading": "Kokį miestą norite matyti jūs?",
            "text": "Esame atviri miesto gyventojų idėjoms, sumanymams, nuomonei.",
            "button_label": "Pasidalinkite savo mintimis",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        _validate_one_target(value, ["page", "url"])
        return value

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "text": value["text"],
            "button_label": value["button_label"],
            "url": value.href(),
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=8)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "blocks/key_figures.html"
        description = _("A few numbers that tell the story at a glance.")
        preview_value = {
            "heading": "Strategijos rengimas",
            "figures": [
                {"value": "268", "label": "gyventojai atsakė į apklausą"},
                {"value": "18", "label": "projektinių pasiūlymų"},
            ],
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = ParagraphBlock(label=_("Content"))


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "blocks/accordion.html"
        description = _("Questions and answers or other sections that open on request.")
        preview_value = {
            "heading": "Dažnai užduodami klausimai",
            "items": [
                {
                    "title": "Kas yra VVG?",
                    "body": "<p>Vietos veiklos grupė kuria ir įgyvendina vietos plėtros "
                    "strategiją.</p>",
                }
            ],
        }


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=250)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    document = DocumentChooserBlock(label=_("Document"), required=False)
    url = blocks.URLBlock(label=_("Web address"), required=False)

    class Meta:
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        _validate_one_target(value, ["page", "document", "url"])
        return value

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "description": value["description"],
            "url": value.href(),
            "document": document_data(value.get("document")),
        }


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    items = blocks.ListBlock(LinkItemBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Documents and links")
        template = "blocks/link_list.html"
        description = _("A list of documents, pages or web addresses, each with a description.")
        preview_value = {
            "heading": "Naudingos nuorodos",
            "items": [
                {
                    "title": "Reglamentas (ES) 2021/1060",
                    "description": "Bendrųjų nuostatų reglamentas",
                    "url": "https://eur-lex.europa.eu/eli/reg/2021/1060/oj",
                }
            ],
        }


class MediaEmbedBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        help_text=_("Describes the embedded content for screen reader users."),
    )
    embed = EmbedBlock(label=_("Web address of the video or map"))

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed.html"
        description = _("A video or map from an external service, with a descriptive title.")

    def get_api_representation(self, value, context=None):
        return {"title": value["title"], "url": value["embed"].url if value["embed"] else ""}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    accordion = AccordionBlock()
    link_list = LinkListBlock()
    embed = MediaEmbedBlock()
