"""Demo content of the calls plugin."""

from .models import CallIndexPage


def load_calls_content(loader):
    loader.page(
        loader.home(),
        CallIndexPage,
        slug="kvietimai",
        en_slug="calls",
        lt={
            "title": "Kvietimai",
            "show_in_menus": True,
            "intro": "Gyventojų ir vietos organizacijų iniciatyvoms remti skelbiami "
            "finansavimo kvietimai bus skelbiami čia.",
        },
        en={
            "title": "Calls",
            "intro": "Funding calls to support initiatives of residents and local "
            "organisations will be published here.",
        },
    )
