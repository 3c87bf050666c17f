"""
The e-mails sent after an idea or a form has been stored, through the outbox (outbox/).

Each is composed and stored in the submission's own transaction, in a savepoint: the message
exists exactly when the submission was committed, and a message that cannot be composed or
stored is logged and never costs the submission. The outbox delivers it afterwards, in the
background, with retries (docs/outbox.md).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from outbox import send_message

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


def _store_safely(what, compose):
    """Store one message in a savepoint; a failure is logged and rolled back alone."""
    try:
        with transaction.atomic():
            compose()
    except Exception:
        logger.exception("Could not store the e-mail %s; the submission is kept.", what)


def notify_staff_of_idea(idea) -> None:
    """Tell the VVG staff that a new idea waits for moderation (in Lithuanian)."""
    addresses = staff_addresses()
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render("staff_notification", {"idea": idea, "url": _admin_url(idea)})
    send_message(
        key=f"idea:{idea.pk}:staff-notification",
        to=addresses,
        subject=subject,
        body=body,
        language=settings.LANGUAGE_CODE,
    )


def confirm_idea_to_resident(idea) -> None:
    """Confirm to the resident, in the language they wrote in, that the idea arrived."""
    if not idea.email:
        return
    with translation.override(idea.language):
        subject, body = _render("resident_confirmation", {"idea": idea})
    send_message(
        key=f"idea:{idea.pk}:resident-confirmation",
        to=[idea.email],
        subject=subject,
        body=body,
        language=idea.language,
    )


def mail_for_idea(idea) -> None:
    """Both e-mails about a new idea; call inside the idea's transaction."""
    _store_safely(f"to the staff about idea {idea.pk}", lambda: notify_staff_of_idea(idea))
    _store_safely(f"to the author of idea {idea.pk}", lambda: confirm_idea_to_resident(idea))


def mail_form_submission(submission, recipients, subject, render_body) -> None:
    """The e-mail an editor-built form sends to its "to address" for each submission;
    call inside the submission's transaction."""
    _store_safely(
        f"about form submission {submission.pk}",
        lambda: send_message(
            key=f"form-submission:{submission.pk}",
            to=recipients,
            subject=subject,
            body=render_body(),
            language=translation.get_language() or "",
        ),
    )
