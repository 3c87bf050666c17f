"""Admin sign-in: lockout after repeated failures, two-factor authentication and its recovery
codes, and a sign-in form that never tells whether a password was right."""

import io
import os
import re
import subprocess
import sys

import polib
import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import two_factor
from security.auth import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "Slaptas-zodis-2024"
REFUSED = "Neteisingas vartotojo vardas, slaptažodis arba patvirtinimo kodas."


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
        assert REFUSED in response.content.decode()
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
    # The recovery codes are shown once, on the answer itself.
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    client.recovery_codes = recovery_codes_in(response)
    assert len(client.recovery_codes) == two_factor.RECOVERY_CODE_COUNT
    return TOTPDevice.objects.get(confirmed=True)


def forget_throttling():
    """django-otp makes the next try wait after a wrong code; the tests do not wait."""
    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)


def recovery_codes_in(response):
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


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
    assert REFUSED in response.content.decode()
    assert client.get("/admin/").status_code == 302

    response = sign_in(client, code="000000" if current_code(device) != "000000" else "111111")
    assert response.status_code == 200
    assert REFUSED in response.content.decode()

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


def test_the_sign_in_answer_is_the_same_whatever_the_password(editor):
    """With two-factor on, a right password without the right code gets exactly the answer a
    wrong password gets, and each such try counts towards the lockout."""
    setup = Client()
    sign_in(setup)
    turn_on_two_factor(setup)

    def answer(**kwargs):
        response = sign_in(Client(REMOTE_ADDR="198.51.100.7"), **kwargs)
        html = response.content.decode()
        errors = re.findall(r'<div class="messages"[^>]*>.*?</div>', html, re.S)
        return response.status_code, errors

    right_no_code = answer()
    assert right_no_code[0] == 200 and REFUSED in right_no_code[1][0]
    assert answer(password="neteisingas") == right_no_code
    assert answer(code="000001") == right_no_code
    assert answer(password="neteisingas", code="000001") == right_no_code
    # Four failures counted so far from that address; the fifth locks it, right password or not.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7")).status_code == 429


def test_the_right_password_without_a_code_counts_as_a_failure(editor):
    setup = Client()
    sign_in(setup)
    turn_on_two_factor(setup)
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client).status_code == 200
    assert sign_in(client).status_code == 429


def test_a_recovery_code_signs_in_once(editor):
    setup = Client()
    sign_in(setup)
    turn_on_two_factor(setup)
    first, second = setup.recovery_codes[:2]
    client = Client()
    assert sign_in(client, code=first.upper()[:4] + "-" + first[4:]).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert sign_in(Client(), code=first).status_code == 200  # used up
    assert StaticToken.objects.count() == two_factor.RECOVERY_CODE_COUNT - 1
    assert (
        "Turite 9 nepanaudotus atsarginius kodus"
        in client.get("/admin/two-factor/").content.decode()
    )
    forget_throttling()
    assert sign_in(Client(), code=second).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    sign_in(client)
    turn_on_two_factor(client)
    old = client.recovery_codes
    page = client.get("/admin/two-factor/recovery-codes/")
    assert page.status_code == 200
    response = client.post(
        "/admin/two-factor/recovery-codes/", {"password": PASSWORD, "code": "nera-tokio"}
    )
    assert recovery_codes_in(response) == []
    forget_throttling()
    response = client.post(
        "/admin/two-factor/recovery-codes/", {"password": PASSWORD, "code": old[0]}
    )
    new = recovery_codes_in(response)
    assert len(new) == two_factor.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert sign_in(Client(), code=old[1]).status_code == 200
    forget_throttling()
    assert sign_in(Client(), code=new[0]).status_code == 302


def test_at_first_sign_in_a_required_second_factor_is_set_up(client, editor, settings):
    settings.REQUIRE_TWO_FACTOR = True
    assert sign_in(client).status_code == 302
    assert client.get("/admin/")["Location"] == "/admin/two-factor/"
    turn_on_two_factor(client)
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert sign_in(client).status_code == 200  # from now on, never without a code
    assert sign_in(client, code=client.recovery_codes[0]).status_code == 302


def settings_value(module, name, **environment):
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_SETTINGS_MODULE": module,
        **environment,
    }
    env.pop("REQUIRE_TWO_FACTOR", None)
    env.update(environment)
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_production_requires_two_factor_unless_told_otherwise():
    assert settings_value("portal.settings.production", "REQUIRE_TWO_FACTOR") == "True"
    assert settings_value("portal.settings.dev", "REQUIRE_TWO_FACTOR") == "False"
    assert settings_value("portal.settings.test", "REQUIRE_TWO_FACTOR") == "False"
    off = settings_value("portal.settings.production", "REQUIRE_TWO_FACTOR", REQUIRE_TWO_FACTOR="0")
    assert off == "False"


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
    assert not StaticDevice.objects.exists()


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
    assert not StaticDevice.objects.exists()
    assert sign_in(Client()).status_code == 302


def test_security_catalogue_translates_every_message():
    path = django_settings.BASE_DIR / "security" / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "lt"
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert path.with_suffix(".mo").exists()
