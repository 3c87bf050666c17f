"""
E-mails sent after an idea or a form has been stored, as background tasks (django-tasks).

The submission is already committed when these are enqueued, so a failing mail server can
delay or lose an e-mail but never the idea. A task that fails raises, so that the task
backend records the failure (and, in production, retries it).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from . import conf

logger = logging.getLogger(__name__)


def staff_addresses():
    addresses = list(conf.get("ENGAGEMENT_NOTIFY_EMAILS"))
    if not addresses:
        from wagtail.models import Site

        from portal.models import SiteSettings

        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and (email := SiteSettings.for_site(site).email):
            addresses = [email]
    return addresses


def _admin_url(idea):
    from django.urls import reverse

    path = reverse("wagtailsnippets_engagement_idea:edit", args=[idea.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _render(template, context):
    subject = render_to_string(f"engagement/email/{template}_subject.txt", context)
    body = render_to_string(f"engagement/email/{template}.txt", context)
    return " ".join(subject.split()), body


@task()
def notify_staff_of_idea(idea_id: int) -> int:
    """Tell the VVG staff that a new idea waits for moderation (in Lithuanian)."""
    from .models import Idea

    idea = Idea.objects.select_related("theme").filter(pk=idea_id).first()
    addresses = staff_addresses()
    if idea is None or not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render("staff_notification", {"idea": idea, "url": _admin_url(idea)})
    try:
        return send_mail(subject, body, None, addresses)
    except Exception:
        logger.exception("Could not notify the staff of idea %s.", idea_id)
        raise


@task()
def confirm_idea_to_resident(idea_id: int) -> int:
    """Confirm to the resident, in the language they wrote in, that the idea arrived."""
    from .models import Idea

    idea = Idea.objects.filter(pk=idea_id).exclude(email="").first()
    if idea is None:
        return 0
    with translation.override(idea.language):
        subject, body = _render("resident_confirmation", {"idea": idea})
    try:
        return send_mail(subject, body, None, [idea.email])
    except Exception:
        logger.exception("Could not confirm idea %s to its author.", idea_id)
        raise


@task()
def send_form_notification(subject: str, body: str, recipients: list[str]) -> int:
    """The e-mail an editor-built form sends to its "to address" for each submission."""
    try:
        return send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send a form notification to %s.", recipients)
        raise


def enqueue_safely(task_, *args) -> None:
    """Enqueue, and never let a failing queue turn a stored submission into an error page."""
    try:
        task_.enqueue(*args)
    except Exception:
        logger.exception("Could not enqueue %s%s.", task_.name, args)
