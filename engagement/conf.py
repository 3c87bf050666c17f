"""
The engagement plugin's settings, with their defaults. Each can be overridden in Django settings
(see docs/engagement.md); read them through these functions so tests can change them.
"""

from django.conf import settings

DEFAULTS = {
    # Attachments: a photo (JPEG, PNG, WebP) or a PDF, at most this many bytes.
    "ENGAGEMENT_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    # Images larger than this are refused (Pillow's decompression-bomb guard).
    "ENGAGEMENT_ATTACHMENT_MAX_PIXELS": 40_000_000,
    # Images are re-encoded and scaled down to fit this box.
    "ENGAGEMENT_ATTACHMENT_MAX_SIDE": 3000,
    # The storage alias (settings.STORAGES) attachments are kept in; use a private bucket in
    # production, as attachments are personal data.
    "ENGAGEMENT_ATTACHMENT_STORAGE": "default",
    # A form sent sooner than this after it was shown is treated as automated.
    "ENGAGEMENT_MIN_FILL_SECONDS": 3,
    # A form older than this must be reloaded (its signed start time has expired).
    "ENGAGEMENT_MAX_FILL_SECONDS": 24 * 60 * 60,
    # How many forms one client may send (ideas and editor-built forms together).
    "ENGAGEMENT_RATE_LIMIT": "20/h",
    # Salt for the digest of the client's address; the SECRET_KEY when empty.
    "ENGAGEMENT_CLIENT_HASH_SALT": "",
    # The request header (META key) with the client's address set by the CDN or load
    # balancer, e.g. "HTTP_X_REAL_IP"; REMOTE_ADDR when empty.
    "ENGAGEMENT_CLIENT_IP_HEADER": "",
    # Who hears of each new idea; the public e-mail of the site settings when empty.
    "ENGAGEMENT_NOTIFY_EMAILS": [],
    # How long names, e-mail addresses and attachments are kept (purge_personal_data).
    "ENGAGEMENT_RETENTION_DAYS": 730,
    # Ideas on one page of the idea wall.
    "ENGAGEMENT_WALL_PAGE_SIZE": 12,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
