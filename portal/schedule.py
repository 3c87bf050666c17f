"""
The one rule for "visible now": a page is shown to visitors while it is live and within its
publishing schedule (not before its go-live time, not from its expiry time on).

Wagtail's `publish_scheduled` command makes a page live or takes it down when it runs, every
few minutes; until then a live page past its expiry is still `live`. Every listing, feed,
sitemap, API answer, search result and page view asks this module instead, so an expired call
disappears everywhere at the second its expiry passes. Cached answers follow too: the content
version carries the next scheduled moment (portal/ledger.py).
"""

from django.db.models import Q
from django.utils import timezone


def on_schedule_q(now=None, prefix=""):
    """Pages within their schedule at `now`; `prefix` for a relation ("page__")."""
    now = now or timezone.now()
    return (Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})) & (
        Q(**{f"{prefix}go_live_at__isnull": True}) | Q(**{f"{prefix}go_live_at__lte": now})
    )


def visible(queryset, now=None):
    """The live pages of `queryset` that are within their schedule now."""
    return queryset.filter(live=True).filter(on_schedule_q(now))


def is_visible(page, now=None) -> bool:
    now = now or timezone.now()
    return (
        page.live
        and (page.expire_at is None or page.expire_at > now)
        and (page.go_live_at is None or page.go_live_at <= now)
    )
