"""
What an uploaded document really is, told by its content rather than its name.

Wagtail checks a document's extension against WAGTAILDOCS_EXTENSIONS; the document form
(security.forms.DocumentForm) also checks that the content is what the extension says: a PDF
starts like a PDF, a .docx is a zip with a Word document inside, a .csv is plain text. Markup
(HTML, SVG, XML) is refused whatever its name, since a browser could run scripts in it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# extension -> the kinds of content (as content_kind() names them) accepted under it
ACCEPTED_CONTENT = {
    "pdf": {"pdf"},
    "rtf": {"rtf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
    "doc": {"doc"},
    "xls": {"xls"},
    "ppt": {"ppt"},
    "zip": {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"},
    "csv": {"text"},
    "txt": {"text"},
}

SNIFF_BYTES = 8192
MARKUP = re.compile(
    rb"<\s*(?:!doctype|\?xml|html|head|body|script|svg|iframe|object|embed|meta|link|style)\b",
    re.IGNORECASE,
)
# Bytes that plain text (in UTF-8 or a legacy 8-bit encoding) never contains.
BINARY = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
OPEN_DOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OFFICE_OPEN_XML = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
ZIPPED = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"}


def zip_kind(file) -> str | None:
    """A zip's kind from its directory (filetype only looks at the first entries)."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    kind = OPEN_DOCUMENT.get(entry.read(100).strip())
                if kind:
                    return kind
            if "[Content_Types].xml" in names:
                for name, kind in OFFICE_OPEN_XML.items():
                    if name in names:
                        return kind
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    return "zip"


def content_kind(file) -> str | None:
    """'pdf', 'docx', 'zip', 'text', 'markup', ... or None for anything unrecognised."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not head:
        return None
    guess = filetype.guess(head)
    if guess is None:
        if MARKUP.search(head):
            return "markup"
        return None if BINARY.search(head) else "text"
    kind = guess.extension
    if kind in ZIPPED:
        kind = zip_kind(file)
        file.seek(0)
    elif kind in {"svg", "html", "xml"}:
        kind = "markup"
    return kind


def validate_document_file(file) -> None:
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    kind = content_kind(file)
    if kind == "markup":
        raise ValidationError(
            _("HTML, SVG and XML files cannot be uploaded: browsers may run scripts in them."),
            code="markup",
        )
    accepted = ACCEPTED_CONTENT.get(extension)
    if accepted is None or kind not in accepted:
        raise ValidationError(
            _("The content of this file is not a valid .%(extension)s file."),
            code="content_mismatch",
            params={"extension": extension or "?"},
        )
