"""An expired call disappears everywhere at the second its expiry passes, without waiting
for publish_scheduled, whatever was cached before (portal/schedule.py, portal/ledger.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from .factories.calls import CallPageFactory, call_index

pytestmark = pytest.mark.django_db

TITLE = "Baigiasi vidurnaktį"
MARKER = "Baigiasi vidurnakt"  # JSON may escape the last letter


def places(call):
    """Every place a call is shown: (address, what shows it there)."""
    return [
        ("/", MARKER),
        ("/kvietimai/", MARKER),
        (f"/kvietimai/{call.slug}/", MARKER),
        ("/kvietimai/rss/", MARKER),
        ("/kvietimai/ics/", MARKER),
        ("/sitemap.xml", f"/kvietimai/{call.slug}/"),
        ("/api/v1/calls", MARKER),
        (f"/api/v1/calls/{call.pk}", MARKER),
        ("/api/v1/pages?type=calls.CallPage", MARKER),
        ("/search/?q=vidurnakt%C4%AF", f"/kvietimai/{call.slug}/"),
        ("/api/v1/search?q=vidurnakt%C4%AF", f"/kvietimai/{call.slug}/"),
    ]


def shown(client, path, marker):
    response = client.get(path)
    if response.status_code == 404:
        return False
    assert response.status_code == 200, path
    return marker in response.content.decode()


@pytest.mark.parametrize("page_cache", [False, True], ids=["objects cached", "pages cached"])
def test_an_expired_call_is_gone_from_every_listing_feed_sitemap_api_and_search(
    client, settings, page_cache
):
    settings.PORTAL_PAGE_CACHE = page_cache
    moment = timezone.now() + timedelta(hours=3)
    call = CallPageFactory(
        parent=call_index(), title=TITLE, slug="baigiasi-vidurnakti", expire_at=moment
    )
    with time_machine.travel(moment - timedelta(seconds=2), tick=False):
        for path, marker in places(call):
            assert shown(client, path, marker), path
            shown(client, path, marker)  # and now it is cached, wherever it may be
    with time_machine.travel(moment + timedelta(seconds=1), tick=False):
        for path, marker in places(call):
            assert not shown(client, path, marker), path
    call.refresh_from_db()
    assert call.live  # publish_scheduled has not run: the rule alone hides it
