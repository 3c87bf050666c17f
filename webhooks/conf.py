"""
The webhooks' settings, with their defaults. Each can be overridden in Django settings
(portal/settings/base.py states them; docs/api.md explains them).
"""

from django.conf import settings

DEFAULTS = {
    # Seconds to wait before each retry after a network error, a timeout, a 429 or a 5xx:
    # the first attempt plus one per entry, then the delivery is marked failed. 1 min, 5 min,
    # 15 min, 1 h, 3 h, 6 h and 12 h: 8 attempts over about 22 hours.
    "WEBHOOKS_RETRY_DELAYS": [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600],
    # Seconds to wait for the connection, and then for each read of the answer.
    "WEBHOOKS_TIMEOUT": 5,
    # Endpoints on loopback, private, link-local or other non-public addresses. Refused unless
    # allowed (development and tests allow them; production refuses them by default).
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": False,
    # A delivery still "sending" after this many seconds was interrupted (the worker stopped):
    # `send_webhooks` puts it back in the queue. A receiver drops a repeat by its webhook-id.
    "WEBHOOKS_SENDING_TIMEOUT": 5 * 60,
    # After a secret is rotated, the previous one still signs every POST beside the new one
    # for this many seconds (Standard Webhooks: several signatures, space-separated), so the
    # receiver can change its secret without refusing anything in between. One day.
    "WEBHOOKS_PREVIOUS_SECRET_SECONDS": 24 * 3600,
    # Delivered and failed deliveries older than this many days are removed by
    # `send_webhooks`; waiting ones are kept whatever their age.
    "WEBHOOKS_DELIVERY_RETENTION_DAYS": 30,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
