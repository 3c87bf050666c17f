"""The site as the browser tests run it: development settings with DEBUG off, so visitors get
the real error pages, static files through whitenoise's finders and media from local disk."""

from portal.settings.dev import *

DEBUG = False
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# A person filling the idea form takes longer than this; the journeys type fast.
ENGAGEMENT_MIN_FILL_SECONDS = 1
# The staff hear of each idea, so the journeys see the worker deliver a message.
ENGAGEMENT_NOTIFY_EMAILS = ["moderatoriai@vvg.example.org"]
