"""
Webhooks against a real HTTP receiver that the tests start on 127.0.0.1: each visible change is
POSTed once, signed as Standard Webhooks says (checked with the independent `standardwebhooks`
package), retried after a 500, never for a draft, never holding up a publish; and the admin's
endpoints, delivery log and "Send again".
"""

import io
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


class Receiver:
    """What the receiver got: one (headers, body, when) per request."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []
        self.release = threading.Event()


@contextmanager
def receiver(*answers):
    """An HTTP server on a free port of 127.0.0.1. Each POST gets the next of `answers`: a
    status code, ("redirect", location) or "hang" (never answers); 200 when they run out."""
    got = Receiver(answers)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = {name.lower(): value for name, value in self.headers.items()}
            got.requests.append((headers, body, time.monotonic()))
            answer = got.answers.pop(0) if got.answers else 200
            if answer == "hang":
                got.release.wait(30)
                return
            if isinstance(answer, tuple):
                self.send_response(302)
                self.send_header("Location", answer[1])
            else:
                self.send_response(answer)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield got, f"http://127.0.0.1:{server.server_port}/hook"
    finally:
        got.release.set()
        server.shutdown()
        server.server_close()


def verified(endpoint, request):
    """The payload, if the independent implementation accepts the signature (else it raises)."""
    headers, body, _ = request
    return Webhook(endpoint.secret).verify(body, headers)


def test_a_publish_delivers_one_signed_post_like_the_feed(
    client, home_lt, django_capture_on_commit_callbacks
):
    with receiver() as (got, url):
        endpoint = WebhookEndpoint.objects.create(url=url, description="Savivaldybės svetainė")
        assert endpoint.secret.startswith("whsec_")
        page = ContentPageFactory(parent=home_lt, slug="naujiena", title="Naujiena", live=False)
        with django_capture_on_commit_callbacks(execute=True):
            started = time.monotonic()
            page.save_revision().publish()
        assert len(got.requests) == 1
        latency = got.requests[0][2] - started
        print(f"webhook latency, publish to receipt: {latency * 1000:.0f} ms")  # noqa: T201 - the figure
    payload = verified(endpoint, got.requests[0])
    delivery = WebhookDelivery.objects.get()
    assert got.requests[0][0]["webhook-id"] == delivery.message_id
    assert abs(int(got.requests[0][0]["webhook-timestamp"]) - time.time()) < 60
    assert payload["type"] == "page.published"
    # The same item as the change feed's.
    feed = client.get(f"/api/v1/changes?after={payload['data']['id'] - 1}&limit=1").json()
    assert payload["data"] == feed["results"][0]
    assert payload["data"]["url"] == "http://testserver/naujiena/"
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == (
        DeliveryState.DELIVERED,
        1,
        200,
    )
    # A tampered body or another secret is refused by the receiver's check.
    headers, body, _ = got.requests[0]
    with pytest.raises(Exception, match="(?i)signature"):
        Webhook(endpoint.secret).verify(body.replace(b"published", b"changed"), headers)


def test_an_unpublish_delivers_a_tombstone_and_filters_choose_what_is_sent(
    home_lt, django_capture_on_commit_callbacks
):
    page = ContentPageFactory(parent=home_lt, slug="laikina", title="Laikina")
    with receiver() as (got, url):
        everything = WebhookEndpoint.objects.create(url=url)
        WebhookEndpoint.objects.create(url=url, kinds=["published"])  # not an unpublish
        WebhookEndpoint.objects.create(url=url, types=["idea"])  # not a page
        WebhookEndpoint.objects.create(url=url, active=False)
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
    assert len(got.requests) == 1
    data = verified(everything, got.requests[0])["data"]
    assert (data["kind"], data["tombstone"], data["url"], data["api_url"]) == (
        "unpublished",
        True,
        None,
        None,
    )
    assert "Laikina" not in got.requests[0][1].decode()


def test_a_draft_delivers_nothing(home_lt, django_capture_on_commit_callbacks):
    page = ContentPageFactory(parent=home_lt, slug="juodrastis", title="Juodraštis")
    with receiver() as (got, url):
        WebhookEndpoint.objects.create(url=url)
        with django_capture_on_commit_callbacks(execute=True):
            page.title = "Juodraštis, taisomas"
            page.save_revision()
    assert got.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_500_is_retried_with_the_same_id_and_then_delivered(
    settings, home_lt, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_DELAYS = [60]
    with receiver(500, 200) as (got, url):
        endpoint = WebhookEndpoint.objects.create(url=url)
        with django_capture_on_commit_callbacks(execute=True):
            ContentPageFactory(parent=home_lt, slug="bandymas", title="Bandymas")
        delivery = WebhookDelivery.objects.get()
        assert (delivery.state, delivery.attempts, delivery.last_status_code) == (
            DeliveryState.PENDING,
            1,
            500,
        )
        assert delivery.last_error == "HTTP 500"
        assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=55)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_webhooks", stdout=io.StringIO())  # not due yet
        assert len(got.requests) == 1
        with (
            time_machine.travel(timezone.now() + timedelta(seconds=61)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("send_webhooks", stdout=io.StringIO())
    assert len(got.requests) == 2
    first, second = (verified(endpoint, request) for request in got.requests)
    assert first == second
    assert got.requests[0][0]["webhook-id"] == got.requests[1][0]["webhook-id"]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == (
        DeliveryState.DELIVERED,
        2,
        200,
    )


def test_the_last_failed_attempt_gives_up_and_keeps_the_error(
    settings, home_lt, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_DELAYS = [60]
    with receiver(503, 503) as (got, url):
        WebhookEndpoint.objects.create(url=url)
        with django_capture_on_commit_callbacks(execute=True):
            ContentPageFactory(parent=home_lt, slug="nepavyks", title="Nepavyks")
        with (
            time_machine.travel(timezone.now() + timedelta(seconds=61)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("send_webhooks", stdout=io.StringIO())
    delivery = WebhookDelivery.objects.get()
    assert len(got.requests) == 2
    assert (delivery.state, delivery.attempts, delivery.last_error) == (
        DeliveryState.FAILED,
        2,
        "HTTP 503",
    )


def test_a_redirect_is_never_followed(home_lt, django_capture_on_commit_callbacks):
    with receiver(("redirect", "http://169.254.169.254/latest/")) as (got, url):
        WebhookEndpoint.objects.create(url=url)
        with django_capture_on_commit_callbacks(execute=True):
            ContentPageFactory(parent=home_lt, slug="nukreipta", title="Nukreipta")
    delivery = WebhookDelivery.objects.get()
    assert len(got.requests) == 1
    assert delivery.state == DeliveryState.FAILED
    assert delivery.last_status_code == 302
    assert "redirects are not followed" in delivery.last_error


def test_a_receiver_that_hangs_never_holds_up_the_publish(
    settings, home_lt, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from webhooks.tasks import deliver

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOKS_TIMEOUT = 2
    settings.WEBHOOKS_RETRY_DELAYS = [60]
    page = ContentPageFactory(parent=home_lt, slug="skubu", title="Skubu", live=False)
    with receiver("hang") as (got, url):
        WebhookEndpoint.objects.create(url=url)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        published_in = time.monotonic() - started
        print(f"publish with a hanging receiver: {published_in * 1000:.0f} ms")  # noqa: T201 - the figure
        assert published_in < settings.WEBHOOKS_TIMEOUT
        delivery = WebhookDelivery.objects.get()
        waiting = DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver")
        assert [task.args_kwargs["args"] for task in waiting] == [[delivery.pk]]
        # The worker's attempt waits no longer than the timeout, then tries again later.
        started = time.monotonic()
        assert deliver.call(delivery.pk) == "retry"
        gave_up_after = time.monotonic() - started
    assert settings.WEBHOOKS_TIMEOUT <= gave_up_after < settings.WEBHOOKS_TIMEOUT + 2
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PENDING
    assert "timed out" in delivery.last_error.lower()
    assert len(got.requests) == 1


# Addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://hooks.example.org/", "file:///etc/passwd", "http://user:pw@example.org/"]
)
def test_only_plain_http_and_https_addresses_are_accepted(url):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        WebhookEndpoint(url=url).full_clean()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/", "http://10.1.2.3/", "http://[::1]/", "http://localhost/"]
)
def test_private_addresses_are_refused_unless_allowed(settings, url):
    from django.core.exceptions import ValidationError

    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError, match="neviešas"):
        WebhookEndpoint(url=url).full_clean()
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    WebhookEndpoint(url=url).full_clean()


def test_a_private_address_is_refused_again_when_delivering(
    settings, home_lt, django_capture_on_commit_callbacks
):
    with receiver() as (got, url):
        WebhookEndpoint.objects.create(url=url)
        settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
        with django_capture_on_commit_callbacks(execute=True):
            ContentPageFactory(parent=home_lt, slug="vidus", title="Vidus")
    assert got.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert "neviešas" in delivery.last_error  # staff read it in Lithuanian


def test_production_refuses_private_addresses_by_default():
    from portal.settings import base

    source = (base.PROJECT_DIR / "settings" / "production.py").read_text()
    assert (
        'WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)'
        in (source)
    )


# The admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff(db):
    """An editor with admin access but no permission on webhooks."""
    user = get_user_model().objects.create_user("redaktorius", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_an_administrator_registers_an_endpoint_and_sees_its_secret(admin_client):
    assert admin_client.get("/admin/webhooks/endpoints/").status_code == 200
    assert admin_client.get("/admin/webhooks/endpoints/new/").status_code == 200
    response = admin_client.post(
        "/admin/webhooks/endpoints/new/",
        {
            "url": "http://127.0.0.1:9/hook",
            "description": "Savivaldybės svetainė",
            "kinds": ["published", "unpublished"],
            "types": ["call", "page"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get(description="Savivaldybės svetainė")
    assert endpoint.kinds == ["published", "unpublished"]
    assert endpoint.types == ["call", "page"]
    edit = admin_client.get(f"/admin/webhooks/endpoints/edit/{endpoint.pk}/")
    assert endpoint.secret in edit.content.decode()
    refused = admin_client.post(
        "/admin/webhooks/endpoints/new/", {"url": "ftp://example.org/", "active": "on"}
    )
    assert refused.status_code == 200
    assert WebhookEndpoint.objects.count() == 1


def test_an_editor_without_the_permission_cannot_see_or_register_endpoints(client, staff):
    client.force_login(staff)
    for url in (
        "/admin/webhooks/endpoints/",
        "/admin/webhooks/endpoints/new/",
        "/admin/webhooks/deliveries/",
    ):
        response = client.get(url)
        assert response.status_code in {302, 403}, url
    client.post("/admin/webhooks/endpoints/new/", {"url": "http://127.0.0.1:9/", "active": "on"})
    assert not WebhookEndpoint.objects.exists()
    assert "webhooks" not in client.get("/admin/").content.decode()


def test_an_administrator_sends_a_delivery_again_from_the_log(
    admin_client, staff, home_lt, django_capture_on_commit_callbacks
):
    with receiver(404, 200) as (got, url):
        endpoint = WebhookEndpoint.objects.create(url=url)
        with django_capture_on_commit_callbacks(execute=True):
            ContentPageFactory(parent=home_lt, slug="dar-karta", title="Dar kartą")
        delivery = WebhookDelivery.objects.get()
        assert (delivery.state, delivery.last_status_code) == (DeliveryState.FAILED, 404)
        listing = admin_client.get("/admin/webhooks/deliveries/").content.decode()
        resend_url = f"/admin/webhooks/deliveries/resend/{delivery.pk}/"
        assert resend_url in listing and "HTTP 404" in listing
        assert admin_client.get(resend_url).status_code == 200
        # Seeing the log is not sending again.
        staff.user_permissions.add(Permission.objects.get(codename="view_webhookdelivery"))
        admin_client.force_login(staff)
        with django_capture_on_commit_callbacks(execute=True):
            assert admin_client.post(resend_url).status_code in {302, 403}
        assert len(got.requests) == 1
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, 1)
        admin_client.force_login(get_user_model().objects.get(username="admin"))
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(resend_url)
        assert response.status_code == 302
    assert len(got.requests) == 2
    assert got.requests[0][0]["webhook-id"] == got.requests[1][0]["webhook-id"]
    verified(endpoint, got.requests[1])
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.DELIVERED, 2)


def test_the_webhooks_admin_speaks_lithuanian(admin_client):
    from .test_admin_lithuanian import visible_text

    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hook")
    english = [
        "Webhooks",
        "Endpoints",
        "Deliveries",
        "Kinds of change",
        "Types of content",
        "signing secret",
        "no longer public",
        "True",
        "There are no",
    ]
    for url in (
        "/admin/",
        "/admin/webhooks/endpoints/",
        "/admin/webhooks/endpoints/new/",
        f"/admin/webhooks/endpoints/edit/{endpoint.pk}/",
        "/admin/webhooks/deliveries/",
    ):
        # "Standard Webhooks" is the name of the scheme, quoted as such.
        text = visible_text(admin_client.get(url).content.decode()).replace("Standard Webhooks", "")
        assert [phrase for phrase in english if phrase in text] == [], url
    endpoints = visible_text(admin_client.get("/admin/webhooks/endpoints/").content.decode())
    assert "Žiniatinklio kabliukų gavėjai" in endpoints
    text = visible_text(admin_client.get("/admin/webhooks/endpoints/new/").content.decode())
    assert "Pakeitimų rūšys" in text and "Pasirašymo slaptasis raktas" in text
    deliveries = visible_text(admin_client.get("/admin/webhooks/deliveries/").content.decode())
    assert "Pristatymų dar nėra" in deliveries


def test_send_webhooks_enqueues_a_lost_delivery_once_and_stores_what_was_missed(
    settings, home_lt, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hook")
    # A change whose fan-out never ran (the process stopped right after the commit).
    ContentPageFactory(parent=home_lt, slug="pamesta", title="Pamesta")
    assert not WebhookDelivery.objects.exists()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_webhooks", stdout=io.StringIO())
    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == endpoint and delivery.event_type == "page.published"
    # Enqueued once: the second run found its task waiting.
    tasks = DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver")
    assert [task.args_kwargs["args"] for task in tasks] == [[delivery.pk]]


# Rotating the secret, keeping the log short -------------------------------------------------


def publish_one(home_lt, django_capture_on_commit_callbacks, slug):
    page = ContentPageFactory(parent=home_lt, slug=slug, title=slug.title(), live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_after_a_rotation_both_secrets_sign_until_the_old_one_expires(
    admin_client, home_lt, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_PREVIOUS_SECRET_SECONDS = 3600
    with receiver() as (got, url):
        endpoint = WebhookEndpoint.objects.create(url=url)
        old = endpoint.secret
        inspect = admin_client.get(f"/admin/webhooks/endpoints/inspect/{endpoint.pk}/")
        rotate_url = f"/admin/webhooks/endpoints/rotate/{endpoint.pk}/"
        assert rotate_url in inspect.content.decode()
        assert "1 valandą" in admin_client.get(rotate_url).content.decode()
        assert admin_client.post(rotate_url).status_code == 302
        endpoint.refresh_from_db()
        new = endpoint.secret
        assert new != old and new.startswith("whsec_") and endpoint.previous_secret == old

        publish_one(home_lt, django_capture_on_commit_callbacks, "pirma")
        # The receiver accepts it with either secret (the independent implementation).
        assert Webhook(old).verify(got.requests[0][1], got.requests[0][0])
        assert Webhook(new).verify(got.requests[0][1], got.requests[0][0])
        assert len(got.requests[0][0]["webhook-signature"].split(" ")) == 2

        with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
            publish_one(home_lt, django_capture_on_commit_callbacks, "antra")
            headers, body, _ = got.requests[1]
            assert Webhook(new).verify(body, headers)
            with pytest.raises(Exception, match="(?i)signature"):
                Webhook(old).verify(body, headers)


def test_only_those_who_may_change_endpoints_rotate_secrets(client, staff):
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hook")
    client.force_login(staff)
    secret = endpoint.secret
    assert client.post(f"/admin/webhooks/endpoints/rotate/{endpoint.pk}/").status_code in (
        302,
        403,
    )
    endpoint.refresh_from_db()
    assert endpoint.secret == secret and not endpoint.previous_secret


def test_send_webhooks_removes_old_finished_deliveries_and_keeps_waiting_ones(settings):
    settings.WEBHOOKS_DELIVERY_RETENTION_DAYS = 30
    endpoint = WebhookEndpoint.objects.create(url="http://127.0.0.1:9/hook")
    old = timezone.now() - timedelta(days=31)

    def delivery(change_id, state, created_at):
        return WebhookDelivery.objects.create(
            endpoint=endpoint,
            change_id=change_id,
            event_type="page.changed",
            payload={},
            state=state,
            created_at=created_at,
            next_attempt_at=timezone.now() + timedelta(days=1),
        )

    delivery(1, DeliveryState.DELIVERED, old)
    delivery(2, DeliveryState.FAILED, old)
    waiting = delivery(3, DeliveryState.PENDING, old)
    recent = delivery(4, DeliveryState.DELIVERED, timezone.now() - timedelta(days=29))
    out = io.StringIO()
    call_command("send_webhooks", stdout=out)
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
    assert "2 older than 30 days removed" in out.getvalue()
