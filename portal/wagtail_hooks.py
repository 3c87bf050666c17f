from django.http import Http404
from wagtail import hooks

from .schedule import is_visible


@hooks.register("before_serve_page")
def refuse_pages_outside_their_schedule(page, request, serve_args, serve_kwargs):
    """A live page past its expiry (publish_scheduled has not run yet) is gone for visitors at
    that second: the one rule of portal/schedule.py."""
    if not is_visible(page):
        raise Http404
