"""The calls' section on the home page: open and upcoming calls, or the promise of them."""

from portal.registry import HomeSection

from .listing import calls_for_home, private_pages_q
from .models import CallIndexPage
from .status import seconds_fresh


def calls_home_section(request, home_page):
    # The index page and the calls share one look-up of view restrictions.
    private_q = private_pages_q()
    index_page = (
        CallIndexPage.objects.live()
        .filter(locale_id=home_page.locale_id)
        .exclude(private_q)
        .first()
    )
    if index_page is None:
        return None
    calls = calls_for_home(home_page.locale_id, private_q=private_q)
    return HomeSection(
        "calls/home_section.html",
        {"index_page": index_page, "calls": calls},
        max_age=seconds_fresh(calls),
    )
