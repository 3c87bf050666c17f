"""
Checking a resident's attachment: a photo or a PDF, recognised by its content.

The file name and the browser's content type are the sender's word and prove nothing, so the
type comes from the file's own bytes (`filetype`). Photos are decoded and re-encoded through
Pillow, which drops every bit of metadata (GPS position, camera serial numbers) and anything
hidden after the image data; PDFs are kept as sent. Anything else is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import conf

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}
PDF_TYPE = "application/pdf"
ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"


@dataclass
class CheckedAttachment:
    content: ContentFile
    content_type: str


def _refuse():
    return ValidationError(
        _("Attach a photo (JPEG, PNG or WebP) or a PDF document. This file is neither."),
        code="file_type",
    )


def check_attachment(uploaded) -> CheckedAttachment:
    """The attachment ready to store, or a ValidationError that says what is wrong."""
    max_bytes = conf.get("ENGAGEMENT_ATTACHMENT_MAX_BYTES")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). Attach a file of at most %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
            code="file_size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    uploaded.seek(0)
    data = uploaded.read()
    kind = filetype.guess(data)
    mime = kind.mime if kind else ""
    if mime in IMAGE_TYPES:
        return _reencode_image(data)
    if mime == PDF_TYPE and data.lstrip()[:5] == b"%PDF-":
        return CheckedAttachment(ContentFile(data, name="attachment.pdf"), PDF_TYPE)
    raise _refuse()


def _reencode_image(data: bytes) -> CheckedAttachment:
    max_pixels = conf.get("ENGAGEMENT_ATTACHMENT_MAX_PIXELS")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("The photo is too large in pixels. Attach a smaller photo."),
                    code="image_pixels",
                )
            probe.verify()  # a truncated or malformed image fails here
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Turn the photo the way the camera meant before its EXIF data is dropped.
            image = ImageOps.exif_transpose(image)
            side = conf.get("ENGAGEMENT_ATTACHMENT_MAX_SIDE")
            image.thumbnail((side, side))
            has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
            output = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(output, "PNG", optimize=True)
                name, content_type = "attachment.png", "image/png"
            else:
                image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
                name, content_type = "attachment.jpg", "image/jpeg"
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The photo could not be read. Attach another photo or a PDF."), code="image_broken"
        ) from error
    return CheckedAttachment(ContentFile(output.getvalue(), name=name), content_type)
