"""schema.org JSON-LD of a call page: the page, the call as a MonetaryGrant, its events."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .listing import absolute_url
from .status import CALL_TIME_ZONE


def _iso(moment):
    return timezone.localtime(moment, CALL_TIME_ZONE).isoformat() if moment else None


def call_structured_data(call, request, *, measures=(), events=()) -> dict:
    url = absolute_url(call, request)
    funder = {"@type": "Organization", "name": _("Druskininkai city LAG")}
    amount = {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": str(call.budget),
        "maxValue": str(call.max_grant),
    }
    if call.min_grant is not None:
        amount["minValue"] = str(call.min_grant)
    grant = {
        "@type": "MonetaryGrant",
        "@id": f"{url}#call",
        "identifier": call.call_number,
        "name": call.title,
        "description": call.intro,
        "url": url,
        "funder": funder,
        "amount": amount,
        # The call can be applied to from its opening to its deadline.
        "potentialAction": {
            "@type": "ApplyAction",
            "startTime": _iso(call.opens_at),
            "endTime": _iso(call.closes_at),
            "actionStatus": "PotentialActionStatus",
        },
    }
    if measures:
        grant["about"] = [
            {"@type": "Thing", "identifier": m.code, "name": m.title} for m in measures
        ]
    graph = [
        {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": call.title,
            "inLanguage": translation.get_language(),
            "datePublished": _iso(call.first_published_at),
            "dateModified": _iso(call.last_published_at),
            "mainEntity": {"@id": f"{url}#call"},
        },
        grant,
    ]
    for event in events:
        item = {
            "@type": "Event",
            "name": event.title,
            "startDate": _iso(event.starts_at),
            "organizer": funder,
            "about": {"@id": f"{url}#call"},
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        if event.ends_at:
            item["endDate"] = _iso(event.ends_at)
        locations = []
        if event.place:
            locations.append({"@type": "Place", "name": event.place, "address": event.place})
        if event.url:
            locations.append({"@type": "VirtualLocation", "url": event.url})
        if locations:
            item["location"] = locations if len(locations) > 1 else locations[0]
        if event.url and not event.place:
            item["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        elif event.url and event.place:
            item["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
        graph.append(item)
    return {"@context": "https://schema.org", "@graph": graph}
