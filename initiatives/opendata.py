"""
Open data: the funded operations as CSV (/iniciatyvos/csv/, /en/initiatives/csv/).

The columns cover what EU rules ask a managing body to publish about each operation
(Regulation (EU) 2021/1060, Article 49(3): beneficiary, operation name, purpose, start and
end dates, total cost, EU support and co-financing rate, location, the fund and the measure),
plus the call, status and progress. Column order and meaning never change; the header row is
in the page's language. Values are machine-readable whatever the language: ISO 8601 dates,
decimal points, no thousands separators, codes for choices. The file is UTF-8 with a byte
order mark, so spreadsheet programs open Lithuanian letters correctly (docs/initiatives.md).
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.registry import OpenDataset
from security.spreadsheets import safe_cell

from .listing import InitiativeFilters, for_listing

COUNTRY = "LT"

# (stable code, header) in the file's order. The API's fields carry the same codes, except
# money, which the API gives as Money under its common names (total_cost, grant, co_funding,
# co_funding_rate).
COLUMNS = [
    ("operation_id", _("Operation identifier")),
    ("project_number", _("Project number")),
    ("beneficiary", _("Beneficiary")),
    ("beneficiary_kind", _("Beneficiary type")),
    ("operation_name", _("Operation name")),
    ("purpose", _("Purpose")),
    ("status", _("Status")),
    ("progress_percent", _("Progress, %")),
    ("start_date", _("Start date")),
    ("end_date", _("End date")),
    ("total_cost_eur", _("Total cost, EUR")),
    ("grant_eur", _("Grant, EUR")),
    ("co_funding_eur", _("Co-funding, EUR")),
    ("co_financing_rate_percent", _("Co-financing rate, %")),
    ("location", _("Location")),
    ("country", _("Country")),
    ("latitude", _("Latitude")),
    ("longitude", _("Longitude")),
    ("call_number", _("Call number")),
    ("call_title", _("Call")),
    ("measure_codes", _("Measure codes")),
    ("measure_titles", _("Measures")),
    ("last_update", _("Last progress update")),
    ("url", _("Web page")),
]
COLUMN_CODES = [code for code, _label in COLUMNS]

# Described in the API (GET /api/v1/open-data), registered in apps.py.
DATASET = OpenDataset(
    title=_("Funded initiatives (operations)"),
    description=_(
        "Every public funded initiative with what EU rules ask to publish about an operation "
        "(Regulation (EU) 2021/1060, Article 49(3)), its call, status and progress. UTF-8 with "
        "a byte order mark; the header row in the file's language; ISO 8601 dates, decimal "
        "points, codes for choices. Takes the list's filters (status, call, measure, year)."
    ),
    columns=COLUMNS,
    section="initiatives",
    path="csv/",
)
LIST_SEPARATOR = "; "


def text(value) -> str:
    return "" if value is None else str(value)


def operation_record(initiative, url: str) -> dict:
    """One initiative as the open-data columns describe it (the API reuses these values)."""
    measures = [link.measure for link in initiative.measure_links.all()]
    call = initiative.call
    return {
        "operation_id": str(initiative.translation_key),
        "project_number": initiative.project_number,
        "beneficiary": initiative.beneficiary,
        "beneficiary_kind": initiative.beneficiary_kind,
        "operation_name": initiative.title,
        "purpose": initiative.intro,
        "status": initiative.status,
        "progress_percent": initiative.progress,
        "start_date": initiative.starts_on,
        "end_date": initiative.ends_on,
        "total_cost_eur": initiative.total_value,
        "grant_eur": initiative.grant,
        "co_funding_eur": initiative.co_funding,
        "co_financing_rate_percent": initiative.co_funding_rate,
        "location": initiative.address,
        "country": COUNTRY,
        "latitude": initiative.latitude,
        "longitude": initiative.longitude,
        "call_number": call.call_number if call else "",
        "call_title": call.title if call else "",
        "measure_codes": [m.code for m in measures],
        "measure_titles": [m.title for m in measures],
        "last_update": getattr(initiative, "last_update_on", None),
        "url": url,
    }


def csv_cell(value) -> str:
    """A value as written in the file. Text is made safe for spreadsheets (a name such as
    "=HYPERLINK(...)" stays text); numbers and dates are written as they are."""
    if isinstance(value, list):
        return safe_cell(LIST_SEPARATOR.join(text(item) for item in value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return safe_cell(value) if isinstance(value, str) else text(value)


def write_csv(stream, records, language: str) -> None:
    writer = csv.writer(stream, lineterminator="\r\n")
    with translation.override(language):
        writer.writerow([str(label) for _code, label in COLUMNS])
    for record in records:
        writer.writerow([csv_cell(record[code]) for code in COLUMN_CODES])


def csv_response(index_page, request) -> HttpResponse:
    """The public initiatives of the page's language (filtered as the list is) as CSV."""
    filters = InitiativeFilters.from_query(request.GET)
    index_url = request.build_absolute_uri(index_page.get_url(request))
    initiatives = for_listing(filters.initiatives(index_page.locale_id))
    records = (operation_record(i, f"{index_url}{i.slug}/") for i in initiatives)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte order mark: spreadsheets then read the file as UTF-8
    write_csv(buffer, records, translation.get_language() or "lt")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = index_page.slug or "initiatives"
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response
