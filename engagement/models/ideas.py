"""
Residents' ideas and the themes they are filed under.

An Idea keeps the resident's words exactly as typed (templates and the API escape them); the
moderators decide what becomes public. Personal data (name, e-mail address, attachment, the
digest of the client's address) can be removed on its own, leaving the anonymised idea
(engagement/privacy.py).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from .. import conf

TITLE_MAX_LENGTH = 150
DESCRIPTION_MAX_LENGTH = 4000
LOCATION_MAX_LENGTH = 200
NAME_MAX_LENGTH = 100
REASON_MAX_LENGTH = 1000


class Theme(TranslatableMixin, models.Model):
    """A theme residents file their ideas under, optionally tied to a strategy measure."""

    title = models.CharField(_("title"), max_length=120)
    measure = models.ForeignKey(
        "strategy.Measure",
        verbose_name=_("strategy measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The measure of the strategy this theme belongs to, if any."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("measure"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("idea theme")
        verbose_name_plural = _("idea themes")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.measure_id and self.locale_id and self.measure.locale_id != self.locale_id:
            raise ValidationError(
                {"measure": _("Choose a measure in the same language as the theme.")}
            )


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "review", _("Under review")
    PUBLISHED = "published", _("Published")
    MERGED = "merged", _("Merged into another idea")
    DECLINED = "declined", _("Declined")


# Shown on the idea wall and in the API. A declined idea is shown with its public reason, so
# residents see why; spam and abuse are deleted instead.
PUBLIC_STATUSES = [IdeaStatus.PUBLISHED, IdeaStatus.MERGED, IdeaStatus.DECLINED]


def attachment_storage():
    return storages[conf.get("ENGAGEMENT_ATTACHMENT_STORAGE")]


def attachment_path(instance, filename):
    # The resident's own file name may say who they are: keep only the checked extension.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"engagement/ideas/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class IdeaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def for_wall(self):
        """Public ideas with what the wall and the API show, newest first, in fixed queries."""
        return (
            self.public()
            .select_related("theme", "merged_into")
            .order_by("-published_at", "-pk")
            .only(
                "id",
                "title",
                "description",
                "location",
                "name",
                "show_name",
                "language",
                "status",
                "public_reason",
                "published_at",
                "created_at",
                "theme__translation_key",
                "theme__title",
                "merged_into__id",
                "merged_into__title",
                "merged_into__language",
                "merged_into__status",
            )
        )

    def with_personal_data(self):
        return self.filter(
            models.Q(name__gt="")
            | models.Q(email__gt="")
            | models.Q(attachment__gt="")
            | models.Q(client_hash__gt="")
        )


class Idea(index.Indexed, ClusterableModel):
    """One resident's idea, as submitted, with its place in moderation."""

    # What the resident typed, kept exactly.
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    location = models.CharField(_("location"), max_length=LOCATION_MAX_LENGTH, blank=True)
    # Personal data: optional, removable (purge_personal_data, erase_personal_data).
    # "name" alone is a thing's name elsewhere ("pavadinimas"); this is a person's.
    name = models.CharField(pgettext_lazy("person", "name"), max_length=NAME_MAX_LENGTH, blank=True)
    show_name = models.BooleanField(_("name may be shown publicly"), default=False)
    email = models.EmailField(_("e-mail address"), blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to=attachment_path,
        storage=attachment_storage,
        blank=True,
        max_length=255,
    )
    attachment_type = models.CharField(_("attachment type"), max_length=50, blank=True)
    client_hash = models.CharField(
        _("digest of the client's address"),
        max_length=64,
        blank=True,
        help_text=_("A salted one-way digest; the address itself is never stored."),
    )
    # Named in the moderator's language ("anglų"), as the admin names content languages.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    # How and when it was given.
    consent_text = models.TextField(_("consent text"))
    consented_at = models.DateTimeField(_("consent given at"))
    # Moderation.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IdeaStatus.choices,
        default=IdeaStatus.NEW,
        db_index=True,
    )
    public_reason = models.TextField(
        _("public reason"),
        max_length=REASON_MAX_LENGTH,
        blank=True,
        help_text=_("Shown on the idea wall when the idea is declined."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
        limit_choices_to={"status__in": PUBLIC_STATUSES},
    )
    moderator_note = models.TextField(
        _("note for moderators"), blank=True, help_text=_("Never shown publicly.")
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("made public at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    objects = IdeaQuerySet.as_manager()

    # Saving an idea must not depend on anything else: Wagtail's reference index would enqueue
    # a task of its own inside the idea's transaction, and nothing links to an idea anyway.
    wagtail_reference_index_ignore = True

    # Site search finds public ideas by what the idea wall shows of them (engagement/search.py).
    # The index is updated after the idea's transaction commits, by engagement's own signal
    # receivers, never inside it: a search index that fails must not cost a resident the idea.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("public_text"),
        index.AutocompleteField("title"),
        index.FilterField("language"),
        index.FilterField("status"),
        index.FilterField("id"),  # modified_since in search (search/query.py)
    ]

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    @classmethod
    def from_db(cls, db, field_names, values):
        idea = super().from_db(db, field_names, values)
        # Remembered to tell whether a save takes a public idea off the wall.
        idea._status_when_loaded = idea.__dict__.get("status")
        return idea

    def changes_what_visitors_see(self) -> bool:
        """Whether saving or deleting this idea changes a page (portal/ledger.py): only a public
        idea, or one that was public when loaded, does. A resident's new idea waits for
        moderation without emptying every cache. Unsure (status not loaded): yes."""
        if "status" not in self.__dict__:
            return True
        return self.is_public or getattr(self, "_status_when_loaded", None) in PUBLIC_STATUSES

    @property
    def public_text(self):
        """What the idea wall shows besides the title: a declined idea shows only its reason."""
        if self.status == IdeaStatus.DECLINED:
            return self.public_reason
        return "\n".join(part for part in (self.description, self.location) if part)

    @property
    def search_language(self):
        """The language the index reads the idea in, on PostgreSQL (search/backends/)."""
        return self.language

    @classmethod
    def get_indexed_objects(cls):
        # `update_index` indexes only what visitors may find.
        return cls.objects.public()

    @property
    def public_name(self):
        """The name only where the resident allowed it to be shown."""
        return self.name if self.show_name else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.status == IdeaStatus.DECLINED and not self.public_reason.strip():
            errors["public_reason"] = _("Say publicly why the idea is declined.")
        if self.status == IdeaStatus.MERGED:
            if self.merged_into_id is None:
                errors["merged_into"] = _("Choose the idea this one is merged into.")
            elif self.merged_into_id == self.pk:
                errors["merged_into"] = _("An idea cannot be merged into itself.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.is_public and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)
        self._status_when_loaded = self.status


class IdeaOutcome(Orderable):
    """A page (an initiative, a call, news) that grew out of an idea, shown with the idea."""

    idea = ParentalKey(Idea, on_delete=models.CASCADE, related_name="outcome_links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("what grew out of the idea")
        verbose_name_plural = _("what grew out of the idea")
