"""
The outbox's settings, with their defaults. Each can be overridden in Django settings
(portal/settings/base.py states them; docs/outbox.md explains them).
"""

from django.conf import settings

DEFAULTS = {
    # Seconds to wait before each retry after a connection error or timeout: the first attempt
    # plus one attempt per entry, then the message is marked failed. 1 min, 5 min, 15 min,
    # 1 h, 3 h, 6 h and 12 h: 8 attempts over about 22 hours.
    "OUTBOX_RETRY_DELAYS": [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600],
    # Sent and failed messages are deleted this many days after they were created
    # (`purge_personal_data`): they hold e-mail addresses.
    "OUTBOX_RETENTION_DAYS": 90,
    # A message still "sending" after this many seconds was interrupted (the worker stopped
    # mid-send): `send_queued_messages` marks it failed rather than risk sending it twice.
    "OUTBOX_SENDING_TIMEOUT": 15 * 60,
    # The domain of each message's Message-ID; the domain of DEFAULT_FROM_EMAIL when empty.
    "OUTBOX_MESSAGE_ID_DOMAIN": "",
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
