"""
The queue and the outbox against real mail servers started by the tests: aiosmtpd on a free
port, a port where nothing listens (refused), and a socket that accepts and never answers.
The worker is the real one (`manage.py db_worker --batch`) on the database queue.

The worker runs in this process, on the test database; tests that run it use real commits
(transaction=True), because the worker manages its own database connection.
"""

import io
import socket
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from engagement.models import Idea
from outbox import send_message
from outbox.models import MessageState, OutgoingMessage
from outbox.tasks import deliver

from .test_engagement_ideas import idea_data

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(scope="module", autouse=True)
def content_types_cached_afterwards(django_db_blocker):
    """
    The tests with real commits end with the database flushed, which empties Django's cache of
    content types too. Tests without database access run after them (pytest-django's order)
    and build page models in memory, which reads that cache: fill it again from the rows the
    flush re-created.
    """
    yield
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler: keeps every message the server accepted."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def message_ids(self):
        ids = []
        for envelope in self.messages:
            for line in envelope.content.decode().splitlines():
                if line.lower().startswith("message-id:"):
                    ids.append(line.split(":", 1)[1].strip())
        return ids


@contextmanager
def smtp_server(port):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder
    finally:
        controller.stop()


@contextmanager
def hanging_server():
    """Accepts every connection and never says a word (not even the SMTP greeting)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


@pytest.fixture
def mail_to(settings):
    """Point the portal's SMTP settings at a port on the loopback."""
    settings.TASKS = QUEUE
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    def point(port, timeout=5):
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = timeout

    return point


def run_worker():
    """The real worker, until nothing is due (deferred retries wait for their time)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def store(count):
    return [
        send_message(
            key=f"test:{number}",
            to=[f"gyventojas{number}@example.org"],
            subject=f"Laiškas {number}",
            body="Ačiū už idėją.",
        )
        for number in range(count)
    ]


def states():
    return sorted(OutgoingMessage.objects.values_list("state", flat=True))


# (1) The mail server hangs ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_hanging_mail_server_never_holds_up_the_residents_answer(
    committing_client, settings, mail_to
):
    settings.ENGAGEMENT_NOTIFY_EMAILS = ["moderatoriai@vvg.example.org"]
    settings.ENGAGEMENT_RATE_LIMIT = "1000/h"
    with hanging_server() as port:
        # Were the request to wait for mail, it would wait 30 s at the greeting alone.
        mail_to(port, timeout=30)
        started = time.monotonic()
        response = committing_client.post("/idejos/", idea_data())
        answered_in = time.monotonic() - started
    assert response.status_code == 302
    assert response["Location"] == "/idejos/aciu/"
    assert answered_in < 1.0
    idea = Idea.objects.get(title="Suoliukai prie ežero", email="ona@example.org")
    messages = OutgoingMessage.objects.filter(key__startswith=f"idea:{idea.pk}:")
    assert sorted(m.to for m in messages) == ["moderatoriai@vvg.example.org", "ona@example.org"]
    assert {m.state for m in messages} == {MessageState.QUEUED}
    waiting = DBTaskResult.objects.ready().filter(task_path="outbox.tasks.deliver")
    assert sorted(t.args_kwargs["args"][0] for t in waiting) == sorted(m.pk for m in messages)


@pytest.mark.django_db(transaction=True)
def test_the_worker_gives_up_on_a_hanging_server_at_the_timeout_and_tries_later(settings, mail_to):
    settings.OUTBOX_RETRY_DELAYS = [600]
    (message,) = store(1)
    with hanging_server() as port:
        mail_to(port, timeout=1)
        run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.QUEUED
    assert message.attempts == 1
    assert "timed out" in message.last_error
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=500)
    deferred = DBTaskResult.objects.filter(status="READY", task_path="outbox.tasks.deliver")
    assert deferred.count() == 1
    assert deferred.get().run_after == message.next_attempt_at


# (2) The mail server refuses, then comes back -------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_refused_then_back_every_message_is_delivered_exactly_once(settings, mail_to):
    settings.OUTBOX_RETRY_DELAYS = [60, 60, 60]
    port = free_port()  # nothing listens there: connections are refused
    mail_to(port)
    messages = store(3)
    run_worker()
    assert states() == ["queued"] * 3
    assert all("Connection refused" in m.last_error for m in OutgoingMessage.objects.all())
    assert OutgoingMessage.objects.filter(attempts=1).count() == 3

    with smtp_server(port) as received:
        run_worker()  # the retries are not due yet: nothing is sent
        assert received.messages == []
        with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=True):
            run_worker()
            # Lost enqueues are repaired by cron; here none was lost: nothing is sent twice.
            call_command("send_queued_messages", stdout=io.StringIO())
            run_worker()
        assert states() == ["sent"] * 3
        assert len(received.messages) == 3
        assert sorted(e.rcpt_tos[0] for e in received.messages) == sorted(m.to for m in messages)
        assert len(set(received.message_ids())) == 3
        assert OutgoingMessage.objects.filter(attempts=2).count() == 3
        # A delivery task that runs again (enqueued twice by accident) sends nothing more.
        for message in messages:
            deliver.enqueue(message.pk)
        run_worker()
        assert len(received.messages) == 3


# (3) The mail server stays down ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_server_that_stays_down_ends_in_failed_messages_staff_can_retry(
    settings, mail_to, admin_client
):
    settings.OUTBOX_RETRY_DELAYS = [60, 600]  # three attempts
    port = free_port()
    mail_to(port)
    (message,) = store(1)
    run_worker()
    for minutes in (2, 20):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True):
            run_worker()
    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    assert message.attempts == 3
    assert "Connection refused" in message.last_error
    assert not DBTaskResult.objects.ready().exists()

    listing = admin_client.get("/admin/outgoing-messages/?state=failed").content.decode()
    assert "Laiškas 0" in listing
    assert "Connection refused" in listing
    retry_url = f"/admin/outgoing-messages/retry/{message.pk}/"
    assert retry_url in listing

    with smtp_server(port) as received:
        assert admin_client.post(retry_url).status_code == 302
        admin_client.post(retry_url)  # a second click finds it queued, not failed
        run_worker()
        call_command("send_queued_messages", stdout=io.StringIO())
        run_worker()
        admin_client.post(retry_url)  # and now sent
        run_worker()
        assert len(received.messages) == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert message.attempts == 4
