"""The strategy's section on the home page: how the strategy was prepared, with its figures."""

from django.db.models import Exists, OuterRef
from wagtail.models import PageViewRestriction

from portal.cache import remember
from portal.registry import HomeSection
from portal.schedule import on_schedule_q

from .figures import key_figures
from .models import PreparationStep


def preparation_steps_for_home(home_page):
    """
    The steps of the live, public strategy page under this home page, with the page itself,
    in one query. The strategy page lives directly under the home page, so the only view
    restriction that could hide it apart from the home page's own is one on itself.

    They change only when content does, so they are kept in the cache under the content
    version: building a strategy page with every step costs more than reading them back.
    """
    return remember(
        "strategy:home-steps",
        home_page.pk,
        build=lambda: list(
            PreparationStep.objects.filter(
                on_schedule_q(prefix="page__"),
                page__live=True,
                page__locale_id=home_page.locale_id,
                page__path__startswith=home_page.path,
                page__depth=home_page.depth + 1,
            )
            .exclude(Exists(PageViewRestriction.objects.filter(page_id=OuterRef("page_id"))))
            .select_related("page")
            .defer("documents", "page__body")  # the section shows neither
            .order_by("page_id", "sort_order")
        ),
    )


def strategy_home_section(request, home_page):
    steps = preparation_steps_for_home(home_page)
    if not steps:
        return None
    page = steps[0].page
    steps = [step for step in steps if step.page_id == page.pk]
    return HomeSection(
        template="strategy/home_section.html",
        context={
            "intro": page.steps_intro,
            "steps": steps,
            "key_figures": key_figures(steps),
            "url": page.get_url(request),
        },
    )
