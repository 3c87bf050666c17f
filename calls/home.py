"""The calls' section on the home page: open and upcoming calls, or the promise of them."""

from portal.registry import HomeSection, find_section_page

from .listing import calls_for_home
from .status import seconds_fresh


def calls_home_section(request, home_page):
    index_page = find_section_page("calls", home_page.locale_id)  # cached
    if index_page is None:
        return None
    calls = calls_for_home(home_page.locale_id)
    return HomeSection(
        "calls/home_section.html",
        {"index_page": index_page, "calls": calls},
        max_age=seconds_fresh(calls),
    )
