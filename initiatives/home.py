"""The initiatives' section on the home page: the latest progress updates."""

from portal.cache import remember
from portal.registry import HomeSection

from .listing import public_q
from .models import ProgressUpdate
from .progress import LATEST_FIRST

HOME_UPDATES = 3


def latest_updates(locale_id, limit: int = HOME_UPDATES) -> list[ProgressUpdate]:
    """
    The newest updates of public initiatives of a language, each with its initiative.

    They change only when content does (nothing here depends on the time of the request), so
    they are kept in the cache under the content version and the home page spends no query on
    them; finding them means looking through every initiative's updates.
    """
    return remember(
        "initiatives:latest-updates",
        locale_id,
        limit,
        build=lambda: list(
            ProgressUpdate.objects.filter(public_q("page__"), page__locale_id=locale_id)
            .select_related("page")
            .defer("photos", "page__body")  # the section shows neither
            .order_by(*LATEST_FIRST)[:limit]
        ),
    )


def initiatives_home_section(request, home_page):
    from portal.registry import find_section_page

    index_page = find_section_page("initiatives", home_page.locale_id)  # cached
    if index_page is None:
        return None
    updates = latest_updates(home_page.locale_id)
    return HomeSection(
        "initiatives/home_section.html", {"index_page": index_page, "updates": updates}
    )
