"""
Two-factor authentication for the admin with time-based one-time codes (TOTP, RFC 6238) from an
authenticator app, on django-otp's TOTPDevice. One confirmed device per user: turning it on
stores a confirmed device, turning it off deletes it.

With the app come RECOVERY_CODE_COUNT recovery codes (django-otp's StaticDevice), shown once:
each signs in once in place of the app's code, for the day the phone is lost. The user can
replace them with new ones at any time.

Wrong codes are throttled by django-otp (each failure doubles the wait) and, at sign-in, also
count as failed sign-ins for django-axes.
"""

from __future__ import annotations

import base64
from binascii import unhexlify

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

SESSION_KEY = "security_two_factor_setup_key"
RECOVERY_CODE_COUNT = 10


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def normalise_code(code: str) -> str:
    """A code as typed: spaces and dashes (as in "abcd-2345") do not matter, nor does case."""
    return "".join((code or "").split()).replace("-", "").lower()


def verify_code(user, code: str) -> TOTPDevice | StaticDevice | None:
    """
    The device that accepts `code`: the app's, if it is its current six-digit code (not one
    already used), or the recovery codes', if it is one of them (which is then used up).
    None otherwise.
    """
    code = normalise_code(code)
    if not code:
        return None
    # A six-digit code is the app's; anything else can only be a recovery code. Trying only
    # the one device keeps a mistyped code from slowing down the other.
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        # Locked while verifying, so that throttling and "each code once" hold across workers.
        devices = model.objects.filter(user=user, confirmed=True).select_for_update()
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones; return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
        codes = [StaticToken.random_token() for _number in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(user) -> None:
    """Remove the user's app and recovery codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def setup_key(request) -> str:
    """The secret offered to the user while they set up their app, kept in their session."""
    key = request.session.get(SESSION_KEY)
    if not key:
        key = request.session[SESSION_KEY] = default_key()
    return key


def unsaved_device(user, key: str) -> TOTPDevice:
    return TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=False)


def code_matches_key(key: str, code: str) -> bool:
    code = normalise_code(code)
    if not code.isdigit():
        return False
    device = unsaved_device(None, key)
    totp = TOTP(unhexlify(key.encode()), device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(code), tolerance=device.tolerance)


def confirm_device(request, key: str) -> TOTPDevice:
    device = unsaved_device(request.user, key)
    device.confirmed = True
    device.save()
    request.session.pop(SESSION_KEY, None)
    return device


def manual_entry_key(key: str) -> str:
    """The secret in base32, as authenticator apps ask for it, in groups of four."""
    secret = base64.b32encode(unhexlify(key.encode())).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(user, key: str) -> str:
    url = unsaved_device(user, key).config_url
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)
