"""
Standard Webhooks signatures (https://www.standardwebhooks.com/): a secret `whsec_<base64>`,
and `v1,<base64 of HMAC-SHA256 of "{id}.{timestamp}.{body}">` keyed with its decoded bytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """A new random secret in Standard Webhooks form."""
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def signatures(secrets_: list[str], message_id: str, timestamp: int, body: bytes) -> str:
    """The header's value with one signature per secret, space-separated (the current secret
    and, while a rotation is under way, the previous one): a receiver accepts any that
    matches its secret."""
    return " ".join(signature(secret, message_id, timestamp, body) for secret in secrets_)


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header's value for one attempt."""
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()
