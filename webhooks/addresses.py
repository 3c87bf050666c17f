"""
Which addresses may receive webhooks: http(s) only, and, unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES
is set, only hosts whose every address is public. Otherwise a webhook could be pointed at the
portal's own network (its database, its cache, a cloud's metadata service). Checked when an
endpoint is saved and again before every attempt, since a name may resolve elsewhere later.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from . import conf


def address_problem(url: str) -> str | None:
    """Why `url` may not receive webhooks, or None if it may."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("This is not a valid address.")
    if parts.scheme not in {"http", "https"}:
        return _("Only http:// and https:// addresses can receive webhooks.")
    if not parts.hostname:
        return _("The address has no host name.")
    if parts.username or parts.password:
        return _("The address may not contain a user name or password.")
    if conf.get("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"):
        return None
    try:
        found = socket.getaddrinfo(
            parts.hostname, port or (443 if parts.scheme == "https" else 80), proto=6
        )
    except (OSError, UnicodeError):
        return _("The host name cannot be resolved.")
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if not address.is_global:
            return _(
                "The host is on a private, loopback or otherwise non-public address (%(address)s)."
            ) % {"address": address}
    return None
