"""
Keeping automated submissions out without bothering residents.

- A honeypot: a field hidden from people (and from screen readers) that bots fill in.
- A minimum fill time: each form carries the time it was first shown, signed so it cannot be
  forged; a form sent back within a few seconds was not typed by a person. The token also
  carries a random identifier and is spent by the submission it brings in (UsedFillToken, in
  the database, in the submission's own transaction): one shown form, one stored submission.
- A rate limit per client, counted in the cache (django-ratelimit), shared by the idea form and
  the editor-built forms. Only stored submissions count: a resident who corrects a mistake
  does not use up the limit.

The client's address is never stored: only a salted one-way digest of it (`client_digest`),
which is also what the rate limit counts by.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

from . import conf

HONEYPOT_FIELD = "website"
FILL_TOKEN_FIELD = "started"  # noqa: S105 (a field name)
_TOKEN_SALT = "engagement.form-started"  # noqa: S105 (a signing namespace, not a secret)
RATE_LIMIT_GROUP = "engagement.forms"

logger = logging.getLogger(__name__)


class FillTokenUsed(Exception):
    """The submission's fill-time token has already brought in another submission."""


def fill_token(started: float | None = None) -> str:
    """A signed record of when a form was shown, with an identifier of its own."""
    started = time.time() if started is None else started
    return signing.Signer(salt=_TOKEN_SALT).sign_object(
        {"t": int(started), "n": secrets.token_hex(16)}
    )


def _payload(token: str) -> tuple[int, str] | None:
    if not token:
        return None
    try:
        payload = signing.Signer(salt=_TOKEN_SALT).unsign_object(token)
        return int(payload["t"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def token_start(token: str) -> int | None:
    """When the form carrying this token was shown, or None if the token is not ours."""
    payload = _payload(token)
    return payload[0] if payload else None


def fill_time_problem(token: str) -> str | None:
    """None when the form was filled at a human pace and not sent before; else "too_fast",
    "expired", "missing" or "used"."""
    payload = _payload(token)
    if payload is None:
        return "missing"
    started, token_id = payload
    elapsed = time.time() - started
    if elapsed > conf.get("ENGAGEMENT_MAX_FILL_SECONDS"):
        return "expired"
    if elapsed < conf.get("ENGAGEMENT_MIN_FILL_SECONDS"):
        return "too_fast"
    from .models import UsedFillToken

    if UsedFillToken.objects.filter(token_id=token_id).exists():
        return "used"
    return None


def spend_fill_token(token: str) -> None:
    """
    Record the token as used, inside the transaction that stores the submission, or raise
    FillTokenUsed if another submission spent it first (the unique identifier decides between
    two at once). Records of tokens that have expired anyway are removed on the way.
    """
    from .models import UsedFillToken

    payload = _payload(token)
    if payload is None:
        raise FillTokenUsed(token)
    started, token_id = payload
    expires = datetime.fromtimestamp(started, tz=UTC) + timedelta(
        seconds=conf.get("ENGAGEMENT_MAX_FILL_SECONDS")
    )
    UsedFillToken.objects.filter(expires_at__lt=timezone.now()).delete()
    try:
        with transaction.atomic():
            UsedFillToken.objects.create(token_id=token_id, expires_at=expires)
    except IntegrityError as error:
        raise FillTokenUsed(token) from error


def honeypot_filled(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD, "").strip())


def client_address(request) -> str:
    """The client's address as the CDN or load balancer saw it, reduced to a /64 for IPv6."""
    header = conf.get("ENGAGEMENT_CLIENT_IP_HEADER")
    raw = request.META.get(header, "") if header else ""
    # The proxy closest to us appends the address it saw: the last entry is the trustworthy one.
    raw = (raw.split(",")[-1] if raw else request.META.get("REMOTE_ADDR", "")).strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        # One household or phone gets a whole /64; count it as one client.
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_digest(request) -> str:
    """A salted one-way digest of the client's address: comparable, not reversible."""
    secret = conf.get("ENGAGEMENT_CLIENT_HASH_SALT") or settings.SECRET_KEY
    return salted_hmac(
        "engagement.client", client_address(request), secret=secret, algorithm="sha256"
    ).hexdigest()


def _client_key(group, request):
    return client_digest(request)


def _usage(request, *, increment: bool):
    return get_usage(
        request,
        group=RATE_LIMIT_GROUP,
        key=_client_key,
        rate=conf.get("ENGAGEMENT_RATE_LIMIT"),
        method="POST",
        increment=increment,
    )


def rate_limit_wait(request) -> int | None:
    """None while the client may send another submission, otherwise the number of seconds
    until it may. Only stored submissions are counted (count_submission)."""
    usage = _usage(request, increment=False)
    if not usage:
        return None
    if usage["limit"] == 0:
        # The cache could not be reached. Keep accepting ideas rather than turn everyone away;
        # the honeypot, fill time and single-use tokens still apply.
        logger.warning("Rate limit cache unavailable; the submission was let through.")
        return None
    if usage["count"] < usage["limit"]:
        return None
    return max(usage["time_left"], 1)


def count_submission(request) -> None:
    """Count a stored submission against the client's limit."""
    _usage(request, increment=True)
