"""Admin sign-in: lockout after repeated failures and optional two-factor authentication."""

import io

import polib
import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import two_factor
from security.auth import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "Slaptas-zodis-2024"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("redaktore", "", PASSWORD)


def sign_in(client, username="redaktore", password=PASSWORD, code=None, **extra):
    data = {"username": username, "password": password}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/", data, **extra)


def current_code(device):
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(6)


def test_sign_in_works(client, editor):
    response = sign_in(client)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_failures_lock_the_account_from_that_address_in_lithuanian(client, editor):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, password="neteisingas")
        assert response.status_code == 200
        assert "slaptažodis nesutapo" in response.content.decode()
    response = sign_in(client, password="neteisingas")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Per daug nesėkmingų bandymų prisijungti" in html
    assert "užblokuotas 15 minučių" in html
    # Even the right password is refused while locked...
    assert sign_in(client).status_code == 429
    assert client.get("/admin/").status_code == 302
    # ...but only for that user name from that address.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert sign_in(other).status_code == 302


def test_a_successful_sign_in_resets_the_count(client, editor):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, password="neteisingas")
    assert sign_in(client).status_code == 302
    client.logout()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, password="neteisingas").status_code == 200
    assert sign_in(client).status_code == 302


def test_test_client_login_and_force_login_still_work(client, editor):
    assert client.login(username="redaktore", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "192.0.2.10"),  # no proxy trusted: the connection's address
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "10.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client's own entry is not trusted
        (2, "10.6.6.6, 198.51.100.1, 192.0.2.50", "198.51.100.1"),
        (2, "", "192.0.2.10"),
    ],
)
def test_client_address_behind_trusted_proxies(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# Two-factor authentication


def turn_on_two_factor(client):
    """Go through the setup page as an editor would; return the confirmed device."""
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html
    key = client.session[two_factor.SESSION_KEY]
    assert two_factor.manual_entry_key(key).replace(" ", "") in html.replace(" ", "")
    device = two_factor.unsaved_device(None, key)
    response = client.post(
        "/admin/two-factor/", {"password": PASSWORD, "code": current_code(device)}
    )
    assert response.status_code == 302
    return TOTPDevice.objects.get(confirmed=True)


def test_two_factor_is_off_until_an_editor_turns_it_on(client, editor):
    sign_in(client)
    account = client.get("/admin/account/").content.decode()
    assert "/admin/two-factor/" in account
    assert "Dviejų veiksnių autentifikavimas" in account
    device = turn_on_two_factor(client)
    assert device.user == editor
    # The session that turned it on proved a code and stays signed in.
    assert client.get("/admin/").status_code == 200
    assert "įjungtas" in client.get("/admin/two-factor/").content.decode()


def test_setup_needs_the_password_and_a_matching_code(client, editor):
    sign_in(client)
    client.get("/admin/two-factor/")
    key = client.session[two_factor.SESSION_KEY]
    code = current_code(two_factor.unsaved_device(None, key))
    response = client.post("/admin/two-factor/", {"password": "ne-tas", "code": code})
    assert response.status_code == 200
    assert "Tai ne jūsų dabartinis slaptažodis." in response.content.decode()
    wrong = str((int(code) + 1) % 1_000_000).zfill(6)
    response = client.post("/admin/two-factor/", {"password": PASSWORD, "code": wrong})
    assert "Kodas netinka." in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_with_two_factor_signing_in_needs_the_current_code(editor):
    setup = Client()
    sign_in(setup)
    device = turn_on_two_factor(setup)

    client = Client()
    response = sign_in(client)
    assert response.status_code == 200
    assert "Įveskite patvirtinimo kodą" in response.content.decode()
    assert client.get("/admin/").status_code == 302

    response = sign_in(client, code="000000" if current_code(device) != "000000" else "111111")
    assert response.status_code == 200
    assert "Patvirtinimo kodas neteisingas" in response.content.decode()

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above made django-otp wait
    device.throttling_failure_timestamp = None
    device.last_t = -1  # the setup used the current code; a code is accepted only once
    device.save()
    response = sign_in(client, code=current_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_towards_the_lockout(editor):
    setup = Client()
    sign_in(setup)
    turn_on_two_factor(setup)
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, code="123456").status_code == 200
    assert sign_in(client, code="123456").status_code == 429


def test_sessions_signed_in_without_a_code_end_when_two_factor_is_turned_on(editor):
    laptop, phone = Client(), Client()
    sign_in(laptop)
    sign_in(phone)
    turn_on_two_factor(phone)
    response = laptop.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/pages/")
    assert laptop.get("/admin/").status_code == 302  # signed out
    assert phone.get("/admin/").status_code == 200


def test_turning_two_factor_off_needs_password_and_code(client, editor):
    sign_in(client)
    device = turn_on_two_factor(client)
    device.last_t = -1
    device.save()
    response = client.post("/admin/two-factor/", {"password": PASSWORD, "code": "12"})
    assert response.status_code == 200
    assert TOTPDevice.objects.exists()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(
        "/admin/two-factor/", {"password": PASSWORD, "code": current_code(device)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()


def test_required_two_factor_sends_editors_to_set_it_up(client, editor, settings):
    settings.REQUIRE_TWO_FACTOR = True
    sign_in(client)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/"
    turn_on_two_factor(client)
    assert client.get("/admin/pages/").status_code == 200


def test_public_pages_do_not_ask_for_two_factor(client, editor, settings):
    settings.REQUIRE_TWO_FACTOR = True
    sign_in(client)
    assert client.get("/apie/").status_code == 200


def test_an_administrator_can_turn_two_factor_off_for_a_lost_phone(client, editor):
    sign_in(client)
    turn_on_two_factor(client)
    out = io.StringIO()
    call_command("disable_two_factor", "redaktore", stdout=out)
    assert "off for redaktore" in out.getvalue()
    assert not TOTPDevice.objects.exists()
    assert sign_in(Client()).status_code == 302


def test_security_catalogue_translates_every_message():
    path = django_settings.BASE_DIR / "security" / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "lt"
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert path.with_suffix(".mo").exists()
