"""Image and document helpers shared by templates and API representations."""

from __future__ import annotations

# The rendition every API client gets; templates use responsive `{% picture %}` sets instead.
API_RENDITION_SPEC = "max-1600x1600|format-webp"


def image_alt_text(image, alt_text: str | None = None, decorative: bool = False) -> str:
    if decorative:
        return ""
    return alt_text or getattr(image, "default_alt_text", "") or image.title


def rendition_data(image, spec: str = API_RENDITION_SPEC, alt_text=None, decorative=False):
    """A rendition as API clients need it: absolute URL, width, height and alt text."""
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "id": image.pk,
        "url": rendition.full_url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image_alt_text(image, alt_text, decorative),
    }


def document_data(document):
    """A document as API clients need it: title, absolute URL, file type and size in bytes."""
    if document is None:
        return None
    from django.conf import settings

    size = document.get_file_size()  # stored on the document after the first look
    return {
        "id": document.pk,
        "title": document.title,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + document.url,
        "file_type": document.file_extension.lower(),
        "file_size": size,
    }
