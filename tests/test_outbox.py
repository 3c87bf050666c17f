"""The outbox: one stored message per key, delivered after the commit, the deployment check,
the staff's list and "Retry", and personal data. Real SMTP servers: tests/test_outbox_smtp.py."""

import io
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import checks, mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from outbox import send_message
from outbox.models import MessageState, OutgoingMessage, message_id_for
from outbox.sending import retry

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parent.parent


def store(key="test:1", to=("ona@example.org",), **fields):
    defaults = {"subject": "Gavome jūsų idėją", "body": "Ačiū."}
    return send_message(key=key, to=list(to), **{**defaults, **fields})


def test_a_message_is_stored_once_per_key_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = store(headers={"List-Unsubscribe": "<https://example.org/u/1>"})
        again = store(subject="Kita tema")
    assert again.pk == first.pk
    assert OutgoingMessage.objects.count() == 1
    first.refresh_from_db()
    assert first.state == MessageState.SENT
    assert first.attempts == 1
    assert first.sent_at is not None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ona@example.org"]
    assert sent.subject == "Gavome jūsų idėją"
    assert sent.extra_headers["Message-ID"] == message_id_for("test:1")
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/u/1>"
    assert message_id_for("test:1") != message_id_for("test:2")


def test_storing_a_message_queues_its_delivery_and_nothing_else(
    settings, django_capture_on_commit_callbacks
):
    """Nothing else rides on the caller's transaction (Wagtail's reference index would)."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        message = store()
    tasks = list(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
    assert tasks == [("outbox.tasks.deliver", {"args": [message.pk], "kwargs": {}})]
    message.refresh_from_db()
    assert message.state == MessageState.QUEUED
    assert message.task_id == str(DBTaskResult.objects.get().id)


def test_nothing_is_stored_or_sent_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        store()
        raise RuntimeError("the submission failed")
    assert not OutgoingMessage.objects.exists()
    assert mail.outbox == []


def test_a_message_is_delivered_only_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = store(html_body="<p>Ačiū.</p>")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert mail.outbox[0].alternatives[0][0] == "<p>Ačiū.</p>"


# The deployment check ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend",
    [
        "django_tasks.backends.immediate.ImmediateBackend",
        "django_tasks.backends.dummy.DummyBackend",
    ],
)
def test_the_deployment_check_refuses_tasks_inside_requests(settings, backend):
    settings.TASKS = {"default": {"BACKEND": backend}}
    found = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "outbox.E001" in found


def test_the_deployment_check_accepts_the_database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    found = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "outbox.E001" not in found
    # Only with --deploy: development may run tasks at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert "outbox.E001" not in [m.id for m in checks.run_checks()]


def deploy_check(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TASKS_BACKEND"}
    }
    env.update(
        SECRET_KEY="deploy-check-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="vvg.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        **environment,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_check_with_the_queue_and_fail_without():
    assert deploy_check().returncode == 0
    immediate = deploy_check(TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend")
    assert immediate.returncode != 0
    assert "outbox.E001" in immediate.stderr


# Repairs from cron ------------------------------------------------------------------------


def test_a_message_a_stopped_worker_left_half_sent_is_marked_failed_never_resent(
    django_capture_on_commit_callbacks,
):
    long_ago = timezone.now() - timedelta(hours=1)
    for key, attempted in [("stale", long_ago), ("busy", timezone.now())]:
        OutgoingMessage.objects.create(
            key=key,
            to="a@example.org",
            subject=key,
            body=".",
            state=MessageState.SENDING,
            attempts=1,
            last_attempt_at=attempted,
            next_attempt_at=attempted,
        )
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_messages", stdout=out)
    assert "marked 1 interrupted message(s) as failed" in out.getvalue()
    stale, busy = OutgoingMessage.objects.get(key="stale"), OutgoingMessage.objects.get(key="busy")
    assert stale.state == MessageState.FAILED
    assert "galėjo būti pristatytas arba ne" in stale.last_error  # staff read it in Lithuanian
    assert busy.state == MessageState.SENDING
    assert mail.outbox == []


def test_queue_status_counts_the_waiting_tasks_and_the_messages(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        store(key="a")
    failed_message()
    out = io.StringIO()
    call_command("queue_status", stdout=out)
    assert "tasks ready to run: 1" in out.getvalue()
    assert "queued 1, sending 0, sent 0, failed 1" in out.getvalue()


# The staff's list and "Retry" --------------------------------------------------------------


def failed_message(key="test:failed", **fields):
    return OutgoingMessage.objects.create(
        key=key,
        to="ona@example.org",
        subject=fields.pop("subject", "Gavome jūsų idėją"),
        body="Ačiū.",
        state=MessageState.FAILED,
        attempts=8,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        **fields,
    )


@pytest.fixture
def staff(db):
    """A moderator-like editor with admin access but no permission on outgoing messages."""
    user = get_user_model().objects.create_user("darbuotoja", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_failed_messages_are_listed_filtered_and_searched_for_superusers(admin_client):
    failed_message(subject="Laiškas Onai")
    OutgoingMessage.objects.create(
        key="test:sent", to="jonas@example.org", subject="Laiškas Jonui", body=".", state="sent"
    )
    html = admin_client.get("/admin/outgoing-messages/").content.decode()
    assert "Laiškas Onai" in html and "Laiškas Jonui" in html
    assert "Connection refused" in html
    failed_only = admin_client.get("/admin/outgoing-messages/?state=failed").content.decode()
    assert "Laiškas Onai" in failed_only and "Laiškas Jonui" not in failed_only
    found = admin_client.get("/admin/outgoing-messages/?q=jonas@example").content.decode()
    assert "Laiškas Jonui" in found and "Laiškas Onai" not in found
    # Read-only: no adding, editing or deleting.
    assert admin_client.get("/admin/outgoing-messages/new/").status_code == 404
    message = OutgoingMessage.objects.get(key="test:sent")
    assert admin_client.get(f"/admin/outgoing-messages/edit/{message.pk}/").status_code == 404
    assert admin_client.get(f"/admin/outgoing-messages/inspect/{message.pk}/").status_code == 200


def test_only_those_given_the_permission_see_outgoing_messages(
    client, staff, django_capture_on_commit_callbacks
):
    failed_message()
    client.force_login(staff)
    assert client.get("/admin/outgoing-messages/").status_code in (302, 403)
    group = Group.objects.create(name="Laiškų peržiūra")
    group.permissions.add(Permission.objects.get(codename="view_outgoingmessage"))
    staff.groups.add(group)
    response = client.get("/admin/outgoing-messages/")
    assert response.status_code == 200
    assert "Gavome jūsų idėją" in response.content.decode()
    # Seeing is not retrying.
    message = OutgoingMessage.objects.get()
    assert f"/admin/outgoing-messages/retry/{message.pk}/" not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(f"/admin/outgoing-messages/retry/{message.pk}/")
    assert refused.status_code in (302, 403)  # Wagtail sends the refused back to the dashboard
    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    assert mail.outbox == []


def test_retry_sends_a_failed_message_once_however_often_it_is_clicked(
    admin_client, django_capture_on_commit_callbacks
):
    message = failed_message()
    listing = admin_client.get("/admin/outgoing-messages/").content.decode()
    retry_url = f"/admin/outgoing-messages/retry/{message.pk}/"
    assert retry_url in listing
    assert "Connection refused" in admin_client.get(retry_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        first = admin_client.post(retry_url)
        second = admin_client.post(retry_url)
    assert first.status_code == 302
    assert second.status_code in (302, 403)  # no longer failed: sent, so refused
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(mail.outbox) == 1
    assert retry_url not in admin_client.get("/admin/outgoing-messages/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert retry(message.pk) is False  # a sent message is never retried
    assert len(mail.outbox) == 1


# Personal data ----------------------------------------------------------------------------


def test_personal_data_commands_cover_outgoing_messages(django_capture_on_commit_callbacks):
    import json

    with django_capture_on_commit_callbacks(execute=True):
        store(key="idea:1:resident-confirmation", to=["Ona@Example.org"])
        store(
            key="form-submission:1",
            to=["renginiai@vvg.example.org"],
            body="El. paštas: ona@example.org",
        )
        store(key="idea:2:resident-confirmation", to=["jonas@example.org"])
    out = io.StringIO()
    call_command("export_personal_data", "ona@example.org", stdout=out)
    exported = json.loads(out.getvalue())["outgoing_messages"]
    assert [m["subject"] for m in exported] == ["Gavome jūsų idėją"] * 2
    assert exported[0]["to"] == "Ona@Example.org"

    out = io.StringIO()
    call_command("erase_personal_data", "ona@example.org", stdout=out)
    assert "outgoing_messages: 2 deleted" in out.getvalue()
    assert list(OutgoingMessage.objects.values_list("key", flat=True)) == [
        "idea:2:resident-confirmation"
    ]


def test_sent_messages_are_deleted_after_the_retention_period(settings):
    settings.OUTBOX_RETENTION_DAYS = 90
    old = timezone.now() - timedelta(days=91)
    for key, state, created in [
        ("old-sent", MessageState.SENT, old),
        ("old-failed", MessageState.FAILED, old),
        ("old-queued", MessageState.QUEUED, old),
        ("new-sent", MessageState.SENT, timezone.now()),
    ]:
        OutgoingMessage.objects.create(
            key=key, to="a@example.org", subject=".", body=".", state=state, created_at=created
        )
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "Would delete 2 outgoing message(s)" in out.getvalue()
    assert OutgoingMessage.objects.count() == 4
    call_command("purge_personal_data", stdout=io.StringIO())
    assert sorted(OutgoingMessage.objects.values_list("key", flat=True)) == [
        "new-sent",
        "old-queued",
    ]


def test_unsubscribe_headers_follow_rfc_8058():
    from outbox import unsubscribe_headers

    assert unsubscribe_headers("https://vvg.example/stop/abc/") == {
        "List-Unsubscribe": "<https://vvg.example/stop/abc/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
